//! The life of a secret, command by command: create (stdin, file, generated, with
//! metadata), get, rotate, promote, rollback, alias, disable/enable, destroy, list,
//! show, completions — each checked by its output and by what it left in the vault.

use crate::support::Env;
use crate::support::edit::{field, secret_table, version_entry, version_key};
use serde_json::json;

/// The line `versions.N = { … }` of the secret `name` in the vault file.
fn version_line(env: &Env, name: &str, version: u32) -> String {
    field(
        &env.read_vault(),
        &secret_table(name),
        &version_key(version),
    )
}

fn holds_ciphertext(line: &str) -> bool {
    line.contains(" dek = ") || line.contains(" value = ")
}

fn aliases(env: &Env, name: &str) -> serde_json::Value {
    env.show(name)["aliases"].clone()
}

#[test]
fn create_takes_the_value_from_stdin_a_file_or_the_generator() {
    let env = Env::with_vault();
    let out = env.alice(["create", "app/stdin"]).stdin("CANARY-in\n").ok();
    assert_eq!(out.stdout_text(), "Created 'app/stdin' version 1.\n");
    assert_eq!(
        env.get("app/stdin", &[]),
        b"CANARY-in\n",
        "exactly the bytes, newline too"
    );

    std::fs::write(env.path("value.pem"), "CANARY-file\r\n").unwrap();
    env.alice(["create", "app/file", "--from-file", "value.pem"])
        .ok();
    assert_eq!(env.get("app/file", &[]), b"CANARY-file\r\n");

    for (flag, length) in [("--generate", 32), ("--generate=48", 48)] {
        let name = format!("app/gen{length}");
        env.alice(["create", &name, flag]).ok();
        let value = env.get(&name, &[]);
        assert_eq!(value.len(), length, "{flag}");
        assert!(
            value.iter().all(u8::is_ascii_alphanumeric),
            "{flag}: {value:?}"
        );
    }
    assert_ne!(env.get("app/gen32", &[]), env.get("app/gen48", &[])[..32]);
}

#[test]
fn binary_values_come_back_byte_exact() {
    let env = Env::with_vault();
    let value: &[u8] = b"CANARY\0bin\xff\xfe\0\n";
    env.alice(["create", "bin/stdin"]).stdin(value).ok();
    std::fs::write(env.path("blob"), value).unwrap();
    env.alice(["create", "bin/file", "--from-file", "blob"])
        .ok();
    for name in ["bin/stdin", "bin/file"] {
        assert_eq!(env.get(name, &[]), value);
        let doc = env.alice(["get", name, "--json"]).ok().json();
        assert_eq!(
            doc,
            json!({"name": name, "version": 1, "value_base64": "Q0FOQVJZAGJpbv/+AAo="})
        );
    }
}

#[test]
fn create_records_its_metadata() {
    let env = Env::with_vault();
    let args = [
        "create",
        "prod/pay/key",
        "--owner",
        "payments",
        "--description",
        "Stripe live key",
        "--rotate-every",
        "90d",
        "--expires",
        "2031-06-30T00:00:00Z",
        "--tag",
        "env=prod",
        "--tag",
        "pci=yes",
    ];
    env.alice(args).stdin("CANARY-meta").ok();
    let doc = env.show("prod/pay/key");
    assert_eq!(doc["owner"], "payments");
    assert_eq!(doc["description"], "Stripe live key");
    assert_eq!(doc["rotate_every"], "90d");
    assert_eq!(doc["expires"], "2031-06-30T00:00:00Z");
    assert_eq!(doc["tags"], json!({"env": "prod", "pci": "yes"}));
    assert_eq!(doc["readers"], json!(["alice"]));
    assert_eq!(doc["aliases"], json!({"current": 1}));
    let due = doc["rotation_due_in_seconds"].as_i64().unwrap();
    assert!((90 * 86_400 - 120..=90 * 86_400).contains(&due), "{due}");
    let version = &doc["versions"][0];
    assert_eq!(
        (&version["version"], &version["state"]),
        (&json!(1), &json!("active"))
    );
    assert_eq!(
        (&version["author"], &version["aliases"]),
        (&json!("alice"), &json!(["current"]))
    );
    assert_eq!(version["digest"].as_str().unwrap().len(), 64);
    // Expiry belongs to the version; the secret's is its current version's.
    assert_eq!(version["expires"], "2031-06-30T00:00:00Z");
    assert_eq!(version["readers"], json!(["alice"]));
    assert!(version["keyring"].as_str().unwrap().starts_with("k-"));

    env.alice(["create", "dev/tmp", "--expires", "30d"])
        .stdin("CANARY-d")
        .ok();
    let expires = env.show("dev/tmp")["expires"].as_str().unwrap().to_string();
    let expires = tresor::time::Timestamp::parse(&expires).unwrap();
    let in_30d = tresor::time::Timestamp::now().plus(std::time::Duration::from_secs(30 * 86_400));
    assert!(
        in_30d.seconds_since(expires).abs() < 120,
        "{expires} vs {in_30d}"
    );
}

#[test]
fn get_selects_a_version_or_an_alias() {
    let env = Env::with_versions("app/db");
    assert_eq!(env.get("app/db", &[]), b"CANARY-v2");
    assert_eq!(env.get("app/db", &["--version", "1"]), b"CANARY-v1");
    assert_eq!(env.get("app/db", &["--alias", "previous"]), b"CANARY-v1");
    assert_eq!(env.get("app/db", &["--alias", "current"]), b"CANARY-v2");
    let doc = env
        .alice(["get", "app/db", "--version", "1", "--json"])
        .ok()
        .json();
    assert_eq!(
        doc,
        json!({"name": "app/db", "version": 1, "value": "CANARY-v1"})
    );
}

#[test]
fn rotate_makes_a_new_current_or_stages_it_as_pending() {
    let env = Env::with_versions("app/db");
    assert_eq!(
        aliases(&env, "app/db"),
        json!({"current": 2, "previous": 1})
    );
    let out = env
        .alice(["rotate", "app/db", "--stage"])
        .stdin("CANARY-v3")
        .ok();
    assert!(
        out.stdout_text().contains("version 3 as pending"),
        "{}",
        out.stdout_text()
    );
    assert_eq!(
        aliases(&env, "app/db"),
        json!({"current": 2, "previous": 1, "pending": 3})
    );
    assert_eq!(
        env.get("app/db", &[]),
        b"CANARY-v2",
        "readers still get current"
    );
    assert_eq!(env.get("app/db", &["--alias", "pending"]), b"CANARY-v3");

    let out = env.alice(["promote", "app/db", "3", "--expect", "2"]).ok();
    assert_eq!(out.stdout_text(), "'app/db' current -> version 3.\n");
    assert_eq!(
        aliases(&env, "app/db"),
        json!({"current": 3, "previous": 2})
    );
    assert_eq!(env.get("app/db", &[]), b"CANARY-v3");

    env.alice(["rotate", "app/db", "--generate=40"]).ok();
    assert_eq!(env.get("app/db", &[]).len(), 40);
    assert_eq!(
        aliases(&env, "app/db"),
        json!({"current": 4, "previous": 3})
    );
}

#[test]
fn a_stale_expect_is_a_conflict_and_changes_nothing() {
    let env = Env::with_versions("app/db");
    let out = env.refuses(env.alice(["promote", "app/db", "1", "--expect", "1"]), 6);
    out.error_says(&["points at version 2, not version 1"]);
    let set = ["alias", "set", "app/db", "canary", "1", "--expect", "2"];
    env.refuses(env.alice(set), 6).error_says(&["nowhere"]);
}

#[test]
fn promote_moves_any_alias_and_rollback_swaps_current_and_previous() {
    let env = Env::with_versions("app/db");
    env.alice(["promote", "app/db", "1", "--alias", "canary"])
        .ok();
    assert_eq!(env.get("app/db", &["--alias", "canary"]), b"CANARY-v1");
    assert_eq!(aliases(&env, "app/db")["current"], 2, "only canary moved");

    let out = env.alice(["rollback", "app/db"]).ok();
    assert!(
        out.stdout_text()
            .contains("version 1 is current, version 2 is previous")
    );
    assert_eq!(env.get("app/db", &[]), b"CANARY-v1");
    env.alice(["rollback", "app/db"]).ok();
    assert_eq!(
        env.get("app/db", &[]),
        b"CANARY-v2",
        "a rollback can be undone"
    );
    assert_eq!(
        aliases(&env, "app/db"),
        json!({"canary": 1, "current": 2, "previous": 1})
    );
}

#[test]
fn alias_set_and_rm() {
    let env = Env::with_versions("app/db");
    env.alice(["alias", "set", "app/db", "canary", "1"]).ok();
    env.alice(["alias", "set", "app/db", "canary", "2", "--expect", "1"])
        .ok();
    assert_eq!(env.get("app/db", &["--alias", "canary"]), b"CANARY-v2");
    let out = env.alice(["alias", "rm", "app/db", "canary"]).ok();
    assert!(out.stdout_text().contains("it pointed at version 2"));
    assert_eq!(
        aliases(&env, "app/db"),
        json!({"current": 2, "previous": 1})
    );

    let rm_current = env.refuses(env.alice(["alias", "rm", "app/db", "current"]), 2);
    rm_current.error_says(&["cannot be removed"]);
    env.refuses(env.alice(["alias", "rm", "app/db", "canary"]), 3)
        .error();
}

#[test]
fn a_disabled_version_is_kept_but_not_served() {
    let env = Env::with_versions("app/db");
    // Version 2 is current: off a terminal, disabling it needs --yes.
    let out = env
        .alice(["disable", "app/db", "--version", "2", "--yes"])
        .ok();
    assert_eq!(
        out.stdout_text(),
        "Version 2 of 'app/db' is now disabled.\n"
    );
    assert_eq!(env.show("app/db")["versions"][1]["state"], "disabled");
    let get = env.refuses(env.alice(["get", "app/db"]), 3);
    get.error_says(&["disabled"]);
    assert!(
        holds_ciphertext(&version_line(&env, "app/db", 2)),
        "disabled keeps the ciphertext"
    );

    env.alice(["enable", "app/db", "--version", "2"]).ok();
    assert_eq!(env.get("app/db", &[]), b"CANARY-v2");
    assert_eq!(env.show("app/db")["versions"][1]["state"], "active");
}

#[test]
fn destroy_one_version_deletes_its_ciphertext() {
    let env = Env::with_versions("app/db");
    let out = env
        .alice(["destroy", "app/db", "--version", "1", "--yes"])
        .ok();
    assert!(
        out.stdout_text()
            .starts_with("Destroyed version 1 of 'app/db'")
    );
    assert!(!holds_ciphertext(&version_line(&env, "app/db", 1)));
    assert!(holds_ciphertext(&version_line(&env, "app/db", 2)));
    let get = env.refuses(env.alice(["get", "app/db", "--version", "1"]), 3);
    get.error_says(&["destroyed"]);
    assert_eq!(env.get("app/db", &[]), b"CANARY-v2");
    let versions = &env.show("app/db")["versions"];
    assert_eq!(
        (&versions[0]["state"], &versions[0]["digest"]),
        (&json!("destroyed"), &json!(null))
    );
    let enable = env.alice(["enable", "app/db", "--version", "1"]);
    env.refuses(enable, 3).error();
}

#[test]
fn destroy_all_deletes_every_ciphertext() {
    let env = Env::with_versions("app/db");
    env.alice(["destroy", "app/db", "--all", "--yes"]).ok();
    for version in [1, 2] {
        assert!(!holds_ciphertext(&version_line(&env, "app/db", version)));
    }
    let get = env.refuses(env.alice(["get", "app/db"]), 3);
    get.error_says(&["destroyed"]);
    env.alice(["rotate", "app/db"]).stdin("CANARY-v3").ok();
    assert_eq!(
        env.show("app/db")["aliases"]["current"],
        3,
        "numbers are never reused"
    );
}

#[test]
fn destroy_without_yes_off_a_terminal_is_refused() {
    let env = Env::with_versions("app/db");
    for which in [&["--version", "1"][..], &["--all"]] {
        let run = env.alice(["destroy", "app/db"]).args(which);
        env.refuses(run, 2).error_says(&["--yes"]);
    }
    assert_eq!(env.get("app/db", &["--version", "1"]), b"CANARY-v1");
}

#[test]
fn list_shows_the_inventory_with_a_prefix_filter() {
    let env = Env::with_vault();
    let owned = [
        "create",
        "prod/pay/key",
        "--owner",
        "payments",
        "--rotate-every",
        "90d",
    ];
    env.alice(owned).stdin("CANARY-a").ok();
    env.create("prod/db/pw", "CANARY-b");
    env.create("dev/db/pw", "CANARY-c");
    let text = env.tresor().arg("list").ok().stdout_text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("NAME") && lines[0].contains("ROTATION"),
        "{text}"
    );
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        names,
        ["dev/db/pw", "prod/db/pw", "prod/pay/key"],
        "sorted by name"
    );
    let pay = lines[3].split_whitespace().collect::<Vec<_>>();
    assert_eq!(pay[..3], ["prod/pay/key", "payments", "v1"]);
    assert!(lines[3].ends_with("in 90d"), "{}", lines[3]);

    let rows = env.json(&["list", "prod"]);
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["prod/db/pw", "prod/pay/key"]);
    assert_eq!(rows[1]["owner"], "payments");
    assert_eq!(
        (&rows[1]["current"], &rows[1]["versions"]),
        (&json!(1), &json!(1))
    );
    let rows = env.json(&["list", "prod/pay/"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(env.json(&["list", "staging"]), json!([]));
}

#[test]
fn show_prints_metadata_aliases_and_versions_for_people() {
    let env = Env::with_versions("app/db");
    let text = env.tresor().args(["show", "app/db"]).ok().stdout_text();
    assert!(
        text.starts_with("name:         app/db\nreaders:      alice\n"),
        "{text}"
    );
    assert!(
        text.contains("aliases:      current=v2 previous=v1\n"),
        "{text}"
    );
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip_while(|l| !l.starts_with("VERSION"))
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert_eq!(
        (rows[0][0], rows[0][1], rows[0][3], rows[0][5]),
        ("v2", "active", "alice", "current")
    );
    assert_eq!((rows[1][0], rows[1][5]), ("v1", "previous"));
}

#[test]
fn completions_are_the_committed_scripts() {
    let env = Env::new();
    let script = env.tresor().args(["completions", "bash"]).ok().stdout;
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/completions/tresor.bash"
    ));
    // Compared as text, so a stale script fails with a readable message, not bytes.
    let script = String::from_utf8(script).unwrap();
    assert!(
        script == String::from_utf8(committed.unwrap()).unwrap(),
        "completions/tresor.bash is stale; run `TRESOR_REGENERATE=1 cargo test docs`"
    );
    assert!(
        script.contains("-F _clap_complete_tresor tresor"),
        "{script}"
    );
}

#[test]
fn quiet_silences_confirmations_and_json_describes_them() {
    let env = Env::with_vault();
    let quiet = env
        .alice(["create", "app/q", "--quiet"])
        .stdin("CANARY-q")
        .ok();
    assert!(quiet.stdout.is_empty() && quiet.stderr.is_empty());
    let doc = env
        .alice(["rotate", "app/q", "--generate", "--stage", "--json"])
        .ok()
        .json();
    assert_eq!(
        doc,
        json!({"name": "app/q", "version": 2, "alias": "pending"})
    );
}

/// The sections of every secret but `name` (each its table, its versions one line
/// each), as the vault file holds them.
fn sections_of_others(env: &Env, name: &str) -> Vec<String> {
    let vault = env.read_vault();
    let own = format!("[secrets.\"{name}\"");
    vault
        .split("\n\n[secrets.")
        .skip(1)
        .filter(|table| !format!("[secrets.{table}").starts_with(&own))
        .map(|table| table.trim_end().to_string())
        .collect()
}

#[test]
fn a_change_to_one_secret_leaves_the_others_byte_for_byte() {
    let env = Env::with_vault();
    let names: Vec<String> = (0..12).map(|i| format!("app/s{i:02}")).collect();
    for name in &names {
        env.create(name, &format!("CANARY-{name}"));
    }
    let target = "app/s05";
    let before = sections_of_others(&env, target);
    env.rotate(target, "CANARY-new");
    env.alice(["promote", target, "1"]).ok();
    env.alice(["disable", target, "--version", "2"]).ok();
    env.alice(["alias", "set", target, "blue", "1"]).ok();
    assert_eq!(sections_of_others(&env, target), before);
    assert_eq!(env.get(target, &[]), b"CANARY-app/s05");
    for name in &names {
        assert_eq!(env.get(name, &[]), format!("CANARY-{name}").as_bytes());
    }
    env.alice(["audit", "verify"]).ok();

    // A full rewrite (a new secret) writes the others' sections as they are: the ones
    // copied were exactly what tresor writes.
    let all = sections_of_others(&env, "app/zz");
    assert_eq!(all.len(), names.len(), "one section per secret");
    env.create("app/zz", "CANARY-zz");
    assert_eq!(sections_of_others(&env, "app/zz"), all);
}

#[test]
fn a_change_to_one_secret_does_not_launder_tampering_with_another() {
    let env = Env::with_vault();
    for name in ["app/a", "app/b", "app/c"] {
        env.create(name, &format!("CANARY-{name}"));
    }
    let authentic = env.read_vault();
    // Swap app/c's ciphertext for app/a's: only app/c's signed record can tell.
    let value_of = |name: &str| version_entry(&authentic, name, 1, "value");
    let (a, c) = (value_of("app/a"), value_of("app/c"));
    std::fs::write(env.vault(), authentic.replace(&c, &a)).unwrap();
    env.refuses(env.alice(["get", "app/c"]), 5)
        .error_says(&["'app/c'"]);

    // A write elsewhere does not rely on app/c, so it goes through; it copies app/c's
    // section as it found it and signs nothing of it, so the tampering stays visible.
    env.rotate("app/b", "CANARY-b2");
    assert_eq!(env.get("app/b", &[]), b"CANARY-b2");
    assert_eq!(env.get("app/a", &[]), b"CANARY-app/a");
    let out = env.refuses(env.alice(["get", "app/c"]), 5);
    assert!(
        !out.stdout_text().contains("CANARY"),
        "no plaintext on a failed read"
    );
    out.error_says(&["'app/c'"]);
    env.refuses(env.alice(["check"]), 5)
        .error_says(&["'app/c'"]);
    let log = env.read_log();
    let last = log.lines().last().unwrap();
    assert!(
        !last.contains("app/c"),
        "the write signed over app/c: {last}"
    );
}

#[test]
fn a_large_vault_reads_and_changes_like_a_small_one() {
    let env = Env::with_vault();
    // Some 3,500 secrets, over a megabyte of vault.
    let count = 3_500;
    let lines: String = (0..count)
        .map(|i| format!("KEY_{i:05}=CANARY-{i:05}\n"))
        .collect();
    std::fs::write(env.path("big.env"), lines).unwrap();
    env.alice(["import", "dotenv", "big.env", "--prefix", "big"])
        .ok();
    assert!(std::fs::metadata(env.vault()).unwrap().len() > 1024 * 1024);
    let name = |i: usize| format!("big/key-{i:05}");
    for i in [0, 1, count / 2, count / 2 + 1, count - 1] {
        assert_eq!(env.get(&name(i), &[]), format!("CANARY-{i:05}").as_bytes());
    }
    env.rotate(&name(count * 3 / 4), "CANARY-new");
    assert_eq!(env.get(&name(count * 3 / 4), &[]), b"CANARY-new");
    assert_eq!(
        env.get(&name(count - 1), &[]),
        format!("CANARY-{:05}", count - 1).as_bytes()
    );
    env.alice(["audit", "verify"]).ok();

    // A secret deleted near the end is caught by every command that relies on it:
    // its last signed change names it. A read of another secret does not rely on it.
    let vault = env.read_vault();
    let start = vault
        .find(&format!("\n[secrets.\"{}\"]", name(count - 2)))
        .unwrap();
    let end = vault
        .find(&format!("\n[secrets.\"{}\"]", name(count - 1)))
        .unwrap();
    env.write_vault(&format!("{}{}", &vault[..start], &vault[end..]));
    for args in [
        vec!["get", &name(count - 2)],
        vec!["list"],
        vec!["check"],
        vec!["export", "big"],
    ] {
        let out = env.refuses(env.alice(args), 5);
        out.error_says(&[&format!("'{}'", name(count - 2))]);
    }
    assert_eq!(env.get(&name(1), &[]), b"CANARY-00001");
}
