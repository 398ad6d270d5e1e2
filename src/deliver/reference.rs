//! A reference to one value of a secret: `NAME`, `NAME@3` (a version) or
//! `NAME#previous` (an alias), and its URL form `tresor://NAME…`.

use crate::error::{Error, Result};
use crate::vault::{SecretName, Selector};
use std::fmt;
use std::str::FromStr;

pub const SCHEME: &str = "tresor://";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub name: SecretName,
    pub selector: Selector,
}

impl Reference {
    pub fn current(name: SecretName) -> Self {
        Reference {
            name,
            selector: Selector::default(),
        }
    }

    /// Parses `tresor://NAME[@VERSION|#ALIAS]`; `None` when `text` is not such a URL,
    /// so ordinary values are left alone.
    pub fn from_url(text: &str) -> Option<Result<Self>> {
        text.strip_prefix(SCHEME).map(str::parse)
    }
}

impl FromStr for Reference {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let (name, selector) = match text.find(['@', '#']) {
            None => (text, Selector::default()),
            Some(at) => {
                let (name, rest) = text.split_at(at);
                let label = &rest[1..];
                let selector = if rest.starts_with('@') {
                    let number = label.parse::<u32>().ok().filter(|n| *n > 0);
                    Selector::Version(number.ok_or_else(|| {
                        Error::usage(format!(
                            "'{}' names no version: after '@' comes a version number (NAME@3).",
                            shown(text)
                        ))
                    })?)
                } else {
                    Selector::Alias(label.parse()?)
                };
                (name, selector)
            }
        };
        Ok(Reference {
            name: name.parse()?,
            selector,
        })
    }
}

fn shown(text: &str) -> String {
    text.chars().take(80).collect()
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.selector {
            Selector::Version(number) => write!(f, "{}@{number}", self.name),
            Selector::Alias(alias) if *alias == crate::vault::AliasName::current() => {
                write!(f, "{}", self.name)
            }
            Selector::Alias(alias) => write!(f, "{}#{alias}", self.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let plain: Reference = "prod/db/url".parse().unwrap();
        assert_eq!(plain.selector, Selector::default());
        assert_eq!(plain.to_string(), "prod/db/url");
        let version: Reference = "prod/db/url@3".parse().unwrap();
        assert_eq!(version.selector, Selector::Version(3));
        assert_eq!(version.to_string(), "prod/db/url@3");
        let alias: Reference = "prod/db/url#previous".parse().unwrap();
        assert_eq!(alias.to_string(), "prod/db/url#previous");
        let url = Reference::from_url("tresor://a/b#canary").unwrap().unwrap();
        assert_eq!(url.name.as_str(), "a/b");
        assert!(Reference::from_url("postgres://x").is_none());
    }

    #[test]
    fn bad_forms() {
        for bad in ["", "a@", "a@0", "a@x", "a#", "a#1x", "a@1#b", "a b", "/a"] {
            assert!(bad.parse::<Reference>().is_err(), "{bad:?}");
        }
    }
}
