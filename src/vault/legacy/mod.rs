//! Format 1, read only: parsed, verified with the integrity key its principals share,
//! and converted by `tresor upgrade`. Its records are not signed, so nothing here is
//! trusted beyond what that key can say.

mod file;
mod model;
mod seal;

pub use model::{FORMAT, Keyring, Principal, Request, Secret, Vault};

use crate::crypto::{DataKey, IntegrityKey, SecretBytes};
use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::vault::{KeyringName, PrincipalName, SealedValue, SecretName};
use seal::KeyringKey;
use std::collections::HashMap;

/// Parses a format-1 vault file.
pub fn parse(text: &str, source: &str) -> Result<Vault> {
    let file = toml::from_str::<file::FileVault>(text)
        .map_err(|err| crate::vault::format::corrupt_toml(text, source, &err))?;
    file::convert(file).map_err(|why| {
        Error::integrity(format!(
            "The vault {source} is corrupt: {why}. Restore it from git or a backup."
        ))
    })
}

/// A format-1 vault opened by one of its principals, every MAC verified.
pub struct Opened {
    pub vault: Vault,
    pub principal: PrincipalName,
    identity: Identity,
    keyrings: HashMap<KeyringName, KeyringKey>,
}

impl Opened {
    /// Opens `vault` as the principal whose recipient `identity` holds: the integrity
    /// key is taken from a keyring that principal opens (only keyring holders can seal
    /// it there), and the vault and every secret are checked against it.
    pub fn open(vault: Vault, identity: Identity) -> Result<Self> {
        let recipient = identity.recipient().to_string();
        let principal = vault
            .principal_with_recipient(&recipient)
            .cloned()
            .ok_or_else(|| {
                Error::no_identity(format!(
                    "The identity in use ({recipient}) is not a principal of this format-1 vault."
                ))
            })?;
        let mut keyrings = HashMap::new();
        let mut integrity: Option<IntegrityKey> = None;
        for (name, keyring) in &vault.keyrings {
            if !keyring.wrapped.contains_key(&principal) {
                continue;
            }
            let key = seal::open_keyring(&vault, name, &principal, &identity)?;
            if integrity.is_none() {
                integrity = Some(seal::integrity_key_via_keyring(&vault, name, &key)?);
            }
            keyrings.insert(name.clone(), key);
        }
        let integrity = match integrity {
            Some(key) => key,
            None => seal::integrity_key_via_principal(&vault, &principal, &identity)?,
        };
        seal::verify_vault(&vault, &integrity)?;
        for name in vault.secrets.keys() {
            seal::verify_secret(&vault, name, &integrity)?;
        }
        Ok(Opened {
            vault,
            principal,
            identity,
            keyrings,
        })
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// The data key of one version, through the keyring its secret is in.
    pub(crate) fn data_key(
        &self,
        name: &SecretName,
        keyring: &KeyringName,
        version: u32,
        sealed: &SealedValue,
    ) -> Result<DataKey> {
        let key = self.keyrings.get(keyring).ok_or_else(|| {
            Error::no_identity(format!(
                "'{}' holds no key to the format-1 keyring '{keyring}'; an admin of the vault must run the upgrade.",
                self.principal
            ))
        })?;
        seal::open_dek(key, sealed).map_err(|_| {
            Error::integrity(format!(
                "The data key of version {version} of '{name}' does not open: the vault was altered."
            ))
        })
    }

    /// The value of one version, through its data key.
    pub fn value(
        &self,
        name: &SecretName,
        version: u32,
        sealed: &SealedValue,
    ) -> Result<SecretBytes> {
        let dek = self.data_key(name, &sealed.keyring, version, sealed)?;
        seal::open_value(&self.vault.id, &dek, name, version, sealed).ok_or_else(|| {
            Error::integrity(format!(
                "Version {version} of '{name}' does not open: its ciphertext was altered or moved."
            ))
        })
    }
}
