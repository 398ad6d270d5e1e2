//! Who may do what, as the vault's cryptography needs it: who administers, who may
//! read a path (its reader set: the principals some rule lets read it after deny
//! rules, the admins, and those `[break_glass]` lets open a grant on it). A secret's
//! data keys are sealed, through a keyring, to exactly its reader set.

use super::decide::{Request, decide};
use super::{Action, Policy};
use crate::vault::PrincipalName;
use std::collections::BTreeSet;

/// Whether the policy lets `principal` do `action` on `path`, requirements such as a
/// reason taken as met (they are checked when a command runs, not here).
pub fn allowed(policy: &Policy, principal: &PrincipalName, action: Action, path: &str) -> bool {
    let request = Request {
        principal,
        action,
        secret: Some(path),
        has_reason: true,
        has_ticket: true,
    };
    decide(policy, &request).is_allowed()
}

/// Whether `principal` administers the vault: principals, policy, keyrings.
pub fn administers(policy: &Policy, principal: &PrincipalName) -> bool {
    let request = Request {
        principal,
        action: Action::Admin,
        secret: None,
        has_reason: true,
        has_ticket: true,
    };
    decide(policy, &request).is_allowed()
}

/// Whether `principal` may read `path` by some rule or open a break-glass grant on it.
pub fn may_read(policy: &Policy, principal: &PrincipalName, path: &str) -> bool {
    allowed(policy, principal, Action::Read, path) || may_break_glass(policy, principal, path)
}

pub fn may_break_glass(policy: &Policy, principal: &PrincipalName, path: &str) -> bool {
    policy.break_glass.as_ref().is_some_and(|break_glass| {
        break_glass
            .who
            .iter()
            .any(|subject| policy.names(subject, principal))
            && break_glass.on.iter().any(|glob| glob.is_match(path))
    })
}

/// Whether `[break_glass]` names `principal` at all.
pub fn may_break_glass_somewhere(policy: &Policy, principal: &PrincipalName) -> bool {
    policy.break_glass.as_ref().is_some_and(|break_glass| {
        break_glass
            .who
            .iter()
            .any(|subject| policy.names(subject, principal))
    })
}

/// The reader set of `path` among `principals`: who must be able to decrypt it.
pub fn readers<'a>(
    policy: &Policy,
    principals: impl IntoIterator<Item = &'a PrincipalName>,
    path: &str,
) -> BTreeSet<PrincipalName> {
    principals
        .into_iter()
        .filter(|principal| administers(policy, principal) || may_read(policy, principal, path))
        .cloned()
        .collect()
}
