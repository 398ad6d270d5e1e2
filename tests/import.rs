//! `tresor import dotenv`: one secret per key, read as dotenv reads it; an existing
//! secret is refused unless --rotate-existing; and what `export` writes imports back.

use crate::support::Env;

const DOTENV: &str = r#"# the app's settings
export DB_URL=postgres://u:p@h/db
API_KEY = 'ak_live_123#456'   # a comment
PEM="-----BEGIN-----\nbody\n-----END-----"
GREETING="say \"hi\" \\ $USER"
EMPTY=
"#;

fn get(env: &Env, name: &str) -> String {
    env.as_("alice.key").args(["get", name]).ok().stdout_text()
}

#[test]
fn each_key_becomes_a_secret() {
    let env = Env::with_vault();
    std::fs::write(env.path(".env"), DOTENV).unwrap();
    let out = env
        .as_("alice.key")
        .args([
            "import", "dotenv", ".env", "--prefix", "dev/app", "--owner", "web",
        ])
        .ok();
    assert!(out.stderr.contains("EMPTY"), "{}", out.stderr);
    assert_eq!(get(&env, "dev/app/db-url"), "postgres://u:p@h/db");
    assert_eq!(get(&env, "dev/app/api-key"), "ak_live_123#456");
    assert_eq!(
        get(&env, "dev/app/pem"),
        "-----BEGIN-----\nbody\n-----END-----"
    );
    assert_eq!(get(&env, "dev/app/greeting"), "say \"hi\" \\ $USER");
    let listed = env.as_("alice.key").args(["list", "--json"]).ok().json();
    assert_eq!(listed.as_array().unwrap().len(), 4);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["owner"] == "web")
    );
    // One signed write creates the four: one `import` event naming each secret.
    let imports = env
        .as_("alice.key")
        .args(["audit", "log", "--event", "import", "--json"])
        .ok()
        .stdout_text();
    assert_eq!(imports.lines().count(), 1, "{imports}");
    let event: serde_json::Value = serde_json::from_str(imports.trim()).unwrap();
    let mut created: Vec<&str> = event["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "secret")
        .map(|c| {
            assert_eq!(c["action"], "create", "{c}");
            c["key"].as_str().unwrap()
        })
        .collect();
    created.sort();
    assert_eq!(
        created,
        [
            "dev/app/api-key",
            "dev/app/db-url",
            "dev/app/greeting",
            "dev/app/pem"
        ]
    );
    assert!(event["sig"].is_string());
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

#[test]
fn existing_secrets_need_rotate_existing() {
    let env = Env::with_vault();
    env.create("dev/app/db-url", "old");
    std::fs::write(env.path(".env"), "NEW_ONE=x\nDB_URL=new\n").unwrap();
    let import = || {
        env.as_("alice.key")
            .args(["import", "dotenv", ".env", "--prefix", "dev/app"])
    };
    import().fails(1);
    // Nothing was written: the new key did not sneak in before the refusal.
    env.as_("alice.key")
        .args(["get", "dev/app/new-one"])
        .fails(3);
    import().arg("--rotate-existing").ok();
    assert_eq!(get(&env, "dev/app/db-url"), "new");
    let show = env
        .as_("alice.key")
        .args(["show", "dev/app/db-url", "--json"])
        .ok()
        .json();
    assert_eq!(show["aliases"]["current"], 2, "{show}");
    assert_eq!(get(&env, "dev/app/new-one"), "x");
}

#[test]
fn bad_files_are_refused_by_line() {
    let env = Env::with_vault();
    for (text, line) in [("A=1\nB='s3cr3t\n", "2"), ("A=1\na_b=1\nA_B=2\n", "3")] {
        std::fs::write(env.path("bad.env"), text).unwrap();
        let out = env
            .as_("alice.key")
            .args(["import", "dotenv", "bad.env", "--prefix", "dev"])
            .fails(2);
        assert!(out.stderr.contains(line), "{}", out.stderr);
        assert!(!out.stderr.contains("s3cr3t"));
    }
    env.as_("alice.key")
        .args(["import", "dotenv", "-", "--prefix", "dev"])
        .stdin("# nothing\n")
        .fails(2);
}

#[test]
fn export_then_import_round_trips() {
    let env = Env::with_vault();
    std::fs::write(env.path(".env"), DOTENV).unwrap();
    env.as_("alice.key")
        .args(["import", "dotenv", ".env", "--prefix", "dev/app"])
        .ok();
    env.create("dev/app/tricky", "it's $HOME and \"${X}\" \\n\nnext");
    let exported = env
        .as_("alice.key")
        .args(["export", "dev/app", "--strip-prefix"])
        .ok();
    env.as_("alice.key")
        .args(["import", "dotenv", "-", "--prefix", "copy/app"])
        .stdin(&exported.stdout)
        .ok();
    for key in ["db-url", "api-key", "pem", "greeting", "tricky"] {
        assert_eq!(
            get(&env, &format!("copy/app/{key}")),
            get(&env, &format!("dev/app/{key}")),
            "{key}"
        );
    }
}
