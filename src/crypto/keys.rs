//! Key material and plaintext buffers: zeroized on drop, never shown by `Debug`.

use rand::RngCore;
use rand::rngs::OsRng;
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Bytes that must not outlive their use: a value, a key, a passphrase.
#[derive(Clone, Default, Zeroize, ZeroizeOnDrop)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    pub fn new(bytes: Vec<u8>) -> Self {
        SecretBytes(bytes)
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Zeroizing<Vec<u8>>> for SecretBytes {
    fn from(mut bytes: Zeroizing<Vec<u8>>) -> Self {
        SecretBytes(std::mem::take(&mut *bytes))
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes(<{} bytes redacted>)", self.0.len())
    }
}

/// A 256-bit symmetric key.
macro_rules! symmetric_key {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Clone, Zeroize, ZeroizeOnDrop)]
        pub struct $name([u8; 32]);

        impl $name {
            pub fn generate() -> Self {
                let mut key = [0u8; 32];
                OsRng.fill_bytes(&mut key);
                $name(key)
            }

            /// Takes a key from exactly 32 bytes, or `None`.
            pub fn from_slice(bytes: &[u8]) -> Option<Self> {
                let key: [u8; 32] = bytes.try_into().ok()?;
                Some($name(key))
            }

            pub fn as_bytes(&self) -> &[u8; 32] {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }
    };
}

symmetric_key!(DataKey, "The key that seals one version's value.");
symmetric_key!(IntegrityKey, "The HMAC key of the vault's MACs.");

/// Random bytes from the operating system's CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    bytes
}
