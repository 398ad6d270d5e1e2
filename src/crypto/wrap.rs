//! Key wrapping with age: a small secret encrypted to an X25519 recipient, stored as
//! binary age on one base64 line (so the real `age -d` opens it after `base64 -d`).

use super::keys::SecretBytes;
use age::x25519;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

/// Why a wrapped key did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnwrapError {
    /// It was not wrapped to this identity.
    NotForThisIdentity,
    /// It is not valid base64 or age, or its age MAC or payload tag failed.
    Corrupt,
}

/// Encrypts `plaintext` to `recipient`; returns base64 of the binary age file.
#[allow(clippy::expect_used)] // age fails only for zero recipients or I/O on a Vec: neither can happen
pub fn wrap(recipient: &x25519::Recipient, plaintext: &[u8]) -> String {
    let ciphertext =
        age::encrypt(recipient, plaintext).expect("age encryption to one recipient into memory");
    BASE64.encode(ciphertext)
}

/// Decrypts what `wrap` made with `identity`.
pub fn unwrap(identity: &x25519::Identity, wrapped: &str) -> Result<SecretBytes, UnwrapError> {
    let ciphertext = BASE64
        .decode(wrapped.trim())
        .map_err(|_| UnwrapError::Corrupt)?;
    age::decrypt(identity, &ciphertext)
        .map(SecretBytes::new)
        .map_err(|err| match err {
            age::DecryptError::NoMatchingKeys => UnwrapError::NotForThisIdentity,
            _ => UnwrapError::Corrupt,
        })
}

/// Decodes a base64 field of the vault.
pub fn decode(field: &str) -> Option<Vec<u8>> {
    BASE64.decode(field.trim()).ok()
}

pub fn encode(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_wrong_identity() {
        let alice = x25519::Identity::generate();
        let bob = x25519::Identity::generate();
        let wrapped = wrap(&alice.to_public(), b"keyring secret");
        assert_eq!(
            unwrap(&alice, &wrapped).map(|p| p.expose().to_vec()),
            Ok(b"keyring secret".to_vec())
        );
        assert_eq!(
            unwrap(&bob, &wrapped).err(),
            Some(UnwrapError::NotForThisIdentity)
        );
        assert_eq!(
            unwrap(&alice, "not base64!").err(),
            Some(UnwrapError::Corrupt)
        );
        let mut bytes = decode(&wrapped).unwrap_or_default();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(
            unwrap(&alice, &encode(&bytes)).err(),
            Some(UnwrapError::Corrupt)
        );
    }
}
