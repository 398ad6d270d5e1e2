//! Read access is cryptographic: a principal the policy does not let read a path (no
//! rule, or a deny rule) holds no key of any value there, in any copy of the vault
//! written after the policy said so. Checked with the real `age` on every keyring wrap.

use super::forge;
use crate::support::Env;

/// The README's policy: bob reads dev/** and prod/payments/*; carol reads dev/** but a
/// deny rule keeps dev/app/admin-* from her; dave reads prod/** but not prod/db/*.
const POLICY: &str = r#"[groups]
admins = ["alice"]
payments-oncall = ["bob"]

[[rule]]
who = ["group:admins"]
can = ["*"]
on = ["**"]

[[rule]]
who = ["bob", "group:payments-oncall"]
can = ["read", "rotate"]
on = ["dev/**", "prod/payments/*"]
require = ["reason"]

[[rule]]
who = ["carol"]
can = ["read"]
on = ["dev/**"]

[[rule]]
effect = "deny"
who = ["carol"]
can = ["read"]
on = ["dev/app/admin-*"]

[[rule]]
who = ["dave"]
can = ["read"]
on = ["prod/**"]

[[rule]]
effect = "deny"
who = ["dave"]
can = ["read"]
on = ["prod/db/*"]
"#;

const SECRETS: [&str; 5] = [
    "dev/app/token",
    "dev/app/admin-token",
    "prod/payments/stripe-key",
    "prod/db/password",
    "ops/backup-key",
];

/// Which keys `key` opens with `age`, by keyring; every such keyring must list the
/// principal as a reader.
fn opened_keyrings(env: &Env, who: &str) -> Vec<String> {
    let vault = forge::vault(env);
    let mut opened = Vec::new();
    for (keyring, _, wrap) in forge::wraps(&vault) {
        if forge::age_opens(env, &format!("{who}.key"), &wrap) {
            let readers = &vault.keyrings[&keyring.parse().unwrap()].readers;
            assert!(
                readers.contains(&forge::principal(who)),
                "{who} opens {keyring} it does not read"
            );
            opened.push(keyring);
        }
    }
    opened
}

/// The secrets whose some version is sealed to one of `keyrings`.
fn reachable(env: &Env, keyrings: &[String]) -> Vec<String> {
    let vault = forge::vault(env);
    vault
        .secrets
        .iter()
        .filter(|(_, secret)| {
            secret.versions.values().any(|v| {
                v.sealed
                    .as_ref()
                    .is_some_and(|s| keyrings.contains(&s.keyring.to_string()))
            })
        })
        .map(|(name, _)| name.to_string())
        .collect()
}

#[test]
fn who_may_not_read_a_path_holds_no_key_there_after_the_policy_changes() {
    let env = Env::with_vault();
    for name in ["bob", "carol", "dave"] {
        let (recipient, signing) = super::keys_of(&env, name);
        env.alice(["recipient", "add", name, &recipient, &signing])
            .ok();
    }
    // Everything written while everyone could read everything.
    let open = POLICY.replace("on = [\"dev/**\"]\n", "on = [\"**\"]\n");
    std::fs::write(env.path("open.toml"), format!("{open}\n[[rule]]\nwho = [\"bob\", \"carol\", \"dave\"]\ncan = [\"read\"]\non = [\"**\"]\n").replace("effect = \"deny\"", "effect = \"allow\"")).unwrap();
    env.alice(["policy", "set", "open.toml"]).ok();
    for name in SECRETS {
        env.create(name, &format!("canary-{}", name.replace('/', "-")));
    }
    assert_eq!(
        reachable(&env, &opened_keyrings(&env, "carol")).len(),
        SECRETS.len()
    );
    // Then the README's policy.
    std::fs::write(env.path("policy.toml"), POLICY).unwrap();
    env.alice(["policy", "set", "policy.toml"]).ok();
    env.alice(["rotate", "dev/app/admin-token"])
        .stdin("canary-admin-v2")
        .ok();
    let expected: [(&str, &[&str]); 3] = [
        (
            "bob",
            &[
                "dev/app/token",
                "dev/app/admin-token",
                "prod/payments/stripe-key",
            ],
        ),
        ("carol", &["dev/app/token"]),
        ("dave", &["prod/payments/stripe-key"]),
    ];
    for (who, may_read) in expected {
        let mut reached = reachable(&env, &opened_keyrings(&env, who));
        reached.sort();
        let mut allowed: Vec<String> = may_read.iter().map(|s| s.to_string()).collect();
        allowed.sort();
        assert_eq!(
            reached, allowed,
            "{who} holds keys of exactly what it may read"
        );
        // And tresor agrees.
        for name in SECRETS {
            let out = env
                .as_(&format!("{who}.key"))
                .args(["get", name, "--reason", "test"])
                .run();
            assert_eq!(
                out.code == Some(0),
                may_read.contains(&name),
                "{who} get {name}"
            );
        }
    }
    // Versions written before the change stay exposed to those who left, and check says so.
    let check = env.tresor().args(["check", "--json"]).fails(8).json();
    let exposed: Vec<&str> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "exposed")
        .filter_map(|f| f["secret"].as_str())
        .collect();
    assert!(exposed.contains(&"prod/db/password"), "{check}");
    assert!(
        !exposed.contains(&"dev/app/admin-token"),
        "rotated after the change: {check}"
    );
}
