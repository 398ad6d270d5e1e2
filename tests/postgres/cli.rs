//! `tresor rotation …` and `tresor rotate` on a planned secret, the real binary against a
//! private cluster: both logins through the overlap, the old one gone after `finish`,
//! the plan signed with the record, and the rights a planned rotation needs.

use super::Db;
use crate::support::Env;
use std::collections::BTreeSet;
use std::time::Duration;

/// A vault (alice admin) holding `db/admin`, the cluster's admin URI.
pub(super) struct Setup {
    pub db: Db,
    pub env: Env,
}

impl Setup {
    pub fn new() -> Setup {
        let db = Db::new();
        let env = Env::with_vault();
        env.alice(["create", "db/admin"]).stdin(db.admin_uri()).ok();
        Setup { db, env }
    }

    /// `rotation set NAME` with the family `role`, in `app_rw`, with `overlap`.
    pub fn plan(&self, name: &str, role: &str, overlap: &str) {
        self.env
            .alice([
                "rotation",
                "set",
                name,
                "--postgres",
                "db/admin",
                "--role",
                role,
            ])
            .args(["--group", "app_rw", "--overlap", overlap])
            .ok();
    }

    /// The value of `name` (as alice), `@N` or the current one.
    pub fn uri(&self, reference: &str) -> String {
        String::from_utf8(self.env.alice(["get", reference]).ok().stdout).unwrap()
    }

    /// Logs in with `uri` and reads the group's table.
    pub fn login(&self, uri: &str) -> Result<String, postgres::Error> {
        let mut client = uri
            .parse::<postgres::Config>()
            .unwrap()
            .connect(postgres::NoTls)?;
        client
            .query_one("SELECT name FROM widgets WHERE id = 1", &[])?
            .try_get(0)
    }

    /// The roles of `family` the server has.
    pub fn roles(&self, family: &str) -> BTreeSet<String> {
        let rows = self
            .db
            .cluster
            .superuser()
            .query(
                "SELECT rolname::text FROM pg_roles WHERE rolname ~ $1",
                &[&format!("^{family}_(v[0-9]+|l[a-z0-9]+)$")],
            )
            .unwrap();
        rows.iter().map(|row| row.get(0)).collect()
    }

    /// The login of every version of `name` the vault serves (active versions).
    pub fn known_roles(&self, name: &str) -> BTreeSet<String> {
        let shown = self.env.show(name);
        let mut roles = BTreeSet::new();
        for version in shown["versions"].as_array().unwrap() {
            if version["state"] == "active" {
                let number = version["version"].as_u64().unwrap();
                let uri = self.uri(&format!("{name}@{number}"));
                let config: postgres::Config = uri.parse().unwrap();
                roles.insert(config.get_user().unwrap().to_string());
            }
        }
        roles
    }

    pub fn status(&self, name: &str) -> serde_json::Value {
        self.env.json(&["rotation", "status", name])
    }
}

fn user_of(uri: &str) -> String {
    let config: postgres::Config = uri.parse().unwrap();
    config.get_user().unwrap().to_string()
}

#[test]
fn rotate_overlaps_the_old_login_and_finish_drops_it() {
    let s = Setup::new();
    s.plan("app/db", "app", "1h");
    let first = s.env.alice(["rotate", "app/db"]).ok();
    assert!(
        first
            .stdout_text()
            .contains("version 1 (login app_v1) is current"),
        "{}",
        first.stdout_text()
    );
    let v1 = s.uri("app/db");
    assert_eq!(user_of(&v1), "app_v1");
    assert_eq!(s.login(&v1).unwrap(), "gear");

    let second = s.env.alice(["rotate", "app/db", "--json"]).ok().json();
    assert_eq!(second["name"], "app/db");
    assert_eq!(second["version"], 2);
    assert_eq!(second["state"], "overlap");
    assert_eq!(second["previous"], "app_v1");
    let v2 = s.uri("app/db");
    assert_eq!(user_of(&v2), "app_v2");
    // Through the overlap both logins work.
    assert_eq!(s.login(&v2).unwrap(), "gear");
    assert_eq!(s.login(&v1).unwrap(), "gear");
    assert_eq!(
        s.roles("app"),
        BTreeSet::from(["app_v1".into(), "app_v2".into()])
    );
    let status = s.status("app/db");
    assert_eq!(status["rotation"]["state"], "overlap");
    assert_eq!(status["plan"]["admin"], "db/admin");

    // A rotate during the overlap is a conflict naming `finish`.
    let early = s.env.alice(["rotate", "app/db"]).fails(6);
    assert!(
        early.error().contains("rotation finish app/db"),
        "{}",
        early.stderr
    );

    s.env.alice(["rotation", "finish", "app/db"]).ok();
    assert!(s.login(&v1).is_err(), "the old login still works");
    assert_eq!(s.login(&v2).unwrap(), "gear");
    assert_eq!(s.roles("app"), BTreeSet::from(["app_v2".into()]));
    let shown = s.env.show("app/db");
    assert_eq!(shown["versions"][0]["state"], "disabled", "{shown}");
    assert_eq!(s.uri("app/db"), v2);
    assert_eq!(s.known_roles("app/db"), s.roles("app"));
    assert_eq!(s.status("app/db")["rotation"]["state"], "finished");
    s.env.alice(["audit", "verify"]).ok();

    // Every step is a signed write event; no credential is in the log.
    let log = std::fs::read_to_string(s.env.audit_log()).unwrap();
    let steps = s.env.audit_events_of("rotation");
    assert!(steps.len() >= 12, "{}", steps.len());
    for uri in [&v1, &v2, &s.db.admin_uri()] {
        let password = uri.split(':').nth(2).unwrap().split('@').next().unwrap();
        assert!(!log.contains(password));
        assert!(
            !std::fs::read_to_string(s.env.reads_path())
                .unwrap()
                .contains(password)
        );
    }
    // The server saw the logins' verifiers only (the admin was made by the test's SQL).
    for uri in [&v1, &v2] {
        let password = uri.split(':').nth(2).unwrap().split('@').next().unwrap();
        assert!(!s.db.cluster.server_log().contains(password));
    }
}

#[test]
fn the_first_rotate_after_the_overlap_finishes_the_previous_rotation() {
    let s = Setup::new();
    s.plan("app/db", "app", "1s");
    s.env.alice(["rotate", "app/db"]).ok();
    s.env.alice(["rotate", "app/db"]).ok();
    let v2 = s.uri("app/db");
    std::thread::sleep(Duration::from_millis(1200));
    let status = s.status("app/db");
    assert_eq!(status["rotation"]["state"], "overlap_over");
    let check = s.env.alice(["check", "--json"]).run();
    assert!(check.stdout_text().contains("rotation finish app/db"));
    let third = s.env.alice(["rotate", "app/db", "--json"]).ok().json();
    assert_eq!(third["version"], 3);
    assert_eq!(third["previous"], "app_v2");
    assert_eq!(
        s.roles("app"),
        BTreeSet::from(["app_v2".into(), "app_v3".into()])
    );
    assert_eq!(s.login(&v2).unwrap(), "gear");
    let shown = s.env.show("app/db");
    assert_eq!(shown["versions"][0]["state"], "disabled");
    assert_eq!(shown["versions"][1]["state"], "active");
}

#[test]
fn a_planned_rotation_needs_rotate_and_the_admin_secret_not_read() {
    let s = Setup::new();
    s.plan("app/db", "app", "1h");
    s.env.alice(["rotate", "app/db"]).ok();
    s.env.admit("bob");
    s.env.grant("bob", "rotate", "app/**");
    s.env.grant("bob", "read", "db/admin");
    s.env.admit("carol");
    s.env.grant("carol", "rotate", "app/**");

    let bob = |args: &[&str]| s.env.as_("bob.key").args(args);
    bob(&["rotate", "app/db"]).ok();
    assert_eq!(user_of(&s.uri("app/db")), "app_v2");
    bob(&["rotation", "finish", "app/db"]).ok();
    assert_eq!(s.roles("app"), BTreeSet::from(["app_v2".into()]));
    // Rotating is not reading: bob cannot read what he rotated.
    bob(&["get", "app/db"]).fails_closed(4);

    // Carol may rotate but not read the admin secret: refused before any step.
    let before = s.env.snapshot();
    let refused = s
        .env
        .as_("carol.key")
        .args(["rotate", "app/db"])
        .fails_closed(4);
    assert!(refused.error().contains("db/admin"), "{}", refused.stderr);
    s.env.assert_unchanged(&before);
    assert_eq!(s.roles("app"), BTreeSet::from(["app_v2".into()]));
    // Nor may she point a plan at an admin secret she cannot read.
    s.env
        .as_("carol.key")
        .args([
            "rotation",
            "set",
            "app/other",
            "--postgres",
            "db/admin",
            "--role",
            "other",
        ])
        .fails(4);

    let check = |who: &str, action: &str, name: &str| {
        s.env.alice(["policy", "check", who, action, name]).run()
    };
    let explained = check("bob", "rotate", "app/db").stdout_text();
    assert!(explained.contains("db/admin"), "{explained}");
    assert!(explained.contains("allow"), "{explained}");
    let explained = check("carol", "rotate", "app/db").stdout_text();
    assert!(explained.contains("db/admin"), "{explained}");
}

#[test]
fn a_forged_plan_is_refused_like_any_forged_record() {
    let s = Setup::new();
    s.plan("app/db", "app", "1h");
    s.env.alice(["rotate", "app/db"]).ok();
    let vault = s.env.read_vault();
    assert!(vault.contains("[secrets.\"app/db\".plan]"), "{vault}");
    // The readable diff shows what a reviewer must judge of a plan.
    let readable = s
        .env
        .alice(["git", "textconv", "vault.toml"])
        .ok()
        .stdout_text();
    assert!(
        readable.contains(
            "rotation plan: postgres through db/admin, logins app_vN, group app_rw, overlap 3600s"
        ),
        "{readable}"
    );
    assert!(
        readable.contains("rotation to v1 (app_v1): Promote Done"),
        "{readable}"
    );
    assert!(
        vault.contains("step = \"promote\", phase = \"done\""),
        "{vault}"
    );
    for (from, to) in [
        ("overlap = \"1h\"", "overlap = \"1s\""),
        ("group = \"app_rw\"", "group = \"pg_read_all_data\""),
        ("admin = \"db/admin\"", "admin = \"app/db\""),
        (
            "step = \"promote\", phase = \"done\"",
            "step = \"promote\", phase = \"begun\"",
        ),
    ] {
        assert!(vault.contains(from), "{from}");
        s.env.write_vault(&vault.replacen(from, to, 1));
        let refused = s.env.alice(["rotation", "status", "app/db"]).fails(5);
        assert!(refused.error().contains("app/db"), "{}", refused.stderr);
        s.env.alice(["rotate", "app/db"]).fails(5);
    }
    s.env.write_vault(&vault);
    s.env.alice(["rotation", "status", "app/db"]).ok();
}

#[test]
fn bad_plans_and_commands_are_one_sentence() {
    let s = Setup::new();
    let set = |args: &[&str]| s.env.alice(["rotation", "set"]).args(args);
    set(&["app/db", "--postgres", "db/admin", "--role", "App"]).fails(2);
    set(&["app/db", "--postgres", "db/admin", "--role", "pg_app"]).fails(2);
    set(&["app/db", "--postgres", "db/missing", "--role", "app"]).fails(3);
    set(&["app/db", "--postgres", "app/db", "--role", "app"]).fails(2);
    set(&[
        "app/db",
        "--postgres",
        "db/admin",
        "--role",
        "app",
        "--overlap",
        "soon",
    ])
    .fails(2);
    s.env.alice(["rotation", "status", "db/admin"]).fails(3);
    s.env.alice(["rotation", "resume", "db/admin"]).fails(3);
    s.plan("app/db", "app", "1h");
    s.env.alice(["rotation", "status", "app/db"]).ok();
    s.env.alice(["rotation", "abort", "app/db"]).fails(3);
    // The admin secret a plan names is not deleted or renamed from under it.
    let before = s.env.snapshot();
    for args in [
        &["delete", "db/admin", "--yes"][..],
        &["rename", "db/admin", "db/root"],
    ] {
        let refused = s.env.alice(args).fails(6);
        assert!(
            refused.error().contains("app/db") && refused.error().contains("rotation set"),
            "{}",
            refused.stderr
        );
    }
    s.env.assert_unchanged(&before);
    // A planned secret's value is made by its plan.
    s.env.alice(["rotate", "app/db", "--generate"]).fails(2);
    // A wrong admin password: one sentence, without it.
    s.env
        .alice(["rotate", "db/admin"])
        .stdin(s.db.cluster.uri("rotator", "wrong-pw"))
        .ok();
    let failed = s.env.alice(["rotate", "app/db"]).fails(1);
    assert!(
        failed.error().contains("refused the password"),
        "{}",
        failed.stderr
    );
    assert!(!failed.stderr.contains("wrong-pw"));
    assert!(s.roles("app").is_empty());
}

#[test]
fn a_step_that_fails_stops_the_rotation_until_it_is_resumed_or_aborted() {
    let s = Setup::new();
    s.env
        .alice([
            "rotation",
            "set",
            "app/db",
            "--postgres",
            "db/admin",
            "--role",
            "app",
        ])
        .args(["--group", "no_such_group"])
        .ok();
    let failed = s.env.alice(["rotate", "app/db"]).fails(1);
    assert!(
        failed.error().contains("Creating role app_v1"),
        "{}",
        failed.stderr
    );
    assert!(
        failed.error().contains("stopped at create_role"),
        "{}",
        failed.stderr
    );
    let status = s.status("app/db");
    assert_eq!(status["rotation"]["state"], "stopped", "{status}");
    let check = s.env.alice(["check", "--json"]).run();
    assert!(check.stdout_text().contains("rotation abort app/db"));
    // Neither a new rotate nor a new plan runs over it.
    s.env.refuses(s.env.alice(["rotate", "app/db"]), 6);
    s.plan_fails("app/db");
    s.env.alice(["rotation", "abort", "app/db"]).ok();
    assert_eq!(s.status("app/db")["rotation"]["state"], "aborted");
    assert!(s.roles("app").is_empty());
    s.plan("app/db", "app", "1h");
    s.env.alice(["rotate", "app/db"]).ok();
    assert_eq!(s.login(&s.uri("app/db")).unwrap(), "gear");
    assert_eq!(s.known_roles("app/db"), s.roles("app"));
}

impl Setup {
    fn plan_fails(&self, name: &str) {
        let refused = self
            .env
            .alice([
                "rotation",
                "set",
                name,
                "--postgres",
                "db/admin",
                "--role",
                "app",
            ])
            .fails(6);
        assert!(refused.error().contains("under way"), "{}", refused.stderr);
    }
}
