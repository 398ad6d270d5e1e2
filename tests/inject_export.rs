//! `inject` and `export`: outputs that real readers (python-dotenv, sh, JSON) load
//! back to exactly the stored values; any failed read writes nothing.

use crate::support::{Env, python_dotenv};
use std::os::unix::fs::PermissionsExt;

/// Values that need quoting in every format; none holds `${`, which python-dotenv
/// expands whatever the quoting.
const TRICKY: [(&str, &str); 6] = [
    ("dev/app/db-url", "postgres://u:p@h:5432/db?ssl=true"),
    ("dev/app/quote", "it's a \"quoted\" \\ back\\slash"),
    ("dev/app/pem", "-----BEGIN-----\nline two\n-----END-----"),
    ("dev/app/dollar", "pa$$word $HOME"),
    ("dev/app/hash", " spaced #not-a-comment "),
    ("dev/app/unicode", "naïve ☃ = x"),
];

fn vault_with_tricky_values() -> Env {
    let env = Env::with_vault();
    for (name, value) in TRICKY {
        env.create(name, value);
    }
    env
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_dotenv_loads_in_python_dotenv() {
    let env = vault_with_tricky_values();
    env.as_("alice.key")
        .args([
            "export",
            "dev/app",
            "--strip-prefix",
            "--format",
            "dotenv",
            "-o",
            ".env",
        ])
        .ok();
    assert_eq!(mode(&env.path(".env")), 0o600);
    let loaded = python_dotenv(&env.path(".env"));
    for (name, value) in TRICKY {
        let variable = name
            .rsplit('/')
            .next()
            .unwrap()
            .replace('-', "_")
            .to_uppercase();
        assert_eq!(loaded[&variable], value, "{variable}");
    }
    assert_eq!(loaded.as_object().unwrap().len(), TRICKY.len());
}

#[test]
fn export_shell_round_trips_through_sh() {
    let env = vault_with_tricky_values();
    let out = env
        .as_("alice.key")
        .args(["export", "dev/app", "--format", "shell"])
        .ok();
    std::fs::write(env.path("vars.sh"), &out.stdout).unwrap();
    for (name, value) in TRICKY {
        let variable = name.replace(['/', '-'], "_").to_uppercase();
        let printed = std::process::Command::new("sh")
            .current_dir(env.root())
            .args(["-c", &format!(". ./vars.sh && printf %s \"${variable}\"")])
            .output()
            .unwrap();
        assert!(printed.status.success());
        assert_eq!(
            String::from_utf8(printed.stdout).unwrap(),
            value,
            "{variable}"
        );
    }
}

#[test]
fn export_json_is_one_object() {
    let env = vault_with_tricky_values();
    env.create("prod/other", "not exported");
    let out = env
        .as_("alice.key")
        .args(["export", "dev/app", "--strip-prefix", "--format", "json"])
        .ok();
    let object = out.json();
    assert_eq!(object.as_object().unwrap().len(), TRICKY.len());
    assert_eq!(object["PEM"], TRICKY[2].1);
    let all = env
        .as_("alice.key")
        .args(["export", "--format", "json"])
        .ok();
    assert_eq!(all.json()["PROD_OTHER"], "not exported");
}

#[test]
fn export_is_audited_and_refuses_collisions() {
    let env = vault_with_tricky_values();
    env.as_("alice.key").args(["export", "dev/app"]).ok();
    let events = env
        .as_("alice.key")
        .args(["audit", "log", "--event", "export", "--json"])
        .ok();
    assert_eq!(events.stdout_text().lines().count(), 1);
    let reads = env
        .as_("alice.key")
        .args(["audit", "log", "--event", "read", "--json"])
        .ok();
    assert_eq!(reads.stdout_text().lines().count(), TRICKY.len());
    env.create("dev/app/db.url", "clash");
    env.as_("alice.key")
        .args(["export", "dev/app", "--strip-prefix"])
        .fails(2);
    env.as_("alice.key").args(["export", "nothing"]).fails(3);
}

#[test]
fn a_delivery_appends_its_reads_and_its_own_event_together() {
    let env = vault_with_tricky_values();
    let committed = env.snapshot();
    let before = env.reads().len();
    env.as_("alice.key").args(["export", "dev/app"]).ok();
    // A delivery changes no tracked file: its events go to this machine's read log.
    env.assert_unchanged(&committed);
    let events = env.reads();
    let added = &events[before..];
    let kinds: Vec<&str> = added.iter().map(|e| e["event"].as_str().unwrap()).collect();
    let mut expected = vec!["read"; TRICKY.len()];
    expected.push("export");
    assert_eq!(kinds, expected);
    assert!(
        added.iter().all(|e| e["ts"] == added[0]["ts"]),
        "one append, one time"
    );
    assert!(added.iter().all(|e| e["principal"] == "alice"));
}

#[test]
fn inject_fills_a_template_that_dotenv_reads() {
    let env = vault_with_tricky_values();
    let template = "# generated\nDB_URL=\"{{ tresor://dev/app/db-url }}\"\nHASH='{{tresor://dev/app/hash}}'\nUNICODE=\"{{\ttresor://dev/app/unicode }}\"\nHELM={{ .Values.keep }}\n";
    std::fs::write(env.path("app.env.tpl"), template).unwrap();
    env.as_("alice.key")
        .args(["inject", "-i", "app.env.tpl", "-o", "app.env"])
        .ok();
    assert_eq!(mode(&env.path("app.env")), 0o600);
    let loaded = python_dotenv(&env.path("app.env"));
    assert_eq!(loaded["DB_URL"], TRICKY[0].1);
    assert_eq!(loaded["HASH"], TRICKY[4].1);
    assert_eq!(loaded["UNICODE"], TRICKY[5].1);
    assert_eq!(loaded["HELM"], "{{ .Values.keep }}");

    let out = env
        .as_("alice.key")
        .arg("inject")
        .stdin("pw={{ tresor://dev/app/dollar }}; old={{ tresor://dev/app/dollar@1 }}")
        .ok();
    assert_eq!(out.stdout_text(), "pw=pa$$word $HOME; old=pa$$word $HOME");
}

#[test]
fn inject_writes_nothing_when_a_reference_fails() {
    let env = vault_with_tricky_values();
    std::fs::write(env.path("out.txt"), "old").unwrap();
    let template = "a={{ tresor://dev/app/db-url }}\nb={{ tresor://dev/app/missing }}\n";
    let out = env
        .as_("alice.key")
        .args(["inject", "-o", "out.txt"])
        .stdin(template)
        .fails(3);
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(env.path("out.txt")).unwrap(), "old");
    let out = env.as_("alice.key").arg("inject").stdin(template).fails(3);
    assert!(out.stdout.is_empty());
    let out = env
        .as_("alice.key")
        .arg("inject")
        .stdin("x\n{{ tresor://bad name }}")
        .fails(2);
    assert!(out.stderr.contains("Line 2"), "{}", out.stderr);
}
