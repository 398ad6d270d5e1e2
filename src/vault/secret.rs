//! One secret: its metadata, its versions and the aliases that point at them, with the
//! rules of the version/alias state machine. Plain data; no cryptography and no I/O.

use super::name::{AliasName, KeyringName, PrincipalName, SecretName};
use crate::error::{Error, Result};
use crate::rotation::{Rotation, RotationPlan};
use crate::time::Timestamp;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub metadata: Metadata,
    pub created: Timestamp,
    pub aliases: BTreeMap<AliasName, u32>,
    pub versions: BTreeMap<u32, Version>,
    /// Principals that left its reader set, and when: versions created before then
    /// stay exposed to them until rotated (`check` reports them).
    pub exposed: BTreeMap<PrincipalName, Timestamp>,
    /// How `rotate` changes the login this secret holds in its system, if it does.
    pub plan: Option<RotationPlan>,
    /// The last planned rotation: in progress, waiting out its overlap, or ended.
    pub journal: Option<Rotation>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub owner: Option<String>,
    pub description: Option<String>,
    /// As the user wrote it (`90d`), validated.
    pub rotate_every: Option<String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VersionState {
    Active,
    Disabled,
    Destroyed,
}

impl VersionState {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionState::Active => "active",
            VersionState::Disabled => "disabled",
            VersionState::Destroyed => "destroyed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "active" => Some(VersionState::Active),
            "disabled" => Some(VersionState::Disabled),
            "destroyed" => Some(VersionState::Destroyed),
            _ => None,
        }
    }
}

impl fmt::Display for VersionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One immutable value of a secret. Its ciphertexts are gone once destroyed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub state: VersionState,
    pub created: Timestamp,
    pub author: PrincipalName,
    /// When this value stops being valid (`check` reports it); a new current version
    /// without one, or with a later one, clears the finding.
    pub expires: Option<Timestamp>,
    pub sealed: Option<SealedValue>,
}

/// A value sealed under its data key, and the data key sealed to a keyring: the one of
/// the secret's reader set when the version was written (or moved there since).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedValue {
    pub keyring: KeyringName,
    pub dek: String,
    pub value: String,
}

/// Which version a reader asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Version(u32),
    Alias(AliasName),
}

impl Default for Selector {
    fn default() -> Self {
        Selector::Alias(AliasName::current())
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Version(number) => write!(f, "version {number}"),
            Selector::Alias(alias) => write!(f, "alias '{alias}'"),
        }
    }
}

impl Secret {
    pub fn latest_version(&self) -> u32 {
        self.versions.keys().next_back().copied().unwrap_or(0)
    }

    pub fn alias(&self, alias: &AliasName) -> Option<u32> {
        self.aliases.get(alias).copied()
    }

    pub fn current(&self) -> Option<u32> {
        self.alias(&AliasName::current())
    }

    /// The version a selector names, refusing what is not served.
    pub fn resolve(&self, name: &SecretName, selector: &Selector) -> Result<(u32, &Version)> {
        let number = match selector {
            Selector::Version(number) => *number,
            Selector::Alias(alias) => self.alias(alias).ok_or_else(|| {
                Error::not_found(format!("The secret '{name}' has no alias '{alias}'; `tresor show {name}` lists its aliases."))
            })?,
        };
        let version = self.versions.get(&number).ok_or_else(|| {
            Error::not_found(format!("The secret '{name}' has no version {number}."))
        })?;
        match version.state {
            VersionState::Active => Ok((number, version)),
            state => Err(Error::not_found(format!(
                "Version {number} of '{name}' is {state} and is not served{}.",
                if state == VersionState::Disabled {
                    "; `tresor enable` serves it again"
                } else {
                    ""
                }
            ))),
        }
    }

    /// The version an alias may point at: one that exists and is not destroyed.
    fn pointable(&self, name: &SecretName, number: u32) -> Result<()> {
        match self.versions.get(&number) {
            None => Err(Error::not_found(format!(
                "The secret '{name}' has no version {number}."
            ))),
            Some(version) if version.state == VersionState::Destroyed => Err(Error::not_found(
                format!("Version {number} of '{name}' is destroyed; an alias cannot point at it."),
            )),
            Some(_) => Ok(()),
        }
    }

    /// Compare-and-swap on an alias: fails with a conflict when it is not at `expect`.
    pub fn check_expect(
        &self,
        name: &SecretName,
        alias: &AliasName,
        expect: Option<u32>,
    ) -> Result<()> {
        let Some(expected) = expect else {
            return Ok(());
        };
        let actual = self.alias(alias);
        if actual == Some(expected) {
            Ok(())
        } else {
            let now = actual.map_or("nowhere".to_string(), |n| format!("version {n}"));
            Err(Error::conflict(format!(
                "The alias '{alias}' of '{name}' points at {now}, not version {expected}; someone changed it first. Look with `tresor show {name}` and try again."
            )))
        }
    }

    /// Adds a new version; returns its number (one past the highest ever used).
    pub fn add_version(
        &mut self,
        author: PrincipalName,
        created: Timestamp,
        expires: Option<Timestamp>,
        sealed: SealedValue,
    ) -> u32 {
        let number = self.latest_version() + 1;
        self.versions.insert(
            number,
            Version {
                state: VersionState::Active,
                created,
                author,
                expires,
                sealed: Some(sealed),
            },
        );
        number
    }

    /// Points `current` at `number`; the old current becomes `previous`, and a `pending`
    /// at `number` is cleared (it is no longer pending).
    pub fn make_current(&mut self, name: &SecretName, number: u32) -> Result<()> {
        self.pointable(name, number)?;
        if let Some(old) = self.current()
            && old != number
        {
            self.aliases.insert(AliasName::previous(), old);
        }
        self.aliases.insert(AliasName::current(), number);
        if self.alias(&AliasName::pending()) == Some(number) {
            self.aliases.remove(&AliasName::pending());
        }
        Ok(())
    }

    pub fn set_alias(&mut self, name: &SecretName, alias: &AliasName, number: u32) -> Result<()> {
        if *alias == AliasName::current() {
            return self.make_current(name, number);
        }
        self.pointable(name, number)?;
        self.aliases.insert(alias.clone(), number);
        Ok(())
    }

    pub fn remove_alias(&mut self, name: &SecretName, alias: &AliasName) -> Result<u32> {
        if *alias == AliasName::current() {
            return Err(Error::usage(format!(
                "The alias 'current' of '{name}' cannot be removed; point it elsewhere with `tresor promote`, or disable the version."
            )));
        }
        self.aliases
            .remove(alias)
            .ok_or_else(|| Error::not_found(format!("The secret '{name}' has no alias '{alias}'.")))
    }

    /// current <- previous, and previous <- the old current, so a rollback can be undone.
    pub fn rollback(&mut self, name: &SecretName) -> Result<(u32, u32)> {
        let previous = self.alias(&AliasName::previous()).ok_or_else(|| {
            Error::not_found(format!(
                "The secret '{name}' has no previous version to roll back to."
            ))
        })?;
        let (number, _) = self.resolve(name, &Selector::Version(previous))?;
        let current = self.current().ok_or_else(|| {
            Error::not_found(format!("The secret '{name}' has no current version."))
        })?;
        self.aliases.insert(AliasName::current(), number);
        self.aliases.insert(AliasName::previous(), current);
        Ok((current, number))
    }

    pub fn set_state(
        &mut self,
        name: &SecretName,
        number: u32,
        state: VersionState,
    ) -> Result<VersionState> {
        let version = self.versions.get_mut(&number).ok_or_else(|| {
            Error::not_found(format!("The secret '{name}' has no version {number}."))
        })?;
        let before = version.state;
        match (before, state) {
            (VersionState::Destroyed, VersionState::Destroyed) => {}
            (VersionState::Destroyed, _) => {
                return Err(Error::not_found(format!(
                    "Version {number} of '{name}' is destroyed; it cannot be {}d.",
                    if state == VersionState::Active {
                        "enable"
                    } else {
                        "disable"
                    }
                )));
            }
            (_, VersionState::Destroyed) => version.sealed = None,
            _ => {}
        }
        version.state = state;
        Ok(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> (SecretName, Secret) {
        let name: SecretName = "app/db".parse().unwrap();
        let secret = Secret {
            metadata: Metadata::default(),
            created: Timestamp::from_unix(0),
            aliases: BTreeMap::new(),
            versions: BTreeMap::new(),
            exposed: BTreeMap::new(),
            plan: None,
            journal: None,
        };
        (name, secret)
    }

    fn add(secret: &mut Secret) -> u32 {
        let sealed = SealedValue {
            keyring: "default".parse().unwrap(),
            dek: "d".into(),
            value: "v".into(),
        };
        secret.add_version(
            "alice".parse().unwrap(),
            Timestamp::from_unix(0),
            None,
            sealed,
        )
    }

    #[test]
    fn rotate_promote_rollback() {
        let (name, mut secret) = secret();
        let v1 = add(&mut secret);
        secret.make_current(&name, v1).unwrap();
        let v2 = add(&mut secret);
        secret.set_alias(&name, &AliasName::pending(), v2).unwrap();
        assert_eq!(secret.current(), Some(1));
        secret
            .check_expect(&name, &AliasName::current(), Some(1))
            .unwrap();
        assert_eq!(
            secret
                .check_expect(&name, &AliasName::current(), Some(2))
                .unwrap_err()
                .exit_code(),
            6
        );
        secret.make_current(&name, v2).unwrap();
        assert_eq!(secret.current(), Some(2));
        assert_eq!(secret.alias(&AliasName::previous()), Some(1));
        assert_eq!(secret.alias(&AliasName::pending()), None);
        assert_eq!(secret.rollback(&name).unwrap(), (2, 1));
        assert_eq!(secret.current(), Some(1));
        assert_eq!(secret.alias(&AliasName::previous()), Some(2));
    }

    #[test]
    fn destroyed_versions_are_gone_and_never_reused() {
        let (name, mut secret) = secret();
        let v1 = add(&mut secret);
        secret.make_current(&name, v1).unwrap();
        secret
            .set_state(&name, v1, VersionState::Destroyed)
            .unwrap();
        assert!(secret.versions[&1].sealed.is_none());
        assert_eq!(
            secret
                .resolve(&name, &Selector::default())
                .unwrap_err()
                .exit_code(),
            3
        );
        assert_eq!(
            secret
                .set_state(&name, v1, VersionState::Active)
                .unwrap_err()
                .exit_code(),
            3
        );
        assert_eq!(add(&mut secret), 2);
        assert_eq!(
            secret
                .set_alias(&name, &"canary".parse().unwrap(), 1)
                .unwrap_err()
                .exit_code(),
            3
        );
    }

    #[test]
    fn disabled_versions_are_not_served() {
        let (name, mut secret) = secret();
        let v1 = add(&mut secret);
        secret.make_current(&name, v1).unwrap();
        secret.set_state(&name, v1, VersionState::Disabled).unwrap();
        let err = secret.resolve(&name, &Selector::default()).unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert!(err.message().contains("disabled"));
    }
}
