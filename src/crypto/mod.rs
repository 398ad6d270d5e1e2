//! Cryptography, each piece small and with one job: sealing values (`aead`), the
//! vault's MACs (`mac`), age key wrapping (`wrap`), keys and identities (`keys`,
//! `passphrase`). Nothing here prints, reads the terminal or touches the vault format.

pub mod aead;
pub mod keys;
pub mod mac;
pub mod passphrase;
pub mod sealbox;
pub mod sign;
pub mod wrap;

pub use keys::{DataKey, IntegrityKey, SecretBytes};
