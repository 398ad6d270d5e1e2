//! Break-glass grants: a time-limited permission to read what the rules deny,
//! opened with a reason and a ticket, recorded in the vault and the audit log.

use super::glob::PathGlob;
use crate::time::Timestamp;
use crate::vault::PrincipalName;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub principal: PrincipalName,
    pub on: PathGlob,
    pub reason: String,
    pub ticket: String,
    pub opened: Timestamp,
    pub expires: Timestamp,
    pub closed: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantState {
    Open,
    Expired,
    Closed,
}

impl GrantState {
    pub fn as_str(self) -> &'static str {
        match self {
            GrantState::Open => "open",
            GrantState::Expired => "expired",
            GrantState::Closed => "closed",
        }
    }
}

impl Grant {
    pub fn state(&self, now: Timestamp) -> GrantState {
        if self.closed.is_some() {
            GrantState::Closed
        } else if now >= self.expires {
            GrantState::Expired
        } else {
            GrantState::Open
        }
    }

    /// Whether this grant lets `principal` read `secret` at `now`.
    pub fn covers(&self, principal: &PrincipalName, secret: &str, now: Timestamp) -> bool {
        self.state(now) == GrantState::Open
            && self.principal == *principal
            && self.on.is_match(secret)
    }
}

/// A new grant id: `g-` and 8 random hex digits.
pub fn new_id() -> String {
    format!(
        "g-{}",
        hex::encode(crate::crypto::keys::random_bytes::<4>())
    )
}
