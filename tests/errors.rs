//! Bad input and the exit codes of DESIGN.md section 2 (1, 2, 3, 5): one clear sentence
//! on stderr, no panic, nothing on stdout, and the vault and audit log untouched.

use crate::support::{Env, SECRET_KEY_PREFIX};

/// A vault holding `app/x` (versions 1 and 2).
fn vault_with_secret() -> Env {
    let env = Env::with_vault();
    env.create("app/x", "CANARY-x1");
    env.as_("alice.key")
        .args(["rotate", "app/x"])
        .stdin("CANARY-x2")
        .ok();
    env
}

/// Runs `tresor ARGS` as alice with `stdin`, insisting on exit `code` and no change;
/// returns the error sentence.
fn refused(env: &Env, args: &[&str], stdin: &str, code: i32) -> String {
    let run = env.as_("alice.key").args(args).stdin(stdin);
    env.refuses(run, code).error().to_string()
}

/// The key line of an identity file.
fn secret_key(env: &Env, key: &str) -> String {
    let text = std::fs::read_to_string(env.path(key)).unwrap();
    text.lines()
        .find(|l| l.starts_with(SECRET_KEY_PREFIX))
        .unwrap()
        .to_string()
}

#[test]
fn bad_command_lines_are_usage_errors() {
    let env = vault_with_secret();
    let cases: &[&[&str]] = &[
        &["get", "app/x", "--bogus"],
        &["frobnicate"],
        &["get"],
        &["get", "app/x", "--version", "one"],
        &["get", "app/x", "--version", "1", "--alias", "current"],
        &["list", "--json=1"],
        &["rotate", "app/x", "--stage=yes"],
        &["destroy", "app/x", "--yes=no"],
        &["destroy", "app/x", "--yes"],
        &["create", "app/y", "--generate", "48"],
        &["create", "app/y", "--from-file", "f", "--generate"],
        &["promote", "app/x"],
        &["rollback", "app/x", "extra"],
        &["completions", "tcsh"],
    ];
    for args in cases {
        let out = env.refuses(env.as_("alice.key").args(*args).stdin("CANARY-argv"), 2);
        assert!(
            out.stderr.starts_with("error: "),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn invalid_values_of_flags_are_usage_errors() {
    let env = vault_with_secret();
    let cases: &[(&[&str], &str)] = &[
        (&["create", "app/y", "--generate=4"], "8 to 4096"),
        (&["create", "app/y", "--generate=5000"], "8 to 4096"),
        (
            &["create", "app/y", "--rotate-every", "soon"],
            "not a duration",
        ),
        (
            &["create", "app/y", "--expires", "whenever"],
            "neither an RFC 3339 time",
        ),
        (&["create", "app/y", "--tag", "novalue"], "KEY=VALUE"),
        (&["create", "app/y", "--tag", "bad key=v"], "tag key"),
        (
            &["get", "app/x", "--alias", "1abc"],
            "not a valid alias name",
        ),
        (&["audit", "log", "--secret", "["], "not a valid glob"),
        (&["audit", "log", "--since", "soon"], "not a duration"),
        (&["audit", "verify", "--expect-head", "12"], "SEQ:HASH"),
    ];
    for (args, says) in cases {
        assert!(
            refused(&env, args, "CANARY-y", 2).contains(says),
            "{args:?}"
        );
    }
    let empty = refused(&env, &["create", "app/y"], "", 2);
    assert!(empty.contains("is empty"), "{empty}");
    let timeout = env
        .as_("alice.key")
        .env("TRESOR_LOCK_TIMEOUT", "forever")
        .args(["list"]);
    assert!(
        env.refuses(timeout, 2)
            .error()
            .contains("TRESOR_LOCK_TIMEOUT")
    );
}

#[test]
fn invalid_secret_names_are_refused_by_every_command() {
    let env = vault_with_secret();
    let long = "x".repeat(257);
    let names = [
        "../x",
        "a//b",
        "a b",
        "",
        "/a",
        "a/",
        "a/./b",
        "é",
        long.as_str(),
    ];
    for name in names {
        for command in [
            &["create", name][..],
            &["get", name],
            &["show", name],
            &["rotate", name],
        ] {
            let message = refused(&env, command, "CANARY-name", 2);
            assert!(
                message.contains("is not a valid secret name"),
                "{command:?}: {message}"
            );
        }
    }
    let longest = "x".repeat(256);
    env.create(&longest, "CANARY-256");
    assert_eq!(env.get(&longest, &[]), b"CANARY-256");
}

#[test]
fn what_is_not_there_is_exit_3() {
    let env = vault_with_secret();
    let cases: &[(&[&str], &str)] = &[
        (&["get", "app/nope"], "No secret named 'app/nope'"),
        (&["show", "app/nope"], "No secret named 'app/nope'"),
        (&["rotate", "app/nope", "--generate"], "No secret named"),
        (
            &["destroy", "app/nope", "--all", "--yes"],
            "No secret named",
        ),
        (&["get", "app/x", "--version", "9"], "has no version 9"),
        (&["get", "app/x", "--version", "0"], "has no version 0"),
        (
            &["get", "app/x", "--alias", "canary"],
            "has no alias 'canary'",
        ),
        (
            &["get", "app/x", "--alias", "pending"],
            "has no alias 'pending'",
        ),
        (&["promote", "app/x", "9"], "has no version 9"),
        (&["disable", "app/x", "--version", "9"], "has no version 9"),
        (&["alias", "rm", "app/x", "canary"], "has no alias 'canary'"),
    ];
    for (args, says) in cases {
        assert!(refused(&env, args, "", 3).contains(says), "{args:?}");
    }
    env.create("app/one", "CANARY-one");
    assert!(refused(&env, &["rollback", "app/one"], "", 3).contains("no previous version"));
}

#[test]
fn creating_what_exists_is_refused() {
    let env = vault_with_secret();
    let message = refused(&env, &["create", "app/x"], "CANARY-again", 1);
    assert!(
        message.contains("already exists") && message.contains("tresor rotate"),
        "{message}"
    );
}

#[test]
fn a_missing_vault_says_so_and_creates_none() {
    let env = Env::new();
    env.identity("alice");
    for args in [
        &["list"][..],
        &["show", "app/x"],
        &["audit", "verify"],
        &["recipient", "list"],
    ] {
        let message = refused(&env, args, "", 1);
        assert!(
            message.contains("No vault at") && message.contains("tresor init"),
            "{message}"
        );
    }
    let named = refused(&env, &["get", "app/x", "--vault", "missing.toml"], "", 1);
    assert!(named.contains("No vault at missing.toml"), "{named}");
    assert!(!env.vault().exists() && !env.path("data/tresor/vault.toml").exists());
}

#[test]
#[ignore = "bug: with no vault anywhere, get and rotate blame a missing lock file instead of saying there is no vault and to run `tresor init`"]
fn a_missing_vault_says_so_for_commands_that_need_a_key() {
    let env = Env::new();
    env.identity("alice");
    for args in [&["get", "app/x"][..], &["rotate", "app/x", "--generate"]] {
        let message = refused(&env, args, "", 1);
        assert!(
            message.contains("No vault at") && message.contains("tresor init"),
            "{message}"
        );
    }
}

#[test]
fn recipients_that_are_not_age_public_keys_are_refused() {
    let env = vault_with_secret();
    for bogus in ["age1bogus", "ssh-ed25519 AAAA", ""] {
        let message = refused(&env, &["recipient", "add", "bob", bogus], "", 2);
        assert!(message.contains("not an age X25519 recipient"), "{message}");
    }
    let fresh = Env::new();
    fresh.identity("alice");
    fresh.refuses(
        fresh
            .as_("alice.key")
            .args(["init", "--recipient", "bob=age1nope"]),
        2,
    );
    fresh.refuses(
        fresh.as_("alice.key").args(["init", "--name", "bad name"]),
        2,
    );
    assert!(
        !fresh.vault().exists() && !fresh.audit_log().exists(),
        "nothing half-made"
    );
}

#[test]
fn a_secret_key_given_as_recipient_is_refused_without_echoing_it() {
    let env = vault_with_secret();
    env.identity("bob");
    let key = secret_key(&env, "bob.key");
    for given in [key.clone(), key.to_lowercase(), format!("  {key}\n")] {
        let message = refused(&env, &["recipient", "add", "bob", &given], "", 2);
        assert!(message.contains("secret key, not a recipient"), "{message}");
    }
    let fresh = Env::new();
    fresh.identity("alice");
    for given in [key.clone(), format!("bob={key}")] {
        let run = fresh.as_("alice.key").args(["init", "--recipient", &given]);
        assert!(!fresh.refuses(run, 2).stderr.contains(&key[16..]));
    }
    assert!(!fresh.vault().exists());
}

#[test]
#[ignore = "bug: a secret key inside a malformed recipient ('bob=KEY' to recipient add, or quoted) is echoed in full on stderr"]
fn a_secret_key_inside_a_malformed_recipient_is_not_echoed() {
    let env = vault_with_secret();
    env.identity("bob");
    let key = secret_key(&env, "bob.key");
    for given in [
        format!("bob={key}"),
        format!("'{key}'"),
        format!("\"{key}\""),
    ] {
        let out = env.refuses(
            env.as_("alice.key")
                .args(["recipient", "add", "bob", &given]),
            2,
        );
        assert!(
            !out.stderr.contains(&key[16..]),
            "the key was echoed: {}",
            out.stderr
        );
    }
}

/// Damaged copies of a vault file: garbage text, binary, empty, and cut in half.
fn corruptions(vault: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("garbage", b"this is { not [ a vault\n".to_vec()),
        ("binary", vec![0xff, 0xfe, 0x00, 0x80, 0x41]),
        ("empty", Vec::new()),
        ("truncated at half", vault[..vault.len() / 2].to_vec()),
    ]
}

#[test]
fn a_corrupt_vault_is_an_integrity_failure() {
    let env = vault_with_secret();
    let good = std::fs::read(env.vault()).unwrap();
    let commands: &[&[&str]] = &[
        &["get", "app/x"],
        &["list"],
        &["show", "app/x"],
        &["rotate", "app/x"],
        &["audit", "verify"],
        &["recipient", "list"],
    ];
    for (damage, bytes) in corruptions(&good) {
        std::fs::write(env.vault(), &bytes).unwrap();
        for args in commands {
            let message = refused(&env, args, "CANARY-new", 5);
            assert!(message.contains("corrupt"), "{damage}, {args:?}: {message}");
        }
    }
}

#[test]
#[ignore = "bug: a vault cut at a line boundary before a version table still lists and shows, with `current` pointing at a version the file does not hold (exit 0, not 5)"]
fn a_vault_cut_at_a_line_boundary_is_an_integrity_failure() {
    let env = vault_with_secret();
    let vault = env.read_vault();
    let cut = vault.find("\n[secrets.\"app/x\".versions.2]").unwrap();
    env.write_vault(&vault[..=cut]);
    for args in [&["list"][..], &["show", "app/x"]] {
        refused(&env, args, "", 5);
    }
}

#[test]
fn a_newer_vault_format_asks_for_an_upgrade() {
    let env = vault_with_secret();
    env.write_vault(
        &env.read_vault()
            .replacen("\nformat = 1\n", "\nformat = 99\n", 1),
    );
    for args in [
        &["get", "app/x"][..],
        &["list"],
        &["rotate", "app/x"],
        &["audit", "verify"],
    ] {
        let message = refused(&env, args, "CANARY-new", 1);
        assert!(
            message.contains("format 99") && message.contains("upgrade tresor"),
            "{message}"
        );
    }
}

#[test]
fn a_vault_edited_outside_tresor_is_an_integrity_failure() {
    let env = vault_with_secret();
    let good = env.read_vault();
    let edits = [
        (
            "aliases = { current = 2, previous = 1 }",
            "aliases = { current = 1, previous = 2 }",
        ),
        (
            "\nkeyring = \"default\"\n",
            "\nkeyring = \"default\"\nowner = \"mallory\"\n",
        ),
    ];
    for (from, to) in edits {
        assert!(good.contains(from), "{from}");
        env.write_vault(&good.replacen(from, to, 1));
        let message = refused(&env, &["get", "app/x"], "", 5);
        assert!(message.contains("altered"), "{message}");
        refused(&env, &["audit", "verify"], "", 5);
    }
}

#[test]
fn a_missing_or_edited_audit_log_is_an_integrity_failure() {
    let env = vault_with_secret();
    let log = std::fs::read_to_string(env.audit_log()).unwrap();
    std::fs::write(env.audit_log(), log.replacen("\"alice\"", "\"mallory\"", 1)).unwrap();
    assert!(refused(&env, &["audit", "verify"], "", 5).contains("broken at line"));

    let lines: Vec<&str> = log.lines().collect();
    std::fs::write(
        env.audit_log(),
        format!("{}\n", lines[..lines.len() - 1].join("\n")),
    )
    .unwrap();
    assert!(refused(&env, &["get", "app/x"], "", 5).contains("truncated"));

    std::fs::remove_file(env.audit_log()).unwrap();
    for args in [
        &["get", "app/x"][..],
        &["rotate", "app/x"],
        &["audit", "verify"],
    ] {
        assert!(
            refused(&env, args, "CANARY-new", 5).contains("missing"),
            "{args:?}"
        );
    }
}

#[test]
fn a_missing_value_file_names_it() {
    let env = vault_with_secret();
    let message = refused(&env, &["create", "app/y", "--from-file", "nope.pem"], "", 1);
    assert!(
        message.contains("nope.pem") && message.contains("no such file"),
        "{message}"
    );
    std::fs::write(env.path("big"), vec![b'x'; 1024 * 1024 + 1]).unwrap();
    let big = refused(&env, &["create", "app/y", "--from-file", "big"], "", 2);
    assert!(big.contains("larger than"), "{big}");
}
