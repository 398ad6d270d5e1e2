//! `edit`: the current value in the user's editor; a change becomes a new current
//! version, written the way `rotate` writes one. The vault is not locked while the
//! editor runs: the write checks that `current` did not move meanwhile.

use super::secret::{rotate_event, rotate_secret};
use super::value::MAX_VALUE_BYTES;
use crate::cli::NameArgs;
use crate::context::Context;
use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::session::{ReadRequest, Session};
use crate::vault::store::Scope;
use crate::vault::{SecretName, Selector};
use serde_json::json;

pub fn edit(ctx: &Context, args: &NameArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let editor = crate::editor::editor_command(ctx.prompter.is_interactive())?;
    let (number, value) = read_current(ctx, &name)?;
    let file_name = name.as_str().rsplit('/').next().unwrap_or("value");
    let edited = crate::editor::edit(&editor, file_name, &value, MAX_VALUE_BYTES)?;
    if edited.expose() == value.expose() {
        return ctx.output.done(
            &format!("'{name}' is unchanged; no new version."),
            &json!({"name": name.as_str(), "version": number, "changed": false}),
        );
    }
    if edited.is_empty() {
        return Err(Error::usage(format!(
            "The edited value of '{name}' is empty; nothing was changed (`tresor destroy` or `tresor delete` remove values)."
        )));
    }
    let mut session = Session::open_scoped(ctx, Scope::one(&name))?;
    let mut write = session.write(rotate_event(ctx, &name).detail("edited"))?;
    let current = write.vault().secret(&name)?.current();
    if current != Some(number) {
        return Err(Error::conflict(format!(
            "'{name}' changed while it was being edited (current was v{number}, is now {}); nothing was written, edit it again.",
            current.map_or("none".to_string(), |n| format!("v{n}"))
        )));
    }
    let (new, _) = rotate_secret(ctx, &mut write, &name, &edited, false, None)?;
    write.commit()?;
    ctx.output.done(
        &format!("Edited '{name}': version {new} is current."),
        &json!({"name": name.as_str(), "version": new, "changed": true}),
    )
}

/// The current version and its value, read (and recorded) only once the caller is
/// known to be allowed to save a change: an edit that could not be saved is wasted.
fn read_current(ctx: &Context, name: &SecretName) -> Result<(u32, SecretBytes)> {
    let mut session = Session::read(ctx, Scope::one(name))?;
    session.vault().secret(name)?;
    session.authorize(Action::Rotate, Some(name), ctx.reason())?;
    read(&mut session, ctx, name, &Selector::default())
}

fn read(
    session: &mut Session,
    ctx: &Context,
    name: &SecretName,
    selector: &Selector,
) -> Result<(u32, SecretBytes)> {
    let grant = session.authorize(Action::Read, Some(name), ctx.reason())?;
    let request = ReadRequest {
        name,
        selector,
        grant,
    };
    session
        .read_recorded(std::slice::from_ref(&request), ctx.reason(), None)?
        .pop()
        .ok_or_else(|| Error::other(format!("No value of '{name}' was read.")))
}
