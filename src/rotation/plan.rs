//! A secret's rotation plan: which system its value is a login of, the secret that
//! holds the admin's connection, the family of roles tresor creates, the group they
//! join and how long the previous login keeps working. It is stored (signed) in the
//! secret's vault record as a TOML table.

use super::role::{RoleFamily, RoleName};
use crate::error::{Error, Result};
use crate::vault::SecretName;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The system a plan rotates logins in; each has its own `Target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum System {
    Postgres,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RotationPlan {
    pub system: System,
    /// The secret holding the admin's connection URI (a role with `CREATEROLE`).
    #[serde(with = "secret_name")]
    pub admin: SecretName,
    /// Versions log in as `FAMILY_vN`, leases as `FAMILY_l<id>`.
    pub family: RoleFamily,
    /// The group that owns the privileges; every login tresor creates joins it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<RoleName>,
    /// How long the previous version's login keeps working after a new one is current.
    #[serde(with = "overlap")]
    pub overlap: Duration,
}

impl RotationPlan {
    /// The plan as the TOML table stored in the vault record.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self)
            .map_err(|err| Error::other(format!("Writing the rotation plan failed: {err}.")))
    }

    /// Reads a stored plan back. A plan holds no secret, so the parser's own message
    /// (with its line and column) is kept.
    pub fn from_toml(text: &str) -> Result<RotationPlan> {
        toml::from_str(text).map_err(|err| {
            let reason = err.message().trim_end_matches('.');
            Error::integrity(format!("The stored rotation plan is not valid: {reason}."))
        })
    }
}

/// Refuses to delete or rename (`doing`) a secret that rotation plans name as their
/// admin's connection: their next rotation, lease or sweep would find nothing.
pub fn refuse_as_admin_of_plans(
    vault: &crate::vault::Vault,
    name: &SecretName,
    doing: &str,
) -> Result<()> {
    let planned: Vec<&str> = vault
        .secrets
        .iter()
        .filter(|(_, secret)| secret.plan.as_ref().is_some_and(|plan| plan.admin == *name))
        .map(|(planned, _)| planned.as_str())
        .collect();
    if planned.is_empty() {
        return Ok(());
    }
    Err(Error::conflict(format!(
        "'{name}' holds the admin connection of the rotation plans of {}; point them at another secret first (`tresor rotation set`), then it can be {doing}.",
        planned.join(", ")
    )))
}

/// Secret names are written as their text.
mod secret_name {
    use crate::vault::SecretName;
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub fn serialize<S: Serializer>(name: &SecretName, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(name.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SecretName, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|err: crate::Error| D::Error::custom(err.message()))
    }
}

/// Durations are written the way people read them (`7days 12h`), in whole seconds.
mod overlap {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};
    use std::time::Duration;

    pub fn serialize<S: Serializer>(overlap: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        let whole = Duration::from_secs(overlap.as_secs());
        serializer.collect_str(&humantime::format_duration(whole))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(deserializer)?;
        let overlap = humantime::parse_duration(&text).map_err(|_| {
            D::Error::custom(format!("'{text}' is not a duration such as 1d or 12h"))
        })?;
        Ok(Duration::from_secs(overlap.as_secs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plan(group: Option<&str>, overlap: u64) -> RotationPlan {
        RotationPlan {
            system: System::Postgres,
            admin: "db/admin".parse().unwrap(),
            family: "app".parse().unwrap(),
            group: group.map(|group| group.parse().unwrap()),
            overlap: Duration::from_secs(overlap),
        }
    }

    #[test]
    fn a_plan_is_a_readable_toml_table() {
        let text = plan(Some("app_rw"), 86_400 + 3_600).to_toml().unwrap();
        assert_eq!(
            text,
            "system = \"postgres\"\nadmin = \"db/admin\"\nfamily = \"app\"\ngroup = \"app_rw\"\noverlap = \"1day 1h\"\n"
        );
        assert!(!plan(None, 0).to_toml().unwrap().contains("group"));
        assert_eq!(
            RotationPlan::from_toml(&text).unwrap(),
            plan(Some("app_rw"), 90_000)
        );
    }

    #[test]
    fn a_bad_plan_is_refused_with_the_reason() {
        let good = plan(Some("app_rw"), 60).to_toml().unwrap();
        let cases = [
            (good.replace("postgres", "mysql"), "unknown variant"),
            (
                good.replace("\"app\"", "\"App\""),
                "not a valid role family",
            ),
            (good.replace("app_rw", "app rw"), "not a role name"),
            (
                good.replace("db/admin", "db//admin"),
                "not a valid secret name",
            ),
            (good.replace("1m", "soon"), "not a duration"),
            (format!("{good}extra = 1\n"), "unknown field"),
            (good.replace("family = \"app\"\n", ""), "missing field"),
        ];
        for (text, reason) in cases {
            let err = RotationPlan::from_toml(&text).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Integrity);
            assert!(err.message().contains(reason), "{text}: {}", err.message());
            assert!(err.message().ends_with('.'));
        }
    }

    proptest! {
        #[test]
        fn a_plan_reads_back_as_written(
            family in "[a-z][a-z0-9_]{0,40}",
            group in proptest::option::of("[a-z_][a-z0-9_]{0,62}"),
            overlap in 0u64..10_000_000_000,
        ) {
            prop_assume!(!family.starts_with("pg_"));
            let plan = RotationPlan {
                family: family.parse().unwrap(),
                group: group.map(|group| group.parse().unwrap()),
                ..plan(None, overlap)
            };
            prop_assert_eq!(RotationPlan::from_toml(&plan.to_toml().unwrap()).unwrap(), plan);
        }
    }
}
