//! The vault file's structure as read: one struct per table, then `convert` into the
//! model with every name, time and reference validated. Both readers (the canonical
//! fast one and the general TOML one) produce these structs, so they cannot disagree
//! on what a valid file means.

use super::model::{
    FORMAT, IntegrityWraps, Keyring, Metadata, Principal, SealedValue, Secret, Vault, Version,
    VersionState,
};
use super::name::{AliasName, KeyringName, PrincipalName, SecretName};
use crate::audit::EventRef;
use crate::policy::grant::Grant;
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileVault {
    pub(super) format: i64,
    pub(super) id: String,
    pub(super) audit: Option<String>,
    pub(super) mac: String,
    pub(super) policy: String,
    #[serde(default)]
    pub(super) principals: BTreeMap<String, FilePrincipal>,
    #[serde(default)]
    pub(super) keyrings: BTreeMap<String, FileKeyring>,
    #[serde(default)]
    pub(super) integrity: FileIntegrity,
    #[serde(default)]
    pub(super) grants: BTreeMap<String, FileGrant>,
    #[serde(default)]
    pub(super) departed: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) requests: BTreeMap<String, FileRequest>,
    #[serde(default)]
    pub(super) secrets: BTreeMap<String, FileSecret>,
    /// Secrets a partial read skipped: name and MAC only, in name order (never in a file).
    #[serde(skip)]
    pub(super) unloaded: super::Unloaded,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileRequest {
    pub(super) recipient: String,
    pub(super) requested: String,
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
pub(super) struct FilePrincipal {
    pub(super) recipient: String,
    pub(super) added: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileKeyring {
    pub(super) recipient: String,
    #[serde(default)]
    pub(super) wrapped: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct FileIntegrity {
    #[serde(default)]
    pub(super) principals: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) keyrings: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileSecret {
    pub(super) keyring: String,
    pub(super) owner: Option<String>,
    pub(super) description: Option<String>,
    pub(super) rotate_every: Option<String>,
    pub(super) expires: Option<String>,
    #[serde(default)]
    pub(super) tags: BTreeMap<String, String>,
    pub(super) created: String,
    #[serde(default)]
    pub(super) aliases: BTreeMap<String, i64>,
    pub(super) audit: String,
    pub(super) mac: String,
    #[serde(default)]
    pub(super) versions: BTreeMap<String, FileVersion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileVersion {
    pub(super) state: String,
    pub(super) created: String,
    pub(super) author: String,
    pub(super) dek: Option<String>,
    pub(super) value: Option<String>,
}

pub(super) fn convert(file: FileVault) -> std::result::Result<Vault, String> {
    if file.format != i64::from(FORMAT) {
        return Err(format!("it declares format {}, not {FORMAT}", file.format));
    }
    let mut principals = BTreeMap::new();
    for (name, principal) in file.principals {
        principals.insert(
            parse_name::<PrincipalName>(&name, "principal")?,
            Principal {
                recipient: principal.recipient,
                added: parse_time(&principal.added)?,
            },
        );
    }
    let mut keyrings = BTreeMap::new();
    for (name, keyring) in file.keyrings {
        let mut wrapped = BTreeMap::new();
        for (principal, blob) in keyring.wrapped {
            wrapped.insert(parse_name::<PrincipalName>(&principal, "principal")?, blob);
        }
        keyrings.insert(
            parse_name::<KeyringName>(&name, "keyring")?,
            Keyring {
                recipient: keyring.recipient,
                wrapped,
            },
        );
    }
    let mut integrity = IntegrityWraps::default();
    for (principal, blob) in file.integrity.principals {
        integrity
            .principals
            .insert(parse_name(&principal, "principal")?, blob);
    }
    for (keyring, blob) in file.integrity.keyrings {
        integrity
            .keyrings
            .insert(parse_name(&keyring, "keyring")?, blob);
    }
    let known: Vec<PrincipalName> = principals.keys().cloned().collect();
    let policy = crate::policy::document::parse(&file.policy, &known)
        .map_err(|err| format!("its policy is invalid ({})", err.message()))?;
    let mut grants = BTreeMap::new();
    for (id, grant) in file.grants {
        let valid_id = id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid_id {
            return Err("it holds an invalid grant id".to_string());
        }
        grants.insert(
            id,
            Grant {
                principal: parse_name(&grant.principal, "principal")?,
                on: crate::policy::glob::PathGlob::parse(&grant.on)
                    .map_err(|_| "a grant holds an invalid pattern".to_string())?,
                reason: grant.reason,
                ticket: grant.ticket,
                opened: parse_time(&grant.opened)?,
                expires: parse_time(&grant.expires)?,
                closed: grant.closed.as_deref().map(parse_time).transpose()?,
            },
        );
    }
    let mut departed = BTreeMap::new();
    for (key, when) in file.departed {
        let (principal, keyring) = key
            .split_once('/')
            .ok_or_else(|| "it holds an invalid departure".to_string())?;
        departed.insert(
            (
                parse_name(principal, "principal")?,
                parse_name(keyring, "keyring")?,
            ),
            parse_time(&when)?,
        );
    }
    let mut requests = BTreeMap::new();
    for (name, request) in file.requests {
        requests.insert(
            parse_name::<PrincipalName>(&name, "principal")?,
            super::model::Request {
                recipient: request.recipient,
                requested: parse_time(&request.requested)?,
            },
        );
    }
    // Their names are checked by the vault MAC, which covers them.
    let unloaded = file.unloaded;
    let mut secrets = BTreeMap::new();
    for (name, secret) in file.secrets {
        let name = parse_name::<SecretName>(&name, "secret")?;
        let secret = convert_secret(secret).map_err(|why| format!("secret '{name}': {why}"))?;
        secrets.insert(name, secret);
    }
    Ok(Vault {
        id: file.id,
        audit: file.audit.as_deref().map(parse_ref).transpose()?,
        principals,
        keyrings,
        integrity,
        policy,
        grants,
        departed,
        requests,
        secrets,
        unloaded,
        mac: file.mac,
    })
}

fn convert_secret(secret: FileSecret) -> std::result::Result<Secret, String> {
    let mut versions = BTreeMap::new();
    for (number, version) in secret.versions {
        let number: u32 = number
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("'{number}' is not a version number"))?;
        let state = VersionState::parse(&version.state)
            .ok_or_else(|| format!("version {number} has an unknown state"))?;
        let sealed = match (state, version.dek, version.value) {
            (VersionState::Destroyed, None, None) => None,
            (VersionState::Destroyed, _, _) => {
                return Err(format!("destroyed version {number} still holds ciphertext"));
            }
            (_, Some(dek), Some(value)) => Some(SealedValue { dek, value }),
            _ => return Err(format!("version {number} lacks its ciphertext")),
        };
        versions.insert(
            number,
            Version {
                state,
                created: parse_time(&version.created)?,
                author: parse_name(&version.author, "principal")?,
                sealed,
            },
        );
    }
    let mut aliases = BTreeMap::new();
    for (alias, number) in secret.aliases {
        // Checked without a key, so that `list` and `show` never report a version the file lacks.
        let number = u32::try_from(number)
            .ok()
            .filter(|n| versions.contains_key(n))
            .ok_or_else(|| format!("alias '{alias}' points at a version the file does not hold"))?;
        aliases.insert(parse_name::<AliasName>(&alias, "alias")?, number);
    }
    let rotate_every = match secret.rotate_every {
        Some(every) => {
            crate::time::parse_duration(&every)
                .map_err(|_| "its rotation period is not a duration".to_string())?;
            Some(every)
        }
        None => None,
    };
    Ok(Secret {
        keyring: parse_name(&secret.keyring, "keyring")?,
        metadata: Metadata {
            owner: secret.owner,
            description: secret.description,
            rotate_every,
            expires: secret.expires.as_deref().map(parse_time).transpose()?,
            tags: secret.tags,
        },
        created: parse_time(&secret.created)?,
        aliases,
        versions,
        audit: parse_ref(&secret.audit)?,
        mac: secret.mac,
    })
}

fn parse_name<T: FromStr>(text: &str, kind: &str) -> std::result::Result<T, String> {
    text.parse()
        .map_err(|_| format!("it holds an invalid {kind} name"))
}

fn parse_time(text: &str) -> std::result::Result<Timestamp, String> {
    Timestamp::parse(text).map_err(|_| "it holds an invalid time".to_string())
}

fn parse_ref(text: &str) -> std::result::Result<EventRef, String> {
    text.parse()
        .map_err(|_| "it holds an invalid audit reference".to_string())
}
