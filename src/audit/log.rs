//! Appending to the log: read the last line to learn its seq and hash, write one new
//! line with `O_APPEND` under an flock of the log, fsync after it.

use super::event::{AuditEvent, AuditLine, EventRef, GENESIS_PREV};
use super::signature::sign_line;
use crate::crypto::sign::SigningKey;
use crate::error::{Error, Result};
use crate::fault;
use crate::time::Timestamp;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The audit log that belongs beside a vault: `vault.toml` -> `vault.audit.jsonl`.
pub fn audit_log_beside(vault: &Path) -> PathBuf {
    let name = vault
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".toml").unwrap_or(&name);
    vault.with_file_name(format!("{stem}.audit.jsonl"))
}

/// Starts a new log with its line 0, signed by `signer`. Refuses to overwrite an
/// existing file.
pub fn create(path: &Path, event: AuditEvent, signer: Option<&SigningKey>) -> Result<EventRef> {
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::AlreadyExists => Error::other(format!(
                "An audit log already exists at {}; move it away or choose another vault path.",
                path.display()
            )),
            _ => Error::io("Creating the audit log", path, &err),
        })?;
    write_first_line(file, path, event, signer).inspect_err(|_| {
        // A log without its line 0 would block the next `init`.
        let _ = std::fs::remove_file(path);
    })
}

/// The log held open by one command: line 0 and the last line are read through the
/// same descriptor that appends go to, and the last line is read again before an
/// append only if the file changed since.
pub struct AuditLog {
    path: PathBuf,
    file: File,
    /// Why the log could not be opened for appending (a read-only checkout): reading
    /// works, and an append reports this.
    not_writable: Option<std::io::Error>,
    /// The file's length and the reference of its last line, once read.
    tail: Option<(u64, Option<EventRef>)>,
}

impl AuditLog {
    /// Opens an existing log for reading and appending.
    pub fn open(path: &Path) -> Result<Self> {
        let (file, not_writable) = match OpenOptions::new().read(true).append(true).open(path) {
            Ok(file) => (file, None),
            Err(err) if is_read_only(&err) => (open_for_reading(path)?, Some(err)),
            Err(err) => return Err(open_error(path, &err)),
        };
        Ok(AuditLog {
            path: path.to_path_buf(),
            file,
            not_writable,
            tail: None,
        })
    }

    /// The reference of the last line, or `None` for an empty log.
    pub fn tail(&mut self) -> Result<Option<EventRef>> {
        let length = file_length(&self.file, &self.path)?;
        match &self.tail {
            Some((known, last)) if *known == length => Ok(last.clone()),
            _ => {
                let last = read_tail_of(&mut self.file, &self.path, length)?;
                self.tail = Some((length, last.clone()));
                Ok(last)
            }
        }
    }

    /// Opens the log at `path`, creating it (0600, in a private folder) when missing:
    /// for this machine's read log, which starts with its first read.
    pub fn open_or_create(path: &Path) -> Result<Self> {
        if let Some(folder) = path.parent() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(folder)
                .map_err(|err| Error::io("Creating the folder of", path, &err))?;
        }
        OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(path)
            .map_err(|err| Error::io("Creating the read log", path, &err))?;
        Self::open(path)
    }

    /// Appends `events`, each signed by `signer` when one is given, in one write and
    /// one fsync; returns their references in order.
    pub fn append_all(
        &mut self,
        events: Vec<AuditEvent>,
        signer: Option<&SigningKey>,
    ) -> Result<Vec<EventRef>> {
        self.append_lines(events, signer)
            .map(|(references, _)| references)
    }

    /// `append_all`, also returning the bytes appended (to forward them).
    pub fn append_lines(
        &mut self,
        events: Vec<AuditEvent>,
        signer: Option<&SigningKey>,
    ) -> Result<(Vec<EventRef>, Vec<u8>)> {
        if let Some(err) = &self.not_writable {
            return Err(Error::io("Opening the audit log", &self.path, err));
        }
        // Readers share the vault, so two may append to the read log at once: the lock
        // orders their lines. The fsync comes after it, so concurrent readers share
        // one flush (group commit); each returns only once its own line is durable.
        self.file
            .lock()
            .map_err(|err| Error::io("Locking the audit log", &self.path, &err))?;
        let appended = self.append_locked(events, signer);
        let _ = self.file.unlock();
        let (references, bytes, start) = appended?;
        if let Err(err) = fault::check("audit-fsync").and_then(|()| self.file.sync_data()) {
            self.take_back(start);
            return Err(Error::io("Appending to the audit log", &self.path, &err));
        }
        Ok((references, bytes))
    }

    /// After a failed flush, removes the lines just written, unless another process
    /// appended after them (its lines chain to ours: they stay, recording more than
    /// was released, never less).
    fn take_back(&mut self, start: u64) {
        let Some((end, _)) = self.tail.take() else {
            return;
        };
        if self.file.lock().is_err() {
            return;
        }
        if file_length(&self.file, &self.path).is_ok_and(|length| length == end) {
            let _ = self
                .file
                .set_len(start)
                .and_then(|()| self.file.sync_data());
        }
        let _ = self.file.unlock();
    }

    fn append_locked(
        &mut self,
        events: Vec<AuditEvent>,
        signer: Option<&SigningKey>,
    ) -> Result<(Vec<EventRef>, Vec<u8>, u64)> {
        let last = self.tail()?;
        let length = self.tail.as_ref().map_or(0, |(length, _)| *length);
        let (references, bytes) = write_lines_at(
            &mut self.file,
            &self.path,
            last.clone(),
            length,
            events,
            signer,
        )?;
        self.tail = Some((
            length + bytes.len() as u64,
            references.last().cloned().or(last),
        ));
        Ok((references, bytes, length))
    }

    /// Appends one event, signed by `signer` when one is given; returns its reference.
    pub fn append(&mut self, event: AuditEvent, signer: Option<&SigningKey>) -> Result<EventRef> {
        self.append_all(vec![event], signer)?
            .pop()
            .ok_or_else(|| Error::other("No audit event was written."))
    }
}

fn is_read_only(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

/// The reference of the last line, or `None` for an empty log.
pub fn tail(path: &Path) -> Result<Option<EventRef>> {
    AuditLog::open(path)?.tail()
}

fn file_length(file: &File, path: &Path) -> Result<u64> {
    Ok(file
        .metadata()
        .map_err(|err| Error::io("Reading the audit log", path, &err))?
        .len())
}

fn open_for_reading(path: &Path) -> Result<File> {
    File::open(path).map_err(|err| open_error(path, &err))
}

fn open_error(path: &Path, err: &std::io::Error) -> Error {
    match err.kind() {
        std::io::ErrorKind::NotFound => Error::integrity(format!(
            "The audit log {} is missing; the vault's history cannot be verified without it. Restore it from a backup or from git.",
            path.display()
        )),
        _ => Error::io("Opening the audit log", path, err),
    }
}

/// Writes line 0 of a new, empty log.
fn write_first_line(
    mut file: File,
    path: &Path,
    event: AuditEvent,
    signer: Option<&SigningKey>,
) -> Result<EventRef> {
    let (mut references, _) = write_lines_at(&mut file, path, None, 0, vec![event], signer)?;
    fault::check("audit-fsync")
        .and_then(|()| file.sync_data())
        .map_err(|err| Error::io("Appending to the audit log", path, &err))?;
    references
        .pop()
        .ok_or_else(|| Error::other("No audit event was written."))
}

/// Writes `events` after `last` (the line that ends the file's `length` bytes) in one
/// write call: a concurrent reader never sees half a line, and a batch costs one flush
/// (the caller's), not one per event. Returns the references and the bytes written.
fn write_lines_at(
    file: &mut File,
    path: &Path,
    last: Option<EventRef>,
    length: u64,
    events: Vec<AuditEvent>,
    signer: Option<&SigningKey>,
) -> Result<(Vec<EventRef>, Vec<u8>)> {
    let (bytes, references) = render_lines(last, events, signer)?;
    fault::check("audit-append")
        .and_then(|()| file.write_all(&bytes))
        .map_err(|err| {
            // A full disk takes part of a line: cut it off, or every later command
            // would stop at a torn log. The caller holds the lock, so nothing follows it.
            let _ = file.set_len(length).and_then(|()| file.sync_data());
            Error::io("Appending to the audit log", path, &err)
        })?;
    Ok((references, bytes))
}

/// The lines of `events` after `last`, each signed by `signer` when one is given, as
/// bytes to append, with their references.
pub fn render_lines(
    last: Option<EventRef>,
    events: Vec<AuditEvent>,
    signer: Option<&SigningKey>,
) -> Result<(Vec<u8>, Vec<EventRef>)> {
    let (mut seq, mut prev) = match last {
        None => (0, GENESIS_PREV.to_string()),
        Some(last) => (last.seq + 1, last.hash),
    };
    let ts = Timestamp::now().to_string();
    let mut bytes = Vec::new();
    let mut references = Vec::with_capacity(events.len());
    for event in events {
        let line = AuditLine {
            seq,
            ts: ts.clone(),
            prev,
            event,
        };
        let unsigned = serde_json::to_string(&line)
            .map_err(|err| Error::other(format!("Encoding an audit event failed: {err}.")))?;
        let text = match signer {
            Some(signer) => sign_line(&unsigned, signer),
            None => unsigned,
        };
        let reference = EventRef::of_line(seq, text.as_bytes());
        bytes.extend_from_slice(text.as_bytes());
        bytes.push(b'\n');
        prev = reference.hash.clone();
        seq += 1;
        references.push(reference);
    }
    Ok((bytes, references))
}

/// Reads the last complete line of a file known to be `length` bytes long, growing
/// the window from the end until a line start is found.
fn read_tail_of(file: &mut File, path: &Path, length: u64) -> Result<Option<EventRef>> {
    if length == 0 {
        return Ok(None);
    }
    let mut window: u64 = 4096;
    loop {
        let start = length.saturating_sub(window);
        let mut buffer = Vec::with_capacity((length - start) as usize);
        file.seek(SeekFrom::Start(start))
            .and_then(|_| file.take(length - start).read_to_end(&mut buffer))
            .map_err(|err| Error::io("Reading the audit log", path, &err))?;
        if buffer.last() != Some(&b'\n') {
            return Err(Error::integrity(format!(
                "The last line of the audit log {} is incomplete (a torn write or a truncation); `tresor audit verify` shows where.",
                path.display()
            )));
        }
        let body = &buffer[..buffer.len() - 1];
        match body.iter().rposition(|&b| b == b'\n') {
            Some(newline) => return parse_tail(&body[newline + 1..], path).map(Some),
            None if start == 0 => return parse_tail(body, path).map(Some),
            None => window = window.saturating_mul(4),
        }
    }
}

fn parse_tail(line: &[u8], path: &Path) -> Result<EventRef> {
    #[derive(serde::Deserialize)]
    struct Seq {
        seq: u64,
    }
    let parsed: Seq = serde_json::from_slice(line).map_err(|_| {
        Error::integrity(format!(
            "The last line of the audit log {} is not a valid event; `tresor audit verify` shows where.",
            path.display()
        ))
    })?;
    Ok(EventRef::of_line(parsed.seq, line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::SecretBytes;

    fn key() -> SigningKey {
        SigningKey::derive_from_age_secret(&SecretBytes::new(b"test".to_vec()))
    }

    #[test]
    fn appends_chain_sign_and_tail_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.audit.jsonl");
        let first = create(&path, AuditEvent::new("init", Some("alice")), Some(&key())).unwrap();
        assert_eq!(first.seq, 0);
        let mut log = AuditLog::open(&path).unwrap();
        let second = log
            .append(
                AuditEvent::new("create", Some("alice")).secret("a"),
                Some(&key()),
            )
            .unwrap();
        assert_eq!(second.seq, 1);
        assert_eq!(tail(&path).unwrap(), Some(second.clone()));
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let line1: AuditLine = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(line1.prev, first.hash);
        assert!(line1.event.sig.is_some());
        assert_eq!(EventRef::of_line(1, lines[1].as_bytes()), second);
    }

    #[test]
    fn a_long_last_line_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.audit.jsonl");
        create(&path, AuditEvent::new("init", None), Some(&key())).unwrap();
        let long = AuditEvent::new("note", None).detail("x".repeat(20_000));
        let reference = AuditLog::open(&path).unwrap().append(long, None).unwrap();
        assert_eq!(tail(&path).unwrap(), Some(reference));
    }

    #[test]
    fn a_torn_last_line_is_an_integrity_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.audit.jsonl");
        create(&path, AuditEvent::new("init", None), Some(&key())).unwrap();
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"seq\":1").unwrap();
        assert_eq!(
            AuditLog::open(&path)
                .unwrap()
                .append(AuditEvent::new("x", None), None)
                .unwrap_err()
                .exit_code(),
            5
        );
    }

    #[test]
    fn beside_the_vault() {
        assert_eq!(
            audit_log_beside(Path::new("/a/vault.toml")),
            PathBuf::from("/a/vault.audit.jsonl")
        );
        assert_eq!(
            audit_log_beside(Path::new("/a/team")),
            PathBuf::from("/a/team.audit.jsonl")
        );
    }
}
