//! Checking the vault file against the ledger: it holds exactly the trust state and
//! the records the last signed changes name, as far as the command loaded it.

use super::breach;
use super::ledger::Settled;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vault::digest::{self, Kind, RecordKey};
use crate::vault::store::Scope;
use std::collections::BTreeMap;

/// The vault holds exactly the trust state and the records the ledger names, as far
/// as it was loaded (`scope`), and each record says who made it as the ledger does.
/// Returns the digest of each record loaded.
pub(super) fn check_vault(
    vault: &Vault,
    settled: &Settled,
    scope: &Scope,
) -> Result<BTreeMap<RecordKey, String>> {
    if digest::trust(&vault.id, &vault.trust) != digest::trust(&vault.id, &settled.trust) {
        return Err(breach(
            vault,
            "its principals or policy are not the ones an admin signed",
        ));
    }
    let unreadable = |err: std::io::Error| {
        Error::other(format!(
            "This machine's trust pin of the vault {} could not be read ({err}); `tresor trust forget {}` verifies the vault again from its root.",
            vault.id, vault.id
        ))
    };
    let actual = digest::records(vault);
    for (key, actual_digest) in &actual {
        match settled.records.get(key).map_err(unreadable)? {
            Some(record) if record.digest == *actual_digest => {}
            Some(_) => {
                return Err(breach(
                    vault,
                    &format!("its {key} is not as its last signed change left it"),
                ));
            }
            None => {
                return Err(breach(
                    vault,
                    &format!("its {key} was added without a signed change"),
                ));
            }
        }
    }
    // Every record the ledger names must be there: keyrings and grants always, secrets
    // as far as the scope reaches.
    let mut removed = None;
    let mut expect = |key: &RecordKey| {
        if !actual.contains_key(key) {
            removed = Some(key.clone());
        }
        removed.is_none()
    };
    let first = |kind: Kind, key: &str| RecordKey {
        kind,
        key: key.to_string(),
    };
    settled
        .records
        .scan(&first(Kind::Keyring, ""), |key, _| {
            key.kind != Kind::Secret && expect(key)
        })
        .map_err(unreadable)?;
    match scope {
        Scope::All => settled
            .records
            .scan(&first(Kind::Secret, ""), |key, _| expect(key))
            .map_err(unreadable)?,
        Scope::Part { names, prefixes } => {
            for prefix in prefixes {
                settled
                    .records
                    .scan(&first(Kind::Secret, prefix), |key, _| {
                        key.key.starts_with(prefix.as_str()) && expect(key)
                    })
                    .map_err(unreadable)?;
            }
            for name in names {
                let key = RecordKey::secret(name);
                if settled.records.get(&key).map_err(unreadable)?.is_some() {
                    expect(&key);
                }
            }
        }
    }
    if let Some(key) = removed {
        return Err(breach(
            vault,
            &format!("its {key} was removed without a signed change"),
        ));
    }
    for (name, keyring) in &vault.keyrings {
        let writer = settled
            .records
            .get(&RecordKey::keyring(name))
            .map_err(unreadable)?
            .map(|r| r.writer);
        if writer.as_ref() != Some(&keyring.signer) {
            return Err(breach(
                vault,
                &format!("its keyring '{name}' names a maker who did not sign it"),
            ));
        }
    }
    // A grant is opened by its own principal (an upgrade or a merge by an admin may
    // carry one over).
    for (id, grant) in &vault.grants {
        let creator = settled
            .records
            .get(&RecordKey::grant(id))
            .map_err(unreadable)?
            .map(|r| r.creator);
        let admin = creator
            .as_ref()
            .is_some_and(|c| crate::policy::readers::administers(&settled.trust.policy, c));
        if creator.as_ref() != Some(&grant.principal) && !admin {
            return Err(breach(
                vault,
                &format!("its grant '{id}' names a principal who did not open it"),
            ));
        }
    }
    Ok(actual)
}
