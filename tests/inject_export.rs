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

/// Values that trip naive dotenv or shell quoting; every export reads them back
/// byte for byte.
const AWKWARD: [&str; 26] = [
    "a$b\\c",
    "it's $5",
    "back\\slash \\\\server\\share",
    "\\n is not a newline, \\t not a tab",
    "C:\\dir\\",
    "\\\"\\",
    "say \"hi\" \\\"twice\\\"",
    "\"quoted\"",
    "'single' quotes",
    "'",
    "\"",
    "line1\nline2\n",
    "crlf\r\nend\r",
    "\nleading newline",
    "#not a comment",
    "a #b",
    "x=y#z",
    "  both ends  ",
    "\ttab\t",
    "naïve ☃ 🎉 Ω",
    "$HOME $ $$ `echo hi` $(echo hi)",
    "\\$HOME",
    "pa$$word",
    "semi;colon & amp | pipe < > *",
    "trailing space ",
    "\\",
];

fn vault_with_awkward_values() -> Env {
    let env = Env::with_vault();
    for (index, value) in AWKWARD.iter().enumerate() {
        env.create(&format!("t/v{index:02}"), value);
    }
    env
}

#[test]
fn awkward_values_read_back_from_dotenv_with_python_dotenv() {
    let env = vault_with_awkward_values();
    env.as_("alice.key")
        .args(["export", "t", "--strip-prefix", "-o", ".env"])
        .ok();
    let loaded = python_dotenv(&env.path(".env"));
    assert_eq!(loaded.as_object().unwrap().len(), AWKWARD.len());
    for (index, value) in AWKWARD.iter().enumerate() {
        assert_eq!(loaded[format!("V{index:02}")], *value, "{value:?}");
    }
    // tresor's own dotenv reader agrees.
    env.as_("alice.key")
        .args(["import", "dotenv", ".env", "--prefix", "back"])
        .ok();
    let back = env
        .as_("alice.key")
        .args(["export", "back", "--strip-prefix", "--format", "json"])
        .ok()
        .json();
    for (index, value) in AWKWARD.iter().enumerate() {
        assert_eq!(back[format!("V{index:02}")], *value, "{value:?}");
    }
}

#[test]
fn awkward_values_read_back_from_shell_with_sh() {
    let env = vault_with_awkward_values();
    env.create("t/controls", "\u{1}\u{7f}\u{ff}");
    let out = env
        .as_("alice.key")
        .args(["export", "t", "--strip-prefix", "--format", "shell"])
        .ok();
    std::fs::write(env.path("vars.sh"), &out.stdout).unwrap();
    let expected = AWKWARD
        .iter()
        .enumerate()
        .map(|(index, value)| (format!("V{index:02}"), *value))
        .chain([("CONTROLS".to_string(), "\u{1}\u{7f}\u{ff}")]);
    for (variable, value) in expected {
        let printed = std::process::Command::new("sh")
            .current_dir(env.root())
            .env_clear()
            .args(["-c", &format!(". ./vars.sh && printf %s \"${variable}\"")])
            .output()
            .unwrap();
        assert!(printed.status.success(), "{value:?}");
        assert_eq!(printed.stdout, value.as_bytes(), "{value:?}");
    }
}

#[test]
fn dotenv_warns_or_refuses_what_python_dotenv_would_change() {
    // python-dotenv expands ${…} however it is quoted: written, with a warning by name.
    let env = Env::with_vault();
    env.create("t/plain", "fine");
    env.create("t/template", "url=${HOST}/x");
    let out = env
        .as_("alice.key")
        .args(["export", "t", "--strip-prefix", "-o", ".env"])
        .ok();
    assert!(
        out.stderr.starts_with("warning: ") && out.stderr.lines().count() == 1,
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("'t/template'") && !out.stderr.contains("HOST"));
    assert_eq!(python_dotenv(&env.path(".env"))["PLAIN"], "fine");
    env.as_("alice.key")
        .args(["import", "dotenv", ".env", "--prefix", "back"])
        .ok();
    assert_eq!(env.get("back/template", &[]), b"url=${HOST}/x");

    // A trailing backslash in quotes would make python-dotenv misread the next lines.
    let env = Env::with_vault();
    env.create("t/path", "C:\\Program Files\\");
    let out = env
        .as_("alice.key")
        .args(["export", "t", "-o", ".env"])
        .fails(2);
    out.error_says(&["t/path", "backslash", "--format shell"]);
    assert!(!out.stderr.contains("Program"), "{}", out.stderr);
    assert!(!env.path(".env").exists());
}

#[test]
fn export_json_flag_prints_one_json_object() {
    let env = vault_with_tricky_values();
    let object = env
        .as_("alice.key")
        .args(["export", "dev/app", "--strip-prefix", "--json"])
        .ok()
        .json();
    assert_eq!(object.as_object().unwrap().len(), TRICKY.len());
    for (name, value) in TRICKY {
        let variable = name.rsplit('/').next().unwrap().replace('-', "_");
        assert_eq!(object[variable.to_uppercase()], value);
    }
    // On stdout, --json and a format that is not JSON contradict each other.
    for format in ["dotenv", "shell"] {
        let out = env
            .as_("alice.key")
            .args(["export", "dev/app", "--json", "--format", format])
            .fails(2);
        out.error_says(&["--json", format]);
    }
    // With -o, the file is in --format (json by default with --json); stdout is JSON.
    let done = env
        .as_("alice.key")
        .args([
            "--json", "export", "dev/app", "--format", "dotenv", "-o", "app.env",
        ])
        .ok()
        .json();
    assert_eq!(done["secrets"], TRICKY.len());
    assert!(done["path"].as_str().unwrap().ends_with("app.env"));
    assert_eq!(
        python_dotenv(&env.path("app.env"))["DEV_APP_PEM"],
        TRICKY[2].1
    );
    env.as_("alice.key")
        .args(["export", "dev/app", "--json", "-o", "app.json"])
        .ok()
        .json();
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.path("app.json")).unwrap()).unwrap();
    assert_eq!(written["DEV_APP_PEM"], TRICKY[2].1);
}

#[test]
fn inject_json_needs_an_output_file() {
    let env = vault_with_tricky_values();
    let template = "url={{ tresor://dev/app/db-url }}\n";
    let out = env
        .as_("alice.key")
        .args(["inject", "--json"])
        .stdin(template)
        .fails(2);
    out.error_says(&["--json", "-o"]);
    let done = env
        .as_("alice.key")
        .args(["inject", "--json", "-o", "app.conf"])
        .stdin(template)
        .ok()
        .json();
    assert_eq!(done["references"], 1);
    assert!(done["path"].as_str().unwrap().ends_with("app.conf"));
    assert_eq!(
        std::fs::read_to_string(env.path("app.conf")).unwrap(),
        format!("url={}\n", TRICKY[0].1)
    );
}
