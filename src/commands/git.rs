//! `git setup | merge | textconv`: what git calls so the vault lives well in a repository.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::git;
use crate::vault::format;
use serde_json::json;
use std::path::Path;

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

/// Merges OTHER into OURS in place. The vault and its log are merged together, from
/// the three commits git is merging (both drivers compute it once, through a cache in
/// the git folder, so the two files agree). When tresor cannot merge (no key, a change
/// nobody was allowed to make, a real conflict, a merge git runs without naming the
/// other commit), OURS is left exactly as it was, git marks the file conflicted, and
/// the reason is printed.
pub fn merge(
    ctx: &Context,
    audit_logs: bool,
    _base: &Path,
    ours: &Path,
    _theirs: &Path,
    path: Option<&str>,
) -> Result<()> {
    let shown = path.unwrap_or("the vault");
    let bytes = git::repository::merged_file(ctx, audit_logs, path).map_err(|err| {
        Error::conflict(format!(
            "tresor did not merge {shown}, so git shows a conflict and ours is left as it was: {}",
            err.message()
        ))
    })?;
    crate::fs::write_atomic(ours, &bytes, "the merge result")?;
    ctx.output.note(&format!("tresor merged {shown}."));
    Ok(())
}

/// `git resolve`: a merge git left conflicted, finished as the driver would.
pub fn resolve(ctx: &Context) -> Result<()> {
    let vault = git::repository::resolve(ctx)?;
    ctx.output.done(
        &format!(
            "Merged the conflicted vault {} and its audit log from git's index and staged them; `git commit` finishes the merge.",
            vault.display()
        ),
        &json!({"vault": vault.display().to_string(), "resolved": true}),
    )
}

pub fn textconv(ctx: &Context, audit_log: bool, file: &Path) -> Result<()> {
    let text = read_text(file)?;
    let view = if audit_log {
        git::textconv::audit_log(&text)
    } else {
        match format::parse(&text, &file.display().to_string()) {
            Ok(format::Parsed::Current(vault)) => git::textconv::vault(&vault),
            Ok(format::Parsed::Legacy(_)) => {
                "(a format-1 vault: `tresor upgrade` converts it)\n".to_string()
            }
            Err(err) => format!("(not a vault tresor can read: {})\n", err.message()),
        }
    };
    ctx.output.bytes(view.as_bytes())
}
