//! `tresor check` as a CI gate: exit 8 while something must be acted on, 0 after.

use crate::support::Env;
use std::time::Duration;

fn kinds(env: &Env) -> Vec<String> {
    let out = env.as_("alice.key").args(["check", "--json"]).fails(8);
    out.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_overdue_secret_fails_until_rotated() {
    let env = Env::with_vault();
    env.as_("alice.key")
        .args(["create", "prod/db/password", "--generate", "--owner", "dba"])
        .args(["--rotate-every", "2s"])
        .ok();
    env.as_("alice.key").arg("check").ok();
    // Timestamps have whole seconds: 2s plus a margin is overdue for certain.
    std::thread::sleep(Duration::from_millis(3100));
    assert_eq!(kinds(&env), ["overdue"]);
    env.as_("alice.key")
        .args(["rotate", "prod/db/password", "--generate"])
        .ok();
    let out = env.as_("alice.key").arg("check").ok();
    assert!(
        out.stdout_text().contains("in order"),
        "{}",
        out.stdout_text()
    );
}

#[test]
fn expiry_and_missing_owners_are_reported() {
    let env = Env::with_vault();
    // An expiry already past is refused: a version cannot be born expired.
    let past = env
        .alice(["create", "a/born-expired", "--generate", "--owner", "x"])
        .args(["--expires", "2000-01-01T00:00:00Z"]);
    env.refuses(past, 2).error_says(&["already past"]);
    env.as_("alice.key")
        .args(["create", "a/expired", "--generate", "--owner", "x"])
        .args(["--expires", "2s"])
        .ok();
    let expires = std::time::Instant::now() + Duration::from_secs(2);
    env.as_("alice.key")
        .args(["create", "a/expiring", "--generate", "--owner", "x"])
        .args(["--expires", "3d"])
        .ok();
    env.as_("alice.key")
        .args(["create", "a/later", "--generate", "--owner", "x"])
        .args(["--expires", "30d"])
        .ok();
    env.create("a/orphan", "v");
    std::thread::sleep(expires.saturating_duration_since(std::time::Instant::now()));
    assert_eq!(kinds(&env), ["expired", "expiring", "no-owner"]);
    let human = env.as_("alice.key").arg("check").fails(8);
    assert!(human.stdout_text().contains("a/orphan"));
    // Expiry belongs to a version: a new current version without one clears it.
    env.as_("alice.key")
        .args(["rotate", "a/expired", "--generate"])
        .ok();
    assert_eq!(kinds(&env), ["expiring", "no-owner"]);
    let versions = env.show("a/expired")["versions"].clone();
    assert!(versions[0]["expires"].is_string() && versions[1]["expires"].is_null());
}

#[test]
fn exposure_and_open_grants_are_reported() {
    let env = Env::with_vault();
    env.admit_reader("bob");
    let policy = |bob_reads: bool| {
        let bob_rule = if bob_reads {
            "[[rule]]\nwho = [\"bob\"]\ncan = [\"read\"]\non = [\"**\"]\n\n"
        } else {
            ""
        };
        format!(
            "[groups]\nadmins = [\"alice\"]\n\n[[rule]]\nwho = [\"group:admins\"]\ncan = [\"*\"]\non = [\"**\"]\n\n{bob_rule}[break_glass]\nwho = [\"alice\"]\non = [\"**\"]\nmax_duration = \"1h\"\nrequire = [\"reason\", \"ticket\"]\n"
        )
    };
    std::fs::write(env.path("policy.toml"), policy(true)).unwrap();
    env.as_("alice.key")
        .args(["policy", "set", "policy.toml"])
        .ok();
    env.as_("alice.key")
        .args(["create", "a/shared", "--generate", "--owner", "x"])
        .ok();
    std::fs::write(env.path("policy.toml"), policy(false)).unwrap();
    env.as_("alice.key")
        .args(["policy", "set", "policy.toml"])
        .ok();
    assert_eq!(kinds(&env), ["exposed"]);
    // The exposure is recorded on the secret, by principal.
    assert!(env.show("a/shared")["exposed"]["bob"].is_string());
    env.as_("alice.key")
        .args([
            "break-glass",
            "open",
            "--reason",
            "drill",
            "--ticket",
            "INC-1",
        ])
        .ok();
    assert_eq!(kinds(&env), ["exposed", "open-grant"]);
    env.as_("alice.key").args(["break-glass", "close"]).ok();
    // A version made after bob left is not exposed (timestamps have whole seconds).
    std::thread::sleep(Duration::from_millis(1100));
    env.as_("alice.key")
        .args(["rotate", "a/shared", "--generate"])
        .ok();
    env.as_("alice.key").arg("check").ok();
}

/// Every version an alias serves counts: a staged `pending` version a leaver could read
/// is exposed as much as `current`, and stays so until it is no longer served.
#[test]
fn exposure_covers_every_served_version_not_only_current() {
    let env = Env::with_vault();
    env.admit_reader("bob");
    let admins = "[groups]\nadmins = [\"alice\"]\n\n[[rule]]\nwho = [\"group:admins\"]\ncan = [\"*\"]\non = [\"**\"]\n";
    let bob_reads = "\n[[rule]]\nwho = [\"bob\"]\ncan = [\"read\"]\non = [\"**\"]\n";
    let alice = || env.as_("alice.key");
    std::fs::write(env.path("policy.toml"), format!("{admins}{bob_reads}")).unwrap();
    alice().args(["policy", "set", "policy.toml"]).ok();
    alice()
        .args(["create", "a/shared", "--generate", "--owner", "x"])
        .ok();
    alice()
        .args(["rotate", "a/shared", "--generate", "--stage"])
        .ok();
    std::fs::write(env.path("policy.toml"), admins).unwrap();
    alice().args(["policy", "set", "policy.toml"]).ok();
    let exposed = || {
        let out = alice().args(["check", "--json"]).run();
        let findings = out.json()["findings"].as_array().unwrap().clone();
        findings
            .iter()
            .filter(|f| f["kind"] == "exposed")
            .map(|f| f["detail"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let found = exposed();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("v1 (current)") && found[0].contains("tresor rotate a/shared"));
    assert!(
        found[1].starts_with("v2 (pending)")
            && found[1].contains("tresor disable a/shared --version 2"),
        "{found:?}"
    );
    // A new current version made after bob left is not exposed; the pending one still is.
    std::thread::sleep(Duration::from_millis(1100));
    alice().args(["rotate", "a/shared", "--generate"]).ok();
    let found = exposed();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("v2 (pending)"), "{found:?}");
    alice().args(["disable", "a/shared", "--version", "2"]).ok();
    assert_eq!(exposed(), Vec::<String>::new());
}
