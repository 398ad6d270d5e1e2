//! A lease: a login `FAMILY_l<id>` of a planned secret, made for one consumer, whose
//! password the database itself stops accepting at `expires` (`VALID UNTIL`). The
//! vault keeps one record per live lease, signed by its maker; revoking or sweeping
//! it drops the login and then the record, so the vault never forgets a login that
//! still exists.

use super::role::{LeaseId, RoleName};
use crate::crypto::mac::Canonical;
use crate::error::{Error, Result};
use crate::time::Timestamp;
use crate::vault::{PrincipalName, SecretName, Vault};
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// The planned secret it is a login of.
    pub secret: SecretName,
    pub role: RoleName,
    /// Who made it (the record's signer).
    pub principal: PrincipalName,
    pub created: Timestamp,
    pub expires: Timestamp,
}

impl Lease {
    pub fn expired(&self, now: Timestamp) -> bool {
        self.expires <= now
    }
}

/// Refuses to remove or move `name` while leases of it are recorded: their logins
/// would outlive the record that lets anyone revoke them.
pub fn refuse_with_leases(vault: &Vault, name: &SecretName, doing: &str) -> Result<()> {
    let live = vault.leases.values().filter(|l| l.secret == *name).count();
    if live == 0 {
        return Ok(());
    }
    Err(Error::conflict(format!(
        "'{name}' has {live} lease(s) whose logins would outlive it; revoke them first (`tresor lease list`, `tresor lease revoke ID`), then it can be {doing}."
    )))
}

/// What a lease record's digest covers.
pub fn encode(encoding: &mut Canonical, id: &LeaseId, lease: &Lease) {
    encoding
        .text(id.as_str())
        .text(lease.secret.as_str())
        .text(lease.role.as_str())
        .text(lease.principal.as_str())
        .time(lease.created)
        .time(lease.expires);
}

/// The leases as the vault file holds them: `[leases.ID]` tables. Every value is a
/// name or a time: plain ASCII with no quote or backslash.
pub fn render_leases(out: &mut String, leases: &BTreeMap<LeaseId, Lease>) {
    for (id, lease) in leases {
        let _ = write!(
            out,
            "\n[leases.{id}]\nsecret = \"{}\"\nrole = \"{}\"\nprincipal = \"{}\"\ncreated = \"{}\"\nexpires = \"{}\"\n",
            lease.secret, lease.role, lease.principal, lease.created, lease.expires
        );
    }
}
