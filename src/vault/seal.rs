//! Sealing values (format 2): a fresh data key per version seals the value
//! (XChaCha20-Poly1305, bound to the vault id, the secret's name and the version) and
//! nothing else, ever, so the nonce is fixed and the file holds only ciphertext and tag;
//! the data key is sealed to the keyring's public key, and the keyring's secret half is
//! wrapped with age to each of its readers. Writing needs only public keys.

use super::model::{Keyring, Vault};
use super::name::{KeyringName, PrincipalName, SecretName};
use super::secret::SealedValue;
use crate::crypto::mac::Canonical;
use crate::crypto::sealbox::{self, KeyPair};
use crate::crypto::wrap::{self, UnwrapError};
use crate::crypto::{DataKey, SecretBytes, aead};
use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::time::Timestamp;
use age::x25519;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

/// A keyring's key pair, opened for this command.
pub struct KeyringKey {
    pair: KeyPair,
    /// The public key the vault states for the keyring. A pair that does not match it
    /// opens nothing sealed to the keyring, so the two are compared (a base-point
    /// multiplication) only to explain a data key that does not open.
    stated: String,
}

impl KeyringKey {
    pub fn public(&self) -> String {
        self.pair.public().to_string()
    }

    fn open(&self, sealed: &str) -> Option<SecretBytes> {
        self.pair.open(sealed)
    }

    /// Why a data key sealed to this keyring did not open.
    fn not_opened(&self, what: String) -> Error {
        if self.public() == self.stated {
            Error::integrity(format!("{what}: its ciphertext was altered or moved."))
        } else {
            Error::integrity(format!(
                "{what}: the keyring key wrapped for this principal does not match the keyring's public key, so the vault was altered."
            ))
        }
    }
}

/// A new keyring for `readers`, its secret wrapped to each of them; `recipients` maps
/// every principal to its age recipient. Returns its name (from its public key).
pub fn new_keyring(
    readers: &BTreeSet<PrincipalName>,
    recipients: &BTreeMap<PrincipalName, String>,
    signer: &PrincipalName,
) -> Result<(KeyringName, Keyring, KeyringKey)> {
    let pair = KeyPair::generate();
    let secret = pair.secret();
    let mut wrapped = BTreeMap::new();
    for reader in readers {
        let recipient = recipients.get(reader).ok_or_else(|| {
            Error::integrity(format!(
                "The keyring's reader '{reader}' is not a principal of the vault."
            ))
        })?;
        wrapped.insert(
            reader.clone(),
            wrap::wrap(&parse_recipient(recipient)?, secret.expose()),
        );
    }
    let public = pair.public().to_string();
    let name = keyring_name(&public)?;
    let keyring = Keyring {
        public,
        readers: readers.clone(),
        wrapped,
        signer: signer.clone(),
        created: Timestamp::now(),
    };
    let key = KeyringKey {
        pair,
        stated: keyring.public.clone(),
    };
    Ok((name, keyring, key))
}

/// A keyring is named after its public key, so two branches never make two keyrings
/// of one name.
fn keyring_name(public: &str) -> Result<KeyringName> {
    let mut encoding = Canonical::new("tresor/v2/keyring-name");
    encoding.text(public);
    format!("k-{}", &encoding.digest()[..12]).parse()
}

pub fn parse_recipient(recipient: &str) -> Result<x25519::Recipient> {
    x25519::Recipient::from_str(recipient).map_err(|_| {
        Error::integrity(
            "The vault holds a recipient that is not an age X25519 public key: the file was altered.",
        )
    })
}

/// Opens the keyring `name` with the caller's identity.
pub fn open_keyring(
    vault: &Vault,
    name: &KeyringName,
    principal: &PrincipalName,
    identity: &Identity,
) -> Result<KeyringKey> {
    let keyring = vault.keyring(name)?;
    let secret = keyring_secret(keyring.wrapped.get(principal), name, principal, identity)?;
    let pair = KeyPair::from_secret(secret.expose()).ok_or_else(|| {
        Error::integrity(format!(
            "The keyring '{name}' wrapped for '{principal}' is not a key: the vault was altered."
        ))
    })?;
    Ok(KeyringKey {
        pair,
        stated: keyring.public.clone(),
    })
}

/// A keyring's secret as wrapped with age to `principal` (format 1 and format 2 wrap
/// keyring secrets alike), opened with the caller's identity.
pub(crate) fn keyring_secret(
    wrapped: Option<&String>,
    name: &KeyringName,
    principal: &PrincipalName,
    identity: &Identity,
) -> Result<SecretBytes> {
    let wrapped = wrapped.ok_or_else(|| {
        Error::no_identity(format!(
            "The principal '{principal}' holds no key to the keyring '{name}'; an admin must grant read access there."
        ))
    })?;
    wrap::unwrap(identity.age_identity(), wrapped).map_err(|err| match err {
        UnwrapError::NotForThisIdentity => Error::no_identity(format!(
            "The identity in use cannot open the keyring '{name}' wrapped for '{principal}'."
        )),
        UnwrapError::Corrupt => Error::integrity(format!(
            "The keyring '{name}' wrapped for '{principal}' is corrupt: the vault was altered."
        )),
    })
}

/// The associated data of a value: it opens only in its vault, secret and version.
/// (Format 1 used the same, so `upgrade` opens format-1 values with it.)
pub(crate) fn value_aad(vault_id: &str, name: &SecretName, version: u32) -> Vec<u8> {
    let mut aad = Canonical::new("tresor/value/v1");
    aad.text(vault_id)
        .text(name.as_str())
        .number(version.into());
    aad.as_bytes().to_vec()
}

fn public_key(keyring: &Keyring) -> Result<sealbox::PublicKey> {
    sealbox::PublicKey::parse(&keyring.public).ok_or_else(|| {
        Error::integrity(
            "The vault holds a keyring whose public key is malformed: the file was altered.",
        )
    })
}

/// Seals a new version's value under a fresh data key sealed to the keyring's public
/// key: writing needs no secret of the keyring.
pub fn seal_value(
    vault_id: &str,
    keyring_name: KeyringName,
    keyring: &Keyring,
    name: &SecretName,
    version: u32,
    plaintext: &[u8],
) -> Result<SealedValue> {
    seal_under_fresh_key(
        keyring_name,
        &public_key(keyring)?,
        &value_aad(vault_id, name, version),
        plaintext,
    )
}

/// The one place a value is sealed: under a data key made here, which seals this value
/// and nothing else (so its nonce is fixed and not stored), and is itself sealed to the
/// keyring's public key.
fn seal_under_fresh_key(
    keyring_name: KeyringName,
    keyring: &sealbox::PublicKey,
    aad: &[u8],
    plaintext: &[u8],
) -> Result<SealedValue> {
    let dek = DataKey::generate();
    let sealed_dek = keyring.seal(dek.as_bytes());
    let value = aead::seal_with_single_use_key(dek, aad, plaintext);
    Ok(SealedValue {
        keyring: keyring_name,
        dek: sealed_dek,
        value: wrap::encode(&value),
    })
}

/// Seals an existing data key to `keyring` (a re-key, or a move to another keyring).
fn seal_data_key(keyring: &Keyring, dek: &DataKey) -> Result<String> {
    Ok(public_key(keyring)?.seal(dek.as_bytes()))
}

fn open_dek(key: &KeyringKey, sealed: &SealedValue) -> Option<DataKey> {
    key.open(&sealed.dek)
        .and_then(|dek| DataKey::from_slice(dek.expose()))
}

/// Opens a version's value: one sealed-box open of its data key, one AEAD open.
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
    let dek = open_dek(key, sealed)
        .ok_or_else(|| key.not_opened(format!("Version {version} of '{name}' does not open")))?;
    let value = wrap::decode(&sealed.value).ok_or_else(altered)?;
    aead::open_with_single_use_key(&dek, &value_aad(vault_id, name, version), &value)
        .map_err(|_| altered())
}

/// Re-seals a version's data key from one keyring to another (a move to the keyring
/// of a new reader set, or a re-key); the value's ciphertext is untouched.
pub fn rewrap_dek(
    old: &KeyringKey,
    new_name: &KeyringName,
    new: &Keyring,
    name: &SecretName,
    version: u32,
    sealed: &SealedValue,
) -> Result<SealedValue> {
    let dek = open_dek(old, sealed).ok_or_else(|| {
        old.not_opened(format!(
            "The data key of version {version} of '{name}' does not open"
        ))
    })?;
    Ok(SealedValue {
        keyring: new_name.clone(),
        dek: seal_data_key(new, &dek)?,
        value: sealed.value.clone(),
    })
}

/// Re-seals a version's value under a new version number (a merge renumbers the
/// other branch's versions): the associated data of `new`, under a fresh data key
/// sealed to the same keyring, since a data key never seals a second value.
pub fn renumber_value(
    vault_id: &str,
    key: &KeyringKey,
    name: &SecretName,
    old: u32,
    new: u32,
    sealed: &SealedValue,
) -> Result<SealedValue> {
    let plaintext = open_value(vault_id, key, name, old, sealed)?;
    seal_under_fresh_key(
        sealed.keyring.clone(),
        &key.pair.public(),
        &value_aad(vault_id, name, new),
        plaintext.expose(),
    )
}

/// A version's data key, for tests that check no two values share one.
#[cfg(test)]
pub(crate) fn data_key_for_tests(key: &KeyringKey, sealed: &SealedValue) -> Option<DataKey> {
    open_dek(key, sealed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn flip(field: &str, position: usize, bit: u8) -> String {
        let mut bytes = wrap::decode(field).unwrap();
        let index = position % bytes.len();
        bytes[index] ^= 1 << bit;
        wrap::encode(&bytes)
    }

    fn new_pair() -> (Keyring, KeyringKey) {
        let alice: PrincipalName = "alice".parse().unwrap();
        let recipients = BTreeMap::from([(
            alice.clone(),
            x25519::Identity::generate().to_public().to_string(),
        )]);
        let (_, keyring, key) =
            new_keyring(&BTreeSet::from([alice.clone()]), &recipients, &alice).unwrap();
        (keyring, key)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// A value sealed to a keyring opens with its key, in its place, to exactly its
        /// bytes; moved, opened with another key or altered by one bit anywhere, it is
        /// an integrity failure.
        #[test]
        fn a_sealed_value_opens_only_as_it_was_sealed(
            plaintext in proptest::collection::vec(any::<u8>(), 0..256),
            version in 1u32..1000,
            position in any::<usize>(),
            bit in 0u8..8,
        ) {
            let (keyring, key) = new_pair();
            let (_, other_key) = new_pair();
            let name: SecretName = "prod/db/password".parse().unwrap();
            let other: SecretName = "prod/db/passwort".parse().unwrap();
            let sealed = seal_value("vault-a", "k-a".parse().unwrap(), &keyring, &name, version, &plaintext).unwrap();
            let opened = open_value("vault-a", &key, &name, version, &sealed).unwrap();
            prop_assert_eq!(opened.expose(), &plaintext[..]);

            let refused = [
                open_value("vault-a", &key, &name, version + 1, &sealed),
                open_value("vault-a", &key, &other, version, &sealed),
                open_value("vault-b", &key, &name, version, &sealed),
                open_value("vault-a", &other_key, &name, version, &sealed),
                open_value("vault-a", &key, &name, version, &SealedValue {
                    value: flip(&sealed.value, position, bit),
                    ..sealed.clone()
                }),
                open_value("vault-a", &key, &name, version, &SealedValue {
                    dek: flip(&sealed.dek, position, bit),
                    ..sealed.clone()
                }),
            ];
            for (case, outcome) in refused.into_iter().enumerate() {
                prop_assert_eq!(outcome.err().map(|err| err.exit_code()), Some(5), "case {}", case);
            }
        }
    }

    #[test]
    fn rewrapped_and_renumbered_values_open_in_their_new_place() {
        let (old, old_key) = new_pair();
        let (new, new_key) = new_pair();
        let name: SecretName = "a/b".parse().unwrap();
        let sealed = seal_value("v", "k-old".parse().unwrap(), &old, &name, 1, b"value").unwrap();
        let moved =
            rewrap_dek(&old_key, &"k-new".parse().unwrap(), &new, &name, 1, &sealed).unwrap();
        assert_eq!(moved.keyring.as_str(), "k-new");
        assert_eq!(moved.value, sealed.value);
        assert_eq!(
            open_value("v", &new_key, &name, 1, &moved)
                .unwrap()
                .expose(),
            b"value"
        );
        assert!(open_value("v", &old_key, &name, 1, &moved).is_err());
        let renumbered = renumber_value("v", &new_key, &name, 1, 4, &moved).unwrap();
        assert_eq!(renumbered.keyring.as_str(), "k-new");
        assert_eq!(
            open_value("v", &new_key, &name, 4, &renumbered)
                .unwrap()
                .expose(),
            b"value"
        );
        // A data key seals one value only: the renumbered value has a key of its own.
        let data_key = |sealed: &SealedValue| open_dek(&new_key, sealed).unwrap();
        assert_ne!(
            data_key(&renumbered).as_bytes(),
            data_key(&moved).as_bytes()
        );
        assert_eq!(
            data_key(&moved).as_bytes(),
            open_dek(&old_key, &sealed).unwrap().as_bytes()
        );
    }

    #[test]
    fn a_value_is_its_ciphertext_and_tag_only() {
        let (keyring, _) = new_pair();
        let name: SecretName = "a/b".parse().unwrap();
        let sealed = seal_value("v", "k-a".parse().unwrap(), &keyring, &name, 1, &[7; 64]).unwrap();
        assert_eq!(wrap::decode(&sealed.value).unwrap().len(), 64 + 16);
    }
}
