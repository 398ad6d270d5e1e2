//! After the first week (DESIGN.md section 10): references as `run` and `inject` take
//! them, accepted by `get`; metadata changed after `create` with `meta`, and the `check`
//! findings it clears.

use crate::support::Env;

fn vault_with_versions() -> Env {
    let env = Env::with_vault();
    env.create("app/db", "CANARY-v1");
    env.rotate("app/db", "CANARY-v2");
    env
}

#[test]
fn get_takes_every_reference_form_run_and_inject_take() {
    let env = vault_with_versions();
    for (reference, value) in [
        ("app/db", "CANARY-v2"),
        ("app/db@1", "CANARY-v1"),
        ("app/db#previous", "CANARY-v1"),
        ("app/db#current", "CANARY-v2"),
        ("tresor://app/db", "CANARY-v2"),
        ("tresor://app/db@1", "CANARY-v1"),
        ("tresor://app/db#previous", "CANARY-v1"),
    ] {
        assert_eq!(env.get(reference, &[]), value.as_bytes(), "{reference}");
    }
    // A reference that names a version, and a flag that names another: which one?
    env.alice(["get", "app/db@1", "--version", "2"])
        .fails_closed(2)
        .error_says(&["not both"]);
    for bad in ["app/db@0", "app/db@x", "app/db#", "tresor://", "app//db"] {
        env.alice(["get", bad]).fails_closed(2);
    }
    env.alice(["get", "app/db@7"]).fails_closed(3);
}

#[test]
fn meta_changes_metadata_and_clears_what_check_found() {
    let env = Env::with_vault();
    env.create("app/db", "CANARY-v1");
    let check = env.tresor().args(["check", "--json"]).fails(8).json();
    let finding = &check["findings"][0];
    assert_eq!(finding["kind"], "no-owner");
    let says = finding["detail"].as_str().unwrap();
    assert!(says.contains("tresor meta app/db --owner"), "{says}");
    // The command the finding names clears it.
    env.alice([
        "meta",
        "app/db",
        "--owner",
        "payments",
        "--rotate-every",
        "90d",
        "--tag",
        "tier=1",
    ])
    .ok();
    env.tresor().args(["check"]).ok();
    let shown = env.show("app/db");
    assert_eq!(shown["owner"], "payments");
    assert_eq!(shown["rotate_every"], "90d");
    assert_eq!(shown["tags"]["tier"], "1");
    // An expiry belongs to the current version; a past one is refused.
    env.alice(["meta", "app/db", "--expires", "2020-01-01T00:00:00Z"])
        .fails_closed(2);
    env.alice(["meta", "app/db", "--expires", "3d"]).ok();
    let check = env.tresor().args(["check", "--json"]).fails(8).json();
    assert_eq!(check["findings"][0]["kind"], "expiring", "{check}");
    env.alice([
        "meta",
        "app/db",
        "--no-expiry",
        "--no-rotate",
        "--untag",
        "tier",
    ])
    .ok();
    let shown = env.show("app/db");
    assert!(shown["expires"].is_null() && shown["rotate_every"].is_null());
    assert!(shown["tags"].as_object().unwrap().is_empty());
    env.tresor().args(["check"]).ok();
    // Each change is one signed write; nothing to change is a usage error.
    let metas = env
        .audit_events()
        .into_iter()
        .filter(|e| e["event"] == "meta" && e["sig"].is_string())
        .count();
    assert_eq!(metas, 3);
    env.alice(["meta", "app/db"]).fails_closed(2);
    env.alice(["meta", "app/db", "--owner", " "])
        .fails_closed(2)
        .error_says(&["owner"]);
    env.alice(["create", "app/other", "--owner", ""])
        .stdin("CANARY-x")
        .fails_closed(2);
    env.alice(["meta", "app/none", "--owner", "x"])
        .fails_closed(3);
}

#[test]
fn meta_needs_the_right_to_rotate_and_a_denial_is_recorded() {
    let env = Env::with_vault();
    env.create("app/db", "CANARY-v1");
    env.admit("bob");
    env.grant("bob", "read", "app/**");
    let before = env.snapshot();
    env.as_("bob.key")
        .args(["meta", "app/db", "--owner", "bob"])
        .fails_closed(4);
    env.assert_unchanged(&before);
    assert!(
        env.reads_of("deny")
            .iter()
            .any(|e| e["principal"] == "bob" && e["secret"] == "app/db"),
        "the denial is in the read log"
    );
    env.grant("bob", "rotate", "app/**");
    env.as_("bob.key")
        .args(["meta", "app/db", "--owner", "bob"])
        .ok();
    assert_eq!(env.show("app/db")["owner"], "bob");
}

#[test]
fn delete_frees_the_name_and_a_new_create_starts_over() {
    let env = vault_with_versions();
    env.alice(["destroy", "app/db", "--all", "--yes"]).ok();
    let check = env.tresor().args(["check", "--json"]).fails(8).json();
    let finding = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "all-destroyed")
        .unwrap_or_else(|| panic!("{check}"));
    assert!(
        finding["detail"]
            .as_str()
            .unwrap()
            .contains("tresor delete app/db")
    );
    // Off a terminal, nothing happens without --yes.
    let before = env.snapshot();
    env.alice(["delete", "app/db"])
        .fails_closed(2)
        .error_says(&["--yes"]);
    env.assert_unchanged(&before);
    env.alice(["delete", "app/db", "--yes"]).ok();
    env.tresor().args(["check"]).ok();
    env.alice(["show", "app/db"]).fails_closed(3);
    assert!(env.json(&["list"]).as_array().unwrap().is_empty());
    env.create("app/db", "CANARY-new");
    assert_eq!(env.get("app/db", &[]), b"CANARY-new");
    assert_eq!(env.show("app/db")["versions"].as_array().unwrap().len(), 1);
    let events: Vec<String> = env
        .audit_events()
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_string())
        .collect();
    assert!(
        events.ends_with(&["destroy".into(), "delete".into(), "create".into()]),
        "{events:?}"
    );
    env.alice(["audit", "verify"]).ok();
    // Only who may destroy there may delete.
    env.admit("bob");
    env.grant("bob", "rotate", "app/**");
    env.as_("bob.key")
        .args(["delete", "app/db", "--yes"])
        .fails_closed(4);
    assert_eq!(env.get("app/db", &[]), b"CANARY-new");
}

#[test]
fn rename_keeps_every_version_under_the_new_name_and_none_under_the_old() {
    let env = vault_with_versions();
    env.alice(["meta", "app/db", "--owner", "payments"]).ok();
    env.alice(["alias", "set", "app/db", "canary", "1"]).ok();
    env.alice(["rename", "app/db", "app/database"]).ok();
    assert_eq!(env.get("app/database", &[]), b"CANARY-v2");
    assert_eq!(env.get("app/database@1", &[]), b"CANARY-v1");
    assert_eq!(env.get("app/database#canary", &[]), b"CANARY-v1");
    assert_eq!(env.show("app/database")["owner"], "payments");
    env.alice(["get", "app/db"]).fails_closed(3);
    // The old name is free again, and the rename is one signed event naming both.
    env.create("app/db", "CANARY-again");
    let renames: Vec<serde_json::Value> = env
        .audit_events()
        .into_iter()
        .filter(|e| e["event"] == "rename")
        .collect();
    assert_eq!(renames.len(), 1);
    assert_eq!(renames[0]["secret"], "app/db");
    assert_eq!(renames[0]["target"], "app/database");
    env.alice(["audit", "verify"]).ok();
    // Re-sealing needs the values: a principal that may write but not read cannot.
    env.admit("carol");
    env.grant("carol", "create", "app/**");
    env.grant("carol", "destroy", "app/**");
    let before = env.snapshot();
    env.as_("carol.key")
        .args(["rename", "app/database", "app/other"])
        .fails_closed(4);
    env.assert_unchanged(&before);
    env.alice(["rename", "app/database", "app/db"])
        .fails_closed(1);
    env.alice(["rename", "app/database", "app/database"])
        .fails_closed(2);
}

#[test]
fn destroying_or_disabling_current_says_so_and_needs_yes_off_a_terminal() {
    let env = vault_with_versions();
    let before = env.snapshot();
    // Not current: disabling needs no confirmation; current: it does, naming the fix.
    for args in [
        &["disable", "app/db", "--version", "2"][..],
        &["destroy", "app/db", "--version", "2"],
    ] {
        env.alice(args).fails_closed(2).error_says(&[
            "current",
            "nothing is served",
            "tresor promote app/db 1",
            "--yes",
        ]);
        env.assert_unchanged(&before);
    }
    env.alice(["disable", "app/db", "--version", "1"]).ok();
    env.alice(["enable", "app/db", "--version", "1"]).ok();
    env.tresor().args(["check", "--ignore", "no-owner"]).ok();
    // With --yes it is done, and said; check then reports it until it is served again.
    let out = env
        .alice(["disable", "app/db", "--version", "2", "--yes"])
        .ok();
    assert!(
        out.stderr.contains("Nothing is served for 'app/db'"),
        "{}",
        out.stderr
    );
    env.alice(["get", "app/db"]).fails_closed(3);
    let check = env
        .tresor()
        .args(["check", "--json", "--ignore", "no-owner"])
        .fails(8)
        .json();
    assert_eq!(check["findings"][0]["kind"], "unserved", "{check}");
    let detail = check["findings"][0]["detail"].as_str().unwrap();
    assert!(detail.contains("`tresor promote app/db 1`"), "{detail}");
    env.alice(["promote", "app/db", "1"]).ok();
    env.tresor().args(["check", "--ignore", "no-owner"]).ok();
    // Destroying the current version, with --yes, warns; a rotation serves it again.
    env.alice(["promote", "app/db", "2"]).fails(3);
    env.alice(["enable", "app/db", "--version", "2"]).ok();
    env.alice(["promote", "app/db", "2"]).ok();
    env.alice(["destroy", "app/db", "--version", "1", "--yes"])
        .ok();
    let out = env
        .alice(["destroy", "app/db", "--version", "2", "--yes"])
        .ok();
    assert!(
        out.stderr.contains("`tresor rotate app/db`"),
        "{}",
        out.stderr
    );
    let check = env.tresor().args(["check", "--json"]).fails(8).json();
    assert_eq!(check["findings"][0]["kind"], "all-destroyed", "{check}");
    env.rotate("app/db", "CANARY-v3");
    env.tresor().args(["check", "--ignore", "no-owner"]).ok();
}

#[test]
fn a_typo_gets_a_suggestion_and_a_prefix_that_matches_nothing_says_so() {
    let env = vault_with_versions();
    env.alice(["get", "app/bd"])
        .fails_closed(3)
        .error_says(&["No secret named 'app/bd'", "did you mean 'app/db'?"]);
    let out = env.alice(["show", "app/nope"]).fails_closed(3);
    assert!(!out.stderr.contains("did you mean"), "{}", out.stderr);
    let out = env.tresor().args(["list", "nomatch"]).ok();
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr
            .contains("No secret is named 'nomatch' or under it")
            && !out.stderr.contains("No secrets yet"),
        "{}",
        out.stderr
    );
    let out = env.tresor().args(["list", "ap"]).ok();
    assert!(out.stderr.contains("did you mean 'app'?"), "{}", out.stderr);
    let empty = Env::with_vault();
    let out = empty.tresor().args(["list", "app"]).ok();
    assert!(out.stderr.contains("No secrets yet"), "{}", out.stderr);
}
