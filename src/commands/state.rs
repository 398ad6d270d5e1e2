//! `disable`, `enable`, `destroy`, `delete`: the state of versions. A change that leaves
//! the current version unserved says so first, and off a terminal needs `--yes`.

use crate::audit::AuditEvent;
use crate::cli::{DeleteArgs, DestroyArgs, DisableArgs, VersionArgs};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::session::{Session, View};
use crate::vault::store::Scope;
use crate::vault::{SecretName, Vault, VersionState};
use serde_json::json;
use std::path::Path;
use std::process::{Command, Stdio};

pub fn disable(ctx: &Context, args: &DisableArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    if let Some((current, note)) = current_among(ctx, &name, &[args.version])? {
        let what = format!("version {current} of '{name}'");
        confirm_current(ctx, args.yes, "Disable", &what, &note)?;
    }
    change_state(ctx, &name, args.version, VersionState::Disabled, "disable")
}

pub fn enable(ctx: &Context, args: &VersionArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    change_state(ctx, &name, args.version, VersionState::Active, "enable")
}

fn change_state(
    ctx: &Context,
    name: &SecretName,
    number: u32,
    state: VersionState,
    event: &str,
) -> Result<()> {
    let event = AuditEvent::new(event, None)
        .secret(name.as_str())
        .version(number)
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    let mut write = session.write(event)?;
    let before = write
        .secret(name, Action::Rotate, ctx.reason())?
        .set_state(name, number, state)?;
    let json = json!({"name": name.as_str(), "version": number, "state": state.as_str()});
    if before == state {
        return ctx.output.done(
            &format!("Version {number} of '{name}' is already {state}."),
            &json,
        );
    }
    let unserved = unserved_note(write.vault(), name);
    write.commit()?;
    if let Some(note) = unserved {
        ctx.output.warn(&note);
    }
    ctx.output.done(
        &format!("Version {number} of '{name}' is now {state}."),
        &json,
    )
}

/// The current version of `name`, if it is served and among `numbers` (what a change
/// to them would leave unserved), and what the user is told about that. Read before
/// any prompt, so a prompt holds no lock.
fn current_among(
    ctx: &Context,
    name: &SecretName,
    numbers: &[u32],
) -> Result<Option<(u32, String)>> {
    let open = View::read(ctx, Scope::one(name))?;
    let secret = open.vault.secret(name)?;
    let current = secret.current().filter(|current| {
        numbers.contains(current)
            && secret
                .versions
                .get(current)
                .is_some_and(|v| v.state == VersionState::Active)
    });
    Ok(current.map(|current| {
        (
            current,
            format!(
                "version {current} is current: after this nothing is served for '{name}' until another version is; {}",
                crate::check::serve_again(name, secret)
            ),
        )
    }))
}

/// A warning when `name`'s current version is not served after a change.
fn unserved_note(vault: &Vault, name: &SecretName) -> Option<String> {
    let secret = vault.secrets.get(name)?;
    let current = secret.current()?;
    let served = secret
        .versions
        .get(&current)
        .is_some_and(|v| v.state == VersionState::Active);
    (!served).then(|| {
        format!(
            "Nothing is served for '{name}' now: its current version {current} is {}; {}.",
            secret
                .versions
                .get(&current)
                .map_or("gone", |v| v.state.as_str()),
            crate::check::serve_again(name, secret)
        )
    })
}

pub fn destroy(ctx: &Context, args: &DestroyArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let what = match args.version {
        Some(number) => format!("version {number} of '{name}'"),
        None => format!("every version of '{name}'"),
    };
    let current = match args.version {
        Some(number) => current_among(ctx, &name, &[number])?,
        None => None,
    };
    match current {
        Some((_, note)) => confirm_current(
            ctx,
            args.yes,
            "Destroy",
            &what,
            &format!("It cannot be undone, and {note}"),
        )?,
        None => confirm(ctx, args.yes, "Destroy", &what)?,
    }
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
    let mut unserved = None;
    if !destroyed.is_empty() {
        match args.version {
            Some(number) => write.event().version = Some(number),
            None => write.event().detail = Some(format!("all versions: {destroyed:?}")),
        }
        if args.version.is_some() {
            unserved = unserved_note(write.vault(), &name);
        }
        write.commit()?;
    }
    if let Some(note) = unserved {
        ctx.output.warn(&note);
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
    crate::rotation::refuse_as_admin_of_plans(write.vault(), &name, "deleted")?;
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

/// Asks before a change leaves nothing served (`note` says why), or insists on
/// `--yes` off a terminal, naming the consequence either way.
fn confirm_current(ctx: &Context, yes: bool, verb: &str, what: &str, note: &str) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !ctx.prompter.is_interactive() {
        return Err(Error::usage(format!(
            "{verb} {what}? {}. Pass --yes to confirm when no one can answer a prompt.",
            capitalized(note)
        )));
    }
    if ctx
        .prompter
        .confirm(&format!("{verb} {what}? {}", capitalized(note)))?
    {
        Ok(())
    } else {
        Err(Error::other(format!("Nothing done: {what} is as it was.")))
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
