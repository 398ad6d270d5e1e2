//! A stable text view of a vault for `git diff` and `git log -p`: names, owners,
//! aliases, versions with their states and short ciphertext digests. Never a value,
//! never a key, never base64: a rotation reads as one added line.

use crate::audit::AuditLine;
use crate::vault::Vault;
use crate::vault::seal::version_digest;
use std::fmt::Write;

const SHORT: usize = 12;

pub fn vault(vault: &Vault) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "vault {}", vault.id);
    if let Some(audit) = &vault.audit {
        let _ = writeln!(out, "last write: audit seq {}", audit.seq);
    }
    for (name, principal) in &vault.principals {
        let _ = writeln!(
            out,
            "principal {name} {} (added {})",
            principal.recipient, principal.added
        );
    }
    for (name, keyring) in &vault.keyrings {
        let holders: Vec<&str> = keyring.wrapped.keys().map(|p| p.as_str()).collect();
        let _ = writeln!(
            out,
            "keyring {name} {} held by {}",
            keyring.recipient,
            holders.join(", ")
        );
    }
    out.push_str("policy:\n");
    for line in crate::policy::document::render(&vault.policy).lines() {
        let _ = writeln!(out, "  {line}");
    }
    for (id, grant) in &vault.grants {
        let closed = grant
            .closed
            .map(|t| format!(", closed {t}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "grant {id}: {} on {} from {} until {}{closed} (ticket {}, reason {:?})",
            grant.principal,
            grant.on.as_str(),
            grant.opened,
            grant.expires,
            grant.ticket,
            grant.reason
        );
    }
    for ((principal, keyring), when) in &vault.departed {
        let _ = writeln!(out, "departed {principal} from keyring {keyring} at {when}");
    }
    for (name, secret) in &vault.secrets {
        let meta = &secret.metadata;
        let mut header = format!("\nsecret {name} (keyring {})", secret.keyring);
        for (label, value) in [
            ("owner", meta.owner.clone()),
            ("rotate every", meta.rotate_every.clone()),
            ("expires", meta.expires.map(|t| t.to_string())),
        ] {
            if let Some(value) = value {
                let _ = write!(header, ", {label} {value}");
            }
        }
        out.push_str(&header);
        out.push('\n');
        if let Some(description) = &meta.description {
            let _ = writeln!(out, "  description {description:?}");
        }
        for (key, value) in &meta.tags {
            let _ = writeln!(out, "  tag {key}={value}");
        }
        for (alias, number) in &secret.aliases {
            let _ = writeln!(out, "  alias {alias} -> v{number}");
        }
        for (number, version) in &secret.versions {
            let digest = version_digest(version.sealed.as_ref());
            let short = if version.sealed.is_some() {
                &digest[..SHORT]
            } else {
                "-"
            };
            let _ = writeln!(
                out,
                "  v{number} {} {} by {} {short}",
                version.state, version.created, version.author
            );
        }
    }
    out
}

/// The audit log as one readable line per event.
pub fn audit_log(text: &str) -> String {
    let mut out = String::new();
    for (index, line) in text.lines().enumerate() {
        match serde_json::from_str::<AuditLine>(line) {
            Ok(parsed) => {
                let event = &parsed.event;
                let _ = write!(
                    out,
                    "{} {} {} {}",
                    parsed.seq,
                    parsed.ts,
                    event.event,
                    event.principal.as_deref().unwrap_or("-")
                );
                if let Some(secret) = &event.secret {
                    let _ = write!(out, " {secret}");
                }
                if let Some(version) = event.version {
                    let _ = write!(out, " v{version}");
                }
                for value in [&event.alias, &event.target, &event.grant, &event.detail]
                    .into_iter()
                    .flatten()
                {
                    let _ = write!(out, " {value}");
                }
                out.push('\n');
            }
            Err(_) => {
                let _ = writeln!(out, "line {}: not an audit event", index + 1);
            }
        }
    }
    out
}
