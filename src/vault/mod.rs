//! The vault (format 2): the model (`model`, `secret`, `name`), what each record's
//! digest covers (`digest`), the file format (`format`, `file`), sealing values
//! (`seal`) and loading and saving (`store`). Format 1 is read by `legacy`, to upgrade.

pub mod digest;
mod file;
pub mod format;
#[cfg(test)]
mod format_tests;
pub mod legacy;
pub mod model;
pub mod name;
pub mod seal;
pub mod secret;
mod sections;
pub mod store;

pub use model::{Keyring, Principal, Request, Root, Trust, Vault};
pub use name::{AliasName, KeyringName, PrincipalName, SecretName};
pub use secret::{Metadata, SealedValue, Secret, Selector, Version, VersionState};
