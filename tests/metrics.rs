//! `check` narrowed (PREFIX, --ignore, --within), and `check` and `audit summary` as
//! the Prometheus text format, read back by the reference Python client's parser.

use crate::support::Env;
use serde_json::Value;
use std::process::Command;
use std::time::Duration;

/// The families `prometheus_client`'s parser reads from `text`, as
/// `{name: {"type": …, "samples": [[name, labels, value], …]}}`; it fails on anything
/// that is not the text format.
fn parse_prometheus(text: &str) -> Value {
    const PARSE: &str = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
families = {}
for family in text_string_to_metric_families(sys.stdin.read()):
    assert family.name not in families, "family twice: " + family.name
    families[family.name] = {
        "type": family.type,
        "help": family.documentation,
        "samples": [[s.name, s.labels, s.value] for s in family.samples],
    }
print(json.dumps(families))
"#;
    let mut child = Command::new("python3")
        .args(["-c", PARSE])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the Prometheus parser refused (pip install prometheus_client; .ci/run does it):\n{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    strict_format(text);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What the Python parser forgives and node_exporter does not: every family has its
/// HELP then TYPE before its samples, every line ends in a newline, samples are
/// `name{label="value",…} integer` with only `\\`, `\"` and `\n` escaped.
fn strict_format(text: &str) {
    assert!(text.ends_with('\n'), "{text}");
    let mut typed: Option<String> = None;
    let mut helped: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# HELP ") {
            helped = Some(rest.split(' ').next().unwrap().to_string());
        } else if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').unwrap();
            assert_eq!(
                helped.as_deref(),
                Some(name),
                "TYPE without its HELP: {line}"
            );
            assert_eq!(kind, "gauge");
            typed = Some(name.to_string());
        } else {
            let name = sample_name(line).unwrap_or_else(|| panic!("not a sample: {line:?}"));
            assert_eq!(
                typed.as_deref(),
                Some(name),
                "a sample outside its family: {line}"
            );
        }
    }
}

/// The metric name of a well-formed sample line.
fn sample_name(line: &str) -> Option<&str> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let end = line.find(|c: char| !is_name(c))?;
    let (name, mut rest) = line.split_at(end);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if let Some(labels) = rest.strip_prefix('{') {
        rest = labels;
        loop {
            let eq = rest.find("=\"")?;
            let label = &rest[..eq];
            if label.is_empty() || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return None;
            }
            let mut chars = rest[eq + 2..].char_indices();
            let close = loop {
                match chars.next()? {
                    (_, '\\') => match chars.next()? {
                        (_, '\\' | '"' | 'n') => {}
                        _ => return None,
                    },
                    (at, '"') => break eq + 2 + at,
                    (_, '\n') => return None,
                    _ => {}
                }
            };
            rest = &rest[close + 1..];
            if let Some(more) = rest.strip_prefix(',') {
                rest = more;
            } else {
                rest = rest.strip_prefix('}')?;
                break;
            }
        }
    }
    let value = rest.strip_prefix(' ')?;
    value.parse::<i64>().ok().map(|_| name)
}

/// The value of the sample of `family` whose labels include `labels`.
fn value(families: &Value, family: &str, labels: &[(&str, &str)]) -> Option<f64> {
    families[family]["samples"]
        .as_array()
        .unwrap_or_else(|| panic!("no family {family}: {families}"))
        .iter()
        .find(|s| labels.iter().all(|(k, v)| s[1][*k] == *v))
        .map(|s| s[2].as_f64().unwrap())
}

fn kinds(out: &crate::support::Outcome) -> Vec<(String, String)> {
    out.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["secret"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

#[test]
fn check_narrows_to_a_prefix_ignores_kinds_and_widens_the_window() {
    let env = Env::with_vault();
    env.alice([
        "create",
        "prod/a",
        "--generate",
        "--owner",
        "ops",
        "--expires",
        "20d",
    ])
    .ok();
    env.alice(["create", "prod/application", "--generate"]).ok();
    env.alice(["create", "dev/b", "--generate"]).ok();
    let all = env.tresor().args(["check", "--json"]).fails(8);
    assert_eq!(
        kinds(&all),
        [
            ("no-owner".into(), "dev/b".into()),
            ("no-owner".into(), "prod/application".into())
        ]
    );
    // A prefix is a path: prod/a does not cover prod/application.
    let out = env.tresor().args(["check", "prod/a", "--json"]).ok().json();
    assert_eq!(
        (out["ok"].clone(), out["secrets"].clone()),
        (true.into(), 1.into())
    );
    env.tresor().args(["check", "prod/", "--json"]).fails(8);
    env.tresor()
        .args(["check", "--ignore", "no-owner"])
        .ok()
        .stdout_text()
        .contains("All 3 secrets are in order")
        .then_some(())
        .unwrap();
    // The expiry in 20 days is reported within 30d, not within the default 7d.
    let wide = env
        .tresor()
        .args(["check", "prod/a", "--within", "30d", "--json"])
        .fails(8);
    assert_eq!(kinds(&wide), [("expiring".into(), "prod/a".into())]);
    let detail = wide.json()["findings"][0]["detail"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(detail.contains("`tresor rotate prod/a`"), "{detail}");
    for bad in [
        &["--ignore", "stale"][..],
        &["--within", "soon"],
        &["../x"],
        &["--json", "--format", "prometheus"],
    ] {
        env.tresor().arg("check").args(bad).fails_closed(2);
    }
}

#[test]
fn check_as_prometheus_counts_secrets_past_rotation_and_expiry() {
    let env = Env::with_vault();
    env.alice([
        "create",
        "app/rotated",
        "--generate",
        "--rotate-every",
        "1s",
    ])
    .args(["--owner", "team \"a\"\\b"])
    .ok();
    env.alice([
        "create",
        "app/expiring",
        "--generate",
        "--owner",
        "b",
        "--expires",
        "1s",
    ])
    .ok();
    env.alice(["create", "app/fine", "--generate", "--owner", "c"])
        .ok();
    // Expiring in a second is within the week `check` looks ahead.
    let out = env
        .tresor()
        .args(["check", "--format", "prometheus"])
        .fails(8);
    let families = parse_prometheus(&out.stdout_text());
    assert_eq!(value(&families, "tresor_check_ok", &[]), Some(0.0));
    let expiring = [("kind", "expiring")];
    assert_eq!(
        value(&families, "tresor_check_findings", &expiring),
        Some(1.0)
    );
    assert_eq!(
        value(&families, "tresor_secrets_past_rotation", &[]),
        Some(0.0)
    );
    std::thread::sleep(Duration::from_millis(2200));
    let out = env
        .tresor()
        .args(["check", "--format", "prometheus"])
        .fails(8);
    assert!(out.stderr.contains("finding"), "{}", out.stderr);
    let families = parse_prometheus(&out.stdout_text());
    assert_eq!(value(&families, "tresor_check_ok", &[]), Some(0.0));
    assert_eq!(value(&families, "tresor_check_secrets", &[]), Some(3.0));
    assert_eq!(
        value(&families, "tresor_secrets_past_rotation", &[]),
        Some(1.0)
    );
    assert_eq!(
        value(&families, "tresor_secrets_past_expiry", &[]),
        Some(1.0)
    );
    let past = value(
        &families,
        "tresor_secret_past_rotation_seconds",
        &[("secret", "app/rotated"), ("owner", "team \"a\"\\b")],
    );
    assert!(past.is_some_and(|s| (0.0..60.0).contains(&s)), "{families}");
    assert!(
        value(
            &families,
            "tresor_secret_past_expiry_seconds",
            &[("secret", "app/expiring"), ("owner", "b")]
        )
        .is_some()
    );
    assert_eq!(
        value(&families, "tresor_check_findings", &[("kind", "overdue")]),
        Some(1.0)
    );
    assert_eq!(
        value(&families, "tresor_check_findings", &[("kind", "no-owner")]),
        Some(0.0)
    );
    // Ignored kinds are not reported as zero: they were not looked at.
    let out = env
        .tresor()
        .args([
            "check",
            "--format",
            "prometheus",
            "--ignore",
            "overdue",
            "--ignore",
            "expired",
        ])
        .ok();
    let families = parse_prometheus(&out.stdout_text());
    assert!(
        families.get("tresor_secrets_past_rotation").is_none(),
        "{families}"
    );
    assert_eq!(
        value(&families, "tresor_check_findings", &[("kind", "overdue")]),
        None
    );
    assert_eq!(value(&families, "tresor_check_ok", &[]), Some(1.0));
}

#[test]
fn audit_summary_as_prometheus_counts_denials_break_glass_reads_and_rotations() {
    let env = Env::with_vault();
    env.create("app/db", "CANARY-1");
    env.create("other/x", "CANARY-x");
    env.admit("bob");
    let policy = env.tresor().args(["policy", "show"]).ok().stdout_text();
    let policy = format!(
        "{policy}\n[break_glass]\nwho = [\"bob\"]\non = [\"app/**\"]\nmax_duration = \"1h\"\nrequire = [\"reason\", \"ticket\"]\n"
    );
    std::fs::write(env.path("policy.toml"), policy).unwrap();
    env.alice(["policy", "set", "policy.toml"]).ok();
    // alice: a rotation made current, one staged; bob: denied twice (a read, a rotation).
    env.rotate("app/db", "CANARY-2");
    env.alice(["rotate", "app/db", "--generate", "--stage"])
        .ok();
    env.as_("bob.key").args(["get", "other/x"]).fails(4);
    env.as_("bob.key")
        .args(["rotate", "app/db", "--generate"])
        .fails(4);
    env.as_("bob.key")
        .args([
            "break-glass",
            "open",
            "--reason",
            "outage",
            "--ticket",
            "INC-1",
        ])
        .ok();
    for _ in 0..2 {
        env.as_("bob.key").args(["get", "app/db"]).ok();
    }
    env.alice(["get", "app/db"]).ok();
    let out = env
        .tresor()
        .args(["audit", "summary", "--format", "prometheus"])
        .ok();
    let families = parse_prometheus(&out.stdout_text());
    let of = |family: &str, labels: &[(&str, &str)]| value(&families, family, labels);
    assert_eq!(
        of("tresor_audit_denials", &[("principal", "bob")]),
        Some(2.0)
    );
    assert_eq!(of("tresor_audit_denials", &[("principal", "alice")]), None);
    assert_eq!(
        of("tresor_audit_break_glass_reads", &[("principal", "bob")]),
        Some(2.0)
    );
    assert_eq!(
        of("tresor_audit_break_glass_reads", &[("principal", "alice")]),
        None
    );
    assert_eq!(
        of("tresor_audit_reads", &[("principal", "alice")]),
        Some(1.0)
    );
    assert_eq!(
        of("tresor_audit_rotations", &[("outcome", "current")]),
        Some(1.0)
    );
    assert_eq!(
        of("tresor_audit_rotations", &[("outcome", "staged")]),
        Some(1.0)
    );
    assert_eq!(
        of("tresor_audit_rotations", &[("outcome", "denied")]),
        Some(1.0)
    );
    // The same totals as JSON, and for people.
    let json = env
        .tresor()
        .args(["audit", "summary", "--json"])
        .ok()
        .json();
    assert_eq!(json["rotations_by_outcome"]["staged"], 1);
    assert_eq!(json["break_glass_reads_by_principal"]["bob"], 2);
    let text = env.tresor().args(["audit", "summary"]).ok().stdout_text();
    assert!(text.contains("Rotations by outcome:"), "{text}");
    // --since narrows the window to nothing.
    let later = env
        .tresor()
        .args([
            "audit",
            "summary",
            "--format",
            "prometheus",
            "--since",
            "2999-01-01T00:00:00Z",
        ])
        .ok();
    let families = parse_prometheus(&later.stdout_text());
    assert_eq!(
        value(
            &families,
            "tresor_audit_rotations",
            &[("outcome", "current")]
        ),
        Some(0.0)
    );
}
