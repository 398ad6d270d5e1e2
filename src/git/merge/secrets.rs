//! Merging one secret both branches changed: its versions state by state, ours kept,
//! theirs renumbered after ours and re-sealed for their new numbers; data keys moved
//! to a merged keyring re-wrapped.

use super::{Origin, Side, conflict, pick, pick_map};
use crate::error::Result;
use crate::identity::Identity;
use crate::vault::model::{SealedValue, Secret, Version, VersionState};
use crate::vault::seal;
use crate::vault::{AliasName, SecretName, Vault};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Two records alike but for their MAC (which changes with the integrity key).
pub(super) fn same(a: &Secret, b: &Secret) -> bool {
    Secret {
        mac: String::new(),
        ..a.clone()
    } == Secret {
        mac: String::new(),
        ..b.clone()
    }
}

pub(super) type Tracked = (Secret, BTreeMap<u32, Origin>);

pub(super) fn origins(secret: &Secret, origin: Origin) -> Tracked {
    (
        secret.clone(),
        secret.versions.keys().map(|n| (*n, origin)).collect(),
    )
}

/// Both branches changed the secret: versions of the base merged state by state, ours
/// kept, theirs renumbered after ours.
pub(super) fn merge_secret(
    vault_id: &str,
    name: &SecretName,
    b: &Secret,
    o: &Secret,
    t: &Secret,
    their: &mut Side,
    identity: &Identity,
) -> Result<Tracked> {
    if o.keyring != t.keyring || b.keyring != o.keyring {
        return Err(conflict(format!(
            "The secret '{name}' is in different keyrings on the two branches."
        )));
    }
    let field = |label: &str| format!("The {label} of '{name}'");
    let metadata = crate::vault::Metadata {
        owner: pick(
            || field("owner"),
            &b.metadata.owner,
            &o.metadata.owner,
            &t.metadata.owner,
        )?,
        description: pick(
            || field("description"),
            &b.metadata.description,
            &o.metadata.description,
            &t.metadata.description,
        )?,
        rotate_every: pick(
            || field("rotation period"),
            &b.metadata.rotate_every,
            &o.metadata.rotate_every,
            &t.metadata.rotate_every,
        )?,
        expires: pick(
            || field("expiry"),
            &b.metadata.expires,
            &o.metadata.expires,
            &t.metadata.expires,
        )?,
        tags: pick_map(
            &format!("The tag of '{name}'"),
            &b.metadata.tags,
            &o.metadata.tags,
            &t.metadata.tags,
        )?,
    };
    let mut versions = BTreeMap::new();
    let mut version_origin = BTreeMap::new();
    for (number, base_version) in &b.versions {
        let (Some(ov), Some(tv)) = (o.versions.get(number), t.versions.get(number)) else {
            return Err(conflict(format!(
                "Version {number} of '{name}' is missing on one branch."
            )));
        };
        let state = if ov.state == base_version.state {
            tv.state
        } else if tv.state == base_version.state {
            ov.state
        } else {
            ov.state.max(tv.state)
        };
        let (sealed, origin) = if state == VersionState::Destroyed {
            (None, Origin::Ours)
        } else if ov.sealed == base_version.sealed {
            (tv.sealed.clone(), Origin::Theirs)
        } else {
            (ov.sealed.clone(), Origin::Ours)
        };
        versions.insert(
            *number,
            Version {
                state,
                sealed,
                ..base_version.clone()
            },
        );
        version_origin.insert(*number, origin);
    }
    let base_latest = b.latest_version();
    for (number, version) in o.versions.range(base_latest + 1..) {
        versions.insert(*number, version.clone());
        version_origin.insert(*number, Origin::Ours);
    }
    let mut renumbered = HashMap::new();
    let first_free = o.latest_version().max(base_latest) + 1;
    for (next, (number, version)) in (first_free..).zip(t.versions.range(base_latest + 1..)) {
        let sealed = match &version.sealed {
            None => None,
            Some(sealed) => {
                let key = their.keyring_key(&t.keyring, identity)?;
                Some(seal::renumber_value(
                    vault_id, key, name, *number, next, sealed,
                )?)
            }
        };
        versions.insert(
            next,
            Version {
                sealed,
                ..version.clone()
            },
        );
        version_origin.insert(next, Origin::Theirs);
        renumbered.insert(*number, next);
    }
    let map = |n: u32| renumbered.get(&n).copied().unwrap_or(n);
    let mut aliases = BTreeMap::new();
    let alias_names: BTreeSet<&AliasName> = b
        .aliases
        .keys()
        .chain(o.aliases.keys())
        .chain(t.aliases.keys())
        .collect();
    for alias in alias_names {
        let (bv, ov, tv) = (b.alias(alias), o.alias(alias), t.alias(alias).map(map));
        // Our side wins where both moved an alias: `current` follows us.
        let value = if ov == tv || tv == bv || ov != bv {
            ov
        } else {
            tv
        };
        if let Some(value) = value {
            aliases.insert(alias.clone(), value);
        }
    }
    if let Some(their_current) = t.current().and_then(|n| renumbered.get(&n))
        && versions
            .get(their_current)
            .is_some_and(|v| v.state != VersionState::Destroyed)
    {
        aliases.insert(AliasName::pending(), *their_current);
    }
    let secret = Secret {
        keyring: o.keyring.clone(),
        metadata,
        created: b.created,
        aliases,
        versions,
        audit: o.audit.clone(),
        mac: String::new(),
    };
    Ok((secret, version_origin))
}

/// Data keys wrapped to a keyring key that the merge replaced (one branch re-keyed)
/// are re-wrapped to the merged keyring's public key.
pub(super) fn rewrap_moved<'a>(
    merged: &Vault,
    name: &SecretName,
    secret: &mut Secret,
    version_origins: &BTreeMap<u32, Origin>,
    our: &mut Side<'a>,
    their: &mut Side<'a>,
    identity: &Identity,
) -> Result<()> {
    let Some(target) = merged
        .keyrings
        .get(&secret.keyring)
        .map(|k| k.recipient.clone())
    else {
        return Err(conflict(format!(
            "The keyring of '{name}' is gone after the merge."
        )));
    };
    for (number, version) in secret.versions.iter_mut() {
        let Some(sealed) = &version.sealed else {
            continue;
        };
        let side = match version_origins.get(number) {
            Some(Origin::Theirs) => &mut *their,
            _ => &mut *our,
        };
        if side.keyring_recipient(&secret.keyring) == Some(target.as_str()) {
            continue;
        }
        let key = side.keyring_key(&secret.keyring, identity)?;
        let rewrapped: SealedValue = seal::rewrap_dek(key, &target, name, *number, sealed)?;
        version.sealed = Some(rewrapped);
    }
    Ok(())
}
