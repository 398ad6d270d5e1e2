//! `recipient add | list | remove | request | approve`: who the vault's principals are,
//! with the keys they read (age) and sign (Ed25519) with.

use super::init::parse_signing_key;
use crate::audit::AuditEvent;
use crate::context::Context;
use crate::crypto::sign::{self, Domain};
use crate::error::{Error, Result};
use crate::identity::Recipient;
use crate::keyring;
use crate::policy::ADMINS;
use crate::policy::readers::administers;
use crate::session::{Session, View};
use crate::time::Timestamp;
use crate::vault::{Principal, PrincipalName, Request, digest};
use serde_json::json;

pub fn add(ctx: &Context, name: &str, recipient: &str, signing: Option<&str>) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let recipient: Recipient = recipient.parse()?;
    let signing = signing.map(parse_signing_key).transpose()?;
    let mut session = Session::open(ctx)?;
    if let Some(existing) = session.vault().trust.principals.get(&name) {
        let registered = existing.signing;
        return register_key(
            ctx,
            session,
            name,
            recipient.to_string(),
            signing,
            registered,
        );
    }
    admit(
        ctx,
        &mut session,
        name,
        recipient.to_string(),
        signing,
        &[],
        "added",
    )
}

/// Gives an existing principal (same recipient) its signing key, so it may write.
fn register_key(
    ctx: &Context,
    mut session: Session,
    name: PrincipalName,
    recipient: String,
    signing: Option<sign::PublicKey>,
    registered: Option<sign::PublicKey>,
) -> Result<()> {
    let Some(signing) = signing else {
        return Err(Error::other(format!(
            "The principal '{name}' already exists; remove it first to change its keys."
        )));
    };
    if session.vault().trust.principals[&name].recipient != recipient {
        return Err(Error::other(format!(
            "The principal '{name}' exists with another recipient; remove it first to change its keys."
        )));
    }
    if registered == Some(signing) {
        return ctx.output.done(
            &format!("'{name}' already has that signing key."),
            &json!({"name": name.as_str(), "signing": signing.to_string()}),
        );
    }
    let event = AuditEvent::new("recipient", None)
        .target(name.as_str())
        .detail(format!("signing key {}", signing.fingerprint()))
        .reason(ctx.reason());
    let mut write = session.write(event)?;
    let vault = write.administer(ctx.reason())?;
    if let Some(principal) = vault.trust.principals.get_mut(&name) {
        principal.signing = Some(signing);
    }
    write.commit()?;
    ctx.output.done(
        &format!(
            "Registered the signing key {} for '{name}': it may now write what the policy allows.",
            signing.fingerprint()
        ),
        &json!({"name": name.as_str(), "signing": signing.to_string()}),
    )
}

/// Makes `name` a principal, in `groups`, and moves every version whose reader set
/// now includes it to a keyring it holds.
fn admit(
    ctx: &Context,
    session: &mut Session,
    name: PrincipalName,
    recipient: String,
    signing: Option<sign::PublicKey>,
    groups: &[String],
    how: &str,
) -> Result<()> {
    if let Some(other) = session.vault().principal_with_recipient(&recipient) {
        return Err(Error::other(format!(
            "That recipient already belongs to the principal '{other}'."
        )));
    }
    let event = AuditEvent::new("recipient", None)
        .target(name.as_str())
        .detail(format!("{how} {recipient}"))
        .reason(ctx.reason());
    let mut write = session.write(event)?;
    let vault = write.administer(ctx.reason())?;
    for group in groups {
        let members = vault.trust.policy.groups.get_mut(group).ok_or_else(|| {
            Error::usage(format!(
                "The policy has no group '{group}'; `tresor policy show` lists them."
            ))
        })?;
        members.push(name.clone());
    }
    vault.trust.principals.insert(
        name.clone(),
        Principal {
            recipient: recipient.clone(),
            signing,
            added: Timestamp::now(),
        },
    );
    vault.requests.remove(&name);
    let moves = keyring::sync(&mut write)?;
    write.commit()?;
    let writes = if signing.is_some() {
        ""
    } else {
        " Without a signing key it can read but not write; register one with `tresor recipient add NAME age1… ed25519:…`."
    };
    ctx.output.done(
        &format!("Added '{name}' ({recipient}); {}.{writes}", moves.summary()),
        &json!({"name": name.as_str(), "recipient": recipient, "signing": signing.map(|k| k.to_string())}),
    )
}

/// A newcomer asks to join with its own identity: the request is signed by the key it
/// asks to be known by. Nothing is granted until an admin approves that key.
pub fn request(ctx: &Context, name: &str) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let identity = ctx.identity()?;
    let recipient = identity.recipient().to_string();
    let signing = identity.signing_key();
    let mut open = View::open_scoped(ctx, crate::vault::store::Scope::none())?;
    if let Some(existing) = open.vault.principal_with_recipient(&recipient) {
        return Err(Error::other(format!(
            "This identity is already the principal '{existing}'."
        )));
    }
    if open.vault.trust.principals.contains_key(&name) {
        return Err(Error::other(format!(
            "The name '{name}' is taken by a principal; ask under another name."
        )));
    }
    let mut request = Request {
        recipient: recipient.clone(),
        signing: signing.public(),
        requested: Timestamp::now(),
        sig: signing.sign(Domain::Request, b""),
    };
    request.sig = signing.sign(
        Domain::Request,
        digest::request_encoding(&open.vault.id, &name, &request).as_bytes(),
    );
    let fingerprint = request.signing.fingerprint();
    let mut event = AuditEvent::new("request", None)
        .target(name.as_str())
        .detail(format!("requested {recipient}, key {fingerprint}"));
    event.vault = Some(open.vault.id.clone());
    event.key = Some(request.signing.to_string());
    event.reason = ctx.reason().map(str::to_string);
    let (_, lines) = crate::audit::AuditLog::open(&open.audit_path)?
        .append_lines(vec![event], Some(&signing))?;
    open.vault.requests.insert(name.clone(), request);
    open.save()?;
    open.forward(&lines);
    ctx.output.done(
        &format!("Requested access as '{name}' ({recipient}, key {fingerprint}). Commit the vault and ask an admin to run `tresor recipient approve {name} {fingerprint}`."),
        &json!({"name": name.as_str(), "recipient": recipient, "fingerprint": fingerprint}),
    )
}

/// An admin approves a request by the fingerprint it reviewed: a request whose key was
/// swapped since, or whose signature does not verify, is refused.
pub fn approve(ctx: &Context, name: &str, fingerprint: &str, groups: &[String]) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let mut session = Session::open(ctx)?;
    let vault = session.vault();
    let request = vault.requests.get(&name).cloned().ok_or_else(|| {
        Error::not_found(format!(
            "No pending request from '{name}'; `tresor recipient list` shows requests."
        ))
    })?;
    let encoding = digest::request_encoding(&vault.id, &name, &request);
    if !request
        .signing
        .verify(Domain::Request, encoding.as_bytes(), &request.sig)
    {
        return Err(Error::integrity(format!(
            "The request of '{name}' is not signed by the key it names: it was altered. Ask '{name}' to request again."
        )));
    }
    if request.signing.fingerprint() != fingerprint.trim() {
        return Err(Error::integrity(format!(
            "The request of '{name}' holds the key {}, not the {} you approve: it was swapped after review. Ask '{name}' to request again.",
            request.signing.fingerprint(),
            fingerprint.trim()
        )));
    }
    let recipient: Recipient = request.recipient.parse()?;
    admit(
        ctx,
        &mut session,
        name,
        recipient.to_string(),
        Some(request.signing),
        groups,
        "approved the request of",
    )
}

pub fn list(ctx: &Context) -> Result<()> {
    let open = View::open(ctx)?;
    let vault = &open.vault;
    let policy = vault.policy();
    if ctx.output.json {
        let mut list: Vec<_> = vault
            .trust
            .principals
            .iter()
            .map(|(name, principal)| {
                json!({"name": name.as_str(), "recipient": principal.recipient, "signing": principal.signing.map(|k| k.to_string()), "fingerprint": principal.signing.map(|k| k.fingerprint()), "added": principal.added.to_string(), "admin": administers(policy, name), "state": "principal"})
            })
            .collect();
        list.extend(vault.requests.iter().map(|(name, request)| {
            json!({"name": name.as_str(), "recipient": request.recipient, "signing": request.signing.to_string(), "fingerprint": request.signing.fingerprint(), "requested": request.requested.to_string(), "state": "requested"})
        }));
        return ctx.output.json(&list);
    }
    let width = vault
        .trust
        .principals
        .keys()
        .chain(vault.requests.keys())
        .map(|name| name.as_str().len())
        .max()
        .unwrap_or(4)
        .max(4);
    ctx.output.line(&format!(
        "{:width$}  {:62}  {:50}  ROLE",
        "NAME", "RECIPIENT", "SIGNING KEY"
    ))?;
    for (name, principal) in &vault.trust.principals {
        let key = principal
            .signing
            .map_or("- (reads only)".to_string(), |k| k.fingerprint());
        let role = if administers(policy, name) {
            "admin"
        } else {
            "-"
        };
        ctx.output.line(&format!(
            "{:width$}  {:62}  {key:50}  {role}",
            name.as_str(),
            principal.recipient,
        ))?;
    }
    for (name, request) in &vault.requests {
        let fingerprint = request.signing.fingerprint();
        ctx.output.line(&format!(
            "{:width$}  {:62}  {fingerprint:50}  requested {}; `tresor recipient approve {name} {fingerprint}`",
            name.as_str(),
            request.recipient,
            request.requested
        ))?;
    }
    Ok(())
}

pub fn remove(ctx: &Context, name: &str) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let mut session = Session::open(ctx)?;
    if !session.vault().trust.principals.contains_key(&name) {
        return Err(Error::not_found(format!(
            "No principal named '{name}'; `tresor recipient list` shows them."
        )));
    }
    if name == session.principal {
        return Err(Error::other(format!(
            "'{name}' is the principal in use; another admin must remove it, so the vault never loses its last holder."
        )));
    }
    let mut policy = session.vault().trust.policy.clone();
    policy.forget(&name);
    if policy.groups.get(ADMINS).is_none_or(Vec::is_empty) {
        return Err(Error::other(format!(
            "'{name}' is the last admin; make someone else an admin first."
        )));
    }
    let event = AuditEvent::new("recipient", None)
        .target(name.as_str())
        .detail("removed".to_string())
        .reason(ctx.reason());
    let mut write = session.write(event)?;
    let vault = write.administer(ctx.reason())?;
    vault.trust.policy = policy;
    vault.trust.principals.remove(&name);
    let moves = keyring::sync(&mut write)?;
    write.commit()?;
    ctx.output.done(
        &format!(
            "Removed '{name}'; {}. Values it could read are still known to it: rotate them (`tresor check` lists them).",
            moves.summary()
        ),
        &json!({"name": name.as_str(), "moved": moves.moved.values().sum::<usize>()}),
    )
}
