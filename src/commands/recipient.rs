//! `recipient add | list | remove`: who the vault's keys are wrapped to.

use crate::audit::AuditEvent;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::identity::Recipient;
use crate::keyring;
use crate::policy::{ADMINS, Action};
use crate::session::{Session, Unauthenticated};
use crate::time::Timestamp;
use crate::vault::model::{Principal, Request};
use crate::vault::seal;
use crate::vault::{KeyringName, PrincipalName, SecretName};
use serde_json::json;

pub fn add(ctx: &Context, name: &str, recipient: &str) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let recipient: Recipient = recipient.parse()?;
    let mut session = Session::open(ctx, None)?;
    session.authorize(Action::Admin, None, ctx.reason())?;
    admit(ctx, session, name, recipient.to_string(), &[], "added")
}

/// Makes `name` a principal: the integrity key wrapped to it, added to `groups`, and
/// the keyrings the policy then lets it read wrapped to it.
fn admit(
    ctx: &Context,
    mut session: Session,
    name: PrincipalName,
    recipient: String,
    groups: &[String],
    how: &str,
) -> Result<()> {
    if session.vault.principals.contains_key(&name) {
        return Err(Error::other(format!(
            "The principal '{name}' already exists; remove it first to change its key."
        )));
    }
    if let Some(other) = session.vault.principal_with_recipient(&recipient) {
        return Err(Error::other(format!(
            "That recipient already belongs to the principal '{other}'."
        )));
    }
    for group in groups {
        let members = session.vault.policy.groups.get_mut(group).ok_or_else(|| {
            Error::usage(format!(
                "The policy has no group '{group}'; `tresor policy show` lists them."
            ))
        })?;
        members.push(name.clone());
    }
    let wrap = seal::wrap_integrity_to(&recipient, session.integrity_key())?;
    session
        .vault
        .integrity
        .principals
        .insert(name.clone(), wrap);
    session.vault.principals.insert(
        name.clone(),
        Principal {
            recipient: recipient.clone(),
            added: Timestamp::now(),
        },
    );
    session.vault.requests.remove(&name);
    // A newcomer holds the keyrings the policy lets it read: none until a rule names it.
    let changes = keyring::sync(&mut session)?;
    let holds: Vec<String> = changes
        .granted
        .iter()
        .map(|(keyring, _)| keyring.to_string())
        .collect();
    let event = AuditEvent::new("recipient", Some(session.principal.as_str()))
        .target(name.as_str())
        .detail(format!("{how} {recipient}"))
        .reason(ctx.reason());
    session.commit(event, &changes.touched)?;
    let sentence = if holds.is_empty() {
        format!(
            "Added '{name}' ({recipient}). It opens no keyring until a policy rule lets it read (`tresor policy set`)."
        )
    } else {
        format!(
            "Added '{name}' ({recipient}); it opens the keyrings {}.",
            holds.join(", ")
        )
    };
    ctx.output.done(
        &sentence,
        &json!({"name": name.as_str(), "recipient": recipient, "keyrings": holds}),
    )
}

/// A newcomer asks to join with its own identity; no key is needed, nothing is granted.
pub fn request(ctx: &Context, name: &str) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let identity = ctx.identity()?;
    let recipient = identity.recipient().to_string();
    let mut open = Unauthenticated::open(ctx)?;
    if let Some(existing) = open.vault.principal_with_recipient(&recipient) {
        return Err(Error::other(format!(
            "This identity is already the principal '{existing}'."
        )));
    }
    if open.vault.principals.contains_key(&name) {
        return Err(Error::other(format!(
            "The name '{name}' is taken by a principal; ask under another name."
        )));
    }
    let mut event = AuditEvent::new("recipient_request", None)
        .target(name.as_str())
        .detail(format!("requested {recipient}"));
    event.reason = ctx.reason().map(str::to_string);
    crate::audit::append(&open.audit_path, event)?;
    open.vault.requests.insert(
        name.clone(),
        Request {
            recipient: recipient.clone(),
            requested: Timestamp::now(),
        },
    );
    crate::vault::store::save(&open.vault_path, &open.vault)?;
    ctx.output.done(
        &format!("Requested access as '{name}' ({recipient}). Commit the vault and ask an admin to run `tresor recipient approve {name}`."),
        &json!({"name": name.as_str(), "recipient": recipient}),
    )
}

/// An admin approves a request: the requester becomes a principal.
pub fn approve(ctx: &Context, name: &str, groups: &[String]) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let mut session = Session::open(ctx, None)?;
    session.authorize(Action::Admin, None, ctx.reason())?;
    let request = session.vault.requests.get(&name).cloned().ok_or_else(|| {
        Error::not_found(format!(
            "No pending request from '{name}'; `tresor recipient list` shows requests."
        ))
    })?;
    // The request is outside the MACs: the recipient must at least be a valid key.
    let recipient: Recipient = request.recipient.parse()?;
    admit(
        ctx,
        session,
        name,
        recipient.to_string(),
        groups,
        "approved the request of",
    )
}

pub fn list(ctx: &Context) -> Result<()> {
    let open = Unauthenticated::open(ctx)?;
    let vault = &open.vault;
    let rows: Vec<_> = vault
        .principals
        .iter()
        .map(|(name, principal)| {
            let keyrings: Vec<&str> = vault
                .keyrings
                .iter()
                .filter(|(_, keyring)| keyring.wrapped.contains_key(name))
                .map(|(keyring, _)| keyring.as_str())
                .collect();
            (name, principal, keyrings)
        })
        .collect();
    if ctx.output.json {
        let mut list: Vec<_> = rows
            .iter()
            .map(|(name, principal, keyrings)| {
                json!({"name": name.as_str(), "recipient": principal.recipient, "added": principal.added.to_string(), "keyrings": keyrings, "state": "principal"})
            })
            .collect();
        list.extend(vault.requests.iter().map(|(name, request)| {
            json!({"name": name.as_str(), "recipient": request.recipient, "requested": request.requested.to_string(), "keyrings": [], "state": "requested"})
        }));
        return ctx.output.json(&list);
    }
    let width = rows
        .iter()
        .map(|(name, _, _)| name.as_str().len())
        .max()
        .unwrap_or(4)
        .max(4);
    ctx.output
        .line(&format!("{:width$}  {:62}  KEYRINGS", "NAME", "RECIPIENT"))?;
    for (name, principal, keyrings) in rows {
        ctx.output.line(&format!(
            "{:width$}  {:62}  {}",
            name.as_str(),
            principal.recipient,
            keyrings.join(",")
        ))?;
    }
    for (name, request) in &vault.requests {
        ctx.output.line(&format!(
            "{:width$}  {:62}  (requested {}; `tresor recipient approve {name}`)",
            name.as_str(),
            request.recipient,
            request.requested
        ))?;
    }
    Ok(())
}

pub fn remove(ctx: &Context, name: &str) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let mut session = Session::open(ctx, None)?;
    session.authorize(Action::Admin, None, ctx.reason())?;
    if !session.vault.principals.contains_key(&name) {
        return Err(Error::not_found(format!(
            "No principal named '{name}'; `tresor recipient list` shows them."
        )));
    }
    if name == session.principal {
        return Err(Error::other(format!(
            "'{name}' is the principal in use; another admin must remove it, so the vault never loses its last holder."
        )));
    }
    let mut policy = session.vault.policy.clone();
    policy.forget(&name);
    if policy.groups.get(ADMINS).is_none_or(Vec::is_empty) {
        return Err(Error::other(format!(
            "'{name}' is the last admin; make someone else an admin first."
        )));
    }
    // Everything is re-MACed under a new integrity key below: check the old MACs first,
    // so no record altered outside tresor is laundered by the reseal.
    let names: Vec<SecretName> = session.vault.secrets.keys().cloned().collect();
    for secret in &names {
        session.verify_secret(secret)?;
    }
    let reachable: Vec<KeyringName> = session
        .vault
        .keyrings
        .iter()
        .filter(|(_, keyring)| keyring.wrapped.contains_key(&name))
        .map(|(keyring, _)| keyring.clone())
        .collect();
    session.vault.policy = policy;
    session.vault.principals.remove(&name);
    session.vault.integrity.principals.remove(&name);
    let mut touched = Vec::new();
    for keyring in &reachable {
        let holders = session
            .vault
            .keyring(keyring)?
            .wrapped
            .keys()
            .filter(|p| **p != name)
            .cloned()
            .collect();
        touched.extend(keyring::rekey(&mut session, keyring, &holders)?);
        let event = AuditEvent::new("rekey", Some(session.principal.as_str()))
            .target(keyring.as_str())
            .detail(format!("removing {name}"));
        session.record(event)?;
    }
    session.replace_integrity_key()?;
    let event = AuditEvent::new("recipient", Some(session.principal.as_str()))
        .target(name.as_str())
        .detail(format!("removed; re-keyed {}", keyring_list(&reachable)))
        .reason(ctx.reason());
    session.commit(event, &touched)?;
    ctx.output.done(
        &format!(
            "Removed '{name}', re-keyed {} and replaced the integrity key. Values it could read are still known to it: rotate them.",
            keyring_list(&reachable)
        ),
        &json!({"name": name.as_str(), "rekeyed": reachable.iter().map(|k| k.as_str()).collect::<Vec<_>>()}),
    )
}

fn keyring_list(keyrings: &[KeyringName]) -> String {
    if keyrings.is_empty() {
        "no keyring".to_string()
    } else {
        keyrings
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
