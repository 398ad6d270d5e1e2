//! `init`: a new vault, its keys and its audit log.

use crate::audit::{self, AuditEvent};
use crate::cli::InitArgs;
use crate::context::Context;
use crate::crypto::IntegrityKey;
use crate::crypto::keys::random_bytes;
use crate::error::{Error, Result};
use crate::fs::VaultLock;
use crate::identity::Recipient;
use crate::policy::Policy;
use crate::time::Timestamp;
use crate::vault::model::{IntegrityWraps, Keyring, Principal, Vault};
use crate::vault::seal::{self, KeyringKey};
use crate::vault::{KeyringName, PrincipalName, format};
use serde_json::json;
use std::collections::BTreeMap;

pub fn init(ctx: &Context, args: &InitArgs) -> Result<()> {
    let vault_path = ctx.new_vault_path();
    let audit_path = ctx.audit_path(&vault_path);
    let identity = ctx.identity()?;
    let creator: PrincipalName = match &args.name {
        Some(name) => name.parse()?,
        None => default_principal_name()?,
    };
    let mut members = vec![(creator.clone(), identity.recipient().to_string())];
    for (index, entry) in args.recipients.iter().enumerate() {
        let (name, recipient) = match entry.split_once('=') {
            Some((name, recipient)) => (name.parse::<PrincipalName>()?, recipient),
            None => (format!("recipient{}", index + 1).parse()?, entry.as_str()),
        };
        let recipient: Recipient = recipient.parse()?;
        if members
            .iter()
            .any(|(n, r)| *n == name || *r == recipient.to_string())
        {
            return Err(Error::usage(format!(
                "The principal '{name}' or its recipient is given twice."
            )));
        }
        members.push((name, recipient.to_string()));
    }

    create_folder_of(&vault_path)?;
    create_folder_of(&audit_path)?;
    let _lock = VaultLock::acquire(&vault_path, ctx.lock_timeout)?;
    if vault_path.exists() {
        return Err(Error::other(format!(
            "A vault already exists at {}; tresor will not overwrite it.",
            vault_path.display()
        )));
    }
    let now = Timestamp::now();
    let id = hex::encode(random_bytes::<16>());
    let integrity_key = IntegrityKey::generate();
    let keyring_name = KeyringName::default_keyring();
    let keyring_key = KeyringKey::generate();
    let mut vault = Vault {
        id: id.clone(),
        audit: None,
        principals: BTreeMap::new(),
        keyrings: BTreeMap::new(),
        integrity: IntegrityWraps::default(),
        policy: initial_policy(&members)?,
        grants: BTreeMap::new(),
        departed: BTreeMap::new(),
        requests: BTreeMap::new(),
        unloaded: crate::vault::Unloaded::default(),
        secrets: BTreeMap::new(),
        mac: String::new(),
    };
    let mut wrapped = BTreeMap::new();
    for (name, recipient) in &members {
        vault.principals.insert(
            name.clone(),
            Principal {
                recipient: recipient.clone(),
                added: now,
            },
        );
        wrapped.insert(name.clone(), keyring_key.wrap_to(recipient)?);
        vault.integrity.principals.insert(
            name.clone(),
            seal::wrap_integrity_to(recipient, &integrity_key)?,
        );
    }
    vault.integrity.keyrings.insert(
        keyring_name.clone(),
        keyring_key.seal_integrity(&id, &keyring_name, &integrity_key),
    );
    vault.keyrings.insert(
        keyring_name,
        Keyring {
            recipient: keyring_key.recipient(),
            wrapped,
        },
    );

    let mut event = AuditEvent::new("init", Some(creator.as_str())).detail(format!(
        "principals: {}",
        members
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    event.vault = Some(id.clone());
    let reference = audit::create(&audit_path, event)?;
    vault.audit = Some(reference);
    seal::reseal_vault(&mut vault, &integrity_key);
    if let Err(err) =
        crate::fs::write_new(&vault_path, format::render(&vault).as_bytes(), "the vault")
    {
        // The log belongs to a vault that does not exist; leave nothing half-made.
        let _ = std::fs::remove_file(&audit_path);
        return Err(err);
    }
    ctx.output.done(
        &format!(
            "Created the vault {} and its audit log {}; '{creator}' is its admin.",
            vault_path.display(),
            audit_path.display()
        ),
        &json!({"vault": vault_path.display().to_string(), "audit_log": audit_path.display().to_string(), "id": id, "admin": creator.as_str()}),
    )
}

/// The creator and every recipient named at init administer the vault together.
fn initial_policy(members: &[(PrincipalName, String)]) -> Result<Policy> {
    let mut policy = Policy::initial(&members[0].0)?;
    if let Some(admins) = policy.groups.get_mut(crate::policy::ADMINS) {
        admins.extend(members[1..].iter().map(|(name, _)| name.clone()));
    }
    Ok(policy)
}

/// The creator's name when `--name` is not given: `$USER` or `$LOGNAME`, else the
/// name the user database gives the user, else `admin` (a container's user may have
/// none). A name that is not a valid principal name is refused, not changed.
fn default_principal_name() -> Result<PrincipalName> {
    let user = ["USER", "LOGNAME"]
        .into_iter()
        .find_map(|var| std::env::var(var).ok().filter(|name| !name.is_empty()))
        .or_else(|| uzers::get_current_username().map(|name| name.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "admin".to_string());
    user.parse().map_err(|_| {
        Error::usage(format!(
            "The user name '{}' is not a valid principal name; choose one with `tresor init --name NAME`.",
            user.chars().take(64).collect::<String>()
        ))
    })
}

/// Creates the folder `path` goes in (0700, like a folder of keys) when it is missing.
fn create_folder_of(path: &std::path::Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() && !folder.exists() => {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(folder)
                .map_err(|err| Error::io("Creating the folder", folder, &err))
        }
        _ => Ok(()),
    }
}
