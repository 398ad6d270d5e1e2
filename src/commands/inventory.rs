//! `list` and `show`: what is in the vault, readable by anyone holding the file.
//! Never a value; nothing here needs a key.

use crate::context::Context;
use crate::error::Result;
use crate::session::Unauthenticated;
use crate::time::{self, Timestamp};
use crate::vault::seal::version_digest;
use crate::vault::{Secret, SecretName};
use serde_json::{Value, json};

/// When the current version is due for rotation, in seconds from now (negative: overdue).
fn rotation_due_in(secret: &Secret, now: Timestamp) -> Option<i64> {
    let every = time::parse_duration(secret.metadata.rotate_every.as_deref()?).ok()?;
    let current = secret.versions.get(&secret.current()?)?;
    Some(current.created.plus(every).seconds_since(now))
}

fn matches_prefix(name: &SecretName, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    prefix.is_empty() || name.as_str() == prefix || name.as_str().starts_with(&format!("{prefix}/"))
}

pub fn list(ctx: &Context, prefix: Option<&str>) -> Result<()> {
    let open = Unauthenticated::open(ctx)?;
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
                    "expires": secret.metadata.expires.map(|t| t.to_string()),
                })
            })
            .collect();
        return ctx.output.json(&rows);
    }
    if secrets.is_empty() {
        ctx.output
            .note("No secrets yet; add one with `tresor create NAME`.");
        return Ok(());
    }
    let width = secrets
        .iter()
        .map(|(name, _)| name.as_str().len())
        .max()
        .unwrap_or(4)
        .max(4);
    let owner_width = secrets
        .iter()
        .filter_map(|(_, s)| s.metadata.owner.as_ref().map(String::len))
        .max()
        .unwrap_or(5)
        .max(5);
    ctx.output.line(&format!(
        "{:width$}  {:owner_width$}  CURRENT  AGE    ROTATION",
        "NAME", "OWNER"
    ))?;
    for (name, secret) in secrets {
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
        ctx.output.line(&format!(
            "{:width$}  {:owner_width$}  {:7}  {:5}  {due}",
            name.as_str(),
            secret.metadata.owner.as_deref().unwrap_or("-"),
            current.map_or("-".to_string(), |n| format!("v{n}")),
            age,
        ))?;
    }
    Ok(())
}

pub fn show(ctx: &Context, name: &str) -> Result<()> {
    let name: SecretName = name.parse()?;
    let open = Unauthenticated::open(ctx)?;
    let secret = open.vault.secret(&name)?;
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
                    "aliases": aliases_of(*number),
                    "digest": version.sealed.as_ref().map(|s| version_digest(Some(s))),
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
            "keyring": secret.keyring.as_str(),
            "owner": meta.owner,
            "description": meta.description,
            "rotate_every": meta.rotate_every,
            "rotation_due_in_seconds": rotation_due_in(secret, now),
            "expires": meta.expires.map(|t| t.to_string()),
            "tags": meta.tags,
            "created": secret.created.to_string(),
            "aliases": aliases,
            "versions": versions,
            "last_write": secret.audit.to_string(),
        }));
    }
    let mut lines = vec![
        format!("name:         {name}"),
        format!("keyring:      {}", secret.keyring),
    ];
    let optional = [
        ("owner", meta.owner.clone()),
        ("description", meta.description.clone()),
        ("rotate every", meta.rotate_every.clone()),
        ("expires", meta.expires.map(|t| t.to_string())),
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
    lines.push(
        "VERSION  STATE      CREATED               AUTHOR        DIGEST        ALIASES".to_string(),
    );
    for (number, version) in secret.versions.iter().rev() {
        let digest = version.sealed.as_ref().map_or("-".to_string(), |s| {
            version_digest(Some(s))[..12].to_string()
        });
        lines.push(format!(
            "v{:<7}  {:9}  {}  {:12}  {:12}  {}",
            number,
            version.state.as_str(),
            version.created,
            version.author.as_str(),
            digest,
            aliases_of(*number).join(",")
        ));
    }
    ctx.output.line(&lines.join("\n"))
}
