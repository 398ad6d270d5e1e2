//! Files on disk: atomic replacement (temp, fsync, rename, fsync the folder), files
//! created 0600, capped reads, and the vault lock.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Replaces `path` with `bytes` so a crash at any instant leaves the old file or the
/// new one, never a mix. The new file is 0600.
pub fn write_atomic(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    let folder = parent_of(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".tresor-")
        .suffix(".tmp")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(&folder)
        .map_err(|err| {
            Error::io(
                &format!("Writing {what}: creating a temporary file in"),
                &folder,
                &err,
            )
        })?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| Error::io(&format!("Writing {what}"), temp.path(), &err))?;
    temp.persist(path)
        .map_err(|err| Error::io(&format!("Replacing {what}"), path, &err.error))?;
    sync_folder(&folder)
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
    if let Err(err) = file.write_all(bytes).and_then(|()| file.sync_all()) {
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
    File::open(folder)
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

/// The exclusive lock on `vault.toml.lock`, held for one critical section.
pub struct VaultLock {
    _file: File,
}

impl VaultLock {
    /// Waits up to `timeout` for the lock, then fails with a conflict.
    pub fn acquire(vault: &Path, timeout: Duration) -> Result<VaultLock> {
        let path = lock_path(vault);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(|err| Error::io("Opening the lock file", &path, &err))?;
        match file.try_lock() {
            Ok(()) => return Ok(VaultLock { _file: file }),
            Err(TryLockError::Error(err)) => return Err(Error::io("Locking", &path, &err)),
            Err(TryLockError::WouldBlock) => {}
        }
        // Wait in the kernel, not in a polling loop: the lock is taken the moment it is
        // released, so many writers queue without sleeping past their turn. The waiting
        // thread holds a second handle to the same open file, so the lock it takes is
        // ours; if we give up first, it releases the lock as soon as it gets it.
        let waiter = file
            .try_clone()
            .map_err(|err| Error::io("Locking", &path, &err))?;
        let (taken, outcome) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = waiter.lock();
            let _ = taken.send(result);
        });
        match outcome.recv_timeout(timeout) {
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
