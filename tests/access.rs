//! Access control from both sides: four principals (admin, reader, break-glass
//! on-call, rotate-only) under one policy, with the real `age` showing that read
//! access is cryptographic, not just a check in tresor: each secret's keyring is
//! wrapped to exactly its reader set.

use crate::support::{Env, Outcome, have};
use base64::Engine;
use serde_json::json;
use std::process::Command;
use tresor::crypto::sealbox::KeyPair;

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

[break_glass]
who = ["group:oncall"]
on = ["prod/**"]
max_duration = "1h"
require = ["reason", "ticket"]
"#;

/// alice (admin), bob (reads dev/** with a reason), carol (break-glass on prod),
/// dave (creates and rotates prod without reading), each with its signing key, the
/// policy applied, and a secret for each of the two reader sets.
fn team() -> Env {
    let env = Env::with_vault();
    for name in ["bob", "carol", "dave"] {
        env.admit(name);
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

/// The keyring the current version of `secret` is sealed to, as `show` names it.
fn keyring_of(env: &Env, secret: &str) -> String {
    let show = env.show(secret);
    let current = show["aliases"]["current"].clone();
    let versions = show["versions"].as_array().unwrap();
    let version = versions.iter().find(|v| v["version"] == current).unwrap();
    version["keyring"].as_str().unwrap().to_string()
}

/// Every keyring of the vault file, by name.
fn keyrings(env: &Env) -> Vec<String> {
    vault_toml(env)["keyrings"]
        .as_table()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

/// The public half of a keyring, as the vault file holds it.
fn public_of(env: &Env, keyring: &str) -> String {
    vault_toml(env)["keyrings"][keyring]["public"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Whether `secret` (what `age -d` opened from a wrap) is the secret half of `keyring`:
/// the key pair it makes has the keyring's public key.
fn is_secret_of(env: &Env, keyring: &str, secret: &[u8]) -> bool {
    KeyPair::from_secret(secret)
        .is_some_and(|pair| pair.public().to_string() == public_of(env, keyring))
}

/// Whether `name` is a keyring name tresor derives: `k-` and 12 lowercase hex digits.
fn is_keyring_name(name: &str) -> bool {
    name.strip_prefix("k-").is_some_and(|hex| {
        hex.len() == 12
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
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

fn names(list: &[(String, String)]) -> Vec<&str> {
    list.iter().map(|(name, _)| name.as_str()).collect()
}

#[test]
fn keyrings_are_wrapped_to_exactly_their_readers() {
    let env = team();
    let prod = keyring_of(&env, "prod/db/password");
    let dev = keyring_of(&env, "dev/api-token");
    assert!(
        is_keyring_name(&prod) && is_keyring_name(&dev),
        "{prod} {dev}"
    );
    assert_ne!(prod, dev);
    // Readers of prod: the admin and the break-glass on-call; of dev: the admin and bob.
    // dave, who only writes, is in neither.
    assert_eq!(names(&wrapped(&env, &prod)), ["alice", "carol"]);
    assert_eq!(names(&wrapped(&env, &dev)), ["alice", "bob"]);
    let vault = vault_toml(&env);
    assert_eq!(
        vault["keyrings"][prod.as_str()]["readers"],
        toml::Value::from(vec!["alice", "carol"])
    );
    let show = env.show("prod/db/password");
    assert_eq!(show["readers"], json!(["alice", "carol"]));
    assert_eq!(show["versions"][0]["readers"], json!(["alice", "carol"]));
    assert_eq!(show["versions"][0]["keyring"], prod.as_str());
    // Secrets with the same reader set share a keyring; no other keyring is kept.
    env.create("prod/other", "prod-canary-other");
    assert_eq!(keyring_of(&env, "prod/other"), prod);
    let mut expected = vec![prod.clone(), dev.clone()];
    expected.sort();
    assert_eq!(keyrings(&env), expected);
    // `policy check` names the reader set, and whether the principal holds its keys.
    let check = env
        .tresor()
        .args([
            "policy",
            "check",
            "dave",
            "rotate",
            "prod/db/password",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(check["readers"], json!(["alice", "carol"]));
    assert_eq!(check["holds_keys"], false);
}

#[test]
fn outsiders_cannot_open_a_keyring_with_the_real_age() {
    let env = team();
    for secret in ["prod/db/password", "dev/api-token"] {
        let keyring = keyring_of(&env, secret);
        let holders = wrapped(&env, &keyring);
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
                    assert!(is_secret_of(&env, &keyring, &out.stdout));
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
    let reads = env.reads_of("read");
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
    // Reads and denials are in this machine's read log; the committed log holds writes.
    let denies = env.reads_of("deny");
    assert_eq!(denies.len(), 5);
    assert!(
        denies
            .iter()
            .all(|d| d["decision"] == "deny" && d["action"] == "read")
    );
    assert_eq!(denies[0]["principal"], "bob");
    assert_eq!(denies[0]["secret"], "dev/api-token");
    assert!(
        env.audit_events()
            .iter()
            .all(|e| e["event"] != "read" && e["event"] != "deny")
    );
    // Neither log holds a value.
    let read_log = std::fs::read_to_string(env.reads_path()).unwrap();
    for canary in ["prod-canary-7f3a", "root-canary", "dev-canary-19bc"] {
        assert!(!env.read_log().contains(canary));
        assert!(!read_log.contains(canary));
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
    assert_eq!(keyrings(&env).len(), 2);
    for keyring in keyrings(&env) {
        for (_, blob) in wrapped(&env, &keyring) {
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
    let before = env.snapshot();
    env.as_("bob.key")
        .args(["policy", "set", "policy.toml"])
        .fails(4);
    let eve = env.identity_keys("eve");
    env.as_("carol.key")
        .args(["recipient", "add", "eve", &eve.recipient, &eve.signing])
        .fails(4);
    env.as_("bob.key")
        .args(["recipient", "remove", "dave"])
        .fails(4);
    env.assert_unchanged(&before);
    let denies = env.reads_of("deny");
    assert_eq!(denies.len(), 3);
    assert!(denies.iter().all(|d| d["action"] == "admin"), "{denies:?}");
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
            "Line 28",
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
        (POLICY.replace("[break_glass]", "[break_glass"), "Line 27"),
        // Keyrings follow reader sets: a policy that still names keyrings is refused.
        (
            format!("{POLICY}\n[keyrings]\nprod = [\"prod/**\"]\n"),
            "[keyrings]",
        ),
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
    let reads = env.reads_of("read");
    assert_eq!(reads.last().unwrap()["grant"], grant.as_str());
    let opened = env.audit_events_of("break_glass_open");
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
    let dev_before = keyring_of(&env, "dev/api-token");
    let dev_public = public_of(&env, &dev_before);
    let prod = keyring_of(&env, "prod/db/password");
    let prod_public = public_of(&env, &prod);
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
    // dev's reader set lost bob: its secret moved to a new keyring (a new key pair)
    // wrapped to alice alone, and the keyring bob held is gone. prod's is untouched.
    let dev_after = keyring_of(&env, "dev/api-token");
    assert_ne!(dev_after, dev_before);
    assert_ne!(public_of(&env, &dev_after), dev_public);
    assert_eq!(names(&wrapped(&env, &dev_after)), ["alice"]);
    assert!(!keyrings(&env).contains(&dev_before));
    assert_eq!(keyring_of(&env, "prod/db/password"), prod);
    assert_eq!(public_of(&env, &prod), prod_public);
    for keyring in keyrings(&env) {
        for (_, blob) in wrapped(&env, &keyring) {
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
    let before = keyring_of(&env, "prod/db/password");
    let before_wraps = wrapped(&env, &before);
    let before_public = public_of(&env, &before);
    let dev = keyring_of(&env, "dev/api-token");
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
    assert_eq!(out["moved"], 1, "{out}");
    assert!(
        out["summary"].as_str().unwrap().contains("'carol'"),
        "{out}"
    );
    // prod's one version moved to a new key pair wrapped to alice alone.
    let after = keyring_of(&env, "prod/db/password");
    assert_ne!(after, before);
    assert_ne!(public_of(&env, &after), before_public);
    let after_wraps = wrapped(&env, &after);
    assert_eq!(names(&after_wraps), ["alice"]);
    assert_ne!(before_wraps[0].1, after_wraps[0].1);
    assert!(!keyrings(&env).contains(&before));
    for (_, blob) in &after_wraps {
        assert!(!age_decrypt(&env, blob, "carol.key").status.success());
    }
    assert_eq!(
        env.as_("alice.key")
            .args(["get", "prod/db/password"])
            .ok()
            .stdout,
        b"prod-canary-7f3a"
    );
    // One signed policy event records the move: the secret, the new keyring, the
    // retired one; dev, whose reader set did not change, is not touched.
    let policy = env.audit_events().pop().unwrap();
    assert_eq!(policy["event"], "policy");
    assert!(policy["sig"].is_string());
    let changed: Vec<(String, String, bool)> = policy["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let key = c["key"].as_str().unwrap().to_string();
            (
                c["kind"].as_str().unwrap().to_string(),
                key,
                c["digest"].is_null(),
            )
        })
        .collect();
    let mut expected = vec![
        ("keyring".to_string(), after.clone(), false),
        ("keyring".to_string(), before.clone(), true),
        ("secret".to_string(), "prod/db/password".to_string(), false),
    ];
    expected.sort();
    let mut changed_sorted = changed.clone();
    changed_sorted.sort();
    assert_eq!(changed_sorted, expected);
    assert!(!changed.iter().any(|(_, key, _)| *key == dev));
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

#[test]
fn a_new_reader_set_gets_a_keyring_of_its_own() {
    let env = team();
    let before = keyrings(&env);
    let policy =
        format!("{POLICY}\n[[rule]]\nwho = [\"dave\"]\ncan = [\"read\"]\non = [\"ci/**\"]\n");
    std::fs::write(env.path("p3.toml"), policy).unwrap();
    let out = env
        .as_("alice.key")
        .args(["policy", "set", "p3.toml", "--json"])
        .ok()
        .json();
    assert_eq!(out["moved"], 0, "no existing secret changed readers: {out}");
    assert_eq!(keyrings(&env), before);
    env.create("ci/deploy-token", "ci-canary");
    let ci = keyring_of(&env, "ci/deploy-token");
    assert!(!before.contains(&ci), "{ci} is new");
    assert_eq!(
        env.show("ci/deploy-token")["readers"],
        json!(["alice", "dave"])
    );
    let wraps = wrapped(&env, &ci);
    assert_eq!(names(&wraps), ["alice", "dave"]);
    // dave now holds this keyring's key, and only this one's.
    let (_, dave_wrap) = wraps.iter().find(|(name, _)| name == "dave").unwrap();
    let opened = age_decrypt(&env, dave_wrap, "dave.key");
    assert!(opened.status.success());
    assert!(is_secret_of(&env, &ci, &opened.stdout));
    for who in ["alice.key", "dave.key"] {
        assert_eq!(
            env.as_(who).args(["get", "ci/deploy-token"]).ok().stdout,
            b"ci-canary"
        );
    }
    env.as_("bob.key")
        .args(["get", "ci/deploy-token", "--reason", "x"])
        .fails(4);
}

/// A grant opened without `--on` is on `**` but never reaches past `[break_glass] on`:
/// the warning says so, and a read outside that scope is still denied.
#[test]
fn a_grant_without_a_pattern_says_it_stays_within_the_policy() {
    let env = team();
    let out = env
        .as_("carol.key")
        .args(["break-glass", "open", "--reason", "r", "--ticket", "T-1"])
        .ok();
    assert!(
        out.stderr
            .contains("on '**', within [break_glass] on = prod/**"),
        "{}",
        out.stderr
    );
    assert_eq!(
        env.as_("carol.key")
            .args(["get", "prod/db/password"])
            .ok()
            .stdout,
        b"prod-canary-7f3a"
    );
    env.as_("carol.key").args(["get", "dev/api-token"]).fails(4);
}
