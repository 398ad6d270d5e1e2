//! The integration suite: the built `tresor` binary run as users run it, on real files
//! in temporary folders, with the real `age`, `age-keygen` and `git` where they matter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod access;
mod attacks;
mod audit;
mod audit_chain;
mod check;
mod commands;
mod concurrency;
mod crashes;
mod day_two;
mod disk;
mod docs;
mod errors;
mod first_run;
mod format_vectors;
mod generate;
mod git;
mod hygiene;
mod identity;
mod import;
mod inject_export;
#[cfg(feature = "fault-injection")]
mod io_faults;
mod leaks;
mod lock_files;
mod postgres;
mod principals;
mod run;
mod smoke;
mod sops;
mod syslog;
mod tamper;
