//! The vault in memory (format 2): its root, its trust state (principals and policy),
//! keyrings that follow reader sets, grants, requests to join, and secrets. Plain
//! data; what is authentic is decided by `trust`, not here.

use super::name::{KeyringName, PrincipalName, SecretName};
use super::secret::Secret;
use crate::audit::EventRef;
use crate::crypto::sign;
use crate::error::{Error, Result};
use crate::policy::Policy;
use crate::policy::grant::Grant;
use crate::rotation::{Lease, LeaseId};
use crate::time::Timestamp;
use std::collections::{BTreeMap, BTreeSet};

pub const FORMAT: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vault {
    pub id: String,
    pub root: Root,
    /// The last write event applied to this file.
    pub head: EventRef,
    pub trust: Trust,
    pub keyrings: BTreeMap<KeyringName, Keyring>,
    /// Break-glass grants by id, open, expired or closed (kept for the record).
    pub grants: BTreeMap<String, Grant>,
    /// Requests to join, each signed by its requester's key. They grant nothing until
    /// an admin approves one by its key's fingerprint.
    pub requests: BTreeMap<PrincipalName, Request>,
    /// Live leases of planned secrets by id, each signed by its maker.
    pub leases: BTreeMap<LeaseId, Lease>,
    pub secrets: BTreeMap<SecretName, Secret>,
}

/// The vault's root: its id and its first admin's keys, signed by that admin. It never
/// changes; machines pin its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub admin: PrincipalName,
    pub recipient: String,
    pub signing: sign::PublicKey,
    pub created: Timestamp,
    pub sig: sign::Signature,
}

/// Who the principals are and what they may do. Every change is signed by an admin
/// of the trust state before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trust {
    pub principals: BTreeMap<PrincipalName, Principal>,
    pub policy: Policy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub recipient: String,
    /// Without one, the principal may read what it is granted but cannot write.
    pub signing: Option<sign::PublicKey>,
    pub added: Timestamp,
}

/// A keyring: a key pair whose public half seals data keys, and whose secret half is
/// wrapped with age to exactly its readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyring {
    pub public: String,
    pub readers: BTreeSet<PrincipalName>,
    pub wrapped: BTreeMap<PrincipalName, String>,
    /// Who made it: an admin, or the only author of the versions sealed to it.
    pub signer: PrincipalName,
    pub created: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub recipient: String,
    pub signing: sign::PublicKey,
    pub requested: Timestamp,
    pub sig: sign::Signature,
}

impl Vault {
    pub fn principal_with_recipient(&self, recipient: &str) -> Option<&PrincipalName> {
        self.trust
            .principals
            .iter()
            .find(|(_, principal)| principal.recipient == recipient)
            .map(|(name, _)| name)
    }

    pub fn policy(&self) -> &Policy {
        &self.trust.policy
    }

    pub fn secret(&self, name: &SecretName) -> Result<&Secret> {
        self.secrets
            .get(name)
            .ok_or_else(|| missing_secret_among(name, self.secrets.keys()))
    }

    pub fn secret_mut(&mut self, name: &SecretName) -> Result<&mut Secret> {
        if !self.secrets.contains_key(name) {
            return Err(missing_secret_among(name, self.secrets.keys()));
        }
        self.secrets
            .get_mut(name)
            .ok_or_else(|| missing_secret(name))
    }

    pub fn keyring(&self, name: &KeyringName) -> Result<&Keyring> {
        self.keyrings.get(name).ok_or_else(|| {
            Error::integrity(format!(
                "The vault names a keyring '{name}' it does not hold."
            ))
        })
    }

    pub fn lease(&self, id: &LeaseId) -> Result<&Lease> {
        self.leases.get(id).ok_or_else(|| {
            Error::not_found(format!("No lease '{id}'; `tresor lease list` shows them."))
        })
    }
}

pub fn missing_secret(name: &SecretName) -> Error {
    missing_secret_among(name, std::iter::empty())
}

/// "No secret named …", with the closest of `names` when one is close (a typo).
pub fn missing_secret_among<'a>(
    name: &SecretName,
    names: impl IntoIterator<Item = &'a SecretName>,
) -> Error {
    match closest(name.as_str(), names.into_iter().map(SecretName::as_str)) {
        Some(near) => Error::not_found(format!(
            "No secret named '{name}' in the vault; did you mean '{near}'? `tresor list` shows what there is."
        )),
        None => Error::not_found(format!(
            "No secret named '{name}' in the vault; `tresor list` shows what there is."
        ))
        .for_missing_secret(name.as_str()),
    }
}

/// The candidate most like `wanted`, if it is like it enough to be what was meant.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| {
            let score = if strsim::damerau_levenshtein(wanted, candidate) <= 1 {
                1.0
            } else {
                strsim::normalized_damerau_levenshtein(wanted, candidate)
            };
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn a_typo_finds_the_name_meant_and_nothing_else_does() {
        let names = ["prod/db/password", "prod/api/token", "dev/db/password"];
        assert_eq!(closest("prod/db/pasword", names), Some("prod/db/password"));
        assert_eq!(closest("prod/api/tokn", names), Some("prod/api/token"));
        assert_eq!(closest("staging/x", names), None);
        // A shared folder is not a likeness.
        assert_eq!(closest("prod/nope", names), None);
        assert_eq!(closest("x", []), None);
    }
}
