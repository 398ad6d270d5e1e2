//! The format-2 vault file's structure as read (one struct per table, through serde
//! and `toml`), then `convert` into the model with every name, key, time and reference
//! validated. Nothing here is authenticated: `trust` decides that.

use super::model::{FORMAT, Keyring, Principal, Request, Root, Trust, Vault};
use super::name::{AliasName, KeyringName, PrincipalName, SecretName};
use super::secret::{Metadata, SealedValue, Secret, Version, VersionState};
use crate::audit::EventRef;
use crate::crypto::sign;
use crate::policy::grant::Grant;
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

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

/// One secret's section read on its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileSection {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSecret {
    /// Absent when it is the first version's time.
    created: Option<String>,
    owner: Option<String>,
    description: Option<String>,
    rotate_every: Option<String>,
    #[serde(default)]
    tags: BTreeMap<String, String>,
    #[serde(default)]
    aliases: BTreeMap<String, i64>,
    #[serde(default)]
    exposed: BTreeMap<String, String>,
    #[serde(default)]
    plan: Option<crate::rotation::RotationPlan>,
    #[serde(default)]
    journal: Option<crate::rotation::Rotation>,
    #[serde(default)]
    versions: BTreeMap<String, FileVersion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileVersion {
    /// Absent when active (format 2); always present in format 1.
    pub(super) state: Option<String>,
    pub(super) created: String,
    pub(super) author: String,
    #[serde(default)]
    pub(super) expires: Option<String>,
    #[serde(default)]
    pub(super) keyring: Option<String>,
    pub(super) dek: Option<String>,
    pub(super) value: Option<String>,
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

pub(super) fn convert_section(file: FileSection) -> Result<(SecretName, Secret), Invalid> {
    let mut secrets = file.secrets.into_iter();
    let (Some((name, secret)), None) = (secrets.next(), secrets.next()) else {
        return Err("a section holds other than one secret".to_string());
    };
    let name = parse_name::<SecretName>(&name, "secret")?;
    let secret = convert_secret(secret).map_err(|why| format!("secret '{name}': {why}"))?;
    Ok((name, secret))
}

fn convert_secret(secret: FileSecret) -> Result<Secret, Invalid> {
    let versions = convert_versions(secret.versions, None, States::UnlessActive)?;
    let created = creation_time(secret.created.as_deref(), &versions)?;
    let aliases = convert_aliases(secret.aliases, &versions)?;
    crate::rotation::check_record(secret.plan.as_ref(), secret.journal.as_ref())?;
    let mut exposed = BTreeMap::new();
    for (principal, when) in secret.exposed {
        exposed.insert(parse_name(&principal, "principal")?, parse_time(&when)?);
    }
    Ok(Secret {
        metadata: convert_metadata(
            secret.owner,
            secret.description,
            secret.rotate_every,
            secret.tags,
        )?,
        created,
        aliases,
        versions,
        exposed,
        plan: secret.plan,
        journal: secret.journal,
    })
}

/// A secret's creation time: as written, or its first version's when left out (format 2
/// writes it only when the two differ).
fn creation_time(
    written: Option<&str>,
    versions: &BTreeMap<u32, Version>,
) -> Result<Timestamp, Invalid> {
    let first = versions.values().next().map(|version| version.created);
    match (written.map(parse_time).transpose()?, first) {
        (None, Some(first)) => Ok(first),
        (None, None) => Err("it has neither a creation time nor a version".to_string()),
        (Some(written), Some(first)) if written == first => Err(
            "it repeats its first version's creation time, which tresor leaves unsaid".to_string(),
        ),
        (Some(written), _) => Ok(written),
    }
}

pub(super) fn convert_metadata(
    owner: Option<String>,
    description: Option<String>,
    rotate_every: Option<String>,
    tags: BTreeMap<String, String>,
) -> Result<Metadata, Invalid> {
    if let Some(every) = &rotate_every {
        crate::time::parse_duration(every)
            .map_err(|_| "its rotation period is not a duration".to_string())?;
    }
    Ok(Metadata {
        owner,
        description,
        rotate_every,
        tags,
    })
}

/// How a format writes a version's state.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum States {
    /// Every version states it (format 1).
    Always,
    /// Only a version that is not active states it (format 2): the file is what tresor
    /// writes, so `state = "active"` is refused.
    UnlessActive,
}

/// The versions of a secret; `keyring` names the keyring of every version that names
/// none (format 1 kept one per secret).
pub(super) fn convert_versions(
    file: BTreeMap<String, FileVersion>,
    keyring: Option<&str>,
    states: States,
) -> Result<BTreeMap<u32, Version>, Invalid> {
    let mut versions = BTreeMap::new();
    for (number, version) in file {
        let number: u32 = number
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("'{number}' is not a version number"))?;
        let state = match (version.state.as_deref(), states) {
            (None, States::UnlessActive) => VersionState::Active,
            (None, States::Always) => return Err(format!("version {number} has no state")),
            (Some(state), _) => match VersionState::parse(state) {
                Some(VersionState::Active) if states == States::UnlessActive => {
                    return Err(format!(
                        "version {number} states that it is active, which tresor leaves unsaid"
                    ));
                }
                Some(state) => state,
                None => return Err(format!("version {number} has an unknown state")),
            },
        };
        let version_keyring = version.keyring.as_deref().or(keyring);
        let sealed = match (state, version_keyring, version.dek, version.value) {
            (VersionState::Destroyed, _, None, None) => None,
            (VersionState::Destroyed, _, _, _) => {
                return Err(format!("destroyed version {number} still holds ciphertext"));
            }
            (_, Some(keyring), Some(dek), Some(value)) => Some(SealedValue {
                keyring: parse_name(keyring, "keyring")?,
                dek,
                value,
            }),
            _ => return Err(format!("version {number} lacks its ciphertext")),
        };
        versions.insert(
            number,
            Version {
                state,
                created: parse_time(&version.created)?,
                author: parse_name(&version.author, "principal")?,
                expires: version.expires.as_deref().map(parse_time).transpose()?,
                sealed,
            },
        );
    }
    Ok(versions)
}

pub(super) fn convert_aliases(
    file: BTreeMap<String, i64>,
    versions: &BTreeMap<u32, Version>,
) -> Result<BTreeMap<AliasName, u32>, Invalid> {
    let mut aliases = BTreeMap::new();
    for (alias, number) in file {
        // Checked without a key, so that `list` and `show` never report a version the file lacks.
        let number = u32::try_from(number)
            .ok()
            .filter(|n| versions.contains_key(n))
            .ok_or_else(|| format!("alias '{alias}' points at a version the file does not hold"))?;
        aliases.insert(parse_name::<AliasName>(&alias, "alias")?, number);
    }
    Ok(aliases)
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
