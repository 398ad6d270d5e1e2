//! The integration suite: the built `tresor` binary run as users run it, on real files
//! in temporary folders, with the real `age`, `age-keygen` and `git` where they matter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod access;
mod docs;
mod git;
mod smoke;
mod sops;
