//! A stable text view of a vault for `git diff` and `git log -p`: names, owners,
//! aliases, versions with their states and short ciphertext digests. Never a value,
//! never a key, never base64: a rotation reads as one added line.

use crate::audit::AuditLine;
use crate::vault::Vault;
use crate::vault::digest;
use std::fmt::Write;

const SHORT: usize = 12;

pub fn vault(vault: &Vault) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "vault {} (format 2)", vault.id);
    let _ = writeln!(
        out,
        "root {} admin {}",
        digest::root_fingerprint(&vault.id, &vault.root),
        vault.root.admin
    );
    let _ = writeln!(out, "last write: audit seq {}", vault.head.seq);
    for (name, principal) in &vault.trust.principals {
        let key = principal
            .signing
            .map_or("no signing key (reads only)".to_string(), |k| {
                format!("signing key {}", k.fingerprint())
            });
        let _ = writeln!(
            out,
            "principal {name} {} {key} (added {})",
            principal.recipient, principal.added
        );
    }
    for (name, request) in &vault.requests {
        let _ = writeln!(
            out,
            "request {name} {} signing key {} (requested {}); approve with `tresor recipient approve {name} {}`",
            request.recipient,
            request.signing.fingerprint(),
            request.requested,
            request.signing.fingerprint()
        );
    }
    for (name, keyring) in &vault.keyrings {
        let readers: Vec<&str> = keyring.readers.iter().map(|p| p.as_str()).collect();
        let _ = writeln!(
            out,
            "keyring {name} readers {} (made by {})",
            readers.join(", "),
            keyring.signer
        );
    }
    out.push_str("policy:\n");
    for line in crate::policy::document::render(vault.policy()).lines() {
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
    for (id, lease) in &vault.leases {
        let _ = writeln!(
            out,
            "lease {id}: {} of {} by {} until {}",
            lease.role, lease.secret, lease.principal, lease.expires
        );
    }
    for (name, secret) in &vault.secrets {
        let meta = &secret.metadata;
        let mut header = format!("\nsecret {name}");
        for (label, value) in [
            ("owner", meta.owner.clone()),
            ("rotate every", meta.rotate_every.clone()),
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
        for (principal, when) in &secret.exposed {
            let _ = writeln!(out, "  exposed to {principal} until rotated (left {when})");
        }
        // What a reviewer must judge of a plan: which admin it acts as, in which group.
        if let Some(plan) = &secret.plan {
            let group = plan
                .group
                .as_ref()
                .map_or("no group".to_string(), |g| format!("group {g}"));
            let _ = writeln!(
                out,
                "  rotation plan: postgres through {}, logins {}_vN, {group}, overlap {}s",
                plan.admin,
                plan.family,
                plan.overlap.as_secs()
            );
        }
        if let Some(journal) = &secret.journal
            && let Some(last) = journal.entries().last()
        {
            let _ = writeln!(
                out,
                "  rotation to v{} ({}): {:?} {:?} {}",
                journal.version(),
                journal.role(),
                last.step,
                last.phase,
                last.at
            );
        }
        for (number, version) in &secret.versions {
            let sealed = version.sealed.as_ref().map_or("-".to_string(), |s| {
                let readers = vault.keyrings.get(&s.keyring).map_or_else(
                    || "?".to_string(),
                    |k| {
                        k.readers
                            .iter()
                            .map(|r| r.as_str())
                            .collect::<Vec<_>>()
                            .join(",")
                    },
                );
                format!("{} readers {readers}", &short_digest(&s.value))
            });
            let expires = version
                .expires
                .map(|t| format!(" expires {t}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  v{number} {} {} by {}{expires} {sealed}",
                version.state, version.created, version.author
            );
        }
    }
    out
}

fn short_digest(text: &str) -> String {
    let mut encoding = crate::crypto::mac::Canonical::new("tresor/textconv");
    encoding.text(text);
    encoding.digest()[..SHORT].to_string()
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
                for change in &event.changes {
                    let _ = write!(
                        out,
                        " [{} {} by right {}]",
                        change.kind, change.key, change.action
                    );
                }
                if event.trust.is_some() {
                    out.push_str(" [trust state changed]");
                }
                // Who signed it: the actor, or a newcomer's own key for a request.
                if event.sig.is_some() {
                    let key = event
                        .key
                        .as_deref()
                        .and_then(|key| key.parse::<crate::crypto::sign::PublicKey>().ok());
                    match (&event.principal, key) {
                        (Some(principal), _) => {
                            let _ = write!(out, " signed by {principal}");
                        }
                        (None, Some(key)) => {
                            let _ = write!(out, " signed by the key {}", key.fingerprint());
                        }
                        (None, None) => out.push_str(" signed"),
                    }
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
