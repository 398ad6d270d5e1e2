//! `list` and `show`: what is in the vault, readable by anyone holding the file.
//! Never a value; nothing here needs a key.

use crate::context::Context;
use crate::error::Result;
use crate::session::View;
use crate::time::{self, Timestamp};
use crate::vault::store::Scope;
use crate::vault::{Secret, SecretName};
use serde_json::{Value, json};

/// When the current version is due for rotation, in seconds from now (negative: overdue).
fn rotation_due_in(secret: &Secret, now: Timestamp) -> Option<i64> {
    let every = time::parse_duration(secret.metadata.rotate_every.as_deref()?).ok()?;
    let current = secret.versions.get(&secret.current()?)?;
    Some(current.created.plus(every).seconds_since(now))
}

/// When the current version expires, if it does.
pub(super) fn current_expiry(secret: &Secret) -> Option<Timestamp> {
    secret.versions.get(&secret.current()?)?.expires
}

/// A short digest of a version's ciphertexts, to compare copies by eye.
fn version_digest(sealed: &crate::vault::SealedValue) -> String {
    let mut encoding = crate::crypto::mac::Canonical::new("tresor/version-digest/v2");
    encoding.text(&sealed.dek).text(&sealed.value);
    encoding.digest()
}

fn matches_prefix(name: &SecretName, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    prefix.is_empty() || name.as_str() == prefix || name.as_str().starts_with(&format!("{prefix}/"))
}

pub fn list(ctx: &Context, prefix: Option<&str>) -> Result<()> {
    let scope = match prefix {
        Some(prefix) => Scope::prefix(prefix.trim_end_matches('/')),
        None => Scope::All,
    };
    let open = View::read(ctx, scope)?;
    let now = Timestamp::now();
    let secrets: Vec<(&SecretName, &Secret)> = open
        .vault
        .secrets
        .iter()
        .filter(|(name, _)| prefix.is_none_or(|p| matches_prefix(name, p)))
        .collect();
    if ctx.output.json {
        let rows: Vec<Value> = secrets
            .iter()
            .map(|(name, secret)| {
                let current = secret.current();
                let age = current
                    .and_then(|n| secret.versions.get(&n))
                    .map(|v| now.seconds_since(v.created));
                json!({
                    "name": name.as_str(),
                    "owner": secret.metadata.owner,
                    "current": current,
                    "versions": secret.versions.len(),
                    "age_seconds": age,
                    "rotate_every": secret.metadata.rotate_every,
                    "rotation_due_in_seconds": rotation_due_in(secret, now),
                    "expires": current_expiry(secret).map(|t| t.to_string()),
                })
            })
            .collect();
        return ctx.output.json(&rows);
    }
    if secrets.is_empty() {
        // Only what is under the prefix was loaded: the rest is read to tell an empty
        // vault from a prefix that matches nothing (a typo, perhaps).
        let everything = match prefix {
            Some(_) => View::read(ctx, Scope::All)?.vault,
            None => open.vault,
        };
        ctx.output.note(&nothing_listed(&everything, prefix));
        return Ok(());
    }
    let rows = secrets.into_iter().map(|(name, secret)| {
        let current = secret.current();
        let age = current
            .and_then(|n| secret.versions.get(&n))
            .map_or("-".to_string(), |v| {
                time::format_duration(now.seconds_since(v.created))
            });
        let due = match rotation_due_in(secret, now) {
            None => "-".to_string(),
            Some(seconds) if seconds < 0 => format!("overdue {}", time::format_duration(-seconds)),
            Some(seconds) => format!("in {}", time::format_duration(seconds)),
        };
        vec![
            name.to_string(),
            secret.metadata.owner.clone().unwrap_or_else(|| "-".into()),
            current.map_or("-".to_string(), |n| format!("v{n}")),
            age,
            due,
        ]
    });
    ctx.output.line(&crate::table::render(
        &["NAME", "OWNER", "CURRENT", "AGE", "ROTATION"],
        rows,
    ))
}

/// Why `list` shows nothing: an empty vault, or a prefix nothing is under (a typo?).
fn nothing_listed(vault: &crate::vault::Vault, prefix: Option<&str>) -> String {
    let Some(prefix) = prefix.filter(|_| !vault.secrets.is_empty()) else {
        return "No secrets yet; add one with `tresor create NAME`.".to_string();
    };
    // Names and the folders they are in, as a prefix might have meant one.
    let mut places = std::collections::BTreeSet::new();
    for name in vault.secrets.keys() {
        let mut at = 0;
        while let Some(slash) = name.as_str()[at..].find('/') {
            at += slash;
            places.insert(&name.as_str()[..at]);
            at += 1;
        }
        places.insert(name.as_str());
    }
    let wanted = prefix.trim_end_matches('/');
    match crate::vault::model::closest(wanted, places) {
        Some(near) => format!(
            "No secret is named '{wanted}' or under it; did you mean '{near}'? `tresor list` shows every secret."
        ),
        None => {
            format!("No secret is named '{wanted}' or under it; `tresor list` shows every secret.")
        }
    }
}

pub fn show(ctx: &Context, name: &str) -> Result<()> {
    let name: SecretName = name.parse()?;
    let open = View::read(ctx, Scope::one(&name))?;
    let secret = open.vault.secret(&name)?;
    let readers = crate::keyring::reader_set(&open.vault, &name);
    let now = Timestamp::now();
    let meta = &secret.metadata;
    let aliases_of = |number: u32| -> Vec<&str> {
        secret
            .aliases
            .iter()
            .filter(|(_, n)| **n == number)
            .map(|(alias, _)| alias.as_str())
            .collect()
    };
    if ctx.output.json {
        let versions: Vec<Value> = secret
            .versions
            .iter()
            .map(|(number, version)| {
                json!({
                    "version": number,
                    "state": version.state.as_str(),
                    "created": version.created.to_string(),
                    "author": version.author.as_str(),
                    "expires": version.expires.map(|t| t.to_string()),
                    "aliases": aliases_of(*number),
                    "keyring": version.sealed.as_ref().map(|s| s.keyring.as_str()),
                    "readers": version.sealed.as_ref().and_then(|s| open.vault.keyrings.get(&s.keyring)).map(|k| k.readers.iter().map(|r| r.as_str()).collect::<Vec<_>>()),
                    "digest": version.sealed.as_ref().map(version_digest),
                })
            })
            .collect();
        let aliases: serde_json::Map<String, Value> = secret
            .aliases
            .iter()
            .map(|(alias, n)| (alias.to_string(), json!(n)))
            .collect();
        return ctx.output.json(&json!({
            "name": name.as_str(),
            "readers": readers.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "owner": meta.owner,
            "description": meta.description,
            "rotate_every": meta.rotate_every,
            "rotation_due_in_seconds": rotation_due_in(secret, now),
            "expires": current_expiry(secret).map(|t| t.to_string()),
            "tags": meta.tags,
            "created": secret.created.to_string(),
            "aliases": aliases,
            "versions": versions,
            "exposed": secret.exposed.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect::<std::collections::BTreeMap<_, _>>(),
            "rotation": secret.plan.as_ref().map(|plan| json!({
                "system": "postgres",
                "admin": plan.admin.as_str(),
                "role": plan.family.as_str(),
                "group": plan.group.as_ref().map(|g| g.as_str()),
                "overlap_seconds": plan.overlap.as_secs(),
            })),
        }));
    }
    let reader_names: Vec<&str> = readers.iter().map(|r| r.as_str()).collect();
    let mut lines = vec![
        format!("name:         {name}"),
        format!("readers:      {}", reader_names.join(", ")),
    ];
    let optional = [
        ("owner", meta.owner.clone()),
        ("description", meta.description.clone()),
        ("rotate every", meta.rotate_every.clone()),
        ("expires", current_expiry(secret).map(|t| t.to_string())),
    ];
    for (label, value) in optional {
        if let Some(value) = value {
            lines.push(format!("{:14}{value}", format!("{label}:")));
        }
    }
    if !meta.tags.is_empty() {
        let tags: Vec<String> = meta.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
        lines.push(format!("tags:         {}", tags.join(" ")));
    }
    if let Some(plan) = &secret.plan {
        lines.push(format!(
            "rotation:     PostgreSQL logins {}_vN{} through '{}', overlap {} (`tresor rotation status {name}`)",
            plan.family,
            plan.group.as_ref().map(|g| format!(" in {g}")).unwrap_or_default(),
            plan.admin,
            crate::time::format_duration(plan.overlap.as_secs() as i64)
        ));
    }
    lines.push(format!("created:      {}", secret.created));
    let aliases: Vec<String> = secret
        .aliases
        .iter()
        .map(|(a, n)| format!("{a}=v{n}"))
        .collect();
    lines.push(format!(
        "aliases:      {}",
        if aliases.is_empty() {
            "-".into()
        } else {
            aliases.join(" ")
        }
    ));
    lines.push(String::new());
    let rows = secret.versions.iter().rev().map(|(number, version)| {
        let digest = version
            .sealed
            .as_ref()
            .map_or("-".to_string(), |s| version_digest(s)[..12].to_string());
        vec![
            format!("v{number}"),
            version.state.as_str().to_string(),
            version.created.to_string(),
            version.author.to_string(),
            digest,
            aliases_of(*number).join(","),
        ]
    });
    lines.push(crate::table::render(
        &["VERSION", "STATE", "CREATED", "AUTHOR", "DIGEST", "ALIASES"],
        rows,
    ));
    ctx.output.line(&lines.join("\n"))
}
