//! The vault in git: merge drivers for the vault and its audit log, a textconv for
//! readable diffs, and the setup that registers them.

pub mod merge;
pub mod repository;
pub mod setup;
pub mod textconv;
