//! A first run that guides: without an identity or a vault, the error names the
//! exact command to run next; nothing ever waits for input.

use crate::support::Env;

#[test]
fn no_identity_says_how_to_make_one() {
    let env = Env::new();
    let out = env.tresor().args(["get", "a/b"]).fails(7);
    assert!(
        out.stderr.contains("`tresor identity new`"),
        "{}",
        out.stderr
    );
    let out = env.as_("missing.key").args(["get", "a/b"]).fails(7);
    assert!(
        out.stderr.contains("`tresor identity new --out ") && out.stderr.contains("missing.key`"),
        "{}",
        out.stderr
    );
}

#[test]
fn no_vault_says_how_to_make_one() {
    let env = Env::new();
    env.identity("alice");
    for args in [&["get", "a/b"][..], &["list"][..], &["check"][..]] {
        let out = env.as_("alice.key").args(args).fails(1);
        assert!(
            out.stderr.contains("`tresor init`"),
            "{args:?}: {}",
            out.stderr
        );
    }
    let out = env
        .as_("alice.key")
        .args(["--vault", "team.toml", "get", "a/b"])
        .fails(1);
    assert!(
        out.stderr.contains("`tresor init --vault team.toml`"),
        "{}",
        out.stderr
    );
    // Following the advice works.
    env.as_("alice.key")
        .args(["--vault", "team.toml", "init"])
        .ok();
    env.as_("alice.key")
        .args(["--vault", "team.toml", "list"])
        .ok();
}

#[test]
fn nothing_prompts_without_a_terminal() {
    let env = Env::with_vault();
    // stdin is a pipe here: an empty value is refused, never asked for.
    env.as_("alice.key").args(["create", "a/b"]).fails(2);
    env.create("a/b", "v");
    let out = env
        .as_("alice.key")
        .args(["destroy", "a/b", "--all"])
        .fails(2);
    assert!(out.stderr.contains("--yes"), "{}", out.stderr);
    // Without CI set, a pipe on stdin is still no terminal.
    env.as_("alice.key")
        .env_remove("CI")
        .args(["destroy", "a/b", "--all"])
        .fails(2);
}
