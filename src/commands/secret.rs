//! `create`, `get`, `rotate`: adding versions and reading them.

use super::value::read_new_value;
use crate::audit::AuditEvent;
use crate::cli::{CreateArgs, GetArgs, MetadataArgs, RotateArgs};
use crate::context::Context;
use crate::crypto::SecretBytes;
use crate::deliver::Reference;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::session::{ReadRequest, Session, Write};
use crate::time::{self, Timestamp};
use crate::vault::store::Scope;
use crate::vault::{AliasName, Metadata, SecretName, Selector};
use base64::Engine;
use serde_json::json;
use std::collections::BTreeMap;

pub fn create(ctx: &Context, args: &CreateArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let (metadata, expires) = new_metadata(&args.metadata)?;
    let value = read_new_value(ctx, &args.source, &name)?;
    let mut session = Session::open_scoped(ctx, Scope::one(&name))?;
    let mut write = session.write(create_event(ctx, &name))?;
    let number = create_secret(ctx, &mut write, &name, metadata, expires, &value)?;
    write.event().version = Some(number);
    write.commit()?;
    ctx.output.done(
        &format!("Created '{name}' version {number}."),
        &json!({"name": name.as_str(), "version": number}),
    )
}

/// A rotation period as the user wrote it, validated.
pub(super) fn rotation_period(text: &str) -> Result<String> {
    time::parse_duration(text)?;
    Ok(text.trim().to_string())
}

/// An owner names someone: an empty one would only silence `check`.
pub(super) fn check_owner(owner: &str) -> Result<()> {
    if owner.trim().is_empty() {
        return Err(Error::usage(
            "An owner cannot be empty; name the team or person responsible.",
        ));
    }
    Ok(())
}

/// `--tag KEY=VALUE` arguments, validated.
pub(super) fn parse_tags(tags: &[String]) -> Result<BTreeMap<String, String>> {
    let mut parsed = BTreeMap::new();
    for tag in tags {
        let (key, value) = tag
            .split_once('=')
            .ok_or_else(|| Error::usage(format!("The tag '{tag}' is not KEY=VALUE.")))?;
        check_tag_key(key)?;
        parsed.insert(key.to_string(), value.to_string());
    }
    Ok(parsed)
}

pub(super) fn check_tag_key(key: &str) -> Result<()> {
    let valid = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if valid {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "The tag key '{key}' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'."
        )))
    }
}

pub(super) fn create_event(ctx: &Context, name: &SecretName) -> AuditEvent {
    AuditEvent::new("create", None)
        .secret(name.as_str())
        .reason(ctx.reason())
}

/// Adds the new secret `name` (authorizing its creation) with `value` as its
/// version 1, current.
pub(super) fn create_secret(
    ctx: &Context,
    write: &mut Write<'_>,
    name: &SecretName,
    metadata: Metadata,
    expires: Option<Timestamp>,
    value: &SecretBytes,
) -> Result<u32> {
    write.create(name, metadata, ctx.reason())?;
    write.add_version(name, value.expose(), &AliasName::current(), expires)
}

/// `--expires` as a time, refusing one already past.
pub(super) fn expiry(text: Option<&str>) -> Result<Option<Timestamp>> {
    let Some(text) = text else {
        return Ok(None);
    };
    let when = time::parse_time_or_duration(text)?;
    if when <= Timestamp::now() {
        return Err(Error::usage(format!(
            "The expiry '{text}' is already past; give a later time or a duration such as 90d."
        )));
    }
    Ok(Some(when))
}

/// The metadata flags of `create` and the importers, validated: the metadata of a new
/// secret, and the expiry of the versions added.
pub(super) fn new_metadata(args: &MetadataArgs) -> Result<(Metadata, Option<Timestamp>)> {
    let rotate_every = args
        .rotate_every
        .as_deref()
        .map(rotation_period)
        .transpose()?;
    let tags = parse_tags(&args.tags)?;
    if let Some(owner) = &args.owner {
        check_owner(owner)?;
    }
    let metadata = Metadata {
        owner: args.owner.as_deref().map(|owner| owner.trim().to_string()),
        description: args.description.clone().filter(|d| !d.is_empty()),
        rotate_every,
        tags,
    };
    Ok((metadata, expiry(args.expires.as_deref())?))
}

pub fn get(ctx: &Context, args: &GetArgs) -> Result<()> {
    // NAME, NAME@3, NAME#alias, or any of them as tresor://…
    let reference: Reference = args
        .reference
        .strip_prefix(crate::deliver::reference::SCHEME)
        .unwrap_or(&args.reference)
        .parse()?;
    let name = reference.name.clone();
    let in_reference = reference.selector != Selector::default();
    let selector = match (args.version, &args.alias) {
        (None, None) => reference.selector.clone(),
        _ if in_reference => {
            return Err(Error::usage(format!(
                "'{reference}' already names a version or alias; give it there or with --version/--alias, not both."
            )));
        }
        (Some(number), _) => Selector::Version(number),
        (None, Some(alias)) => Selector::Alias(alias.parse()?),
    };
    let mut session = Session::read(ctx, Scope::one(&name))?;
    let grant = session.authorize(Action::Read, Some(&name), ctx.reason())?;
    // Fail closed: the value leaves only after its read event is on disk.
    let request = ReadRequest {
        name: &name,
        selector: &selector,
        grant: grant.clone(),
    };
    let (number, value) = session
        .read_recorded(std::slice::from_ref(&request), ctx.reason(), None)?
        .pop()
        .ok_or_else(|| Error::other(format!("No value of '{name}' was read.")))?;
    drop(session);
    if let Some(grant) = grant {
        ctx.output.warn(&format!(
            "Read '{name}' under break-glass grant {grant}; the read is in the audit log."
        ));
    }
    if ctx.output.json {
        let mut document = json!({"name": name.as_str(), "version": number});
        match std::str::from_utf8(value.expose()) {
            Ok(text) => document["value"] = json!(text),
            Err(_) => {
                document["value_base64"] =
                    json!(base64::engine::general_purpose::STANDARD.encode(value.expose()))
            }
        }
        let text = zeroize::Zeroizing::new(document.to_string());
        ctx.output.line(&text)
    } else {
        ctx.output.bytes(value.expose())
    }
}

pub fn rotate(ctx: &Context, args: &RotateArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    if super::rotation::is_planned(ctx, &name)? {
        return super::rotation::rotate(ctx, &name, args);
    }
    let expires = expiry(args.expires.as_deref())?;
    let value = read_new_value(ctx, &args.source, &name)?;
    let mut session = Session::open_scoped(ctx, Scope::one(&name))?;
    let mut write = session.write(rotate_event(ctx, &name))?;
    let (number, alias) = rotate_secret(ctx, &mut write, &name, &value, args.stage, expires)?;
    write.commit()?;
    let sentence = if args.stage {
        format!(
            "Staged '{name}' version {number} as pending; make it current with `tresor promote {name} {number}`."
        )
    } else {
        format!("Rotated '{name}': version {number} is current.")
    };
    ctx.output.done(
        &sentence,
        &json!({"name": name.as_str(), "version": number, "alias": alias.as_str()}),
    )
}

pub(super) fn rotate_event(ctx: &Context, name: &SecretName) -> AuditEvent {
    AuditEvent::new("rotate", None)
        .secret(name.as_str())
        .reason(ctx.reason())
}

/// Adds `value` as a new version of `name` (authorizing the rotation), current, or
/// pending when `stage`.
pub(super) fn rotate_secret(
    ctx: &Context,
    write: &mut Write<'_>,
    name: &SecretName,
    value: &SecretBytes,
    stage: bool,
    expires: Option<Timestamp>,
) -> Result<(u32, AliasName)> {
    write.secret(name, Action::Rotate, ctx.reason())?;
    let alias = if stage {
        AliasName::pending()
    } else {
        AliasName::current()
    };
    let number = write.add_version(name, value.expose(), &alias, expires)?;
    let event = write.event();
    event.version = Some(number);
    event.alias = Some(alias.to_string());
    Ok((number, alias))
}
