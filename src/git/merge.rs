//! Three-way merge of two branches' vaults at the level of secrets: changes to
//! different secrets never conflict; the same secret rotated on both sides keeps both
//! values (the other side's new versions renumbered after ours, re-sealed for their new
//! numbers; `current` follows our side and the other side's new current becomes
//! `pending`); both sides disabling or destroying is idempotent. Conflicting edits of
//! the policy, of one field, or of one keyring's key are conflicts, never a silent pick.

use crate::crypto::IntegrityKey;
use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::policy::keyrings::holders;
use crate::session::authenticate;
use crate::vault::model::{Keyring, Secret};
use crate::vault::seal::{self, KeyringKey};
use crate::vault::{KeyringName, PrincipalName, SecretName, Vault};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Display;

mod secrets;
use secrets::{merge_secret, origins, rewrap_moved, same};

fn conflict(why: impl Into<String>) -> Error {
    Error::conflict(why.into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Ours,
    Theirs,
}

/// One branch's vault, authenticated, with the keyrings the merger opened in it.
struct Side<'a> {
    vault: &'a Vault,
    principal: PrincipalName,
    integrity: IntegrityKey,
    keyrings: HashMap<KeyringName, KeyringKey>,
    label: &'static str,
}

impl<'a> Side<'a> {
    fn open(vault: &'a Vault, identity: &Identity, label: &'static str) -> Result<Self> {
        let recipient = identity.recipient().to_string();
        let principal = vault.principal_with_recipient(&recipient).cloned().ok_or_else(|| {
            Error::no_identity(format!("The identity in use is not a principal of {label} vault, so it cannot merge it."))
        })?;
        let (integrity, keyrings) = authenticate(vault, &principal, identity, None)?;
        seal::verify_vault(vault, &integrity)?;
        for name in vault.secrets.keys() {
            seal::verify_secret(vault, name, &integrity)?;
        }
        Ok(Side {
            vault,
            principal,
            integrity,
            keyrings,
            label,
        })
    }

    fn keyring_key(&mut self, name: &KeyringName, identity: &Identity) -> Result<&KeyringKey> {
        if !self.keyrings.contains_key(name) {
            let key = seal::open_keyring(self.vault, name, &self.principal, identity).map_err(|_| {
                conflict(format!(
                    "Merging needs the keyring '{name}' of {} branch, which the identity in use cannot open; an admin must merge.",
                    self.label
                ))
            })?;
            self.keyrings.insert(name.clone(), key);
        }
        self.keyrings
            .get(name)
            .ok_or_else(|| Error::other(format!("The keyring '{name}' could not be opened.")))
    }

    fn keyring_recipient(&self, name: &KeyringName) -> Option<&str> {
        self.vault.keyrings.get(name).map(|k| k.recipient.as_str())
    }
}

/// Picks between three values: the side that changed wins; both changing the same
/// way agree; both changing differently is a conflict.
fn pick<T: PartialEq + Clone>(
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
            "{} changed differently on the two branches; merge it by hand.",
            what()
        )))
    }
}

/// `pick` for every key of three maps; a key missing from a map is `None` there.
fn pick_map<K: Ord + Clone + Display, V: PartialEq + Clone>(
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

/// Merges the vault `theirs` into `ours`, both descended from `base`, using the
/// merger's identity for every key the merge needs.
pub fn merge(base: &Vault, ours: &Vault, theirs: &Vault, identity: &Identity) -> Result<Vault> {
    if base.id != ours.id || ours.id != theirs.id {
        return Err(conflict(
            "The two branches hold different vaults (their ids differ).",
        ));
    }
    let mut our = Side::open(ours, identity, "our")?;
    let mut their = Side::open(theirs, identity, "the other")?;

    let integrity = if our.integrity.as_bytes() == their.integrity.as_bytes()
        || theirs.integrity == base.integrity
    {
        our.integrity.clone()
    } else if ours.integrity == base.integrity {
        their.integrity.clone()
    } else {
        return Err(conflict(
            "Both branches replaced the integrity key (each removed a recipient); merge one branch, then remove the other's recipient again.",
        ));
    };

    let principals = pick_map(
        "The principal",
        &base.principals,
        &ours.principals,
        &theirs.principals,
    )?;
    let policy_text = pick(
        || "The policy".to_string(),
        &crate::policy::document::render(&base.policy),
        &crate::policy::document::render(&ours.policy),
        &crate::policy::document::render(&theirs.policy),
    )?;
    let known: Vec<PrincipalName> = principals.keys().cloned().collect();
    let policy = crate::policy::document::parse(&policy_text, &known).map_err(|err| {
        conflict(format!(
            "The merged policy does not hold with the merged principals: {}",
            err.message()
        ))
    })?;

    let (keyrings, keyring_origin) = merge_keyrings(base, ours, theirs)?;
    let grants = merge_grants(base, ours, theirs);
    let mut departed = ours.departed.clone();
    for (key, when) in &theirs.departed {
        let entry = departed.entry(key.clone()).or_insert(*when);
        *entry = (*entry).max(*when);
    }

    let mut merged = Vault {
        id: ours.id.clone(),
        audit: ours.audit.clone(),
        principals,
        keyrings,
        integrity: Default::default(),
        policy,
        grants,
        departed,
        requests: pick_map(
            "The request of",
            &base.requests,
            &ours.requests,
            &theirs.requests,
        )?,
        secrets: BTreeMap::new(),
        unloaded: crate::vault::Unloaded::default(),
        mac: String::new(),
    };
    let names: BTreeSet<&SecretName> = ours.secrets.keys().chain(theirs.secrets.keys()).collect();
    for name in names {
        let merged_secret = match (
            base.secrets.get(name),
            ours.secrets.get(name),
            theirs.secrets.get(name),
        ) {
            (None, Some(o), None) => origins(o, Origin::Ours),
            (None, None, Some(t)) => origins(t, Origin::Theirs),
            (Some(_), None, _) | (Some(_), _, None) => {
                return Err(conflict(format!(
                    "The secret '{name}' is missing on one branch; tresor never deletes a secret's record."
                )));
            }
            (base_secret, Some(o), Some(t)) => {
                let empty = Secret {
                    versions: BTreeMap::new(),
                    aliases: BTreeMap::new(),
                    ..o.clone()
                };
                let b = base_secret.unwrap_or(&empty);
                if same(o, t) || same(t, b) {
                    origins(o, Origin::Ours)
                } else if same(o, b) {
                    origins(t, Origin::Theirs)
                } else {
                    merge_secret(&merged.id, name, b, o, t, &mut their, identity)?
                }
            }
            (_, None, None) => continue,
        };
        let (mut secret, version_origins) = merged_secret;
        rewrap_moved(
            &merged,
            name,
            &mut secret,
            &version_origins,
            &mut our,
            &mut their,
            identity,
        )?;
        merged.secrets.insert(name.clone(), secret);
    }

    wrap_integrity(
        &mut merged,
        &integrity,
        &keyring_origin,
        &mut our,
        &mut their,
        identity,
    )?;
    complete_holders(&mut merged, &keyring_origin, &mut our, &mut their, identity)?;
    let secret_names: Vec<SecretName> = merged.secrets.keys().cloned().collect();
    for name in &secret_names {
        seal::reseal_secret(&mut merged, name, &integrity)?;
    }
    seal::reseal_vault(&mut merged, &integrity);
    Ok(merged)
}

fn merge_keyrings(
    base: &Vault,
    ours: &Vault,
    theirs: &Vault,
) -> Result<(
    BTreeMap<KeyringName, Keyring>,
    BTreeMap<KeyringName, Origin>,
)> {
    let names: BTreeSet<&KeyringName> =
        ours.keyrings.keys().chain(theirs.keyrings.keys()).collect();
    let mut merged = BTreeMap::new();
    let mut origin = BTreeMap::new();
    for name in names {
        let b = base.keyrings.get(name);
        let chosen = match (ours.keyrings.get(name), theirs.keyrings.get(name)) {
            (Some(o), Some(t)) if o.recipient == t.recipient => {
                let empty = BTreeMap::new();
                let base_wraps = b
                    .filter(|b| b.recipient == o.recipient)
                    .map_or(&empty, |b| &b.wrapped);
                let wrapped = pick_map(
                    &format!("The wrap of keyring '{name}' for"),
                    base_wraps,
                    &o.wrapped,
                    &t.wrapped,
                )?;
                Some((
                    Keyring {
                        recipient: o.recipient.clone(),
                        wrapped,
                    },
                    Origin::Ours,
                ))
            }
            (Some(o), Some(t)) => match b {
                Some(b) if b.recipient == o.recipient => Some((t.clone(), Origin::Theirs)),
                Some(b) if b.recipient == t.recipient => Some((o.clone(), Origin::Ours)),
                _ => {
                    return Err(conflict(format!(
                        "The keyring '{name}' was re-keyed on both branches; merge one, then apply the other's change again."
                    )));
                }
            },
            (Some(o), None) if b.is_none() => Some((o.clone(), Origin::Ours)),
            (None, Some(t)) if b.is_none() => Some((t.clone(), Origin::Theirs)),
            (Some(o), None) if Some(o) == b => None,
            (None, Some(t)) if Some(t) == b => None,
            _ => {
                return Err(conflict(format!(
                    "The keyring '{name}' was removed on one branch and changed on the other."
                )));
            }
        };
        if let Some((keyring, side)) = chosen {
            merged.insert(name.clone(), keyring);
            origin.insert(name.clone(), side);
        }
    }
    Ok((merged, origin))
}

/// Grants by id; when both sides changed one (say, closed it at different times), the
/// closed one wins: a grant is never reopened by a merge.
fn merge_grants(
    base: &Vault,
    ours: &Vault,
    theirs: &Vault,
) -> BTreeMap<String, crate::policy::grant::Grant> {
    let mut merged = ours.grants.clone();
    for (id, theirs_grant) in &theirs.grants {
        match merged.get(id) {
            None => {
                merged.insert(id.clone(), theirs_grant.clone());
            }
            Some(ours_grant)
                if ours_grant == theirs_grant || base.grants.get(id) == Some(theirs_grant) => {}
            Some(ours_grant) => {
                let closed = match (ours_grant.closed, theirs_grant.closed) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                let mut grant = ours_grant.clone();
                grant.closed = closed;
                merged.insert(id.clone(), grant);
            }
        }
    }
    merged
}

/// The integrity key wrapped to every merged principal and sealed under every keyring.
fn wrap_integrity<'a>(
    merged: &mut Vault,
    integrity: &IntegrityKey,
    keyring_origin: &BTreeMap<KeyringName, Origin>,
    our: &mut Side<'a>,
    their: &mut Side<'a>,
    identity: &Identity,
) -> Result<()> {
    let mut principals = BTreeMap::new();
    for (name, principal) in &merged.principals {
        let existing = [&*our, &*their].into_iter().find_map(|side| {
            (side.integrity.as_bytes() == integrity.as_bytes())
                .then(|| side.vault.integrity.principals.get(name))
                .flatten()
                .filter(|_| side.vault.principals.get(name) == Some(principal))
        });
        let wrap = match existing {
            Some(wrap) => wrap.clone(),
            None => seal::wrap_integrity_to(&principal.recipient, integrity)?,
        };
        principals.insert(name.clone(), wrap);
    }
    let mut sealed = BTreeMap::new();
    for (name, origin) in keyring_origin {
        let side = if *origin == Origin::Theirs {
            &mut *their
        } else {
            &mut *our
        };
        let reuse = side.integrity.as_bytes() == integrity.as_bytes();
        let seal_text = match side.vault.integrity.keyrings.get(name) {
            Some(existing) if reuse => existing.clone(),
            _ => side
                .keyring_key(name, identity)?
                .seal_integrity(&merged.id, name, integrity),
        };
        sealed.insert(name.clone(), seal_text);
    }
    merged.integrity.principals = principals;
    merged.integrity.keyrings = sealed;
    Ok(())
}

/// After the merge every keyring is wrapped to exactly whom the merged policy names.
/// A missing holder is added; an extra one needs a re-key, which is a policy change
/// for a person to make, so it is a conflict.
fn complete_holders<'a>(
    merged: &mut Vault,
    keyring_origin: &BTreeMap<KeyringName, Origin>,
    our: &mut Side<'a>,
    their: &mut Side<'a>,
    identity: &Identity,
) -> Result<()> {
    let names: Vec<KeyringName> = merged.keyrings.keys().cloned().collect();
    for name in names {
        let want = holders(&merged.policy, merged, &name);
        let have: BTreeSet<PrincipalName> = merged
            .keyrings
            .get(&name)
            .map(|k| k.wrapped.keys().cloned().collect())
            .unwrap_or_default();
        if let Some(extra) = have.difference(&want).next() {
            return Err(conflict(format!(
                "After the merge '{extra}' would still hold keyring '{name}', which the merged policy no longer gives it; merge by hand, then run `tresor policy set` to re-key."
            )));
        }
        for principal in want.difference(&have) {
            let Some(recipient) = merged
                .principals
                .get(principal)
                .map(|p| p.recipient.clone())
            else {
                continue;
            };
            let side = if keyring_origin.get(&name) == Some(&Origin::Theirs) {
                &mut *their
            } else {
                &mut *our
            };
            let wrap = side.keyring_key(&name, identity)?.wrap_to(&recipient)?;
            if let Some(keyring) = merged.keyrings.get_mut(&name) {
                keyring.wrapped.insert(principal.clone(), wrap);
            }
        }
    }
    Ok(())
}
