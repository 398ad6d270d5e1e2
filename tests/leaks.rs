//! Values never leave but through `get`'s stdout (DESIGN.md section 3): not in `show`,
//! `list`, `audit log`, any stderr, the audit log file or the vault file; and no secret
//! key appears anywhere either.

use crate::support::{Env, Outcome, holds_secret_key};
use base64::Engine;

/// Distinctive values, one of them binary.
const VALUES: [(&str, &[u8]); 4] = [
    ("prod/pay/stripe", b"CANARY-7f3a-stripe-live"),
    ("prod/db/password", b"CANARY-91bc-db-pass"),
    ("dev/tls/key", b"CANARY\0bin-5e\xff"),
    ("dev/api/token", b"CANARY-44d0-token"),
];
const ROTATED: &[u8] = b"CANARY-rotated-e2b1";

/// Each value as it could leak: raw, in base64 and in hex.
fn leak_forms() -> Vec<Vec<u8>> {
    let values = VALUES.iter().map(|(_, v)| *v).chain([ROTATED]);
    values
        .flat_map(|v| {
            let b64 = base64::engine::general_purpose::STANDARD
                .encode(v)
                .into_bytes();
            [v.to_vec(), b64, hex::encode(v).into_bytes()]
        })
        .collect()
}

fn assert_clean(what: &str, bytes: &[u8]) {
    for form in leak_forms() {
        let found = bytes.windows(form.len()).any(|w| w == form.as_slice());
        assert!(
            !found,
            "{what} holds the value {:?}",
            String::from_utf8_lossy(&form)
        );
    }
    assert!(
        !holds_secret_key(&String::from_utf8_lossy(bytes)),
        "{what} holds a secret key"
    );
}

/// Insists that neither stdout nor stderr of `out` holds a value; returns it.
fn clean(what: &str, out: Outcome) -> Outcome {
    assert_clean(&format!("stdout of {what}"), &out.stdout);
    assert_clean(&format!("stderr of {what}"), out.stderr.as_bytes());
    out
}

#[test]
fn values_appear_only_on_the_stdout_of_get() {
    let env = Env::with_vault();
    env.add_principal("bob");
    for (name, value) in VALUES {
        let run = env.alice(["create", name, "--owner", "team", "--tag", "k=v"]);
        clean("create", run.stdin(value).ok());
    }
    let writes: &[&[&str]] = &[
        &["rotate", "prod/db/password", "--stage"],
        &["promote", "prod/db/password", "2", "--expect", "1"],
        &["alias", "set", "prod/db/password", "canary", "1"],
        &["disable", "prod/db/password", "--version", "1"],
        &["destroy", "dev/api/token", "--all", "--yes"],
        &["recipient", "remove", "bob"],
    ];
    for args in writes {
        clean(&args.join(" "), env.alice(*args).stdin(ROTATED).ok());
    }
    // Reads: the value goes to stdout and nowhere else.
    let served = [
        ("prod/pay/stripe", VALUES[0].1),
        ("dev/tls/key", VALUES[2].1),
        ("prod/db/password", ROTATED),
    ];
    for (name, value) in served {
        let out = env.alice(["get", name, "--reason", "leak check"]).ok();
        assert_eq!(out.stdout, value);
        assert_clean("stderr of get", out.stderr.as_bytes());
    }
    let refused = env.alice(["get", "prod/db/password", "--alias", "canary"]);
    clean("get of a disabled version", refused.fails(3));
    clean(
        "get of a destroyed version",
        env.alice(["get", "dev/api/token"]).fails(3),
    );

    let reads: &[&[&str]] = &[
        &["show", "prod/db/password"],
        &["show", "prod/db/password", "--json"],
        &["show", "dev/tls/key", "--json"],
        &["list"],
        &["list", "--json"],
        &["audit", "log"],
        &["audit", "log", "--json"],
        &["audit", "verify"],
        &["audit", "head"],
        &["recipient", "list", "--json"],
        &["identity", "show", "--json"],
    ];
    for args in reads {
        clean(&args.join(" "), env.alice(*args).ok());
    }
    assert_clean("the vault file", &std::fs::read(env.vault()).unwrap());
    assert_clean("the audit log", &std::fs::read(env.audit_log()).unwrap());
}
