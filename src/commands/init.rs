//! `init`: a new vault, its signed root and the first line of its audit log.

use crate::audit::{self, AuditEvent};
use crate::cli::InitArgs;
use crate::context::Context;
use crate::crypto::keys::random_bytes;
use crate::crypto::sign;
use crate::error::{Error, Result};
use crate::fs::VaultLock;
use crate::identity::Recipient;
use crate::policy::Policy;
use crate::time::Timestamp;
use crate::trust::{self, document::to_document};
use crate::vault::{Principal, PrincipalName, Trust, Vault, digest, format};
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
    let now = Timestamp::now();
    let mut principals = BTreeMap::from([(
        creator.clone(),
        Principal {
            recipient: identity.recipient().to_string(),
            signing: Some(identity.signing_key().public()),
            added: now,
        },
    )]);
    for (index, entry) in args.recipients.iter().enumerate() {
        let (name, keys) = match entry.split_once('=') {
            Some((name, keys)) => (name.parse::<PrincipalName>()?, keys),
            None => (format!("recipient{}", index + 1).parse()?, entry.as_str()),
        };
        let (recipient, signing) = match keys.split_once(',') {
            Some((recipient, signing)) => (recipient, Some(parse_signing_key(signing)?)),
            None => (keys, None),
        };
        let recipient: Recipient = recipient.parse()?;
        let taken = principals.contains_key(&name)
            || principals
                .values()
                .any(|p| p.recipient == recipient.to_string());
        if taken {
            return Err(Error::usage(format!(
                "The principal '{name}' or its recipient is given twice."
            )));
        }
        principals.insert(
            name,
            Principal {
                recipient: recipient.to_string(),
                signing,
                added: now,
            },
        );
    }
    let members: Vec<PrincipalName> = principals.keys().cloned().collect();
    let trust = Trust {
        policy: initial_policy(&creator, &members)?,
        principals,
    };

    create_folder_of(&vault_path)?;
    create_folder_of(&audit_path)?;
    let _lock = VaultLock::acquire(&vault_path, ctx.lock_timeout)?;
    if vault_path.exists() {
        return Err(Error::other(format!(
            "A vault already exists at {}; tresor will not overwrite it.",
            vault_path.display()
        )));
    }
    let id = hex::encode(random_bytes::<16>());
    let root = trust::new_root(&id, &creator, &identity);
    let fingerprint = digest::root_fingerprint(&id, &root);
    let mut event = AuditEvent::new("init", Some(creator.as_str())).detail(format!(
        "principals: {}",
        members
            .iter()
            .map(PrincipalName::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    ));
    event.vault = Some(id.clone());
    event.root = Some(fingerprint.clone());
    event.trust = Some(to_document(&trust));
    let head = audit::create(&audit_path, event, Some(&identity.signing_key()))?;
    let vault = Vault {
        id: id.clone(),
        root,
        head,
        trust,
        keyrings: BTreeMap::new(),
        grants: BTreeMap::new(),
        requests: BTreeMap::new(),
        leases: BTreeMap::new(),
        secrets: BTreeMap::new(),
    };
    if let Err(err) =
        crate::fs::write_new(&vault_path, format::render(&vault).as_bytes(), "the vault")
    {
        // The log belongs to a vault that does not exist; leave nothing half-made.
        let _ = std::fs::remove_file(&audit_path);
        return Err(err);
    }
    // Pin the new root on this machine at once.
    trust::verify(
        &vault,
        &audit_path,
        None,
        trust::From::Root,
        &crate::vault::store::Scope::All,
    )?;
    forward_first_line(ctx, &audit_path);
    ctx.output.done(
        &format!(
            "Created the vault {} and its audit log {}; '{creator}' is its admin. Its root is {fingerprint}: pin it in CI with TRESOR_EXPECT_ROOT.",
            vault_path.display(),
            audit_path.display()
        ),
        &json!({"vault": vault_path.display().to_string(), "audit_log": audit_path.display().to_string(), "id": id, "admin": creator.as_str(), "root": fingerprint}),
    )
}

pub(super) fn parse_signing_key(text: &str) -> Result<sign::PublicKey> {
    let key: Option<sign::PublicKey> = text.trim().parse().ok();
    key.filter(sign::PublicKey::is_point).ok_or_else(|| {
        Error::usage(format!(
            "'{}' is not a signing key; it looks like ed25519:… as `tresor identity show` prints it.",
            text.chars().take(80).collect::<String>()
        ))
    })
}

/// The creator and every recipient named at init administer the vault together.
fn initial_policy(creator: &PrincipalName, members: &[PrincipalName]) -> Result<Policy> {
    let mut policy = Policy::initial(creator)?;
    if let Some(admins) = policy.groups.get_mut(crate::policy::ADMINS) {
        admins.extend(members.iter().filter(|m| *m != creator).cloned());
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

/// Line 0 to the system log, when this machine forwards (a new policy never does).
fn forward_first_line(ctx: &Context, audit_path: &std::path::Path) {
    let Ok(lines) = std::fs::read(audit_path) else {
        return;
    };
    if let Err(why) = ctx.syslog.forward(false, &lines) {
        ctx.output.warn(&why);
    }
}
