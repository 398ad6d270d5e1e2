//! `recipient add | list | remove`: who the vault's keys are wrapped to.

use crate::audit::AuditEvent;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::identity::Recipient;
use crate::session::{Session, Unauthenticated};
use crate::time::Timestamp;
use crate::vault::model::Principal;
use crate::vault::seal::{self, KeyringKey};
use crate::vault::{KeyringName, PrincipalName, SecretName};
use serde_json::json;

pub fn add(ctx: &Context, name: &str, recipient: &str) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let recipient: Recipient = recipient.parse()?;
    let recipient = recipient.to_string();
    let mut session = Session::open(ctx, None)?;
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
    let wrap = seal::wrap_integrity_to(&recipient, session.integrity_key())?;
    session
        .vault
        .integrity
        .principals
        .insert(name.clone(), wrap);
    // Readers of the default keyring: every principal until policies say otherwise.
    let keyring = KeyringName::default_keyring();
    let wrapped = session.keyring_key(&keyring)?.wrap_to(&recipient)?;
    session
        .vault
        .keyrings
        .get_mut(&keyring)
        .ok_or_else(|| Error::integrity("The vault has no default keyring: the file was altered."))?
        .wrapped
        .insert(name.clone(), wrapped);
    session.vault.principals.insert(
        name.clone(),
        Principal {
            recipient: recipient.clone(),
            added: Timestamp::now(),
        },
    );
    let event = AuditEvent::new("recipient", Some(session.principal.as_str()))
        .target(name.as_str())
        .detail(format!("added {recipient}"));
    session.commit(event, &[])?;
    ctx.output.done(
        &format!("Added '{name}' ({recipient}); it can open the keyring '{keyring}'."),
        &json!({"name": name.as_str(), "recipient": recipient, "keyrings": [keyring.as_str()]}),
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
        let list: Vec<_> = rows
            .iter()
            .map(|(name, principal, keyrings)| {
                json!({"name": name.as_str(), "recipient": principal.recipient, "added": principal.added.to_string(), "keyrings": keyrings})
            })
            .collect();
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
    Ok(())
}

pub fn remove(ctx: &Context, name: &str) -> Result<()> {
    let name: PrincipalName = name.parse()?;
    let mut session = Session::open(ctx, None)?;
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
    let mut touched = Vec::new();
    for keyring in &reachable {
        touched.extend(rekey(&mut session, keyring, &name)?);
        let event = AuditEvent::new("rekey", Some(session.principal.as_str()))
            .target(keyring.as_str())
            .detail(format!("removing {name}"));
        session.record(event)?;
    }
    session.vault.principals.remove(&name);
    session.vault.integrity.principals.remove(&name);
    session.replace_integrity_key()?;
    let event = AuditEvent::new("recipient", Some(session.principal.as_str()))
        .target(name.as_str())
        .detail(format!("removed; re-keyed {}", keyring_list(&reachable)));
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

/// A new key pair for `keyring`: every data key in it re-wrapped to the new public
/// key (values untouched), the new secret wrapped to every holder but `leaving`.
/// Returns the secrets whose records changed.
fn rekey(
    session: &mut Session,
    keyring: &KeyringName,
    leaving: &PrincipalName,
) -> Result<Vec<SecretName>> {
    let new_key = KeyringKey::generate();
    let new_recipient = new_key.recipient();
    let holders: Vec<(PrincipalName, String)> = session
        .vault
        .keyring(keyring)?
        .wrapped
        .keys()
        .filter(|holder| *holder != leaving)
        .filter_map(|holder| {
            session
                .vault
                .principals
                .get(holder)
                .map(|p| (holder.clone(), p.recipient.clone()))
        })
        .collect();
    let mut wrapped = std::collections::BTreeMap::new();
    for (holder, recipient) in &holders {
        wrapped.insert(holder.clone(), new_key.wrap_to(recipient)?);
    }
    session.keyring_key(keyring)?;
    let old_key = session.opened_keyring(keyring)?;
    let mut rewrapped = Vec::new();
    for (name, secret) in session
        .vault
        .secrets
        .iter()
        .filter(|(_, s)| s.keyring == *keyring)
    {
        for (number, version) in &secret.versions {
            if let Some(sealed) = &version.sealed {
                rewrapped.push((
                    name.clone(),
                    *number,
                    seal::rewrap_dek(old_key, &new_recipient, name, *number, sealed)?,
                ));
            }
        }
    }
    let mut touched = Vec::new();
    for (name, number, sealed) in rewrapped {
        let secret = session.vault.secret_mut(&name)?;
        if let Some(version) = secret.versions.get_mut(&number) {
            version.sealed = Some(sealed);
        }
        if touched.last() != Some(&name) {
            touched.push(name);
        }
    }
    let entry = session.vault.keyrings.get_mut(keyring).ok_or_else(|| {
        Error::integrity(format!(
            "The keyring '{keyring}' vanished: the file was altered."
        ))
    })?;
    entry.recipient = new_recipient;
    entry.wrapped = wrapped;
    session.install_keyring_key(keyring.clone(), new_key);
    Ok(touched)
}
