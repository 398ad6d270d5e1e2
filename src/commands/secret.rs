//! `create`, `get`, `rotate`: adding versions and reading them.

use super::value::read_new_value;
use crate::audit::AuditEvent;
use crate::cli::{CreateArgs, GetArgs, RotateArgs};
use crate::context::Context;
use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::session::{ReadRequest, Session};
use crate::time;
use crate::vault::{AliasName, Metadata, SecretName, Selector};
use base64::Engine;
use serde_json::json;
use std::collections::BTreeMap;

pub fn create(ctx: &Context, args: &CreateArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let metadata = metadata(args)?;
    let value = read_new_value(ctx, &args.source, &name)?;
    let mut session = Session::open(ctx, None)?;
    session.authorize(Action::Create, Some(&name), ctx.reason())?;
    let (number, event) = create_secret(ctx, &mut session, &name, metadata, &value)?;
    session.commit(event, std::slice::from_ref(&name))?;
    ctx.output.done(
        &format!("Created '{name}' version {number}."),
        &json!({"name": name.as_str(), "version": number}),
    )
}

/// Adds a new secret with `value` as its version 1 and commits it with its `create`
/// event. The caller has authorized `Action::Create` on `name`.
pub(super) fn create_secret(
    ctx: &Context,
    session: &mut Session,
    name: &SecretName,
    metadata: Metadata,
    value: &SecretBytes,
) -> Result<(u32, AuditEvent)> {
    session.add_secret(name, metadata)?;
    let number = session.add_version(name, value.expose(), &AliasName::current())?;
    let event = AuditEvent::new("create", Some(session.principal.as_str()))
        .secret(name.as_str())
        .version(number)
        .reason(ctx.reason());
    Ok((number, event))
}

fn metadata(args: &CreateArgs) -> Result<Metadata> {
    let rotate_every = match &args.rotate_every {
        Some(every) => {
            time::parse_duration(every)?;
            Some(every.trim().to_string())
        }
        None => None,
    };
    let mut tags = BTreeMap::new();
    for tag in &args.tags {
        let (key, value) = tag
            .split_once('=')
            .ok_or_else(|| Error::usage(format!("The tag '{tag}' is not KEY=VALUE.")))?;
        let valid_key = !key.is_empty()
            && key.len() <= 64
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        if !valid_key {
            return Err(Error::usage(format!(
                "The tag key '{key}' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'."
            )));
        }
        tags.insert(key.to_string(), value.to_string());
    }
    Ok(Metadata {
        owner: args.owner.clone(),
        description: args.description.clone(),
        rotate_every,
        expires: args
            .expires
            .as_deref()
            .map(time::parse_time_or_duration)
            .transpose()?,
        tags,
    })
}

pub fn get(ctx: &Context, args: &GetArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let selector = match (args.version, &args.alias) {
        (Some(number), _) => Selector::Version(number),
        (None, Some(alias)) => Selector::Alias(alias.parse()?),
        (None, None) => Selector::default(),
    };
    let mut session = Session::open_to_read(ctx, std::slice::from_ref(&name))?;
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
    let value = read_new_value(ctx, &args.source, &name)?;
    let mut session = Session::open_to_change(ctx, &name)?;
    session.authorize(Action::Rotate, Some(&name), ctx.reason())?;
    let (number, alias, event) = rotate_secret(ctx, &mut session, &name, &value, args.stage)?;
    session.commit(event, std::slice::from_ref(&name))?;
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

/// Adds `value` as a new version of `name`, current (or pending when `stage`), and
/// commits it with its `rotate` event. The caller has authorized `Action::Rotate`.
pub(super) fn rotate_secret(
    ctx: &Context,
    session: &mut Session,
    name: &SecretName,
    value: &SecretBytes,
    stage: bool,
) -> Result<(u32, AliasName, AuditEvent)> {
    session.verify_secret(name)?;
    let alias = if stage {
        AliasName::pending()
    } else {
        AliasName::current()
    };
    let number = session.add_version(name, value.expose(), &alias)?;
    let event = AuditEvent::new("rotate", Some(session.principal.as_str()))
        .secret(name.as_str())
        .version(number)
        .alias(alias.as_str())
        .reason(ctx.reason());
    Ok((number, alias, event))
}
