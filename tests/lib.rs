//! The integration suite: the built `tresor` binary run as users run it, on real files
//! in temporary folders, with the real `age`, `age-keygen` and `git` where they matter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod access;
mod attacks;
mod audit;
mod audit_chain;
mod check;
mod ci_gate;
mod commands;
mod concurrency;
mod crashes;
mod day_two;
mod disk;
mod docs;
mod edit;
mod errors;
mod first_run;
mod format_vectors;
mod generate;
mod git;
mod human_output;
mod hygiene;
mod identity;
mod import;
mod inject_export;
#[cfg(feature = "fault-injection")]
mod io_faults;
mod leaks;
mod lock_files;
mod metrics;
mod postgres;
mod principals;
mod prompts;
mod run;
mod smoke;
mod sops;
mod syslog;
mod tamper;
