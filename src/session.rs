//! One command's hold on the vault: the lock, the vault verified against its signed
//! history, and — for a principal — the keys it opened. Reads are recorded in this
//! machine's read log before a value is released; every change goes through one
//! `Write` (see `write`) that authorizes, applies, signs and records it as a whole.

mod write;

pub use write::Write;

use crate::audit::{AuditEvent, AuditLog};
use crate::context::Context;
use crate::crypto::SecretBytes;
use crate::crypto::sign::SigningKey;
use crate::error::{Error, ErrorKind, Result};
use crate::fs::{LockMode, VaultLock};
use crate::identity::Identity;
use crate::policy::Action;
use crate::policy::decide::{Decision, Request, decide, describe};
use crate::policy::readers::may_break_glass;
use crate::time::Timestamp;
use crate::trust;
use crate::vault::digest::RecordKey;
use crate::vault::seal::{self, KeyringKey};
use crate::vault::store::{Scope, Source};
use crate::vault::{KeyringName, PrincipalName, SecretName, Selector, Vault, store};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The vault loaded under the lock and verified with public keys alone: what anyone
/// holding the file and its log may rely on (names, owners, versions, policy). Only
/// the secrets of its `Scope` are loaded and verified.
pub struct View {
    pub vault_path: PathBuf,
    pub audit_path: PathBuf,
    pub vault: Vault,
    /// The root's fingerprint.
    pub root: String,
    /// The digest of every record loaded and of the trust state as verified, to tell
    /// what a write changed.
    verified: BTreeMap<RecordKey, String>,
    verified_trust: String,
    /// The log's length and last line as verified.
    log_tail: (u64, crate::audit::EventRef),
    source: Source,
    /// Whether the lock is exclusive, so a write may follow.
    writable: bool,
    syslog: crate::audit::syslog::Forwarding,
    output: crate::output::Output,
    _lock: Option<VaultLock>,
}

impl View {
    /// The whole vault, locked for a write.
    pub fn open(ctx: &Context) -> Result<Self> {
        Self::open_as(ctx, Scope::All, LockMode::Exclusive)
    }

    /// The secrets of `scope`, locked for a write.
    pub fn open_scoped(ctx: &Context, scope: Scope) -> Result<Self> {
        Self::open_as(ctx, scope, LockMode::Exclusive)
    }

    /// The secrets of `scope`, sharing the vault with other readers.
    pub fn read(ctx: &Context, scope: Scope) -> Result<Self> {
        Self::open_as(ctx, scope, LockMode::Shared)
    }

    fn open_as(ctx: &Context, scope: Scope, mode: LockMode) -> Result<Self> {
        let vault_path = ctx.vault_path()?;
        let audit_path = ctx.audit_path(&vault_path);
        let lock = lock_unless_read_only(ctx, &vault_path, mode)?;
        let (vault, source) = store::load(&vault_path, scope)?;
        let verified = trust::verify(
            &vault,
            &audit_path,
            ctx.expect_root.as_deref(),
            trust::From::Pin,
            &source.scope,
        )?;
        for warning in &verified.warnings {
            ctx.output.warn(warning);
        }
        let verified_trust = crate::vault::digest::trust(&vault.id, &vault.trust);
        Ok(View {
            vault_path,
            audit_path,
            vault,
            root: verified.root,
            verified: verified.digests,
            log_tail: verified.tail,
            verified_trust,
            source,
            writable: mode == LockMode::Exclusive,
            syslog: ctx.syslog.clone(),
            output: ctx.output,
            _lock: lock,
        })
    }

    /// Which secrets were loaded.
    pub fn scope(&self) -> &Scope {
        &self.source.scope
    }

    /// Saves a change outside the records a `Write` signs (a request to join, which
    /// its requester signs): the head and the trust state, no secret.
    pub fn save(&mut self) -> Result<()> {
        if !self.writable {
            return Err(Error::other(
                "A vault opened to read was to be saved; this is a bug in tresor, and nothing was written.",
            ));
        }
        store::save(
            &self.vault_path,
            &self.vault,
            &self.source,
            &std::collections::BTreeSet::new(),
        )?;
        self.source.refresh(&self.vault_path, &self.vault)
    }

    /// Sends audit lines just written to the system log when the environment or the
    /// policy asks for it; a system log out of reach is a warning (the lines are in
    /// their log, which is the record), never a failure.
    pub fn forward(&self, lines: &[u8]) {
        if let Err(why) = self.syslog.forward(self.vault.policy().audit.syslog, lines) {
            self.output.warn(&why);
        }
    }
}

/// The vault lock; `None` in a read-only checkout, which cannot hold a lock file.
/// Reading is still safe there because every write replaces the vault atomically, and
/// a write fails there anyway.
fn lock_unless_read_only(
    ctx: &Context,
    vault_path: &Path,
    mode: LockMode,
) -> Result<Option<VaultLock>> {
    match VaultLock::acquire_as(vault_path, ctx.lock_timeout, mode) {
        Ok(lock) => Ok(Some(lock)),
        Err(err) if err.kind() == ErrorKind::Other && !writable_folder(vault_path) => Ok(None),
        Err(err) => Err(err),
    }
}

fn writable_folder(path: &Path) -> bool {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::metadata(folder).is_ok_and(|m| !m.permissions().readonly())
        && tempfile::tempfile_in(folder).is_ok()
}

/// Where this machine records reads and denials of a vault: outside the work tree, so
/// reading never changes a tracked file.
pub fn read_log_path(vault_id: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TRESOR_READ_LOG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let plain = vault_id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    directories::ProjectDirs::from("", "", "tresor")
        .filter(|_| plain && !vault_id.is_empty())
        .map(|dirs| {
            dirs.data_dir()
                .join("reads")
                .join(format!("{vault_id}.jsonl"))
        })
}

/// The vault opened by a principal, with its identity.
pub struct Session {
    pub view: View,
    pub principal: PrincipalName,
    identity: Identity,
    /// The principal's signing key, derived when a write starts (a read needs none)
    /// and only if the vault knows the principal by that key.
    signer: Option<SigningKey>,
    keyrings: HashMap<KeyringName, KeyringKey>,
    reads: Option<AuditLog>,
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
    /// locks, loads and verifies the vault, and finds the principal.
    pub fn open(ctx: &Context) -> Result<Self> {
        Self::with_view(ctx, View::open)
    }

    /// A session over the secrets of `scope`, locked for a write.
    pub fn open_scoped(ctx: &Context, scope: Scope) -> Result<Self> {
        Self::with_view(ctx, |ctx| View::open_scoped(ctx, scope))
    }

    /// A session over the secrets of `scope` that only reads, sharing the vault.
    pub fn read(ctx: &Context, scope: Scope) -> Result<Self> {
        Self::with_view(ctx, |ctx| View::read(ctx, scope))
    }

    fn with_view(ctx: &Context, open: impl FnOnce(&Context) -> Result<View>) -> Result<Self> {
        let identity = ctx.identity()?;
        let view = open(ctx)?;
        let recipient = identity.recipient().to_string();
        let principal = view
            .vault
            .principal_with_recipient(&recipient)
            .cloned()
            .ok_or_else(|| {
                Error::no_identity(format!(
                    "The identity in use ({recipient}) is not a principal of the vault {}; an admin can add it with `tresor recipient add NAME {recipient} {}`.",
                    view.vault_path.display(),
                    identity.signing_key().public()
                ))
            })?;
        Ok(Session {
            view,
            principal,
            identity,
            signer: None,
            keyrings: HashMap::new(),
            reads: None,
        })
    }

    pub fn vault(&self) -> &Vault {
        &self.view.vault
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
        let policy = self.view.vault.policy();
        let request = Request {
            principal: &self.principal,
            action,
            secret: secret.map(SecretName::as_str),
            has_reason: reason.is_some_and(|r| !r.trim().is_empty()),
            has_ticket: false,
        };
        let (rule, why) = match decide(policy, &request) {
            Decision::Allow { .. } => return Ok(None),
            Decision::Deny { rule, why } => (rule, why),
        };
        if action == Action::Read
            && let Some(name) = secret
            && let Some(grant) = self.grant_covering(name)
        {
            return Ok(Some(grant));
        }
        let decided_by = rule
            .map(|index| format!(" [{}]", describe(policy, index)))
            .unwrap_or_default();
        let target = secret.map_or("the vault".to_string(), |name| format!("'{name}'"));
        let mut event = AuditEvent::new("deny", Some(self.principal.as_str()))
            .reason(reason)
            .detail(why.clone());
        event.action = Some(action.to_string());
        event.decision = Some("deny".to_string());
        event.secret = secret.map(|name| name.to_string());
        self.record(vec![event])?;
        Err(Error::denied(format!(
            "'{}' may not {action} {target}: {why}{decided_by}.",
            self.principal
        )))
    }

    /// An open grant of this principal that covers `name`, if the policy still allows
    /// break-glass there.
    fn grant_covering(&self, name: &SecretName) -> Option<String> {
        let now = Timestamp::now();
        let vault = &self.view.vault;
        if !may_break_glass(vault.policy(), &self.principal, name.as_str()) {
            return None;
        }
        vault
            .grants
            .iter()
            .find(|(_, grant)| grant.covers(&self.principal, name.as_str(), now))
            .map(|(id, _)| id.clone())
    }

    /// Opens (once) the keyring `name` with the caller's identity.
    pub fn keyring_key(&mut self, name: &KeyringName) -> Result<&KeyringKey> {
        if !self.keyrings.contains_key(name) {
            let key = seal::open_keyring(&self.view.vault, name, &self.principal, &self.identity)?;
            self.keyrings.insert(name.clone(), key);
        }
        self.keyrings
            .get(name)
            .ok_or_else(|| Error::other(format!("The keyring '{name}' could not be opened.")))
    }

    /// A keyring opened by `keyring_key`.
    pub fn opened(&self, name: &KeyringName) -> Result<&KeyringKey> {
        self.keyrings
            .get(name)
            .ok_or_else(|| Error::other(format!("The keyring '{name}' is not open.")))
    }

    /// Installs a keyring key this command made, so later steps need not open it.
    pub fn install_keyring_key(&mut self, name: KeyringName, key: KeyringKey) {
        self.keyrings.insert(name, key);
    }

    /// Reads the versions `requests` name and records their `read` events (with
    /// `reason`), then `delivery` (the event of the command they are read for, if
    /// any), in one append to this machine's read log. Every check on the path to each
    /// value passes, and each value is decrypted, before the append; the values are
    /// returned only when it succeeded: a failed append drops (and so zeroizes) them.
    pub fn read_recorded(
        &mut self,
        requests: &[ReadRequest<'_>],
        reason: Option<&str>,
        delivery: Option<AuditEvent>,
    ) -> Result<Vec<(u32, SecretBytes)>> {
        let mut events = Vec::with_capacity(requests.len() + 1);
        let mut values = Vec::with_capacity(requests.len());
        for request in requests {
            let name = request.name;
            let secret = self.view.vault.secret(name)?;
            let (number, version) = secret.resolve(name, request.selector)?;
            let sealed = version.sealed.clone().ok_or_else(|| {
                Error::integrity(format!(
                    "Version {number} of '{name}' is active but has no ciphertext: the vault was altered."
                ))
            })?;
            let vault_id = self.view.vault.id.clone();
            let key = self.keyring_key(&sealed.keyring)?;
            values.push((
                number,
                seal::open_value(&vault_id, key, name, number, &sealed)?,
            ));
            let mut event = AuditEvent::new("read", Some(self.principal.as_str()))
                .secret(name.as_str())
                .version(number)
                .reason(reason);
            event.grant = request.grant.clone();
            if let Selector::Alias(alias) = request.selector {
                event = event.alias(alias.as_str());
            }
            events.push(event);
        }
        events.extend(delivery);
        self.record(events)?;
        Ok(values)
    }

    /// Appends events that change nothing in the vault (reads, denials) to this
    /// machine's read log, fsynced; fails closed.
    pub fn record(&mut self, mut events: Vec<AuditEvent>) -> Result<()> {
        for event in &mut events {
            event.vault = Some(self.view.vault.id.clone());
        }
        let log = match &mut self.reads {
            Some(log) => log,
            slot @ None => {
                let path = read_log_path(&self.view.vault.id).ok_or_else(|| {
                    Error::other(
                        "No data folder is known for this user, so reads cannot be recorded; set TRESOR_READ_LOG to a file.",
                    )
                })?;
                slot.insert(AuditLog::open_or_create(&path)?)
            }
        };
        let (_, lines) = log.append_lines(events, None)?;
        self.view.forward(&lines);
        Ok(())
    }

    /// Starts a change to the vault, recorded by `event` when it is committed.
    pub fn write(&mut self, event: AuditEvent) -> Result<Write<'_>> {
        if !self.view.writable {
            return Err(Error::other(
                "A write was started on a vault opened to read; this is a bug in tresor, and nothing was written.",
            ));
        }
        let signing = self.identity.signing_key();
        let registered = self
            .vault()
            .trust
            .principals
            .get(&self.principal)
            .and_then(|p| p.signing);
        if registered != Some(signing.public()) {
            return Err(Error::denied(format!(
                "'{}' has no signing key registered in the vault, so it cannot write; an admin registers it with `tresor recipient add {} {} {}`.",
                self.principal,
                self.principal,
                self.identity.recipient(),
                signing.public()
            )));
        }
        self.signer = Some(signing);
        Ok(Write::new(self, event))
    }
}
