//! Completion of secret names, asked by the shell through clap's dynamic completion
//! (`COMPLETE=bash tresor …`): the names in the vault the command would open, read
//! from the file as anyone holding it can. Nothing is locked, written or printed.

use crate::vault::store;
use clap_complete::engine::CompletionCandidate;
use std::ffi::OsStr;
use std::path::PathBuf;

/// The secret names that start with what was typed, each with its owner as help.
pub fn secret_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let explicit = std::env::var_os("TRESOR_VAULT")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let Ok(path) = crate::context::locate_vault(explicit.as_deref()) else {
        return Vec::new();
    };
    // Only the secrets under what was typed are read.
    let scope = match typed {
        "" => store::Scope::All,
        typed => store::Scope::prefix(typed),
    };
    let Ok((vault, _)) = store::load(&path, scope) else {
        return Vec::new();
    };
    vault
        .secrets
        .iter()
        .filter(|(name, _)| name.as_str().starts_with(typed))
        .map(|(name, secret)| {
            CompletionCandidate::new(name.as_str())
                .help(secret.metadata.owner.clone().map(Into::into))
        })
        .collect()
}
