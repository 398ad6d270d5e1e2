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

/// Reads the chain fields of a line: `None` when it is not a valid audit event.
///
/// Lines as tresor writes them are flat objects of plain strings and unsigned integers
/// (`{"seq":12,"ts":"…","prev":"…","event":"read",…}`): `flat_fields` reads those
/// without a JSON parser. Whatever it does not recognise goes to serde_json, so both
/// accept and reject exactly the same lines.
fn chain_fields(line: &[u8]) -> Option<ChainFields<'_>> {
    flat_fields(line).or_else(|| serde_json::from_slice(line).ok())
}

/// `line` as a JSON object with no whitespace whose values are all plain strings
/// (printable ASCII, no escapes) or unsigned integers written canonically, each field
/// of `ChainFields` at most once and of its type. Such a line is valid JSON and
/// serde_json reads the same fields from it; `None` for anything else, which may still
/// be valid (the caller then asks serde_json).
fn flat_fields(line: &[u8]) -> Option<ChainFields<'_>> {
    // One check of the whole line; the pieces below are then sliced from it.
    let mut rest = std::str::from_utf8(line).ok()?.strip_prefix('{')?;
    let mut seq = None;
    let mut prev = None;
    let mut vault = None;
    let mut orig_seq = None;
    let mut orig_hash = None;
    let mut base = None;
    loop {
        let (key, after) = plain_string(rest)?;
        rest = after.strip_prefix(':')?;
        if rest.starts_with('"') {
            let (text, after) = plain_string(rest)?;
            rest = after;
            match key {
                "prev" => once(&mut prev, text)?,
                "vault" => once(&mut vault, text)?,
                "orig_hash" => once(&mut orig_hash, text)?,
                "base" => once(&mut base, text)?,
                "seq" | "orig_seq" => return None,
                _ => {}
            }
        } else {
            let (number, after) = plain_integer(rest)?;
            rest = after;
            match key {
                "seq" => once(&mut seq, number)?,
                "orig_seq" => once(&mut orig_seq, number)?,
                "prev" | "vault" | "orig_hash" | "base" => return None,
                _ => {}
            }
        }
        match rest.as_bytes() {
            [b',', ..] => rest = &rest[1..],
            [b'}'] => break,
            _ => return None,
        }
    }
    Some(ChainFields {
        seq: seq?,
        prev: prev?,
        vault,
        orig_seq,
        orig_hash,
        base,
    })
}

/// Sets `slot`, which must be empty: serde_json refuses a field given twice.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.replace(value).is_none().then_some(())
}

/// A string of printable ASCII without escapes, from its opening quote; returns it
/// and the rest after its closing quote.
#[allow(clippy::manual_range_contains)] // the comparisons stay branch-free on purpose
fn plain_string(input: &str) -> Option<(&str, &str)> {
    let body = input.strip_prefix('"')?;
    let end = memchr::memchr(b'"', body.as_bytes())?;
    // Branch-free over the bytes, so the check runs on whole vectors.
    let unusual = body.as_bytes()[..end].iter().fold(false, |unusual, &b| {
        unusual | !(0x20..=0x7e).contains(&b) | (b == b'\\')
    });
    if unusual {
        return None;
    }
    Some((&body[..end], &body[end + 1..]))
}

/// An unsigned integer as JSON writes it (no leading zero, no sign, fraction or
/// exponent) that fits in a u64; returns it and the rest.
fn plain_integer(input: &str) -> Option<(u64, &str)> {
    let digits = input
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(input.len());
    let text = &input[..digits];
    if text.is_empty() || (text.starts_with('0') && digits > 1) {
        return None;
    }
    let mut value: u64 = 0;
    for digit in text.bytes() {
        value = value
            .checked_mul(10)?
            .checked_add(u64::from(digit - b'0'))?;
    }
    Some((value, &input[digits..]))
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

    fn by_serde(line: &[u8]) -> Option<ChainFields<'_>> {
        serde_json::from_slice(line).ok()
    }

    /// The fast reader either declines or reads what serde_json reads; together they
    /// accept exactly the lines serde_json accepts.
    fn agrees(line: &[u8]) {
        let expected = by_serde(line);
        if let Some(fast) = flat_fields(line) {
            assert_eq!(Some(fast), expected, "{}", String::from_utf8_lossy(line));
        }
        assert_eq!(
            chain_fields(line),
            expected,
            "{}",
            String::from_utf8_lossy(line)
        );
    }

    #[test]
    fn the_fast_reader_reads_what_tresor_writes() {
        let (_dir, path, _) = log_of(3);
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            assert!(flat_fields(line.as_bytes()).is_some(), "{line}");
            agrees(line.as_bytes());
        }
        let first = flat_fields(text.lines().next().unwrap().as_bytes()).unwrap();
        assert_eq!(
            (first.seq, first.prev, first.vault),
            (0, GENESIS_PREV, Some("vid"))
        );
        assert_eq!([b'0'; 64], GENESIS_PREV.as_bytes());
    }

    #[test]
    #[allow(clippy::useless_format)] // one list, some entries with the hash, some without
    fn the_fast_reader_is_as_strict_as_serde() {
        let prev = "ab".repeat(32);
        let cases = [
            format!(r#"{{"seq":1,"prev":"{prev}"}}"#),
            format!(r#"{{"prev":"{prev}","seq":1,"event":"read","version":3}}"#),
            format!(
                r#"{{"seq":1,"prev":"{prev}","base":"0:{prev}","orig_seq":4,"orig_hash":"{prev}"}}"#
            ),
            format!(r#"{{"seq":01,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":-1,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":1.0,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":1e0,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":18446744073709551616,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":18446744073709551615,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":"1","prev":"{prev}"}}"#),
            r#"{"seq":1,"prev":1}"#.to_string(),
            format!(r#"{{"seq":1,"prev":"{prev}","vault":2}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}","orig_seq":"2"}}"#),
            format!(r#"{{"seq":1,"seq":1,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}","prev":"{prev}"}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}","ts":"a","ts":"b"}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}","n":99999999999999999999999}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}","n":-3,"f":1.5,"o":{{"a":[1,null,true]}}}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}","reason":"caf\u00e9 \"x\""}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}","reason":"café"}}"#),
            r#"{"seq":1,"prev":"a\u0062"}"#.to_string(),
            format!(r#"{{"s\u0065q":1,"prev":"{prev}"}}"#),
            format!(r#"{{ "seq":1,"prev":"{prev}"}}"#),
            format!(r#"{{"seq" : 1,"prev":"{prev}"}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}"}} "#),
            format!("{{\"seq\":1,\"prev\":\"{prev}\"}}\r"),
            format!(r#"{{"seq":1,"prev":"{prev}",}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}"}}}}"#),
            format!(r#"{{"seq":1,"prev":"{prev}""#),
            r#"{"seq":1}"#.to_string(),
            format!(r#"{{"prev":"{prev}"}}"#),
            format!(r#"[1,"{prev}"]"#),
            "{}".to_string(),
            String::new(),
        ];
        for case in &cases {
            agrees(case.as_bytes());
        }
        agrees(b"{\"seq\":1,\"prev\":\"a\tb\"}");
        agrees(b"{\"seq\":1,\"prev\":\"\xff\"}");
    }

    proptest::proptest! {
        #[test]
        fn the_fast_reader_agrees_on_mangled_lines(
            edits in proptest::collection::vec(
                (0usize..400, proptest::sample::select(
                    b"{}[]:,\"\\ 0123456789-.eEabu\x00\x7f\xc3\xa9".to_vec()
                ), 0u8..3),
                1..4,
            )
        ) {
            let mut line = format!(
                r#"{{"seq":7,"ts":"2026-11-22T00:00:00.123Z","prev":"{}","event":"read","principal":"alice","secret":"dev/a","version":2,"base":"6:{}"}}"#,
                "ab".repeat(32),
                "cd".repeat(32)
            )
            .into_bytes();
            for (at, byte, how) in edits {
                let at = at % (line.len() + 1);
                match how {
                    0 if at < line.len() => line[at] = byte,
                    1 => line.insert(at, byte),
                    _ if at < line.len() => {
                        line.remove(at);
                    }
                    _ => {}
                }
            }
            agrees(&line);
        }
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
