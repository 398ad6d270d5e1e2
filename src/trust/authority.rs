//! What a signed change may do: the right it claims, checked against the trust state
//! in force and the records as they stand.

use super::records::Records;
use crate::policy::Action;
use crate::policy::readers::{administers, allowed, may_break_glass_somewhere};
use crate::vault::digest::{Kind, RecordKey};
use crate::vault::{PrincipalName, SecretName, Trust};

type Breach = String;

/// Checks that `actor` may make a change of `key` with the right `action`, leaving
/// `digest`, given the records as they stand.
pub(super) fn authorize_change(
    trust: &Trust,
    records: &Records,
    actor: &PrincipalName,
    key: &RecordKey,
    action: Action,
    digest: Option<&String>,
    seq: u64,
) -> Result<(), Breach> {
    let policy = &trust.policy;
    let existing = records.get(key).map_err(|err| {
        format!("this machine's trust pin could not be read ({err}); `tresor trust forget` and verify again from the root")
    })?;
    let existing = existing.as_ref();
    let ok = match (key.kind, action) {
        (_, Action::Admin) => administers(policy, actor),
        (Kind::Secret, Action::Create) => {
            existing.is_none()
                && digest.is_some()
                && allowed(policy, actor, Action::Create, secret_path(key, seq)?)
        }
        (Kind::Secret, Action::Rotate) => {
            existing.is_some()
                && digest.is_some()
                && allowed(policy, actor, Action::Rotate, secret_path(key, seq)?)
        }
        (Kind::Secret, Action::Destroy) => {
            existing.is_some() && allowed(policy, actor, Action::Destroy, secret_path(key, seq)?)
        }
        // Anyone who may write may make a keyring for what it writes; writers seal
        // only to keyrings made by an admin or by themselves.
        (Kind::Keyring, Action::Create) => existing.is_none() && digest.is_some(),
        // A grant is opened by a principal [break_glass] names, and closed by it.
        // A lease is made by a reader of its secret and never changed; its maker or a
        // rotator of the secret removes it.
        (Kind::Lease, Action::Read) => match existing {
            None => digest.is_some() && allowed(policy, actor, Action::Read, lease_path(key, seq)?),
            Some(record) => digest.is_none() && record.creator == *actor,
        },
        (Kind::Lease, Action::Rotate) => {
            existing.is_some()
                && digest.is_none()
                && allowed(policy, actor, Action::Rotate, lease_path(key, seq)?)
        }
        (Kind::Grant, Action::BreakGlass) => match existing {
            None => digest.is_some() && may_break_glass_somewhere(policy, actor),
            Some(record) => record.creator == *actor && digest.is_some(),
        },
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "line {seq} changes {key} with the right to {action}, which '{actor}' did not have there"
        ))
    }
}

fn lease_path(key: &RecordKey, seq: u64) -> Result<&str, Breach> {
    key.lease_parts()
        .and_then(|_| key.key.rsplit_once('@'))
        .map(|(secret, _)| secret)
        .ok_or_else(|| format!("line {seq} changes a lease with an invalid key"))
}

fn secret_path(key: &RecordKey, seq: u64) -> Result<&str, Breach> {
    key.key
        .parse::<SecretName>()
        .map(|_| key.key.as_str())
        .map_err(|_| format!("line {seq} changes a secret with an invalid name"))
}
