//! `meta`: a secret's metadata changed after `create` (owner, description, rotation
//! period, tags), and its current version's expiry. One signed write, with the right
//! to rotate the secret.

use super::secret::{check_owner, check_tag_key, expiry, parse_tags, rotation_period};
use crate::audit::AuditEvent;
use crate::cli::MetaArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::session::Session;
use crate::vault::SecretName;
use serde_json::json;

pub fn meta(ctx: &Context, args: &MetaArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let nothing = args.owner.is_none()
        && args.description.is_none()
        && args.rotate_every.is_none()
        && !args.no_rotate
        && args.expires.is_none()
        && !args.no_expiry
        && args.tags.is_empty()
        && args.untags.is_empty();
    if nothing {
        return Err(Error::usage(
            "Say what to change: --owner, --description, --rotate-every, --no-rotate, --expires, --no-expiry, --tag or --untag (`tresor meta --help`).",
        ));
    }
    if let Some(owner) = &args.owner {
        check_owner(owner)?;
    }
    let rotate_every = args
        .rotate_every
        .as_deref()
        .map(rotation_period)
        .transpose()?;
    let expires = expiry(args.expires.as_deref())?;
    let tags = parse_tags(&args.tags)?;
    for key in &args.untags {
        check_tag_key(key)?;
    }
    let event = AuditEvent::new("meta", None)
        .secret(name.as_str())
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    let mut write = session.write(event)?;
    let secret = write.secret(&name, Action::Rotate, ctx.reason())?;
    let meta = &mut secret.metadata;
    if let Some(owner) = &args.owner {
        meta.owner = Some(owner.trim().to_string());
    }
    if let Some(description) = &args.description {
        meta.description = Some(description.clone()).filter(|d| !d.is_empty());
    }
    if rotate_every.is_some() || args.no_rotate {
        meta.rotate_every = rotate_every;
    }
    meta.tags.extend(tags);
    for key in &args.untags {
        meta.tags.remove(key);
    }
    if expires.is_some() || args.no_expiry {
        let current = secret.current().ok_or_else(|| {
            Error::not_found(format!(
                "'{name}' has no current version to set an expiry on."
            ))
        })?;
        if let Some(version) = secret.versions.get_mut(&current) {
            version.expires = expires;
        }
    }
    let shown = json!({
        "name": name.as_str(),
        "owner": secret.metadata.owner,
        "description": secret.metadata.description,
        "rotate_every": secret.metadata.rotate_every,
        "tags": secret.metadata.tags,
    });
    let changed = write.commit()?.is_some();
    ctx.output.done(
        &if changed {
            format!("Updated the metadata of '{name}'.")
        } else {
            format!("The metadata of '{name}' is already so.")
        },
        &shown,
    )
}
