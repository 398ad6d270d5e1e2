//! Identities: `identity new` (plain, default path, passphrase), `identity show`, where
//! tresor finds the identity, exit 7 for every way of not having a usable one, and
//! interop with the real `age` / `age-keygen` both ways.

use crate::support::{Env, Keys, Run, SECRET_KEY_PREFIX};
use std::process::Command;
use tresor::crypto::passphrase::KdfParams;
use tresor::identity::Identity;

/// Runs `age` or `age-keygen` and insists on success; returns stdout.
fn age(program: &str, args: &[&str], dir: &std::path::Path) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|err| panic!("{program} is needed (apt-get install age): {err}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What `identity show` prints: the recipient and the principal it is (or why none),
/// then the signing key and its fingerprint.
fn show_output(keys: &Keys, who: &str) -> String {
    format!(
        "{}\t{who}\n{}\t(signing key {})\n",
        keys.recipient, keys.signing, keys.fingerprint
    )
}

fn assert_recipient(text: &str) {
    assert!(
        text.starts_with("age1") && text.len() == 62,
        "not a recipient: {text:?}"
    );
}

/// A protected identity with cheap Argon2 parameters (the real ones take seconds in a
/// debug build), sealed by tresor's own code; returns its public keys.
fn cheap_protected_identity(env: &Env, key: &str, passphrase: &str) -> Keys {
    let identity = Identity::generate();
    let params = KdfParams {
        memory_kib: 8 * 1024,
        iterations: 1,
        parallelism: 1,
    };
    let text = identity
        .to_protected_file(passphrase.as_bytes(), params)
        .unwrap();
    std::fs::write(env.path(key), text).unwrap();
    let signing = identity.signing_key().public();
    Keys {
        recipient: identity.recipient().to_string(),
        signing: signing.to_string(),
        fingerprint: signing.fingerprint(),
    }
}

#[test]
fn identity_new_writes_a_private_age_key_and_prints_its_recipient() {
    let env = Env::new();
    let out = env
        .tresor()
        .args(["identity", "new", "--out", "t.key"])
        .ok();
    let recipient = out.stdout_text().trim_end().to_string();
    assert_eq!(
        out.stdout_text(),
        format!("{recipient}\n"),
        "stdout is the recipient alone"
    );
    assert_recipient(&recipient);
    assert!(
        out.stderr.contains("t.key"),
        "the note names the file: {}",
        out.stderr
    );
    assert_eq!(env.mode("t.key"), 0o600);
    let file = std::fs::read_to_string(env.path("t.key")).unwrap();
    assert!(file.contains(&format!("# public key: {recipient}\n")));
    // age agrees on the public half of the key tresor wrote.
    assert_eq!(
        age("age-keygen", &["-y", "t.key"], env.root()).trim(),
        recipient
    );
}

#[test]
fn identity_new_defaults_to_the_config_folder_and_never_overwrites() {
    let env = Env::new();
    let recipient = env.tresor().args(["identity", "new"]).ok().stdout_text();
    let path = env.path("config/tresor/identity.txt");
    let original = std::fs::read(&path).unwrap();
    assert_eq!(env.mode("config/tresor/identity.txt"), 0o600);
    assert_eq!(env.mode("config/tresor"), 0o700);
    // The default identity is the one in use when nothing else is named.
    let shown = env.tresor().args(["identity", "show"]).ok().stdout_text();
    assert!(shown.starts_with(recipient.trim()), "{shown}");

    let again = env.tresor().args(["identity", "new"]).fails(1);
    again.error_says(&["already exists"]);
    assert_eq!(std::fs::read(&path).unwrap(), original);

    env.identity("t");
    let kept = std::fs::read(env.path("t.key")).unwrap();
    env.tresor()
        .args(["identity", "new", "--out", "t.key"])
        .fails(1)
        .error();
    assert_eq!(std::fs::read(env.path("t.key")).unwrap(), kept);
}

#[test]
fn identity_new_json_describes_what_it_wrote() {
    let env = Env::new();
    let doc = env.json(&["identity", "new", "--out", "t.key"]);
    assert_recipient(doc["recipient"].as_str().unwrap());
    assert_eq!(doc["path"], "t.key");
    assert_eq!(doc["protected"], false);
    // Its signing key is the one `identity show` derives from the file.
    let keys = env.keys("t");
    assert_eq!(doc["signing"], keys.signing.as_str());
    assert_eq!(doc["recipient"], keys.recipient.as_str());
}

/// `tresor identity new --out p.key --passphrase --passphrase-file FILE`.
fn new_protected(env: &Env, passphrase_file: &str) -> Run {
    let args = ["identity", "new", "--out", "p.key", "--passphrase"];
    env.tresor()
        .args(args)
        .args(["--passphrase-file", passphrase_file])
}

#[test]
fn a_passphrase_protected_identity_round_trips() {
    let env = Env::new();
    std::fs::write(env.path("pass.txt"), "correct horse battery\n").unwrap();
    let recipient = new_protected(&env, "pass.txt").ok().stdout_text();
    assert_eq!(env.mode("p.key"), 0o600);
    let file = std::fs::read_to_string(env.path("p.key")).unwrap();
    assert!(
        file.contains("format = \"tresor-protected-identity/v1\""),
        "{file}"
    );
    assert!(
        file.contains("memory_kib = 65536") && file.contains("iterations = 3"),
        "{file}"
    );
    assert!(
        !file.contains(SECRET_KEY_PREFIX),
        "the key is sealed, not in the clear"
    );
    // The newline `echo` leaves in a passphrase file is not part of the passphrase.
    let shown = env
        .tresor()
        .args([
            "identity",
            "show",
            "--identity",
            "p.key",
            "--passphrase-file",
            "pass.txt",
        ])
        .ok()
        .stdout_text();
    assert!(shown.starts_with(recipient.trim()), "{shown}");
}

#[test]
fn identity_new_passphrase_needs_one_it_can_read() {
    let env = Env::new();
    let out = env
        .tresor()
        .args(["identity", "new", "--out", "p.key", "--passphrase"])
        .fails(2);
    out.error_says(&["--passphrase-file"]);
    std::fs::write(env.path("empty.txt"), "\n").unwrap();
    new_protected(&env, "empty.txt")
        .fails(2)
        .error_says(&["empty"]);
    assert!(
        !env.path("p.key").exists(),
        "no identity is written when the passphrase is refused"
    );
}

#[test]
fn a_protected_identity_works_with_its_passphrase_and_not_without() {
    let env = Env::new();
    let keys = cheap_protected_identity(&env, "p.key", "open sesame");
    std::fs::write(env.path("right.txt"), "open sesame").unwrap();
    std::fs::write(env.path("wrong.txt"), "open sesam").unwrap();
    let with = |file: &str| {
        env.as_("p.key")
            .env("TRESOR_PASSPHRASE_FILE", env.path(file))
    };
    with("right.txt").args(["init", "--name", "pat"]).ok();
    with("right.txt")
        .args(["create", "app/token"])
        .stdin("CANARY-protected")
        .ok();
    assert_eq!(
        with("right.txt").args(["get", "app/token"]).ok().stdout,
        b"CANARY-protected"
    );
    let shown = with("right.txt")
        .args(["identity", "show"])
        .ok()
        .stdout_text();
    assert_eq!(shown, show_output(&keys, "pat"));

    let wrong = env.refuses(with("wrong.txt").args(["get", "app/token"]), 7);
    wrong.error_says(&["passphrase"]);
    // No terminal to ask on and no passphrase file: exit 7, and how to give one.
    let none = env.refuses(env.as_("p.key").args(["get", "app/token"]), 7);
    none.error_says(&["TRESOR_PASSPHRASE_FILE"]);
}

#[test]
fn identity_show_with_and_without_a_vault() {
    let env = Env::new();
    let recipient = env.identity("alice");
    let show = |args: &[&str]| env.alice(["identity", "show"]).args(args).ok();
    let text = show(&[]).stdout_text();
    let signing = text.lines().nth(1).unwrap().split('\t').next().unwrap();
    assert!(signing.starts_with("ed25519:"), "{text}");
    let doc = show(&["--json"]).json();
    let keys = Keys {
        recipient: recipient.clone(),
        signing: signing.to_string(),
        fingerprint: doc["fingerprint"].as_str().unwrap().to_string(),
    };
    assert!(keys.fingerprint.starts_with("SHA256:"), "{doc}");
    assert_eq!(text, show_output(&keys, "(no vault found)"));
    assert_eq!(
        doc,
        serde_json::json!({"recipient": recipient, "signing": signing, "fingerprint": keys.fingerprint, "principal": null, "vault": null})
    );

    env.alice(["init", "--name", "alice"]).ok();
    assert_eq!(show(&[]).stdout_text(), show_output(&keys, "alice"));
    let doc = show(&["--json"]).json();
    assert_eq!(doc["principal"], "alice");
    assert_eq!(doc["recipient"], recipient.as_str());
    assert_eq!(doc["signing"], signing);
    assert!(
        doc["vault"].as_str().unwrap().ends_with("vault.toml"),
        "{doc}"
    );
    // The vault knows alice by the signing key `identity show` prints.
    assert_eq!(env.json(&["recipient", "list"])[0]["signing"], signing);

    let stranger = env.identity("stranger");
    let out = env.as_("stranger.key").args(["identity", "show"]).ok();
    let text = out.stdout_text();
    assert!(
        text.starts_with(&format!(
            "{stranger}\t(not a principal of this vault)\ned25519:"
        )),
        "{text}"
    );
    assert!(
        !text.contains(signing),
        "another identity, another signing key"
    );
}

#[test]
fn the_identity_key_itself_works_from_the_environment() {
    let env = Env::with_vault();
    env.create("ci/token", "CANARY-ci");
    let key = env.secret_key("alice.key");
    let run = || env.tresor().env("TRESOR_IDENTITY_KEY", &key);
    assert_eq!(run().args(["get", "ci/token"]).ok().stdout, b"CANARY-ci");
    // The key in the variable is alice's: the same recipient and signing key.
    assert_eq!(
        run().args(["identity", "show"]).ok().stdout_text(),
        show_output(&env.keys("alice"), "alice")
    );
    // --identity (or TRESOR_IDENTITY) comes first.
    let bob = env.identity("bob");
    let shown = run()
        .args(["identity", "show", "--identity", "bob.key"])
        .ok()
        .stdout_text();
    assert!(shown.starts_with(&bob), "{shown}");
}

#[test]
fn no_usable_identity_is_exit_7_and_changes_nothing() {
    let env = Env::with_vault();
    env.create("app/db", "CANARY-7");
    let get = ["get", "app/db"];
    let nothing = env.refuses(env.tresor().args(get), 7);
    nothing.error_says(&["tresor identity new"]);
    let missing = env.refuses(env.as_("nowhere.key").args(get), 7);
    missing.error_says(&["nowhere.key"]);

    env.identity("mallory");
    let stranger = env.refuses(env.as_("mallory.key").args(get), 7);
    stranger.error_says(&["not a principal"]);

    let garbage = "not-a-key-CONFIDENTIAL";
    let bad = env.refuses(
        env.tresor().env("TRESOR_IDENTITY_KEY", garbage).args(get),
        7,
    );
    bad.error_says(&["TRESOR_IDENTITY_KEY"]);
    assert!(
        !bad.stderr.contains(garbage),
        "the variable's content is not echoed"
    );

    // A key with a typo: the file's line is named by number, never shown.
    let mut key = env.secret_key("alice.key");
    key.replace_range(20..24, "QQQQ");
    std::fs::write(env.path("typo.key"), format!("# comment\n{key}\n")).unwrap();
    let typo = env.refuses(env.as_("typo.key").args(get), 7);
    typo.error_says(&["line 2"]);
}

#[test]
fn an_age_keygen_key_is_a_tresor_identity() {
    let env = Env::new();
    age("age-keygen", &["-o", "k.txt"], env.root());
    let recipient = age("age-keygen", &["-y", "k.txt"], env.root());
    env.as_("k.txt").args(["init", "--name", "ops"]).ok();
    env.as_("k.txt")
        .args(["create", "ops/key"])
        .stdin("CANARY-age")
        .ok();
    assert_eq!(
        env.as_("k.txt").args(["get", "ops/key"]).ok().stdout,
        b"CANARY-age"
    );
    let shown = env
        .as_("k.txt")
        .args(["identity", "show"])
        .ok()
        .stdout_text();
    let keys = env.json(&["recipient", "list"])[0].clone();
    assert_eq!(keys["recipient"], recipient.trim());
    // The signing key is derived from the age key, so the same file gives the same key
    // every time, and the vault knows the principal by it.
    let keys = Keys {
        recipient: recipient.trim().to_string(),
        signing: keys["signing"].as_str().unwrap().to_string(),
        fingerprint: keys["fingerprint"].as_str().unwrap().to_string(),
    };
    assert_eq!(shown, show_output(&keys, "ops"));
}

#[test]
fn age_decrypts_with_a_tresor_identity() {
    let env = Env::new();
    let recipient = env.identity("t");
    std::fs::write(env.path("plain.txt"), "CANARY-for-age").unwrap();
    age(
        "age",
        &["-r", &recipient, "-o", "msg.age", "plain.txt"],
        env.root(),
    );
    let plain = age("age", &["-d", "-i", "t.key", "msg.age"], env.root());
    assert_eq!(plain, "CANARY-for-age");
}

#[test]
fn a_whole_key_file_pasted_into_tresor_identity_key_works() {
    let env = Env::new();
    age("age-keygen", &["-o", "k.txt"], env.root());
    let recipient = age("age-keygen", &["-y", "k.txt"], env.root());
    let file = std::fs::read_to_string(env.path("k.txt")).unwrap();
    assert!(file.starts_with("# created: ") && file.contains("# public key: "));
    // As pasted into a CI secret store: the file as it is, perhaps with a blank line
    // around it or Windows line ends.
    let pastes = [
        file.clone(),
        format!("\n{file}\n\n"),
        file.replace('\n', "\r\n"),
    ];
    let run = |key: &str| env.tresor().env("TRESOR_IDENTITY_KEY", key);
    run(&file).args(["init", "--name", "ci"]).ok();
    run(&file)
        .args(["create", "ci/token"])
        .stdin("CANARY-paste")
        .ok();
    let keys = env.json(&["recipient", "list"])[0].clone();
    let keys = Keys {
        recipient: recipient.trim().to_string(),
        signing: keys["signing"].as_str().unwrap().to_string(),
        fingerprint: keys["fingerprint"].as_str().unwrap().to_string(),
    };
    for paste in &pastes {
        let shown = run(paste).args(["identity", "show"]).ok().stdout_text();
        assert_eq!(shown, show_output(&keys, "ci"));
        assert_eq!(
            run(paste).args(["get", "ci/token"]).ok().stdout,
            b"CANARY-paste"
        );
    }
    // A line that is neither a comment nor the key is named by number, never shown.
    let broken = file.replacen("# public key:", "public key:", 1);
    let out = env.refuses(run(&broken).args(["get", "ci/token"]), 7);
    out.error_says(&["TRESOR_IDENTITY_KEY", "line 2"]);
    assert!(!out.stderr.contains(recipient.trim()));
    let out = env.refuses(run("# created: now\n\n").args(["get", "ci/token"]), 7);
    out.error_says(&["TRESOR_IDENTITY_KEY", "no key"]);
}
