//! Between secret names and environment variable names: `prod/app/db-url` becomes
//! `PROD_APP_DB_URL` (or `DB_URL` with the prefix stripped), and `DB_URL` in a
//! dotenv file becomes `PREFIX/db-url`.

use crate::error::{Error, Result};
use crate::vault::SecretName;
use std::collections::BTreeMap;

/// A prefix as the user gave it, without a trailing `/`; empty means every secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix(String);

impl Prefix {
    pub fn new(text: &str) -> Result<Prefix> {
        let trimmed = text.trim_end_matches('/');
        if !trimmed.is_empty() {
            // A prefix is a secret name, or the folder part of one.
            trimmed.parse::<SecretName>()?;
        }
        Ok(Prefix(trimmed.to_string()))
    }

    pub fn all() -> Prefix {
        Prefix(String::new())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text every name under the prefix starts with: what a command loads.
    pub fn loads(&self) -> String {
        if self.0.is_empty() {
            String::new()
        } else {
            format!("{}/", self.0)
        }
    }

    pub fn covers(&self, name: &SecretName) -> bool {
        self.0.is_empty() || self.strip(name).is_some()
    }

    /// The part of `name` below the prefix (`db-url` of `prod/app/db-url`).
    fn strip<'a>(&self, name: &'a SecretName) -> Option<&'a str> {
        if self.0.is_empty() {
            return Some(name.as_str());
        }
        name.as_str()
            .strip_prefix(self.0.as_str())
            .and_then(|rest| rest.strip_prefix('/'))
    }
}

/// Whether `text` can name an environment variable that every shell accepts.
pub fn is_variable(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The variable for a secret: uppercase, with `/`, `-` and `.` as `_`.
pub fn variable_for(name: &SecretName, prefix: &Prefix, strip: bool) -> Result<String> {
    let part = if strip {
        prefix.strip(name).ok_or_else(|| {
            Error::usage(format!(
                "'{name}' is the prefix itself; with --strip-prefix it would have no variable name. Name it with --env VAR={name} instead."
            ))
        })?
    } else {
        name.as_str()
    };
    let variable: String = part
        .chars()
        .map(|c| match c {
            '/' | '-' | '.' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect();
    if !is_variable(&variable) {
        return Err(Error::usage(format!(
            "'{name}' becomes '{variable}', which is not a variable name (it starts with a digit); give it one with --env VAR={name}."
        )));
    }
    Ok(variable)
}

/// One variable per secret under the prefix, refusing two secrets that map to the
/// same variable (`a/db-url` and `a/db.url`), which would silently drop one.
pub fn variables_for<'a>(
    names: impl IntoIterator<Item = &'a SecretName>,
    prefix: &Prefix,
    strip: bool,
) -> Result<BTreeMap<String, SecretName>> {
    let mut variables: BTreeMap<String, SecretName> = BTreeMap::new();
    for name in names {
        let variable = variable_for(name, prefix, strip)?;
        if let Some(other) = variables.get(&variable) {
            return Err(Error::usage(format!(
                "'{other}' and '{name}' both become the variable {variable}; rename one, or name them with --env."
            )));
        }
        variables.insert(variable, name.clone());
    }
    Ok(variables)
}

/// The secret for a dotenv key: `DB_URL` under `prod/app` is `prod/app/db-url`.
pub fn secret_for_key(prefix: &Prefix, key: &str) -> Result<SecretName> {
    let segment: String = key
        .chars()
        .map(|c| match c {
            '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let name = if prefix.as_str().is_empty() {
        segment
    } else {
        format!("{}/{segment}", prefix.as_str())
    };
    name.parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> SecretName {
        text.parse().unwrap()
    }

    #[test]
    fn variables() {
        let prefix = Prefix::new("prod/app/").unwrap();
        let db = name("prod/app/db-url");
        assert_eq!(
            variable_for(&db, &prefix, false).unwrap(),
            "PROD_APP_DB_URL"
        );
        assert_eq!(variable_for(&db, &prefix, true).unwrap(), "DB_URL");
        let nested = name("prod/app/tls/key.pem");
        assert_eq!(variable_for(&nested, &prefix, true).unwrap(), "TLS_KEY_PEM");
        assert!(variable_for(&name("prod/app"), &prefix, true).is_err());
        assert!(variable_for(&name("prod/app/1key"), &prefix, true).is_err());
        assert!(prefix.covers(&db));
        assert!(!prefix.covers(&name("prod/application/x")));
        assert!(Prefix::all().covers(&db));
    }

    #[test]
    fn collisions_are_errors() {
        let names = [name("a/db-url"), name("a/db.url")];
        let err = variables_for(&names, &Prefix::all(), false).unwrap_err();
        assert!(err.message().contains("A_DB_URL"), "{err}");
        let fine = [name("a/db-url"), name("b/db-url")];
        assert_eq!(
            variables_for(&fine, &Prefix::all(), false).unwrap().len(),
            2
        );
    }

    #[test]
    fn keys_to_secrets() {
        let prefix = Prefix::new("prod/app").unwrap();
        assert_eq!(
            secret_for_key(&prefix, "DB_URL").unwrap().as_str(),
            "prod/app/db-url"
        );
        assert_eq!(
            secret_for_key(&Prefix::all(), "Token").unwrap().as_str(),
            "token"
        );
        assert!(Prefix::new("a//b").is_err());
    }
}
