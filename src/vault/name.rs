//! Validated names: secrets, aliases, principals, keyrings. Each is checked once,
//! when it is parsed, so the rest of the code can trust it.

use crate::error::{Error, Result};
use std::fmt;
use std::str::FromStr;

const MAX_SECRET_NAME: usize = 256;
const MAX_LABEL: usize = 64;

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// A secret's path: segments of `[A-Za-z0-9._-]` joined by `/`, no empty segment,
/// no `.` or `..`, at most 256 bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SecretName(String);

impl SecretName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for SecretName {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let invalid = |why: &str| {
            let shown: String = text.chars().take(80).collect();
            Error::usage(format!("'{shown}' is not a valid secret name: {why}."))
        };
        if text.is_empty() {
            return Err(invalid("it is empty"));
        }
        if text.len() > MAX_SECRET_NAME {
            return Err(invalid("it is longer than 256 bytes"));
        }
        for segment in text.split('/') {
            if segment.is_empty() {
                return Err(invalid(
                    "it has an empty segment (a leading, trailing or doubled '/')",
                ));
            }
            if segment == "." || segment == ".." {
                return Err(invalid("'.' and '..' are not allowed as segments"));
            }
            if !segment.chars().all(is_name_char) {
                return Err(invalid(
                    "segments may hold only letters, digits, '.', '_' and '-'",
                ));
            }
        }
        Ok(SecretName(text.to_string()))
    }
}

impl fmt::Display for SecretName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Validates a short label (alias, principal, keyring, tag key): 1–64 characters of
/// `[A-Za-z0-9._-]`, starting with a letter.
fn label(kind: &str, text: &str) -> Result<String> {
    let valid = !text.is_empty()
        && text.len() <= MAX_LABEL
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(is_name_char);
    if valid {
        Ok(text.to_string())
    } else {
        let shown: String = text.chars().take(80).collect();
        Err(Error::usage(format!(
            "'{shown}' is not a valid {kind} name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter."
        )))
    }
}

macro_rules! label_type {
    ($name:ident, $kind:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(text: &str) -> Result<Self> {
                label($kind, text).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

label_type!(
    AliasName,
    "alias",
    "A label pointing at one version: `current`, `previous`, `pending` or a user's own."
);
label_type!(
    PrincipalName,
    "principal",
    "The name of a recipient (`alice`, `ci-deploy`)."
);
label_type!(
    KeyringName,
    "keyring",
    "The name of a keyring (`default`, `prod`)."
);

impl AliasName {
    pub fn current() -> Self {
        AliasName("current".into())
    }

    pub fn previous() -> Self {
        AliasName("previous".into())
    }

    pub fn pending() -> Self {
        AliasName("pending".into())
    }
}

impl KeyringName {
    pub fn default_keyring() -> Self {
        KeyringName("default".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for good in ["a", "prod/payments/stripe-key", "dev/x.y_z-1", "A/B"] {
            assert!(good.parse::<SecretName>().is_ok(), "{good}");
        }
        for bad in ["", "../x", "a//b", "/a", "a/", "a b", "a/./b", "é", "a\nb"] {
            assert!(bad.parse::<SecretName>().is_err(), "{bad:?}");
        }
        assert!("x".repeat(257).parse::<SecretName>().is_err());
        assert!("x".repeat(256).parse::<SecretName>().is_ok());
    }

    #[test]
    fn labels() {
        assert!("canary".parse::<AliasName>().is_ok());
        assert!("1abc".parse::<AliasName>().is_err());
        assert!("group:admins".parse::<PrincipalName>().is_err());
        assert!("ci-deploy".parse::<PrincipalName>().is_ok());
    }
}
