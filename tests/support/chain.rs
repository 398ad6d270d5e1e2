//! The audit chain recomputed by hand (DESIGN.md section 5): each line's `prev` is the
//! lowercase hex SHA-256 of the previous line's exact bytes, 64 zeros on line 0.

use sha2::{Digest, Sha256};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The lines of a log without their newlines; the log must end with one.
pub fn lines(log: &str) -> Vec<String> {
    assert!(log.ends_with('\n'), "the log ends mid-line");
    log.lines().map(str::to_string).collect()
}

/// A log made of `lines`, each `\n`-terminated.
pub fn join(lines: &[String]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// `SEQ:HASH` of line `seq`.
pub fn reference(lines: &[String], seq: usize) -> String {
    format!("{seq}:{}", sha256_hex(lines[seq].as_bytes()))
}

/// One field of a line, parsed as JSON.
pub fn field(line: &str, key: &str) -> serde_json::Value {
    let parsed: serde_json::Value = serde_json::from_str(line).expect("an audit line is JSON");
    parsed[key].clone()
}

/// Checks the chain: `seq` counts from 0 and `prev` hashes the line before.
pub fn check(lines: &[String]) -> Result<(), String> {
    let mut prev = GENESIS.to_string();
    for (seq, line) in lines.iter().enumerate() {
        if field(line, "seq") != serde_json::json!(seq) {
            return Err(format!("line {seq}: wrong seq"));
        }
        if field(line, "prev") != serde_json::json!(prev) {
            return Err(format!(
                "line {seq}: prev is not the hash of the line before"
            ));
        }
        prev = sha256_hex(line.as_bytes());
    }
    Ok(())
}

/// Makes the chain valid again from line `from` on by rewriting each `prev` (what
/// anyone can do: the chain has no key).
pub fn rechain(lines: &mut [String], from: usize) {
    for seq in from.max(1)..lines.len() {
        let old = format!("\"prev\":{}", field(&lines[seq], "prev"));
        let new = format!("\"prev\":\"{}\"", sha256_hex(lines[seq - 1].as_bytes()));
        lines[seq] = lines[seq].replacen(&old, &new, 1);
    }
}

/// A well-formed event at `seq` chained to `previous` (None for line 0).
pub fn forged(seq: usize, previous: Option<&str>) -> String {
    let prev = previous.map_or(GENESIS.to_string(), |line| sha256_hex(line.as_bytes()));
    format!(
        r#"{{"seq":{seq},"ts":"2026-01-01T00:00:00Z","prev":"{prev}","event":"read","principal":"mallory","secret":"s/a","version":1}}"#
    )
}
