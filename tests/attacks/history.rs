//! Whole states swapped: a vault of the attacker's own under the victim's id, and an
//! older authentic vault (with or without its older log) put back.

use super::{PROD, keys_of, refused, team};
use crate::support::Env;
use tresor::audit::{AuditEvent, EventRef};

/// `log` with every line's `prev` recomputed after an edit, as an attacker would.
pub fn rechained(log: &str) -> String {
    let mut prev = tresor::audit::GENESIS_PREV.to_string();
    let mut out = String::new();
    for line in log.lines() {
        let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
        value["prev"] = serde_json::json!(prev);
        let text = serde_json::to_string(&value).unwrap();
        prev = tresor::audit::hash_line(text.as_bytes());
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// Every command a CI job or a reader runs, refused.
fn readers_refuse(env: &Env, extra: &[(&str, &str)]) {
    for args in [
        &["get", "prod/db/password"][..],
        &["check"],
        &["list"],
        &["audit", "verify"],
    ] {
        let mut run = env.alice(args);
        for (key, value) in extra {
            run = run.env(key, value);
        }
        refused(env, run);
    }
    let mut rotate = env
        .alice(["rotate", "prod/db/password"])
        .stdin("canary-new");
    let mut run = env.alice([
        "run",
        "-e",
        "X=prod/db/password",
        "--",
        "sh",
        "-c",
        "echo started",
    ]);
    for (key, value) in extra {
        rotate = rotate.env(key, value);
        run = run.env(key, value);
    }
    refused(env, rotate);
    refused(env, run);
}

#[test]
fn a_vault_of_the_attackers_own_under_the_same_id_is_refused_where_its_root_is_known() {
    let env = team();
    let root = env.alice(["trust", "show", "--json"]).ok().json()["root"]
        .as_str()
        .unwrap()
        .to_string();
    let victim = super::forge::vault(&env);
    // Mallory's own vault, consistent and signed by her, under the victim's id.
    let mallory = super::forge::identity(&env, "mallory.key");
    let admin: tresor::vault::PrincipalName = "alice".parse().unwrap();
    let mut trust = victim.trust.clone();
    trust.principals.get_mut(&admin).unwrap().signing = Some(mallory.signing_key().public());
    trust.principals.get_mut(&admin).unwrap().recipient = mallory.recipient().to_string();
    let forged_root = tresor::trust::new_root(&victim.id, &admin, &mallory);
    let mut event = AuditEvent::new("init", Some("alice"));
    event.vault = Some(victim.id.clone());
    event.root = Some(tresor::vault::digest::root_fingerprint(
        &victim.id,
        &forged_root,
    ));
    event.trust = Some(tresor::trust::document::to_document(&trust));
    std::fs::remove_file(env.audit_log()).unwrap();
    let head =
        tresor::audit::create(&env.audit_log(), event, Some(&mallory.signing_key())).unwrap();
    let forged = tresor::vault::Vault {
        root: forged_root,
        head,
        trust,
        keyrings: Default::default(),
        grants: Default::default(),
        requests: Default::default(),
        secrets: Default::default(),
        ..victim
    };
    super::forge::save(&env, &forged);
    // This machine opened the vault before: every command refuses.
    readers_refuse(&env, &[]);
    // A fresh machine (a CI runner) with the root pinned by TRESOR_EXPECT_ROOT refuses too.
    let fresh = [
        ("XDG_DATA_HOME", "fresh-data"),
        ("TRESOR_EXPECT_ROOT", root.as_str()),
    ];
    std::fs::create_dir_all(env.path("fresh-data")).unwrap();
    readers_refuse(&env, &fresh);
    let out = refused(
        &env,
        env.alice(["list"])
            .env("XDG_DATA_HOME", env.path("fresh-data"))
            .env("TRESOR_EXPECT_ROOT", &root),
    );
    out.error_says(&["root"]);
}

#[test]
fn an_older_vault_put_back_is_refused_where_a_newer_one_was_seen() {
    let env = team();
    let old_vault = env.read_vault();
    let old_log = env.read_log();
    env.alice(["rotate", "prod/db/password"])
        .stdin("canary-prod-v2")
        .ok();
    env.alice(["destroy", "prod/db/password", "--version", "1", "--yes"])
        .ok();
    let new_head = env
        .alice(["audit", "head"])
        .ok()
        .stdout_text()
        .trim()
        .to_string();
    // The older vault alone (as `git checkout` of the file would), then with its log.
    env.write_vault(&old_vault);
    readers_refuse(&env, &[]);
    env.write_log(&old_log);
    readers_refuse(&env, &[]);
    // In CI, on a machine that never saw this vault: the pinned head catches it.
    std::fs::create_dir_all(env.path("ci-data")).unwrap();
    refused(
        &env,
        env.alice(["audit", "verify", "--expect-head", &new_head])
            .env("XDG_DATA_HOME", env.path("ci-data")),
    );
    // A fresh clone without a pin cannot tell, and says so only through the head.
    let old = env
        .alice(["get", "prod/db/password", "--version", "1"])
        .env("XDG_DATA_HOME", env.path("ci-data"))
        .ok();
    assert_eq!(old.stdout, PROD.as_bytes());
    let _ = EventRef::genesis();
    keys_of(&env, "zed");
}
