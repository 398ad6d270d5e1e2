//! `git setup | merge | textconv`: what git calls so the vault lives well in a repository.

use crate::audit;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::git;
use crate::vault::{Vault, format};
use serde_json::json;
use std::path::Path;
use std::process::Command;

const MAX_FILE: u64 = 512 * 1024 * 1024;

pub fn setup(ctx: &Context) -> Result<()> {
    let vault = ctx.vault_path()?;
    let audit_log = ctx.audit_path(&vault);
    let changed = git::setup::setup(&vault, &audit_log)?;
    let on_path = git::setup::tresor_on_path();
    if !on_path {
        let this = std::env::current_exe()
            .map(|exe| format!(" ({})", exe.display()))
            .unwrap_or_default();
        ctx.output.warn(&format!(
            "git runs `tresor` by name to merge and diff the vault, and no `tresor` is on PATH; put this binary{this} in a folder on PATH."
        ));
    }
    let lock = crate::fs::lock_path(&vault);
    if git::setup::lock_is_tracked(&vault) {
        ctx.output.warn(&format!(
            "git tracks the lock file {0}, so .gitignore cannot keep it out; untrack it with `git rm --cached {0}` and commit.",
            lock.display()
        ));
    }
    if ctx.output.json {
        return ctx
            .output
            .json(&json!({"changed": changed, "tresor_on_path": on_path}));
    }
    if changed.is_empty() {
        return ctx
            .output
            .done("Already set up: nothing changed.", &json!({}));
    }
    for line in &changed {
        ctx.output.line(line)?;
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::fs::read_capped(path, MAX_FILE, "a file to merge")?;
    String::from_utf8(bytes)
        .map_err(|_| Error::integrity(format!("{} is not UTF-8 text.", path.display())))
}

/// Merges OTHER into OURS in place. When tresor cannot merge (no key, a real
/// conflict), it leaves git's usual conflict markers in OURS and says why.
pub fn merge(
    ctx: &Context,
    audit_logs: bool,
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<&str>,
) -> Result<()> {
    let shown = path.unwrap_or("the vault");
    let merged = if audit_logs {
        merge_audit_logs(ctx, ours, theirs)
    } else {
        merge_vaults(ctx, base, ours, theirs)
    };
    match merged {
        Ok(text) => {
            crate::fs::write_atomic(ours, text.as_bytes(), "the merge result")?;
            ctx.output.note(&format!("tresor merged {shown}."));
            Ok(())
        }
        Err(err) => {
            leave_conflict(base, ours, theirs)?;
            Err(Error::conflict(format!(
                "tresor could not merge {shown}, so git shows a conflict: {} Resolve it, or merge as someone who holds the keys.",
                err.message()
            )))
        }
    }
}

fn merge_vaults(ctx: &Context, base: &Path, ours: &Path, theirs: &Path) -> Result<String> {
    let parse =
        |path: &Path, label: &str| -> Result<Vault> { format::parse(&read_text(path)?, label) };
    let base = parse(base, "(common ancestor)")?;
    let ours = parse(ours, "(ours)")?;
    let theirs = parse(theirs, "(theirs)")?;
    let identity = ctx.identity()?;
    let merged = git::merge::merge(&base, &ours, &theirs, &identity)?;
    Ok(format::render(&merged))
}

fn merge_audit_logs(ctx: &Context, ours: &Path, theirs: &Path) -> Result<String> {
    let ours = read_text(ours)?;
    let theirs = read_text(theirs)?;
    let principal = merger(ctx);
    let merged = audit::merge::merge(ours.as_bytes(), theirs.as_bytes(), principal.as_deref())?;
    String::from_utf8(merged).map_err(|_| Error::other("The merged audit log is not UTF-8."))
}

/// Who is merging, when the identity and the vault say so; nobody otherwise.
fn merger(ctx: &Context) -> Option<String> {
    let identity = ctx.identity().ok()?;
    let vault = crate::vault::store::load(&ctx.vault_path().ok()?).ok()?;
    vault
        .principal_with_recipient(&identity.recipient().to_string())
        .map(|p| p.to_string())
}

/// git's own textual three-way merge, with conflict markers, written into OURS.
fn leave_conflict(base: &Path, ours: &Path, theirs: &Path) -> Result<()> {
    let status = Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .status()
        .map_err(|err| Error::other(format!("Running git merge-file failed: {err}.")))?;
    // merge-file exits with the number of conflicts; only a negative code is an error.
    match status.code() {
        Some(code) if code >= 0 => Ok(()),
        _ => Err(Error::other("git merge-file failed.")),
    }
}

pub fn textconv(ctx: &Context, audit_log: bool, file: &Path) -> Result<()> {
    let text = read_text(file)?;
    let view = if audit_log {
        git::textconv::audit_log(&text)
    } else {
        match format::parse(&text, &file.display().to_string()) {
            Ok(vault) => git::textconv::vault(&vault),
            Err(err) => format!("(not a vault tresor can read: {})\n", err.message()),
        }
    };
    ctx.output.bytes(view.as_bytes())
}
