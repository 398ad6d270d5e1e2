//! Rotation that reaches the system a secret is a login of (DESIGN.md section 12): a
//! plan stored with the secret, a journal of steps that a crash can resume or abort,
//! and the `Target` each system implements (PostgreSQL first).
//!
//! A dual-role rotation keeps two logins alive through an overlap: the new
//! `FAMILY_vN` is created, proven and made current while the previous one still
//! works, and is dropped after. A lease is a login `FAMILY_l<id>` whose password the
//! database itself stops accepting at its end.

mod encoding;
mod findings;
mod journal;
#[cfg(test)]
mod journal_model;
#[cfg(test)]
mod journal_tests;
mod lease;
mod leaser;
mod password;
mod plan;
pub mod postgres;
mod role;
mod runner;
mod steps;

pub use encoding::{check_record, encode, render};
pub use findings::findings;
pub use journal::Rotation;
pub use lease::{Lease, encode as lease_encode, refuse_with_leases, render_leases};
pub use leaser::Leaser;
pub use password::Password;
pub use plan::{RotationPlan, System, refuse_as_admin_of_plans};
pub use role::{LeaseId, Member, RoleFamily, RoleName};
pub use runner::{Outcome, Runner, plan_of_vault};
pub use steps::{Action, Entry, Phase, Resume, Step};

use crate::error::{Error, Result};
use crate::time::Timestamp;

/// A role of a family as the system lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedRole {
    pub name: RoleName,
    pub member: Member,
    /// When its password stops working, if ever.
    pub valid_until: Option<Timestamp>,
}

/// What a system must do for tresor to rotate and lease its logins. Every call is
/// safe to repeat after a crash: dropping a role that is gone succeeds.
pub trait Target {
    /// Creates `role`, a login with `password`, a member of `group`.
    fn create_login(
        &mut self,
        role: &RoleName,
        password: &Password,
        group: Option<&RoleName>,
    ) -> Result<()>;

    /// Creates `role` like `create_login`, its password valid until `until` only.
    fn create_lease(
        &mut self,
        role: &RoleName,
        password: &Password,
        group: Option<&RoleName>,
        until: Timestamp,
    ) -> Result<()>;

    /// Logs in as `role` with `password` and checks it holds the privileges of `group`.
    fn prove_login(
        &mut self,
        role: &RoleName,
        password: &Password,
        group: Option<&RoleName>,
    ) -> Result<()>;

    /// Ends `role`'s logins and sessions and drops it; a role that is gone is fine.
    fn drop_role(&mut self, role: &RoleName) -> Result<()>;

    /// Every role of `family` (versions and leases), by name.
    fn list_family(&mut self, family: &RoleFamily) -> Result<Vec<ListedRole>>;
}

/// Carries out the system's part of `step` (the vault's part is the caller's, as is
/// recording the step). `password` is the new login's, needed by `CreateRole` and
/// `ProveLogin`, which a running rotation has in hand.
pub fn act(
    target: &mut dyn Target,
    plan: &RotationPlan,
    rotation: &Rotation,
    step: Step,
    password: Option<&Password>,
) -> Result<()> {
    let group = plan.group.as_ref();
    let Some(role) = step.role(rotation) else {
        return Ok(());
    };
    let lost = || {
        Error::other(format!(
            "The password of {role} is not at hand (the process that made it ended): resume the rotation, which starts it over."
        ))
    };
    match step {
        Step::CreateRole => target.create_login(role, password.ok_or_else(lost)?, group),
        Step::ProveLogin => target.prove_login(role, password.ok_or_else(lost)?, group),
        Step::DropOld | Step::DropNew => target.drop_role(role),
        Step::StorePending | Step::Promote => Ok(()),
    }
}
