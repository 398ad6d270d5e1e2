//! Access control from both sides: four principals (admin, reader, break-glass
//! on-call, rotate-only) under one policy, with the real `age` showing that read
//! access is cryptographic, not just a check in tresor.

use crate::support::{Env, Outcome, have};
use base64::Engine;
use std::process::Command;

const POLICY: &str = r#"[groups]
admins = ["alice"]
oncall = ["carol"]

[[rule]]
who = ["group:admins"]
can = ["*"]
on = ["**"]

[[rule]]
who = ["bob"]
can = ["read"]
on = ["dev/**"]
require = ["reason"]

[[rule]]
effect = "deny"
who = ["bob"]
can = ["read"]
on = ["dev/secret-*"]

[[rule]]
who = ["dave"]
can = ["create", "rotate"]
on = ["prod/**"]

[keyrings]
prod = ["prod/**"]
default = ["**"]

[break_glass]
who = ["group:oncall"]
on = ["prod/**"]
max_duration = "1h"
require = ["reason", "ticket"]
"#;

/// alice (admin), bob (reads dev/** with a reason), carol (break-glass on prod),
/// dave (creates and rotates prod without reading), with the policy applied and a
/// secret in each keyring.
fn team() -> Env {
    let env = Env::with_vault();
    for name in ["bob", "carol", "dave"] {
        let recipient = env.identity(name);
        env.as_("alice.key")
            .args(["recipient", "add", name, &recipient])
            .ok();
    }
    std::fs::write(env.path("policy.toml"), POLICY).unwrap();
    env.as_("alice.key")
        .args(["policy", "set", "policy.toml"])
        .ok();
    env.create("prod/db/password", "prod-canary-7f3a");
    env.create("dev/api-token", "dev-canary-19bc");
    env
}

fn vault_toml(env: &Env) -> toml::Table {
    toml::from_str(&env.read_vault()).unwrap()
}

/// The principals a keyring's secret is wrapped to, and the wrapped blobs.
fn wrapped(env: &Env, keyring: &str) -> Vec<(String, String)> {
    let vault = vault_toml(env);
    vault["keyrings"][keyring]["wrapped"]
        .as_table()
        .unwrap()
        .iter()
        .map(|(name, blob)| (name.clone(), blob.as_str().unwrap().to_string()))
        .collect()
}

/// Decrypts a wrapped blob with the real `age -d -i KEY`.
fn age_decrypt(env: &Env, blob: &str, key: &str) -> std::process::Output {
    assert!(
        have("age"),
        "the real `age` is needed (bash .ci/run installs it)"
    );
    let path = env.path("blob.age");
    std::fs::write(
        &path,
        base64::engine::general_purpose::STANDARD
            .decode(blob)
            .unwrap(),
    )
    .unwrap();
    Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(env.path(key))
        .arg(&path)
        .output()
        .unwrap()
}

fn audit_events(env: &Env, event: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(env.audit_log())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|line| line["event"] == event)
        .collect()
}

fn names(list: &[(String, String)]) -> Vec<&str> {
    list.iter().map(|(name, _)| name.as_str()).collect()
}

#[test]
fn keyrings_are_wrapped_to_exactly_their_readers() {
    let env = team();
    assert_eq!(names(&wrapped(&env, "prod")), ["alice", "carol"]);
    assert_eq!(names(&wrapped(&env, "default")), ["alice", "bob"]);
    let show = env
        .tresor()
        .args(["show", "prod/db/password", "--json"])
        .ok()
        .json();
    assert_eq!(show["keyring"], "prod");
}

#[test]
fn outsiders_cannot_open_a_keyring_with_the_real_age() {
    let env = team();
    for keyring in ["prod", "default"] {
        let holders = wrapped(&env, keyring);
        for principal in ["alice", "bob", "carol", "dave"] {
            let key = format!("{principal}.key");
            let holds = holders.iter().any(|(name, _)| name == principal);
            for (holder, blob) in &holders {
                let out = age_decrypt(&env, blob, &key);
                let opened = out.status.success();
                assert_eq!(
                    opened,
                    holder == principal,
                    "{principal} on {keyring}'s wrap for {holder}"
                );
                if opened {
                    assert!(String::from_utf8_lossy(&out.stdout).starts_with("AGE-SECRET-KEY-1"));
                }
            }
            if !holds {
                assert!(!holders.is_empty());
            }
        }
    }
}

#[test]
fn reads_follow_the_rules_and_denials_are_audited() {
    let env = team();
    // bob may read dev/** but only with a reason.
    env.as_("bob.key").args(["get", "dev/api-token"]).fails(4);
    let out = env
        .as_("bob.key")
        .args(["get", "dev/api-token", "--reason", "deploy 12"])
        .ok();
    assert_eq!(out.stdout, b"dev-canary-19bc");
    let reads = audit_events(&env, "read");
    assert_eq!(reads.last().unwrap()["reason"], "deploy 12");
    // Outside its rules, and under an explicit deny.
    env.create("dev/secret-root", "root-canary");
    let denied = env
        .as_("bob.key")
        .args(["get", "dev/secret-root", "--reason", "x"])
        .fails(4);
    assert!(
        denied.stderr.contains("rule 3 denies it"),
        "{}",
        denied.stderr
    );
    env.as_("bob.key")
        .args(["get", "prod/db/password", "--reason", "x"])
        .fails(4);
    env.as_("carol.key")
        .args(["get", "prod/db/password"])
        .fails(4);
    env.as_("dave.key")
        .args(["get", "prod/db/password"])
        .fails(4);
    let denies = audit_events(&env, "deny");
    assert_eq!(denies.len(), 5);
    assert!(
        denies
            .iter()
            .all(|d| d["decision"] == "deny" && d["action"] == "read")
    );
    assert_eq!(denies[0]["principal"], "bob");
    assert_eq!(denies[0]["secret"], "dev/api-token");
    // None of those denied reads printed a value.
    for canary in ["prod-canary-7f3a", "root-canary"] {
        assert!(
            !std::fs::read_to_string(env.audit_log())
                .unwrap()
                .contains(canary)
        );
    }
}

#[test]
fn rotate_only_principals_write_without_reading() {
    let env = team();
    env.as_("dave.key")
        .args(["rotate", "prod/db/password"])
        .stdin("prod-canary-v2")
        .ok();
    env.as_("dave.key")
        .args(["rotate", "prod/db/password", "--generate"])
        .ok();
    env.as_("dave.key")
        .args(["create", "prod/new-key"])
        .stdin("dave-made-it")
        .ok();
    env.as_("dave.key")
        .args(["get", "prod/db/password"])
        .fails(4);
    env.as_("dave.key")
        .args(["destroy", "prod/db/password", "--version", "1", "--yes"])
        .fails(4);
    env.as_("dave.key")
        .args(["create", "dev/nope"])
        .stdin("x")
        .fails(4);
    let alice = env
        .as_("alice.key")
        .args(["get", "prod/db/password", "--version", "2"])
        .ok();
    assert_eq!(alice.stdout, b"prod-canary-v2");
    assert_eq!(
        env.as_("alice.key")
            .args(["get", "prod/new-key"])
            .ok()
            .stdout,
        b"dave-made-it"
    );
    // dave holds no keyring key at all, so no binary can make it read.
    for keyring in ["prod", "default"] {
        for (_, blob) in wrapped(&env, keyring) {
            assert!(!age_decrypt(&env, &blob, "dave.key").status.success());
        }
    }
    let show = env
        .tresor()
        .args(["show", "prod/db/password", "--json"])
        .ok()
        .json();
    assert_eq!(show["versions"][1]["author"], "dave");
}

#[test]
fn only_admins_administer() {
    let env = team();
    let before = env.read_vault();
    env.as_("bob.key")
        .args(["policy", "set", "policy.toml"])
        .fails(4);
    let eve = env.identity("eve");
    env.as_("carol.key")
        .args(["recipient", "add", "eve", &eve])
        .fails(4);
    env.as_("bob.key")
        .args(["recipient", "remove", "dave"])
        .fails(4);
    assert_eq!(env.read_vault(), before);
    assert_eq!(audit_events(&env, "deny").len(), 3);
}

#[test]
fn policy_show_round_trips_and_check_explains() {
    let env = team();
    let shown = env.tresor().args(["policy", "show"]).ok().stdout_text();
    assert_eq!(shown, POLICY);
    std::fs::write(env.path("shown.toml"), &shown).unwrap();
    let again = env
        .as_("alice.key")
        .args(["policy", "set", "shown.toml"])
        .ok();
    assert!(again.stdout_text().contains("unchanged"));

    let allow = env
        .tresor()
        .args(["policy", "check", "dave", "rotate", "prod/db/password"])
        .ok();
    assert!(
        allow.stdout_text().starts_with("allow"),
        "{}",
        allow.stdout_text()
    );
    assert!(allow.stdout_text().contains("rule 4"));
    let deny = env
        .tresor()
        .args(["policy", "check", "bob", "read", "dev/secret-x", "--json"])
        .fails(4);
    assert_eq!(deny.json()["decision"], "deny");
    assert!(deny.json()["because"].as_str().unwrap().contains("rule 3"));
    env.tresor()
        .args(["policy", "check", "bob", "fly", "dev/x"])
        .fails(2);
    env.tresor()
        .args(["policy", "check", "carol", "break-glass", "prod/x"])
        .ok();
    env.tresor()
        .args(["policy", "check", "bob", "break-glass", "prod/x"])
        .fails(4);
}

#[test]
fn a_bad_policy_is_refused_with_its_line_and_changes_nothing() {
    let env = team();
    let before = (env.read_vault(), std::fs::read(env.audit_log()).unwrap());
    let cases = [
        (
            POLICY.replace("oncall = [\"carol\"]", "oncall = [\"mallory\"]"),
            "Line 3",
        ),
        (
            POLICY.replace("group:oncall\"]\non", "group:nobody\"]\non"),
            "Line 32",
        ),
        (
            POLICY.replace(
                "can = [\"create\", \"rotate\"]",
                "can = [\"create\", \"fly\"]",
            ),
            "Line 24",
        ),
        (
            POLICY.replace("on = [\"dev/**\"]", "on = [\"dev/**x\"]"),
            "Line 13",
        ),
        (POLICY.replace("[keyrings]", "[keyrings"), "Line 27"),
        (
            POLICY.replace("admins = [\"alice\"]", "admins = []"),
            "admins",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(env.path("bad.toml"), text).unwrap();
        let out = env
            .as_("alice.key")
            .args(["policy", "set", "bad.toml"])
            .fails(2);
        assert!(
            out.stderr.contains(expected),
            "expected {expected}: {}",
            out.stderr
        );
        assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
    }
    assert_eq!(
        (env.read_vault(), std::fs::read(env.audit_log()).unwrap()),
        before
    );
}

fn open_grant(env: &Env, duration: &str) -> String {
    let out = env
        .as_("carol.key")
        .args([
            "break-glass",
            "open",
            "--reason",
            "payments down",
            "--ticket",
            "INC-42",
            "--duration",
            duration,
            "--on",
            "prod/**",
            "--json",
        ])
        .ok();
    assert!(out.stderr.contains("warning"), "{}", out.stderr);
    out.json()["grant"].as_str().unwrap().to_string()
}

#[test]
fn break_glass_grants_open_expire_and_close() {
    let env = team();
    env.as_("carol.key")
        .args(["break-glass", "open", "--reason", "r", "--duration", "5m"])
        .fails(2);
    env.as_("carol.key")
        .args(["break-glass", "open", "--ticket", "T-1", "--duration", "5m"])
        .fails(2);
    env.as_("carol.key")
        .args([
            "break-glass",
            "open",
            "--reason",
            "r",
            "--ticket",
            "T-1",
            "--duration",
            "2h",
        ])
        .fails(2);
    env.as_("bob.key")
        .args(["break-glass", "open", "--reason", "r", "--ticket", "T-1"])
        .fails(4);

    let grant = open_grant(&env, "1s");
    let read = env.as_("carol.key").args(["get", "prod/db/password"]).ok();
    assert_eq!(read.stdout, b"prod-canary-7f3a");
    assert!(read.stderr.contains(&grant), "{}", read.stderr);
    let reads = audit_events(&env, "read");
    assert_eq!(reads.last().unwrap()["grant"], grant.as_str());
    let opened = audit_events(&env, "break_glass_open");
    assert_eq!(opened[0]["ticket"], "INC-42");
    assert_eq!(opened[0]["reason"], "payments down");
    // Outside the grant's pattern, nothing.
    env.as_("carol.key").args(["get", "dev/api-token"]).fails(4);

    std::thread::sleep(std::time::Duration::from_millis(1500));
    env.as_("carol.key")
        .args(["get", "prod/db/password"])
        .fails(4);
    let list = env
        .tresor()
        .args(["break-glass", "list", "--json"])
        .ok()
        .json();
    assert_eq!(list[0]["state"], "expired");

    let second = open_grant(&env, "10m");
    let check = env.tresor().args(["check", "--json"]).fails(8);
    assert!(
        check.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "open-grant")
    );
    env.as_("carol.key").args(["break-glass", "close"]).ok();
    env.as_("carol.key")
        .args(["get", "prod/db/password"])
        .fails(4);
    let list = env
        .tresor()
        .args(["break-glass", "list", "--json"])
        .ok()
        .json();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|g| g["grant"] == second.as_str() && g["state"] == "closed")
    );

    let log = env
        .tresor()
        .args(["audit", "log", "--grant", &grant, "--json"])
        .ok()
        .stdout_text();
    assert_eq!(log.lines().count(), 2, "{log}");
    let summary = env
        .tresor()
        .args(["audit", "summary", "--json"])
        .ok()
        .json();
    assert_eq!(summary["break_glass"][&grant]["reads"], 1);
    assert_eq!(summary["reads_by_principal"]["carol"], 1);
    assert!(summary["denied_by_principal"]["carol"].as_u64().unwrap() >= 3);
}

#[test]
fn removing_a_recipient_forgets_it_and_rekeys_what_it_could_open() {
    let env = team();
    let before_default = vault_toml(&env)["keyrings"]["default"]["recipient"].clone();
    let before_prod = vault_toml(&env)["keyrings"]["prod"]["recipient"].clone();
    env.as_("alice.key")
        .args(["recipient", "remove", "bob"])
        .ok();
    assert!(
        !env.tresor()
            .args(["policy", "show"])
            .ok()
            .stdout_text()
            .contains("bob")
    );
    let after = vault_toml(&env);
    assert_ne!(after["keyrings"]["default"]["recipient"], before_default);
    assert_eq!(after["keyrings"]["prod"]["recipient"], before_prod);
    for keyring in ["prod", "default"] {
        for (_, blob) in wrapped(&env, keyring) {
            assert!(!age_decrypt(&env, &blob, "bob.key").status.success());
        }
    }
    env.as_("bob.key")
        .args(["get", "dev/api-token", "--reason", "x"])
        .fails(7);
    assert_eq!(
        env.as_("alice.key")
            .args(["get", "dev/api-token"])
            .ok()
            .stdout,
        b"dev-canary-19bc"
    );
    // What bob could read is exposed until rotated.
    let check: Outcome = env.tresor().args(["check", "--json"]).fails(8);
    assert!(
        check.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "exposed" && f["secret"] == "dev/api-token")
    );
    env.as_("alice.key")
        .args(["rotate", "dev/api-token", "--generate"])
        .ok();
    let check = env.tresor().args(["check", "--json"]).run();
    assert!(
        !check.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "exposed")
    );
}

#[test]
fn a_policy_change_rekeys_a_keyring_someone_leaves() {
    let env = team();
    let before = wrapped(&env, "prod");
    std::fs::write(
        env.path("p2.toml"),
        POLICY.replace("oncall = [\"carol\"]", "oncall = []"),
    )
    .unwrap();
    let out = env
        .as_("alice.key")
        .args(["policy", "set", "p2.toml", "--json"])
        .ok()
        .json();
    assert_eq!(out["rekeyed"][0], "prod");
    let after = wrapped(&env, "prod");
    assert_eq!(names(&after), ["alice"]);
    assert_ne!(before[0].1, after[0].1);
    for (_, blob) in &after {
        assert!(!age_decrypt(&env, blob, "carol.key").status.success());
    }
    assert_eq!(
        env.as_("alice.key")
            .args(["get", "prod/db/password"])
            .ok()
            .stdout,
        b"prod-canary-7f3a"
    );
    assert_eq!(audit_events(&env, "rekey").len(), 1);
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

#[test]
fn a_new_keyring_in_the_policy_holds_new_secrets() {
    let env = team();
    let policy = POLICY.replace("[keyrings]\n", "[keyrings]\nci = [\"ci/**\"]\n");
    std::fs::write(env.path("p3.toml"), policy).unwrap();
    env.as_("alice.key").args(["policy", "set", "p3.toml"]).ok();
    env.create("ci/deploy-token", "ci-canary");
    let show = env
        .tresor()
        .args(["show", "ci/deploy-token", "--json"])
        .ok()
        .json();
    assert_eq!(show["keyring"], "ci");
    assert_eq!(names(&wrapped(&env, "ci")), ["alice"]);
    assert_eq!(
        env.as_("alice.key")
            .args(["get", "ci/deploy-token"])
            .ok()
            .stdout,
        b"ci-canary"
    );
}
