#![forbid(unsafe_code)]

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    harden_process();
    // clap prints its own usage errors and exits 2; --help and --version exit 0.
    let cli = tresor::cli::Cli::parse();
    match tresor::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == tresor::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            // A child's exit code comes without a message: the child has spoken.
            if !err.message().is_empty() {
                let _ = writeln!(std::io::stderr(), "tresor: {err}");
            }
            ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(1))
        }
    }
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
