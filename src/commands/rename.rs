//! `rename`: a secret moved to a new name in one signed write. Each value is bound to
//! its name (the AEAD's associated data), so every version is opened under the old name
//! and sealed again under the new one: the renamer must be able to read it, create the
//! new name and destroy the old one.

use crate::audit::AuditEvent;
use crate::cli::RenameArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::keyring;
use crate::policy::Action;
use crate::session::Session;
use crate::vault::seal::{open_value, seal_value};
use crate::vault::{SecretName, Version};
use serde_json::json;
use std::collections::BTreeMap;

pub fn rename(ctx: &Context, args: &RenameArgs) -> Result<()> {
    let old: SecretName = args.name.parse()?;
    let new: SecretName = args.new.parse()?;
    if old == new {
        return Err(Error::usage(format!("'{old}' already has that name.")));
    }
    let event = AuditEvent::new("rename", None)
        .secret(old.as_str())
        .target(new.as_str())
        .reason(ctx.reason());
    let mut session = Session::open(ctx)?;
    session.authorize(Action::Read, Some(&old), ctx.reason())?;
    let mut write = session.write(event)?;
    let record = write.secret(&old, Action::Destroy, ctx.reason())?.clone();
    crate::rotation::refuse_with_leases(write.vault(), &old, "renamed")?;
    crate::rotation::refuse_as_admin_of_plans(write.vault(), &old, "renamed")?;
    write.create(&new, record.metadata.clone(), ctx.reason())?;
    let target = keyring::for_writing(&mut write, &new)?;
    let vault_id = write.vault().id.clone();
    let mut versions = BTreeMap::new();
    for (number, version) in &record.versions {
        let sealed = match &version.sealed {
            None => None,
            Some(sealed) => {
                let session = write.session();
                session.keyring_key(&sealed.keyring)?;
                let value = open_value(
                    &vault_id,
                    session.opened(&sealed.keyring)?,
                    &old,
                    *number,
                    sealed,
                )?;
                let keyring = session.vault().keyring(&target)?;
                Some(seal_value(
                    &vault_id,
                    target.clone(),
                    keyring,
                    &new,
                    *number,
                    value.expose(),
                )?)
            }
        };
        versions.insert(
            *number,
            Version {
                sealed,
                ..version.clone()
            },
        );
    }
    let moved = versions.len();
    let secret = write.secret(&new, Action::Create, ctx.reason())?;
    secret.versions = versions;
    secret.aliases = record.aliases;
    secret.exposed = record.exposed;
    secret.created = record.created;
    // A planned secret keeps its plan and its rotation's journal: its logins go with it.
    secret.plan = record.plan;
    secret.journal = record.journal;
    write.remove_secret(&old)?;
    write.commit()?;
    ctx.output.done(
        &format!("Renamed '{old}' to '{new}' ({moved} version(s)); the old name is free."),
        &json!({"name": old.as_str(), "new": new.as_str(), "versions": moved}),
    )
}
