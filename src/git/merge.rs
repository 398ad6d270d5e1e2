//! Merging two branches of a vault (being rewritten for format 2).
use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::vault::Vault;

pub fn merge(_base: &Vault, _ours: &Vault, _theirs: &Vault, _identity: &Identity) -> Result<Vault> {
    Err(Error::conflict("merging is being rebuilt"))
}
