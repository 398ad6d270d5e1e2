//! Verifying the chain: every line parses, `seq` counts up from 0, `prev` is the
//! SHA-256 of the line before, line 0 names the vault; and every write the vault
//! remembers is present with the same hash, so a truncated log is caught.

use super::event::EventRef;
use crate::error::{Error, Result};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// What a successful verification saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub lines: u64,
    pub head: Option<EventRef>,
    /// Writes in the log that the vault does not include and nothing builds on: what a
    /// crash between appending an event and replacing the vault leaves (or a rollback
    /// of exactly one write, which looks the same).
    pub orphans: Vec<EventRef>,
}

/// What the chain check reads of one line. Anything else on the line is not looked at,
/// but the line must still be a valid JSON object for these to be read at all.
#[derive(Debug, PartialEq, Eq, Deserialize)]
struct ChainFields<'a> {
    seq: u64,
    #[serde(borrow)]
    prev: &'a str,
    #[serde(default, borrow)]
    vault: Option<&'a str>,
    #[serde(default)]
    orig_seq: Option<u64>,
    #[serde(default, borrow)]
    orig_hash: Option<&'a str>,
    #[serde(default, borrow)]
    base: Option<&'a str>,
}

/// Reads the chain fields of a line: `None` when it is not a valid audit event (a
/// JSON object with `seq` and `prev`; a field given twice is refused).
fn chain_fields(line: &[u8]) -> Option<ChainFields<'_>> {
    serde_json::from_slice(line).ok()
}

/// The lowercase hex SHA-256 of a line, without allocating.
fn hex_hash(line: &[u8]) -> [u8; 64] {
    let mut hex = [0u8; 64];
    // 32 bytes always fit in 64 hex digits.
    let _ = hex::encode_to_slice(Sha256::digest(line), &mut hex);
    hex
}

fn hex_text(hex: &[u8; 64]) -> String {
    String::from_utf8_lossy(hex).into_owned()
}

/// Verifies the log at `path`. `vault_id` is checked against line 0; every reference
/// in `required` must be present with its hash (the vault's recorded writes and any
/// `--expect-head`), each named by `why` in the error. A reference from another branch
/// is also found where a merge re-appended its event (`orig_seq`, `orig_hash`).
///
/// `vault_head` is the vault's last recorded write: every write the log holds after it
/// must be explained (see `Verification::orphans`), or the vault was rolled back.
pub fn verify(
    path: &Path,
    vault_id: Option<&str>,
    vault_head: Option<&EventRef>,
    required: &[(EventRef, String)],
) -> Result<Verification> {
    let file = File::open(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => {
            Error::integrity(format!("The audit log {} is missing.", path.display()))
        }
        _ => Error::io("Reading the audit log", path, &err),
    })?;
    // The references still to be found, by seq: one lookup per line.
    let mut wanted: HashMap<u64, Vec<(&str, &str)>> = HashMap::new();
    for (reference, why) in required {
        wanted
            .entry(reference.seq)
            .or_default()
            .push((reference.hash.as_str(), why.as_str()));
    }
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::with_capacity(512);
    let mut previous_hash = [b'0'; 64];
    let mut seq: u64 = 0;
    let mut writes: Vec<(EventRef, String)> = Vec::new();
    let at = |seq: u64| {
        format!(
            "The audit log {} is broken at line {} (seq {seq})",
            path.display(),
            seq + 1
        )
    };
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|err| Error::io("Reading the audit log", path, &err))?;
        if read == 0 {
            break;
        }
        if line.last() != Some(&b'\n') {
            return Err(Error::integrity(format!(
                "{}: the last line is incomplete (torn or truncated).",
                at(seq)
            )));
        }
        line.pop();
        let fields = chain_fields(&line).ok_or_else(|| {
            Error::integrity(format!("{}: the line is not a valid audit event.", at(seq)))
        })?;
        if fields.seq != seq {
            return Err(Error::integrity(format!(
                "{}: it says seq {}; a line was removed, inserted or moved.",
                at(seq),
                fields.seq
            )));
        }
        if fields.prev.as_bytes() != previous_hash {
            return Err(Error::integrity(format!(
                "{}: its 'prev' is not the hash of the line before; a line was altered, removed or reordered.",
                at(seq)
            )));
        }
        if seq == 0
            && let Some(id) = vault_id
            && fields.vault != Some(id)
        {
            return Err(Error::integrity(format!(
                "{}: it belongs to another vault.",
                at(seq)
            )));
        }
        let hash = hex_hash(&line);
        if let (Some(base), None) = (fields.base, fields.orig_seq) {
            writes.push((
                EventRef {
                    seq,
                    hash: hex_text(&hash),
                },
                base.to_string(),
            ));
        }
        if !wanted.is_empty() {
            found(&mut wanted, seq, &hash);
            if let (Some(orig_seq), Some(orig_hash)) = (fields.orig_seq, fields.orig_hash) {
                found(&mut wanted, orig_seq, orig_hash.as_bytes());
            }
        }
        previous_hash = hash;
        seq += 1;
    }
    if let Some((missing, entries)) = wanted.iter().min_by_key(|(seq, _)| **seq)
        && let Some((_, why)) = entries.first()
    {
        let what = if *missing < seq {
            "that line was altered or replaced"
        } else {
            "the log was truncated or replaced"
        };
        return Err(Error::integrity(format!(
            "The audit log {} lacks {why} (seq {missing}): {what}.",
            path.display()
        )));
    }
    let orphans = match vault_head {
        Some(head) => unexplained_writes(path, head, &writes)?,
        None => Vec::new(),
    };
    let head = (seq > 0).then(|| EventRef {
        seq: seq - 1,
        hash: hex_text(&previous_hash),
    });
    Ok(Verification {
        lines: seq,
        head,
        orphans,
    })
}

/// Crosses off the references to line `seq` whose hash is `hash`.
fn found(wanted: &mut HashMap<u64, Vec<(&str, &str)>>, seq: u64, hash: &[u8]) {
    if let Some(entries) = wanted.get_mut(&seq) {
        entries.retain(|(expected, _)| expected.as_bytes() != hash);
        if entries.is_empty() {
            wanted.remove(&seq);
        }
    }
}

/// The writes not in the vault's history (`head` and its bases, back to `init`). One
/// that another write builds on means the vault lost at least two writes: a rollback,
/// never a crash. Lone ones are returned.
fn unexplained_writes(
    path: &Path,
    head: &EventRef,
    writes: &[(EventRef, String)],
) -> Result<Vec<EventRef>> {
    let base_of: HashMap<String, &str> = writes
        .iter()
        .map(|(w, base)| (w.to_string(), base.as_str()))
        .collect();
    let mut history = std::collections::HashSet::new();
    let mut at = Some(head.to_string());
    while let Some(reference) = at {
        if !history.insert(reference.clone()) {
            break;
        }
        at = base_of.get(&reference).map(|base| base.to_string());
    }
    let bases: std::collections::HashSet<&str> =
        writes.iter().map(|(_, base)| base.as_str()).collect();
    let mut orphans = Vec::new();
    for (write, _) in writes {
        let reference = write.to_string();
        if history.contains(&reference) {
            continue;
        }
        if bases.contains(reference.as_str()) {
            return Err(Error::integrity(format!(
                "The vault is older than its audit log {}: the writes from seq {} on are not in it. The vault was rolled back to an earlier copy; restore the latest one.",
                path.display(),
                write.seq
            )));
        }
        orphans.push(write.clone());
    }
    Ok(orphans)
}

#[cfg(test)]
mod tests {
    use super::super::{AuditEvent, AuditLog, GENESIS_PREV, create};
    use super::*;

    fn append(path: &std::path::Path, event: AuditEvent) -> crate::Result<EventRef> {
        AuditLog::open(path)?.append(event, None)
    }

    fn log_of(n: usize) -> (tempfile::TempDir, std::path::PathBuf, Vec<EventRef>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.audit.jsonl");
        let mut init = AuditEvent::new("init", Some("alice"));
        init.vault = Some("vid".into());
        let mut refs = vec![create(&path, init, None).unwrap()];
        for i in 1..n {
            refs.push(
                append(
                    &path,
                    AuditEvent::new("read", Some("alice")).secret(&format!("s{i}")),
                )
                .unwrap(),
            );
        }
        (dir, path, refs)
    }

    #[test]
    fn chain_fields_are_read_from_what_tresor_writes_and_nothing_looser() {
        let (_dir, path, _) = log_of(3);
        let text = std::fs::read_to_string(&path).unwrap();
        let first = chain_fields(text.lines().next().unwrap().as_bytes()).unwrap();
        assert_eq!(
            (first.seq, first.prev, first.vault),
            (0, GENESIS_PREV, Some("vid"))
        );
        assert_eq!([b'0'; 64], GENESIS_PREV.as_bytes());
        let prev = "ab".repeat(32);
        for refused in [
            format!(r#"{{"seq":1,"seq":1,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":"1","prev":"{prev}"}}"#),
            format!(r#"{{"seq":-1,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}",}}"#),
            format!(r#"{{"prev":"{prev}"}}"#),
            r#"{"seq":1}"#.to_string(),
        ] {
            assert_eq!(chain_fields(refused.as_bytes()), None, "{refused}");
        }
        let escaped = format!(r#"{{"seq":1,"prev":"{prev}","reason":"caf\u00e9 \"x\""}}"#);
        assert_eq!(chain_fields(escaped.as_bytes()).map(|f| f.seq), Some(1));
    }

    #[test]
    fn a_good_chain_verifies() {
        let (_dir, path, refs) = log_of(5);
        let required = vec![(refs[3].clone(), "the vault".to_string())];
        let verification = verify(&path, Some("vid"), None, &required).unwrap();
        assert_eq!(verification.lines, 5);
        assert_eq!(verification.head, Some(refs[4].clone()));
        assert_eq!(
            verify(&path, Some("other"), None, &[])
                .unwrap_err()
                .exit_code(),
            5
        );
    }

    #[test]
    fn every_line_edit_deletion_and_swap_is_detected() {
        let (_dir, path, _) = log_of(6);
        let original = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = original.lines().collect();
        let mut mutants: Vec<Vec<String>> = Vec::new();
        for i in 0..lines.len() {
            let mut deleted: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            deleted.remove(i);
            mutants.push(deleted);
            let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            edited[i] = edited[i].replace("alice", "mallory");
            mutants.push(edited);
            if i + 1 < lines.len() {
                let mut swapped: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                swapped.swap(i, i + 1);
                mutants.push(swapped);
            }
        }
        let last = lines.len() - 1;
        let required = vec![(
            EventRef::of_line(last as u64, lines[last].as_bytes()),
            "the vault".to_string(),
        )];
        for mutant in mutants {
            std::fs::write(&path, mutant.join("\n") + "\n").unwrap();
            assert_eq!(
                verify(&path, Some("vid"), None, &required)
                    .unwrap_err()
                    .exit_code(),
                5
            );
        }
    }
}
