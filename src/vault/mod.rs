//! The vault: the model of secrets, versions and aliases (`model`, `name`), its file
//! format (`format`), its cryptography (`seal`) and how it is loaded and saved (`store`).

mod canonical;
mod file;
pub mod format;
mod lines;
pub mod model;
#[cfg(test)]
mod model_tests;
pub mod name;
pub mod seal;
pub mod store;
pub mod unloaded;

pub use model::{Metadata, Secret, Selector, Vault, Version, VersionState};
pub use name::{AliasName, KeyringName, PrincipalName, SecretName};
pub use unloaded::Unloaded;
