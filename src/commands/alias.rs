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
    let mut session = Session::open_to_change(ctx, &name)?;
    session.authorize(Action::Rotate, Some(&name), ctx.reason())?;
    session.verify_secret(&name)?;
    let secret = session.vault.secret_mut(&name)?;
    secret.check_expect(&name, &alias, expect)?;
    if alias == AliasName::current() {
        // Readers get `current`: it may only point at a version that is served.
        secret.resolve(&name, &Selector::Version(version))?;
    }
    secret.set_alias(&name, &alias, version)?;
    let event = AuditEvent::new(event, Some(session.principal.as_str()))
        .secret(name.as_str())
        .version(version)
        .alias(alias.as_str())
        .reason(ctx.reason());
    session.commit(event, std::slice::from_ref(&name))?;
    ctx.output.done(
        &format!("'{name}' {alias} -> version {version}."),
        &json!({"name": name.as_str(), "alias": alias.as_str(), "version": version}),
    )
}

pub fn rollback(ctx: &Context, name: &str) -> Result<()> {
    let name: SecretName = name.parse()?;
    let mut session = Session::open_to_change(ctx, &name)?;
    session.authorize(Action::Rotate, Some(&name), ctx.reason())?;
    session.verify_secret(&name)?;
    let (from, to) = session.vault.secret_mut(&name)?.rollback(&name)?;
    let event = AuditEvent::new("rollback", Some(session.principal.as_str()))
        .secret(name.as_str())
        .version(to)
        .alias("current")
        .detail(format!("from version {from}"))
        .reason(ctx.reason());
    session.commit(event, std::slice::from_ref(&name))?;
    ctx.output.done(
        &format!("Rolled back '{name}': version {to} is current, version {from} is previous."),
        &json!({"name": name.as_str(), "current": to, "previous": from}),
    )
}

pub fn remove(ctx: &Context, name: &str, alias: &str) -> Result<()> {
    let name: SecretName = name.parse()?;
    let alias: AliasName = alias.parse()?;
    let mut session = Session::open_to_change(ctx, &name)?;
    session.authorize(Action::Rotate, Some(&name), ctx.reason())?;
    session.verify_secret(&name)?;
    let was = session
        .vault
        .secret_mut(&name)?
        .remove_alias(&name, &alias)?;
    let event = AuditEvent::new("alias", Some(session.principal.as_str()))
        .secret(name.as_str())
        .alias(alias.as_str())
        .detail(format!("removed (was version {was})"))
        .reason(ctx.reason());
    session.commit(event, std::slice::from_ref(&name))?;
    ctx.output.done(
        &format!("Removed alias '{alias}' of '{name}' (it pointed at version {was})."),
        &json!({"name": name.as_str(), "alias": alias.as_str(), "removed": was}),
    )
}
