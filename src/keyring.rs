//! Keeping keyrings in step with the policy: each keyring's secret wrapped to exactly
//! the principals who must hold it; anyone who leaves triggers a re-key (a new key pair,
//! every data key re-wrapped to it; values untouched).

use crate::error::{Error, Result};
use crate::policy::keyrings::holders;
use crate::session::Session;
use crate::vault::model::Keyring;
use crate::vault::seal::{self, KeyringKey};
use crate::vault::{KeyringName, PrincipalName, SecretName};
use std::collections::{BTreeMap, BTreeSet};

/// What a sync changed, for the audit event and the user.
#[derive(Debug, Default)]
pub struct Changes {
    pub created: Vec<KeyringName>,
    pub removed: Vec<KeyringName>,
    pub granted: Vec<(KeyringName, PrincipalName)>,
    pub rekeyed: Vec<(KeyringName, Vec<PrincipalName>)>,
    /// Secrets whose records changed (data keys re-wrapped).
    pub touched: Vec<SecretName>,
}

impl Changes {
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for keyring in &self.created {
            parts.push(format!("new keyring '{keyring}'"));
        }
        for keyring in &self.removed {
            parts.push(format!(
                "keyring '{keyring}' removed (empty, no longer named)"
            ));
        }
        for (keyring, principal) in &self.granted {
            parts.push(format!("'{principal}' now holds '{keyring}'"));
        }
        for (keyring, left) in &self.rekeyed {
            let names: Vec<String> = left.iter().map(|p| format!("'{p}'")).collect();
            parts.push(format!("'{keyring}' re-keyed ({} left)", names.join(", ")));
        }
        if parts.is_empty() {
            "no keyring changed".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// Brings every keyring in line with the vault's policy. The caller must be able to
/// open every keyring it changes (admins hold them all).
pub fn sync(session: &mut Session) -> Result<Changes> {
    let mut changes = Changes::default();
    let named: Vec<KeyringName> = session
        .vault
        .policy
        .keyrings
        .iter()
        .map(|(name, _)| name.clone())
        .collect();
    for name in &named {
        if !session.vault.keyrings.contains_key(name) {
            create(session, name)?;
            changes.created.push(name.clone());
        }
    }
    let existing: Vec<KeyringName> = session.vault.keyrings.keys().cloned().collect();
    for name in existing {
        let in_use = session
            .vault
            .secrets
            .values()
            .any(|secret| secret.keyring == name);
        if !named.contains(&name) && !in_use {
            session.vault.keyrings.remove(&name);
            session.vault.integrity.keyrings.remove(&name);
            changes.removed.push(name);
            continue;
        }
        let want = holders(&session.vault.policy, &session.vault, &name);
        let have: BTreeSet<PrincipalName> = session
            .vault
            .keyring(&name)?
            .wrapped
            .keys()
            .cloned()
            .collect();
        let leaving: Vec<PrincipalName> = have.difference(&want).cloned().collect();
        if !leaving.is_empty() {
            changes.touched.extend(rekey(session, &name, &want)?);
            changes.rekeyed.push((name.clone(), leaving));
            continue;
        }
        for principal in want.difference(&have) {
            let recipient = recipient_of(session, principal)?;
            let wrapped = session.keyring_key(&name)?.wrap_to(&recipient)?;
            keyring_mut(session, &name)?
                .wrapped
                .insert(principal.clone(), wrapped);
            changes.granted.push((name.clone(), principal.clone()));
        }
    }
    Ok(changes)
}

fn recipient_of(session: &Session, principal: &PrincipalName) -> Result<String> {
    session
        .vault
        .principals
        .get(principal)
        .map(|p| p.recipient.clone())
        .ok_or_else(|| {
            Error::other(format!(
                "The policy names '{principal}', who is not a principal."
            ))
        })
}

fn keyring_mut<'a>(session: &'a mut Session, name: &KeyringName) -> Result<&'a mut Keyring> {
    session.vault.keyrings.get_mut(name).ok_or_else(|| {
        Error::integrity(format!(
            "The keyring '{name}' vanished: the file was altered."
        ))
    })
}

fn create(session: &mut Session, name: &KeyringName) -> Result<()> {
    let key = KeyringKey::generate();
    let sealed = key.seal_integrity(&session.vault.id, name, session.integrity_key());
    session
        .vault
        .integrity
        .keyrings
        .insert(name.clone(), sealed);
    session.vault.keyrings.insert(
        name.clone(),
        Keyring {
            recipient: key.recipient(),
            wrapped: BTreeMap::new(),
        },
    );
    session.install_keyring_key(name.clone(), key);
    Ok(())
}

/// A new key pair for `keyring`, wrapped to `holders`; every data key in it re-wrapped.
/// Returns the secrets whose records changed.
pub fn rekey(
    session: &mut Session,
    keyring: &KeyringName,
    holders: &BTreeSet<PrincipalName>,
) -> Result<Vec<SecretName>> {
    let now = crate::time::Timestamp::now();
    let leaving: Vec<PrincipalName> = session
        .vault
        .keyring(keyring)?
        .wrapped
        .keys()
        .filter(|holder| !holders.contains(*holder))
        .cloned()
        .collect();
    for principal in leaving {
        session
            .vault
            .departed
            .insert((principal, keyring.clone()), now);
    }
    let new_key = KeyringKey::generate();
    let new_recipient = new_key.recipient();
    let mut wrapped = BTreeMap::new();
    for holder in holders {
        wrapped.insert(
            holder.clone(),
            new_key.wrap_to(&recipient_of(session, holder)?)?,
        );
    }
    session.keyring_key(keyring)?;
    let old_key = session.opened_keyring(keyring)?;
    let mut rewrapped = Vec::new();
    for (name, secret) in session
        .vault
        .secrets
        .iter()
        .filter(|(_, s)| s.keyring == *keyring)
    {
        // Re-wrapping launders nothing: the record must be authentic first.
        seal::verify_secret(&session.vault, name, session.integrity_key())?;
        for (number, version) in &secret.versions {
            if let Some(sealed) = &version.sealed {
                rewrapped.push((
                    name.clone(),
                    *number,
                    seal::rewrap_dek(old_key, &new_recipient, name, *number, sealed)?,
                ));
            }
        }
    }
    let mut touched: Vec<SecretName> = Vec::new();
    for (name, number, sealed) in rewrapped {
        if let Some(version) = session.vault.secret_mut(&name)?.versions.get_mut(&number) {
            version.sealed = Some(sealed);
        }
        if touched.last() != Some(&name) {
            touched.push(name);
        }
    }
    let sealed = new_key.seal_integrity(&session.vault.id, keyring, session.integrity_key());
    session
        .vault
        .integrity
        .keyrings
        .insert(keyring.clone(), sealed);
    let entry = keyring_mut(session, keyring)?;
    entry.recipient = new_recipient;
    entry.wrapped = wrapped;
    session.install_keyring_key(keyring.clone(), new_key);
    Ok(touched)
}
