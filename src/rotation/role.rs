//! Database role names: a role family (`app`) and the roles tresor makes in it, a
//! version's `app_v3` and a lease's `app_l<id>`. Names are checked when parsed, so a
//! name that reaches SQL is always a plain lowercase identifier.

use crate::error::{Error, Result};
use rand::Rng;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// PostgreSQL keeps 63 bytes of a name (NAMEDATALEN - 1) and cuts the rest silently.
const MAX_ROLE: usize = 63;
/// A family leaves room for `_v4294967295` and `_l` with a lease id.
const MAX_FAMILY: usize = 41;
const LEASE_ID_LENGTH: usize = 16;
const LEASE_ID_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// `[a-z_][a-z0-9_]*`, 1 to `max` bytes: an identifier that needs no quoting.
fn is_plain_identifier(text: &str, max: usize) -> bool {
    let mut bytes = text.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'_'))
        && text.len() <= max
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

fn shown(text: &str) -> String {
    text.chars().take(80).collect()
}

/// A role that exists in the database: a group to join, a version's or a lease's login.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RoleName(String);

impl RoleName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for RoleName {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        if is_plain_identifier(text, MAX_ROLE) {
            Ok(RoleName(text.to_string()))
        } else {
            Err(Error::usage(format!(
                "'{}' is not a role name tresor uses: write 1 to 63 lowercase letters, digits or '_', not starting with a digit.",
                shown(text)
            )))
        }
    }
}

/// The prefix of the roles tresor creates for one secret: `app` gives `app_v3` and
/// `app_l<id>`, and tresor drops no role outside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RoleFamily(String);

/// What a role of a family is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    /// `FAMILY_vN`: the login of version N of the secret.
    Version(u32),
    /// `FAMILY_l<id>`: a lease's login.
    Lease(LeaseId),
}

impl RoleFamily {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The login role of version `version`: `FAMILY_vN`.
    pub fn version(&self, version: u32) -> RoleName {
        RoleName(format!("{}_v{version}", self.0))
    }

    /// The login role of a lease: `FAMILY_l<id>`.
    pub fn lease(&self, id: &LeaseId) -> RoleName {
        RoleName(format!("{}_l{}", self.0, id.0))
    }

    /// What `role` is in this family, or `None` when it is not one of its roles.
    pub fn member(&self, role: &str) -> Option<Member> {
        let rest = role.strip_prefix(self.0.as_str())?.strip_prefix('_')?;
        if let Some(digits) = rest.strip_prefix('v') {
            let canonical = !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit());
            return canonical
                .then(|| digits.parse().ok())
                .flatten()
                .map(Member::Version);
        }
        let id = rest.strip_prefix('l')?;
        id.parse().ok().map(Member::Lease)
    }
}

impl FromStr for RoleFamily {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        if !is_plain_identifier(text, MAX_FAMILY) {
            return Err(Error::usage(format!(
                "'{}' is not a valid role family: write 1 to 41 lowercase letters, digits or '_', not starting with a digit.",
                shown(text)
            )));
        }
        if text.starts_with("pg_") {
            return Err(Error::usage(format!(
                "'{text}' is not a valid role family: PostgreSQL reserves names starting with 'pg_'."
            )));
        }
        Ok(RoleFamily(text.to_string()))
    }
}

/// The random part of a lease's role name: 16 lowercase letters and digits (~82 bits).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LeaseId(String);

impl LeaseId {
    pub fn generate() -> LeaseId {
        let mut rng = OsRng;
        let id = (0..LEASE_ID_LENGTH)
            .map(|_| char::from(LEASE_ID_ALPHABET[rng.gen_range(0..LEASE_ID_ALPHABET.len())]))
            .collect();
        LeaseId(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for LeaseId {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let valid = (1..=LEASE_ID_LENGTH).contains(&text.len())
            && text.bytes().all(|b| LEASE_ID_ALPHABET.contains(&b));
        if valid {
            Ok(LeaseId(text.to_string()))
        } else {
            Err(Error::usage(format!(
                "'{}' is not a lease id: it is 1 to 16 lowercase letters and digits.",
                shown(text)
            )))
        }
    }
}

macro_rules! string_conversions {
    ($($name:ident),*) => {$(
        impl TryFrom<String> for $name {
            type Error = Error;

            fn try_from(text: String) -> Result<Self> {
                text.parse()
            }
        }

        impl From<$name> for String {
            fn from(name: $name) -> String {
                name.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

string_conversions!(RoleName, RoleFamily, LeaseId);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn families_and_roles_are_plain_identifiers() {
        for good in ["app", "_x", "a1_b2", &"a".repeat(41)] {
            assert!(good.parse::<RoleFamily>().is_ok(), "{good}");
        }
        for bad in [
            "",
            "App",
            "1app",
            "app-rw",
            "app\"; drop",
            "a b",
            "pg_app",
            &"a".repeat(42),
        ] {
            let err = bad.parse::<RoleFamily>().unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Usage, "{bad}");
        }
        assert!("a".repeat(63).parse::<RoleName>().is_ok());
        assert!("a".repeat(64).parse::<RoleName>().is_err());
        assert!("pg_signal_backend".parse::<RoleName>().is_ok());
        assert!("x'y".parse::<RoleName>().is_err());
    }

    #[test]
    fn a_family_knows_its_own_roles_only() {
        let app: RoleFamily = "app".parse().unwrap();
        assert_eq!(app.version(3).as_str(), "app_v3");
        assert_eq!(app.member("app_v3"), Some(Member::Version(3)));
        let id: LeaseId = "k3x9".parse().unwrap();
        assert_eq!(app.lease(&id).as_str(), "app_lk3x9");
        assert_eq!(app.member("app_lk3x9"), Some(Member::Lease(id)));
        for other in [
            "app", "app_", "app_v", "app_v03", "app_v3_x", "apple_v1", "app_l", "app_rw", "ap_v1",
        ] {
            assert_eq!(app.member(other), None, "{other}");
        }
        // A family that is another's prefix does not claim its roles.
        let nested: RoleFamily = "app_v".parse().unwrap();
        assert_eq!(app.member(nested.version(1).as_str()), None);
    }

    #[test]
    fn the_longest_family_still_fits_in_a_postgres_name() {
        let family: RoleFamily = "a".repeat(41).parse().unwrap();
        assert!(
            family
                .version(u32::MAX)
                .as_str()
                .parse::<RoleName>()
                .is_ok()
        );
        assert!(
            family
                .lease(&LeaseId::generate())
                .as_str()
                .parse::<RoleName>()
                .is_ok()
        );
    }

    proptest! {
        #[test]
        fn every_version_and_lease_reads_back(family in "[a-z_][a-z0-9_]{0,40}", version in 1u32.., id in "[a-z0-9]{1,16}") {
            prop_assume!(!family.starts_with("pg_"));
            let family: RoleFamily = family.parse().unwrap();
            let id: LeaseId = id.parse().unwrap();
            prop_assert_eq!(family.member(family.version(version).as_str()), Some(Member::Version(version)));
            prop_assert_eq!(family.member(family.lease(&id).as_str()), Some(Member::Lease(id)));
        }
    }
}
