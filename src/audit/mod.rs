//! The audit log: one JSON object per line, each carrying the SHA-256 of the line
//! before it. `log` appends and reads the tail, `verify` checks the whole chain,
//! `query` filters it for people, `syslog` forwards it to the system log.

mod event;
mod log;
pub mod query;
pub mod signature;
pub mod syslog;
mod verify;

pub use event::{
    AuditEvent, AuditLine, Change, EventRef, GENESIS_PREV, PrincipalKeys, TrustDocument, hash_line,
};
pub use log::{AuditLog, audit_log_beside, create, render_lines, tail};
pub use verify::{Verification, verify};
