//! The child of `tresor run`: started with its variables after the vault is closed,
//! its output masked (or inherited as is), the signals tresor receives passed on,
//! and its exit status turned into tresor's exit code.

use super::mask::Redactor;
use crate::crypto::SecretBytes;
use crate::error::{Error, ErrorKind, Result};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::SignalsInfo;
use signal_hook::iterator::exfiltrator::WithOrigin;
use signal_hook::low_level::siginfo::Cause;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use zeroize::Zeroizing;

pub struct Launch {
    pub program: OsString,
    pub args: Vec<OsString>,
    /// The child's whole environment.
    pub env: Vec<(OsString, OsString)>,
    /// Values to mask in the child's output, by the name shown in the marker;
    /// `None` lets the child write to tresor's stdout and stderr directly.
    pub mask: Option<Vec<(String, SecretBytes)>>,
}

/// Runs the child to its end; returns the code tresor exits with: the child's own,
/// or 128 + N when a signal N ended it, as shells report it.
pub fn run(launch: Launch) -> Result<i32> {
    let mut command = Command::new(&launch.program);
    command
        .args(&launch.args)
        .env_clear()
        .envs(launch.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::inherit());
    if launch.mask.is_some() {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
    }
    // Handlers go in before the child exists, so a signal in between is queued for
    // it rather than ending tresor and orphaning the child.
    let mut signals = SignalsInfo::<WithOrigin>::new([SIGINT, SIGTERM, SIGHUP])
        .map_err(|err| Error::other(format!("Setting up signal forwarding failed: {err}.")))?;
    let mut child = command
        .spawn()
        .map_err(|err| spawn_error(&launch.program, &err))?;
    let target = Target::of(&child);
    let handle = signals.handle();
    let forwarder = std::thread::spawn(move || {
        for origin in signals.forever() {
            // A terminal's ^C reaches the whole foreground group, the child included;
            // passing it on again would be a second interrupt.
            if origin.cause != Cause::Kernel {
                target.send(origin.signal);
            }
        }
    });
    let pumps = match &launch.mask {
        Some(values) => start_pumps(&mut child, values),
        None => Vec::new(),
    };
    let status = child.wait();
    handle.close();
    let _ = forwarder.join();
    for pump in pumps {
        let _ = pump.join();
    }
    let status =
        status.map_err(|err| Error::other(format!("Waiting for the command failed: {err}.")))?;
    Ok(exit_code(status))
}

fn exit_code(status: ExitStatus) -> i32 {
    status
        .code()
        .or_else(|| status.signal().map(|signal| 128 + signal))
        .unwrap_or(1)
}

/// Like `env` and shells: 127 when there is no such command, 126 when it cannot run.
fn spawn_error(program: &OsString, err: &std::io::Error) -> Error {
    let shown = program.to_string_lossy();
    match err.kind() {
        std::io::ErrorKind::NotFound => Error::new(
            ErrorKind::Exit(127),
            format!("No command '{shown}' was found; check the name and PATH."),
        ),
        std::io::ErrorKind::PermissionDenied => Error::new(
            ErrorKind::Exit(126),
            format!("The command '{shown}' is not executable (permission denied)."),
        ),
        _ => Error::new(
            ErrorKind::Exit(126),
            format!("The command '{shown}' could not be started: {err}."),
        ),
    }
}

fn start_pumps(
    child: &mut Child,
    values: &[(String, SecretBytes)],
) -> Vec<std::thread::JoinHandle<()>> {
    let redactor = || Redactor::new(values.iter().map(|(label, v)| (label.as_str(), v.expose())));
    let mut pumps = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        let redactor = redactor();
        pumps.push(std::thread::spawn(move || {
            pump(stdout, std::io::stdout(), redactor)
        }));
    }
    if let Some(stderr) = child.stderr.take() {
        let redactor = redactor();
        pumps.push(std::thread::spawn(move || {
            pump(stderr, std::io::stderr(), redactor)
        }));
    }
    pumps
}

/// Copies one output stream of the child through a redactor, writing each read at
/// once so interactive output is not delayed.
fn pump(mut from: impl Read, mut to: impl Write, mut redactor: Redactor) {
    let mut buffer = Zeroizing::new(vec![0u8; 16 * 1024]);
    let mut out = Zeroizing::new(Vec::new());
    loop {
        let read = match from.read(&mut buffer[..]) {
            Ok(0) => break,
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        out.clear();
        redactor.push(&buffer[..read], &mut out);
        if to.write_all(&out).and_then(|()| to.flush()).is_err() {
            // Our reader went away (`| head`): closing the pipe tells the child too.
            return;
        }
    }
    out.clear();
    redactor.finish(&mut out);
    let _ = to.write_all(&out).and_then(|()| to.flush());
}

/// Where forwarded signals go: a pidfd where the kernel has them, so a signal that
/// arrives as the child is reaped cannot reach a process that reused its pid.
enum Target {
    #[cfg(target_os = "linux")]
    Pidfd(std::os::fd::OwnedFd),
    Pid(rustix::process::Pid),
}

impl Target {
    fn of(child: &Child) -> Target {
        let pid = rustix::process::Pid::from_child(child);
        #[cfg(target_os = "linux")]
        if let Ok(fd) = rustix::process::pidfd_open(pid, rustix::process::PidfdFlags::empty()) {
            return Target::Pidfd(fd);
        }
        Target::Pid(pid)
    }

    fn send(&self, signal: i32) {
        let Some(signal) = rustix::process::Signal::from_named_raw(signal) else {
            return;
        };
        // The child may be gone already; there is nothing left to tell it then.
        let _ = match self {
            #[cfg(target_os = "linux")]
            Target::Pidfd(fd) => rustix::process::pidfd_send_signal(fd, signal),
            Target::Pid(pid) => rustix::process::kill_process(*pid, signal),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Launch {
        Launch {
            program: "sh".into(),
            args: vec!["-c".into(), script.into()],
            env: vec![("PATH".into(), std::env::var_os("PATH").unwrap_or_default())],
            mask: None,
        }
    }

    #[test]
    fn exit_codes_and_signals() {
        assert_eq!(run(sh("exit 0")).unwrap(), 0);
        assert_eq!(run(sh("exit 42")).unwrap(), 42);
        assert_eq!(run(sh("kill -TERM $$")).unwrap(), 143);
    }

    #[test]
    fn a_missing_command_is_127() {
        let mut launch = sh("");
        launch.program = "/nonexistent/tresor-test-command".into();
        assert_eq!(run(launch).unwrap_err().exit_code(), 127);
    }
}
