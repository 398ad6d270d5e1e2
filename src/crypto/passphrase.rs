//! Sealing a small secret under a passphrase: Argon2id (RFC 9106's second
//! recommended setting: m = 64 MiB, t = 3, p = 4) derives the key, XChaCha20-Poly1305
//! seals. Parameters and salt travel with the ciphertext.

use super::aead;
use super::keys::{SecretBytes, random_bytes};
use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroizing;

/// The cost parameters of one derivation, stored beside the ciphertext.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    pub const RECOMMENDED: KdfParams = KdfParams {
        memory_kib: 65536,
        iterations: 3,
        parallelism: 4,
    };

    /// Refuses parameters so weak they protect nothing or so large they exhaust the
    /// machine: a file could otherwise make tresor allocate terabytes.
    pub fn is_acceptable(&self) -> bool {
        (8 * 1024..=4 * 1024 * 1024).contains(&self.memory_kib)
            && (1..=64).contains(&self.iterations)
            && (1..=64).contains(&self.parallelism)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseError {
    /// The passphrase is wrong or the sealed bytes were altered.
    WrongPassphrase,
    /// The stored parameters are outside what tresor accepts.
    BadParameters,
}

pub struct Sealed {
    pub params: KdfParams,
    pub salt: [u8; 16],
    pub sealed: Vec<u8>,
}

fn derive(
    passphrase: &[u8],
    salt: &[u8],
    params: KdfParams,
) -> Result<Zeroizing<[u8; 32]>, PassphraseError> {
    if !params.is_acceptable() {
        return Err(PassphraseError::BadParameters);
    }
    let argon_params = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(32),
    )
    .map_err(|_| PassphraseError::BadParameters)?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase, salt, key.as_mut())
        .map_err(|_| PassphraseError::BadParameters)?;
    Ok(key)
}

/// Seals `secret` under `passphrase`, binding `aad` (what the secret is for).
pub fn seal(
    passphrase: &[u8],
    aad: &[u8],
    secret: &[u8],
    params: KdfParams,
) -> Result<Sealed, PassphraseError> {
    let salt = random_bytes::<16>();
    let key = derive(passphrase, &salt, params)?;
    Ok(Sealed {
        params,
        salt,
        sealed: aead::seal(&key, aad, secret),
    })
}

pub fn open(
    passphrase: &[u8],
    aad: &[u8],
    sealed: &Sealed,
) -> Result<SecretBytes, PassphraseError> {
    let key = derive(passphrase, &sealed.salt, sealed.params)?;
    aead::open(&key, aad, &sealed.sealed).map_err(|_| PassphraseError::WrongPassphrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams {
        memory_kib: 8 * 1024,
        iterations: 1,
        parallelism: 1,
    };

    #[test]
    fn right_and_wrong_passphrase() {
        let sealed = seal(b"correct horse", b"id", b"AGE-SECRET-KEY-1X", FAST)
            .ok()
            .unwrap();
        assert_eq!(
            open(b"correct horse", b"id", &sealed).map(|s| s.expose().to_vec()),
            Ok(b"AGE-SECRET-KEY-1X".to_vec())
        );
        assert_eq!(
            open(b"wrong", b"id", &sealed).err(),
            Some(PassphraseError::WrongPassphrase)
        );
        assert_eq!(
            open(b"correct horse", b"other", &sealed).err(),
            Some(PassphraseError::WrongPassphrase)
        );
    }

    #[test]
    fn absurd_parameters_are_refused() {
        let huge = KdfParams {
            memory_kib: u32::MAX,
            ..FAST
        };
        assert_eq!(
            seal(b"p", b"", b"s", huge).err(),
            Some(PassphraseError::BadParameters)
        );
    }

    #[test]
    fn derivation_is_deterministic_and_salted() {
        let a = derive(b"password", b"somesaltsomesalt", FAST).map(|k| *k);
        let b = derive(b"password", b"somesaltsomesalt", FAST).map(|k| *k);
        let c = derive(b"password", b"othersaltothersa", FAST).map(|k| *k);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
