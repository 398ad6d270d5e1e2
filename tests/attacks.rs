//! DESIGN.md section 9, played from the attacker's side against the real binary: each
//! forged file is built the way an attacker would (the format's public description,
//! the project's library, keys of their own, or the key of a principal with fewer
//! rights), and the victim's command must refuse with exit 5, print nothing, and wrap
//! nothing to anyone. Decryption claims are checked with the real `age`.

use crate::support::{Env, Outcome};
use tresor::crypto::sign::Domain;
use tresor::policy::Action;
use tresor::vault::digest::RecordKey;

mod forge;
mod history;
mod keys;
mod readers;

pub const TEAM_POLICY: &str = r#"[groups]
admins = ["alice"]

[[rule]]
who = ["group:admins"]
can = ["*"]
on = ["**"]

[[rule]]
who = ["bob"]
can = ["read", "rotate"]
on = ["dev/**"]

[[rule]]
who = ["carol"]
can = ["create", "rotate"]
on = ["prod/**"]
"#;

pub const PROD: &str = "canary-prod-db-41a7";
pub const DEV: &str = "canary-dev-token-0b2c";
pub const PLANTED: &str = "canary-planted-9e11";

/// A new identity `NAME.key`: its recipient and signing key, as `identity show` prints them.
pub fn keys_of(env: &Env, name: &str) -> (String, String) {
    if !env.path(&format!("{name}.key")).exists() {
        env.identity(name);
    }
    let shown = env
        .as_(&format!("{name}.key"))
        .args(["identity", "show"])
        .ok();
    let text = shown.stdout_text();
    let mut lines = text.lines();
    let recipient = lines
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let signing = lines
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    (recipient, signing)
}

/// Alice administers; bob reads and rotates dev/**; carol creates and rotates prod/**
/// without reading it; mallory holds a key of her own and nothing else.
pub fn team() -> Env {
    let env = Env::with_vault();
    for name in ["bob", "carol"] {
        let (recipient, signing) = keys_of(&env, name);
        env.alice(["recipient", "add", name, &recipient, &signing])
            .ok();
    }
    keys_of(&env, "mallory");
    std::fs::write(env.path("team-policy.toml"), TEAM_POLICY).unwrap();
    env.alice(["policy", "set", "team-policy.toml"]).ok();
    env.create("prod/db/password", PROD);
    env.create("dev/app/token", DEV);
    env
}

/// Runs `run` and insists on exit 5 with nothing on stdout, and the vault and log as
/// they were.
pub fn refused(env: &Env, run: crate::support::Run) -> Outcome {
    let before = env.snapshot();
    let outcome = run.fails_closed(5);
    eprintln!("refused: {}", outcome.stderr.trim());
    env.assert_unchanged(&before);
    outcome.assert_discloses_none(&[PROD, DEV, PLANTED]);
    outcome
}

/// Every command a reader or an admin relies on the vault with, as alice, when what
/// was forged is the head (principals, keyrings, grants) or the record of
/// prod/db/password: a command that reads only another secret does not rely on it.
pub fn every_command_refuses(env: &Env) {
    for args in [
        &["get", "prod/db/password"][..],
        &["list"],
        &["show", "prod/db/password"],
        &["check"],
        &["audit", "verify"],
        &["export", "prod"],
    ] {
        refused(env, env.alice(args));
    }
    refused(
        env,
        env.alice(["rotate", "prod/db/password"])
            .stdin("canary-new"),
    );
    refused(
        env,
        env.alice([
            "run",
            "-e",
            "X=prod/db/password",
            "--",
            "sh",
            "-c",
            "echo started",
        ]),
    );
    let (recipient, signing) = keys_of(env, "dave");
    refused(
        env,
        env.alice(["recipient", "add", "dave", &recipient, &signing]),
    );
    refused(env, env.alice(["policy", "set", "team-policy.toml"]));
}

#[test]
fn a_planted_value_under_a_keyring_of_the_attackers_is_refused() {
    let env = team();
    let mut vault = forge::vault(&env);
    // Mallory's keyring, wrapped to every principal's public key from the file.
    let readers = vault.trust.principals.keys().cloned().collect();
    let recipients = vault
        .trust
        .principals
        .iter()
        .map(|(n, p)| (n.clone(), p.recipient.clone()))
        .collect();
    let (name, keyring, _) =
        tresor::vault::seal::new_keyring(&readers, &recipients, &forge::principal("alice"))
            .unwrap();
    vault.keyrings.insert(name.clone(), keyring.clone());
    let secret_name = "prod/db/password".parse().unwrap();
    forge::plant(&mut vault, &secret_name, &name, "alice", PLANTED);
    forge::save(&env, &vault);
    every_command_refuses(&env);

    // The same, with an audit line in alice's name signed by mallory's key.
    let mallory = forge::signing_key(&env, "mallory.key");
    let planted = forge_keyring(&vault);
    forge::sign_write(
        &env,
        &mut vault,
        "alice",
        &mallory,
        &[
            (RecordKey::keyring(&planted), Action::Admin),
            (RecordKey::secret(&secret_name), Action::Admin),
        ],
        false,
    );
    every_command_refuses(&env);
}

fn forge_keyring(vault: &tresor::vault::Vault) -> tresor::vault::KeyringName {
    vault
        .keyrings
        .iter()
        .find(|(_, k)| k.readers.len() == 3)
        .map(|(name, _)| name.clone())
        .unwrap()
}

#[test]
fn an_outsider_added_in_the_file_is_never_wrapped_a_key() {
    let env = team();
    let mut vault = forge::vault(&env);
    let (recipient, signing) = {
        let shown = env
            .as_("mallory.key")
            .args(["identity", "show"])
            .ok()
            .stdout_text();
        let mut lines = shown.lines();
        (
            lines
                .next()
                .unwrap()
                .split('\t')
                .next()
                .unwrap()
                .to_string(),
            lines
                .next()
                .unwrap()
                .split('\t')
                .next()
                .unwrap()
                .to_string(),
        )
    };
    vault.trust.principals.insert(
        forge::principal("mallory"),
        tresor::vault::Principal {
            recipient,
            signing: Some(signing.parse().unwrap()),
            added: tresor::time::Timestamp::now(),
        },
    );
    vault
        .trust
        .policy
        .groups
        .get_mut("admins")
        .unwrap()
        .push(forge::principal("mallory"));
    let log = env.read_log();
    forge::save(&env, &vault);
    every_command_refuses(&env);
    // The trust change signed by mallory herself, in her own name and in alice's.
    for actor in ["mallory", "alice"] {
        let mut forged = vault.clone();
        forge::sign_write(
            &env,
            &mut forged,
            actor,
            &forge::signing_key(&env, "mallory.key"),
            &[],
            true,
        );
        every_command_refuses(&env);
        env.write_log(&log);
    }
    // Nothing in the file opens with mallory's key.
    for (keyring, reader, wrap) in forge::wraps(&forge::vault(&env)) {
        assert!(
            !forge::age_opens(&env, "mallory.key", &wrap),
            "{keyring} for {reader}"
        );
    }
}

/// A change of the trust state a principal makes to itself.
type Widen = dyn Fn(&mut tresor::vault::Vault);

#[test]
fn a_principal_with_fewer_rights_cannot_widen_them_with_its_own_key() {
    let env = team();
    let bob = forge::signing_key(&env, "bob.key");
    let carol = forge::signing_key(&env, "carol.key");
    let original_vault = env.read_vault();
    let original_log = env.read_log();
    let restore = |env: &Env| {
        env.write_vault(&original_vault);
        env.write_log(&original_log);
    };
    // bob makes himself an admin; carol (write-only) gives herself read on prod/**;
    // bob opens himself a break-glass scope.
    let escalations: Vec<(&str, &tresor::crypto::sign::SigningKey, Box<Widen>)> = vec![
        (
            "bob",
            &bob,
            Box::new(|v| {
                v.trust
                    .policy
                    .groups
                    .get_mut("admins")
                    .unwrap()
                    .push(forge::principal("bob"))
            }),
        ),
        (
            "carol",
            &carol,
            Box::new(|v| {
                let text = format!(
                    "{}\n[[rule]]\nwho = [\"carol\"]\ncan = [\"read\"]\non = [\"prod/**\"]\n",
                    TEAM_POLICY
                );
                let names: Vec<_> = v.trust.principals.keys().cloned().collect();
                v.trust.policy = tresor::policy::document::parse(&text, &names).unwrap();
            }),
        ),
        (
            "bob",
            &bob,
            Box::new(|v| {
                let text = format!(
                    "{}\n[break_glass]\nwho = [\"bob\"]\non = [\"**\"]\nmax_duration = \"1h\"\n",
                    TEAM_POLICY
                );
                let names: Vec<_> = v.trust.principals.keys().cloned().collect();
                v.trust.policy = tresor::policy::document::parse(&text, &names).unwrap();
            }),
        ),
    ];
    for (actor, key, change) in escalations {
        let mut vault = forge::vault(&env);
        change(&mut vault);
        forge::sign_write(&env, &mut vault, actor, key, &[], true);
        every_command_refuses(&env);
        refused(
            &env,
            env.as_(&format!("{actor}.key"))
                .args(["get", "prod/db/password"]),
        );
        restore(&env);
    }
    // bob rotates a prod secret (not his path) with a value of his own.
    let mut vault = forge::vault(&env);
    let name: tresor::vault::SecretName = "prod/db/password".parse().unwrap();
    let keyring = vault.secrets[&name].versions[&1]
        .sealed
        .clone()
        .unwrap()
        .keyring;
    forge::plant(&mut vault, &name, &keyring, "bob", PLANTED);
    forge::sign_write(
        &env,
        &mut vault,
        "bob",
        &bob,
        &[(RecordKey::secret(&name), Action::Rotate)],
        false,
    );
    every_command_refuses(&env);
    restore(&env);
    // The same value, the change hidden behind a change bob may make.
    let mut vault = forge::vault(&env);
    forge::plant(&mut vault, &name, &keyring, "bob", PLANTED);
    let dev: tresor::vault::SecretName = "dev/app/token".parse().unwrap();
    vault.secrets.get_mut(&dev).unwrap().metadata.owner = Some("bob".into());
    forge::sign_write(
        &env,
        &mut vault,
        "bob",
        &bob,
        &[(RecordKey::secret(&dev), Action::Rotate)],
        false,
    );
    every_command_refuses(&env);
    restore(&env);
    // After all that, the vault is whole again and nothing was granted.
    assert_eq!(env.get("prod/db/password", &[]), PROD.as_bytes());
    env.as_("bob.key")
        .args(["get", "prod/db/password"])
        .fails_closed(4);
}

#[test]
fn an_older_copy_of_another_paths_record_put_back_is_refused() {
    let env = team();
    let before = forge::vault(&env);
    env.alice(["rotate", "prod/db/password"])
        .stdin("canary-prod-v2")
        .ok();
    env.alice(["destroy", "prod/db/password", "--version", "1", "--yes"])
        .ok();
    // bob puts back the record from before the destroy, and signs a change of his own path.
    let mut vault = forge::vault(&env);
    let name: tresor::vault::SecretName = "prod/db/password".parse().unwrap();
    vault
        .secrets
        .insert(name.clone(), before.secrets[&name].clone());
    let dev: tresor::vault::SecretName = "dev/app/token".parse().unwrap();
    vault.secrets.get_mut(&dev).unwrap().metadata.description = Some("bob was here".into());
    forge::sign_write(
        &env,
        &mut vault,
        "bob",
        &forge::signing_key(&env, "bob.key"),
        &[(RecordKey::secret(&dev), Action::Rotate)],
        false,
    );
    every_command_refuses(&env);
}

#[test]
fn forged_audit_lines_are_caught_by_audit_verify() {
    let env = team();
    let original = env.read_log();
    let mallory = forge::signing_key(&env, "mallory.key");
    // A line in alice's name signed by mallory; a line without a signature; an edited
    // line with the chain recomputed after it.
    let mut log = tresor::audit::AuditLog::open(&env.audit_log()).unwrap();
    log.append(
        tresor::audit::AuditEvent::new("read", Some("alice")).secret("prod/db/password"),
        Some(&mallory),
    )
    .unwrap();
    refused(&env, env.alice(["audit", "verify"]));
    env.write_log(&original);
    let mut log = tresor::audit::AuditLog::open(&env.audit_log()).unwrap();
    log.append(
        tresor::audit::AuditEvent::new("destroy", Some("bob")).secret("prod/db/password"),
        None,
    )
    .unwrap();
    refused(&env, env.alice(["audit", "verify"]));
    env.write_log(&original);
    let edited = history::rechained(&original.replacen(
        "\"principal\":\"alice\"",
        "\"principal\":\"bob\"",
        2,
    ));
    env.write_log(&edited);
    refused(&env, env.alice(["audit", "verify"]));
    env.write_log(&original);
    env.alice(["audit", "verify"]).ok();
}

#[test]
fn a_join_request_swapped_after_review_is_refused() {
    let env = team();
    keys_of(&env, "eve");
    let request = env
        .as_("eve.key")
        .args(["recipient", "request", "eve", "--json"])
        .ok()
        .json();
    let reviewed = request["fingerprint"].as_str().unwrap().to_string();
    let genuine = env.read_vault();
    // Mallory swaps in her own key, with a request signature of her own.
    let mut vault = forge::vault(&env);
    let eve = forge::principal("eve");
    let mallory = forge::identity(&env, "mallory.key");
    let swapped = vault.requests.get_mut(&eve).unwrap();
    swapped.recipient = mallory.recipient().to_string();
    swapped.signing = mallory.signing_key().public();
    let encoding = tresor::vault::digest::request_encoding(&vault.id, &eve, swapped);
    swapped.sig = mallory
        .signing_key()
        .sign(Domain::Request, encoding.as_bytes());
    forge::save(&env, &vault);
    refused(&env, env.alice(["recipient", "approve", "eve", &reviewed]));
    // Only the recipient swapped, eve's key and signature kept.
    env.write_vault(&genuine);
    let mut vault = forge::vault(&env);
    vault.requests.get_mut(&eve).unwrap().recipient = mallory.recipient().to_string();
    forge::save(&env, &vault);
    refused(&env, env.alice(["recipient", "approve", "eve", &reviewed]));
    // The genuine request, approved by the fingerprint reviewed, admits eve.
    env.write_vault(&genuine);
    env.alice(["recipient", "approve", "eve", &reviewed]).ok();
    for (_, _, wrap) in forge::wraps(&forge::vault(&env)) {
        assert!(!forge::age_opens(&env, "mallory.key", &wrap));
    }
}

#[test]
fn check_list_and_show_verify_a_tampered_file_with_no_identity() {
    let env = team();
    let mut vault = forge::vault(&env);
    let name: tresor::vault::SecretName = "prod/db/password".parse().unwrap();
    vault.secrets.get_mut(&name).unwrap().metadata.owner = Some("mallory".into());
    forge::save(&env, &vault);
    for args in [
        &["check"][..],
        &["list"],
        &["show", "prod/db/password"],
        &["audit", "verify"],
    ] {
        refused(&env, env.tresor().args(args));
    }
}

#[test]
fn a_grant_forged_in_the_file_opens_nothing() {
    let env = team();
    // bob may open break-glass grants on prod/**; mallory writes one into the file for him.
    let policy = format!(
        "{TEAM_POLICY}\n[break_glass]\nwho = [\"bob\"]\non = [\"prod/**\"]\nmax_duration = \"1h\"\nrequire = [\"reason\", \"ticket\"]\n"
    );
    std::fs::write(env.path("team-policy.toml"), policy).unwrap();
    env.alice(["policy", "set", "team-policy.toml"]).ok();
    let mut vault = forge::vault(&env);
    let now = tresor::time::Timestamp::now();
    vault.grants.insert(
        "g-forged01".into(),
        tresor::policy::grant::Grant {
            principal: forge::principal("bob"),
            on: tresor::policy::glob::PathGlob::parse("prod/**").unwrap(),
            reason: "forged".into(),
            ticket: "INC-0".into(),
            opened: now,
            expires: now.plus(std::time::Duration::from_secs(1800)),
            closed: None,
        },
    );
    forge::save(&env, &vault);
    refused(
        &env,
        env.as_("bob.key")
            .args(["get", "prod/db/password", "--reason", "x"]),
    );
    every_command_refuses(&env);
}

/// The vault file is its own index: sections sorted by name, found by a binary search.
/// An attacker puts back the older, once-signed section of prod/db/password out of
/// order (before every section, between two, after the last): a read either finds the
/// current section or refuses, never serves the old value; every command that loads
/// every secret refuses the disorder. An export of the prefix reads only the prefix's
/// sections: whether its search passes the planted one depends on where it lands, so it
/// either refuses or exports the current value.
#[test]
fn an_old_section_put_back_out_of_order_is_never_served() {
    let env = team();
    let before = env.read_vault();
    env.alice(["rotate", "prod/db/password"])
        .stdin("canary-prod-v2")
        .ok();
    let section = |text: &str| {
        let start = text.find("[secrets.\"prod/db/password\"]").unwrap();
        let rest = &text[start..];
        let end = rest
            .match_indices("\n[secrets.\"")
            .map(|(at, _)| at + 1)
            .find(|at| !rest[*at..].starts_with("[secrets.\"prod/db/password\""))
            .unwrap_or(rest.len());
        rest[..end].to_string()
    };
    let old = section(&before);
    let current = env.read_vault();
    let first = current.find("[secrets.\"").unwrap();
    let dev = current.find("[secrets.\"dev/app/token\"]").unwrap();
    for at in [first, dev + section(&current[dev..]).len(), current.len()] {
        let mut forged = current.clone();
        let mut planted = old.clone();
        if !forged[..at].ends_with("\n\n") {
            planted.insert(0, '\n');
        }
        forged.insert_str(at, &planted);
        env.write_vault(&forged);
        let out = env.alice(["get", "prod/db/password"]).run();
        match out.code {
            Some(0) => assert_eq!(out.stdout, b"canary-prod-v2", "at {at}"),
            _ => {
                refused(&env, env.alice(["get", "prod/db/password"]));
            }
        }
        assert!(
            !out.stdout_text().contains(PROD),
            "the old value was served"
        );
        for args in [&["list"][..], &["check"]] {
            refused(&env, env.alice(args));
        }
        let export = env.alice(["export", "prod"]).run();
        match export.code {
            Some(0) => assert!(
                export.stdout_text().contains("canary-prod-v2")
                    && !export.stdout_text().contains(PROD),
                "at {at}: the export served the old value"
            ),
            _ => {
                refused(&env, env.alice(["export", "prod"]));
            }
        }
    }
    env.write_vault(&current);
    assert_eq!(env.get("prod/db/password", &[]), b"canary-prod-v2");
}
