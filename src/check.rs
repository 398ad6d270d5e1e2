//! What `tresor check` finds must be acted on, derived from the verified vault alone:
//! each finding names the command that clears it. Narrowed by a prefix, kinds to
//! ignore, and the window in which an expiry counts as near.

use crate::error::{Error, Result};
use crate::policy::grant::GrantState;
use crate::time::{self, Timestamp};
use crate::vault::{AliasName, Secret, SecretName, Vault, VersionState};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// How long before its expiry a version is reported, unless `--within` says otherwise;
/// also how long a version may stay pending.
pub const DEFAULT_WINDOW: i64 = 7 * 86_400;

/// The kinds of finding, in the order they are reported for a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Overdue,
    Expired,
    Expiring,
    StalePending,
    Unserved,
    AllDestroyed,
    NoOwner,
    Exposed,
    OpenGrant,
    NotRotated,
    OverlapOver,
    RotationStopped,
    ExpiredLease,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Overdue,
        Kind::Expired,
        Kind::Expiring,
        Kind::StalePending,
        Kind::Unserved,
        Kind::AllDestroyed,
        Kind::NoOwner,
        Kind::Exposed,
        Kind::OpenGrant,
        Kind::NotRotated,
        Kind::OverlapOver,
        Kind::RotationStopped,
        Kind::ExpiredLease,
    ];

    pub const NAMES: [&'static str; 13] = [
        "overdue",
        "expired",
        "expiring",
        "stale-pending",
        "unserved",
        "all-destroyed",
        "no-owner",
        "exposed",
        "open-grant",
        "not-rotated",
        "overlap-over",
        "rotation-stopped",
        "expired-lease",
    ];

    pub fn as_str(self) -> &'static str {
        let index = Kind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Kind::NAMES[index]
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = Error;

    fn from_str(text: &str) -> Result<Kind> {
        Kind::NAMES
            .iter()
            .position(|name| *name == text)
            .map(|index| Kind::ALL[index])
            .ok_or_else(|| {
                Error::usage(format!(
                    "'{text}' is not a kind of finding; the kinds are {}.",
                    Kind::NAMES.join(", ")
                ))
            })
    }
}

#[derive(Debug, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub secret: Option<String>,
    pub detail: String,
    /// How long past its rotation or expiry the secret is, for metrics.
    #[serde(skip)]
    pub past_seconds: Option<i64>,
}

/// What to look at.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Only secrets at or under this path (and grants that reach one of them).
    pub prefix: Option<String>,
    pub ignore: Vec<Kind>,
    /// How far ahead an expiry is reported (`expiring`), in seconds.
    pub within: Option<i64>,
}

impl Scope {
    fn covers(&self, name: &SecretName) -> bool {
        let Some(prefix) = self.prefix.as_deref().map(|p| p.trim_end_matches('/')) else {
            return true;
        };
        prefix.is_empty()
            || name.as_str() == prefix
            || name
                .as_str()
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    }
}

/// The findings and how many secrets were looked at.
pub struct Report {
    pub secrets: usize,
    pub findings: Vec<Finding>,
}

pub fn check(vault: &Vault, now: Timestamp, scope: &Scope) -> Report {
    let window = scope.within.unwrap_or(DEFAULT_WINDOW);
    let mut findings = Vec::new();
    let mut secrets = 0;
    for (name, secret) in vault.secrets.iter().filter(|(n, _)| scope.covers(n)) {
        secrets += 1;
        of_secret(name, secret, now, window, &mut findings);
    }
    let names: Vec<&SecretName> = vault.secrets.keys().filter(|n| scope.covers(n)).collect();
    for (id, grant) in &vault.grants {
        let reaches = scope.prefix.is_none() || names.iter().any(|n| grant.on.is_match(n.as_str()));
        if grant.state(now) == GrantState::Open && reaches {
            findings.push(Finding {
                kind: Kind::OpenGrant,
                secret: None,
                detail: format!(
                    "{id}: '{}' on '{}' until {} (ticket {}); ends by itself then, or `tresor break-glass close --grant {id}`",
                    grant.principal,
                    grant.on.as_str(),
                    grant.expires,
                    grant.ticket
                ),
                past_seconds: None,
            });
        }
    }
    for (id, lease) in &vault.leases {
        if lease.expired(now) && names.iter().any(|n| **n == lease.secret) {
            findings.push(Finding {
                kind: Kind::ExpiredLease,
                secret: Some(lease.secret.to_string()),
                detail: format!(
                    "lease {id} (login {}) ended {}; `tresor lease sweep` drops its login",
                    lease.role, lease.expires
                ),
                past_seconds: Some(now.seconds_since(lease.expires)),
            });
        }
    }
    findings.retain(|f| !scope.ignore.contains(&f.kind));
    Report { secrets, findings }
}

fn of_secret(
    name: &SecretName,
    secret: &Secret,
    now: Timestamp,
    window: i64,
    found: &mut Vec<Finding>,
) {
    let mut add = |kind, detail: String, past_seconds: Option<i64>| {
        found.push(Finding {
            kind,
            secret: Some(name.to_string()),
            detail,
            past_seconds,
        })
    };
    let current = secret
        .current()
        .and_then(|n| secret.versions.get(&n).map(|v| (n, v)));
    if let (Some(every), Some((number, version))) = (&secret.metadata.rotate_every, current)
        && let Ok(period) = time::parse_duration(every)
    {
        let due = version.created.plus(period);
        if due <= now {
            let past = now.seconds_since(due);
            add(
                Kind::Overdue,
                format!(
                    "v{number} is {} past its {every} rotation; `tresor rotate {name}`",
                    time::format_duration(past)
                ),
                Some(past),
            );
        }
    }
    if let Some(expires) = current.and_then(|(_, version)| version.expires) {
        if expires <= now {
            add(
                Kind::Expired,
                format!(
                    "expired {expires}; `tresor rotate {name}`, or `tresor meta {name} --expires TIME`"
                ),
                Some(now.seconds_since(expires)),
            );
        } else if expires.seconds_since(now) <= window {
            add(
                Kind::Expiring,
                format!(
                    "expires {expires}, in {}; `tresor rotate {name}`, or `tresor meta {name} --expires TIME`",
                    time::format_duration(expires.seconds_since(now))
                ),
                None,
            );
        }
    }
    if let Some(pending) = secret.alias(&AliasName::pending())
        && let Some(version) = secret.versions.get(&pending)
        && now.seconds_since(version.created) > DEFAULT_WINDOW
    {
        add(
            Kind::StalePending,
            format!(
                "v{pending} has been pending for {}; `tresor promote {name} {pending}`, or `tresor alias rm {name} pending`",
                time::format_duration(now.seconds_since(version.created))
            ),
            None,
        );
    }
    if let Some(plan) = &secret.plan {
        for (kind, detail) in crate::rotation::findings(name.as_str(), plan, secret, now) {
            if let Ok(kind) = kind.parse() {
                add(kind, detail, None);
            }
        }
    }
    let left = secret
        .versions
        .values()
        .any(|v| v.state != VersionState::Destroyed);
    // A planned secret has no version until its first rotation.
    let unrotated = secret.versions.is_empty() && secret.plan.is_some();
    let served = current.is_some_and(|(_, v)| v.state == VersionState::Active);
    if left && !served {
        let why = match current {
            Some((number, version)) => {
                format!("its current version {number} is {}", version.state.as_str())
            }
            None => "it has no current version".to_string(),
        };
        add(
            Kind::Unserved,
            format!("nothing is served: {why}; {}", serve_again(name, secret)),
            None,
        );
    }
    if !left && !unrotated {
        add(
            Kind::AllDestroyed,
            format!("every version is destroyed; `tresor delete {name}` frees the name"),
            None,
        );
    }
    if secret.metadata.owner.is_none() {
        add(
            Kind::NoOwner,
            format!("no owner; set one with `tresor meta {name} --owner TEAM`"),
            None,
        );
    }
    // Every version an alias serves is in use (`current`, a staged `pending` about to
    // become it, any alias of the team's own): one that a leaver could read is exposed.
    // `previous` only remembers what a rotation replaced, for a rollback.
    if secret.exposed.is_empty() {
        return;
    }
    let mut served_by: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for (alias, number) in &secret.aliases {
        if *alias != AliasName::previous() {
            served_by.entry(*number).or_default().push(alias.as_str());
        }
    }
    for (principal, left) in &secret.exposed {
        for (number, aliases) in &served_by {
            let Some(version) = secret.versions.get(number) else {
                continue;
            };
            if version.state != VersionState::Active || version.created > *left {
                continue;
            }
            let remedy = if Some(*number) == current.map(|(n, _)| n) {
                format!("`tresor rotate {name}`")
            } else {
                format!("stop serving it (`tresor disable {name} --version {number}`)")
            };
            add(
                Kind::Exposed,
                format!(
                    "v{number} ({}) was readable by '{principal}', who lost access {left}; {remedy}",
                    aliases.join(", ")
                ),
                None,
            );
        }
    }
}

/// The command that serves `secret` again: promote its newest active version,
/// enable a disabled current one, or rotate.
pub fn serve_again(name: &SecretName, secret: &Secret) -> String {
    let current = secret.current();
    let active = secret
        .versions
        .iter()
        .rev()
        .find(|(n, v)| Some(**n) != current && v.state == VersionState::Active);
    let disabled_current = current
        .and_then(|n| secret.versions.get(&n).map(|v| (n, v)))
        .filter(|(_, v)| v.state == VersionState::Disabled);
    match (active, disabled_current) {
        (Some((number, _)), _) => {
            format!("`tresor promote {name} {number}` makes version {number} current")
        }
        (None, Some((number, _))) => {
            format!("`tresor enable {name} --version {number}` serves it again")
        }
        (None, None) => format!("`tresor rotate {name}` adds a new current version"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_by_name() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>().unwrap(), kind);
        }
        assert_eq!("stale".parse::<Kind>().unwrap_err().exit_code(), 2);
    }

    #[test]
    fn a_prefix_covers_itself_and_what_is_under_it() {
        let scope = Scope {
            prefix: Some("prod/app/".into()),
            ..Scope::default()
        };
        let name = |text: &str| text.parse::<SecretName>().unwrap();
        assert!(scope.covers(&name("prod/app")));
        assert!(scope.covers(&name("prod/app/db")));
        assert!(!scope.covers(&name("prod/application")));
        assert!(Scope::default().covers(&name("x")));
    }
}
