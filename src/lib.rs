//! tresor: versioned secrets in one encrypted vault file, with aliases, access
//! policies, break-glass access and an append-only, hash-chained audit log.

#![forbid(unsafe_code)]

pub mod audit;
pub mod cli;
pub mod commands;
pub mod context;
#[cfg(test)]
mod corpus_tests;
pub mod crypto;
pub mod deliver;
pub mod docs;
pub mod error;
pub mod fault;
pub mod fs;
pub mod generate;
pub mod git;
pub mod identity;
pub mod keyring;
pub mod output;
pub mod policy;
pub mod prompt;
pub mod rotation;
pub mod session;
pub mod sops;
pub mod sorted_file;
pub mod time;
pub mod trust;
pub mod vault;

pub use error::{Error, ErrorKind, Result};

/// Runs one parsed command line.
pub fn run(cli: cli::Cli) -> Result<()> {
    commands::run(cli)
}
