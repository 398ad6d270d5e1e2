#![forbid(unsafe_code)]

use clap::{CommandFactory, FromArgMatches};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    harden_process();
    // A shell asking what to complete (COMPLETE=bash tresor -- …) is answered and exits.
    clap_complete::CompleteEnv::with_factory(tresor::cli::Cli::command).complete();
    let mut command = tresor::cli::Cli::command();
    let parsed = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|matches| tresor::cli::Cli::from_arg_matches(&matches));
    // The command tree (every subcommand, every argument) is read once: freeing it
    // would cost a `get` more than its parse did, and the process exits soon.
    std::mem::forget(command);
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    let json = cli.global.json;
    match tresor::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == tresor::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            report(&err, json);
            ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(1))
        }
    }
}

/// The error on stderr: `tresor: SENTENCE`, or with `--json` one JSON object.
fn report(err: &tresor::Error, json: bool) {
    // A child's exit code comes without a message: the child has spoken.
    if err.message().is_empty() {
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = if json {
        writeln!(stderr, "{}", err.to_json())
    } else {
        writeln!(stderr, "tresor: {err}")
    };
}

/// clap prints its own usage errors and exits 2; --help and --version exit 0. With
/// `--json` a usage error is one JSON object, like every other error.
fn usage_error(err: clap::Error) -> ExitCode {
    if !err.use_stderr() || !json_requested() {
        err.exit();
    }
    // clap's first paragraph is the error (a missing argument is named on its own line).
    let rendered = err.to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty())
        .collect();
    let text = paragraph.join(" ");
    let message = text.strip_prefix("error: ").unwrap_or(&text);
    let err = tresor::Error::usage(format!("{message}; see `tresor --help`."));
    report(&err, true);
    ExitCode::from(2)
}

/// Whether `--json` is among tresor's own arguments (those before a `--`).
fn json_requested() -> bool {
    std::env::args_os()
        .skip(1)
        .take_while(|arg| arg != "--")
        .any(|arg| arg == "--json")
}

/// No core dumps and no ptrace by other users' processes: keys live in this memory.
fn harden_process() {
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
    let _ = rustix::process::setrlimit(
        rustix::process::Resource::Core,
        rustix::process::Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    );
}
