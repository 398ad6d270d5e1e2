//! The one error type of tresor: a kind that decides the exit code, and a sentence
//! that says what is wrong and what to do. Messages never carry a secret value.

use std::fmt;

/// What went wrong, in the terms of DESIGN.md's exit-code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Other,
    Usage,
    NotFound,
    Denied,
    Integrity,
    Conflict,
    NoIdentity,
    CheckFailed,
    /// The reader of our output went away: a quiet success, as `head` expects.
    BrokenPipe,
    /// Exit with this code: the code of the child of `run`, or 126/127 when it
    /// could not be started.
    Exit(u8),
}

impl ErrorKind {
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Other => 1,
            ErrorKind::Usage => 2,
            ErrorKind::NotFound => 3,
            ErrorKind::Denied => 4,
            ErrorKind::Integrity => 5,
            ErrorKind::Conflict => 6,
            ErrorKind::NoIdentity => 7,
            ErrorKind::CheckFailed => 8,
            ErrorKind::BrokenPipe => 0,
            ErrorKind::Exit(code) => i32::from(code),
        }
    }

    /// The kind's name in a JSON error (`{"error":{"kind":"not_found",…}}`).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Other => "other",
            ErrorKind::Usage => "usage",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Denied => "denied",
            ErrorKind::Integrity => "integrity",
            ErrorKind::Conflict => "conflict",
            ErrorKind::NoIdentity => "no_identity",
            ErrorKind::CheckFailed => "check_failed",
            ErrorKind::BrokenPipe => "broken_pipe",
            ErrorKind::Exit(_) => "command",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    /// The secret a lookup did not find, so the caller may suggest a name it did not load.
    missing_secret: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            missing_secret: None,
        }
    }

    /// Marks a not-found error as the lookup of the secret `name`.
    pub fn for_missing_secret(mut self, name: &str) -> Self {
        self.missing_secret = Some(name.to_string());
        self
    }

    /// The secret a lookup did not find, if this error is one.
    pub fn missing_secret(&self) -> Option<&str> {
        self.missing_secret.as_deref()
    }

    pub fn other(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Other, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    pub fn denied(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Denied, message)
    }

    pub fn integrity(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Integrity, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }

    pub fn no_identity(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NoIdentity, message)
    }

    pub fn check_failed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::CheckFailed, message)
    }

    /// A failed write to stdout or stderr.
    pub fn output(err: &std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Self::new(ErrorKind::BrokenPipe, "")
        } else {
            Self::other(format!("Writing the output failed: {err}."))
        }
    }

    /// An I/O failure on `path` while `doing` something ("writing", "reading", ...).
    pub fn io(doing: &str, path: &std::path::Path, err: &std::io::Error) -> Self {
        let reason = match err.kind() {
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::StorageFull => "no space left on the device".to_string(),
            std::io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_string(),
            _ => err.to_string(),
        };
        Self::other(format!("{doing} {} failed: {reason}.", path.display()))
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error as `--json` prints it on stderr: one object,
    /// `{"error":{"exit":3,"kind":"not_found","message":"…"}}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "exit": self.exit_code(),
                "kind": self.kind.name(),
                "message": self.message,
            }
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
