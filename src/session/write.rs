//! A change to the vault as one operation: every record it touches is authorized first
//! (a denial is recorded), the change is applied in memory, and `commit` derives what
//! changed from the records' digests, signs the event naming each change and the right
//! it used, appends it to the audit log and only then replaces the vault. A command
//! cannot change a record it was not authorized for, nor forget to sign or record.

use super::Session;
use crate::audit::{AuditEvent, AuditLog, Change, EventRef};
use crate::error::{Error, Result};
use crate::keyring;
use crate::policy::Action;
use crate::policy::grant::Grant;
use crate::rotation::{Lease, LeaseId};
use crate::trust::document::to_document;
use crate::vault::digest::{self, RecordKey};
use crate::vault::store::{self, Scope};
use crate::vault::{AliasName, Metadata, PrincipalName, Secret, SecretName, Vault};
use std::collections::{BTreeMap, BTreeSet};

pub struct Write<'s> {
    session: &'s mut Session,
    event: AuditEvent,
    /// The right each record may be changed with, as authorized.
    rights: BTreeMap<RecordKey, Action>,
    /// Authorized to administer: any record, and the trust state.
    admin: bool,
    /// When this write happens: what it creates is created then, so a new secret and
    /// its first version share one time (and the file states it once).
    now: crate::time::Timestamp,
}

impl<'s> Write<'s> {
    pub(super) fn new(session: &'s mut Session, event: AuditEvent) -> Self {
        Write {
            session,
            event,
            rights: BTreeMap::new(),
            admin: false,
            now: crate::time::Timestamp::now(),
        }
    }

    pub fn vault(&self) -> &Vault {
        &self.session.view.vault
    }

    pub fn principal(&self) -> &PrincipalName {
        &self.session.principal
    }

    pub fn session(&mut self) -> &mut Session {
        self.session
    }

    /// The event this write will record, to add detail to it.
    pub fn event(&mut self) -> &mut AuditEvent {
        &mut self.event
    }

    /// A secret outside what was loaded would look absent: refuse to act on it.
    fn in_scope(&self, name: &SecretName) -> Result<()> {
        if self.session.view.scope().covers(name.as_str()) {
            Ok(())
        } else {
            Err(Error::other(format!(
                "'{name}' was not loaded for this command; this is a bug in tresor, and nothing was written."
            )))
        }
    }

    /// Authorizes `action` on the secret `name` and returns it, to change.
    pub fn secret(
        &mut self,
        name: &SecretName,
        action: Action,
        reason: Option<&str>,
    ) -> Result<&mut Secret> {
        self.in_scope(name)?;
        self.session.vault().secret(name)?;
        self.session.authorize(action, Some(name), reason)?;
        self.rights.insert(RecordKey::secret(name), action);
        self.session.view.vault.secret_mut(name)
    }

    /// The record of `name`, which this write already authorized (`secret` or
    /// `create`), to change further under the same right.
    pub fn authorized(&mut self, name: &SecretName) -> Result<&mut Secret> {
        if !self.rights.contains_key(&RecordKey::secret(name)) && !self.admin {
            return Err(Error::other(format!(
                "'{name}' was to be changed before the right to change it was checked; this is a bug in tresor."
            )));
        }
        self.session.view.vault.secret_mut(name)
    }

    /// Authorizes creating the secret `name` and adds its empty record; `add_version`
    /// then gives it a value.
    pub fn create(
        &mut self,
        name: &SecretName,
        metadata: Metadata,
        reason: Option<&str>,
    ) -> Result<()> {
        self.in_scope(name)?;
        if self.session.vault().secrets.contains_key(name) {
            return Err(Error::other(format!(
                "The secret '{name}' already exists; add a version with `tresor rotate {name}`."
            )));
        }
        self.session.authorize(Action::Create, Some(name), reason)?;
        self.rights.insert(RecordKey::secret(name), Action::Create);
        self.session.view.vault.secrets.insert(
            name.clone(),
            Secret {
                metadata,
                created: self.now,
                aliases: BTreeMap::new(),
                versions: BTreeMap::new(),
                exposed: BTreeMap::new(),
                plan: None,
                journal: None,
            },
        );
        Ok(())
    }

    /// Seals `value` as the next version of `name` (authorized by `secret` or
    /// `create`) to the keyring of its reader set, and points `alias` at it.
    pub fn add_version(
        &mut self,
        name: &SecretName,
        value: &[u8],
        alias: &AliasName,
        expires: Option<crate::time::Timestamp>,
    ) -> Result<u32> {
        if !self.rights.contains_key(&RecordKey::secret(name)) && !self.admin {
            return Err(Error::other(format!(
                "A version of '{name}' was sealed before the right to change it was checked; this is a bug in tresor."
            )));
        }
        let keyring = keyring::for_writing(self, name)?;
        let vault = &self.session.view.vault;
        let number = vault.secret(name)?.latest_version() + 1;
        let sealed = crate::vault::seal::seal_value(
            &vault.id,
            keyring.clone(),
            vault.keyring(&keyring)?,
            name,
            number,
            value,
        )?;
        let author = self.session.principal.clone();
        let secret = self.session.view.vault.secret_mut(name)?;
        secret.add_version(author, self.now, expires, sealed);
        secret.set_alias(name, alias, number)?;
        Ok(number)
    }

    /// Records that a keyring was added by this write (a writer's own keyring for a
    /// reader set no admin made one for yet).
    pub(crate) fn made_keyring(&mut self, name: &crate::vault::KeyringName) {
        let right = if self.admin {
            Action::Admin
        } else {
            Action::Create
        };
        self.rights.insert(RecordKey::keyring(name), right);
    }

    /// Removes the record of `name`, whose right to destroy `secret` checked (`delete`).
    pub fn remove_secret(&mut self, name: &SecretName) -> Result<()> {
        if self.rights.get(&RecordKey::secret(name)) != Some(&Action::Destroy) && !self.admin {
            return Err(Error::other(format!(
                "'{name}' was to be removed before the right to destroy it was checked; this is a bug in tresor."
            )));
        }
        self.session.view.vault.secrets.remove(name);
        Ok(())
    }

    /// Authorizes making a lease of `lease.secret` (a rule must let the caller read it:
    /// a break-glass grant makes no lease) and adds it.
    pub fn open_lease(&mut self, id: LeaseId, lease: Lease, reason: Option<&str>) -> Result<()> {
        let name = lease.secret.clone();
        if self
            .session
            .authorize(Action::Read, Some(&name), reason)?
            .is_some()
        {
            return Err(Error::denied(format!(
                "'{}' reads '{name}' only under a break-glass grant, which makes no lease; a rule must let it read '{name}'.",
                self.session.principal
            )));
        }
        self.rights
            .insert(RecordKey::lease(&name, &id), Action::Read);
        self.session.view.vault.leases.insert(id, lease);
        Ok(())
    }

    /// Removes the lease `id`: its maker may, and so may whoever may rotate its secret.
    pub fn remove_lease(&mut self, id: &LeaseId, reason: Option<&str>) -> Result<Lease> {
        let lease = self.session.vault().lease(id)?.clone();
        let right = if lease.principal == self.session.principal {
            Action::Read
        } else {
            self.session
                .authorize(Action::Rotate, Some(&lease.secret), reason)?;
            Action::Rotate
        };
        self.rights
            .insert(RecordKey::lease(&lease.secret, id), right);
        self.session.view.vault.leases.remove(id);
        Ok(lease)
    }

    /// Authorizes administering the vault and returns it, whole.
    pub fn administer(&mut self, reason: Option<&str>) -> Result<&mut Vault> {
        if *self.session.view.scope() != Scope::All {
            return Err(Error::other(
                "An admin change was started on part of the vault; this is a bug in tresor, and nothing was written.",
            ));
        }
        self.session.authorize(Action::Admin, None, reason)?;
        self.admin = true;
        Ok(&mut self.session.view.vault)
    }

    /// Authorizes opening a break-glass grant (the caller checked it against
    /// `[break_glass]`) and adds it.
    pub fn open_grant(&mut self, id: &str, grant: Grant) -> Result<()> {
        if self.session.vault().grants.contains_key(id) {
            return Err(Error::other(format!("A grant '{id}' already exists.")));
        }
        self.rights.insert(RecordKey::grant(id), Action::BreakGlass);
        self.session.view.vault.grants.insert(id.to_string(), grant);
        Ok(())
    }

    /// Returns the grant `id` to close it: its own principal may, an admin may close any.
    pub fn grant(&mut self, id: &str, reason: Option<&str>) -> Result<&mut Grant> {
        let grant = self.session.vault().grants.get(id).ok_or_else(|| {
            Error::not_found(format!(
                "No grant '{id}'; `tresor break-glass list` shows them."
            ))
        })?;
        let right = if grant.principal == self.session.principal {
            Action::BreakGlass
        } else {
            self.session.authorize(Action::Admin, None, reason)?;
            Action::Admin
        };
        self.rights.insert(RecordKey::grant(id), right);
        self.session
            .view
            .vault
            .grants
            .get_mut(id)
            .ok_or_else(|| Error::other("The grant vanished while it was changed."))
    }

    /// Signs and appends the event naming every record that changed, then replaces the
    /// vault. A write that changed nothing writes nothing.
    pub fn commit(self) -> Result<Option<EventRef>> {
        let Write {
            session,
            mut event,
            rights,
            admin,
            now: _,
        } = self;
        let view = &mut session.view;
        let now = digest::records(&view.vault);
        let keys: BTreeSet<&RecordKey> = now.keys().chain(view.verified.keys()).collect();
        let mut changes = Vec::new();
        for key in keys {
            let digest = now.get(key);
            if digest == view.verified.get(key) {
                continue;
            }
            let action = rights
                .get(key)
                .copied()
                .or(admin.then_some(Action::Admin))
                .ok_or_else(|| {
                    Error::other(format!(
                        "The write changed {key} without the right to; this is a bug in tresor, and nothing was written."
                    ))
                })?;
            changes.push(Change {
                kind: key.kind.as_str().to_string(),
                key: key.key.clone(),
                action: action.to_string(),
                digest: digest.cloned(),
                via: None,
            });
        }
        let trust_changed = digest::trust(&view.vault.id, &view.vault.trust) != view.verified_trust;
        if trust_changed && !admin {
            return Err(Error::other(
                "The write changed the trust state without an admin's right; this is a bug in tresor, and nothing was written.",
            ));
        }
        if changes.is_empty() && !trust_changed {
            return Ok(None);
        }
        event.principal = Some(session.principal.to_string());
        event.vault = Some(view.vault.id.clone());
        event.base = Some(view.vault.head.to_string());
        event.changes = changes;
        event.trust = trust_changed.then(|| to_document(&view.vault.trust));
        let signer = session
            .signer
            .as_ref()
            .ok_or_else(|| Error::other("No signing key is loaded for this write."))?;
        let changed: BTreeSet<SecretName> = event
            .changes
            .iter()
            .filter(|change| change.kind == digest::Kind::Secret.as_str())
            .filter_map(|change| change.key.parse().ok())
            .collect();
        let (length, last) = view.log_tail.clone();
        let (references, lines) = AuditLog::open(&view.audit_path)?
            .known_to_end_at(length, last)
            .append_lines(vec![event], Some(signer))?;
        let reference = references
            .into_iter()
            .last()
            .ok_or_else(|| Error::other("No audit event was written."))?;
        view.log_tail = (length + lines.len() as u64, reference.clone());
        view.vault.head = reference.clone();
        store::save(&view.vault_path, &view.vault, &view.source, &changed)?;
        view.forward(&lines);
        view.source.refresh(&view.vault_path, &view.vault)?;
        view.verified = now;
        view.verified_trust = digest::trust(&view.vault.id, &view.vault.trust);
        // Pin the state just written, so an older copy put back is refused here at once.
        // The write is done: a pin that cannot be saved now is saved by the next command.
        let _ = crate::trust::verify(
            &view.vault,
            &view.audit_path,
            None,
            crate::trust::From::Pin,
            &store::Scope::none(),
        );
        Ok(Some(reference))
    }
}
