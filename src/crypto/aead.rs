//! XChaCha20-Poly1305, two ways: `seal`/`open` with a random 192-bit nonce stored in
//! front of the ciphertext (for keys that seal more than one message over time, such as
//! a passphrase's), and `seal_with_single_use_key`/`open_with_single_use_key` with a
//! fixed nonce and nothing stored, for keys that seal exactly one message (data keys).

use super::keys::{DataKey, SecretBytes, random_bytes};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

const NONCE_LEN: usize = 24;

/// The ciphertext failed to open: wrong key, wrong associated data, or altered bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenError;

/// The nonce of a single-use key: a (key, nonce) pair must never seal two messages, and
/// a key that seals one message only never repeats the pair, whatever the nonce.
const SINGLE_USE_NONCE: [u8; NONCE_LEN] = [0; NONCE_LEN];

/// Seals `plaintext` under `key`, bound to `aad`; returns nonce || ciphertext || tag.
#[allow(clippy::expect_used)] // fails only past 256 GiB of plaintext; values are capped far below
pub fn seal(key: &[u8; 32], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let cipher = XChaCha20Poly1305::new(key.into());
    let nonce = random_bytes::<NONCE_LEN>();
    let mut sealed = nonce.to_vec();
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("XChaCha20-Poly1305 encrypts any input under 256 GiB");
    sealed.extend_from_slice(&ciphertext);
    sealed
}

/// Opens what `seal` made, releasing nothing unless the tag verifies.
pub fn open(key: &[u8; 32], aad: &[u8], sealed: &[u8]) -> Result<SecretBytes, OpenError> {
    if sealed.len() < NONCE_LEN + 16 {
        return Err(OpenError);
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .map(SecretBytes::new)
        .map_err(|_| OpenError)
}

/// Seals `plaintext` under `key`, bound to `aad`, with the fixed all-zero nonce; returns
/// ciphertext || tag (no nonce stored). `key` must be random and seal this one message
/// and no other, ever: a second message under it would reuse the (key, nonce) pair and
/// give both away. Taking the key by value spends it.
#[allow(clippy::expect_used)] // fails only past 256 GiB of plaintext; values are capped far below
pub fn seal_with_single_use_key(key: DataKey, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    XChaCha20Poly1305::new(key.as_bytes().into())
        .encrypt(
            XNonce::from_slice(&SINGLE_USE_NONCE),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("XChaCha20-Poly1305 encrypts any input under 256 GiB")
}

/// Opens what `seal_with_single_use_key` made, releasing nothing unless the tag verifies.
pub fn open_with_single_use_key(
    key: &DataKey,
    aad: &[u8],
    sealed: &[u8],
) -> Result<SecretBytes, OpenError> {
    XChaCha20Poly1305::new(key.as_bytes().into())
        .decrypt(
            XNonce::from_slice(&SINGLE_USE_NONCE),
            Payload { msg: sealed, aad },
        )
        .map(SecretBytes::new)
        .map_err(|_| OpenError)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wrong_aad_does_not_open() {
        let key = [7u8; 32];
        let sealed = seal(&key, b"vault/a/1", b"hunter2");
        assert_eq!(
            open(&key, b"vault/a/1", &sealed).map(|p| p.expose().to_vec()),
            Ok(b"hunter2".to_vec())
        );
        assert_eq!(open(&key, b"vault/a/2", &sealed).err(), Some(OpenError));
        assert_eq!(
            open(&[8u8; 32], b"vault/a/1", &sealed).err(),
            Some(OpenError)
        );
        assert_eq!(open(&key, b"", &sealed[..10]).err(), Some(OpenError));
    }

    #[test]
    fn a_single_use_seal_stores_no_nonce_and_opens_only_as_sealed() {
        let key = DataKey::from_slice(&[9u8; 32]).unwrap();
        let sealed = seal_with_single_use_key(key.clone(), b"vault/a/1", b"hunter2");
        assert_eq!(sealed.len(), b"hunter2".len() + 16);
        assert_eq!(
            open_with_single_use_key(&key, b"vault/a/1", &sealed).map(|p| p.expose().to_vec()),
            Ok(b"hunter2".to_vec())
        );
        assert!(open_with_single_use_key(&key, b"vault/a/2", &sealed).is_err());
        let other = DataKey::from_slice(&[8u8; 32]).unwrap();
        assert!(open_with_single_use_key(&other, b"vault/a/1", &sealed).is_err());
        assert!(open_with_single_use_key(&key, b"vault/a/1", &sealed[..15]).is_err());
        // Neither form opens as the other.
        assert!(open(key.as_bytes(), b"vault/a/1", &sealed).is_err());
        let random = seal(key.as_bytes(), b"vault/a/1", b"hunter2");
        assert!(open_with_single_use_key(&key, b"vault/a/1", &random).is_err());
    }

    proptest! {
        #[test]
        fn single_use_seal_then_open_returns_the_input(plaintext in proptest::collection::vec(any::<u8>(), 0..512), aad in proptest::collection::vec(any::<u8>(), 0..64), position in any::<usize>(), bit in 0u8..8) {
            let key = DataKey::generate();
            let mut sealed = seal_with_single_use_key(key.clone(), &aad, &plaintext);
            prop_assert_eq!(open_with_single_use_key(&key, &aad, &sealed).map(|p| p.expose().to_vec()), Ok(plaintext));
            let index = position % sealed.len();
            sealed[index] ^= 1 << bit;
            prop_assert_eq!(open_with_single_use_key(&key, &aad, &sealed).err(), Some(OpenError));
        }

        #[test]
        fn seal_then_open_returns_the_input(plaintext in proptest::collection::vec(any::<u8>(), 0..512), aad in proptest::collection::vec(any::<u8>(), 0..64)) {
            let key = [3u8; 32];
            let sealed = seal(&key, &aad, &plaintext);
            prop_assert_eq!(open(&key, &aad, &sealed).map(|p| p.expose().to_vec()), Ok(plaintext));
        }

        #[test]
        fn any_flipped_bit_fails_to_open(plaintext in proptest::collection::vec(any::<u8>(), 0..128), position in any::<usize>(), bit in 0u8..8) {
            let key = [5u8; 32];
            let mut sealed = seal(&key, b"aad", &plaintext);
            let index = position % sealed.len();
            sealed[index] ^= 1 << bit;
            prop_assert_eq!(open(&key, b"aad", &sealed).err(), Some(OpenError));
        }
    }
}
