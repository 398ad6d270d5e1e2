//! The merged vault's contents: trust state, keyrings, grants, requests and secrets,
//! each taken from the side that changed it; one secret changed on both sides
//! combined version by version; then every version sealed to the keyring of its
//! reader set under the merged trust state.

use super::conflict;
use crate::error::Result;
use crate::identity::Identity;
use crate::keyring::{reader_set, usable};
use crate::policy::grant::Grant;
use crate::policy::readers::administers;
use crate::vault::seal::{self, KeyringKey};
use crate::vault::{
    AliasName, KeyringName, Metadata, PrincipalName, Secret, SecretName, Vault, Version,
    VersionState, digest,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Display;

/// Picks between three values: the side that changed wins; both changing the same
/// way agree; both changing differently is a conflict.
pub(super) fn pick<T: PartialEq + Clone>(
    what: impl Fn() -> String,
    base: &T,
    ours: &T,
    theirs: &T,
) -> Result<T> {
    if ours == theirs || theirs == base {
        Ok(ours.clone())
    } else if ours == base {
        Ok(theirs.clone())
    } else {
        Err(conflict(format!(
            "{} changed differently on the two branches; merge one, then make the other change again.",
            what()
        )))
    }
}

/// `pick` for every key of three maps; a key missing from a map is `None` there.
pub(super) fn pick_map<K: Ord + Clone + Display, V: PartialEq + Clone>(
    what: &str,
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
) -> Result<BTreeMap<K, V>> {
    let keys: BTreeSet<&K> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = BTreeMap::new();
    for key in keys {
        let chosen = pick(
            || format!("{what} '{key}'"),
            &base.get(key).cloned(),
            &ours.get(key).cloned(),
            &theirs.get(key).cloned(),
        )?;
        if let Some(value) = chosen {
            merged.insert(key.clone(), value);
        }
    }
    Ok(merged)
}

/// The keys the merger opens, once each.
struct Keys<'a> {
    merger: &'a PrincipalName,
    identity: &'a Identity,
    opened: HashMap<KeyringName, KeyringKey>,
}

impl Keys<'_> {
    fn open(
        &mut self,
        vault: &Vault,
        name: &KeyringName,
        secret: &SecretName,
    ) -> Result<&KeyringKey> {
        if !self.opened.contains_key(name) {
            let key = seal::open_keyring(vault, name, self.merger, self.identity).map_err(|_| {
                conflict(format!(
                    "Merging '{secret}' needs its keys, which '{}' does not hold; someone who may read it must merge.",
                    self.merger
                ))
            })?;
            self.opened.insert(name.clone(), key);
        }
        self.opened
            .get(name)
            .ok_or_else(|| conflict("A keyring could not be opened."))
    }
}

pub(super) fn merge(
    base: &Vault,
    ours: &Vault,
    theirs: &Vault,
    merger: &PrincipalName,
    identity: &Identity,
) -> Result<Vault> {
    let trust_digest = |vault: &Vault| digest::trust(&vault.id, &vault.trust);
    let trust = if trust_digest(theirs) == trust_digest(base)
        || trust_digest(theirs) == trust_digest(ours)
    {
        ours.trust.clone()
    } else if trust_digest(ours) == trust_digest(base) {
        theirs.trust.clone()
    } else {
        super::trust_state::merged_by(base, ours, theirs, merger)?
    };
    let mut keys = Keys {
        merger,
        identity,
        opened: HashMap::new(),
    };
    let mut merged = Vault {
        id: ours.id.clone(),
        root: ours.root.clone(),
        head: ours.head.clone(),
        trust,
        keyrings: pick_map(
            "The keyring",
            &base.keyrings,
            &ours.keyrings,
            &theirs.keyrings,
        )?,
        grants: merge_grants(base, ours, theirs),
        requests: ours
            .requests
            .iter()
            .chain(&theirs.requests)
            .map(|(name, request)| (name.clone(), request.clone()))
            .collect(),
        leases: pick_map("The lease", &base.leases, &ours.leases, &theirs.leases)?,
        secrets: BTreeMap::new(),
    };
    // A keyring retired on one side may still seal the other side's versions.
    for side in [ours, theirs] {
        for (name, keyring) in &side.keyrings {
            merged
                .keyrings
                .entry(name.clone())
                .or_insert_with(|| keyring.clone());
        }
    }
    merged
        .requests
        .retain(|name, _| !merged.trust.principals.contains_key(name));
    let names: BTreeSet<&SecretName> = base
        .secrets
        .keys()
        .chain(ours.secrets.keys())
        .chain(theirs.secrets.keys())
        .collect();
    for name in names {
        let (b, o, t) = (
            base.secrets.get(name),
            ours.secrets.get(name),
            theirs.secrets.get(name),
        );
        let chosen = match (b, o, t) {
            (_, Some(o), Some(t)) if o == t => Some(o.clone()),
            (Some(b), Some(o), Some(t)) if t == b => Some(o.clone()),
            (Some(b), Some(o), Some(t)) if o == b => Some(t.clone()),
            (Some(b), Some(o), Some(t)) => {
                Some(combine(&merged, theirs, name, b, o, t, &mut keys)?)
            }
            (None, Some(o), None) => Some(o.clone()),
            (None, None, Some(t)) => Some(t.clone()),
            (Some(b), None, Some(t)) if t == b => None,
            (Some(b), Some(o), None) if o == b => None,
            (_, None, None) => None,
            _ => {
                return Err(conflict(format!(
                    "The secret '{name}' was deleted on one branch and changed (or made) on the other."
                )));
            }
        };
        if let Some(secret) = chosen {
            merged.secrets.insert(name.clone(), secret);
        }
    }
    reseal_for_readers(&mut merged, ours, theirs, &mut keys)?;
    Ok(merged)
}

/// Grants by id; when both sides changed one, the closed one wins: a merge never
/// reopens a grant.
fn merge_grants(base: &Vault, ours: &Vault, theirs: &Vault) -> BTreeMap<String, Grant> {
    let mut merged = ours.grants.clone();
    for (id, their_grant) in &theirs.grants {
        match merged.get(id) {
            None => {
                merged.insert(id.clone(), their_grant.clone());
            }
            Some(our_grant)
                if our_grant == their_grant || base.grants.get(id) == Some(their_grant) => {}
            Some(our_grant) => {
                let closed = match (our_grant.closed, their_grant.closed) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                let mut grant = our_grant.clone();
                grant.closed = closed;
                merged.insert(id.clone(), grant);
            }
        }
    }
    merged
}

/// One secret changed on both sides: the base's versions merged state by state, ours
/// kept, theirs renumbered after ours (re-sealed for their new numbers); `current`
/// follows ours and their new current becomes `pending`.
fn combine(
    merged: &Vault,
    theirs: &Vault,
    name: &SecretName,
    b: &Secret,
    o: &Secret,
    t: &Secret,
    keys: &mut Keys<'_>,
) -> Result<Secret> {
    let field = |label: &str| format!("The {label} of '{name}'");
    let metadata = Metadata {
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
        tags: pick_map(
            &format!("The tag of '{name}'"),
            &b.metadata.tags,
            &o.metadata.tags,
            &t.metadata.tags,
        )?,
    };
    let mut versions = BTreeMap::new();
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
        let sealed = if state == VersionState::Destroyed {
            None
        } else if ov.sealed == base_version.sealed {
            tv.sealed.clone()
        } else {
            ov.sealed.clone()
        };
        versions.insert(
            *number,
            Version {
                state,
                sealed,
                ..base_version.clone()
            },
        );
    }
    let base_latest = b.latest_version();
    for (number, version) in o.versions.range(base_latest + 1..) {
        versions.insert(*number, version.clone());
    }
    let mut renumbered = HashMap::new();
    let first_free = o.latest_version().max(base_latest) + 1;
    for (next, (number, version)) in (first_free..).zip(t.versions.range(base_latest + 1..)) {
        let sealed = match &version.sealed {
            None => None,
            Some(sealed) => {
                let key = keys.open(theirs, &sealed.keyring, name)?;
                Some(seal::renumber_value(
                    &merged.id, key, name, *number, next, sealed,
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
    // Their current becomes pending unless it is the merged current already (only
    // they moved `current`, so it followed them).
    if let Some(their_current) = t.current().and_then(|n| renumbered.get(&n))
        && aliases.get(&AliasName::current()) != Some(their_current)
        && versions
            .get(their_current)
            .is_some_and(|v| v.state != VersionState::Destroyed)
    {
        aliases.insert(AliasName::pending(), *their_current);
    }
    let mut exposed = o.exposed.clone();
    for (principal, when) in &t.exposed {
        let entry = exposed.entry(principal.clone()).or_insert(*when);
        *entry = (*entry).max(*when);
    }
    Ok(Secret {
        metadata,
        created: b.created,
        aliases,
        versions,
        exposed,
        plan: pick(|| field("rotation plan"), &b.plan, &o.plan, &t.plan)?,
        journal: pick(
            || field("rotation journal"),
            &b.journal,
            &o.journal,
            &t.journal,
        )?,
    })
}

/// Every version sealed to a keyring of its reader set under the merged trust state
/// (one side may have changed who reads what while the other wrote). Moving a version
/// is an admin's change; keyrings nothing is sealed to any more are retired. A
/// principal that held a moved version's keyring and reads it no more is recorded as
/// exposed up to that version (it could decrypt it from the other branch's commits).
fn reseal_for_readers(
    merged: &mut Vault,
    ours: &Vault,
    theirs: &Vault,
    keys: &mut Keys<'_>,
) -> Result<()> {
    let admin = administers(merged.policy(), keys.merger);
    let recipients: BTreeMap<PrincipalName, String> = merged
        .trust
        .principals
        .iter()
        .map(|(n, p)| (n.clone(), p.recipient.clone()))
        .collect();
    let names: Vec<SecretName> = merged.secrets.keys().cloned().collect();
    for name in names {
        let readers = reader_set(merged, &name);
        let stale: Vec<u32> = merged.secrets[&name]
            .versions
            .iter()
            .filter(|(_, v)| {
                v.sealed.as_ref().is_some_and(|s| {
                    merged
                        .keyrings
                        .get(&s.keyring)
                        .is_none_or(|k| k.readers != readers)
                })
            })
            .map(|(n, _)| *n)
            .collect();
        if stale.is_empty() {
            continue;
        }
        if !admin {
            return Err(conflict(format!(
                "After the merge, who may read '{name}' differs from who holds its keys; an admin must merge."
            )));
        }
        let target = match usable(merged, &readers, keys.merger) {
            Some(target) => target,
            None => {
                let (target, keyring, key) = seal::new_keyring(&readers, &recipients, keys.merger)?;
                merged.keyrings.insert(target.clone(), keyring);
                keys.opened.insert(target.clone(), key);
                target
            }
        };
        for number in stale {
            let Some(sealed) = merged.secrets[&name].versions[&number].sealed.clone() else {
                continue;
            };
            let source = if ours.keyrings.contains_key(&sealed.keyring) {
                ours
            } else {
                theirs
            };
            let old_readers = merged.keyring(&sealed.keyring)?.readers.clone();
            let key = keys.open(source, &sealed.keyring, &name)?;
            let moved = seal::rewrap_dek(
                key,
                &target,
                merged.keyring(&target)?,
                &name,
                number,
                &sealed,
            )?;
            let secret = merged.secret_mut(&name)?;
            let Some(version) = secret.versions.get_mut(&number) else {
                continue;
            };
            version.sealed = Some(moved);
            // A leaver could read this version (on the branch it was written on), and
            // none made after it here: `check` flags the current version up to it.
            let created = version.created;
            for leaver in old_readers.difference(&readers) {
                let exposed = secret.exposed.entry(leaver.clone()).or_insert(created);
                *exposed = (*exposed).max(created);
            }
        }
    }
    let used: BTreeSet<KeyringName> = merged
        .secrets
        .values()
        .flat_map(|s| s.versions.values())
        .filter_map(|v| v.sealed.as_ref().map(|s| s.keyring.clone()))
        .collect();
    let retire = |name: &KeyringName| -> bool {
        !used.contains(name) && (admin || !ours.keyrings.contains_key(name))
    };
    let retired: Vec<KeyringName> = merged
        .keyrings
        .keys()
        .filter(|n| retire(n))
        .cloned()
        .collect();
    for name in retired {
        merged.keyrings.remove(&name);
    }
    Ok(())
}
