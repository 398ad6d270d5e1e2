//! Three-way merge of two branches of a vault and its audit log (format 2). Each
//! branch is first verified against its own log; the other branch's new lines are
//! carried into ours verbatim (their signatures intact), and one `merge` event, signed
//! by the merger, names every record the merge changes: each either carried (citing
//! the line whose writer signed it, judged again by the trust state the merge leaves)
//! or made by the merger with a right of its own. Changes to different secrets never
//! conflict; one secret changed on both sides keeps both values (the other side's new
//! versions renumbered after ours, its new current becoming `pending`). A change
//! nobody was allowed to make is a conflict, never a silent pick.

mod records;
mod trust_state;

use crate::audit::{self, AuditEvent, AuditLine, Change, EventRef};
use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::policy::Action;
use crate::policy::readers::administers;
use crate::trust;
use crate::trust::document::to_document;
use crate::vault::digest::{self, Kind, RecordKey};
use crate::vault::{PrincipalName, Vault};
use std::path::Path;

fn conflict(why: impl Into<String>) -> Error {
    Error::conflict(why.into())
}

/// One branch: its vault and its audit log, as files.
pub struct Branch<'a> {
    pub vault: Vault,
    pub log_path: &'a Path,
}

/// The merged vault and log.
pub struct Merged {
    pub vault: Vault,
    pub log: Vec<u8>,
}

fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes
        .strip_suffix(b"\n")
        .map(|body| body.split(|&b| b == b'\n').collect())
        .unwrap_or_default()
}

fn read_log(path: &Path) -> Result<Vec<u8>> {
    crate::fs::read_capped(path, 1 << 30, "an audit log to merge")
}

/// Merges `theirs` into `ours`, both descended from `base`, as the holder of
/// `identity`.
pub fn merge(base: &Branch, ours: &Branch, theirs: &Branch, identity: &Identity) -> Result<Merged> {
    let (b, o, t) = (&base.vault, &ours.vault, &theirs.vault);
    if b.id != o.id || o.id != t.id || b.root != o.root || o.root != t.root {
        return Err(conflict(
            "The two branches hold different vaults (their ids or roots differ).",
        ));
    }
    // Each side must verify on its own: nothing unsigned or unallowed is merged.
    for (branch, label) in [(ours, "our"), (theirs, "the other")] {
        trust::replay(&branch.vault, branch.log_path).map_err(|err| {
            conflict(format!(
                "The {label} branch does not verify, so it is not merged: {}",
                err.message()
            ))
        })?;
    }
    let our_log = read_log(ours.log_path)?;
    let their_log = read_log(theirs.log_path)?;
    let our_lines = lines(&our_log);
    let their_lines = lines(&their_log);
    let common = our_lines
        .iter()
        .zip(&their_lines)
        .take_while(|(a, b)| a == b)
        .count();
    if common == their_lines.len() {
        return Ok(Merged {
            vault: o.clone(),
            log: our_log,
        });
    }
    if common == our_lines.len() {
        return Ok(Merged {
            vault: t.clone(),
            log: their_log,
        });
    }
    let merger = o
        .principal_with_recipient(&identity.recipient().to_string())
        .cloned()
        .ok_or_else(|| {
            Error::no_identity(
                "The identity in use is not a principal of the vault, so it cannot merge it.",
            )
        })?;
    let mut merged = records::merge(b, o, t, &merger, identity)?;

    // Their new lines, carried verbatim after ours.
    let mut last = EventRef::of_line(our_lines.len() as u64 - 1, our_lines[our_lines.len() - 1]);
    let mut carried = Vec::new();
    for line in &their_lines[common..] {
        let text = std::str::from_utf8(line)
            .map_err(|_| conflict("The other branch's audit log is not UTF-8."))?;
        let mut event = AuditEvent::new("carried", None);
        event.line = Some(text.to_string());
        carried.push(event);
    }
    let (carried_bytes, carried_refs) = audit::render_lines(Some(last.clone()), carried, None)?;
    if let Some(reference) = carried_refs.last() {
        last = reference.clone();
    }
    let carried_events = carried_changes(&their_lines[common..], &carried_refs)?;

    let event = merge_event(o, t, &merged, &merger, &carried_events)?;
    let signer = identity.signing_key();
    let (event_bytes, event_refs) = audit::render_lines(Some(last), vec![event], Some(&signer))?;
    merged.head = event_refs
        .last()
        .cloned()
        .ok_or_else(|| Error::other("No merge event was written."))?;
    let mut log = our_log.clone();
    log.extend_from_slice(&carried_bytes);
    log.extend_from_slice(&event_bytes);
    Ok(Merged { vault: merged, log })
}

/// What each carried line changed, by its seq in the merged log.
struct Carried {
    seq: u64,
    event: AuditEvent,
}

fn carried_changes(lines: &[&[u8]], refs: &[EventRef]) -> Result<Vec<Carried>> {
    lines
        .iter()
        .zip(refs)
        .map(|(line, reference)| {
            let parsed: AuditLine = serde_json::from_slice(line).map_err(|_| {
                conflict("The other branch's audit log holds a line that is not an event.")
            })?;
            Ok(Carried {
                seq: reference.seq,
                event: parsed.event,
            })
        })
        .collect()
}

/// The merge event: every record the merged vault holds differently from ours, each
/// carried (citing the last carried line that left it so) or the merger's own change.
fn merge_event(
    ours: &Vault,
    theirs: &Vault,
    merged: &Vault,
    merger: &PrincipalName,
    carried: &[Carried],
) -> Result<AuditEvent> {
    let before = digest::records(ours);
    let their_records = digest::records(theirs);
    let after = digest::records(merged);
    let policy = &ours.trust.policy;
    let mut changes = Vec::new();
    let keys: std::collections::BTreeSet<&RecordKey> = before.keys().chain(after.keys()).collect();
    for key in keys {
        let digest = after.get(key);
        if digest == before.get(key) {
            continue;
        }
        let from_theirs = digest.is_some() && digest == their_records.get(key);
        let cited = from_theirs
            .then(|| last_change_of(carried, key, digest))
            .flatten();
        let (action, via) = match cited {
            Some((action, seq)) => (action, Some(seq)),
            None => (
                own_right(policy, ours, merger, key, digest.is_some())?,
                None,
            ),
        };
        changes.push(Change {
            kind: key.kind.as_str().to_string(),
            key: key.key.clone(),
            action,
            digest: digest.cloned(),
            via,
        });
    }
    let mut event = AuditEvent::new("merge", Some(merger.as_str()));
    event.vault = Some(merged.id.clone());
    event.base = Some(ours.head.to_string());
    event.changes = changes;
    let trust_changed =
        digest::trust(&merged.id, &merged.trust) != digest::trust(&ours.id, &ours.trust);
    if trust_changed {
        let document = to_document(&merged.trust);
        event.trust_via = carried
            .iter()
            .rev()
            .find(|c| c.event.trust.as_ref() == Some(&document))
            .map(|c| c.seq);
        event.trust = Some(document);
    }
    event.detail = Some(format!(
        "merged {} line(s) of another branch",
        carried.len()
    ));
    Ok(event)
}

/// The last carried line that changed `key` to `digest`: its right and its seq.
fn last_change_of(
    carried: &[Carried],
    key: &RecordKey,
    digest: Option<&String>,
) -> Option<(String, u64)> {
    carried.iter().rev().find_map(|c| {
        c.event
            .changes
            .iter()
            .find(|change| {
                change.kind == key.kind.as_str()
                    && change.key == key.key
                    && change.digest.as_ref() == digest
            })
            .map(|change| (change.action.clone(), c.seq))
    })
}

/// The right the merger changes `key` with itself.
fn own_right(
    policy: &crate::policy::Policy,
    ours: &Vault,
    merger: &PrincipalName,
    key: &RecordKey,
    kept: bool,
) -> Result<String> {
    let admin = administers(policy, merger);
    let exists = digest::record(ours, key).is_some();
    let action = match key.kind {
        _ if admin => Action::Admin,
        Kind::Secret if !kept => Action::Destroy,
        Kind::Secret if exists => Action::Rotate,
        Kind::Secret => Action::Create,
        Kind::Keyring if !exists && kept => Action::Create,
        Kind::Grant => Action::BreakGlass,
        Kind::Lease if kept => Action::Read,
        Kind::Lease => Action::Rotate,
        Kind::Keyring => {
            return Err(conflict(format!(
                "Merging changes the {key}, which only an admin may do; an admin must merge."
            )));
        }
    };
    Ok(action.to_string())
}

/// Reads a vault file for a merge.
pub fn parse_vault(text: &str, label: &str) -> Result<Vault> {
    match crate::vault::format::parse(text, label)? {
        crate::vault::format::Parsed::Current(vault) => Ok(*vault),
        crate::vault::format::Parsed::Legacy(_) => Err(conflict(
            "A format-1 vault is merged by hand; upgrade both branches with `tresor upgrade` first.",
        )),
    }
}

/// The merged vault, checked against the merged log before anyone relies on it.
pub fn check(merged: &Merged, scratch: &Path) -> Result<()> {
    let log_path = scratch.join("merged.audit.jsonl");
    std::fs::write(&log_path, &merged.log)
        .map_err(|err| Error::io("Writing the merged audit log", &log_path, &err))?;
    trust::replay(&merged.vault, &log_path).map(drop).map_err(|err| {
        conflict(format!(
            "The merged vault would not verify ({}); merge as someone allowed to make every change on both branches.",
            err.message()
        ))
    })
}
