//! Making, revoking and sweeping leases: each a vault write and a database call, in
//! the order that never leaves a login the vault does not know. A lease is recorded
//! before its login is made (a failure removes the record again), and its login is
//! dropped before its record is removed.

use super::Target;
use super::lease::Lease;
use super::password::Password;
use super::plan::RotationPlan;
use super::role::{LeaseId, Member};
use super::runner::{connect, login_uri, plan_of_vault};
use crate::audit::AuditEvent;
use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::session::Session;
use crate::time::Timestamp;
use crate::vault::SecretName;
use std::collections::BTreeMap;
use std::time::Duration;

/// One admin connection per admin secret, opened on first use.
struct Connection {
    admin_uri: SecretBytes,
    target: Box<dyn Target>,
}

pub struct Leaser<'s> {
    session: &'s mut Session,
    reason: Option<String>,
    connections: BTreeMap<SecretName, Connection>,
}

impl<'s> Leaser<'s> {
    pub fn new(session: &'s mut Session, reason: Option<&str>) -> Leaser<'s> {
        Leaser {
            session,
            reason: reason.map(str::to_string),
            connections: BTreeMap::new(),
        }
    }

    fn connection(&mut self, plan: &RotationPlan, name: &SecretName) -> Result<&mut Connection> {
        if !self.connections.contains_key(&plan.admin) {
            let (admin_uri, target) = connect(self.session, plan, name, self.reason.as_deref())?;
            let connection = Connection { admin_uri, target };
            self.connections.insert(plan.admin.clone(), connection);
        }
        self.connections
            .get_mut(&plan.admin)
            .ok_or_else(|| Error::other("The admin connection vanished."))
    }

    /// A new lease of `name` for `ttl`: its id, its record and its login's URI.
    pub fn lease(
        &mut self,
        name: &SecretName,
        ttl: Duration,
    ) -> Result<(LeaseId, Lease, SecretBytes)> {
        let plan = plan_of_vault(self.session.vault(), name)?;
        let reason = self.reason.clone();
        if self
            .session
            .authorize(Action::Read, Some(name), reason.as_deref())?
            .is_some()
        {
            return Err(Error::denied(format!(
                "'{}' reads '{name}' only under a break-glass grant, which makes no lease; a rule must let it read '{name}'.",
                self.session.principal
            )));
        }
        self.connection(&plan, name)?;
        let id = LeaseId::generate();
        let now = Timestamp::now();
        let lease = Lease {
            secret: name.clone(),
            role: plan.family.lease(&id),
            principal: self.session.principal.clone(),
            created: now,
            expires: now.plus(ttl),
        };
        let password = Password::generate()?;
        let event = AuditEvent::new("lease", None)
            .secret(name.as_str())
            .target(lease.role.as_str())
            .detail(format!("until {}", lease.expires))
            .reason(reason.as_deref());
        let mut write = self.session.write(event)?;
        write.open_lease(id.clone(), lease.clone(), reason.as_deref())?;
        write.commit()?;
        let connection = self.connection(&plan, name)?;
        let made = connection.target.create_lease(
            &lease.role,
            &password,
            plan.group.as_ref(),
            lease.expires,
        );
        if let Err(err) = made {
            // Nothing was made in the database: the record goes too.
            let _ = self.forget(&id, "its login could not be made");
            return Err(err);
        }
        let uri = login_uri(&plan, &connection.admin_uri, &lease.role, &password)?;
        Ok((id, lease, uri))
    }

    /// Drops lease `id`'s login, then its record.
    pub fn revoke(&mut self, id: &LeaseId) -> Result<Lease> {
        let lease = self.session.vault().lease(id)?.clone();
        if lease.principal != self.session.principal {
            let reason = self.reason.clone();
            self.session
                .authorize(Action::Rotate, Some(&lease.secret), reason.as_deref())?;
        }
        let plan = plan_of_vault(self.session.vault(), &lease.secret)?;
        self.connection(&plan, &lease.secret)?
            .target
            .drop_role(&lease.role)?;
        self.forget(id, "revoked")?;
        Ok(lease)
    }

    fn forget(&mut self, id: &LeaseId, why: &str) -> Result<()> {
        let lease = self.session.vault().leases.get(id).cloned();
        let mut event = AuditEvent::new("lease_revoke", None)
            .detail(why)
            .reason(self.reason.as_deref());
        if let Some(lease) = &lease {
            event = event
                .secret(lease.secret.as_str())
                .target(lease.role.as_str());
        }
        let reason = self.reason.clone();
        let mut write = self.session.write(event)?;
        write.remove_lease(id, reason.as_deref())?;
        write.commit().map(drop)
    }

    /// Drops every expired lease the caller may remove, and the expired lease logins
    /// of the same families that no record names (left by an older copy of the vault).
    /// Returns the roles dropped and, per lease left, why.
    pub fn sweep(&mut self) -> Result<(Vec<String>, Vec<String>)> {
        let now = Timestamp::now();
        let expired: Vec<(LeaseId, Lease)> = self
            .session
            .vault()
            .leases
            .iter()
            .filter(|(_, lease)| lease.expired(now))
            .map(|(id, lease)| (id.clone(), lease.clone()))
            .collect();
        let (mut dropped, mut left) = (Vec::new(), Vec::new());
        let mut families = BTreeMap::new();
        for (id, lease) in expired {
            match self.revoke(&id) {
                Ok(lease) => {
                    dropped.push(lease.role.to_string());
                    if let Ok(plan) = plan_of_vault(self.session.vault(), &lease.secret) {
                        families.insert(plan.family.to_string(), (plan, lease.secret.clone()));
                    }
                }
                Err(err) => left.push(format!("{} ({}): {}", id, lease.secret, err.message())),
            }
        }
        for (plan, name) in families.into_values() {
            let family = plan.family.clone();
            let known: Vec<String> = self
                .session
                .vault()
                .leases
                .values()
                .map(|l| l.role.to_string())
                .collect();
            let target = &mut self.connection(&plan, &name)?.target;
            for role in target.list_family(&family)? {
                let stale = matches!(role.member, Member::Lease(_))
                    && role.valid_until.is_some_and(|until| until <= now)
                    && !known.contains(&role.name.to_string());
                if stale {
                    target.drop_role(&role.name)?;
                    dropped.push(role.name.to_string());
                }
            }
        }
        Ok((dropped, left))
    }
}
