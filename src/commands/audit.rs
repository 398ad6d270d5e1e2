//! `audit verify | head | log`.

use crate::audit::{self, EventRef, query};
use crate::cli::AuditLogArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::session::{Session, Unauthenticated};
use crate::time;
use crate::vault::SecretName;
use serde_json::json;

pub fn verify(ctx: &Context, expect_head: Option<&str>) -> Result<()> {
    let expected: Option<EventRef> = expect_head.map(str::parse).transpose()?;
    let open = Unauthenticated::open(ctx)?;
    let vault = &open.vault;
    let mut required: Vec<(EventRef, String)> = Vec::new();
    if let Some(reference) = &vault.audit {
        required.push((
            reference.clone(),
            "the vault's last recorded write".to_string(),
        ));
    }
    for (name, secret) in &vault.secrets {
        required.push((secret.audit.clone(), format!("the last write of '{name}'")));
    }
    if let Some(reference) = &expected {
        required.push((reference.clone(), "the expected head".to_string()));
    }
    let verification = audit::verify(&open.audit_path, Some(&vault.id), &required)?;
    let audit_path = open.audit_path.clone();
    drop(open);
    // With a key, the references used above are authenticated too (MACs over them).
    let authenticated = authenticate_all(ctx)?;
    let head = verification.head.as_ref().map(|h| h.to_string());
    ctx.output.done(
        &format!(
            "The audit log {} verifies: {} events, head {}{}.",
            audit_path.display(),
            verification.lines,
            head.as_deref().unwrap_or("(empty)"),
            if authenticated { "; the vault's MACs verify" } else { "; no identity here, so the vault's MACs were not checked" }
        ),
        &json!({"ok": true, "events": verification.lines, "head": head, "macs_verified": authenticated}),
    )
}

/// Verifies every MAC when an identity of the vault is at hand; `false` when none is.
fn authenticate_all(ctx: &Context) -> Result<bool> {
    let session = match Session::open(ctx, None) {
        Ok(session) => session,
        Err(err) if err.exit_code() == 7 => return Ok(false),
        Err(err) => return Err(err),
    };
    let names: Vec<SecretName> = session.vault.secrets.keys().cloned().collect();
    for name in &names {
        session.verify_secret(name)?;
    }
    Ok(true)
}

pub fn head(ctx: &Context) -> Result<()> {
    let open = Unauthenticated::open(ctx)?;
    let tail = audit::tail(&open.audit_path)?.ok_or_else(|| {
        Error::integrity(format!(
            "The audit log {} is empty.",
            open.audit_path.display()
        ))
    })?;
    if ctx.output.json {
        return ctx
            .output
            .json(&json!({"seq": tail.seq, "hash": tail.hash, "head": tail.to_string()}));
    }
    ctx.output.line(&tail.to_string())
}

pub fn log(ctx: &Context, args: &AuditLogArgs) -> Result<()> {
    let secret = args
        .secret
        .as_deref()
        .map(|glob| {
            globset::GlobBuilder::new(glob)
                .literal_separator(true)
                .build()
                .map(|g| g.compile_matcher())
                .map_err(|_| Error::usage(format!("'{glob}' is not a valid glob.")))
        })
        .transpose()?;
    let filter = query::Filter {
        principal: args.principal.clone(),
        secret,
        event: args.event.clone(),
        grant: args.grant.clone(),
        since: args.since.as_deref().map(since).transpose()?,
    };
    let open = Unauthenticated::open(ctx)?;
    query::for_each(&open.audit_path, &filter, |line| {
        if ctx.output.json {
            return ctx.output.json(line);
        }
        let event = &line.event;
        let mut text = format!(
            "{:>6}  {}  {:18}  {}",
            line.seq,
            line.ts,
            event.event,
            event.principal.as_deref().unwrap_or("-")
        );
        if let Some(secret) = &event.secret {
            text.push_str(&format!("  {secret}"));
        }
        if let Some(version) = event.version {
            text.push_str(&format!(" v{version}"));
        }
        for (label, value) in [
            ("alias", &event.alias),
            ("action", &event.action),
            ("decision", &event.decision),
            ("target", &event.target),
            ("grant", &event.grant),
            ("reason", &event.reason),
            ("ticket", &event.ticket),
            ("command", &event.command),
            ("detail", &event.detail),
        ] {
            if let Some(value) = value {
                text.push_str(&format!("  {label}={value}"));
            }
        }
        ctx.output.line(&text)
    })
}

/// `--since`: a duration ago (24h) or an RFC 3339 time.
fn since(text: &str) -> Result<time::Timestamp> {
    if let Ok(moment) = time::Timestamp::parse(text) {
        return Ok(moment);
    }
    let duration = time::parse_duration(text)?;
    let seconds = i64::try_from(duration.as_secs()).unwrap_or(i64::MAX);
    Ok(time::Timestamp::from_unix(
        time::Timestamp::now().unix().saturating_sub(seconds),
    ))
}
