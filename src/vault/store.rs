//! Loading and saving the vault file. Callers hold the vault lock across a
//! load-modify-save, so no update is lost.

use super::format;
use super::model::Vault;
use crate::error::{Error, Result};
use std::path::Path;

/// The largest vault tresor reads: far above 10,000 secrets, far below exhausting memory.
const MAX_VAULT_BYTES: u64 = 512 * 1024 * 1024;

pub fn load(path: &Path) -> Result<Vault> {
    let bytes = match crate::fs::read_capped(path, MAX_VAULT_BYTES, "the vault") {
        Ok(bytes) => bytes,
        Err(_) if !path.exists() => {
            return Err(Error::other(format!(
                "No vault at {}; create it with `tresor init --vault {}`, or point --vault (or TRESOR_VAULT) at an existing vault.toml.",
                path.display(),
                path.display()
            )));
        }
        Err(err) => return Err(err),
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::integrity(format!(
            "The vault {} is not UTF-8 text: the file is corrupt.",
            path.display()
        ))
    })?;
    format::parse(&text, &path.display().to_string())
}

pub fn save(path: &Path, vault: &Vault) -> Result<()> {
    crate::fs::write_atomic(path, format::render(vault).as_bytes(), "the vault")
}
