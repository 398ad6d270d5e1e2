//! `disable`, `enable`, `destroy`: the state of versions.

use crate::audit::AuditEvent;
use crate::cli::{DeleteArgs, DestroyArgs, VersionArgs};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::session::Session;
use crate::vault::{SecretName, VersionState};
use serde_json::json;
use std::path::Path;
use std::process::{Command, Stdio};

pub fn disable(ctx: &Context, args: &VersionArgs) -> Result<()> {
    change_state(ctx, args, VersionState::Disabled, "disable")
}

pub fn enable(ctx: &Context, args: &VersionArgs) -> Result<()> {
    change_state(ctx, args, VersionState::Active, "enable")
}

fn change_state(ctx: &Context, args: &VersionArgs, state: VersionState, event: &str) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let event = AuditEvent::new(event, None)
        .secret(name.as_str())
        .version(args.version)
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    let mut write = session.write(event)?;
    let before = write
        .secret(&name, Action::Rotate, ctx.reason())?
        .set_state(&name, args.version, state)?;
    let json = json!({"name": name.as_str(), "version": args.version, "state": state.as_str()});
    if before == state {
        return ctx.output.done(
            &format!("Version {} of '{name}' is already {state}.", args.version),
            &json,
        );
    }
    write.commit()?;
    ctx.output.done(
        &format!("Version {} of '{name}' is now {state}.", args.version),
        &json,
    )
}

pub fn destroy(ctx: &Context, args: &DestroyArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let what = match args.version {
        Some(number) => format!("version {number} of '{name}'"),
        None => format!("every version of '{name}'"),
    };
    confirm(ctx, args.yes, "Destroy", &what)?;
    let event = AuditEvent::new("destroy", None)
        .secret(name.as_str())
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    let mut write = session.write(event)?;
    let secret = write.secret(&name, Action::Destroy, ctx.reason())?;
    let numbers: Vec<u32> = match args.version {
        Some(number) => vec![number],
        None => secret.versions.keys().copied().collect(),
    };
    let mut destroyed = Vec::new();
    for number in numbers {
        if secret.set_state(&name, number, VersionState::Destroyed)? != VersionState::Destroyed {
            destroyed.push(number);
        }
    }
    if !destroyed.is_empty() {
        match args.version {
            Some(number) => write.event().version = Some(number),
            None => write.event().detail = Some(format!("all versions: {destroyed:?}")),
        }
        write.commit()?;
    }
    let tracked = tracked_by_git(&session.view.vault_path);
    drop(session);
    if tracked {
        ctx.output.warn(&format!(
            "{} is tracked by git: earlier commits still hold the destroyed ciphertext. Rotate the value at its source (the provider that issued it) to make the old one worthless.",
            ctx.vault_path()?.display()
        ));
    }
    ctx.output.done(
        &format!("Destroyed {what}: {} version(s).", destroyed.len()),
        &json!({"name": name.as_str(), "destroyed": destroyed}),
    )
}

/// `delete`: every version destroyed and the record removed, so the name is free for a
/// new `create`. One signed write with the right to destroy.
pub fn delete(ctx: &Context, args: &DeleteArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    confirm(
        ctx,
        args.yes,
        "Delete",
        &format!("'{name}' and every version of it"),
    )?;
    let event = AuditEvent::new("delete", None)
        .secret(name.as_str())
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    let mut write = session.write(event)?;
    let versions = write
        .secret(&name, Action::Destroy, ctx.reason())?
        .versions
        .len();
    crate::rotation::refuse_with_leases(write.vault(), &name, "deleted")?;
    write.remove_secret(&name)?;
    write.event().detail = Some(format!("{versions} version(s) destroyed, the name removed"));
    write.commit()?;
    let tracked = tracked_by_git(&session.view.vault_path);
    drop(session);
    if tracked {
        ctx.output.warn(&format!(
            "{} is tracked by git: earlier commits still hold the deleted ciphertexts. Rotate the value at its source to make the old one worthless.",
            ctx.vault_path()?.display()
        ));
    }
    ctx.output.done(
        &format!("Deleted '{name}' ({versions} version(s)); the name is free again."),
        &json!({"name": name.as_str(), "deleted": true, "versions": versions}),
    )
}

/// Asks before `verb` (Destroy, Delete) does something irreversible to `what`, or
/// insists on `--yes` off a terminal.
fn confirm(ctx: &Context, yes: bool, verb: &str, what: &str) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !ctx.prompter.is_interactive() {
        return Err(Error::usage(format!(
            "{verb} {what}: it cannot be undone; pass --yes to confirm when no one can answer a prompt."
        )));
    }
    if ctx
        .prompter
        .confirm(&format!("{verb} {what}? Its value cannot be recovered"))?
    {
        Ok(())
    } else {
        Err(Error::other(format!("Nothing done: {what} is as it was.")))
    }
}

/// Whether git tracks the vault file (then its history keeps old ciphertexts).
fn tracked_by_git(vault: &Path) -> bool {
    let Some(folder) = vault.parent() else {
        return false;
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Some(file) = vault.file_name() else {
        return false;
    };
    Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["ls-files", "--error-unmatch", "--"])
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
