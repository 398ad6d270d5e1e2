//! The merge as git runs it: the three commits (ours is HEAD, theirs the commit git
//! names in `GITHEAD_<sha>`, base their merge base), the vault and its log read from
//! each, merged once and kept in the git folder so the vault's driver and the log's
//! driver hand git two files that agree.

use super::merge::{self, Branch};
use crate::audit::audit_log_beside;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::vault::format;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const LOG_SUFFIX: &str = ".audit.jsonl";

fn git(args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|err| Error::other(format!("Running git failed: {err}.")))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(Error::conflict(format!(
            "`git {}` failed.",
            args.first().copied().unwrap_or_default()
        )))
    }
}

fn git_line(args: &[&str]) -> Result<String> {
    Ok(String::from_utf8_lossy(&git(args)?).trim().to_string())
}

/// The commit being merged into HEAD, as git names it to merge drivers.
fn their_commit(ours: &str) -> Result<String> {
    std::env::vars()
        .filter_map(|(name, _)| name.strip_prefix("GITHEAD_").map(str::to_string))
        .find(|sha| sha != ours && sha.len() >= 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| {
            Error::conflict(
                "git did not say which commit it is merging (a rebase or cherry-pick); finish with a plain `git merge`.",
            )
        })
}

/// The bytes of the merged vault (or, with `audit_log`, of the merged log) at `path`
/// (relative to the top of the work tree, as git's %P gives it).
pub fn merged_file(ctx: &Context, audit_log: bool, path: Option<&str>) -> Result<Vec<u8>> {
    let path = path.ok_or_else(|| Error::conflict("git gave no path to merge."))?;
    let (vault_path, log_path) = if audit_log {
        let stem = path.strip_suffix(LOG_SUFFIX).ok_or_else(|| {
            Error::conflict(format!(
                "{path} is not named like a vault's audit log (NAME{LOG_SUFFIX})."
            ))
        })?;
        (format!("{stem}.toml"), path.to_string())
    } else {
        let log = audit_log_beside(Path::new(path)).display().to_string();
        (path.to_string(), log)
    };
    let ours = git_line(&["rev-parse", "HEAD"])?;
    let theirs = their_commit(&ours)?;
    let base = git_line(&["merge-base", &ours, &theirs])?;
    let git_dir = PathBuf::from(git_line(&["rev-parse", "--absolute-git-dir"])?);
    let mut tag = crate::crypto::mac::Canonical::new("tresor/merge-cache");
    tag.text(&ours).text(&theirs).text(&vault_path);
    forget_old_merges(&git_dir.join("tresor-merge"));
    let cache = git_dir.join("tresor-merge").join(&tag.digest()[..24]);
    let (vault_file, log_file) = (cache.join("vault.toml"), cache.join("audit.jsonl"));
    if !(vault_file.exists() && log_file.exists()) {
        let revisions = [base, ours, theirs].map(|commit| {
            (
                format!("{commit}:{vault_path}"),
                format!("{commit}:{log_path}"),
            )
        });
        compute(ctx, &cache, &revisions)?;
    }
    let wanted = if audit_log { log_file } else { vault_file };
    std::fs::read(&wanted).map_err(|err| Error::io("Reading the merge result", &wanted, &err))
}

/// Merges the vault and log that git names by `revisions` (base, ours, theirs: each
/// the vault's and the log's `git show` name) into `cache/vault.toml` and
/// `cache/audit.jsonl`.
fn compute(ctx: &Context, cache: &Path, revisions: &[(String, String); 3]) -> Result<()> {
    std::fs::create_dir_all(cache)
        .map_err(|err| Error::io("Creating the merge folder", cache, &err))?;
    let mut branches = Vec::new();
    let mut log_files = Vec::new();
    for (label, (vault_revision, log_revision)) in
        ["base", "ours", "theirs"].into_iter().zip(revisions)
    {
        let vault = git(&["show", vault_revision])?;
        let log = git(&["show", log_revision])?;
        let log_file = cache.join(format!("{label}.audit.jsonl"));
        crate::fs::write_atomic(&log_file, &log, "a branch's audit log")?;
        let text =
            String::from_utf8(vault).map_err(|_| Error::conflict("A vault is not UTF-8."))?;
        branches.push(merge::parse_vault(&text, label)?);
        log_files.push(log_file);
    }
    let mut vaults = branches.into_iter();
    let (Some(base), Some(ours), Some(theirs)) = (vaults.next(), vaults.next(), vaults.next())
    else {
        return Err(Error::other(
            "The three sides of the merge could not be read.",
        ));
    };
    let identity = ctx.identity()?;
    let merged = merge::merge(
        &Branch {
            vault: base,
            log_path: &log_files[0],
        },
        &Branch {
            vault: ours,
            log_path: &log_files[1],
        },
        &Branch {
            vault: theirs,
            log_path: &log_files[2],
        },
        &identity,
    )?;
    merge::check(&merged, cache)?;
    // The merge event (the last line) to the system log, computed once per merge.
    let last_line = merged
        .log
        .strip_suffix(b"\n")
        .and_then(|body| body.rsplit(|&b| b == b'\n').next())
        .unwrap_or_default();
    if let Err(why) = ctx
        .syslog
        .forward(merged.vault.policy().audit.syslog, last_line)
    {
        ctx.output.warn(&why);
    }
    crate::fs::write_atomic(
        &cache.join("audit.jsonl"),
        &merged.log,
        "the merged audit log",
    )?;
    crate::fs::write_atomic(
        &cache.join("vault.toml"),
        format::render(&merged.vault).as_bytes(),
        "the merged vault",
    )
}

/// Removes what merges of more than a day ago left in the git folder (each merge's
/// two drivers share one result there; nothing needs it once both ran).
fn forget_old_merges(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let day = std::time::Duration::from_secs(86_400);
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > day);
        if old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Finishes a merge git left conflicted (it ran without the drivers): the three stages
/// of the vault and its log in git's index merged as the driver would, written over the
/// conflicted files and staged. Returns the merged vault's path.
pub fn resolve(ctx: &Context) -> Result<PathBuf> {
    let vault = std::fs::canonicalize(ctx.vault_path()?)
        .map_err(|err| Error::other(format!("The vault cannot be found: {err}.")))?;
    let log = audit_log_beside(&vault);
    let top = PathBuf::from(git_line(&["rev-parse", "--show-toplevel"])?);
    let relative = |path: &Path| -> Result<String> {
        path.strip_prefix(&top)
            .map(|p| p.display().to_string())
            .map_err(|_| Error::other(format!("{} is not in this git work tree.", path.display())))
    };
    let (vault_path, log_path) = (relative(&vault)?, relative(&log)?);
    let unmerged = git(&["ls-files", "-u", "--", &vault_path, &log_path])?;
    if unmerged.is_empty() {
        return Err(Error::other(format!(
            "git has no conflicted {vault_path} or {log_path} to resolve; `git status` shows what the merge left."
        )));
    }
    let git_dir = PathBuf::from(git_line(&["rev-parse", "--absolute-git-dir"])?);
    let cache = git_dir.join("tresor-merge").join("resolve");
    let _ = std::fs::remove_dir_all(&cache);
    let revisions = [1, 2, 3].map(|stage| {
        (
            format!(":{stage}:{vault_path}"),
            format!(":{stage}:{log_path}"),
        )
    });
    compute(ctx, &cache, &revisions).map_err(|err| {
        Error::conflict(format!(
            "The conflicted vault could not be merged: {}",
            err.message()
        ))
    })?;
    for (from, to) in [("vault.toml", &vault), ("audit.jsonl", &log)] {
        let bytes = std::fs::read(cache.join(from))
            .map_err(|err| Error::io("Reading the merge result", &cache.join(from), &err))?;
        crate::fs::write_atomic(to, &bytes, "the merged file")?;
    }
    git(&["add", "--", &vault_path, &log_path])?;
    let _ = std::fs::remove_dir_all(&cache);
    Ok(vault)
}
