//! Signatures (format 2): each principal signs what it writes with an Ed25519 key.
//! The key may be derived from the principal's age identity (HKDF-SHA256 with a fixed
//! label), so a key made by `age-keygen` keeps working; nothing else depends on how
//! the signing key came to be, so a principal may also hold a signing key of its own.

use super::keys::SecretBytes;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD as BASE64, STANDARD_NO_PAD as BASE64_NO_PAD};
use ed25519_dalek::{Signer, Verifier};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;
use zeroize::Zeroizing;

const PUBLIC_PREFIX: &str = "ed25519:";
const DERIVATION_SALT: &[u8] = b"tresor/signing-key/v2";

/// What a signature is over: the kind is part of the signed bytes, so a signature
/// made for one kind of thing never verifies as another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    Root,
    Event,
    Request,
}

impl Domain {
    fn label(self) -> &'static [u8] {
        match self {
            Domain::Root => b"tresor/v2/root\n",
            Domain::Event => b"tresor/v2/event\n",
            Domain::Request => b"tresor/v2/request\n",
        }
    }
}

fn message(domain: Domain, bytes: &[u8]) -> Vec<u8> {
    let mut message = domain.label().to_vec();
    message.extend_from_slice(bytes);
    message
}

/// A principal's secret signing key. No `Debug` that could show it.
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// The signing key derived from an age identity's `AGE-SECRET-KEY-1…` text.
    pub fn derive_from_age_secret(secret_key: &SecretBytes) -> Self {
        let hkdf = Hkdf::<Sha256>::new(Some(DERIVATION_SALT), secret_key.expose());
        let mut seed = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit, so expand cannot fail.
        let _ = hkdf.expand(b"ed25519 seed", seed.as_mut());
        SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key().to_bytes())
    }

    pub fn sign(&self, domain: Domain, bytes: &[u8]) -> Signature {
        Signature(self.0.sign(&message(domain, bytes)))
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey(public {})", self.public())
    }
}

/// A principal's public signing key, written `ed25519:<base64>`. Held as its 32
/// bytes and decompressed to a curve point only to check a signature: loading a vault
/// of many principals costs no curve arithmetic, and a key that is not a point
/// verifies nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey([u8; 32]);

impl PublicKey {
    pub fn verify(&self, domain: Domain, bytes: &[u8], signature: &Signature) -> bool {
        ed25519_dalek::VerifyingKey::from_bytes(&self.0)
            .is_ok_and(|key| key.verify(&message(domain, bytes), &signature.0).is_ok())
    }

    /// Whether the bytes are a point of the curve (checked where a person gives a key).
    pub fn is_point(&self) -> bool {
        ed25519_dalek::VerifyingKey::from_bytes(&self.0).is_ok()
    }

    /// `SHA256:<base64>` of the key's bytes, as ssh shows key fingerprints.
    pub fn fingerprint(&self) -> String {
        format!("SHA256:{}", BASE64_NO_PAD.encode(Sha256::digest(self.0)))
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PUBLIC_PREFIX}{}", BASE64.encode(self.0))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Why a text is not a public signing key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAKey;

impl FromStr for PublicKey {
    type Err = NotAKey;

    fn from_str(text: &str) -> Result<Self, NotAKey> {
        let encoded = text.trim().strip_prefix(PUBLIC_PREFIX).ok_or(NotAKey)?;
        BASE64
            .decode(encoded)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .map(PublicKey)
            .ok_or(NotAKey)
    }
}

/// A signature, written as base64.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(ed25519_dalek::Signature);

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&BASE64.encode(self.0.to_bytes()))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Signature {
    type Err = NotAKey;

    fn from_str(text: &str) -> Result<Self, NotAKey> {
        let bytes: [u8; 64] = BASE64
            .decode(text.trim())
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(NotAKey)?;
        Ok(Signature(ed25519_dalek::Signature::from_bytes(&bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> SigningKey {
        SigningKey::derive_from_age_secret(&SecretBytes::new(text.as_bytes().to_vec()))
    }

    #[test]
    fn derivation_is_stable_and_keys_differ() {
        let a = key("AGE-SECRET-KEY-1AAA");
        assert_eq!(a.public(), key("AGE-SECRET-KEY-1AAA").public());
        assert_ne!(a.public(), key("AGE-SECRET-KEY-1AAB").public());
    }

    #[test]
    fn a_signature_verifies_only_for_its_bytes_domain_and_key() {
        let a = key("one");
        let b = key("two");
        let signature = a.sign(Domain::Event, b"line");
        assert!(a.public().verify(Domain::Event, b"line", &signature));
        assert!(!a.public().verify(Domain::Event, b"lime", &signature));
        assert!(!a.public().verify(Domain::Root, b"line", &signature));
        assert!(!b.public().verify(Domain::Event, b"line", &signature));
    }

    #[test]
    fn a_key_that_is_not_a_point_parses_but_verifies_nothing() {
        let signature = key("one").sign(Domain::Event, b"line");
        let not_a_point = (0u8..=255)
            .map(|byte| PublicKey([byte; 32]))
            .find(|key| !key.is_point())
            .expect("some 32-byte string is not a point");
        let text = not_a_point.to_string();
        assert_eq!(text.parse::<PublicKey>(), Ok(not_a_point));
        assert!(!not_a_point.verify(Domain::Event, b"line", &signature));
    }

    #[test]
    fn text_forms_round_trip() {
        let a = key("one");
        let public: PublicKey = a.public().to_string().parse().unwrap();
        assert_eq!(public, a.public());
        let signature = a.sign(Domain::Root, b"x");
        assert_eq!(signature.to_string().parse::<Signature>(), Ok(signature));
        assert_eq!("ed25519:abc".parse::<PublicKey>(), Err(NotAKey));
        assert_eq!("age1xyz".parse::<PublicKey>(), Err(NotAKey));
        assert!(a.public().is_point());
        assert!(a.public().fingerprint().starts_with("SHA256:"));
    }
}
