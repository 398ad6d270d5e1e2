//! Why a SOPS file could not be read, in four kinds that decide the exit code. The
//! texts are fragments about the file ("its MAC does not match"); `into_error` makes
//! the sentence with the file's name. No text quotes a value.

use crate::error::Error;
use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub enum SopsError {
    /// Not a file SOPS wrote, or broken beyond reading (exit 1).
    Malformed(String),
    /// A SOPS feature tresor does not read (exit 1).
    Unsupported(String),
    /// Changed after SOPS wrote it: a ciphertext, the MAC or a value (exit 5).
    Altered(String),
    /// No key the caller holds opens its data key (exit 7).
    NoKey(String),
}

pub type Result<T, E = SopsError> = std::result::Result<T, E>;

pub fn malformed(why: impl Into<String>) -> SopsError {
    SopsError::Malformed(why.into())
}

pub fn unsupported(why: impl Into<String>) -> SopsError {
    SopsError::Unsupported(why.into())
}

pub fn altered(why: impl Into<String>) -> SopsError {
    SopsError::Altered(why.into())
}

impl SopsError {
    /// The error for the user, naming `file`.
    pub fn into_error(self, file: &str) -> Error {
        match self {
            SopsError::Malformed(why) => {
                Error::other(format!("{file} is not a SOPS file tresor can read: {why}."))
            }
            SopsError::Unsupported(why) => Error::other(format!(
                "{file} uses a SOPS feature tresor does not read: {why}. Decrypt it with `sops --decrypt` and create the secrets with `tresor create`."
            )),
            SopsError::Altered(why) => Error::integrity(format!(
                "{file} was altered after SOPS wrote it: {why}. Nothing was imported; get the file again from a source you trust."
            )),
            SopsError::NoKey(why) => Error::no_identity(format!(
                "No key you hold opens {file}: {why}. Point SOPS_AGE_KEY_FILE (or SOPS_AGE_KEY) at the age identity it was encrypted to."
            )),
        }
    }
}

impl fmt::Debug for SopsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, why) = match self {
            SopsError::Malformed(why) => ("Malformed", why),
            SopsError::Unsupported(why) => ("Unsupported", why),
            SopsError::Altered(why) => ("Altered", why),
            SopsError::NoKey(why) => ("NoKey", why),
        };
        write!(f, "{kind}({why})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_decide_exit_codes() {
        assert_eq!(malformed("x").into_error("f").exit_code(), 1);
        assert_eq!(unsupported("x").into_error("f").exit_code(), 1);
        assert_eq!(altered("x").into_error("f").exit_code(), 5);
        assert_eq!(SopsError::NoKey("x".into()).into_error("f").exit_code(), 7);
        let err = altered("its MAC does not match its values").into_error("a.yaml");
        assert!(err.message().starts_with("a.yaml was altered"));
    }
}
