//! A format-1 vault as read: principals, keyrings, the wrapped integrity key, and
//! secrets with their MACs. Read only, to be verified and upgraded.

use crate::audit::EventRef;
use crate::policy::Policy;
use crate::policy::grant::Grant;
use crate::time::Timestamp;
use crate::vault::secret::{Metadata, Version};
use crate::vault::{AliasName, KeyringName, PrincipalName, SecretName};
use std::collections::BTreeMap;

pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vault {
    pub id: String,
    pub audit: Option<EventRef>,
    pub principals: BTreeMap<PrincipalName, Principal>,
    pub keyrings: BTreeMap<KeyringName, Keyring>,
    pub integrity: IntegrityWraps,
    pub policy: Policy,
    pub grants: BTreeMap<String, Grant>,
    pub departed: BTreeMap<(PrincipalName, KeyringName), Timestamp>,
    pub requests: BTreeMap<PrincipalName, Request>,
    pub secrets: BTreeMap<SecretName, Secret>,
    pub mac: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub recipient: String,
    pub requested: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub recipient: String,
    pub added: Timestamp,
}

/// A keyring's age public key and its secret half wrapped to each principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyring {
    pub recipient: String,
    pub wrapped: BTreeMap<PrincipalName, String>,
}

/// The integrity key, wrapped with age to every principal and sealed under every keyring.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntegrityWraps {
    pub principals: BTreeMap<PrincipalName, String>,
    pub keyrings: BTreeMap<KeyringName, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub keyring: KeyringName,
    pub metadata: Metadata,
    /// Format 1 kept one expiry per secret; format 2 keeps it on each version.
    pub expires: Option<Timestamp>,
    pub created: Timestamp,
    pub aliases: BTreeMap<AliasName, u32>,
    pub versions: BTreeMap<u32, Version>,
    pub audit: EventRef,
    pub mac: String,
}

impl Vault {
    pub fn principal_with_recipient(&self, recipient: &str) -> Option<&PrincipalName> {
        self.principals
            .iter()
            .find(|(_, principal)| principal.recipient == recipient)
            .map(|(name, _)| name)
    }

    pub fn keyring(&self, name: &KeyringName) -> crate::Result<&Keyring> {
        self.keyrings.get(name).ok_or_else(|| {
            crate::Error::integrity(format!(
                "The format-1 vault names a keyring '{name}' it does not hold."
            ))
        })
    }
}
