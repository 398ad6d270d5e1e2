//! Format-1 cryptography, to verify and upgrade a format-1 vault: keyrings and data
//! keys wrapped with age, the shared integrity key and the MACs it computes.

use super::model::{FORMAT, Secret, Vault};
use crate::crypto::mac::{self, Canonical, Sink};
use crate::crypto::wrap::{self, UnwrapError};
use crate::crypto::{DataKey, IntegrityKey, SecretBytes, aead};
use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::vault::{KeyringName, PrincipalName, SealedValue, SecretName};
use age::secrecy::ExposeSecret;
use age::x25519;
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use std::str::FromStr;

/// A keyring's secret half, opened for this command.
pub struct KeyringKey(x25519::Identity);

impl KeyringKey {
    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    fn secret_text(&self) -> SecretBytes {
        SecretBytes::new(self.0.to_string().expose_secret().as_bytes().to_vec())
    }

    fn open_integrity(
        &self,
        vault_id: &str,
        keyring: &KeyringName,
        sealed: &str,
    ) -> Result<IntegrityKey> {
        let corrupt = || {
            Error::integrity(format!(
                "The integrity key sealed under keyring '{keyring}' does not open: the vault was altered."
            ))
        };
        let bytes = wrap::decode(sealed).ok_or_else(corrupt)?;
        let opened = aead::open(
            &self.binding_key(vault_id, keyring),
            &integrity_aad(vault_id, keyring),
            &bytes,
        )
        .map_err(|_| corrupt())?;
        IntegrityKey::from_slice(opened.expose()).ok_or_else(corrupt)
    }

    fn binding_key(&self, vault_id: &str, keyring: &KeyringName) -> [u8; 32] {
        let secret = self.secret_text();
        let hkdf = Hkdf::<Sha256>::new(Some(vault_id.as_bytes()), secret.expose());
        let mut key = [0u8; 32];
        let info = format!("tresor/integrity-under-keyring/v1/{keyring}");
        // 32 bytes is far below HKDF-SHA256's 8160-byte limit, so expand cannot fail.
        let _ = hkdf.expand(info.as_bytes(), &mut key);
        key
    }
}

fn integrity_aad(vault_id: &str, keyring: &KeyringName) -> Vec<u8> {
    let mut aad = Canonical::new("tresor/integrity-key/v1");
    aad.text(vault_id).text(keyring.as_str());
    aad.as_bytes().to_vec()
}

/// Opens the keyring `name` with the caller's identity, checking that the secret
/// found matches the keyring's public key.
pub fn open_keyring(
    vault: &Vault,
    name: &KeyringName,
    principal: &PrincipalName,
    identity: &Identity,
) -> Result<KeyringKey> {
    let keyring = vault.keyring(name)?;
    let secret = crate::vault::seal::keyring_secret(
        keyring.wrapped.get(principal),
        name,
        principal,
        identity,
    )?;
    let text = std::str::from_utf8(secret.expose()).ok();
    let key = text
        .and_then(|t| x25519::Identity::from_str(t).ok())
        .map(KeyringKey)
        .ok_or_else(|| {
            Error::integrity(format!(
                "The keyring '{name}' holds no valid key: the vault was altered."
            ))
        })?;
    if key.recipient() != keyring.recipient {
        return Err(Error::integrity(format!(
            "The keyring '{name}' secret does not match its public key: the vault was altered."
        )));
    }
    Ok(key)
}

/// The integrity key, authenticated by a keyring the caller opened.
pub fn integrity_key_via_keyring(
    vault: &Vault,
    name: &KeyringName,
    key: &KeyringKey,
) -> Result<IntegrityKey> {
    let sealed = vault.integrity.keyrings.get(name).ok_or_else(|| {
        Error::integrity(format!(
            "The vault holds no integrity key for keyring '{name}': the file was altered."
        ))
    })?;
    key.open_integrity(&vault.id, name, sealed)
}

/// The integrity key from the age wrap addressed to the principal (for principals
/// that may write but open no keyring).
pub fn integrity_key_via_principal(
    vault: &Vault,
    principal: &PrincipalName,
    identity: &Identity,
) -> Result<IntegrityKey> {
    let wrapped = vault.integrity.principals.get(principal).ok_or_else(|| {
        Error::integrity(format!(
            "The vault holds no integrity key for '{principal}': the file was altered."
        ))
    })?;
    let opened = wrap::unwrap(identity.age_identity(), wrapped).map_err(|err| match err {
        UnwrapError::NotForThisIdentity => Error::no_identity(format!(
            "The identity in use cannot open the integrity key of '{principal}'."
        )),
        UnwrapError::Corrupt => Error::integrity(format!(
            "The integrity key wrapped for '{principal}' is corrupt: the vault was altered."
        )),
    })?;
    IntegrityKey::from_slice(opened.expose()).ok_or_else(|| {
        Error::integrity(format!(
            "The integrity key wrapped for '{principal}' is malformed: the vault was altered."
        ))
    })
}

pub fn open_dek(
    key: &KeyringKey,
    sealed: &SealedValue,
) -> std::result::Result<DataKey, UnwrapError> {
    let dek = wrap::unwrap(&key.0, &sealed.dek)?;
    DataKey::from_slice(dek.expose()).ok_or(UnwrapError::Corrupt)
}

/// A format-1 value (random nonce || ciphertext || tag under its data key, bound to its
/// place), opened to be sealed again under a format-2 data key.
pub fn open_value(
    vault_id: &str,
    dek: &DataKey,
    name: &SecretName,
    version: u32,
    sealed: &SealedValue,
) -> Option<SecretBytes> {
    let value = wrap::decode(&sealed.value)?;
    let aad = crate::vault::seal::value_aad(vault_id, name, version);
    aead::open(dek.as_bytes(), &aad, &value).ok()
}

/// A short digest of a version's ciphertexts, bound into the secret's MAC.
pub fn version_digest(sealed: Option<&SealedValue>) -> String {
    match sealed {
        None => "gone".to_string(),
        Some(sealed) => {
            let mut encoding = Canonical::new("tresor/version-digest/v1");
            encoding.text(&sealed.dek).text(&sealed.value);
            hex::encode(Sha256::digest(encoding.as_bytes()))
        }
    }
}

fn secret_encoding(vault_id: &str, name: &SecretName, secret: &Secret) -> Canonical {
    let meta = &secret.metadata;
    let mut encoding = Canonical::new("tresor/secret/v1");
    encoding
        .text(vault_id)
        .text(name.as_str())
        .text(secret.keyring.as_str())
        .optional(meta.owner.as_deref())
        .optional(meta.description.as_deref())
        .optional(meta.rotate_every.as_deref())
        .optional_time(secret.expires)
        .number(meta.tags.len() as u64);
    for (key, value) in &meta.tags {
        encoding.text(key).text(value);
    }
    encoding
        .time(secret.created)
        .number(secret.aliases.len() as u64);
    for (alias, number) in &secret.aliases {
        encoding.text(alias.as_str()).number((*number).into());
    }
    encoding
        .text(&secret.audit.to_string())
        .number(secret.versions.len() as u64);
    for (number, version) in &secret.versions {
        encoding
            .number((*number).into())
            .text(version.state.as_str())
            .time(version.created)
            .text(version.author.as_str())
            .text(&version_digest(version.sealed.as_ref()));
    }
    encoding
}

const VAULT_DOMAIN: &str = "tresor/vault/v1";

/// Writes the vault's encoding after its domain label (see `VAULT_DOMAIN`).
fn encode_vault<S: Sink>(vault: &Vault, encoding: &mut Canonical<S>) {
    encoding
        .number(FORMAT.into())
        .text(&vault.id)
        .optional(vault.audit.as_ref().map(|r| r.to_string()).as_deref())
        .number(vault.principals.len() as u64);
    for (name, principal) in &vault.principals {
        encoding
            .text(name.as_str())
            .text(&principal.recipient)
            .time(principal.added);
    }
    encoding.number(vault.keyrings.len() as u64);
    for (name, keyring) in &vault.keyrings {
        encoding
            .text(name.as_str())
            .text(&keyring.recipient)
            .number(keyring.wrapped.len() as u64);
        for (principal, wrapped) in &keyring.wrapped {
            encoding.text(principal.as_str()).text(wrapped);
        }
    }
    encoding.number(vault.integrity.principals.len() as u64);
    for (principal, wrapped) in &vault.integrity.principals {
        encoding.text(principal.as_str()).text(wrapped);
    }
    encoding.number(vault.integrity.keyrings.len() as u64);
    for (keyring, sealed) in &vault.integrity.keyrings {
        encoding.text(keyring.as_str()).text(sealed);
    }
    encoding.text(&crate::policy::document::render(&vault.policy));
    encoding.number(vault.grants.len() as u64);
    for (id, grant) in &vault.grants {
        encoding
            .text(id)
            .text(grant.principal.as_str())
            .text(grant.on.as_str())
            .text(&grant.reason)
            .text(&grant.ticket)
            .time(grant.opened)
            .time(grant.expires)
            .optional_time(grant.closed);
    }
    encoding.number(vault.departed.len() as u64);
    for ((principal, keyring), when) in &vault.departed {
        encoding
            .text(principal.as_str())
            .text(keyring.as_str())
            .time(*when);
    }
    encoding.number(vault.secrets.len() as u64);
    for (name, secret) in &vault.secrets {
        encoding.text(name.as_str()).text(&secret.mac);
    }
}

/// Checks the whole-vault MAC: catches a deleted secret, an edited recipient or keyring.
pub fn verify_vault(vault: &Vault, key: &IntegrityKey) -> Result<()> {
    let mut encoding = Canonical::keyed(key, VAULT_DOMAIN);
    encode_vault(vault, &mut encoding);
    if encoding.verify(&vault.mac) {
        Ok(())
    } else {
        Err(Error::integrity(
            "The vault's MAC does not match: the file was altered outside tresor (a secret, recipient or keyring edited or removed). Restore it from git or a backup.",
        ))
    }
}

/// Checks one secret's MAC: catches a re-pointed alias, a resurrected version, an edited owner.
pub fn verify_secret(vault: &Vault, name: &SecretName, key: &IntegrityKey) -> Result<()> {
    let secret = vault.secrets.get(name).ok_or_else(|| {
        Error::integrity(format!(
            "The format-1 vault lost the secret '{name}' while it was read."
        ))
    })?;
    if mac::verify(key, &secret_encoding(&vault.id, name, secret), &secret.mac) {
        Ok(())
    } else {
        Err(Error::integrity(format!(
            "The MAC of secret '{name}' does not match: its record was altered outside tresor. Restore the vault from git or a backup."
        )))
    }
}
