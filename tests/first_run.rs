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
    // Without CI set and without a controlling terminal (a cron job), no one is asked.
    env.through(&["setsid", "-w"])
        .env("TRESOR_IDENTITY", env.path("alice.key"))
        .env_remove("CI")
        .args(["destroy", "a/b", "--all"])
        .fails(2);
}

/// The user's name in the user database, as `id -un` says it.
fn user_name() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn init_works_without_user_or_logname_and_creates_the_vault_folder() {
    let env = Env::new();
    env.identity("me");
    let cases = [("a/vault.toml", true), ("b/deeper/vault.toml", false)];
    for (vault, with_home) in cases {
        let mut run = env
            .as_("me.key")
            .env_remove("USER")
            .env_remove("LOGNAME")
            .args(["init", "--json", "--vault", vault]);
        if !with_home {
            run = run.env_remove("HOME");
        }
        let doc = run.ok().json();
        assert_eq!(doc["admin"], user_name(), "{doc}");
        assert!(env.path(vault).is_file());
        let folder = std::path::Path::new(vault).parent().unwrap();
        for dir in folder.ancestors().filter(|d| !d.as_os_str().is_empty()) {
            assert_eq!(env.mode(dir.to_str().unwrap()), 0o700, "{}", dir.display());
        }
        env.as_("me.key")
            .args(["create", "s/a", "--vault", vault])
            .stdin("CANARY-nouser")
            .ok();
    }
}

#[test]
fn init_by_a_user_the_database_does_not_know_names_the_creator_admin() {
    let root = std::process::Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        eprintln!("skipped: only root can run tresor as a user with no name");
        return;
    }
    let env = Env::new();
    env.identity("me");
    let key = env.secret_key("me.key");
    crate::support::set_mode(env.root(), 0o755);
    std::fs::create_dir(env.path("open")).unwrap();
    crate::support::set_mode(&env.path("open"), 0o777);
    let doc = env
        .tresor_via(&[
            "setpriv",
            "--reuid=54321",
            "--regid=54321",
            "--clear-groups",
        ])
        .env_remove("USER")
        .env("TRESOR_IDENTITY_KEY", &key)
        .env("HOME", env.path("open"))
        .args(["init", "--json", "--vault", "open/team/vault.toml"])
        .ok()
        .json();
    assert_eq!(doc["admin"], "admin", "{doc}");
    assert_eq!(env.mode("open/team"), 0o700);
}

#[test]
fn a_user_name_that_is_not_a_principal_name_is_refused() {
    let env = Env::new();
    env.identity("me");
    let out = env
        .as_("me.key")
        .env("USER", "Jean Dupont")
        .args(["init"])
        .fails(2);
    out.error_says(&["Jean Dupont", "--name"]);
    assert!(!env.vault().exists());
}

/// The README's "A first session", run as written by `sh -e` on a machine with no
/// `$USER` (a container): a fresh home, only PATH, HOME and the key it pipes in.
#[test]
fn the_readmes_first_session_runs_as_written_without_user() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let session = readme
        .split("## A first session")
        .nth(1)
        .and_then(|rest| rest.split("```sh\n").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("the README has a first session");
    assert!(session.contains("tresor init"), "{session}");
    let env = Env::new();
    let home = env.path("home");
    let work = env.path("home/project");
    std::fs::create_dir_all(&work).unwrap();
    let bin = std::path::Path::new(crate::support::TRESOR)
        .parent()
        .unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let out = std::process::Command::new("sh")
        .args(["-e", "-c", session])
        .current_dir(&work)
        .env_clear()
        .env("PATH", path)
        .env("HOME", &home)
        .env("CI", "1")
        .env("STRIPE_KEY", "sk_live_canary_first_session")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("sk_live_canary_first_session"), "{stdout}");
    assert!(work.join("vault.toml").is_file());
}
