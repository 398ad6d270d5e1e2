//! The format-2 vault file's structure as read (one struct per table, through serde
//! and `toml`; a secret's section in `section`), then `convert` into the model with
//! every name, key, time and reference validated. Nothing here is authenticated:
//! `trust` decides that.

use super::model::{FORMAT, Keyring, Principal, Request, Root, Trust, Vault};
use super::name::{KeyringName, PrincipalName, SecretName};
use crate::audit::EventRef;
use crate::crypto::sign;
use crate::policy::grant::Grant;
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

mod section;

use section::{FileSecret, convert_secret};
pub(in crate::vault) use section::{
    FileSection, FileVersion, States, convert_aliases, convert_metadata, convert_section,
    convert_versions,
};

type Invalid = String;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileVault {
    format: i64,
    id: String,
    head: String,
    policy: String,
    root: FileRoot,
    #[serde(default)]
    principals: BTreeMap<String, FilePrincipal>,
    #[serde(default)]
    keyrings: BTreeMap<String, FileKeyring>,
    #[serde(default)]
    grants: BTreeMap<String, FileGrant>,
    #[serde(default)]
    requests: BTreeMap<String, FileRequest>,
    #[serde(default)]
    leases: BTreeMap<String, FileLease>,
    #[serde(default)]
    secrets: BTreeMap<String, FileSecret>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRoot {
    admin: String,
    recipient: String,
    signing: String,
    created: String,
    sig: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePrincipal {
    recipient: String,
    signing: Option<String>,
    added: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileKeyring {
    public: String,
    readers: Vec<String>,
    signer: String,
    created: String,
    #[serde(default)]
    wrapped: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileGrant {
    pub(super) principal: String,
    pub(super) on: String,
    pub(super) reason: String,
    pub(super) ticket: String,
    pub(super) opened: String,
    pub(super) expires: String,
    pub(super) closed: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRequest {
    recipient: String,
    signing: String,
    requested: String,
    sig: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLease {
    secret: String,
    role: String,
    principal: String,
    created: String,
    expires: String,
}

pub(super) fn convert(file: FileVault) -> Result<Vault, Invalid> {
    if file.format != i64::from(FORMAT) {
        return Err(format!("it declares format {}, not {FORMAT}", file.format));
    }
    let root = Root {
        admin: parse_name(&file.root.admin, "principal")?,
        recipient: file.root.recipient,
        signing: parse_key(&file.root.signing)?,
        created: parse_time(&file.root.created)?,
        sig: parse_sig(&file.root.sig)?,
    };
    let mut principals = BTreeMap::new();
    for (name, principal) in file.principals {
        principals.insert(
            parse_name::<PrincipalName>(&name, "principal")?,
            Principal {
                recipient: principal.recipient,
                signing: principal.signing.as_deref().map(parse_key).transpose()?,
                added: parse_time(&principal.added)?,
            },
        );
    }
    let known: Vec<PrincipalName> = principals.keys().cloned().collect();
    let policy = crate::policy::document::parse(&file.policy, &known)
        .map_err(|err| format!("its policy is invalid ({})", err.message()))?;
    let mut keyrings = BTreeMap::new();
    for (name, keyring) in file.keyrings {
        let readers = keyring
            .readers
            .iter()
            .map(|reader| parse_name(reader, "principal"))
            .collect::<Result<BTreeSet<PrincipalName>, Invalid>>()?;
        let mut wrapped = BTreeMap::new();
        for (principal, blob) in keyring.wrapped {
            wrapped.insert(parse_name::<PrincipalName>(&principal, "principal")?, blob);
        }
        keyrings.insert(
            parse_name::<KeyringName>(&name, "keyring")?,
            Keyring {
                public: keyring.public,
                readers,
                wrapped,
                signer: parse_name(&keyring.signer, "principal")?,
                created: parse_time(&keyring.created)?,
            },
        );
    }
    let mut grants = BTreeMap::new();
    for (id, grant) in file.grants {
        grants.insert(valid_grant_id(id)?, convert_grant(grant)?);
    }
    let mut requests = BTreeMap::new();
    for (name, request) in file.requests {
        requests.insert(
            parse_name::<PrincipalName>(&name, "principal")?,
            Request {
                recipient: request.recipient,
                signing: parse_key(&request.signing)?,
                requested: parse_time(&request.requested)?,
                sig: parse_sig(&request.sig)?,
            },
        );
    }
    let mut leases = BTreeMap::new();
    for (id, lease) in file.leases {
        leases.insert(
            parse_name::<crate::rotation::LeaseId>(&id, "lease")?,
            crate::rotation::Lease {
                secret: parse_name(&lease.secret, "secret")?,
                role: parse_name(&lease.role, "role")?,
                principal: parse_name(&lease.principal, "principal")?,
                created: parse_time(&lease.created)?,
                expires: parse_time(&lease.expires)?,
            },
        );
    }
    let mut secrets = BTreeMap::new();
    for (name, secret) in file.secrets {
        let name = parse_name::<SecretName>(&name, "secret")?;
        let secret = convert_secret(secret).map_err(|why| format!("secret '{name}': {why}"))?;
        secrets.insert(name, secret);
    }
    Ok(Vault {
        id: file.id,
        root,
        head: parse_ref(&file.head)?,
        trust: Trust { principals, policy },
        keyrings,
        grants,
        requests,
        leases,
        secrets,
    })
}

pub(super) fn valid_grant_id(id: String) -> Result<String, Invalid> {
    let valid = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if valid {
        Ok(id)
    } else {
        Err("it holds an invalid grant id".to_string())
    }
}

pub(super) fn convert_grant(grant: FileGrant) -> Result<Grant, Invalid> {
    Ok(Grant {
        principal: parse_name(&grant.principal, "principal")?,
        on: crate::policy::glob::PathGlob::parse(&grant.on)
            .map_err(|_| "a grant holds an invalid pattern".to_string())?,
        reason: grant.reason,
        ticket: grant.ticket,
        opened: parse_time(&grant.opened)?,
        expires: parse_time(&grant.expires)?,
        closed: grant.closed.as_deref().map(parse_time).transpose()?,
    })
}

pub(super) fn parse_name<T: FromStr>(text: &str, kind: &str) -> Result<T, Invalid> {
    text.parse()
        .map_err(|_| format!("it holds an invalid {kind} name"))
}

pub(super) fn parse_time(text: &str) -> Result<Timestamp, Invalid> {
    Timestamp::parse(text).map_err(|_| "it holds an invalid time".to_string())
}

pub(super) fn parse_ref(text: &str) -> Result<EventRef, Invalid> {
    text.parse()
        .map_err(|_| "it holds an invalid audit reference".to_string())
}

fn parse_key(text: &str) -> Result<sign::PublicKey, Invalid> {
    text.parse()
        .map_err(|_| "it holds an invalid signing key".to_string())
}

fn parse_sig(text: &str) -> Result<sign::Signature, Invalid> {
    text.parse()
        .map_err(|_| "it holds an invalid signature".to_string())
}
