//! `tresor import sops` against files made by the real `sops` (age recipients): YAML,
//! JSON and dotenv; keys from SOPS_AGE_KEY_FILE, SOPS_AGE_KEY or the tresor identity;
//! tampered files refused with nothing written.

use crate::support::{Env, Run};
use std::path::PathBuf;
use std::process::Command;

/// A vault whose admin is alice, and a SOPS age key that is not alice's.
pub struct Fixture {
    pub env: Env,
    pub alice: String,
    sops_recipient: String,
}

impl Fixture {
    pub fn new() -> Fixture {
        // Not `have("sops")`: a bare `sops --version` asks the network for updates.
        let sops = Command::new("sops")
            .args(["--version", "--disable-version-check"])
            .output();
        assert!(
            sops.is_ok_and(|out| out.status.success()),
            "the real `sops` is needed (bash .ci/run installs it)"
        );
        let env = Env::new();
        let alice = env.identity("alice");
        env.as_("alice.key").args(["init", "--name", "alice"]).ok();
        let keygen = Command::new("age-keygen")
            .arg("-o")
            .arg(env.path("sops.key"))
            .output()
            .unwrap();
        assert!(keygen.status.success(), "age-keygen failed");
        let sops_recipient = String::from_utf8(
            Command::new("age-keygen")
                .arg("-y")
                .arg(env.path("sops.key"))
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
        .trim()
        .to_string();
        Fixture {
            env,
            alice,
            sops_recipient,
        }
    }

    /// Writes `plain` as NAME and encrypts it with `sops` to `recipient`, as NAME.enc.EXT.
    pub fn encrypt(&self, name: &str, format: &str, plain: &str, recipient: &str) -> PathBuf {
        self.encrypt_with(name, format, plain, &["--age", recipient])
    }

    fn encrypt_with(&self, name: &str, format: &str, plain: &str, args: &[&str]) -> PathBuf {
        let extension = if format == "dotenv" { "env" } else { format };
        let source = self.env.path(&format!("{name}.{extension}"));
        std::fs::write(&source, plain).unwrap();
        let out = Command::new("sops")
            .current_dir(self.env.root())
            .env("HOME", self.env.path("home"))
            .env("XDG_CONFIG_HOME", self.env.path("config"))
            .arg("--encrypt")
            .args(args)
            .args(["--input-type", format, "--output-type", format])
            .arg(&source)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "sops --encrypt failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let encrypted = self.env.path(&format!("{name}.enc.{extension}"));
        std::fs::write(&encrypted, out.stdout).unwrap();
        std::fs::remove_file(source).unwrap();
        encrypted
    }

    pub fn import(&self, file: &PathBuf) -> Run {
        self.env.as_("alice.key").args(["import", "sops"]).arg(file)
    }

    fn get(&self, name: &str) -> Vec<u8> {
        self.env.as_("alice.key").args(["get", name]).ok().stdout
    }

    fn names(&self) -> Vec<String> {
        let out = self.env.as_("alice.key").args(["list", "--json"]).ok();
        out.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|secret| secret["name"].as_str().unwrap().to_string())
            .collect()
    }

    /// The vault and the audit log, byte for byte.
    fn snapshot(&self) -> (Vec<u8>, Vec<u8>) {
        (
            std::fs::read(self.env.vault()).unwrap(),
            std::fs::read(self.env.audit_log()).unwrap(),
        )
    }
}

const YAML: &str = "\
db:
  password: \"p@ss: word#1\"
  port: 5432
  ratio: 0.75
  tls: true
  empty: \"\"
  nothing: null
hosts:
  - alpha.example.org
  - name: beta
    token: b-token
cert: |
  -----BEGIN CERT-----
  line two é
port_unencrypted: 8080
";

#[test]
fn yaml_values_come_back_exactly() {
    let fx = Fixture::new();
    let file = fx.encrypt("app", "yaml", YAML, &fx.alice);
    let out = fx.import(&file).args(["--prefix", "prod/app"]).ok();
    assert!(
        out.stdout_text().contains("Imported 9 secrets"),
        "{}",
        out.stdout_text()
    );
    assert!(out.stderr.contains("Skipped 'db.empty'"), "{}", out.stderr);
    for (name, value) in [
        ("prod/app/db/password", "p@ss: word#1"),
        ("prod/app/db/port", "5432"),
        ("prod/app/db/ratio", "0.75"),
        ("prod/app/db/tls", "true"),
        ("prod/app/hosts/0", "alpha.example.org"),
        ("prod/app/hosts/1/name", "beta"),
        ("prod/app/hosts/1/token", "b-token"),
        ("prod/app/cert", "-----BEGIN CERT-----\nline two é\n"),
        ("prod/app/port-unencrypted", "8080"),
    ] {
        assert_eq!(fx.get(name), value.as_bytes(), "{name}");
    }
    assert_eq!(fx.names().len(), 9);
}

#[test]
fn json_values_come_back_exactly() {
    let fx = Fixture::new();
    let plain = r#"{"api": {"key": "k-123", "retries": 3, "weights": [1.5, "x", {"deep": "d"}]}, "on": false}"#;
    let file = fx.encrypt("api", "json", plain, &fx.alice);
    fx.import(&file).args(["--prefix", "dev/api"]).ok();
    for (name, value) in [
        ("dev/api/api/key", "k-123"),
        ("dev/api/api/retries", "3"),
        ("dev/api/api/weights/0", "1.5"),
        ("dev/api/api/weights/1", "x"),
        ("dev/api/api/weights/2/deep", "d"),
        ("dev/api/on", "false"),
    ] {
        assert_eq!(fx.get(name), value.as_bytes(), "{name}");
    }
}

#[test]
fn dotenv_values_come_back_exactly() {
    let fx = Fixture::new();
    let plain = "DB_URL=postgres://u:p@h/db?x=1\nMULTI=one\\ntwo\n# a comment\nSPACED=  padded  \n";
    let file = fx.encrypt("prod", "dotenv", plain, &fx.alice);
    fx.import(&file).args(["--prefix", "prod/env/"]).ok();
    // Keys are named as `import dotenv` names them.
    assert_eq!(fx.get("prod/env/db-url"), b"postgres://u:p@h/db?x=1");
    assert_eq!(fx.get("prod/env/multi"), b"one\ntwo");
    assert_eq!(fx.get("prod/env/spaced"), b"  padded  ");
    assert_eq!(fx.names().len(), 3);
}

#[test]
fn without_a_prefix_keys_are_the_names_and_odd_characters_become_dashes() {
    let fx = Fixture::new();
    let file = fx.encrypt(
        "odd",
        "yaml",
        "top:\n  api key: v1\n  \"a/b\": v2\n",
        &fx.alice,
    );
    fx.import(&file).ok();
    assert_eq!(fx.get("top/api-key"), b"v1");
    assert_eq!(fx.get("top/a-b"), b"v2");
}

#[test]
fn two_keys_that_map_to_one_name_are_refused() {
    let fx = Fixture::new();
    let file = fx.encrypt("clash", "yaml", "a b: one\na-b: two\n", &fx.alice);
    let before = fx.snapshot();
    let out = fx.import(&file).fails(1);
    assert!(
        out.stderr.contains("'a b'") && out.stderr.contains("'a-b'"),
        "{}",
        out.stderr
    );
    assert_eq!(fx.snapshot(), before);
}

#[test]
fn keys_from_sops_age_key_file_or_sops_age_key() {
    let fx = Fixture::new();
    let file = fx.encrypt("other", "yaml", "token: t-1\n", &fx.sops_recipient);
    // alice's own identity does not open it.
    fx.import(&file).args(["--prefix", "a"]).fails(7);
    fx.import(&file)
        .env("SOPS_AGE_KEY_FILE", fx.env.path("sops.key"))
        .args(["--prefix", "a"])
        .ok();
    assert_eq!(fx.get("a/token"), b"t-1");
    let key = std::fs::read_to_string(fx.env.path("sops.key")).unwrap();
    fx.import(&file)
        .env("SOPS_AGE_KEY", &key)
        .args(["--prefix", "b"])
        .ok();
    assert_eq!(fx.get("b/token"), b"t-1");
    fx.import(&file)
        .arg("--age-key-file")
        .arg(fx.env.path("sops.key"))
        .args(["--prefix", "c"])
        .ok();
    assert_eq!(fx.get("c/token"), b"t-1");
    // Where sops itself looks when SOPS_AGE_KEY_FILE is not set.
    std::fs::create_dir_all(fx.env.path("config/sops/age")).unwrap();
    std::fs::copy(
        fx.env.path("sops.key"),
        fx.env.path("config/sops/age/keys.txt"),
    )
    .unwrap();
    fx.import(&file).args(["--prefix", "d"]).ok();
    assert_eq!(fx.get("d/token"), b"t-1");
}

#[test]
fn a_file_for_nobody_we_hold_is_exit_7_and_creates_nothing() {
    let fx = Fixture::new();
    let file = fx.encrypt("theirs", "json", r#"{"a": "b"}"#, &fx.sops_recipient);
    let before = fx.snapshot();
    let out = fx.import(&file).fails(7);
    assert!(out.stderr.contains(&fx.sops_recipient), "{}", out.stderr);
    assert_eq!(fx.snapshot(), before);
}

/// Rewrites one line of an encrypted file.
fn tamper(file: &PathBuf, change: impl Fn(&str) -> Option<String>) -> PathBuf {
    let text = std::fs::read_to_string(file).unwrap();
    let mut changed = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| match change(line) {
            Some(new) if !changed => {
                changed = true;
                new
            }
            _ => line.to_string(),
        })
        .collect();
    assert!(changed, "nothing to tamper with in:\n{text}");
    let out = file.with_extension("tampered.yaml");
    std::fs::write(&out, lines.join("\n") + "\n").unwrap();
    out
}

/// Flips one base64 character of the `data:` part of an ENC[…] value.
fn flip_data(line: &str) -> String {
    let at = line.find("data:").unwrap() + "data:".len();
    let mut bytes = line.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

#[test]
fn tampered_files_are_exit_5_and_change_nothing() {
    let fx = Fixture::new();
    let file = fx.encrypt("app", "yaml", YAML, &fx.alice);
    let before = fx.snapshot();
    let cases: Vec<(&str, PathBuf)> = vec![
        (
            "a ciphertext",
            tamper(&file, |l| {
                l.contains("password: ENC[").then(|| flip_data(l))
            }),
        ),
        (
            "the MAC",
            tamper(&file, |l| l.contains("mac: ENC[").then(|| flip_data(l))),
        ),
        (
            "the MAC removed",
            tamper(&file, |l| l.contains("mac: ENC[").then(String::new)),
        ),
        (
            "an unencrypted value",
            tamper(&file, |l| {
                l.contains("port_unencrypted: 8080")
                    .then(|| l.replace("8080", "8081"))
            }),
        ),
        (
            "lastmodified",
            tamper(&file, |l| {
                l.trim_start().starts_with("lastmodified:").then(|| {
                    let indent = &l[..l.len() - l.trim_start().len()];
                    format!("{indent}lastmodified: \"2001-01-01T00:00:00Z\"")
                })
            }),
        ),
        (
            "a value's type",
            tamper(&file, |l| {
                l.contains("password: ENC[")
                    .then(|| l.replace("type:str]", "type:int]"))
            }),
        ),
    ];
    for (what, tampered) in cases {
        let out = fx.import(&tampered).args(["--prefix", "x"]).fails(5);
        assert!(out.stderr.contains("altered"), "{what}: {}", out.stderr);
        assert_eq!(fx.snapshot(), before, "{what} changed the vault or log");
    }
    // The untouched file imports.
    fx.import(&file).args(["--prefix", "x"]).ok();
}

#[test]
fn a_tampered_dotenv_value_is_refused() {
    let fx = Fixture::new();
    let file = fx.encrypt("e", "dotenv", "A=1\nB=2\n", &fx.alice);
    let before = fx.snapshot();
    let tampered = tamper(&file, |l| l.starts_with("B=").then(|| flip_data(l)));
    fx.import(&tampered)
        .args(["--input-type", "dotenv"])
        .fails(5);
    assert_eq!(fx.snapshot(), before);
}

#[test]
fn existing_names_fail_unless_rotated() {
    let fx = Fixture::new();
    let first = fx.encrypt("v1", "yaml", "db:\n  password: one\n", &fx.alice);
    fx.import(&first).args(["--prefix", "prod"]).ok();
    let second = fx.encrypt(
        "v2",
        "yaml",
        "db:\n  password: two\n  user: new\n",
        &fx.alice,
    );
    let before = fx.snapshot();
    let out = fx.import(&second).args(["--prefix", "prod"]).fails(1);
    assert!(out.stderr.contains("prod/db/password") && out.stderr.contains("--rotate-existing"));
    assert_eq!(fx.snapshot(), before);
    let out = fx
        .import(&second)
        .args(["--prefix", "prod", "--rotate-existing", "--json"])
        .ok();
    let secrets = out.json()["secrets"].clone();
    assert_eq!(secrets[0]["name"], "prod/db/password");
    assert_eq!(secrets[0]["version"], 2);
    assert_eq!(secrets[0]["action"], "rotated");
    assert_eq!(secrets[1]["action"], "created");
    assert_eq!(fx.get("prod/db/password"), b"two");
    let old = fx
        .env
        .as_("alice.key")
        .args(["get", "prod/db/password", "--alias", "previous"])
        .ok();
    assert_eq!(old.stdout, b"one");
}

#[test]
fn one_write_one_import_event_and_no_value_in_the_log() {
    let fx = Fixture::new();
    let file = fx.encrypt("app", "yaml", YAML, &fx.alice);
    let lines_before = std::fs::read_to_string(fx.env.audit_log())
        .unwrap()
        .lines()
        .count();
    fx.import(&file).args(["--prefix", "prod/app"]).ok();
    let log = std::fs::read_to_string(fx.env.audit_log()).unwrap();
    let new: Vec<serde_json::Value> = log
        .lines()
        .skip(lines_before)
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(new.len(), 1, "{log}");
    assert_eq!(new[0]["event"], "import");
    assert_eq!(new[0]["principal"], "alice");
    let detail = new[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("9 secrets") && detail.contains("app.enc.yaml"),
        "{detail}"
    );
    for value in ["p@ss: word#1", "b-token", "alpha.example.org"] {
        assert!(!log.contains(value), "{value} in the audit log");
        assert!(!fx.env.read_vault().contains(value), "{value} in the vault");
    }
    // That one signed event names every created secret, the vault's head is that
    // event, and the log verifies.
    assert!(new[0]["sig"].is_string());
    let created: Vec<&str> = new[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "secret" && c["action"] == "create")
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(created.len(), 9, "{created:?}");
    assert!(created.contains(&"prod/app/db/password"));
    fx.env.as_("alice.key").args(["audit", "verify"]).ok();
    let vault: toml::Table = toml::from_str(&fx.env.read_vault()).unwrap();
    let head = fx.env.tresor().args(["audit", "head"]).ok().stdout_text();
    assert_eq!(vault["head"].as_str(), Some(head.trim()));
    assert!(head.starts_with(&format!("{}:", new[0]["seq"])), "{head}");
}

const POLICY: &str = r#"[groups]
admins = ["alice"]

[[rule]]
who = ["group:admins"]
can = ["*"]
on = ["**"]

[[rule]]
who = ["dave"]
can = ["create"]
on = ["prod/**"]
"#;

#[test]
fn each_secret_is_authorized_and_lands_in_the_keyring_of_its_readers() {
    let fx = Fixture::new();
    let dave = fx.env.admit("dave").recipient;
    std::fs::write(fx.env.path("policy.toml"), POLICY).unwrap();
    fx.env
        .as_("alice.key")
        .args(["policy", "set", "policy.toml"])
        .ok();
    let file = fx.encrypt("d", "yaml", "db:\n  password: pw\n", &dave);
    // dave may create under prod/** only: one name elsewhere denies the whole import.
    let before = std::fs::read(fx.env.vault()).unwrap();
    fx.env
        .as_("dave.key")
        .args(["import", "sops"])
        .arg(&file)
        .args(["--prefix", "dev"])
        .fails(4);
    assert_eq!(std::fs::read(fx.env.vault()).unwrap(), before);
    fx.env
        .as_("dave.key")
        .args(["import", "sops"])
        .arg(&file)
        .args(["--prefix", "prod/app"])
        .ok();
    // dave may create there but not read: the secret is sealed to a keyring wrapped
    // to its readers (alice) alone.
    let show = fx.env.show("prod/app/db/password");
    assert_eq!(show["readers"], serde_json::json!(["alice"]));
    assert_eq!(show["versions"][0]["author"], "dave");
    let keyring = show["versions"][0]["keyring"].as_str().unwrap();
    let vault: toml::Table = toml::from_str(&fx.env.read_vault()).unwrap();
    let wrapped: Vec<&String> = vault["keyrings"][keyring]["wrapped"]
        .as_table()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(wrapped, ["alice"]);
    assert_eq!(fx.get("prod/app/db/password"), b"pw");
    fx.env
        .as_("dave.key")
        .args(["get", "prod/app/db/password"])
        .fails(4);
}

#[test]
fn files_that_are_not_sops_files_are_refused_clearly() {
    let fx = Fixture::new();
    std::fs::write(fx.env.path("plain.yaml"), "a: b\n").unwrap();
    let out = fx.import(&fx.env.path("plain.yaml")).fails(1);
    assert!(out.stderr.contains("no `sops` metadata"), "{}", out.stderr);
    std::fs::write(fx.env.path("secrets.txt"), "a: b\n").unwrap();
    fx.import(&fx.env.path("secrets.txt")).fails(2);
}

#[test]
fn encrypted_regex_mac_only_encrypted_and_several_documents() {
    let fx = Fixture::new();
    let secret = "apiVersion: v1\nkind: Secret\ndata:\n  pw: aGVsbG8=\n  \"n\": 5\n";
    let file = fx.encrypt_with(
        "k8s",
        "yaml",
        secret,
        &[
            "--age",
            &fx.alice,
            "--encrypted-regex",
            "^(data|stringData)$",
            "--mac-only-encrypted",
        ],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("kind: Secret") && text.contains("mac_only_encrypted: true"));
    fx.import(&file).args(["--prefix", "k8s"]).ok();
    assert_eq!(fx.get("k8s/kind"), b"Secret");
    assert_eq!(fx.get("k8s/data/pw"), b"aGVsbG8=");
    assert_eq!(fx.get("k8s/data/n"), b"5");

    let file = fx.encrypt("multi", "yaml", "a: one\n---\na: two\n", &fx.alice);
    fx.import(&file).args(["--prefix", "multi"]).ok();
    assert_eq!(fx.get("multi/0/a"), b"one");
    assert_eq!(fx.get("multi/1/a"), b"two");
}
