//! The CI job of docs/gitops.md on a vault filled by the importers: `tresor check`
//! green after `import dotenv --owner team` and `import sops --owner team`, red on an
//! overdue rotation or an expired version, green again after the command each finding
//! names; a wrongly set owner fixed by `meta`.

use crate::sops::Fixture;
use crate::support::Env;
use std::time::{Duration, Instant};

/// The kind, secret and detail of each finding of a red `check`.
fn findings(env: &Env) -> Vec<(String, String, String)> {
    let out = env.as_("ci.key").args(["check", "--json"]).fails(8);
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
    out.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (text(&f["kind"]), text(&f["secret"]), text(&f["detail"])))
        .collect()
}

fn green(env: &Env) {
    let out = env.as_("ci.key").arg("check").ok();
    assert!(
        out.stdout_text().contains("in order"),
        "{}",
        out.stdout_text()
    );
}

/// Runs the command a finding names, as a person would copy it.
fn run_named_command(env: &Env, detail: &str) {
    let command = detail
        .split('`')
        .nth(1)
        .unwrap_or_else(|| panic!("no command in {detail:?}"));
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(words[0], "tresor", "{detail}");
    env.alice(&words[1..]).stdin("CANARY-rotated").ok();
}

#[test]
fn imported_secrets_pass_the_gate_until_something_is_due() {
    let fx = Fixture::new();
    let env = &fx.env;
    // CI checks with a key of its own: check needs none, but the job has one.
    env.identity("ci");
    std::fs::write(
        env.path(".env"),
        "DB_URL=CANARY-web-db\nexport API_KEY='CANARY-web-key'\n",
    )
    .unwrap();
    let period = Duration::from_secs(6);
    let imported = Instant::now();
    env.alice(["import", "dotenv", ".env", "--prefix", "prod/web"])
        .args([
            "--owner",
            "team",
            "--rotate-every",
            "6s",
            "--tag",
            "source=dotenv",
        ])
        .ok();
    let sops = fx.encrypt(
        "pay",
        "yaml",
        "DB_URL: CANARY-pay-db\napi:\n  token: CANARY-pay-token\n",
        &fx.alice,
    );
    fx.import(&sops)
        .args(["--prefix", "prod/pay", "--owner", "team"])
        .args(["--description", "from sops", "--tag", "source=sops"])
        .ok();
    // Both importers name a key alike, and record the metadata given.
    let web = env.show("prod/web/db-url");
    let pay = env.show("prod/pay/db-url");
    assert_eq!(
        (&web["owner"], &pay["owner"]),
        (&"team".into(), &"team".into())
    );
    assert_eq!(web["rotate_every"], "6s");
    assert_eq!(web["tags"]["source"], "dotenv");
    assert_eq!(pay["tags"]["source"], "sops");
    assert_eq!(pay["description"], "from sops");
    assert_eq!(env.get("prod/pay/api/token", &[]), b"CANARY-pay-token");
    assert_eq!(env.get("prod/web/api-key", &[]), b"CANARY-web-key");
    green(env);

    // An expired version is cleared by a rotation (without an expiry).
    env.alice(["rotate", "prod/pay/db-url", "--expires", "1s"])
        .stdin("CANARY-pay-db-2")
        .ok();
    std::thread::sleep(Duration::from_millis(1300));
    let found = findings(env);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("expired", "prod/pay/db-url")
    );
    run_named_command(env, &found[0].2);
    green(env);

    // An overdue rotation turns it red; the rotation the finding names, green.
    std::thread::sleep(
        (imported + period + Duration::from_millis(300)).saturating_duration_since(Instant::now()),
    );
    let found = findings(env);
    let overdue: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(
        overdue,
        ["prod/web/api-key", "prod/web/db-url"],
        "{found:?}"
    );
    assert!(found.iter().all(|f| f.0 == "overdue"), "{found:?}");
    for (_, _, detail) in &found {
        run_named_command(env, detail);
    }
    green(env);
    assert_eq!(env.get("prod/web/db-url", &[]), b"CANARY-rotated");

    // A wrongly set owner is fixed by `meta`; an empty one is refused at import.
    env.alice(["meta", "prod/pay/api/token", "--owner", "payments"])
        .ok();
    assert_eq!(env.show("prod/pay/api/token")["owner"], "payments");
    green(env);
    let before = env.snapshot();
    std::fs::write(env.path("more.env"), "NEW_ONE=CANARY-new\n").unwrap();
    for flags in [
        &["--owner", " "][..],
        &["--expires", "2020-01-01T00:00:00Z"],
        &["--rotate-every", "often"],
        &["--tag", "nokey"],
    ] {
        env.alice(["import", "dotenv", "more.env", "--prefix", "prod/web"])
            .args(flags)
            .fails_closed(2);
        fx.import(&sops)
            .args(["--prefix", "prod/other"])
            .args(flags)
            .fails_closed(2);
    }
    env.assert_unchanged(&before);
}
