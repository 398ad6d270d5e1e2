//! The format-1 vault file's structure as read through serde and `toml`, then
//! `convert` into the format-1 model with every name, time and reference validated.

use super::model::{FORMAT, IntegrityWraps, Keyring, Principal, Secret, Vault};
use crate::vault::file::{
    FileGrant, FileVersion, States, convert_aliases, convert_grant, convert_metadata,
    convert_versions, parse_name, parse_ref, parse_time, valid_grant_id,
};
use crate::vault::{KeyringName, PrincipalName, SecretName};
use serde::Deserialize;
use std::collections::BTreeMap;

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileRequest {
    pub(super) recipient: String,
    pub(super) requested: String,
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
        grants.insert(valid_grant_id(id)?, convert_grant(grant)?);
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
        mac: file.mac,
    })
}

fn convert_secret(secret: FileSecret) -> std::result::Result<Secret, String> {
    let versions = convert_versions(secret.versions, Some(&secret.keyring), States::Always)?;
    let aliases = convert_aliases(secret.aliases, &versions)?;
    Ok(Secret {
        keyring: parse_name(&secret.keyring, "keyring")?,
        metadata: convert_metadata(
            secret.owner,
            secret.description,
            secret.rotate_every,
            secret.tags,
        )?,
        expires: secret.expires.as_deref().map(parse_time).transpose()?,
        created: parse_time(&secret.created)?,
        aliases,
        versions,
        audit: parse_ref(&secret.audit)?,
        mac: secret.mac,
    })
}
