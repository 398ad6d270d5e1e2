//! Frozen vectors of vault format 1: a vault, its audit log and its principals'
//! identities, written by an early tresor (`tests/fixtures/format-v1/make.sh`) and never
//! regenerated. Every later tresor must read them, through the command line only:
//! format 1 is verified with its MACs and converted by `tresor upgrade`, after which
//! every value, state, alias and decision is what it was.

use crate::support::{Env, set_mode};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/format-v1");

const FILES: [&str; 7] = [
    "vault.toml",
    "vault.audit.jsonl",
    "alice.key",
    "bob.key",
    "carol.key",
    "dave.key",
    "eve.key",
];

/// The secrets of the fixture: name, and the `show --json` file that describes it.
const SECRETS: [(&str, &str); 4] = [
    (
        "prod/payments/stripe-key",
        "show-prod_payments_stripe-key.json",
    ),
    ("prod/db/password", "show-prod_db_password.json"),
    ("dev/app/api-token", "show-dev_app_api-token.json"),
    ("dev/app/admin-token", "show-dev_app_admin-token.json"),
];

/// Who reads what, how, and the exact bytes they get.
const VALUES: [(&str, &str, &[&str], &[u8]); 12] = [
    (
        "alice",
        "prod/payments/stripe-key",
        &[],
        b"sk_live_v2_CANARY_4be0",
    ),
    (
        "alice",
        "prod/payments/stripe-key",
        &["--alias", "canary"],
        b"sk_live_v3_CANARY_77d2",
    ),
    (
        "alice",
        "prod/payments/stripe-key",
        &["--alias", "pending"],
        b"sk_live_v3_CANARY_77d2",
    ),
    (
        "bob",
        "prod/payments/stripe-key",
        &["--reason", "format vectors"],
        b"sk_live_v2_CANARY_4be0",
    ),
    ("alice", "prod/db/password", &[], b"db-v1-CANARY\n"),
    (
        "alice",
        "prod/db/password",
        &["--alias", "previous"],
        b"\x00\x01\xffCANARY \t\"quoted\"\r\n\\end",
    ),
    (
        "alice",
        "prod/db/password",
        &["--version", "2"],
        b"\x00\x01\xffCANARY \t\"quoted\"\r\n\\end",
    ),
    (
        "alice",
        "dev/app/api-token",
        &[],
        "dev-token-v2-CANARY-ünï".as_bytes(),
    ),
    (
        "bob",
        "dev/app/api-token",
        &["--reason", "format vectors"],
        "dev-token-v2-CANARY-ünï".as_bytes(),
    ),
    (
        "carol",
        "dev/app/api-token",
        &[],
        "dev-token-v2-CANARY-ünï".as_bytes(),
    ),
    ("alice", "dev/app/admin-token", &[], b"admin-token-CANARY"),
    (
        "alice",
        "dev/app/admin-token",
        &["--version", "1"],
        b"admin-token-CANARY",
    ),
];

/// The fixtures upgraded to format 2 by alice, their admin.
fn upgraded() -> Env {
    let env = fixture();
    env.alice(["upgrade"]).ok();
    env
}

/// A folder holding a copy of the fixtures (reads append to the log), keys 0600 as
/// tresor writes them.
fn fixture() -> Env {
    let env = Env::new();
    for file in FILES {
        let to = env.path(file);
        std::fs::copy(format!("{FIXTURES}/{file}"), &to).unwrap();
        set_mode(&to, 0o600);
    }
    env
}

fn expected(file: &str) -> Value {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{file}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn committed_head() -> String {
    std::fs::read_to_string(format!("{FIXTURES}/head"))
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn a_format_1_vault_asks_for_the_upgrade_and_only_an_admin_upgrades_it() {
    let env = fixture();
    for run in [
        env.alice(["get", "dev/app/api-token"]),
        env.tresor().args(["list"]),
        env.alice(["rotate", "dev/app/api-token"]).stdin("x"),
    ] {
        run.fails_closed(1)
            .error_says(&["format 1", "tresor upgrade"]);
    }
    let before = env.snapshot();
    env.as_("bob.key").args(["upgrade"]).fails_closed(4);
    env.assert_unchanged(&before);
    // A format-1 record edited without its key is not laundered by the upgrade.
    let text = env.read_vault();
    env.write_vault(&text.replacen("owner = \"dba\"", "owner = \"mallory\"", 1));
    env.alice(["upgrade"]).fails_closed(5);
    env.write_vault(&text);
    let out = env.alice(["upgrade", "--json"]).ok().json();
    assert_eq!(
        out["without_signing_key"],
        serde_json::json!(["bob", "carol"])
    );
    env.alice(["upgrade"])
        .fails(1)
        .error_says(&["already in format 2"]);
}

#[test]
fn every_served_version_opens_to_its_recorded_bytes() {
    let env = upgraded();
    for (who, name, args, value) in VALUES {
        let out = env
            .as_(&format!("{who}.key"))
            .args(["get", name])
            .args(args)
            .ok();
        assert_eq!(out.stdout, value, "{who}: get {name} {args:?}");
    }
}

#[test]
fn what_is_not_served_or_not_allowed_stays_refused() {
    let env = upgraded();
    let cases: [(&str, &str, &[&str], i32, &str); 6] = [
        (
            "alice",
            "prod/payments/stripe-key",
            &["--version", "1"],
            3,
            "destroyed",
        ),
        (
            "alice",
            "prod/payments/stripe-key",
            &["--alias", "previous"],
            3,
            "destroyed",
        ),
        (
            "alice",
            "prod/payments/stripe-key",
            &["--version", "4"],
            3,
            "disabled",
        ),
        (
            "alice",
            "dev/app/api-token",
            &["--version", "1"],
            3,
            "disabled",
        ),
        ("carol", "dev/app/admin-token", &[], 4, "denies"),
        ("dave", "dev/app/api-token", &[], 7, "not a principal"),
    ];
    for (who, name, args, code, says) in cases {
        env.as_(&format!("{who}.key"))
            .args(["get", name])
            .args(args)
            .fails_closed(code)
            .error_says(&[says]);
    }
}

#[test]
fn the_audit_log_verifies_with_its_committed_head() {
    let env = upgraded();
    let head = committed_head();
    // The format-1 history stays in the log, before the signed upgrade line.
    env.alice(["audit", "verify", "--expect-head", &head]).ok();
    let upgraded_head = env.alice(["audit", "head"]).ok().stdout_text();
    assert!(upgraded_head.starts_with(&format!(
        "{}:",
        head.split(':').next().unwrap().parse::<u64>().unwrap() + 1
    )));
    // Still there, and still verifying, once more writes follow it.
    env.alice(["rotate", "dev/app/api-token"])
        .stdin("next-CANARY")
        .ok();
    env.alice(["audit", "verify", "--expect-head", &head]).ok();
}

/// The fields of a `show --json` document that format 1 and format 2 share.
fn shared(document: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for key in [
        "aliases",
        "created",
        "description",
        "expires",
        "name",
        "owner",
        "rotate_every",
        "tags",
    ] {
        out.insert(key.to_string(), document[key].clone());
    }
    let versions: Vec<Value> = document["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            serde_json::json!({"aliases": v["aliases"], "author": v["author"], "created": v["created"], "state": v["state"], "version": v["version"]})
        })
        .collect();
    out.insert("versions".into(), versions.into());
    out.into()
}

#[test]
fn show_and_list_match_their_committed_documents() {
    let env = upgraded();
    for (name, file) in SECRETS {
        let shown = env.show(name);
        assert_eq!(
            shown["rotation_due_in_seconds"].is_i64(),
            name == "prod/payments/stripe-key",
            "{name}: rotation due"
        );
        assert_eq!(shared(&shown), shared(&expected(file)), "show {name}");
        // Every served version sits in a keyring of exactly its reader set.
        for version in shown["versions"].as_array().unwrap() {
            if version["state"] != "destroyed" {
                assert!(
                    version["readers"]
                        .as_array()
                        .is_some_and(|r| r.contains(&"alice".into())),
                    "{name}: {version}"
                );
            }
        }
    }
    let mut listed = env.json(&["list"]);
    for row in listed.as_array_mut().unwrap() {
        let row = row.as_object_mut().unwrap();
        assert!(row.remove("age_seconds").is_some());
        assert!(row.remove("rotation_due_in_seconds").is_some());
    }
    assert_eq!(listed, expected("list.json"));
}

#[test]
fn the_policy_still_decides_as_it_did() {
    let env = upgraded();
    let reason: &[&str] = &["--reason", "check"];
    let cases = [
        ("bob", "rotate", "prod/payments/stripe-key", reason, 0),
        ("bob", "rotate", "prod/payments/stripe-key", &[][..], 4),
        ("carol", "read", "prod/db/password", reason, 4),
        ("carol", "read", "dev/app/api-token", &[], 0),
        ("carol", "read", "dev/app/admin-token", &[], 4),
        ("carol", "create", "dev/app/new", &[], 4),
        ("alice", "destroy", "prod/db/password", &[], 0),
    ];
    for (who, action, name, args, code) in cases {
        let out = env
            .tresor()
            .args(["policy", "check", who, action, name])
            .args(args)
            .run();
        assert_eq!(
            out.code,
            Some(code),
            "{who} {action} {name}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_newer_format_is_refused_with_a_request_to_upgrade() {
    let env = fixture();
    let text = env.read_vault();
    env.write_vault(&text.replacen("\nformat = 1\n", "\nformat = 3\n", 1));
    for run in [
        env.alice(["get", "dev/app/api-token"]),
        env.tresor().args(["list"]),
        env.alice(["upgrade"]),
    ] {
        run.fails_closed(1)
            .error_says(&["format 3", "upgrade tresor"]);
    }
}

#[test]
fn an_unknown_field_is_refused_as_corruption() {
    let env = fixture();
    let text = env.read_vault();
    for edited in [
        text.replacen(
            "owner = \"dba\"\n",
            "owner = \"dba\"\ncolor = \"blue\"\n",
            1,
        ),
        text.replacen("\nformat = 1\n", "\nformat = 1\nsigned = true\n", 1),
    ] {
        assert_ne!(edited, text);
        env.write_vault(&edited);
        env.alice(["upgrade"])
            .fails_closed(5)
            .error_says(&["corrupt"]);
        env.tresor().args(["list"]).fails_closed(5);
    }
}
