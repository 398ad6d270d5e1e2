//! `tresor lease …` and `run --lease` against a private cluster: a lease's URI logs in,
//! a revoke ends it at once, the database ends an expired one by itself, `sweep` drops
//! it, and a child's lease is gone when the child exits.

use super::cli::Setup;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

fn planned() -> Setup {
    let s = Setup::new();
    s.plan("app/db", "app", "1h");
    s.env.alice(["rotate", "app/db"]).ok();
    s
}

fn lease(s: &Setup, ttl: &str) -> serde_json::Value {
    s.env
        .alice(["lease", "app/db", "--ttl", ttl, "--json"])
        .ok()
        .json()
}

#[test]
fn a_lease_logs_in_until_it_is_revoked() {
    let s = planned();
    let started = Instant::now();
    let plain = s.env.alice(["lease", "app/db", "--ttl", "1h"]).ok();
    let elapsed = started.elapsed();
    let uri = plain.stdout_text().trim().to_string();
    assert!(plain.stderr.contains("Lease "), "{}", plain.stderr);
    assert_eq!(s.login(&uri).unwrap(), "gear");
    let leased = lease(&s, "1h");
    let id = leased["id"].as_str().unwrap().to_string();
    let role = leased["role"].as_str().unwrap().to_string();
    assert_eq!(role, format!("app_l{id}"));
    let second = leased["uri"].as_str().unwrap().to_string();
    assert_eq!(s.login(&second).unwrap(), "gear");
    assert_eq!(s.roles("app").len(), 3);

    let listed = s.env.json(&["lease", "list"]);
    let ids: BTreeSet<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(id.as_str()));
    assert_eq!(listed[0]["principal"], "alice");

    s.env.alice(["lease", "revoke", &id]).ok();
    assert!(s.login(&second).is_err(), "a revoked lease still logs in");
    assert!(!s.roles("app").contains(&role));
    assert_eq!(s.login(&uri).unwrap(), "gear");
    s.env.alice(["lease", "revoke", &id]).fails(3);
    s.env.alice(["lease", "revoke", "NOT-AN-ID"]).fails(2);
    s.env.alice(["audit", "verify"]).ok();
    // The log records each lease; no credential is in it.
    assert_eq!(s.env.audit_events_of("lease").len(), 2);
    let log = std::fs::read_to_string(s.env.audit_log()).unwrap();
    for uri in [&uri, &second] {
        let password = uri.split(':').nth(2).unwrap().split('@').next().unwrap();
        assert!(!log.contains(password));
        assert!(
            !std::fs::read_to_string(s.env.reads_path())
                .unwrap()
                .contains(password)
        );
        assert!(!s.env.read_vault().contains(password));
    }
    eprintln!("one lease through the binary (debug build): {elapsed:?}");
}

#[test]
fn an_expired_lease_stops_at_once_and_sweep_drops_it() {
    let s = planned();
    let leased = lease(&s, "2s");
    let uri = leased["uri"].as_str().unwrap().to_string();
    let role = leased["role"].as_str().unwrap().to_string();
    assert_eq!(s.login(&uri).unwrap(), "gear");
    let live = lease(&s, "1h");
    std::thread::sleep(Duration::from_millis(2500));
    // The database refuses it by itself, swept or not.
    let err = s.login(&uri).unwrap_err();
    assert_eq!(
        err.code(),
        Some(&postgres::error::SqlState::INVALID_PASSWORD),
        "{err}"
    );
    assert!(s.roles("app").contains(&role));
    let listed = s.env.alice(["lease", "list"]).ok().stdout_text();
    assert!(listed.contains("lease sweep"), "{listed}");
    let check = s.env.alice(["check", "--json"]).run();
    assert!(
        check.stdout_text().contains("lease sweep"),
        "{}",
        check.stdout_text()
    );

    let swept = s.env.alice(["lease", "sweep", "--json"]).ok().json();
    assert_eq!(swept["dropped"], serde_json::json!([role]));
    assert!(!s.roles("app").contains(&role));
    let listed = s.env.json(&["lease", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], live["id"]);
    assert_eq!(s.login(live["uri"].as_str().unwrap()).unwrap(), "gear");
    let again = s.env.alice(["lease", "sweep"]).ok();
    assert!(again.stdout_text().contains("No expired lease"));
}

#[test]
fn run_gives_the_child_a_lease_for_its_lifetime() {
    let s = planned();
    let script = "printf %s \"$DB_URL\" > lease-uri; while [ ! -e child-done ]; do sleep 0.05; done; echo \"$DB_URL\"";
    let child = s
        .env
        .alice([
            "run",
            "--lease",
            "DB_URL=app/db:10m",
            "--",
            "sh",
            "-c",
            script,
        ])
        .spawn();
    let file = s.env.path("lease-uri");
    let waited = Instant::now();
    while std::fs::metadata(&file).map_or(true, |m| m.len() == 0) {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "the child never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let uri = std::fs::read_to_string(&file).unwrap();
    assert_eq!(s.login(&uri).unwrap(), "gear");
    let role = uri
        .split("://")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .to_string();
    assert!(role.starts_with("app_l"), "{role}");
    assert!(s.roles("app").contains(&role));
    std::fs::write(s.env.path("child-done"), "").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The child's output is masked like any value.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains(&uri), "{stdout}");
    assert!(stdout.contains("<redacted:app/db>"), "{stdout}");
    assert!(s.login(&uri).is_err(), "the child's lease outlived it");
    assert!(!s.roles("app").contains(&role));
    assert!(
        s.env
            .json(&["lease", "list"])
            .as_array()
            .unwrap()
            .is_empty()
    );

    // A bad --lease is a usage error before anything starts.
    s.env
        .alice(["run", "--lease", "DB_URL", "--", "true"])
        .fails(2);
    s.env
        .alice(["run", "--lease", "DB_URL=app/db:soon", "--", "true"])
        .fails(2);
    s.env
        .alice(["run", "--lease", "DB_URL=db/admin", "--", "true"])
        .fails(3);
}

#[test]
fn a_lease_needs_read_on_the_secret_and_its_admin_secret() {
    let s = planned();
    s.env.admit("bob");
    s.env.grant("bob", "read", "app/**");
    s.env.grant("bob", "read", "db/admin");
    s.env.admit("carol");
    s.env.grant("carol", "rotate", "app/**");
    s.env.grant("carol", "read", "db/admin");
    s.env.admit("dave");
    s.env.grant("dave", "read", "app/**");

    let bob = s
        .env
        .as_("bob.key")
        .args(["lease", "app/db", "--ttl", "1h", "--json"])
        .ok()
        .json();
    assert_eq!(s.login(bob["uri"].as_str().unwrap()).unwrap(), "gear");
    // Rotating is not reading: carol makes no lease, but may revoke bob's.
    let before = s.env.snapshot();
    s.env
        .as_("carol.key")
        .args(["lease", "app/db", "--ttl", "1h"])
        .fails_closed(4);
    s.env.assert_unchanged(&before);
    // Dave reads the secret but not its admin secret.
    s.env
        .as_("dave.key")
        .args(["lease", "app/db", "--ttl", "1h"])
        .fails_closed(4);
    // Dave may not revoke bob's lease; carol, who may rotate the secret, may.
    let id = bob["id"].as_str().unwrap();
    s.env.as_("dave.key").args(["lease", "revoke", id]).fails(4);
    s.env.as_("carol.key").args(["lease", "revoke", id]).ok();
    assert!(s.login(bob["uri"].as_str().unwrap()).is_err());

    let explained = s
        .env
        .alice(["policy", "check", "dave", "read", "app/db"])
        .ok()
        .stdout_text();
    assert!(
        explained.contains("a lease of it also reads the admin secret db/admin: deny"),
        "{explained}"
    );
    s.env.alice(["audit", "verify"]).ok();
}

#[test]
fn a_forged_lease_is_refused() {
    let s = planned();
    lease(&s, "1h");
    let vault = s.env.read_vault();
    let line = vault.lines().find(|l| l.starts_with("expires = ")).unwrap();
    s.env
        .write_vault(&vault.replacen(line, "expires = \"2099-01-01T00:00:00Z\"", 1));
    s.env.alice(["lease", "list"]).fails(5);
    s.env.write_vault(&vault);
    s.env.alice(["lease", "list"]).ok();
}

#[test]
fn a_secret_with_leases_is_not_deleted_or_renamed_and_a_rename_keeps_its_plan() {
    let s = planned();
    let leased = lease(&s, "1h");
    let id = leased["id"].as_str().unwrap();
    let refused = s.env.refuses(s.env.alice(["delete", "app/db", "--yes"]), 6);
    assert!(
        refused.error().contains("lease revoke"),
        "{}",
        refused.stderr
    );
    s.env
        .refuses(s.env.alice(["rename", "app/db", "app/main-db"]), 6);
    s.env.alice(["lease", "revoke", id]).ok();

    s.env.alice(["rename", "app/db", "app/main-db"]).ok();
    assert_eq!(s.status("app/main-db")["plan"]["role"], "app");
    s.env.alice(["rotate", "app/main-db"]).ok();
    let uri = s.uri("app/main-db");
    assert!(uri.starts_with("postgresql://app_v2:"), "{uri}");
    s.env.alice(["rotation", "finish", "app/main-db"]).ok();
    assert_eq!(s.roles("app"), BTreeSet::from(["app_v2".to_string()]));
    s.env.alice(["audit", "verify"]).ok();
}
