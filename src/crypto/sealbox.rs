//! Data keys wrapped to a keyring's public key (format 2): a NaCl sealed box
//! (X25519 and XSalsa20-Poly1305, through `crypto_box`). 80 bytes for a 32-byte key,
//! where an age file takes about 230, and a writer needs only the public half.

use super::keys::SecretBytes;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use rand::rngs::OsRng;
use std::fmt;
use zeroize::Zeroizing;

/// A keyring's key pair.
pub struct KeyPair(crypto_box::SecretKey);

impl KeyPair {
    pub fn generate() -> Self {
        KeyPair(crypto_box::SecretKey::generate(&mut OsRng))
    }

    /// The key pair from its 32 secret bytes (as wrapped to the keyring's readers).
    pub fn from_secret(bytes: &[u8]) -> Option<Self> {
        let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(bytes.try_into().ok()?);
        Some(KeyPair(crypto_box::SecretKey::from(*bytes)))
    }

    pub fn secret(&self) -> SecretBytes {
        SecretBytes::new(self.0.to_bytes().to_vec())
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.public_key())
    }

    /// Opens what `PublicKey::seal` sealed to this key pair.
    pub fn open(&self, sealed: &str) -> Option<SecretBytes> {
        let bytes = BASE64.decode(sealed.trim()).ok()?;
        self.0.unseal(&bytes).ok().map(SecretBytes::new)
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyPair(public {})", self.public())
    }
}

/// A keyring's public half, written as base64.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(crypto_box::PublicKey);

impl PublicKey {
    pub fn parse(text: &str) -> Option<Self> {
        let bytes: [u8; 32] = BASE64.decode(text.trim()).ok()?.try_into().ok()?;
        Some(PublicKey(crypto_box::PublicKey::from(bytes)))
    }

    /// Seals `plaintext` so that only the key pair's holders open it; base64.
    #[allow(clippy::expect_used)] // sealing into memory with the OS RNG cannot fail
    pub fn seal(&self, plaintext: &[u8]) -> String {
        let sealed = self
            .0
            .seal(&mut OsRng, plaintext)
            .expect("sealing into memory");
        BASE64.encode(sealed)
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&BASE64.encode(self.0.as_bytes()))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_opens_only_with_its_key_pair_and_unaltered() {
        let pair = KeyPair::generate();
        let sealed = pair.public().seal(b"data key");
        assert_eq!(pair.open(&sealed).unwrap().expose(), b"data key");
        assert!(KeyPair::generate().open(&sealed).is_none());
        let mut bytes = BASE64.decode(&sealed).unwrap();
        bytes[40] ^= 1;
        assert!(pair.open(&BASE64.encode(bytes)).is_none());
        let again = KeyPair::from_secret(pair.secret().expose()).unwrap();
        assert_eq!(again.public(), pair.public());
        assert_eq!(
            PublicKey::parse(&pair.public().to_string()),
            Some(pair.public())
        );
    }
}
