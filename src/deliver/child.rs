//! The child of `tresor run`: started with its variables after the vault is closed,
//! its output masked (or inherited as is), the signals tresor receives passed on,
//! and its exit status turned into tresor's exit code. tresor returns when the child
//! exits, even if processes it left in the background still hold its output.

use super::mask::Redactor;
use crate::crypto::SecretBytes;
use crate::error::{Error, ErrorKind, Result};
use rustix::event::{PollFd, PollFlags, Timespec};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::SignalsInfo;
use signal_hook::iterator::exfiltrator::WithOrigin;
use signal_hook::low_level::siginfo::Cause;
use std::ffi::OsString;
use std::io::{PipeReader, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use zeroize::Zeroizing;

/// What is still in the output pipes when the child exits is passed on, up to this
/// much: beyond it, a process left behind is writing, and nobody waits for it.
const DRAIN_AFTER_EXIT: usize = 1024 * 1024;

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
    let redactor = match &launch.mask {
        Some(values) => Some(Redactor::new(
            values.iter().map(|(label, v)| (label.as_str(), v.expose())),
        )?),
        None => None,
    };
    let mut command = Command::new(&launch.program);
    command
        .args(&launch.args)
        .env_clear()
        .envs(launch.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::inherit());
    if redactor.is_some() {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
    }
    // Handlers go in before the child exists, so a signal in between is queued for
    // it rather than ending tresor and orphaning the child.
    let mut signals = SignalsInfo::<WithOrigin>::new([SIGINT, SIGTERM, SIGHUP])
        .map_err(|err| Error::other(format!("Setting up signal forwarding failed: {err}.")))?;
    // The pumps learn that the child exited when `exited` is dropped; both ends close
    // on exec, so no child holds them.
    let (exit_seen, exited) = std::io::pipe()
        .and_then(|(seen, exited)| Ok(([seen.try_clone()?, seen], exited)))
        .map_err(|err| Error::other(format!("Setting up the output pipes failed: {err}.")))?;
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
    let pumps = match redactor {
        Some(redactor) => start_pumps(&mut child, &redactor, exit_seen),
        None => Vec::new(),
    };
    let status = child.wait();
    drop(exited);
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
    redactor: &Redactor,
    [stdout_exit_seen, stderr_exit_seen]: [PipeReader; 2],
) -> Vec<std::thread::JoinHandle<()>> {
    let mut pumps = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        let redactor = redactor.clone();
        pumps.push(std::thread::spawn(move || {
            pump(stdout, &stdout_exit_seen, std::io::stdout(), redactor);
        }));
    }
    if let Some(stderr) = child.stderr.take() {
        let redactor = redactor.clone();
        pumps.push(std::thread::spawn(move || {
            pump(stderr, &stderr_exit_seen, std::io::stderr(), redactor);
        }));
    }
    pumps
}

/// Copies one output stream of the child through a redactor, writing each read at
/// once so interactive output is not delayed, until the stream ends or the child
/// exits; then what the child left in the pipe is passed on too.
fn pump(
    mut from: impl Read + AsFd,
    exit_seen: &PipeReader,
    mut to: impl Write,
    mut redactor: Redactor,
) {
    let mut buffer = Zeroizing::new(vec![0u8; 16 * 1024]);
    let mut out = Zeroizing::new(Vec::new());
    let mut drained = 0;
    let mut child_exited = false;
    loop {
        if !child_exited {
            match ready(&from, exit_seen) {
                Ready::Output => {}
                Ready::Exited => child_exited = true,
                Ready::Failed => break,
            }
        }
        if child_exited {
            // Only what is there now: a process left behind may write on forever.
            if drained >= DRAIN_AFTER_EXIT || !readable_now(&from) {
                break;
            }
        }
        let read = match from.read(&mut buffer[..]) {
            Ok(0) => break,
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        if child_exited {
            drained += read;
        }
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

enum Ready {
    Output,
    Exited,
    Failed,
}

/// Waits until the child's stream can be read (data, or its end) or the child exits.
fn ready(from: &impl AsFd, exit_seen: &PipeReader) -> Ready {
    loop {
        let mut fds = [
            PollFd::new(from, PollFlags::IN),
            PollFd::new(exit_seen, PollFlags::IN),
        ];
        match rustix::event::poll(&mut fds, None) {
            Ok(_) if !fds[1].revents().is_empty() => return Ready::Exited,
            Ok(_) if !fds[0].revents().is_empty() => return Ready::Output,
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(_) => return Ready::Failed,
        }
    }
}

/// Whether a read of the stream would return at once.
fn readable_now(from: &impl AsFd) -> bool {
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    loop {
        let mut fds = [PollFd::new(from, PollFlags::IN)];
        match rustix::event::poll(&mut fds, Some(&now)) {
            Ok(_) => return !fds[0].revents().is_empty(),
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return false,
        }
    }
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
    fn a_masked_child_ends_the_run_when_it_exits() {
        let mut launch = sh("sleep 10 & exit 3");
        launch.mask = Some(Vec::new());
        let started = std::time::Instant::now();
        assert_eq!(run(launch).unwrap(), 3);
        assert!(started.elapsed() < std::time::Duration::from_secs(4));
    }

    #[test]
    fn a_missing_command_is_127() {
        let mut launch = sh("");
        launch.program = "/nonexistent/tresor-test-command".into();
        assert_eq!(run(launch).unwrap_err().exit_code(), 127);
    }
}
