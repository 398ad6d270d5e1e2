//! Merging two branches' audit logs into one chain: our lines stay as they are, a
//! `merge` event records the other branch's head, then the other branch's new events
//! are re-appended with a pointer to where they stood (`orig_seq`, `orig_hash`), so
//! references and heads published on either branch still verify.

use super::event::{AuditEvent, AuditLine, EventRef, GENESIS_PREV, hash_line};
use crate::error::{Error, Result};
use crate::time::Timestamp;

fn lines(log: &[u8], side: &str) -> Result<Vec<Vec<u8>>> {
    if log.is_empty() {
        return Ok(Vec::new());
    }
    if log.last() != Some(&b'\n') {
        return Err(Error::integrity(format!(
            "The {side} audit log ends with an incomplete line."
        )));
    }
    Ok(log[..log.len() - 1]
        .split(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect())
}

fn parse(line: &[u8], side: &str) -> Result<AuditLine> {
    serde_json::from_slice(line).map_err(|_| {
        Error::integrity(format!(
            "The {side} audit log holds a line that is not an audit event."
        ))
    })
}

/// Checks that `lines` form a chain starting after `prev` at `seq`.
fn check_chain(lines: &[Vec<u8>], mut seq: u64, mut prev: String, side: &str) -> Result<()> {
    for line in lines {
        let parsed = parse(line, side)?;
        if parsed.seq != seq || parsed.prev != prev {
            return Err(Error::integrity(format!(
                "The {side} audit log does not verify at seq {seq}; run `tresor audit verify` on that branch."
            )));
        }
        prev = hash_line(line);
        seq += 1;
    }
    Ok(())
}

/// Merges `theirs` into `ours`; both extend a common history. `principal` names who
/// merged, when known.
pub fn merge(ours: &[u8], theirs: &[u8], principal: Option<&str>) -> Result<Vec<u8>> {
    let our_lines = lines(ours, "our")?;
    let their_lines = lines(theirs, "other")?;
    let common = our_lines
        .iter()
        .zip(&their_lines)
        .take_while(|(a, b)| a == b)
        .count();
    check_chain(&our_lines, 0, GENESIS_PREV.to_string(), "our")?;
    check_chain(&their_lines, 0, GENESIS_PREV.to_string(), "other")?;
    if common == their_lines.len() {
        return Ok(ours.to_vec());
    }
    if common == our_lines.len() {
        return Ok(theirs.to_vec());
    }
    if common == 0 {
        return Err(Error::integrity(
            "The two audit logs share no history: they belong to different vaults.",
        ));
    }
    let their_head = EventRef::of_line(
        their_lines.len() as u64 - 1,
        &their_lines[their_lines.len() - 1],
    );
    let mut out = ours.to_vec();
    let mut prev = hash_line(&our_lines[our_lines.len() - 1]);
    let mut seq = our_lines.len() as u64;
    let merge_event = AuditEvent::new("merge", principal)
        .detail(format!("merged the other branch at head {their_head}"));
    prev = push_line(
        &mut out,
        &AuditLine {
            seq,
            ts: Timestamp::now().to_string(),
            prev,
            event: merge_event,
        },
    )?;
    seq += 1;
    for (index, line) in their_lines.iter().enumerate().skip(common) {
        let original = parse(line, "other")?;
        let mut event = original.event;
        event.orig_seq = Some(index as u64);
        event.orig_hash = Some(hash_line(line));
        prev = push_line(
            &mut out,
            &AuditLine {
                seq,
                ts: original.ts,
                prev,
                event,
            },
        )?;
        seq += 1;
    }
    Ok(out)
}

/// Appends one line; returns its hash.
fn push_line(out: &mut Vec<u8>, line: &AuditLine) -> Result<String> {
    let text = serde_json::to_string(line)
        .map_err(|err| Error::other(format!("Encoding an audit event failed: {err}.")))?;
    out.extend_from_slice(text.as_bytes());
    out.push(b'\n');
    Ok(hash_line(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::super::{AuditLog, create, verify};
    use super::*;

    fn append(path: &std::path::Path, event: AuditEvent) -> crate::Result<EventRef> {
        AuditLog::open(path)?.append(event, None)
    }

    #[test]
    fn both_branches_appended() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.jsonl");
        let mut init = AuditEvent::new("init", Some("alice"));
        init.vault = Some("vid".into());
        create(&base, init, None).unwrap();
        append(&base, AuditEvent::new("create", Some("alice")).secret("a")).unwrap();
        let ours = dir.path().join("ours.jsonl");
        let theirs = dir.path().join("theirs.jsonl");
        std::fs::copy(&base, &ours).unwrap();
        std::fs::copy(&base, &theirs).unwrap();
        let our_ref = append(&ours, AuditEvent::new("rotate", Some("alice")).secret("a")).unwrap();
        let their_1 = append(&theirs, AuditEvent::new("create", Some("bob")).secret("b")).unwrap();
        let their_head = append(&theirs, AuditEvent::new("read", Some("bob")).secret("b")).unwrap();
        let merged = merge(
            &std::fs::read(&ours).unwrap(),
            &std::fs::read(&theirs).unwrap(),
            Some("alice"),
        )
        .unwrap();
        let out = dir.path().join("merged.jsonl");
        std::fs::write(&out, &merged).unwrap();
        let required = vec![
            (our_ref, "ours".to_string()),
            (their_1, "theirs".to_string()),
            (their_head, "their head".to_string()),
        ];
        let verification = verify(&out, Some("vid"), None, &required).unwrap();
        assert_eq!(verification.lines, 6);
        let text = String::from_utf8(merged).unwrap();
        assert_eq!(text.matches("\"event\":\"create\"").count(), 2);
        assert!(text.contains("\"event\":\"merge\""));
        // Fast-forwards need no merge event.
        let ff = merge(
            &std::fs::read(&base).unwrap(),
            &std::fs::read(&theirs).unwrap(),
            None,
        )
        .unwrap();
        assert_eq!(ff, std::fs::read(&theirs).unwrap());
    }
}
