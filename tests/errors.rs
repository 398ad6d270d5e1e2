//! Bad input and the exit codes of DESIGN.md section 2 (1, 2, 3, 5): one clear sentence
//! on stderr, no panic, nothing on stdout, and the vault and audit log untouched.

use crate::support::Env;

/// Runs `tresor ARGS` as alice with `stdin`, insisting on exit `code`, no change to
/// the vault or the log, and an error sentence that says each of `says`.
fn refused(env: &Env, args: &[&str], stdin: &str, code: i32, says: &[&str]) {
    let run = env.alice(args).stdin(stdin);
    env.refuses(run, code).error_says(says);
}

#[test]
fn bad_command_lines_are_usage_errors() {
    let env = Env::with_versions("app/x");
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
        let out = env.refuses(env.alice(*args).stdin("CANARY-argv"), 2);
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
    let env = Env::with_versions("app/x");
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
        refused(&env, args, "CANARY-y", 2, &[says]);
    }
    refused(&env, &["create", "app/y"], "", 2, &["is empty"]);
    let timeout = env.alice(["list"]).env("TRESOR_LOCK_TIMEOUT", "forever");
    env.refuses(timeout, 2).error_says(&["TRESOR_LOCK_TIMEOUT"]);
}

#[test]
fn invalid_secret_names_are_refused_by_every_command() {
    let env = Env::with_versions("app/x");
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
            refused(
                &env,
                command,
                "CANARY-name",
                2,
                &["is not a valid secret name"],
            );
        }
    }
    let longest = "x".repeat(256);
    env.create(&longest, "CANARY-256");
    assert_eq!(env.get(&longest, &[]), b"CANARY-256");
}

#[test]
fn what_is_not_there_is_exit_3() {
    let env = Env::with_versions("app/x");
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
        refused(&env, args, "", 3, &[says]);
    }
    env.create("app/one", "CANARY-one");
    refused(
        &env,
        &["rollback", "app/one"],
        "",
        3,
        &["no previous version"],
    );
}

#[test]
fn creating_what_exists_is_refused() {
    let env = Env::with_versions("app/x");
    refused(
        &env,
        &["create", "app/x"],
        "CANARY-again",
        1,
        &["already exists", "tresor rotate"],
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
        refused(&env, args, "", 1, &["No vault", "tresor init"]);
    }
    refused(
        &env,
        &["get", "app/x", "--vault", "missing.toml"],
        "",
        1,
        &["No vault at missing.toml"],
    );
    assert!(!env.vault().exists() && !env.path("data/tresor/vault.toml").exists());
}

#[test]
fn a_missing_vault_says_so_for_commands_that_need_a_key() {
    let env = Env::new();
    env.identity("alice");
    for args in [&["get", "app/x"][..], &["rotate", "app/x", "--generate"]] {
        refused(&env, args, "", 1, &["No vault", "tresor init"]);
    }
}

#[test]
fn recipients_that_are_not_age_public_keys_are_refused() {
    let env = Env::with_versions("app/x");
    for bogus in ["age1bogus", "ssh-ed25519 AAAA", ""] {
        refused(
            &env,
            &["recipient", "add", "bob", bogus],
            "",
            2,
            &["not an age X25519 recipient"],
        );
    }
    let fresh = Env::new();
    fresh.identity("alice");
    fresh.refuses(fresh.alice(["init", "--recipient", "bob=age1nope"]), 2);
    fresh.refuses(fresh.alice(["init", "--name", "bad name"]), 2);
    assert!(
        !fresh.vault().exists() && !fresh.audit_log().exists(),
        "nothing half-made"
    );
}

#[test]
fn a_secret_key_given_as_recipient_is_refused_without_echoing_it() {
    let env = Env::with_versions("app/x");
    env.identity("bob");
    let key = env.secret_key("bob.key");
    for given in [key.clone(), key.to_lowercase(), format!("  {key}\n")] {
        refused(
            &env,
            &["recipient", "add", "bob", &given],
            "",
            2,
            &["secret key, not a recipient"],
        );
    }
    let fresh = Env::new();
    fresh.identity("alice");
    for given in [key.clone(), format!("bob={key}")] {
        let run = fresh.alice(["init", "--recipient", &given]);
        assert!(!fresh.refuses(run, 2).stderr.contains(&key[16..]));
    }
    assert!(!fresh.vault().exists());
}

#[test]
fn a_secret_key_inside_a_malformed_recipient_is_not_echoed() {
    let env = Env::with_versions("app/x");
    env.identity("bob");
    let key = env.secret_key("bob.key");
    for given in [
        format!("bob={key}"),
        format!("'{key}'"),
        format!("\"{key}\""),
    ] {
        let out = env.refuses(env.alice(["recipient", "add", "bob", &given]), 2);
        assert!(
            !out.stderr.contains(&key[16..]),
            "the key was echoed: {}",
            out.stderr
        );
    }
}

/// Damaged copies of a vault file: garbage text, binary, empty, and cut in half.
fn corruptions(vault: &[u8]) -> [Vec<u8>; 4] {
    // Mid-token: a cut that falls on a line boundary or just after a closing quote or
    // bracket (the vault's length varies with its times) leaves valid TOML, a case of its
    // own below.
    let mut half = vault.len() / 2;
    while matches!(vault[half - 1], b'\n' | b'"' | b']' | b'}') {
        half += 1;
    }
    [
        b"this is { not [ a vault\n".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x80, 0x41],
        Vec::new(),
        vault[..half].to_vec(),
    ]
}

#[test]
fn a_corrupt_vault_is_an_integrity_failure() {
    let env = Env::with_versions("app/x");
    let good = std::fs::read(env.vault()).unwrap();
    let commands: &[&[&str]] = &[
        &["get", "app/x"],
        &["list"],
        &["show", "app/x"],
        &["rotate", "app/x"],
        &["audit", "verify"],
        &["recipient", "list"],
    ];
    for bytes in corruptions(&good) {
        std::fs::write(env.vault(), &bytes).unwrap();
        for args in commands {
            refused(&env, args, "CANARY-new", 5, &["corrupt"]);
        }
    }
}

#[test]
fn a_vault_cut_at_a_line_boundary_is_an_integrity_failure() {
    let env = Env::with_versions("app/x");
    let vault = env.read_vault();
    let cut = vault.find("\nversions.2 = ").unwrap();
    env.write_vault(&vault[..=cut]);
    for args in [&["list"][..], &["show", "app/x"]] {
        refused(&env, args, "", 5, &[]);
    }
}

#[test]
fn a_newer_vault_format_asks_for_an_upgrade() {
    let env = Env::with_versions("app/x");
    env.write_vault(
        &env.read_vault()
            .replacen("\nformat = 2\n", "\nformat = 99\n", 1),
    );
    for args in [
        &["get", "app/x"][..],
        &["list"],
        &["rotate", "app/x"],
        &["audit", "verify"],
    ] {
        refused(
            &env,
            args,
            "CANARY-new",
            1,
            &["format 99", "upgrade tresor"],
        );
    }
}

#[test]
fn a_vault_edited_outside_tresor_is_an_integrity_failure() {
    let env = Env::with_versions("app/x");
    let good = env.read_vault();
    let edits = [
        (
            "aliases = { current = 2, previous = 1 }",
            "aliases = { current = 1, previous = 2 }",
        ),
        (
            "aliases = { current = 2, previous = 1 }\n",
            "aliases = { current = 2, previous = 1 }\nowner = \"mallory\"\n",
        ),
    ];
    for (from, to) in edits {
        assert!(good.contains(from), "{from}");
        env.write_vault(&good.replacen(from, to, 1));
        // No signed change left the record so: the error names it.
        refused(
            &env,
            &["get", "app/x"],
            "",
            5,
            &["secret 'app/x'", "signed change"],
        );
        refused(&env, &["list"], "", 5, &["secret 'app/x'"]);
        refused(&env, &["audit", "verify"], "", 5, &[]);
    }
}

#[test]
fn a_missing_or_edited_audit_log_is_an_integrity_failure() {
    let env = Env::with_versions("app/x");
    let log = std::fs::read_to_string(env.audit_log()).unwrap();
    // A machine that never saw the vault replays from the root: the edited line 0 no
    // longer verifies. This one stops sooner: its verified line moved.
    let fresh = || {
        env.on_machine("fresh")
            .env("TRESOR_IDENTITY", env.path("alice.key"))
    };
    std::fs::write(env.audit_log(), log.replacen("\"alice\"", "\"mallory\"", 1)).unwrap();
    refused(&env, &["audit", "verify"], "", 5, &["line 2"]);
    env.refuses(fresh().args(["audit", "verify"]), 5)
        .error_says(&["line 0"]);

    let lines: Vec<&str> = log.lines().collect();
    std::fs::write(
        env.audit_log(),
        format!("{}\n", lines[..lines.len() - 1].join("\n")),
    )
    .unwrap();
    refused(&env, &["get", "app/x"], "", 5, &["line 2", "older"]);
    env.refuses(fresh().args(["get", "app/x"]), 5)
        .error_says(&["truncated"]);

    std::fs::remove_file(env.audit_log()).unwrap();
    for args in [
        &["get", "app/x"][..],
        &["rotate", "app/x"],
        &["audit", "verify"],
    ] {
        refused(&env, args, "CANARY-new", 5, &["missing"]);
    }
}

#[test]
fn a_missing_value_file_names_it() {
    let env = Env::with_versions("app/x");
    refused(
        &env,
        &["create", "app/y", "--from-file", "nope.pem"],
        "",
        1,
        &["nope.pem", "no such file"],
    );
    std::fs::write(env.path("big"), vec![b'x'; 1024 * 1024 + 1]).unwrap();
    refused(
        &env,
        &["create", "app/y", "--from-file", "big"],
        "",
        2,
        &["larger than"],
    );
}

/// The one JSON object `--json` prints on stderr for an error, checked to have its
/// three fields; returns it.
fn json_error(out: &crate::support::Outcome, code: i32, kind: &str) -> serde_json::Value {
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stderr)
        .unwrap_or_else(|err| panic!("stderr is not one JSON object ({err}): {}", out.stderr));
    let error = &doc["error"];
    assert_eq!(error["exit"], code, "{doc}");
    assert_eq!(error["kind"], kind, "{doc}");
    let message = error["message"].as_str().unwrap();
    assert!(
        !message.is_empty() && !message.starts_with("tresor:") && !message.starts_with("error:"),
        "{doc}"
    );
    assert_eq!(doc.as_object().unwrap().len(), 1, "{doc}");
    doc
}

#[test]
fn with_json_an_error_is_one_json_object_on_stderr() {
    let env = Env::with_versions("app/x");
    let cases: [(&[&str], i32, &str); 6] = [
        (&["get", "app/nope"], 3, "not_found"),
        (&["get", "app/x", "--version", "9"], 3, "not_found"),
        (&["get", "app/x", "--bogus"], 2, "usage"),
        (&["create", "Not A Name"], 2, "usage"),
        (&["promote", "app/x", "1", "--expect", "1"], 6, "conflict"),
        (&["recipient", "add", "bob", "age1nope"], 2, "usage"),
    ];
    for (args, code, kind) in cases {
        let out = env.refuses(env.alice(args).arg("--json").stdin("CANARY-j"), code);
        assert!(out.stdout.is_empty());
        let doc = json_error(&out, code, kind);
        // Without --json the same error is the usual sentence.
        let plain = env.refuses(env.alice(args).stdin("CANARY-j"), code);
        if args.contains(&"--bogus") {
            // clap's own usage error, whose first line the JSON message carries.
            let first = plain.stderr.lines().next().unwrap();
            let message = doc["error"]["message"].as_str().unwrap();
            assert!(
                message.starts_with(first.trim_start_matches("error: ")),
                "{message}"
            );
        } else {
            assert_eq!(plain.error(), doc["error"]["message"], "{args:?}");
        }
    }
    let out = env.refuses(env.tresor().args(["get", "app/x", "--json"]), 7);
    json_error(&out, 7, "no_identity");

    let vault = env.read_vault();
    env.write_vault(&vault.replacen("app/x", "app/y", 1));
    let out = env.refuses(env.alice(["list", "--json"]), 5);
    json_error(&out, 5, "integrity");
}
