//! A secret's section of the format-2 vault file as read (its table, a line per version,
//! its rotation's tables), then converted into the model with every name, time and
//! reference validated. Format 1 reads its versions, metadata and aliases through the
//! same functions.

use super::{Invalid, parse_name, parse_time};
use crate::time::Timestamp;
use crate::vault::name::{AliasName, SecretName};
use crate::vault::secret::{Metadata, SealedValue, Secret, Version, VersionState};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One secret's section read on its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::vault) struct FileSection {
    secrets: BTreeMap<String, FileSecret>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileSecret {
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
pub(in crate::vault) struct FileVersion {
    /// Absent when active (format 2); always present in format 1.
    pub(in crate::vault) state: Option<String>,
    pub(in crate::vault) created: String,
    pub(in crate::vault) author: String,
    #[serde(default)]
    pub(in crate::vault) expires: Option<String>,
    #[serde(default)]
    pub(in crate::vault) keyring: Option<String>,
    pub(in crate::vault) dek: Option<String>,
    pub(in crate::vault) value: Option<String>,
}

pub(in crate::vault) fn convert_section(
    file: FileSection,
) -> Result<(SecretName, Secret), Invalid> {
    let mut secrets = file.secrets.into_iter();
    let (Some((name, secret)), None) = (secrets.next(), secrets.next()) else {
        return Err("a section holds other than one secret".to_string());
    };
    let name = parse_name::<SecretName>(&name, "secret")?;
    let secret = convert_secret(secret).map_err(|why| format!("secret '{name}': {why}"))?;
    Ok((name, secret))
}

pub(super) fn convert_secret(secret: FileSecret) -> Result<Secret, Invalid> {
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

pub(in crate::vault) fn convert_metadata(
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
pub(in crate::vault) enum States {
    /// Every version states it (format 1).
    Always,
    /// Only a version that is not active states it (format 2): the file is what tresor
    /// writes, so `state = "active"` is refused.
    UnlessActive,
}

/// The versions of a secret; `keyring` names the keyring of every version that names
/// none (format 1 kept one per secret).
pub(in crate::vault) fn convert_versions(
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

pub(in crate::vault) fn convert_aliases(
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
