//! `check`: what must be acted on, for people, as a CI gate (exit 8), and as metrics.
//! Reads only what anyone holding the file can read.

use super::report_format;
use crate::check::{self, Finding, Kind, Report, Scope};
use crate::cli::{CheckArgs, ReportFormat};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::prometheus::Exposition;
use crate::session::View;
use crate::time::{self, Timestamp};
use crate::vault::{SecretName, Vault, store};
use serde_json::json;

pub fn check(ctx: &Context, args: &CheckArgs) -> Result<()> {
    let format = report_format(ctx, args.format)?;
    let scope = scope(args)?;
    let load = match &args.prefix {
        Some(prefix) => store::Scope::prefix(prefix.trim_end_matches('/')),
        None => store::Scope::All,
    };
    let open = View::read(ctx, load)?;
    let report = check::check(&open.vault, Timestamp::now(), &scope);
    match format {
        ReportFormat::Json => ctx.output.json(
            &json!({"ok": report.findings.is_empty(), "secrets": report.secrets, "findings": report.findings}),
        )?,
        ReportFormat::Prometheus => ctx
            .output
            .bytes(metrics(&open.vault, &report, &scope).render().as_bytes())?,
        ReportFormat::Text => text(ctx, &report)?,
    }
    if report.findings.is_empty() {
        Ok(())
    } else {
        Err(Error::check_failed(format!(
            "{} finding(s) need action.",
            report.findings.len()
        )))
    }
}

fn scope(args: &CheckArgs) -> Result<Scope> {
    if let Some(prefix) = &args.prefix {
        let trimmed = prefix.trim_end_matches('/');
        if !trimmed.is_empty() {
            trimmed.parse::<SecretName>()?;
        }
    }
    let within = args
        .within
        .as_deref()
        .map(|text| {
            time::parse_duration(text).map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        })
        .transpose()?;
    Ok(Scope {
        prefix: args.prefix.clone(),
        ignore: args
            .ignore
            .iter()
            .map(|kind| kind.parse())
            .collect::<Result<Vec<Kind>>>()?,
        within,
    })
}

fn text(ctx: &Context, report: &Report) -> Result<()> {
    if report.findings.is_empty() {
        if !ctx.output.quiet {
            ctx.output
                .line(&format!("All {} secrets are in order.", report.secrets))?;
        }
        return Ok(());
    }
    let rows = report.findings.iter().map(|finding| {
        vec![
            finding.kind.as_str().to_string(),
            finding.secret.clone().unwrap_or_else(|| "-".into()),
            finding.detail.clone(),
        ]
    });
    ctx.output
        .line(&crate::table::render(&["KIND", "SECRET", "DETAIL"], rows))
}

/// Secrets past their rotation or expiry (how many, and by how long each), and the
/// findings by kind, for node_exporter's textfile collector.
fn metrics(vault: &Vault, report: &Report, scope: &Scope) -> Exposition {
    let owner = |finding: &Finding| -> String {
        finding
            .secret
            .as_deref()
            .and_then(|name| name.parse::<SecretName>().ok())
            .and_then(|name| vault.secrets.get(&name))
            .and_then(|secret| secret.metadata.owner.clone())
            .unwrap_or_default()
    };
    let of_kind = |kind: Kind| report.findings.iter().filter(move |f| f.kind == kind);
    let mut metrics = Exposition::default();
    metrics
        .gauge(
            "tresor_check_ok",
            "Whether tresor check found nothing to act on (1) or something (0).",
        )
        .sample(&[], i64::from(report.findings.is_empty()));
    metrics
        .gauge("tresor_check_secrets", "Secrets tresor check looked at.")
        .sample(&[], count(report.secrets));
    let findings = metrics.gauge(
        "tresor_check_findings",
        "Findings of tresor check that must be acted on, by kind.",
    );
    for kind in Kind::ALL.into_iter().filter(|k| !scope.ignore.contains(k)) {
        findings.sample(&[("kind", kind.as_str())], count(of_kind(kind).count()));
    }
    for (kind, total, each, help, each_help) in [
        (
            Kind::Overdue,
            "tresor_secrets_past_rotation",
            "tresor_secret_past_rotation_seconds",
            "Secrets whose current version is past its rotation period.",
            "How long a secret's current version is past its rotation period, in seconds.",
        ),
        (
            Kind::Expired,
            "tresor_secrets_past_expiry",
            "tresor_secret_past_expiry_seconds",
            "Secrets whose current version has expired.",
            "How long ago a secret's current version expired, in seconds.",
        ),
    ] {
        if scope.ignore.contains(&kind) {
            continue;
        }
        metrics
            .gauge(total, help)
            .sample(&[], count(of_kind(kind).count()));
        let family = metrics.gauge(each, each_help);
        for finding in of_kind(kind) {
            let secret = finding.secret.clone().unwrap_or_default();
            family.sample(
                &[("secret", &secret), ("owner", &owner(finding))],
                finding.past_seconds.unwrap_or(0),
            );
        }
    }
    metrics
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
