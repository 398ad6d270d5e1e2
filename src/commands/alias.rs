//! `promote`, `rollback`, `alias set|rm`: moving labels between versions, with
//! compare-and-swap so two people cannot silently overwrite each other.

use crate::audit::AuditEvent;
use crate::cli::PromoteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::policy::Action;
use crate::session::Session;
use crate::vault::{AliasName, SecretName, Selector};
use serde_json::json;

pub fn promote(ctx: &Context, args: &PromoteArgs) -> Result<()> {
    move_alias(
        ctx,
        &args.name,
        &args.alias,
        args.version,
        args.expect,
        "promote",
    )
}

pub fn set(
    ctx: &Context,
    name: &str,
    alias: &str,
    version: u32,
    expect: Option<u32>,
) -> Result<()> {
    move_alias(ctx, name, alias, version, expect, "alias")
}

fn move_alias(
    ctx: &Context,
    name: &str,
    alias: &str,
    version: u32,
    expect: Option<u32>,
    event: &str,
) -> Result<()> {
    let name: SecretName = name.parse()?;
    let alias: AliasName = alias.parse()?;
    let event = AuditEvent::new(event, None)
        .secret(name.as_str())
        .version(version)
        .alias(alias.as_str())
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    let mut write = session.write(event)?;
    let secret = write.secret(&name, Action::Rotate, ctx.reason())?;
    secret.check_expect(&name, &alias, expect)?;
    if alias == AliasName::current() {
        // Readers get `current`: it may only point at a version that is served.
        secret.resolve(&name, &Selector::Version(version))?;
    }
    secret.set_alias(&name, &alias, version)?;
    write.commit()?;
    ctx.output.done(
        &format!("'{name}' {alias} -> version {version}."),
        &json!({"name": name.as_str(), "alias": alias.as_str(), "version": version}),
    )
}

pub fn rollback(ctx: &Context, name: &str) -> Result<()> {
    let name: SecretName = name.parse()?;
    let event = AuditEvent::new("rollback", None)
        .secret(name.as_str())
        .alias("current")
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    let mut write = session.write(event)?;
    let (from, to) = write
        .secret(&name, Action::Rotate, ctx.reason())?
        .rollback(&name)?;
    write.event().version = Some(to);
    write.event().detail = Some(format!("from version {from}"));
    write.commit()?;
    ctx.output.done(
        &format!("Rolled back '{name}': version {to} is current, version {from} is previous."),
        &json!({"name": name.as_str(), "current": to, "previous": from}),
    )
}

pub fn remove(ctx: &Context, name: &str, alias: &str) -> Result<()> {
    let name: SecretName = name.parse()?;
    let alias: AliasName = alias.parse()?;
    let event = AuditEvent::new("alias", None)
        .secret(name.as_str())
        .alias(alias.as_str())
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    let mut write = session.write(event)?;
    let was = write
        .secret(&name, Action::Rotate, ctx.reason())?
        .remove_alias(&name, &alias)?;
    write.event().detail = Some(format!("removed (was version {was})"));
    write.commit()?;
    ctx.output.done(
        &format!("Removed alias '{alias}' of '{name}' (it pointed at version {was})."),
        &json!({"name": name.as_str(), "alias": alias.as_str(), "removed": was}),
    )
}
