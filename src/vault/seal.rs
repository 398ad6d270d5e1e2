//! The vault's cryptography (DESIGN.md section 3): per-version data keys, keyrings,
//! the integrity key and the MACs over secrets and over the whole vault.

use super::model::{FORMAT, Keyring, SealedValue, Secret, Vault};
use super::name::{KeyringName, PrincipalName, SecretName};
use crate::crypto::mac::{self, Canonical, Sink};
use crate::crypto::wrap::{self, UnwrapError};
use crate::crypto::{DataKey, IntegrityKey, SecretBytes, aead};
use crate::error::{Error, Result};
use crate::identity::Identity;
use age::secrecy::ExposeSecret;
use age::x25519;
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use std::str::FromStr;

/// A keyring's secret half, opened for this command.
pub struct KeyringKey(x25519::Identity);

impl KeyringKey {
    pub fn generate() -> Self {
        KeyringKey(x25519::Identity::generate())
    }

    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    fn secret_text(&self) -> SecretBytes {
        SecretBytes::new(self.0.to_string().expose_secret().as_bytes().to_vec())
    }

    /// The keyring's secret wrapped with age to a principal's recipient.
    pub fn wrap_to(&self, recipient: &str) -> Result<String> {
        Ok(wrap::wrap(
            &parse_recipient(recipient)?,
            self.secret_text().expose(),
        ))
    }

    /// Seals the integrity key under a key derived from this keyring's secret, so
    /// whoever opens the keyring can trust the integrity key it finds there.
    pub fn seal_integrity(
        &self,
        vault_id: &str,
        keyring: &KeyringName,
        key: &IntegrityKey,
    ) -> String {
        wrap::encode(&aead::seal(
            &self.binding_key(vault_id, keyring),
            &integrity_aad(vault_id, keyring),
            key.as_bytes(),
        ))
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

fn parse_recipient(recipient: &str) -> Result<x25519::Recipient> {
    x25519::Recipient::from_str(recipient)
        .map_err(|_| Error::integrity("The vault holds a recipient that is not an age X25519 public key: the file was altered."))
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
    let wrapped = keyring.wrapped.get(principal).ok_or_else(|| {
        Error::no_identity(format!(
            "The principal '{principal}' holds no key to the keyring '{name}'; an admin must grant read access there."
        ))
    })?;
    let secret = wrap::unwrap(identity.age_identity(), wrapped).map_err(|err| match err {
        UnwrapError::NotForThisIdentity => Error::no_identity(format!(
            "The identity in use cannot open the keyring '{name}' wrapped for '{principal}'."
        )),
        UnwrapError::Corrupt => Error::integrity(format!(
            "The keyring '{name}' wrapped for '{principal}' is corrupt: the vault was altered."
        )),
    })?;
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

pub fn wrap_integrity_to(recipient: &str, key: &IntegrityKey) -> Result<String> {
    Ok(wrap::wrap(&parse_recipient(recipient)?, key.as_bytes()))
}

fn value_aad(vault_id: &str, name: &SecretName, version: u32) -> Vec<u8> {
    let mut aad = Canonical::new("tresor/value/v1");
    aad.text(vault_id)
        .text(name.as_str())
        .number(version.into());
    aad.as_bytes().to_vec()
}

/// Seals a new version's value under a fresh data key, wrapped to the keyring's
/// public key: writing needs no secret of the keyring.
pub fn seal_value(
    vault_id: &str,
    keyring: &Keyring,
    name: &SecretName,
    version: u32,
    plaintext: &[u8],
) -> Result<SealedValue> {
    let dek = DataKey::generate();
    let value = aead::seal(
        dek.as_bytes(),
        &value_aad(vault_id, name, version),
        plaintext,
    );
    Ok(SealedValue {
        dek: wrap::wrap(&parse_recipient(&keyring.recipient)?, dek.as_bytes()),
        value: wrap::encode(&value),
    })
}

/// Opens a version's value: one age decryption of its data key, one AEAD open.
pub fn open_value(
    vault_id: &str,
    key: &KeyringKey,
    name: &SecretName,
    version: u32,
    sealed: &SealedValue,
) -> Result<SecretBytes> {
    let altered = || {
        Error::integrity(format!(
            "Version {version} of '{name}' does not open: its ciphertext was altered or moved."
        ))
    };
    let dek = open_dek(key, sealed).map_err(|_| altered())?;
    let value = wrap::decode(&sealed.value).ok_or_else(altered)?;
    aead::open(dek.as_bytes(), &value_aad(vault_id, name, version), &value).map_err(|_| altered())
}

fn open_dek(key: &KeyringKey, sealed: &SealedValue) -> std::result::Result<DataKey, UnwrapError> {
    let dek = wrap::unwrap(&key.0, &sealed.dek)?;
    DataKey::from_slice(dek.expose()).ok_or(UnwrapError::Corrupt)
}

/// Re-wraps a version's data key from one keyring key to another (re-keying);
/// the value's ciphertext is untouched.
pub fn rewrap_dek(
    old: &KeyringKey,
    new_recipient: &str,
    name: &SecretName,
    version: u32,
    sealed: &SealedValue,
) -> Result<SealedValue> {
    let dek = open_dek(old, sealed).map_err(|_| {
        Error::integrity(format!(
            "The data key of version {version} of '{name}' does not open: the vault was altered."
        ))
    })?;
    Ok(SealedValue {
        dek: wrap::wrap(&parse_recipient(new_recipient)?, dek.as_bytes()),
        value: sealed.value.clone(),
    })
}

/// Re-seals a version's value under a new version number (a merge renumbers the
/// other branch's versions): the same data key, the associated data of `new`.
pub fn renumber_value(
    vault_id: &str,
    key: &KeyringKey,
    name: &SecretName,
    old: u32,
    new: u32,
    sealed: &SealedValue,
) -> Result<SealedValue> {
    let altered = || {
        Error::integrity(format!(
            "Version {old} of '{name}' does not open: its ciphertext was altered or moved."
        ))
    };
    let dek = open_dek(key, sealed).map_err(|_| altered())?;
    let value = wrap::decode(&sealed.value).ok_or_else(altered)?;
    let plaintext = aead::open(dek.as_bytes(), &value_aad(vault_id, name, old), &value)
        .map_err(|_| altered())?;
    Ok(SealedValue {
        dek: sealed.dek.clone(),
        value: wrap::encode(&aead::seal(
            dek.as_bytes(),
            &value_aad(vault_id, name, new),
            plaintext.expose(),
        )),
    })
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
        .optional_time(meta.expires)
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
    // Loaded and unloaded secrets together, in name order, as the file holds them.
    encoding.number((vault.secrets.len() + vault.unloaded.len()) as u64);
    let mut loaded = vault
        .secrets
        .iter()
        .map(|(name, secret)| (name.as_str(), secret.mac.as_str()))
        .peekable();
    let mut unloaded = vault.unloaded.iter().peekable();
    loop {
        let take_loaded = match (loaded.peek(), unloaded.peek()) {
            (Some(a), Some(b)) => a.0 < b.0,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_loaded {
            loaded.next()
        } else {
            unloaded.next()
        };
        if let Some((name, mac)) = next {
            encoding.text(name).text(mac);
        }
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
    let secret = vault.secret(name)?;
    if mac::verify(key, &secret_encoding(&vault.id, name, secret), &secret.mac) {
        Ok(())
    } else {
        Err(Error::integrity(format!(
            "The MAC of secret '{name}' does not match: its record was altered outside tresor. Restore the vault from git or a backup."
        )))
    }
}

pub fn reseal_secret(vault: &mut Vault, name: &SecretName, key: &IntegrityKey) -> Result<()> {
    let id = vault.id.clone();
    let secret = vault.secret_mut(name)?;
    secret.mac = mac::compute(key, &secret_encoding(&id, name, secret));
    Ok(())
}

pub fn reseal_vault(vault: &mut Vault, key: &IntegrityKey) {
    let mut encoding = Canonical::keyed(key, VAULT_DOMAIN);
    encode_vault(vault, &mut encoding);
    vault.mac = encoding.mac();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn flip(field: &str, position: usize, bit: u8) -> String {
        let mut bytes = wrap::decode(field).unwrap();
        let index = position % bytes.len();
        bytes[index] ^= 1 << bit;
        wrap::encode(&bytes)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The whole value path: a value sealed to a keyring opens with its key, in its
        /// place, to exactly its bytes; moved, opened with another key or altered by one
        /// bit anywhere, it is an integrity failure.
        #[test]
        fn a_sealed_value_opens_only_as_it_was_sealed(
            plaintext in proptest::collection::vec(any::<u8>(), 0..256),
            version in 1u32..1000,
            position in any::<usize>(),
            bit in 0u8..8,
        ) {
            let key = KeyringKey::generate();
            let keyring = Keyring { recipient: key.recipient(), wrapped: BTreeMap::new() };
            let name: SecretName = "prod/db/password".parse().unwrap();
            let other: SecretName = "prod/db/passwort".parse().unwrap();
            let sealed = seal_value("vault-a", &keyring, &name, version, &plaintext).unwrap();
            let opened = open_value("vault-a", &key, &name, version, &sealed).unwrap();
            prop_assert_eq!(opened.expose(), &plaintext[..]);

            let refused = [
                open_value("vault-a", &key, &name, version + 1, &sealed),
                open_value("vault-a", &key, &other, version, &sealed),
                open_value("vault-b", &key, &name, version, &sealed),
                open_value("vault-a", &KeyringKey::generate(), &name, version, &sealed),
                open_value("vault-a", &key, &name, version, &SealedValue {
                    dek: sealed.dek.clone(),
                    value: flip(&sealed.value, position, bit),
                }),
                open_value("vault-a", &key, &name, version, &SealedValue {
                    dek: flip(&sealed.dek, position, bit),
                    value: sealed.value.clone(),
                }),
            ];
            for (case, outcome) in refused.into_iter().enumerate() {
                prop_assert_eq!(outcome.err().map(|err| err.exit_code()), Some(5), "case {}", case);
            }
        }
    }
}
