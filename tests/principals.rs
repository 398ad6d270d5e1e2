//! `init` and `recipient add | list | remove`: who a vault's principals are, with the
//! keys they read (age) and sign (Ed25519) with, and that removing someone re-keys what
//! they could open.

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

/// Every `key = …` entry of the vault file's version lines (`versions.N = { … }`).
fn entries_of<'a>(vault: &'a str, key: &str) -> Vec<&'a str> {
    let prefix = format!("{key} = ");
    vault
        .lines()
        .filter(|line| line.starts_with("versions."))
        .flat_map(|line| line.split(", "))
        .map(|entry| entry.trim_end_matches(" }"))
        .filter(|entry| entry.starts_with(&prefix))
        .collect()
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
    let alice = env.identity_keys("alice");
    let out = env.alice(["init", "--name", "alice"]).ok();
    let root = env.json(&["trust", "show"])["root"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(root.starts_with("SHA256:"), "{root}");
    assert_eq!(
        out.stdout_text(),
        format!(
            "Created the vault vault.toml and its audit log vault.audit.jsonl; 'alice' is its admin. Its root is {root}: pin it in CI with TRESOR_EXPECT_ROOT.\n"
        )
    );
    assert_eq!(
        (env.mode("vault.toml"), env.mode("vault.audit.jsonl")),
        (0o600, 0o600)
    );
    let vault = env.read_vault();
    assert!(vault.contains("\nformat = 2\n"), "{vault}");
    assert_eq!(
        field_after(&vault, "[principals.alice]", "recipient"),
        alice.recipient
    );
    assert_eq!(
        field_after(&vault, "[principals.alice]", "signing"),
        alice.signing
    );
    // The signed root names the creator by its signing key.
    assert_eq!(field_after(&vault, "[root]", "admin"), "alice");
    assert_eq!(field_after(&vault, "[root]", "signing"), alice.signing);
    assert!(!field_after(&vault, "[root]", "sig").is_empty());
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
    assert_eq!(events[0]["root"], root.as_str());
    assert_eq!(events[0]["principal"], "alice");
    assert!(events[0]["sig"].is_string(), "line 0 is signed");
    // This machine pinned the root at once.
    assert!(env.pin_path().is_file());
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
    let bob = env.identity_keys("bob");
    let carol = env.identity_keys("carol");
    let named = format!("bob={},{}", bob.recipient, bob.signing);
    let args = [
        "init",
        "--name",
        "alice",
        "--recipient",
        &named,
        "--recipient",
        &carol.recipient,
    ];
    env.alice(args).ok();
    let list = env.json(&["recipient", "list"]);
    assert_eq!(list[1]["name"], "bob");
    assert_eq!(list[1]["recipient"], bob.recipient.as_str());
    assert_eq!(
        (&list[1]["signing"], &list[1]["fingerprint"]),
        (&json!(bob.signing), &json!(bob.fingerprint))
    );
    assert_eq!(
        list[2]["name"], "recipient2",
        "a bare recipient is named by its place"
    );
    assert_eq!(
        (&list[2]["recipient"], &list[2]["signing"]),
        (&json!(carol.recipient), &json!(null)),
        "a bare recipient has no signing key"
    );
    // Everyone named at init administers the vault with its creator, so reads all.
    for entry in list.as_array().unwrap() {
        assert_eq!(entry["admin"], true, "{entry}");
    }
    env.create("app/x", "CANARY-init");
    for key in ["bob.key", "carol.key"] {
        assert_eq!(
            env.as_(key).args(["get", "app/x"]).ok().stdout,
            b"CANARY-init"
        );
    }
    // bob's signing key was given: it writes. carol's was not: it reads only.
    env.as_("bob.key")
        .args(["create", "app/by-bob"])
        .stdin("CANARY-bob")
        .ok();
    assert_eq!(env.show("app/by-bob")["versions"][0]["author"], "bob");
    let refused = env.refuses(
        env.as_("carol.key")
            .args(["create", "app/by-carol"])
            .stdin("CANARY-carol"),
        4,
    );
    refused.error_says(&["no signing key", &carol.signing]);
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
    let bob = env.identity_keys("bob");
    let out = env
        .alice(["recipient", "add", "bob", &bob.recipient, &bob.signing])
        .ok();
    assert_eq!(
        out.stdout_text(),
        format!(
            "Added 'bob' ({}); every keyring already matched the policy.\n",
            bob.recipient
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
    assert_eq!(rows[0], ["NAME", "RECIPIENT", "SIGNING", "KEY", "ROLE"]);
    assert_eq!((rows[1][0], rows[1][3]), ("alice", "admin"));
    assert_eq!(
        rows[2],
        ["bob", bob.recipient.as_str(), bob.fingerprint.as_str(), "-"]
    );
    let list = env.json(&["recipient", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list[1]["added"].as_str().unwrap().ends_with('Z'));
    assert_eq!(list[1]["signing"], bob.signing.as_str());
    assert_eq!(list[1]["admin"], false);

    let again = env.refuses(env.alice(["recipient", "add", "bob", &bob.recipient]), 1);
    again.error_says(&["already exists"]);
    let alias = env.alice(["recipient", "add", "robert", &bob.recipient, &bob.signing]);
    env.refuses(alias, 1).error_says(&["'bob'"]);
    let bad_key = env.alice(["recipient", "add", "robert", &bob.recipient, "ed25519:nope"]);
    env.refuses(bad_key, 2).error_says(&["signing key"]);
}

#[test]
fn a_principal_without_its_signing_key_reads_but_cannot_write_until_it_is_registered() {
    let env = Env::with_vault();
    env.create("app/x", "CANARY-shared");
    let carol = env.identity_keys("carol");
    let out = env
        .alice(["recipient", "add", "carol", &carol.recipient])
        .ok();
    assert!(
        out.stdout_text()
            .contains("Without a signing key it can read but not write"),
        "{}",
        out.stdout_text()
    );
    env.grant("carol", "read", "app/**");
    env.grant("carol", "rotate", "app/**");
    assert_eq!(env.json(&["recipient", "list"])[1]["signing"], json!(null));
    let text = env.tresor().args(["recipient", "list"]).ok().stdout_text();
    assert!(
        text.lines()
            .any(|l| l.starts_with("carol ") && l.contains("- (reads only)")),
        "{text}"
    );
    // It reads what the policy lets it...
    assert_eq!(
        env.as_("carol.key").args(["get", "app/x"]).ok().stdout,
        b"CANARY-shared"
    );
    // ...but cannot sign a write, even one the policy allows; the refusal says how
    // to register its key, and changes nothing.
    let refused = env.refuses(
        env.as_("carol.key")
            .args(["rotate", "app/x"])
            .stdin("CANARY-carol"),
        4,
    );
    refused.error_says(&["no signing key", &carol.recipient, &carol.signing]);

    // `recipient add` again, with the key, registers it: a signed admin change.
    let out = env
        .alice([
            "recipient",
            "add",
            "carol",
            &carol.recipient,
            &carol.signing,
        ])
        .ok();
    assert!(
        out.stdout_text().contains(&carol.fingerprint),
        "{}",
        out.stdout_text()
    );
    let event = env.audit_events().pop().unwrap();
    assert_eq!(
        (&event["event"], &event["target"], &event["principal"]),
        (&json!("recipient"), &json!("carol"), &json!("alice"))
    );
    assert!(event["trust"].is_object() && event["sig"].is_string());
    assert_eq!(
        env.json(&["recipient", "list"])[1]["signing"],
        carol.signing.as_str()
    );
    env.as_("carol.key")
        .args(["rotate", "app/x"])
        .stdin("CANARY-carol")
        .ok();
    assert_eq!(env.show("app/x")["versions"][1]["author"], "carol");
    assert_eq!(env.get("app/x", &[]), b"CANARY-carol");
    // The same key again changes nothing; another recipient under the name is refused.
    let before = env.snapshot();
    let same = env
        .alice([
            "recipient",
            "add",
            "carol",
            &carol.recipient,
            &carol.signing,
        ])
        .ok();
    assert!(same.stdout_text().contains("already has that signing key"));
    env.assert_unchanged(&before);
    let other = env.identity_keys("other");
    let swapped = env.alice([
        "recipient",
        "add",
        "carol",
        &other.recipient,
        &other.signing,
    ]);
    env.refuses(swapped, 1).error_says(&["another recipient"]);
    // Only an admin registers a key, even a principal's own.
    let dave = env.identity_keys("dave");
    env.alice(["recipient", "add", "dave", &dave.recipient])
        .ok();
    let own =
        env.as_("dave.key")
            .args(["recipient", "add", "dave", &dave.recipient, &dave.signing]);
    env.refuses(own, 4);
    env.alice(["audit", "verify"]).ok();
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
    let old_keyring = keyring_names(&before);
    assert_eq!(
        old_keyring.len(),
        1,
        "alice and bob read everything: one keyring"
    );

    let out = env.alice(["recipient", "remove", "bob"]).ok();
    assert!(
        out.stdout_text().starts_with(
            "Removed 'bob'; 4 version(s) of 3 secret(s) moved to the keyrings of their reader sets; 'bob' no longer hold the keys of what they may not read; 1 keyring(s) retired."
        ),
        "{}",
        out.stdout_text()
    );
    let after = env.read_vault();
    let new_keyring = keyring_names(&after);
    assert_eq!(new_keyring.len(), 1);
    // One signed event records the removal and every record it moved.
    let events = env.audit_events();
    let last = events.last().unwrap();
    assert_eq!(
        (&last["event"], &last["target"], &last["principal"]),
        (&json!("recipient"), &json!("bob"), &json!("alice"))
    );
    assert!(last["sig"].is_string() && last["trust"].is_object());
    let mut changed: Vec<&str> = last["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    changed.sort();
    let mut expected = vec![
        "app/a",
        "app/b",
        "prod/c",
        old_keyring[0].as_str(),
        new_keyring[0].as_str(),
    ];
    expected.sort();
    assert_eq!(changed, expected);
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
    assert_ne!(old_keyring, new_keyring);
    let public =
        |vault: &str, keyring: &str| field_after(vault, &format!("[keyrings.{keyring}]"), "public");
    assert_ne!(
        public(&before, &old_keyring[0]),
        public(&after, &new_keyring[0])
    );
    assert_eq!(entries_of(&before, "value"), entries_of(&after, "value"));
    let (old_deks, new_deks) = (entries_of(&before, "dek"), entries_of(&after, "dek"));
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

/// The names of the vault file's keyrings (its `[keyrings.NAME]` headers).
fn keyring_names(vault: &str) -> Vec<String> {
    vault
        .lines()
        .filter_map(|l| l.strip_prefix("[keyrings.")?.strip_suffix(']'))
        .filter(|name| !name.contains('.'))
        .map(str::to_string)
        .collect()
}

#[test]
fn recipient_remove_refuses_oneself_and_strangers() {
    let env = Env::with_vault();
    let me = env.refuses(env.alice(["recipient", "remove", "alice"]), 1);
    me.error_says(&["principal in use"]);
    let nobody = env.refuses(env.alice(["recipient", "remove", "zed"]), 3);
    nobody.error_says(&["No principal named 'zed'"]);
}

#[test]
fn a_removed_principal_stays_removed_when_the_older_vault_is_put_back() {
    let env = Env::with_vault();
    env.add_principal("mallory");
    env.create("app/x", "CANARY-before");
    let with_mallory = env.read_vault();
    env.alice(["recipient", "remove", "mallory"]).ok();
    // Someone who can write the file puts back the vault from before the removal, and
    // keeps the log (which records the removal, signed).
    env.write_vault(&with_mallory);
    // This machine saw the vault without mallory: it refuses to build on the older copy,
    // so nothing new is ever sealed to mallory.
    let rotate = env.alice(["rotate", "app/x"]).stdin("CANARY-after");
    env.refuses(rotate, 5).error_says(&["older copy"]);
    env.refuses(env.tresor().args(["recipient", "list"]), 5);
    env.refuses(env.as_("mallory.key").args(["get", "app/x"]), 5);
}
