//! Which keyring holds a new secret, and who must hold each keyring's key: the admins,
//! every principal some rule lets read a path of that keyring, and every principal
//! `[break_glass]` lets open a grant on one. Read access is then cryptographic.

use super::decide::{Request, decide};
use super::{Action, Policy};
use crate::vault::{KeyringName, PrincipalName, SecretName, Vault};
use std::collections::BTreeSet;

/// The first keyring whose patterns match `name`.
pub fn keyring_for<'a>(policy: &'a Policy, name: &str) -> Option<&'a KeyringName> {
    policy
        .keyrings
        .iter()
        .find(|(_, patterns)| patterns.iter().any(|glob| glob.is_match(name)))
        .map(|(keyring, _)| keyring)
}

/// Whether `principal` may read `path` by some rule (requirements such as a reason are
/// met at read time, so they do not count here) or open a break-glass grant on it.
pub fn may_read(policy: &Policy, principal: &PrincipalName, path: &str) -> bool {
    let request = Request {
        principal,
        action: Action::Read,
        secret: Some(path),
        has_reason: true,
        has_ticket: true,
    };
    decide(policy, &request).is_allowed() || may_break_glass(policy, principal, path)
}

pub fn may_break_glass(policy: &Policy, principal: &PrincipalName, path: &str) -> bool {
    policy.break_glass.as_ref().is_some_and(|break_glass| {
        break_glass
            .who
            .iter()
            .any(|subject| policy.names(subject, principal))
            && break_glass.on.iter().any(|glob| glob.is_match(path))
    })
}

/// Paths that stand for everything the policy talks about: examples of every pattern
/// (rules, keyrings, break-glass) and every secret in the vault.
struct Witnesses {
    future: Vec<String>,
}

impl Witnesses {
    fn of(policy: &Policy) -> Self {
        let pool = policy.literal_segments();
        let patterns = policy
            .rules
            .iter()
            .flat_map(|rule| rule.on.iter())
            .chain(policy.keyrings.iter().flat_map(|(_, on)| on.iter()))
            .chain(policy.break_glass.iter().flat_map(|b| b.on.iter()));
        let mut future: Vec<String> = patterns.flat_map(|glob| glob.witnesses(&pool)).collect();
        future.sort();
        future.dedup();
        future.retain(|path| path.parse::<SecretName>().is_ok());
        Witnesses { future }
    }
}

/// The principals who must hold `keyring`'s key under `policy`.
pub fn holders(policy: &Policy, vault: &Vault, keyring: &KeyringName) -> BTreeSet<PrincipalName> {
    let witnesses = Witnesses::of(policy);
    let existing: Vec<&str> = vault
        .secrets
        .iter()
        .filter(|(_, secret)| secret.keyring == *keyring)
        .map(|(name, _)| name.as_str())
        .collect();
    let future: Vec<&str> = witnesses
        .future
        .iter()
        .filter(|path| keyring_for(policy, path) == Some(keyring))
        .map(String::as_str)
        .collect();
    vault
        .principals
        .keys()
        .filter(|principal| {
            policy.is_admin(principal)
                || existing
                    .iter()
                    .chain(future.iter())
                    .any(|path| may_read(policy, principal, path))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::document;

    fn policy(text: &str) -> Policy {
        let principals: Vec<PrincipalName> = ["alice", "bob", "carol", "dave"]
            .iter()
            .map(|p| p.parse().unwrap())
            .collect();
        document::parse(text, &principals).unwrap()
    }

    const TEXT: &str = r#"
[groups]
admins = ["alice"]
[[rule]]
who = ["group:admins"]
can = ["*"]
on = ["**"]
[[rule]]
who = ["bob"]
can = ["read"]
on = ["prod/payments/*"]
[[rule]]
who = ["carol"]
can = ["read"]
on = ["dev/**"]
[[rule]]
who = ["dave"]
can = ["rotate"]
on = ["**"]
[keyrings]
prod = ["prod/**"]
default = ["**"]
"#;

    fn names(set: BTreeSet<PrincipalName>) -> Vec<String> {
        set.into_iter().map(|p| p.to_string()).collect()
    }

    fn vault_with(principals: &[&str]) -> Vault {
        let mut vault = crate::vault::model::tests_support::empty_vault();
        for name in principals {
            vault.principals.insert(
                name.parse().unwrap(),
                crate::vault::model::Principal {
                    recipient: String::new(),
                    added: crate::time::Timestamp::from_unix(0),
                },
            );
        }
        vault
    }

    #[test]
    fn first_keyring_that_matches_holds_a_secret() {
        let policy = policy(TEXT);
        assert_eq!(
            keyring_for(&policy, "prod/db").map(|k| k.as_str()),
            Some("prod")
        );
        assert_eq!(
            keyring_for(&policy, "dev/db").map(|k| k.as_str()),
            Some("default")
        );
    }

    #[test]
    fn holders_follow_read_rules_not_write_rules() {
        let policy = policy(TEXT);
        let vault = vault_with(&["alice", "bob", "carol", "dave"]);
        let prod: KeyringName = "prod".parse().unwrap();
        let default = KeyringName::default_keyring();
        assert_eq!(names(holders(&policy, &vault, &prod)), ["alice", "bob"]);
        assert_eq!(
            names(holders(&policy, &vault, &default)),
            ["alice", "carol"]
        );
    }

    #[test]
    fn break_glass_principals_hold_the_keyrings_they_may_open() {
        let text = format!(
            "{TEXT}\n[break_glass]\nwho = [\"dave\"]\non = [\"prod/**\"]\nmax_duration = \"1h\"\nrequire = [\"reason\", \"ticket\"]\n"
        );
        let policy = policy(&text);
        let vault = vault_with(&["alice", "bob", "carol", "dave"]);
        let prod: KeyringName = "prod".parse().unwrap();
        assert_eq!(
            names(holders(&policy, &vault, &prod)),
            ["alice", "bob", "dave"]
        );
        assert_eq!(
            names(holders(&policy, &vault, &KeyringName::default_keyring())),
            ["alice", "carol"]
        );
    }
}
