//! What this machine has verified of each vault, as ssh keeps known_hosts: the root's
//! fingerprint, and the ledger at the last log line verified (with that line's place
//! in the file), so the next command replays only what was appended since. Kept in
//! the data folder, one file per vault id.

use super::document::{from_document, to_document};
use super::ledger::{Ledger, Pending};
use super::records::Records;
use crate::audit::{EventRef, TrustDocument};
use crate::error::{Error, Result};
use crate::vault::digest::{Kind, RecordKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// A vault's pin: its root, and the ledger at line `ledger.last`, which starts at
/// byte `offset` of the log.
pub struct Pin {
    pub root: String,
    pub offset: u64,
    /// Where the line after it starts: the log's length when it was pinned.
    pub end: u64,
    pub ledger: Ledger,
}

/// Where pins are kept: `TRESOR_TRUST_DIR`, else `trust/` in the data folder.
pub fn folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TRESOR_TRUST_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "tresor").map(|dirs| dirs.data_dir().join("trust"))
}

fn path_for(folder: &Path, vault_id: &str) -> Option<PathBuf> {
    // Vault ids are hex; anything else never names a file here.
    let plain = !vault_id.is_empty()
        && vault_id.len() <= 64
        && vault_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    plain.then(|| folder.join(format!("{vault_id}.pin")))
}

/// The pin of `vault_id`, if this machine has one. Its records stay in the file.
pub fn load(vault_id: &str) -> Result<Option<Pin>> {
    let Some(path) = folder().and_then(|folder| path_for(&folder, vault_id)) else {
        return Ok(None);
    };
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(Error::io("Reading the trust pin", &path, &err)),
    };
    let broken = || {
        Error::other(format!(
            "The trust pin {} is unreadable; remove it with `tresor trust forget {vault_id}` and verify the vault again from its root.",
            path.display()
        ))
    };
    let len = file
        .metadata()
        .map_err(|err| Error::io("Reading the trust pin", &path, &err))?
        .len();
    let file = crate::sorted_file::Reader::new(file);
    let (header, records_start) = file
        .line_at(0, len)
        .map_err(|err| Error::io("Reading the trust pin", &path, &err))?
        .ok_or_else(broken)?;
    let header: PinFile = serde_json::from_slice(&header).map_err(|_| broken())?;
    header
        .into_pin(Records::pinned(file, records_start, len))
        .ok_or_else(broken)
        .map(Some)
}

/// Records `pin` for `vault_id`, replacing the one before: its header, then its
/// records (the unchanged ones copied from the pin file they were read from).
pub fn save(vault_id: &str, pin: &Pin) -> Result<()> {
    let Some(folder) = folder() else {
        return Ok(());
    };
    let Some(path) = path_for(&folder, vault_id) else {
        return Ok(());
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&folder)
        .map_err(|err| Error::io("Creating the trust folder", &folder, &err))?;
    let mut header = serde_json::to_vec(&PinFile::of(pin))
        .map_err(|err| Error::other(format!("Encoding the trust pin failed: {err}.")))?;
    header.push(b'\n');
    crate::fs::write_atomic_with(&path, "the trust pin", |out| {
        use std::io::Write;
        out.write_all(&header)?;
        pin.ledger.records.write(out)
    })
}

/// Forgets `vault_id`: its next open verifies it from its root again.
pub fn forget(vault_id: &str) -> Result<bool> {
    let Some(path) = folder().and_then(|folder| path_for(&folder, vault_id)) else {
        return Ok(false);
    };
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(Error::io("Removing the trust pin", &path, &err)),
    }
}

#[derive(Serialize, Deserialize)]
struct PinFile {
    root: String,
    offset: u64,
    end: u64,
    last: String,
    applied: String,
    trust: TrustDocument,
    pending: Option<PendingFile>,
}

#[derive(Serialize, Deserialize)]
struct RecordFile {
    kind: String,
    key: String,
    digest: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct PendingFile {
    at: String,
    actor: String,
    trust: Option<TrustDocument>,
    changes: Vec<RecordFile>,
}

impl PinFile {
    fn of(pin: &Pin) -> Self {
        let ledger = &pin.ledger;
        PinFile {
            root: pin.root.clone(),
            offset: pin.offset,
            end: pin.end,
            last: ledger.last.to_string(),
            applied: ledger.applied.to_string(),
            trust: to_document(&ledger.trust),
            pending: ledger.pending.as_ref().map(|pending| PendingFile {
                at: pending.at.to_string(),
                actor: pending.actor.to_string(),
                trust: pending.trust.as_ref().map(to_document),
                changes: pending
                    .changes
                    .iter()
                    .map(|(key, digest)| RecordFile {
                        kind: key.kind.as_str().to_string(),
                        key: key.key.clone(),
                        digest: digest.clone(),
                    })
                    .collect(),
            }),
        }
    }

    fn into_pin(self, records: Records) -> Option<Pin> {
        let key = |record: &RecordFile| {
            Some(RecordKey {
                kind: Kind::parse(&record.kind)?,
                key: record.key.clone(),
            })
        };
        let pending = match self.pending {
            None => None,
            Some(pending) => Some(Pending {
                at: pending.at.parse::<EventRef>().ok()?,
                actor: pending.actor.parse().ok()?,
                trust: match &pending.trust {
                    None => None,
                    Some(document) => Some(from_document(document).ok()?),
                },
                changes: pending
                    .changes
                    .iter()
                    .map(|change| Some((key(change)?, change.digest.clone())))
                    .collect::<Option<Vec<_>>>()?,
            }),
        };
        Some(Pin {
            root: self.root,
            offset: self.offset,
            end: self.end,
            ledger: Ledger {
                trust: from_document(&self.trust).ok()?,
                records,
                applied: self.applied.parse().ok()?,
                pending,
                last: self.last.parse().ok()?,
                carried: BTreeMap::new(),
            },
        })
    }
}
