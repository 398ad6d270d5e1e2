//! `audit verify | head | log`.

use crate::audit::{self, EventRef, query};
use crate::cli::AuditLogArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::session::{View, read_log_path};
use crate::time;
use crate::trust;
use crate::vault::SecretName;
use serde_json::json;

pub fn verify(ctx: &Context, expect_head: Option<&str>) -> Result<()> {
    let expected: Option<EventRef> = expect_head.map(str::parse).transpose()?;
    let open = View::open(ctx)?;
    // Everything again from the root: every line's chain and signature, every write's
    // right under the trust state then in force, and the vault against the result.
    let full = trust::verify(
        &open.vault,
        &open.audit_path,
        ctx.expect_root.as_deref(),
        trust::From::Root,
        &crate::vault::store::Scope::All,
    )?;
    let verification = audit::verify(&open.audit_path, None, None, &[])?;
    if let Some(expected) = &expected
        && !holds(&open.audit_path, expected)?
    {
        let ends = verification.head.as_ref().map_or(0, |head| head.seq);
        return Err(Error::integrity(if expected.seq > ends {
            format!(
                "The audit log {} ends at line {ends}, before the expected head {expected}: it was truncated or replaced.",
                open.audit_path.display()
            )
        } else {
            format!(
                "The audit log {} does not hold the expected head {expected}: it was rolled back or rewritten.",
                open.audit_path.display()
            )
        }));
    }
    let reads = match existing_read_log(&open.vault.id)? {
        Some(path) => audit::verify(&path, None, None, &[])?.lines,
        None => 0,
    };
    let head = verification.head.as_ref().map(|h| h.to_string());
    ctx.output.done(
        &format!(
            "The audit log {} verifies: {} events, every write signed by a principal allowed to make it, head {}; the vault matches it (root {}). This machine's read log holds {reads} events.",
            open.audit_path.display(),
            verification.lines,
            head.as_deref().unwrap_or("(empty)"),
            full.root
        ),
        &json!({"ok": true, "events": verification.lines, "head": head, "root": full.root, "local_reads": reads}),
    )
}

/// Whether the log holds the line `head`, as one of its lines or carried by a merge.
fn holds(path: &std::path::Path, head: &EventRef) -> Result<bool> {
    let text = std::fs::read(path).map_err(|err| Error::io("Reading the audit log", path, &err))?;
    // A line counts at its own seq: the hash of a line under another seq is not a head.
    let at = |line: &[u8]| {
        serde_json::from_slice::<audit::AuditLine>(line)
            .is_ok_and(|parsed| EventRef::of_line(parsed.seq, line) == *head)
    };
    Ok(text.split(|&b| b == b'\n').any(|line| {
        if at(line) {
            return true;
        }
        serde_json::from_slice::<audit::AuditLine>(line)
            .ok()
            .filter(|parsed| parsed.event.event == "carried")
            .and_then(|parsed| parsed.event.line)
            .is_some_and(|inner| at(inner.as_bytes()))
    }))
}

pub fn head(ctx: &Context) -> Result<()> {
    let open = View::open(ctx)?;
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
    let open = View::open(ctx)?;
    for_both(&open, &filter, |origin, line| {
        if ctx.output.json {
            let mut value = serde_json::to_value(line)
                .map_err(|err| Error::other(format!("Encoding JSON failed: {err}.")))?;
            value["log"] = json!(origin.as_str());
            return ctx.output.json(&value);
        }
        let event = &line.event;
        let mut text = format!(
            "{:>6}  {:9}  {}  {:18}  {}",
            line.seq,
            origin.as_str(),
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

/// Which log a line comes from: the committed one beside the vault, or this
/// machine's read log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Committed,
    Local,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::Committed => "committed",
            Origin::Local => "local",
        }
    }
}

/// Every line of the committed log and of this machine's read log that `filter`
/// matches, in time order, each with the log it came from.
fn for_both(
    open: &View,
    filter: &query::Filter,
    mut visit: impl FnMut(Origin, &audit::AuditLine) -> Result<()>,
) -> Result<()> {
    let mut lines = Vec::new();
    query::for_each(&open.audit_path, filter, |line| {
        lines.push((Origin::Committed, line.clone()));
        Ok(())
    })?;
    if let Some(path) = existing_read_log(&open.vault.id)? {
        query::for_each(&path, filter, |line| {
            lines.push((Origin::Local, line.clone()));
            Ok(())
        })?;
    }
    // Stable: lines of one log keep their order within one timestamp.
    lines.sort_by(|a, b| a.1.ts.cmp(&b.1.ts));
    lines
        .iter()
        .try_for_each(|(origin, line)| visit(*origin, line))
}

/// This machine's read log of the vault, if it has one. A device or a pipe there (which
/// may never end) is refused, not read.
fn existing_read_log(vault_id: &str) -> Result<Option<std::path::PathBuf>> {
    match read_log_path(vault_id) {
        Some(path) if path.exists() => {
            if std::fs::metadata(&path).is_ok_and(|meta| meta.is_file()) {
                Ok(Some(path))
            } else {
                Err(Error::other(format!(
                    "The read log {} is not a regular file; point TRESOR_READ_LOG at a file.",
                    path.display()
                )))
            }
        }
        _ => Ok(None),
    }
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

#[derive(Default, serde::Serialize)]
struct GrantUse {
    principal: String,
    opened: String,
    reason: Option<String>,
    ticket: Option<String>,
    reads: u64,
    secrets: std::collections::BTreeSet<String>,
}

/// Who read what, who was denied, break-glass use, rotations by owner.
pub fn summary(ctx: &Context, since_text: Option<&str>) -> Result<()> {
    use std::collections::BTreeMap;
    let filter = query::Filter {
        since: since_text.map(since).transpose()?,
        ..query::Filter::default()
    };
    let open = View::open(ctx)?;
    let mut reads_by_principal: BTreeMap<String, u64> = BTreeMap::new();
    let mut reads_by_secret: BTreeMap<String, u64> = BTreeMap::new();
    let mut denied: BTreeMap<String, u64> = BTreeMap::new();
    let mut denials = Vec::new();
    let mut grants: BTreeMap<String, GrantUse> = BTreeMap::new();
    let mut rotations_by_owner: BTreeMap<String, u64> = BTreeMap::new();
    for_both(&open, &filter, |_, line| {
        let event = &line.event;
        let principal = event.principal.clone().unwrap_or_else(|| "-".into());
        match event.event.as_str() {
            "read" => {
                *reads_by_principal.entry(principal.clone()).or_default() += 1;
                if let Some(secret) = &event.secret {
                    *reads_by_secret.entry(secret.clone()).or_default() += 1;
                }
                if let Some(grant) = &event.grant {
                    let usage = grants.entry(grant.clone()).or_default();
                    usage.reads += 1;
                    usage.secrets.extend(event.secret.clone());
                }
            }
            "deny" => {
                *denied.entry(principal.clone()).or_default() += 1;
                denials.push(json!({"seq": line.seq, "ts": line.ts, "principal": principal, "action": event.action, "secret": event.secret}));
            }
            "break_glass_open" => {
                if let Some(grant) = &event.grant {
                    let usage = grants.entry(grant.clone()).or_default();
                    usage.principal = principal;
                    usage.opened = line.ts.clone();
                    usage.reason = event.reason.clone();
                    usage.ticket = event.ticket.clone();
                }
            }
            "rotate" => {
                let owner = event
                    .secret
                    .as_deref()
                    .and_then(|s| s.parse::<SecretName>().ok())
                    .and_then(|s| {
                        open.vault
                            .secrets
                            .get(&s)
                            .and_then(|secret| secret.metadata.owner.clone())
                    })
                    .unwrap_or_else(|| "(no owner)".into());
                *rotations_by_owner.entry(owner).or_default() += 1;
            }
            _ => {}
        }
        Ok(())
    })?;
    if ctx.output.json {
        return ctx.output.json(&json!({
            "reads_by_principal": reads_by_principal,
            "reads_by_secret": reads_by_secret,
            "denied_by_principal": denied,
            "denials": denials,
            "break_glass": grants,
            "rotations_by_owner": rotations_by_owner,
        }));
    }
    let section = |title: &str, rows: &BTreeMap<String, u64>| -> Result<()> {
        ctx.output.line(title)?;
        if rows.is_empty() {
            return ctx.output.line("  (none)");
        }
        for (key, count) in rows {
            ctx.output.line(&format!("  {count:>6}  {key}"))?;
        }
        Ok(())
    };
    section("Reads by principal:", &reads_by_principal)?;
    section("Reads by secret:", &reads_by_secret)?;
    section("Denied attempts by principal:", &denied)?;
    ctx.output.line("Break-glass grants:")?;
    if grants.is_empty() {
        ctx.output.line("  (none)")?;
    }
    for (id, usage) in &grants {
        ctx.output.line(&format!(
            "  {id}  {} opened {} ticket {} reason {:?}: {} read(s) of {}",
            usage.principal,
            usage.opened,
            usage.ticket.as_deref().unwrap_or("-"),
            usage.reason.as_deref().unwrap_or("-"),
            usage.reads,
            usage.secrets.iter().cloned().collect::<Vec<_>>().join(", ")
        ))?;
    }
    section("Rotations by owner:", &rotations_by_owner)
}
