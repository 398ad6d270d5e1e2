//! The vault in memory: principals, keyrings, the wrapped integrity key, and secrets
//! with their versions and aliases. Plain data plus the rules of the version/alias
//! state machine; no cryptography and no I/O.

use super::name::{AliasName, KeyringName, PrincipalName, SecretName};
use crate::audit::EventRef;
use crate::error::{Error, Result};
use crate::policy::Policy;
use crate::policy::grant::Grant;
use crate::time::Timestamp;
use std::collections::BTreeMap;
use std::fmt;

pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vault {
    pub id: String,
    /// The last write event recorded for the vault as a whole.
    pub audit: Option<EventRef>,
    pub principals: BTreeMap<PrincipalName, Principal>,
    pub keyrings: BTreeMap<KeyringName, Keyring>,
    pub integrity: IntegrityWraps,
    pub policy: Policy,
    /// Break-glass grants by id, open, expired or closed (kept for the record).
    pub grants: BTreeMap<String, Grant>,
    /// When each principal last lost a keyring: versions older than that are exposed
    /// to it until rotated (`check` reports them).
    pub departed: BTreeMap<(PrincipalName, KeyringName), Timestamp>,
    /// Requests to join, made by newcomers who hold no key yet. Outside every MAC:
    /// a request grants nothing until an admin approves it.
    pub requests: BTreeMap<PrincipalName, Request>,
    pub secrets: BTreeMap<SecretName, Secret>,
    /// Secrets a read-only command did not load: their MACs, for the vault MAC. A vault
    /// with any is partial and is never saved.
    pub unloaded: super::Unloaded,
    pub mac: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub recipient: String,
    pub requested: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub recipient: String,
    pub added: Timestamp,
}

/// A keyring's public half and its secret half wrapped to each principal who may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyring {
    pub recipient: String,
    pub wrapped: BTreeMap<PrincipalName, String>,
}

/// The integrity key, wrapped with age to every principal and sealed under every
/// keyring (so a reader can authenticate it with a key no outsider holds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntegrityWraps {
    pub principals: BTreeMap<PrincipalName, String>,
    pub keyrings: BTreeMap<KeyringName, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub keyring: KeyringName,
    pub metadata: Metadata,
    pub created: Timestamp,
    pub aliases: BTreeMap<AliasName, u32>,
    pub versions: BTreeMap<u32, Version>,
    /// The last write event of this secret, so a truncated audit log is detected.
    pub audit: EventRef,
    pub mac: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub owner: Option<String>,
    pub description: Option<String>,
    /// As the user wrote it (`90d`), validated.
    pub rotate_every: Option<String>,
    pub expires: Option<Timestamp>,
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
    pub sealed: Option<SealedValue>,
}

/// A value sealed under its data key, and the data key wrapped to the keyring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedValue {
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

impl Vault {
    pub fn principal_with_recipient(&self, recipient: &str) -> Option<&PrincipalName> {
        self.principals
            .iter()
            .find(|(_, principal)| principal.recipient == recipient)
            .map(|(name, _)| name)
    }

    pub fn secret(&self, name: &SecretName) -> Result<&Secret> {
        self.secrets.get(name).ok_or_else(|| missing_secret(name))
    }

    pub fn secret_mut(&mut self, name: &SecretName) -> Result<&mut Secret> {
        self.secrets
            .get_mut(name)
            .ok_or_else(|| missing_secret(name))
    }

    pub fn keyring(&self, name: &KeyringName) -> Result<&Keyring> {
        self.keyrings.get(name).ok_or_else(|| {
            Error::integrity(format!(
                "The vault names a keyring '{name}' it does not hold."
            ))
        })
    }
}

fn missing_secret(name: &SecretName) -> Error {
    Error::not_found(format!(
        "No secret named '{name}' in the vault; `tresor list` shows what there is."
    ))
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
        sealed: SealedValue,
    ) -> u32 {
        let number = self.latest_version() + 1;
        self.versions.insert(
            number,
            Version {
                state: VersionState::Active,
                created,
                author,
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
pub mod tests_support {
    use super::*;

    /// A vault with no principals, keyrings or secrets, for unit tests.
    pub fn empty_vault() -> Vault {
        let admin: PrincipalName = "alice".parse().unwrap();
        Vault {
            id: "test".into(),
            audit: None,
            principals: BTreeMap::new(),
            keyrings: BTreeMap::new(),
            integrity: IntegrityWraps::default(),
            policy: Policy::initial(&admin).unwrap(),
            grants: BTreeMap::new(),
            departed: BTreeMap::new(),
            requests: BTreeMap::new(),
            secrets: BTreeMap::new(),
            unloaded: crate::vault::Unloaded::default(),
            mac: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> (SecretName, Secret) {
        let name: SecretName = "app/db".parse().unwrap();
        let secret = Secret {
            keyring: KeyringName::default_keyring(),
            metadata: Metadata::default(),
            created: Timestamp::from_unix(0),
            aliases: BTreeMap::new(),
            versions: BTreeMap::new(),
            audit: EventRef::genesis(),
            mac: String::new(),
        };
        (name, secret)
    }

    fn add(secret: &mut Secret) -> u32 {
        let sealed = SealedValue {
            dek: "d".into(),
            value: "v".into(),
        };
        secret.add_version("alice".parse().unwrap(), Timestamp::from_unix(0), sealed)
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
