//! `init` and `recipient add | list | remove`: who a vault's keys are wrapped to, and
//! that removing someone re-keys what they could open.

use crate::support::Env;
use serde_json::json;

/// The value of the first `KEY = "…"` line after `after` in the vault file.
fn field_after(vault: &str, after: &str, key: &str) -> String {
    let start = vault
        .find(after)
        .unwrap_or_else(|| panic!("no {after} in the vault"));
    let prefix = format!("\n{key} = \"");
    let from = start + vault[start..].find(&prefix).unwrap() + prefix.len();
    vault[from..from + vault[from..].find('"').unwrap()].to_string()
}

/// Every line of the vault file that starts with `key = `.
fn lines_of<'a>(vault: &'a str, key: &str) -> Vec<&'a str> {
    let prefix = format!("{key} = ");
    vault.lines().filter(|l| l.starts_with(&prefix)).collect()
}

fn principals(env: &Env) -> Vec<String> {
    let list = env.json(&["recipient", "list"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn init_creates_a_private_vault_and_its_audit_log() {
    let env = Env::new();
    let recipient = env.identity("alice");
    let out = env.alice(["init", "--name", "alice"]).ok();
    assert_eq!(
        out.stdout_text(),
        "Created the vault vault.toml and its audit log vault.audit.jsonl; 'alice' is its admin.\n"
    );
    assert_eq!(
        (env.mode("vault.toml"), env.mode("vault.audit.jsonl")),
        (0o600, 0o600)
    );
    let vault = env.read_vault();
    assert!(vault.contains("\nformat = 1\n"), "{vault}");
    assert_eq!(
        field_after(&vault, "[principals.alice]", "recipient"),
        recipient
    );
    let events = env.audit_events();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (&events[0]["seq"], &events[0]["event"]),
        (&json!(0), &json!("init"))
    );
    assert_eq!(events[0]["prev"], "0".repeat(64));
    assert_eq!(
        events[0]["vault"].as_str(),
        Some(field_after(&vault, "format", "id").as_str())
    );
    env.alice(["audit", "verify"]).ok();
}

#[test]
fn init_names_the_creator_after_the_user_by_default() {
    let env = Env::new();
    env.identity("me");
    let doc = env.as_("me.key").args(["init", "--json"]).ok().json();
    assert_eq!(doc["admin"], "tester");
    assert_eq!(principals(&env), ["tester"]);
}

#[test]
fn init_adds_recipients_named_or_bare() {
    let env = Env::new();
    env.identity("alice");
    let bob = env.identity("bob");
    let carol = env.identity("carol");
    let named = format!("bob={bob}");
    let args = [
        "init",
        "--name",
        "alice",
        "--recipient",
        &named,
        "--recipient",
        &carol,
    ];
    env.alice(args).ok();
    let list = env.json(&["recipient", "list"]);
    assert_eq!(list[1]["name"], "bob");
    assert_eq!(list[1]["recipient"], bob.as_str());
    assert_eq!(
        list[2]["name"], "recipient2",
        "a bare recipient is named by its place"
    );
    assert_eq!(
        (&list[2]["recipient"], &list[2]["keyrings"]),
        (&json!(carol), &json!(["default"]))
    );
    env.create("app/x", "CANARY-init");
    for key in ["bob.key", "carol.key"] {
        assert_eq!(
            env.as_(key).args(["get", "app/x"]).ok().stdout,
            b"CANARY-init"
        );
    }
}

#[test]
fn init_refuses_an_existing_vault() {
    let env = Env::with_vault();
    env.create("app/x", "CANARY-keep");
    let out = env.refuses(env.alice(["init", "--name", "alice"]), 1);
    out.error_says(&["already exists"]);
    assert_eq!(env.get("app/x", &[]), b"CANARY-keep");
}

#[test]
fn recipient_add_and_list() {
    let env = Env::with_vault();
    env.create("app/x", "CANARY-shared");
    let bob = env.identity("bob");
    let out = env.alice(["recipient", "add", "bob", &bob]).ok();
    assert_eq!(
        out.stdout_text(),
        format!(
            "Added 'bob' ({bob}). It opens no keyring until a policy rule lets it read (`tresor policy set`).\n"
        )
    );
    // Least privilege: a new principal reads nothing until a rule says so.
    env.as_("bob.key").args(["get", "app/x"]).fails(4);
    env.grant("bob", "read", "app/**");
    assert_eq!(
        env.as_("bob.key").args(["get", "app/x"]).ok().stdout,
        b"CANARY-shared"
    );

    let text = env.tresor().args(["recipient", "list"]).ok().stdout_text();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0], ["NAME", "RECIPIENT", "KEYRINGS"]);
    assert_eq!(rows[2], ["bob", bob.as_str(), "default"]);
    let list = env.json(&["recipient", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list[1]["added"].as_str().unwrap().ends_with('Z'));

    let again = env.refuses(env.alice(["recipient", "add", "bob", &bob]), 1);
    again.error_says(&["already exists"]);
    let alias = env.alice(["recipient", "add", "robert", &bob]);
    env.refuses(alias, 1).error_says(&["'bob'"]);
}

#[test]
fn recipient_remove_rekeys_what_the_principal_could_open() {
    let env = Env::with_vault();
    let bob = env.add_principal("bob");
    let values = [
        ("app/a", "CANARY-a"),
        ("app/b", "CANARY-b"),
        ("prod/c", "CANARY-c"),
    ];
    for (name, value) in values {
        env.create(name, value);
    }
    env.alice(["rotate", "app/a"]).stdin("CANARY-a2").ok();
    let before = env.read_vault();

    let out = env.alice(["recipient", "remove", "bob"]).ok();
    assert!(
        out.stdout_text()
            .starts_with("Removed 'bob', re-keyed 'default'")
    );
    let after = env.read_vault();
    let events = env.audit_events();
    let last: Vec<_> = events[events.len() - 2..]
        .iter()
        .map(|e| (&e["event"], &e["target"]))
        .collect();
    assert_eq!(
        last,
        [
            (&json!("rekey"), &json!("default")),
            (&json!("recipient"), &json!("bob"))
        ]
    );
    let stranger = env.refuses(env.as_("bob.key").args(["get", "app/b"]), 7);
    stranger.error_says(&["not a principal"]);
    for (name, value) in values.iter().skip(1) {
        assert_eq!(env.get(name, &[]), value.as_bytes());
    }
    assert_eq!(env.get("app/a", &["--version", "1"]), b"CANARY-a");
    assert_eq!(env.get("app/a", &[]), b"CANARY-a2");
    assert_eq!(principals(&env), ["alice"]);

    // A new keyring key: its public half changed, every data key was re-wrapped to it,
    // and the values themselves were not re-encrypted.
    let keyring = |vault: &str| field_after(vault, "[keyrings.default]", "recipient");
    assert_ne!(keyring(&before), keyring(&after));
    assert_eq!(lines_of(&before, "value"), lines_of(&after, "value"));
    let (old_deks, new_deks) = (lines_of(&before, "dek"), lines_of(&after, "dek"));
    assert_eq!(old_deks.len(), 4);
    assert!(
        old_deks.iter().all(|dek| !new_deks.contains(dek)),
        "every dek line changed"
    );
    assert!(
        !after.contains(&bob) && !after.contains("\nbob = "),
        "bob's wraps are gone"
    );

    env.alice(["audit", "verify"]).ok();
}

#[test]
fn recipient_remove_refuses_oneself_and_strangers() {
    let env = Env::with_vault();
    let me = env.refuses(env.alice(["recipient", "remove", "alice"]), 1);
    me.error_says(&["principal in use"]);
    let nobody = env.refuses(env.alice(["recipient", "remove", "zed"]), 3);
    nobody.error_says(&["No principal named 'zed'"]);
}
