//! What one audit line says, and how a line is referred to (`SEQ:HASH`).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

pub const GENESIS_PREV: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A line of the log by its sequence number and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventRef {
    pub seq: u64,
    pub hash: String,
}

impl EventRef {
    /// A placeholder for records made before their first event is written.
    pub fn genesis() -> Self {
        EventRef {
            seq: 0,
            hash: GENESIS_PREV.to_string(),
        }
    }

    pub fn of_line(seq: u64, line: &[u8]) -> Self {
        EventRef {
            seq,
            hash: hash_line(line),
        }
    }
}

pub fn hash_line(line: &[u8]) -> String {
    hex::encode(Sha256::digest(line))
}

impl fmt::Display for EventRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl FromStr for EventRef {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let invalid = || {
            Error::usage(format!(
                "'{text}' is not an audit head; it looks like SEQ:HASH (12:3f2a…, 64 hex digits)."
            ))
        };
        let (seq, hash) = text.trim().split_once(':').ok_or_else(invalid)?;
        let seq = seq.parse().map_err(|_| invalid())?;
        if hash.len() != 64
            || !hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(invalid());
        }
        Ok(EventRef {
            seq,
            hash: hash.to_string(),
        })
    }
}

/// What happened, by whom, to what. Never a value, a key or a passphrase.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<String>,
    /// The principal or keyring an administrative event acted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// On a write: the vault's last write before it (`SEQ:HASH`). Writes form a chain
    /// through the log, so a vault rolled back to an older copy is caught.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// On an event re-appended by a merge: where it stood in the other branch's log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orig_seq: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orig_hash: Option<String>,
    /// On line 0: the fingerprint of the vault's root, which signs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    /// On a change of trust state: the new state, whole (signed by an admin of the one
    /// before), so anyone can replay who was allowed what, when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<TrustDocument>,
    /// On a write: the records it changed, each with its new digest (format 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// On a `carried` line of a merge: the other branch's line, verbatim (its own
    /// signature intact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// On a merge: the carried line whose trust state it takes from the other branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust_via: Option<u64>,
    /// On a request to join: the requester's own signing key, which signs the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The actor's signature over the line without this member (format 2). Always
    /// written last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sig: Option<String>,
}

/// One record a write changed: its kind and key, the right the writer used, and the
/// record's new digest (`None`: removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: String,
    pub key: String,
    pub action: String,
    pub digest: Option<String>,
    /// On a merge: the carried line whose signed change this is (the other branch's
    /// writer, not the merger, vouches for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<u64>,
}

/// A trust state as an event carries it: every principal with its keys, and the
/// policy document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustDocument {
    pub principals: std::collections::BTreeMap<String, PrincipalKeys>,
    pub policy: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipalKeys {
    pub recipient: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<String>,
    pub added: String,
}

impl AuditEvent {
    /// Whether this event changes the vault (format 2: it names records or a trust
    /// state, or merges another branch's history in, even one that changed nothing).
    pub fn is_write(&self) -> bool {
        !self.changes.is_empty() || self.trust.is_some() || self.event == "merge"
    }

    pub fn new(event: &str, principal: Option<&str>) -> Self {
        AuditEvent {
            event: event.to_string(),
            principal: principal.map(str::to_string),
            ..AuditEvent::default()
        }
    }

    pub fn secret(mut self, name: &str) -> Self {
        self.secret = Some(name.to_string());
        self
    }

    pub fn version(mut self, number: u32) -> Self {
        self.version = Some(number);
        self
    }

    pub fn alias(mut self, alias: &str) -> Self {
        self.alias = Some(alias.to_string());
        self
    }

    pub fn target(mut self, target: &str) -> Self {
        self.target = Some(target.to_string());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn reason(mut self, reason: Option<&str>) -> Self {
        self.reason = reason.map(str::to_string);
        self
    }
}

/// One line of the log as written: the chain fields first, then the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub seq: u64,
    pub ts: String,
    pub prev: String,
    #[serde(flatten)]
    pub event: AuditEvent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_layout_is_stable() {
        let line = AuditLine {
            seq: 0,
            ts: "2026-11-22T00:00:00Z".into(),
            prev: GENESIS_PREV.into(),
            event: AuditEvent {
                vault: Some("v1".into()),
                ..AuditEvent::new("init", Some("alice"))
            },
        };
        let text = serde_json::to_string(&line).unwrap();
        assert_eq!(
            text,
            format!(
                r#"{{"seq":0,"ts":"2026-11-22T00:00:00Z","prev":"{GENESIS_PREV}","event":"init","principal":"alice","vault":"v1"}}"#
            )
        );
        assert_eq!(serde_json::from_str::<AuditLine>(&text).unwrap(), line);
    }

    #[test]
    fn heads_parse() {
        let head: EventRef = format!("12:{}", "ab".repeat(32)).parse().unwrap();
        assert_eq!(head.seq, 12);
        assert!("12".parse::<EventRef>().is_err());
        assert!("x:ab".parse::<EventRef>().is_err());
        assert_eq!(
            hash_line(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
