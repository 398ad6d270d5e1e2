//! One command's hold on the vault: the lock, the loaded vault, the acting principal,
//! and the keys it opened — each checked before anything is released or written.

use crate::audit::{AuditEvent, AuditLog, EventRef};
use crate::context::Context;
use crate::crypto::{IntegrityKey, SecretBytes};
use crate::error::{Error, ErrorKind, Result};
use crate::fs::VaultLock;
use crate::identity::Identity;
use crate::policy::Action;
use crate::policy::decide::{Decision, Request, decide, describe};
use crate::policy::keyrings::may_break_glass;
use crate::time::Timestamp;
use crate::vault::seal::{self, KeyringKey};
use crate::vault::store;
use crate::vault::{AliasName, KeyringName, PrincipalName, SecretName, Selector, Vault};
use std::collections::HashMap;
use std::path::PathBuf;

/// The vault loaded under the lock, without any key: what anyone holding the file may
/// see (names, owners, versions). Nothing in it is authenticated.
pub struct Unauthenticated {
    pub vault_path: PathBuf,
    pub audit_path: PathBuf,
    pub vault: Vault,
    _lock: Option<VaultLock>,
}

impl Unauthenticated {
    pub fn open(ctx: &Context) -> Result<Self> {
        let vault_path = ctx.vault_path()?;
        let audit_path = ctx.audit_path(&vault_path);
        let lock = lock_unless_read_only(ctx, &vault_path)?;
        let vault = store::load(&vault_path)?;
        Ok(Unauthenticated {
            vault_path,
            audit_path,
            vault,
            _lock: lock,
        })
    }
}

/// The vault lock; `None` in a read-only checkout, which cannot hold a lock file.
/// Reading is still safe there because every write replaces the vault atomically, and
/// a write fails there anyway.
fn lock_unless_read_only(ctx: &Context, vault_path: &std::path::Path) -> Result<Option<VaultLock>> {
    match VaultLock::acquire(vault_path, ctx.lock_timeout) {
        Ok(lock) => Ok(Some(lock)),
        Err(err) if err.kind() == ErrorKind::Other && !writable_folder(vault_path) => Ok(None),
        Err(err) => Err(err),
    }
}

fn writable_folder(path: &std::path::Path) -> bool {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    std::fs::metadata(folder).is_ok_and(|m| !m.permissions().readonly())
        && tempfile::tempfile_in(folder).is_ok()
}

/// The vault opened by a principal: its MAC verified with an integrity key the
/// principal could authenticate, and the audit log checked not to be behind it.
pub struct Session {
    pub vault_path: PathBuf,
    pub audit_path: PathBuf,
    pub vault: Vault,
    pub principal: PrincipalName,
    identity: Identity,
    integrity: IntegrityKey,
    keyrings: HashMap<KeyringName, KeyringKey>,
    /// The vault file a partly loaded vault was read from, for the secrets it did not
    /// load to be copied from when it is saved.
    source: Option<std::fs::File>,
    /// Opened at `open` when the vault names its last write, else at the first append.
    log: Option<AuditLog>,
    _lock: Option<VaultLock>,
}

/// Which secrets a session loads.
#[derive(Clone, Copy)]
enum Scope<'a> {
    All,
    /// Only these, for reading: such a session never saves the vault.
    Read(&'a [&'a str]),
    /// Only these, for changing them: the others are copied unchanged on save.
    Change(&'a [&'a str]),
}

/// One version to read with `Session::read_recorded`.
pub struct ReadRequest<'a> {
    pub name: &'a SecretName,
    pub selector: &'a Selector,
    /// The break-glass grant the read is allowed under, if any (from `authorize`).
    pub grant: Option<String>,
}

impl Session {
    /// Loads the identity (before the lock: a passphrase prompt must not hold it),
    /// locks, loads and authenticates the vault. `about` names the secret the command
    /// is for, so its keyring can be the one that authenticates the integrity key.
    pub fn open(ctx: &Context, about: Option<&SecretName>) -> Result<Self> {
        Self::open_scoped(ctx, about, Scope::All)
    }

    /// `open` for commands that change only the secret `name` (a rotation, a state or
    /// an alias): the other secrets are not loaded, and the write copies their tables
    /// from the file unchanged, so a change costs little on a large vault.
    pub fn open_to_change(ctx: &Context, name: &SecretName) -> Result<Self> {
        Self::open_scoped(ctx, Some(name), Scope::Change(&[name.as_str()]))
    }

    /// `open` for commands that only read `names`: the other secrets are not loaded
    /// (only their MACs, for the vault MAC), so a read costs little on a large vault.
    /// Such a session can record events but never save the vault.
    pub fn open_to_read(ctx: &Context, names: &[SecretName]) -> Result<Self> {
        let wanted: Vec<&str> = names.iter().map(SecretName::as_str).collect();
        Self::open_scoped(ctx, names.first(), Scope::Read(&wanted))
    }

    fn open_scoped(ctx: &Context, about: Option<&SecretName>, scope: Scope) -> Result<Self> {
        let identity = ctx.identity()?;
        let vault_path = ctx.vault_path()?;
        let audit_path = ctx.audit_path(&vault_path);
        let lock = lock_unless_read_only(ctx, &vault_path)?;
        let (vault, source) = match scope {
            Scope::All => (store::load(&vault_path)?, None),
            Scope::Read(names) => (store::load_only(&vault_path, names)?, None),
            Scope::Change(names) => store::load_to_change(&vault_path, names)?,
        };
        let recipient = identity.recipient().to_string();
        let principal = vault.principal_with_recipient(&recipient).cloned().ok_or_else(|| {
            Error::no_identity(format!(
                "The identity in use ({recipient}) is not a principal of the vault {}; an admin can add it with `tresor recipient add NAME {recipient}`.",
                vault_path.display()
            ))
        })?;
        let preferred = about
            .and_then(|name| vault.secrets.get(name))
            .map(|s| s.keyring.clone());
        let (integrity, keyrings) = authenticate(&vault, &principal, &identity, preferred)?;
        seal::verify_vault(&vault, &integrity)?;
        let log = check_log_not_behind(&vault, &audit_path)?;
        Ok(Session {
            vault_path,
            audit_path,
            vault,
            principal,
            identity,
            integrity,
            keyrings,
            source,
            log,
            _lock: lock,
        })
    }

    pub fn integrity_key(&self) -> &IntegrityKey {
        &self.integrity
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Checks the policy before acting. A denial is recorded as a `deny` event and
    /// fails with exit 4. A read the rules deny may pass under an open break-glass
    /// grant: its id is returned so the read event can carry it.
    pub fn authorize(
        &mut self,
        action: Action,
        secret: Option<&SecretName>,
        reason: Option<&str>,
    ) -> Result<Option<String>> {
        let request = Request {
            principal: &self.principal,
            action,
            secret: secret.map(SecretName::as_str),
            has_reason: reason.is_some_and(|r| !r.trim().is_empty()),
            has_ticket: false,
        };
        let (rule, why) = match decide(&self.vault.policy, &request) {
            Decision::Allow { .. } => return Ok(None),
            Decision::Deny { rule, why } => (rule, why),
        };
        if action == Action::Read
            && let Some(name) = secret
            && let Some(grant) = self.grant_covering(name)
        {
            return Ok(Some(grant));
        }
        let target = secret.map_or("the vault".to_string(), |name| format!("'{name}'"));
        let mut event = AuditEvent::new("deny", Some(self.principal.as_str()))
            .reason(reason)
            .detail(why.clone());
        event.action = Some(action.to_string());
        event.decision = Some("deny".to_string());
        event.secret = secret.map(|name| name.to_string());
        self.record(event)?;
        let decided_by = rule
            .map(|index| format!(" [{}]", describe(&self.vault.policy, index)))
            .unwrap_or_default();
        Err(Error::denied(format!(
            "'{}' may not {action} {target}: {why}{decided_by}.",
            self.principal
        )))
    }

    /// An open grant of this principal that covers `name`, if the policy still allows
    /// break-glass there.
    fn grant_covering(&self, name: &SecretName) -> Option<String> {
        let now = Timestamp::now();
        if !may_break_glass(&self.vault.policy, &self.principal, name.as_str()) {
            return None;
        }
        self.vault
            .grants
            .iter()
            .find(|(_, grant)| grant.covers(&self.principal, name.as_str(), now))
            .map(|(id, _)| id.clone())
    }

    /// Opens (once) the keyring `name` with the caller's identity.
    pub fn keyring_key(&mut self, name: &KeyringName) -> Result<&KeyringKey> {
        if !self.keyrings.contains_key(name) {
            let key = seal::open_keyring(&self.vault, name, &self.principal, &self.identity)?;
            self.keyrings.insert(name.clone(), key);
        }
        self.keyrings
            .get(name)
            .ok_or_else(|| Error::other(format!("The keyring '{name}' could not be opened.")))
    }

    /// A keyring already opened by `keyring_key`.
    pub fn opened_keyring(&self, name: &KeyringName) -> Result<&KeyringKey> {
        self.keyrings
            .get(name)
            .ok_or_else(|| Error::other(format!("The keyring '{name}' is not open.")))
    }

    /// Seals `value` as the next version of `name` (to its keyring's public key: no
    /// secret key is needed) and points `alias` at it. Returns the version number.
    pub fn add_version(
        &mut self,
        name: &SecretName,
        value: &[u8],
        alias: &AliasName,
    ) -> Result<u32> {
        let secret = self.vault.secret(name)?;
        let number = secret.latest_version() + 1;
        let sealed = seal::seal_value(
            &self.vault.id,
            self.vault.keyring(&secret.keyring)?,
            name,
            number,
            value,
        )?;
        let author = self.principal.clone();
        let secret = self.vault.secret_mut(name)?;
        secret.add_version(author, Timestamp::now(), sealed);
        secret.set_alias(name, alias, number)?;
        Ok(number)
    }

    /// Adds an empty record for a new secret in the keyring the policy chooses for it;
    /// `add_version` then gives it a value.
    pub fn add_secret(
        &mut self,
        name: &SecretName,
        metadata: crate::vault::Metadata,
    ) -> Result<()> {
        if self.vault.secrets.contains_key(name) {
            return Err(Error::other(format!(
                "The secret '{name}' already exists; add a version with `tresor rotate {name}`."
            )));
        }
        let keyring = self.keyring_for_new(name)?;
        let secret = crate::vault::Secret {
            keyring,
            metadata,
            created: Timestamp::now(),
            aliases: Default::default(),
            versions: Default::default(),
            audit: EventRef::genesis(),
            mac: String::new(),
        };
        self.vault.secrets.insert(name.clone(), secret);
        Ok(())
    }

    /// The keyring a new secret named `name` goes into, by the policy's patterns.
    pub fn keyring_for_new(&self, name: &SecretName) -> Result<KeyringName> {
        crate::policy::keyrings::keyring_for(&self.vault.policy, name.as_str())
            .cloned()
            .ok_or_else(|| {
                Error::usage(format!(
                    "No keyring of the policy covers '{name}'; add a pattern for it under [keyrings] (`tresor policy show`)."
                ))
            })
    }

    /// Verifies a secret's MAC before it is changed.
    pub fn verify_secret(&self, name: &SecretName) -> Result<()> {
        seal::verify_secret(&self.vault, name, &self.integrity)
    }

    /// Reads the versions `requests` name and records their `read` events (with
    /// `reason`), then `delivery` (the event of the command they are read for, if
    /// any), in one append. Every check on the path to each value passes, and each
    /// value is decrypted, before the append; the values are returned only when it
    /// succeeded: a failed append drops (and so zeroizes) them.
    pub fn read_recorded(
        &mut self,
        requests: &[ReadRequest<'_>],
        reason: Option<&str>,
        delivery: Option<AuditEvent>,
    ) -> Result<Vec<(u32, SecretBytes)>> {
        let mut planned = Vec::with_capacity(requests.len());
        for request in requests {
            planned.push(self.plan_read(request.name, request.selector)?);
        }
        let numbers: Vec<u32> = planned.iter().map(|plan| plan.number).collect();
        let mut events: Vec<AuditEvent> = requests
            .iter()
            .zip(&numbers)
            .map(|(request, number)| {
                let mut event = AuditEvent::new("read", Some(self.principal.as_str()))
                    .secret(request.name.as_str())
                    .version(*number)
                    .reason(reason);
                event.grant = request.grant.clone();
                if let Selector::Alias(alias) = request.selector {
                    event = event.alias(alias.as_str());
                }
                event
            })
            .collect();
        events.extend(delivery);
        let mut values = Vec::with_capacity(planned.len());
        for plan in &planned {
            let key = self.opened_keyring(&plan.keyring)?;
            values.push(seal::open_value(
                &self.vault.id,
                key,
                plan.name,
                plan.number,
                &plan.sealed,
            )?);
        }
        opened(&mut self.log, &self.audit_path)?.append_all(events)?;
        Ok(numbers.into_iter().zip(values).collect())
    }

    /// Every check before decrypting one version: the secret's MAC, the version's
    /// state, the keyring opened.
    fn plan_read<'a>(
        &mut self,
        name: &'a SecretName,
        selector: &Selector,
    ) -> Result<PlannedRead<'a>> {
        seal::verify_secret(&self.vault, name, &self.integrity)?;
        let secret = self.vault.secret(name)?;
        let (number, version) = secret.resolve(name, selector)?;
        let sealed = version
            .sealed
            .clone()
            .ok_or_else(|| Error::integrity(format!("Version {number} of '{name}' is active but has no ciphertext: the vault was altered.")))?;
        let keyring = secret.keyring.clone();
        self.keyring_key(&keyring)?;
        Ok(PlannedRead {
            name,
            number,
            sealed,
            keyring,
        })
    }

    /// Appends an event that changes nothing in the vault (a read); fails closed.
    pub fn record(&mut self, event: AuditEvent) -> Result<EventRef> {
        opened(&mut self.log, &self.audit_path)?.append(event)
    }

    /// Appends the event, then writes the vault with the touched secrets and the vault
    /// MAC resealed, so the vault always points at an event that is on disk.
    pub fn commit(&mut self, event: AuditEvent, touched: &[SecretName]) -> Result<EventRef> {
        self.commit_with(Vec::new(), event, touched)
    }

    /// `commit` for a command that changes many secrets at once (an import): `records`
    /// (one per secret) and the write's own event go to the log in one append.
    pub fn commit_with(
        &mut self,
        records: Vec<AuditEvent>,
        mut event: AuditEvent,
        touched: &[SecretName],
    ) -> Result<EventRef> {
        event.base = self.vault.audit.as_ref().map(|r| r.to_string());
        let mut events = records;
        events.push(event);
        let reference = opened(&mut self.log, &self.audit_path)?
            .append_all(events)?
            .pop()
            .ok_or_else(|| Error::other("No audit event was written."))?;
        for name in touched {
            if let Some(secret) = self.vault.secrets.get_mut(name) {
                secret.audit = reference.clone();
                seal::reseal_secret(&mut self.vault, name, &self.integrity)?;
            }
        }
        self.vault.audit = Some(reference.clone());
        seal::reseal_vault(&mut self.vault, &self.integrity);
        store::save_from(&self.vault_path, &self.vault, self.source.as_ref())?;
        Ok(reference)
    }

    /// Replaces the integrity key (after a principal is removed): rewraps it to every
    /// principal left, reseals it under every keyring and re-MACs every secret. The
    /// caller must hold every keyring.
    pub fn replace_integrity_key(&mut self) -> Result<()> {
        let key = IntegrityKey::generate();
        let mut principals = std::collections::BTreeMap::new();
        for (name, principal) in &self.vault.principals {
            principals.insert(
                name.clone(),
                seal::wrap_integrity_to(&principal.recipient, &key)?,
            );
        }
        let names: Vec<KeyringName> = self.vault.keyrings.keys().cloned().collect();
        let mut keyrings = std::collections::BTreeMap::new();
        for name in names {
            let vault_id = self.vault.id.clone();
            let keyring_key = self.keyring_key(&name)?;
            keyrings.insert(
                name.clone(),
                keyring_key.seal_integrity(&vault_id, &name, &key),
            );
        }
        self.vault.integrity.principals = principals;
        self.vault.integrity.keyrings = keyrings;
        self.integrity = key;
        let secrets: Vec<SecretName> = self.vault.secrets.keys().cloned().collect();
        for name in &secrets {
            seal::reseal_secret(&mut self.vault, name, &self.integrity)?;
        }
        Ok(())
    }

    /// Installs a freshly generated keyring key (re-keying) so later steps use it.
    pub fn install_keyring_key(&mut self, name: KeyringName, key: KeyringKey) {
        self.keyrings.insert(name, key);
    }
}

/// Finds the integrity key: through a keyring the principal can open (authenticated:
/// only keyring holders can seal it there), preferring `preferred`; else through the
/// age wrap addressed to the principal (for write-only principals).
pub fn authenticate(
    vault: &Vault,
    principal: &PrincipalName,
    identity: &Identity,
    preferred: Option<KeyringName>,
) -> Result<(IntegrityKey, HashMap<KeyringName, KeyringKey>)> {
    let mut candidates: Vec<KeyringName> = preferred.into_iter().collect();
    candidates.extend(
        vault
            .keyrings
            .iter()
            .filter(|(_, keyring)| keyring.wrapped.contains_key(principal))
            .map(|(name, _)| name.clone()),
    );
    let mut keyrings = HashMap::new();
    for name in candidates {
        if !vault.keyring(&name)?.wrapped.contains_key(principal) {
            continue;
        }
        let key = seal::open_keyring(vault, &name, principal, identity)?;
        let integrity = seal::integrity_key_via_keyring(vault, &name, &key)?;
        keyrings.insert(name, key);
        return Ok((integrity, keyrings));
    }
    Ok((
        seal::integrity_key_via_principal(vault, principal, identity)?,
        keyrings,
    ))
}

/// The session's audit log, opened on first use.
fn opened<'a>(log: &'a mut Option<AuditLog>, path: &std::path::Path) -> Result<&'a mut AuditLog> {
    match log {
        Some(log) => Ok(log),
        slot @ None => Ok(slot.insert(AuditLog::open(path)?)),
    }
}

/// What `read_recorded` decrypts once every check has passed.
struct PlannedRead<'a> {
    name: &'a SecretName,
    number: u32,
    sealed: crate::vault::model::SealedValue,
    keyring: KeyringName,
}

/// A log shorter than the vault's last recorded write was truncated or replaced.
/// Returns the log, opened, when the vault records a write.
fn check_log_not_behind(vault: &Vault, audit_path: &std::path::Path) -> Result<Option<AuditLog>> {
    let Some(recorded) = &vault.audit else {
        return Ok(None);
    };
    let mut log = AuditLog::open(audit_path)?;
    // A longer log of another vault would pass the length check below: line 0 names
    // the vault the log belongs to.
    if log.first_vault_id()?.as_deref() != Some(vault.id.as_str()) {
        return Err(Error::integrity(format!(
            "The audit log {} belongs to another vault (its line 0 names another vault id): it was replaced.",
            audit_path.display()
        )));
    }
    let tail = log.tail()?;
    let behind = match &tail {
        None => true,
        Some(tail) => {
            tail.seq < recorded.seq || (tail.seq == recorded.seq && tail.hash != recorded.hash)
        }
    };
    if behind {
        return Err(Error::integrity(format!(
            "The audit log {} ends before the vault's last recorded write (seq {}): it was truncated or replaced. `tresor audit verify` shows more.",
            audit_path.display(),
            recorded.seq
        )));
    }
    Ok(Some(log))
}
