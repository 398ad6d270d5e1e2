//! A value edited by the user's editor: written to a private scratch file (0600, in a
//! fresh 0700 folder, on a tmpfs where there is one), `$VISUAL`/`$EDITOR` run on it, and
//! the file removed whatever happens. tresor outlives a ^C meant for the editor, so
//! the file never stays behind.

use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::ffi::OsString;
use std::fs::OpenOptions;
use std::io::{IsTerminal, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The editor command as the user set it: `$VISUAL`, else `$EDITOR` (a shell command,
/// `code --wait` included), else `vi` when someone is at a terminal.
pub fn editor_command(interactive: bool) -> Result<OsString> {
    let set = |var: &str| std::env::var_os(var).filter(|v| !v.is_empty());
    match set("VISUAL").or_else(|| set("EDITOR")) {
        Some(editor) => Ok(editor),
        None if interactive => Ok(OsString::from("vi")),
        None => Err(Error::usage(
            "No editor: set VISUAL or EDITOR (for example EDITOR=nano), or give a new value with `tresor rotate`.",
        )),
    }
}

/// A folder only the user can enter, removed with everything in it when dropped.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    /// In a tmpfs (the value never reaches a disk) where one is writable, else in the
    /// temporary folder.
    fn new() -> Result<Scratch> {
        let fallback = std::env::temp_dir();
        let bases = [
            std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
            Some(PathBuf::from("/dev/shm")),
        ];
        for base in bases.into_iter().flatten() {
            if let Ok(dir) = Self::within(&base) {
                return Ok(Scratch { dir });
            }
        }
        Self::within(&fallback)
            .map(|dir| Scratch { dir })
            .map_err(|err| {
                Error::io(
                    "Creating a private folder for the editor in",
                    &fallback,
                    &err,
                )
            })
    }

    fn within(base: &Path) -> std::io::Result<tempfile::TempDir> {
        tempfile::Builder::new()
            .prefix("tresor-edit-")
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir_in(base)
    }
}

/// Runs `editor` on `value` in a scratch file named `file_name` and returns what the
/// file holds when the editor exits successfully. A newline the editor added at the
/// end of a value that had none is dropped (vi, nano and most editors add one).
pub fn edit(
    editor: &OsString,
    file_name: &str,
    value: &SecretBytes,
    limit: u64,
) -> Result<SecretBytes> {
    let scratch = Scratch::new()?;
    let path = scratch.dir.path().join(file_name);
    write_private(&path, value.expose())?;
    run_editor(editor, &path)?;
    let mut edited = crate::fs::read_capped(&path, limit, "the edited value")?;
    if !value.expose().ends_with(b"\n") && edited.ends_with(b"\n") {
        edited.pop();
        if edited.ends_with(b"\r") {
            edited.pop();
        }
    }
    drop(scratch);
    Ok(SecretBytes::new(edited))
}

/// The terminal this process belongs to, if it has one.
fn controlling_terminal() -> Option<std::fs::File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|err| Error::io("Creating the file to edit", path, &err))?;
    file.write_all(bytes)
        .map_err(|err| Error::io("Writing the file to edit", path, &err))
}

/// `sh -c 'EDITOR "$@"' editor PATH`, as git runs an editor, with tresor ignoring the
/// terminal's ^C and ^\ (the editor gets them) and passing a TERM or HUP on.
fn run_editor(editor: &OsString, path: &Path) -> Result<()> {
    let mut script = editor.clone();
    script.push(" \"$@\"");
    let mut signals = Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP])
        .map_err(|err| Error::other(format!("Setting up signal handling failed: {err}.")))?;
    let mut command = Command::new("sh");
    command.arg("-c").arg(&script).arg("editor").arg(path);
    // An editor talks to the keyboard and the screen: where tresor's stdin or stdout is a
    // pipe (`… | tresor edit NAME`), the editor gets the controlling terminal instead.
    if let Some(terminal) = controlling_terminal() {
        if !std::io::stdin().is_terminal()
            && let Ok(input) = terminal.try_clone()
        {
            command.stdin(input);
        }
        if !std::io::stdout().is_terminal() {
            command.stdout(terminal);
        }
    }
    let child = command
        .spawn()
        .map_err(|err| Error::other(format!("Starting the editor failed: {err}.")))?;
    let pid = rustix::process::Pid::from_child(&child);
    let ended = Arc::new(AtomicBool::new(false));
    let handle = signals.handle();
    let forwarder = {
        let ended = Arc::clone(&ended);
        std::thread::spawn(move || {
            let mut stopped = false;
            for signal in signals.forever() {
                if signal == SIGTERM || signal == SIGHUP {
                    stopped = true;
                    if !ended.load(Ordering::SeqCst)
                        && let Some(signal) = rustix::process::Signal::from_named_raw(signal)
                    {
                        let _ = rustix::process::kill_process(pid, signal);
                    }
                }
            }
            stopped
        })
    };
    let mut child = child;
    let status = child.wait();
    ended.store(true, Ordering::SeqCst);
    handle.close();
    let stopped = forwarder.join().unwrap_or(true);
    let status =
        status.map_err(|err| Error::other(format!("Waiting for the editor failed: {err}.")))?;
    if stopped {
        return Err(Error::other(
            "tresor was asked to stop while the editor ran; nothing was changed.",
        ));
    }
    if !status.success() {
        let how = status.code().map_or_else(
            || "was killed".to_string(),
            |code| format!("exited with status {code}"),
        );
        return Err(Error::other(format!(
            "The editor {how}; nothing was changed."
        )));
    }
    Ok(())
}
