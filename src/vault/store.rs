//! Loading and saving the vault file. Callers hold the vault lock across a
//! load-modify-save, so no update is lost.

use super::format::{self, Parsed};
use super::model::Vault;
use crate::error::{Error, Result};
use std::path::Path;

/// The largest vault tresor reads: far above 100,000 secrets, far below exhausting memory.
const MAX_VAULT_BYTES: u64 = 512 * 1024 * 1024;

/// Reads and parses the vault at `path`, of either format.
pub fn load_any(path: &Path) -> Result<Parsed> {
    format::parse(&read_text(path)?, &path.display().to_string())
}

/// Reads and parses a format-2 vault; a format-1 vault is refused with the command
/// that upgrades it.
pub fn load(path: &Path) -> Result<Vault> {
    match load_any(path)? {
        Parsed::Current(vault) => Ok(*vault),
        Parsed::Legacy(_) => Err(Error::other(format!(
            "The vault {} is in format 1, whose records are not signed; an admin upgrades it with `tresor upgrade`.",
            path.display()
        ))),
    }
}

fn read_text(path: &Path) -> Result<String> {
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
    String::from_utf8(bytes).map_err(|_| {
        Error::integrity(format!(
            "The vault {} is not UTF-8 text: the file is corrupt.",
            path.display()
        ))
    })
}

pub fn save(path: &Path, vault: &Vault) -> Result<()> {
    crate::fs::write_atomic(path, format::render(vault).as_bytes(), "the vault")
}
