//! What each part of a format-2 vault commits to: a canonical, length-prefixed
//! encoding and its SHA-256. Events in the audit log name these digests and are signed
//! by their writers, so a record is authentic when its digest is the one the last
//! signed change of it named. Every encoding starts with its domain and the vault id,
//! so a record never verifies in another place or another vault.

use super::model::{Keyring, Request, Root, Trust, Vault};
use super::name::{KeyringName, PrincipalName, SecretName};
use super::secret::Secret;
use crate::crypto::mac::Canonical;
use crate::policy::grant::Grant;
use crate::rotation::{Lease, LeaseId};
use std::collections::BTreeMap;
use std::fmt;

/// The kinds of record a change names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Keyring,
    Grant,
    /// Kept in the head with keyrings and grants, so it sorts before the secrets.
    Lease,
    Secret,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Keyring => "keyring",
            Kind::Grant => "grant",
            Kind::Secret => "secret",
            Kind::Lease => "lease",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        match text {
            "keyring" => Some(Kind::Keyring),
            "grant" => Some(Kind::Grant),
            "secret" => Some(Kind::Secret),
            "lease" => Some(Kind::Lease),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record by kind and key (a secret's name, a keyring's or a grant's id).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey {
    pub kind: Kind,
    pub key: String,
}

impl RecordKey {
    pub fn secret(name: &SecretName) -> Self {
        RecordKey {
            kind: Kind::Secret,
            key: name.to_string(),
        }
    }

    pub fn keyring(name: &KeyringName) -> Self {
        RecordKey {
            kind: Kind::Keyring,
            key: name.to_string(),
        }
    }

    pub fn grant(id: &str) -> Self {
        RecordKey {
            kind: Kind::Grant,
            key: id.to_string(),
        }
    }

    /// A lease by its secret and id, `NAME@ID`: the right to make one depends on the
    /// secret, so its key names it.
    pub fn lease(secret: &SecretName, id: &LeaseId) -> Self {
        RecordKey {
            kind: Kind::Lease,
            key: format!("{secret}@{id}"),
        }
    }

    /// The secret and id of a lease's key.
    pub fn lease_parts(&self) -> Option<(SecretName, LeaseId)> {
        let (secret, id) = self.key.rsplit_once('@')?;
        Some((secret.parse().ok()?, id.parse().ok()?))
    }
}

impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} '{}'", self.kind, self.key)
    }
}

/// The bytes the root's signature covers.
pub fn root_encoding(id: &str, root: &Root) -> Canonical {
    let mut encoding = Canonical::new("tresor/v2/root");
    encoding
        .text(id)
        .text(root.admin.as_str())
        .text(&root.recipient)
        .text(&root.signing.to_string())
        .time(root.created);
    encoding
}

/// The root's fingerprint: what machines pin for the vault id.
pub fn root_fingerprint(id: &str, root: &Root) -> String {
    let mut encoding = root_encoding(id, root);
    encoding.text(&root.sig.to_string());
    format!("SHA256:{}", &encoding.digest()[..32])
}

pub fn trust(id: &str, trust: &Trust) -> String {
    let mut encoding = Canonical::new("tresor/v2/trust");
    encoding.text(id).number(trust.principals.len() as u64);
    for (name, principal) in &trust.principals {
        encoding
            .text(name.as_str())
            .text(&principal.recipient)
            .optional(principal.signing.map(|key| key.to_string()).as_deref())
            .time(principal.added);
    }
    encoding.text(&crate::policy::document::render(&trust.policy));
    encoding.digest()
}

pub fn keyring(id: &str, name: &KeyringName, keyring: &Keyring) -> String {
    let mut encoding = Canonical::new("tresor/v2/keyring");
    encoding
        .text(id)
        .text(name.as_str())
        .text(&keyring.public)
        .text(keyring.signer.as_str())
        .time(keyring.created)
        .number(keyring.readers.len() as u64);
    for reader in &keyring.readers {
        encoding.text(reader.as_str());
    }
    encoding.number(keyring.wrapped.len() as u64);
    for (principal, wrapped) in &keyring.wrapped {
        encoding.text(principal.as_str()).text(wrapped);
    }
    encoding.digest()
}

pub fn grant(id: &str, grant_id: &str, grant: &Grant) -> String {
    let mut encoding = Canonical::new("tresor/v2/grant");
    encoding
        .text(id)
        .text(grant_id)
        .text(grant.principal.as_str())
        .text(grant.on.as_str())
        .text(&grant.reason)
        .text(&grant.ticket)
        .time(grant.opened)
        .time(grant.expires)
        .optional_time(grant.closed);
    encoding.digest()
}

pub fn lease(id: &str, lease_id: &LeaseId, lease: &Lease) -> String {
    let mut encoding = Canonical::new("tresor/v2/lease");
    encoding.text(id);
    crate::rotation::lease_encode(&mut encoding, lease_id, lease);
    encoding.digest()
}

pub fn secret(id: &str, name: &SecretName, secret: &Secret) -> String {
    let meta = &secret.metadata;
    let mut encoding = Canonical::new("tresor/v2/secret");
    encoding
        .text(id)
        .text(name.as_str())
        .optional(meta.owner.as_deref())
        .optional(meta.description.as_deref())
        .optional(meta.rotate_every.as_deref())
        .number(meta.tags.len() as u64);
    for (key, value) in &meta.tags {
        encoding.text(key).text(value);
    }
    encoding
        .time(secret.created)
        .number(secret.aliases.len() as u64);
    for (alias, number) in &secret.aliases {
        encoding.text(alias.as_str()).number((*number).into());
    }
    encoding.number(secret.exposed.len() as u64);
    for (principal, when) in &secret.exposed {
        encoding.text(principal.as_str()).time(*when);
    }
    encoding.number(secret.versions.len() as u64);
    for (number, version) in &secret.versions {
        encoding
            .number((*number).into())
            .text(version.state.as_str())
            .time(version.created)
            .text(version.author.as_str())
            .optional_time(version.expires);
        match &version.sealed {
            None => encoding.field(b"\0gone"),
            Some(sealed) => encoding
                .field(b"\0sealed")
                .text(sealed.keyring.as_str())
                .text(&sealed.dek)
                .text(&sealed.value),
        };
    }
    // Appended only when present, so a secret without a plan keeps the digest it had.
    if secret.plan.is_some() || secret.journal.is_some() {
        encoding.field(b"\0rotation");
        crate::rotation::encode(&mut encoding, secret.plan.as_ref(), secret.journal.as_ref());
    }
    encoding.digest()
}

/// The bytes a request's signature covers: its requester's own key signs them.
pub fn request_encoding(id: &str, name: &PrincipalName, request: &Request) -> Canonical {
    let mut encoding = Canonical::new("tresor/v2/request");
    encoding
        .text(id)
        .text(name.as_str())
        .text(&request.recipient)
        .text(&request.signing.to_string())
        .time(request.requested);
    encoding
}

/// The digest of every record of `vault`, by key.
pub fn records(vault: &Vault) -> BTreeMap<RecordKey, String> {
    let id = &vault.id;
    let keyrings = vault
        .keyrings
        .iter()
        .map(|(name, k)| (RecordKey::keyring(name), keyring(id, name, k)));
    let grants = vault
        .grants
        .iter()
        .map(|(grant_id, g)| (RecordKey::grant(grant_id), grant(id, grant_id, g)));
    let secrets = vault
        .secrets
        .iter()
        .map(|(name, s)| (RecordKey::secret(name), secret(id, name, s)));
    let leases = vault.leases.iter().map(|(lease_id, l)| {
        (
            RecordKey::lease(&l.secret, lease_id),
            lease(id, lease_id, l),
        )
    });
    keyrings
        .chain(grants)
        .chain(secrets)
        .chain(leases)
        .collect()
}

/// The digest of one record of `vault`, or `None` when the vault has no such record.
pub fn record(vault: &Vault, key: &RecordKey) -> Option<String> {
    let id = &vault.id;
    match key.kind {
        Kind::Keyring => {
            let name: KeyringName = key.key.parse().ok()?;
            vault.keyrings.get(&name).map(|k| keyring(id, &name, k))
        }
        Kind::Grant => vault.grants.get(&key.key).map(|g| grant(id, &key.key, g)),
        Kind::Secret => {
            let name: SecretName = key.key.parse().ok()?;
            vault.secrets.get(&name).map(|s| secret(id, &name, s))
        }
        Kind::Lease => {
            let (name, lease_id) = key.lease_parts()?;
            let found = vault.leases.get(&lease_id).filter(|l| l.secret == name);
            found.map(|l| lease(id, &lease_id, l))
        }
    }
}
