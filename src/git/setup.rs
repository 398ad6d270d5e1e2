//! `tresor git setup`: registers the merge drivers and diff textconvs in the
//! repository's `.gitattributes` and its git config, and keeps the lock and temp files
//! out of git with a `.gitignore` beside the vault. Running it twice changes nothing.
//!
//! The drivers run `tresor` by name, found on PATH when git runs them, so they keep
//! working when the binary is upgraded or moved.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(repo: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .map_err(|err| Error::other(format!("Running git failed: {err}; is git installed?")))?;
    if !output.status.success() {
        return Err(Error::other(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// What `setup` changed, one line each.
pub fn setup(vault: &Path, audit_log: &Path) -> Result<Vec<String>> {
    let folder = vault
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let top = PathBuf::from(git(folder, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        Error::other(format!(
            "{} is not inside a git repository; run `git init` first.",
            folder.display()
        ))
    })?);
    let relative = |path: &Path| -> Result<String> {
        let absolute = std::fs::canonicalize(
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .map_err(|err| Error::io("Resolving", path, &err))?
        .join(path.file_name().unwrap_or_default());
        let top = std::fs::canonicalize(&top).map_err(|err| Error::io("Resolving", &top, &err))?;
        absolute
            .strip_prefix(&top)
            .map(|p| format!("/{}", p.display()))
            .map_err(|_| {
                Error::other(format!(
                    "{} is outside the repository {}.",
                    path.display(),
                    top.display()
                ))
            })
    };
    let mut changed = Vec::new();
    let lines = [
        format!("{} merge=tresor diff=tresor", relative(vault)?),
        format!(
            "{} merge=tresor-audit diff=tresor-audit",
            relative(audit_log)?
        ),
    ];
    let attributes = top.join(".gitattributes");
    let existing = std::fs::read_to_string(&attributes).unwrap_or_default();
    let mut text = existing.clone();
    for line in &lines {
        if !existing.lines().any(|l| l.trim() == line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
            changed.push(format!(".gitattributes: added `{line}`"));
        }
    }
    if text != existing {
        std::fs::write(&attributes, text).map_err(|err| Error::io("Writing", &attributes, &err))?;
    }
    changed.extend(ignore_lock_and_temp_files(vault)?);
    let config = [
        ("merge.tresor.name", "tresor vault merge"),
        ("merge.tresor.driver", "tresor git merge %O %A %B %P"),
        ("merge.tresor-audit.name", "tresor audit log merge"),
        (
            "merge.tresor-audit.driver",
            "tresor git merge --audit %O %A %B %P",
        ),
        ("diff.tresor.textconv", "tresor git textconv"),
        ("diff.tresor-audit.textconv", "tresor git textconv --audit"),
    ];
    for (key, value) in config {
        let current = git(&top, &["config", "--local", "--get", key]).ok();
        if current.as_deref() != Some(value) {
            git(&top, &["config", "--local", key, value])?;
            changed.push(format!("git config {key} = {value}"));
        }
    }
    Ok(changed)
}

/// Adds the vault's lock file and the temp files of interrupted writes to the
/// `.gitignore` beside the vault: committed, it holds for every clone.
fn ignore_lock_and_temp_files(vault: &Path) -> Result<Vec<String>> {
    let folder = vault
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let lock = crate::fs::lock_path(vault);
    let lock_name = lock.file_name().unwrap_or_default().to_string_lossy();
    let lines = [
        format!("/{}", glob_literal(&lock_name)),
        "/.tresor-*.tmp".to_string(),
    ];
    let path = folder.join(".gitignore");
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(Error::io("Reading", &path, &err)),
    };
    let missing: Vec<&String> = lines
        .iter()
        .filter(|line| !existing.lines().any(|l| l.trim() == line.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    let mut text = existing.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("# tresor: the vault lock, and temp files of interrupted writes\n");
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(&path, text).map_err(|err| Error::io("Writing", &path, &err))?;
    Ok(missing
        .iter()
        .map(|line| format!(".gitignore: added `{line}`"))
        .collect())
}

/// `name` as a .gitignore pattern that matches only itself.
fn glob_literal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '*' | '?' | '[' | '\\' | '!' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether git tracks the vault's lock file (committed before it was ignored).
pub fn lock_is_tracked(vault: &Path) -> bool {
    let lock = crate::fs::lock_path(vault);
    let folder = lock
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = lock.file_name().unwrap_or_default().to_string_lossy();
    git(folder, &["ls-files", "--error-unmatch", "--", &name]).is_ok()
}

/// Whether `tresor` can be found on PATH, as git finds the drivers `setup` registers.
pub fn tresor_on_path() -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            std::fs::metadata(dir.join("tresor"))
                .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_file_name_is_ignored_literally() {
        assert_eq!(glob_literal("vault.toml.lock"), "vault.toml.lock");
        assert_eq!(glob_literal("v[1]*.lock"), "v\\[1]\\*.lock");
    }
}
