//! `tresor git setup`: registers the merge drivers and diff textconvs in the
//! repository's `.gitattributes` and its git config. Running it twice changes nothing.

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

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// What `setup` changed, one line each.
pub fn setup(vault: &Path, audit_log: &Path, tresor: &Path) -> Result<Vec<String>> {
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
    let exe = quoted(tresor);
    let config = [
        ("merge.tresor.name", "tresor vault merge".to_string()),
        (
            "merge.tresor.driver",
            format!("{exe} git merge %O %A %B %P"),
        ),
        (
            "merge.tresor-audit.name",
            "tresor audit log merge".to_string(),
        ),
        (
            "merge.tresor-audit.driver",
            format!("{exe} git merge --audit %O %A %B %P"),
        ),
        ("diff.tresor.textconv", format!("{exe} git textconv")),
        (
            "diff.tresor-audit.textconv",
            format!("{exe} git textconv --audit"),
        ),
    ];
    for (key, value) in config {
        let current = git(&top, &["config", "--local", "--get", key]).ok();
        if current.as_deref() != Some(value.as_str()) {
            git(&top, &["config", "--local", key, &value])?;
            changed.push(format!("git config {key} = {value}"));
        }
    }
    Ok(changed)
}
