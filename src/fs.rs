//! Files on disk: atomic replacement (temp, fsync, rename, fsync the folder), files
//! created 0600, capped reads, and the vault lock.
//!
//! A writer holds an flock on its temp file until the rename, so a temp file nobody
//! holds is what a killed writer left behind; every successful write removes those.

use crate::error::{Error, Result};
use crate::fault;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

/// Replaces `path` with `bytes` so a crash at any instant leaves the old file or the
/// new one, never a mix. The new file is 0600.
pub fn write_atomic(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    write_atomic_with(path, what, |file| file.write_all(bytes))
}

/// `write_atomic` of what `fill` writes into the new file (which may copy ranges of
/// another file into it without holding them in memory).
pub fn write_atomic_with(
    path: &Path,
    what: &str,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<()> {
    let folder = parent_of(path);
    let mut temp = held_temp_file(&folder).map_err(|err| {
        Error::io(
            &format!("Writing {what}: creating a temporary file in"),
            &folder,
            &err,
        )
    })?;
    fault::check("temp-write")
        .and_then(|()| fill(temp.as_file_mut()))
        .and_then(|()| fault::check("temp-fsync"))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| Error::io(&format!("Writing {what}"), temp.path(), &err))?;
    match fault::check("rename") {
        Ok(()) => temp.persist(path).map(drop).map_err(|err| err.error),
        Err(err) => Err(err), // dropping `temp` removes it
    }
    .map_err(|err| Error::io(&format!("Replacing {what}"), path, &err))?;
    sync_folder(&folder).map_err(|err| {
        // The rename is done: say so, or a retry would make the change twice.
        Error::other(format!(
            "{}; {what} was replaced all the same, but the change may not survive a power loss.",
            err.message().trim_end_matches('.')
        ))
    })?;
    remove_abandoned_temp_files(&folder);
    Ok(())
}

const TEMP_PREFIX: &str = ".tresor-";
const TEMP_SUFFIX: &str = ".tmp";

/// A new temp file in `folder`, 0600, with this process's flock on it, so that
/// `remove_abandoned_temp_files` leaves it alone.
fn held_temp_file(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut attempts = 0;
    loop {
        fault::check("temp-create")?;
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .tempfile_in(folder)?;
        // Another write may have taken the file for abandoned between its creation
        // and this lock (it locks, then removes): then it is gone, and we start over.
        let held = match temp.as_file().try_lock() {
            Ok(()) => still_at_its_path(temp.as_file(), temp.path()),
            Err(TryLockError::WouldBlock) => false,
            Err(TryLockError::Error(err)) => return Err(err),
        };
        attempts += 1;
        if held || attempts >= 3 {
            return Ok(temp);
        }
    }
}

/// Whether `path` still names the file `file` is open on.
fn still_at_its_path(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Removes the `.tresor-*.tmp` files in `folder` that no live writer holds: those a
/// writer killed before its rename left. Best effort: what cannot be removed now is
/// removed by a later write.
fn remove_abandoned_temp_files(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_temp_name = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
        if !is_temp_name || !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = OpenOptions::new()
            .read(true)
            .custom_flags(no_follow())
            .open(&path)
        else {
            continue;
        };
        // A writer holds its temp file until the rename; the kernel frees the lock of
        // one that was killed. Removing under the lock keeps a starting writer out.
        if file.try_lock().is_ok() && still_at_its_path(&file, &path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

fn no_follow() -> i32 {
    rustix::fs::OFlags::NOFOLLOW.bits().cast_signed()
}

/// Creates `path` with `bytes`, 0600, refusing to overwrite anything.
pub fn write_new(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::AlreadyExists => Error::other(format!(
                "{} already exists; tresor does not overwrite {what}. Choose another path or move it away.",
                path.display()
            )),
            _ => Error::io(&format!("Creating {what}"), path, &err),
        })?;
    let written = fault::check("new-write")
        .and_then(|()| file.write_all(bytes))
        .and_then(|()| fault::check("new-fsync"))
        .and_then(|()| file.sync_all());
    if let Err(err) = written {
        // Leave nothing half-made: an empty file would block the next attempt.
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(Error::io(&format!("Writing {what}"), path, &err));
    }
    sync_folder(&parent_of(path))
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn sync_folder(folder: &Path) -> Result<()> {
    fault::check("folder-fsync")
        .and_then(|()| File::open(folder))
        .and_then(|dir| dir.sync_all())
        .map_err(|err| Error::io("Syncing the folder", folder, &err))
}

/// Reads at most `limit` bytes of `path`; larger files are refused, not truncated.
pub fn read_capped(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|err| Error::io(&format!("Reading {what}"), path, &err))?;
    // Sized from the file's length, so a large vault is read without regrowing the buffer.
    let size = file
        .metadata()
        .map(|m| m.len().min(limit) as usize)
        .unwrap_or(0);
    read_into(
        file,
        Vec::with_capacity(size + 1),
        limit,
        &format!("{what} {}", path.display()),
    )
}

/// Reads a stream to its end, refusing one longer than `limit` bytes.
pub fn read_all_capped(reader: impl Read, limit: u64, what: &str) -> Result<Vec<u8>> {
    read_into(reader, Vec::new(), limit, what)
}

fn read_into(reader: impl Read, mut bytes: Vec<u8>, limit: u64, what: &str) -> Result<Vec<u8>> {
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Error::other(format!("Reading {what} failed: {err}.")))?;
    if bytes.len() as u64 > limit {
        return Err(Error::usage(format!(
            "{what} is larger than {limit} bytes, the most tresor accepts."
        )));
    }
    Ok(bytes)
}

/// How long a command waits for the vault lock, and whether it says so on stderr
/// when the wait is long enough for a person to wonder.
#[derive(Debug, Clone, Copy)]
pub struct LockWait {
    pub timeout: Duration,
    pub announce: bool,
}

impl From<Duration> for LockWait {
    fn from(timeout: Duration) -> Self {
        LockWait {
            timeout,
            announce: false,
        }
    }
}

/// How long a wait for the lock goes unmentioned.
const QUIET_WAIT: Duration = Duration::from_secs(1);

/// A lock on `vault.toml.lock`, held for one critical section: shared by readers,
/// exclusive for a writer.
pub struct VaultLock {
    _file: File,
}

/// Whether a command only reads the vault (many may at once) or writes it (alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    Shared,
    Exclusive,
}

impl VaultLock {
    /// Waits up to the timeout for the lock, then fails with a conflict. The lock file
    /// is opened without following a symbolic link, so it is never created elsewhere.
    pub fn acquire(vault: &Path, wait: impl Into<LockWait>) -> Result<VaultLock> {
        Self::acquire_as(vault, wait, LockMode::Exclusive)
    }

    pub fn acquire_as(
        vault: &Path,
        wait: impl Into<LockWait>,
        mode: LockMode,
    ) -> Result<VaultLock> {
        let LockWait { timeout, announce } = wait.into();
        let path = lock_path(vault);
        let file = open_lock_file(&path)?;
        let tried = match mode {
            LockMode::Shared => file.try_lock_shared(),
            LockMode::Exclusive => file.try_lock(),
        };
        match tried {
            Ok(()) => return Ok(VaultLock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(err)) => return Err(Error::io("Locking", &path, &err)),
        }
        // Wait in the kernel's queue, not by polling: a poller asleep between tries
        // loses to every newcomer, and under load waited past any timeout.
        let waiter = file
            .try_clone()
            .map_err(|err| Error::io("Locking", &path, &err))?;
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("vault-lock".into())
            .spawn(move || {
                let locked = match mode {
                    LockMode::Shared => waiter.lock_shared(),
                    LockMode::Exclusive => waiter.lock(),
                };
                // Should the caller have given up, dropping `waiter` frees the lock.
                let _ = sender.send(locked);
            })
            .map_err(|err| Error::io("Locking", &path, &err))?;
        let patience = QUIET_WAIT.min(timeout);
        let outcome = match receiver.recv_timeout(patience) {
            Err(RecvTimeoutError::Timeout) if timeout > patience => {
                if announce {
                    let _ = writeln!(
                        std::io::stderr(),
                        "Waiting for the vault lock held by another tresor process…"
                    );
                }
                receiver.recv_timeout(timeout - patience)
            }
            outcome => outcome,
        };
        match outcome {
            Ok(Ok(())) => Ok(VaultLock { _file: file }),
            Ok(Err(err)) => Err(Error::io("Locking", &path, &err)),
            Err(_) => Err(Error::conflict(format!(
                "Another tresor holds the vault lock {} and did not release it within {}s; try again, or raise TRESOR_LOCK_TIMEOUT.",
                path.display(),
                timeout.as_secs_f64()
            ))),
        }
    }
}

/// Opens (or creates, 0600) the lock file itself: never a file a symbolic link
/// points at, wherever that is, and nothing but a regular file.
fn open_lock_file(path: &Path) -> Result<File> {
    let refuse = |what: &str| {
        Error::other(format!(
            "The vault lock file {} is {what}; tresor locks only a plain file beside the vault. Remove it (tresor creates it again), and keep it out of git with `tresor git setup`.",
            path.display()
        ))
    };
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(no_follow())
        .open(path)
        .map_err(|err| {
            if rustix::io::Errno::from_io_error(&err) == Some(rustix::io::Errno::LOOP) {
                refuse("a symbolic link")
            } else {
                Error::io("Opening the lock file", path, &err)
            }
        })?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        Ok(_) => Err(refuse("not a regular file")),
        Err(err) => Err(Error::io("Opening the lock file", path, &err)),
    }
}

pub fn lock_path(vault: &Path) -> PathBuf {
    let mut name = vault.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn atomic_write_replaces_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.toml");
        write_atomic(&path, b"one", "the vault").unwrap();
        write_atomic(&path, b"two", "the vault").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn write_new_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id.txt");
        write_new(&path, b"a", "the identity").unwrap();
        assert!(write_new(&path, b"b", "the identity").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"a");
    }

    #[test]
    fn a_held_lock_times_out_as_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("vault.toml");
        let held = VaultLock::acquire(&vault, Duration::from_secs(1)).unwrap();
        let err = VaultLock::acquire(&vault, Duration::from_millis(50))
            .err()
            .unwrap();
        assert_eq!(err.exit_code(), 6);
        drop(held);
        assert!(VaultLock::acquire(&vault, Duration::from_millis(50)).is_ok());
    }

    #[test]
    fn capped_reads_refuse_large_input() {
        assert!(read_all_capped(&b"12345"[..], 4, "input").is_err());
        assert_eq!(read_all_capped(&b"1234"[..], 4, "input").unwrap(), b"1234");
    }
}
