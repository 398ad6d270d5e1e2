//! Trust (format 2, DESIGN.md section 9): deciding whether a vault file and its audit
//! log are what principals allowed to write them wrote. The root is signed and pinned
//! per machine (`pin`); the log is replayed from the last verified line (`ledger`);
//! the vault must then hold exactly the trust state and the records the last signed
//! changes name (`digest`). No shared key is involved: public keys decide.

mod authority;
mod check;
pub mod document;
pub mod ledger;
pub mod pin;
pub mod records;

use crate::crypto::sign::Domain;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vault::digest::{self, RecordKey};
use crate::vault::store::Scope;
use ledger::{Ledger, Settled};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

/// A vault verified against its log: the root's fingerprint, the ledger's view, and
/// what the user should be told.
pub struct Verified {
    pub root: String,
    pub settled: Settled,
    /// The digest of each record the vault holds (as loaded), each checked.
    pub digests: BTreeMap<RecordKey, String>,
    /// The log's length and its last line as verified, so an append need not read it.
    pub tail: (u64, crate::audit::EventRef),
    pub warnings: Vec<String>,
}

/// How a verification starts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// From the last line this machine verified (or the root, the first time).
    Pin,
    /// From the root, whatever was verified before (`audit verify`).
    Root,
}

fn breach(vault: &Vault, why: &str) -> Error {
    Error::integrity(format!(
        "The vault {} cannot be trusted: {why}. Restore the vault and its audit log from git or a backup; `tresor audit verify` shows more.",
        vault.id
    ))
}

/// A new vault's root: its id and its first admin's keys, signed by that admin.
pub fn new_root(
    id: &str,
    admin: &crate::vault::PrincipalName,
    identity: &crate::identity::Identity,
) -> crate::vault::Root {
    let signing = identity.signing_key();
    let mut root = crate::vault::Root {
        admin: admin.clone(),
        recipient: identity.recipient().to_string(),
        signing: signing.public(),
        created: crate::time::Timestamp::now(),
        sig: signing.sign(Domain::Root, b""),
    };
    root.sig = signing.sign(Domain::Root, digest::root_encoding(id, &root).as_bytes());
    root
}

/// Checks the root's own signature and, where one is given, that it is the expected one.
pub fn verify_root(vault: &Vault, expect_root: Option<&str>) -> Result<String> {
    let root = &vault.root;
    let encoding = digest::root_encoding(&vault.id, root);
    if !root
        .signing
        .verify(Domain::Root, encoding.as_bytes(), &root.sig)
    {
        return Err(breach(vault, "its root is not signed by the key it names"));
    }
    let fingerprint = digest::root_fingerprint(&vault.id, root);
    expect(vault, &fingerprint, expect_root)?;
    Ok(fingerprint)
}

/// Checks the root's fingerprint against the one the caller pinned, if any.
fn expect(vault: &Vault, fingerprint: &str, expect_root: Option<&str>) -> Result<()> {
    match expect_root {
        Some(expected) if expected.trim() != fingerprint => Err(Error::integrity(format!(
            "The vault {} has the root {fingerprint}, not the expected {} (TRESOR_EXPECT_ROOT or --expect-root): it is not the vault you pinned.",
            vault.id,
            expected.trim()
        ))),
        _ => Ok(()),
    }
}

/// Verifies `vault` against the audit log at `log_path`, then records what was
/// verified in this machine's pin.
pub fn verify(
    vault: &Vault,
    log_path: &Path,
    expect_root: Option<&str>,
    from: From,
    scope: &Scope,
) -> Result<Verified> {
    let pin = pin::load(&vault.id)?;
    // A root this machine pinned was verified when it was pinned; the fingerprint
    // covers its signature, so the same fingerprint is the same, verified root.
    let fingerprint = digest::root_fingerprint(&vault.id, &vault.root);
    let root = match &pin {
        Some(pin) if pin.root == fingerprint => {
            expect(vault, &fingerprint, expect_root)?;
            fingerprint
        }
        _ => verify_root(vault, expect_root)?,
    };
    if let Some(pin) = &pin
        && pin.root != root
    {
        return Err(Error::integrity(format!(
            "The vault {} has the root {root}, but this machine pinned {} for that id: it was replaced by another vault. If you created a new vault with the same id on purpose, run `tresor trust forget {}`.",
            vault.id, pin.root, vault.id
        )));
    }
    let pinned = pin.as_ref().filter(|_| from == From::Pin);
    let Replayed {
        mut ledger,
        last_start,
        end,
        settled,
        digests,
    } = match replay_file(vault, log_path, &root, pinned, scope) {
        // The history this machine verified was merged into another (a merge elsewhere
        // carried it): not older, so it is verified again from the root.
        Err(err)
            if pinned
                .as_ref()
                .is_some_and(|pin| carries(log_path, &pin.ledger.last)) =>
        {
            let _ = err;
            replay_file(vault, log_path, &root, None, scope)?
        }
        other => other?,
    };
    // Pin the write the vault holds as applied: putting back the vault from before it,
    // with the log kept, must read as a rollback here, not as an interrupted write.
    ledger
        .confirm(&vault.head)
        .map_err(|why| breach(vault, &why))?;
    let tail = (end, ledger.last.clone());
    let mut warnings = Vec::new();
    if let Some(unfinished) = &settled.unfinished {
        warnings.push(format!(
            "The write recorded at line {} of the audit log never reached the vault (an interrupted command); the vault is as it was before it.",
            unfinished.seq
        ));
    }
    // Written only when there is something new to pin: a read that verified nothing
    // new costs no write.
    let unchanged = pin.as_ref().is_some_and(|pin| {
        pin.root == root && pin.offset == last_start && pin.end == end && pin.ledger == ledger
    });
    if !unchanged {
        let saved = pin::save(
            &vault.id,
            &pin::Pin {
                root: root.clone(),
                offset: last_start,
                end,
                ledger,
            },
        );
        if let Err(err) = saved {
            warnings.push(format!(
                "{} This machine keeps no record of what it verified, so an older copy of the vault put back would not be noticed here; pin the root with TRESOR_EXPECT_ROOT.",
                err.message()
            ));
        }
    }
    Ok(Verified {
        root,
        settled,
        digests,
        tail,
        warnings,
    })
}

/// Verifies `vault` against the log at `log_path` from its root, touching no pin (a
/// branch being merged, say).
pub fn replay(vault: &Vault, log_path: &Path) -> Result<Settled> {
    let root = verify_root(vault, None)?;
    replay_file(vault, log_path, &root, None, &Scope::All).map(|replayed| replayed.settled)
}

/// A log read to its end: the ledger, where its last line starts and where it ends,
/// what the vault must hold, and the digest of each record loaded, each checked.
struct Replayed {
    ledger: Ledger,
    last_start: u64,
    end: u64,
    settled: Settled,
    digests: BTreeMap<RecordKey, String>,
}

/// The ledger after reading the log (from `pinned`, else from the root), where its
/// last line starts, and what the vault must hold; the vault checked against it.
fn replay_file(
    vault: &Vault,
    log_path: &Path,
    root: &str,
    pinned: Option<&pin::Pin>,
    scope: &Scope,
) -> Result<Replayed> {
    let mut file = std::fs::File::open(log_path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => Error::integrity(format!(
            "The audit log {} is missing; the vault cannot be verified without it. Restore it from git or a backup.",
            log_path.display()
        )),
        _ => Error::io("Opening the audit log", log_path, &err),
    })?;
    // A device or a pipe never ends (/dev/full reads zeros forever): only a file is a log.
    if !file.metadata().is_ok_and(|meta| meta.is_file()) {
        return Err(Error::integrity(format!(
            "The audit log {} is not a regular file; the vault cannot be verified without its log. Restore it from git or a backup.",
            log_path.display()
        )));
    }
    // `next`: where the next line starts; `last_start`: where `ledger.last` starts.
    let (mut ledger, mut next, mut last_start) = match pinned {
        Some(pin) => resume(vault, &mut file, log_path, pin)?,
        None => start(vault, &mut file, log_path, root)?,
    };
    let mut reader = BufReader::new(&mut file);
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|err| Error::io("Reading the audit log", log_path, &err))?;
        if read == 0 {
            break;
        }
        let body = line.strip_suffix(b"\n").ok_or_else(|| torn(log_path))?;
        if crate::vault::format::holds_conflict_markers(body) {
            return Err(crate::vault::format::conflicted(
                &log_path.display().to_string(),
            ));
        }
        ledger.read(body).map_err(|why| breach(vault, &why))?;
        last_start = next;
        next += read as u64;
    }
    let settled = ledger
        .settle(&vault.head)
        .map_err(|why| breach(vault, &why))?;
    let digests = check::check_vault(vault, &settled, scope)?;
    Ok(Replayed {
        ledger,
        last_start,
        end: next,
        settled,
        digests,
    })
}

/// Whether the log carries (in a merge's `carried` line) the line `last`.
fn carries(log_path: &Path, last: &crate::audit::EventRef) -> bool {
    let Some(text) = whole_log(log_path) else {
        return false;
    };
    text.split(|&b| b == b'\n').any(|line| {
        serde_json::from_slice::<crate::audit::AuditLine>(line)
            .ok()
            .filter(|parsed| parsed.event.event == "carried")
            .and_then(|parsed| parsed.event.line)
            .is_some_and(|inner| {
                crate::audit::EventRef::of_line(last.seq, inner.as_bytes()) == *last
            })
    })
}

/// The whole log, when it is a regular file (a device such as /dev/full never ends).
fn whole_log(log_path: &Path) -> Option<Vec<u8>> {
    std::fs::metadata(log_path)
        .is_ok_and(|meta| meta.is_file())
        .then(|| std::fs::read(log_path).ok())
        .flatten()
}

fn torn(log_path: &Path) -> Error {
    Error::integrity(format!(
        "The last line of the audit log {} is incomplete (a torn write or a truncation); `tresor audit verify` shows where.",
        log_path.display()
    ))
}

/// The ledger from the line that carries the root: line 0 of a vault made in format 2,
/// or the `upgrade` line of one made in format 1, whose earlier (unsigned) lines are
/// only checked to chain.
fn start(
    vault: &Vault,
    file: &mut std::fs::File,
    log_path: &Path,
    root: &str,
) -> Result<(Ledger, u64, u64)> {
    let mut reader = BufReader::new(&mut *file);
    let mut line = Vec::new();
    let mut offset = 0u64;
    let mut previous: Option<crate::audit::EventRef> = None;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|err| Error::io("Reading the audit log", log_path, &err))?;
        if read == 0 {
            return Err(breach(
                vault,
                "its audit log holds no line that creates it from its root",
            ));
        }
        let body = line.strip_suffix(b"\n").ok_or_else(|| torn(log_path))?;
        if crate::vault::format::holds_conflict_markers(body) {
            return Err(crate::vault::format::conflicted(
                &log_path.display().to_string(),
            ));
        }
        offset += read as u64;
        let parsed: crate::audit::AuditLine = serde_json::from_slice(body)
            .map_err(|_| breach(vault, "its audit log holds a line that is not an event"))?;
        let expected_prev = previous
            .as_ref()
            .map_or(crate::audit::GENESIS_PREV.to_string(), |p| p.hash.clone());
        let expected_seq = previous.as_ref().map_or(0, |p| p.seq + 1);
        if parsed.seq != expected_seq || parsed.prev != expected_prev {
            return Err(breach(
                vault,
                &format!("its audit log breaks its chain at line {expected_seq}"),
            ));
        }
        if parsed.event.root.is_some() {
            let ledger = Ledger::genesis(
                &vault.id,
                root,
                &vault.root.admin,
                &vault.root.signing,
                expected_seq,
                &expected_prev,
                body,
            )
            .map_err(|why| breach(vault, &why))?;
            drop(reader);
            file.seek(SeekFrom::Start(offset))
                .map_err(|err| Error::io("Reading the audit log", log_path, &err))?;
            return Ok((ledger, offset, offset - read as u64));
        }
        previous = Some(crate::audit::EventRef::of_line(parsed.seq, body));
    }
}

/// The pinned ledger, after checking that the log still continues the pinned line
/// where it ended: a log (and vault) older than what this machine saw, or from another
/// history, does not. The pinned line itself is not read again (it may be megabytes
/// long): the line after it names its hash, and without one, what this command relies
/// on is the pinned ledger, which the vault's head must then match.
fn resume(
    vault: &Vault,
    file: &mut std::fs::File,
    log_path: &Path,
    pin: &pin::Pin,
) -> Result<(Ledger, u64, u64)> {
    #[derive(serde::Deserialize)]
    struct Link {
        seq: u64,
        prev: String,
    }
    let io = |err: std::io::Error| Error::io("Reading the audit log", log_path, &err);
    let len = file.metadata().map_err(io)?.len();
    let reader = crate::sorted_file::Reader::new(&*file);
    let last = &pin.ledger.last;
    // The pinned line still ends where it did, and the next line (if any) follows it.
    let ends_there = len >= pin.end
        && (pin.end == 0 || reader.read_range(pin.end - 1, pin.end).map_err(io)? == b"\n");
    let continues = ends_there
        && match reader.line_at(pin.end, len).map_err(io)? {
            // Nothing after it, or a torn line the replay reports.
            None => true,
            Some((line, _)) => serde_json::from_slice::<Link>(&line)
                .is_ok_and(|link| link.seq == last.seq + 1 && link.prev == last.hash),
        };
    if !continues {
        if std::fs::read(log_path)
            .is_ok_and(|text| crate::vault::format::holds_conflict_markers(&text))
        {
            return Err(crate::vault::format::conflicted(
                &log_path.display().to_string(),
            ));
        }
        return Err(Error::integrity(format!(
            "The audit log of the vault {} no longer holds line {} that this machine verified: the vault and its log are older than what was seen here, or from another history. Bring the checkout up to date (`git pull`); if you went back on purpose, `tresor trust forget {}` accepts this state.",
            vault.id, last.seq, vault.id
        )));
    }
    file.seek(SeekFrom::Start(pin.end)).map_err(io)?;
    Ok((pin.ledger.clone(), pin.end, pin.offset))
}
