//! Keyrings follow reader sets (format 2): a version's data key is sealed to a keyring
//! whose readers are exactly the principals the policy lets read its secret (deny
//! rules applied), the admins, and the break-glass principals whose scope covers it.
//! Secrets with one reader set share a keyring. A writer seals only to a keyring made
//! by an admin or by itself; an admin's change of policy or principals moves every
//! version whose reader set changed, in the same write, to a keyring its leavers never
//! held (data keys re-sealed, values untouched).

use crate::error::Result;
use crate::policy::readers::{administers, readers};
use crate::session::Write;
use crate::time::Timestamp;
use crate::vault::seal;
use crate::vault::{KeyringName, PrincipalName, SecretName, Vault};
use std::collections::{BTreeMap, BTreeSet};

/// The reader set of `name` under the vault's current trust state.
pub fn reader_set(vault: &Vault, name: &SecretName) -> BTreeSet<PrincipalName> {
    readers(vault.policy(), vault.trust.principals.keys(), name.as_str())
}

/// A keyring of `readers` that `writer` may seal to: one an admin made (preferred),
/// else one `writer` made itself.
pub fn usable(
    vault: &Vault,
    readers: &BTreeSet<PrincipalName>,
    writer: &PrincipalName,
) -> Option<KeyringName> {
    let policy = vault.policy();
    let matching = vault
        .keyrings
        .iter()
        .filter(|(_, keyring)| keyring.readers == *readers);
    let mut own = None;
    for (name, keyring) in matching {
        if administers(policy, &keyring.signer) {
            return Some(name.clone());
        }
        if keyring.signer == *writer && own.is_none() {
            own = Some(name.clone());
        }
    }
    own
}

fn recipients(vault: &Vault) -> BTreeMap<PrincipalName, String> {
    vault
        .trust
        .principals
        .iter()
        .map(|(name, principal)| (name.clone(), principal.recipient.clone()))
        .collect()
}

/// The keyring a new version of `name` is sealed to, made now when there is none.
pub fn for_writing(write: &mut Write<'_>, name: &SecretName) -> Result<KeyringName> {
    let vault = write.vault();
    let readers = reader_set(vault, name);
    if let Some(keyring) = usable(vault, &readers, write.principal()) {
        return Ok(keyring);
    }
    let writer = write.principal().clone();
    let (keyring_name, keyring, key) = seal::new_keyring(&readers, &recipients(vault), &writer)?;
    write.made_keyring(&keyring_name);
    let session = write.session();
    session.install_keyring_key(keyring_name.clone(), key);
    session
        .view
        .vault
        .keyrings
        .insert(keyring_name.clone(), keyring);
    Ok(keyring_name)
}

/// What a sync changed, for the audit event and the user.
#[derive(Debug, Default)]
pub struct Moves {
    pub created: Vec<KeyringName>,
    pub removed: Vec<KeyringName>,
    /// Versions whose data keys moved, by secret.
    pub moved: BTreeMap<SecretName, usize>,
    /// Principals who left a secret's reader set.
    pub left: BTreeMap<SecretName, Vec<PrincipalName>>,
}

impl Moves {
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let versions: usize = self.moved.values().sum();
        if versions > 0 {
            parts.push(format!(
                "{versions} version(s) of {} secret(s) moved to the keyrings of their reader sets",
                self.moved.len()
            ));
        }
        let mut leavers: BTreeSet<&PrincipalName> = BTreeSet::new();
        for left in self.left.values() {
            leavers.extend(left);
        }
        if !leavers.is_empty() {
            let names: Vec<String> = leavers.iter().map(|p| format!("'{p}'")).collect();
            parts.push(format!(
                "{} no longer hold the keys of what they may not read",
                names.join(", ")
            ));
        }
        if !self.removed.is_empty() {
            parts.push(format!("{} keyring(s) retired", self.removed.len()));
        }
        if parts.is_empty() {
            "every keyring already matched the policy".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// Moves every version whose keyring is not an admin's keyring of its secret's reader
/// set, and retires keyrings nothing is sealed to any more. The caller administers the
/// vault (`Write::administer`), so it holds every keyring it must open.
pub fn sync(write: &mut Write<'_>) -> Result<Moves> {
    write.administer(None)?;
    let mut moves = Moves::default();
    let me = write.principal().clone();
    let names: Vec<SecretName> = write.vault().secrets.keys().cloned().collect();
    let now = Timestamp::now();
    for name in names {
        let vault = write.vault();
        let readers = reader_set(vault, &name);
        let target = match usable(vault, &readers, &me)
            .filter(|k| administers(vault.policy(), &vault.keyrings[k].signer))
        {
            Some(target) => target,
            None => {
                let (keyring_name, keyring, key) =
                    seal::new_keyring(&readers, &recipients(vault), &me)?;
                write.made_keyring(&keyring_name);
                let session = write.session();
                session.install_keyring_key(keyring_name.clone(), key);
                session
                    .view
                    .vault
                    .keyrings
                    .insert(keyring_name.clone(), keyring);
                moves.created.push(keyring_name.clone());
                keyring_name
            }
        };
        let versions: Vec<(u32, crate::vault::SealedValue)> = write
            .vault()
            .secret(&name)?
            .versions
            .iter()
            .filter_map(|(number, v)| v.sealed.clone().map(|s| (*number, s)))
            .filter(|(_, sealed)| sealed.keyring != target)
            .collect();
        let mut left: BTreeSet<PrincipalName> = BTreeSet::new();
        let mut moved = Vec::with_capacity(versions.len());
        for (number, sealed) in versions {
            let old_readers = write.vault().keyring(&sealed.keyring)?.readers.clone();
            left.extend(old_readers.difference(&readers).cloned());
            let session = write.session();
            session.keyring_key(&sealed.keyring)?;
            let old_key = session.opened(&sealed.keyring)?;
            let new = session.vault().keyring(&target)?;
            moved.push((
                number,
                seal::rewrap_dek(old_key, &target, new, &name, number, &sealed)?,
            ));
        }
        if moved.is_empty() {
            continue;
        }
        moves.moved.insert(name.clone(), moved.len());
        let vault = write.administer(None)?;
        let secret = vault.secret_mut(&name)?;
        for (number, resealed) in moved {
            if let Some(version) = secret.versions.get_mut(&number) {
                version.sealed = Some(resealed);
            }
        }
        for principal in &left {
            secret.exposed.insert(principal.clone(), now);
        }
        if !left.is_empty() {
            moves.left.insert(name.clone(), left.into_iter().collect());
        }
    }
    retire_unused(write, &mut moves)?;
    Ok(moves)
}

/// Removes keyrings no version is sealed to.
fn retire_unused(write: &mut Write<'_>, moves: &mut Moves) -> Result<()> {
    let used: BTreeSet<KeyringName> = write
        .vault()
        .secrets
        .values()
        .flat_map(|secret| secret.versions.values())
        .filter_map(|version| version.sealed.as_ref().map(|s| s.keyring.clone()))
        .collect();
    let unused: Vec<KeyringName> = write
        .vault()
        .keyrings
        .keys()
        .filter(|name| !used.contains(*name))
        .cloned()
        .collect();
    if unused.is_empty() {
        return Ok(());
    }
    let vault = write.administer(None)?;
    for name in unused {
        vault.keyrings.remove(&name);
        moves.removed.push(name);
    }
    Ok(())
}
