//! `check`: what must be acted on, for people and as a CI gate (exit 8). Reads only
//! what anyone holding the file can read.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::policy::grant::GrantState;
use crate::session::View;
use crate::time::{self, Timestamp};
use crate::vault::{AliasName, Vault};
use serde::Serialize;
use serde_json::json;

const SOON: i64 = 7 * 86_400;

#[derive(Debug, Serialize)]
struct Finding {
    kind: &'static str,
    secret: Option<String>,
    detail: String,
}

fn findings(vault: &Vault, now: Timestamp) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut add = |kind, secret: Option<&str>, detail: String| {
        found.push(Finding {
            kind,
            secret: secret.map(str::to_string),
            detail,
        })
    };
    for (name, secret) in &vault.secrets {
        let name = name.as_str();
        let current = secret
            .current()
            .and_then(|n| secret.versions.get(&n).map(|v| (n, v)));
        if let (Some(every), Some((number, version))) = (&secret.metadata.rotate_every, current)
            && let Ok(period) = time::parse_duration(every)
        {
            let due = version.created.plus(period);
            if due <= now {
                add(
                    "overdue",
                    Some(name),
                    format!(
                        "v{number} is {} past its {every} rotation; `tresor rotate {name}`",
                        time::format_duration(now.seconds_since(due))
                    ),
                );
            }
        }
        if let Some(expires) = current.and_then(|(_, version)| version.expires) {
            if expires <= now {
                add(
                    "expired",
                    Some(name),
                    format!(
                        "expired {expires}; `tresor rotate {name}`, or `tresor meta {name} --expires TIME`"
                    ),
                );
            } else if expires.seconds_since(now) <= SOON {
                add(
                    "expiring",
                    Some(name),
                    format!(
                        "expires {expires}, in {}",
                        time::format_duration(expires.seconds_since(now))
                    ),
                );
            }
        }
        if let Some(pending) = secret.alias(&AliasName::pending())
            && let Some(version) = secret.versions.get(&pending)
            && now.seconds_since(version.created) > SOON
        {
            add(
                "stale-pending",
                Some(name),
                format!(
                    "v{pending} has been pending for {}",
                    time::format_duration(now.seconds_since(version.created))
                ),
            );
        }
        if let Some(plan) = &secret.plan {
            for (kind, detail) in crate::rotation::findings(name, plan, secret, now) {
                add(kind, Some(name), detail);
            }
        }
        let served = secret
            .versions
            .values()
            .any(|v| v.state != crate::vault::VersionState::Destroyed);
        // A planned secret has no version until its first rotation.
        let unrotated = secret.versions.is_empty() && secret.plan.is_some();
        if !served && !unrotated {
            add(
                "all-destroyed",
                Some(name),
                format!("every version is destroyed; `tresor delete {name}` frees the name"),
            );
        }
        if secret.metadata.owner.is_none() {
            add(
                "no-owner",
                Some(name),
                format!("no owner; set one with `tresor meta {name} --owner TEAM`"),
            );
        }
        for (principal, left) in &secret.exposed {
            if let Some((number, version)) = current
                && version.created <= *left
            {
                add(
                    "exposed",
                    Some(name),
                    format!(
                        "v{number} was readable by '{principal}', who lost access {left}; rotate it"
                    ),
                );
            }
        }
    }
    for (id, lease) in &vault.leases {
        if lease.expired(now) {
            add(
                "expired-lease",
                Some(lease.secret.as_str()),
                format!(
                    "lease {id} (login {}) ended {}; `tresor lease sweep` drops its login",
                    lease.role, lease.expires
                ),
            );
        }
    }
    for (id, grant) in &vault.grants {
        if grant.state(now) == GrantState::Open {
            add(
                "open-grant",
                None,
                format!(
                    "{id}: '{}' on '{}' until {} (ticket {})",
                    grant.principal,
                    grant.on.as_str(),
                    grant.expires,
                    grant.ticket
                ),
            );
        }
    }
    found
}

pub fn check(ctx: &Context) -> Result<()> {
    let open = View::read(ctx, crate::vault::store::Scope::All)?;
    let found = findings(&open.vault, Timestamp::now());
    if ctx.output.json {
        ctx.output
            .json(&json!({"ok": found.is_empty(), "findings": found}))?;
    } else if found.is_empty() {
        if !ctx.output.quiet {
            ctx.output.line(&format!(
                "All {} secrets are in order.",
                open.vault.secrets.len()
            ))?;
        }
    } else {
        let width = found
            .iter()
            .filter_map(|f| f.secret.as_ref().map(String::len))
            .max()
            .unwrap_or(6)
            .max(6);
        ctx.output
            .line(&format!("{:13}  {:width$}  DETAIL", "KIND", "SECRET"))?;
        for finding in &found {
            ctx.output.line(&format!(
                "{:13}  {:width$}  {}",
                finding.kind,
                finding.secret.as_deref().unwrap_or("-"),
                finding.detail
            ))?;
        }
    }
    if found.is_empty() {
        Ok(())
    } else {
        Err(Error::check_failed(format!(
            "{} finding(s) need action.",
            found.len()
        )))
    }
}
