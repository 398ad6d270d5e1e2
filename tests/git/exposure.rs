//! Exposure across merged branches: a version written on a branch while a principal
//! could still read it, merged after that principal was removed, is flagged by
//! `check`: the branch's commit holds a keyring wrapped to the removed principal, and
//! the real `age` opens it with the principal's old key.

use super::Repos;
use tresor::vault::format::{Parsed, parse};

fn vault_at(repos: &Repos, clone: &str, commit: &str) -> tresor::vault::Vault {
    let text = repos.git(
        &repos.dir(clone),
        &["show", &format!("{commit}:vault.toml")],
    );
    match parse(&text, "a commit's vault").unwrap() {
        Parsed::Current(vault) => *vault,
        Parsed::Legacy(_) => unreachable!("format 2"),
    }
}

/// Whether the real `age` opens the base64 age file `wrap` with the identity `key`.
fn age_opens(repos: &Repos, key: &str, wrap: &str) -> bool {
    use base64::Engine;
    let file = repos.env.path("wrap.age");
    std::fs::write(
        &file,
        base64::engine::general_purpose::STANDARD
            .decode(wrap)
            .unwrap(),
    )
    .unwrap();
    std::process::Command::new("age")
        .args(["-d", "-i"])
        .arg(repos.env.path(key))
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the real `age` (bash .ci/run installs it)")
        .success()
}

fn exposed(repos: &Repos, clone: &str) -> Vec<String> {
    let out = repos
        .tresor(clone, "alice")
        .args(["check", "--json"])
        .fails(8)
        .json();
    out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "exposed")
        .map(|f| format!("{} {}", f["secret"].as_str().unwrap(), f["detail"]))
        .collect()
}

/// Two clones where bob (a principal) reads app/**.
fn bob_reads_app() -> Repos {
    let repos = Repos::new();
    repos.env.identity("bob");
    let bob = repos.env.keys("bob");
    repos
        .tresor("a", "alice")
        .args(["recipient", "add", "bob", &bob.recipient, &bob.signing])
        .ok();
    let policy = repos.policy("a");
    repos.set_policy(
        "a",
        &format!("{policy}\n[[rule]]\nwho = [\"bob\"]\ncan = [\"read\"]\non = [\"app/**\"]\n"),
        "bob reads app",
    );
    repos.push("a");
    assert!(repos.pull("b", "alice").0);
    repos
}

#[test]
fn a_version_written_on_a_branch_before_a_removal_was_merged_is_flagged() {
    for merged_into in ["b", "a"] {
        let repos = bob_reads_app();

        // On b's branch, while bob still reads app/**: a new app/db and a new secret.
        repos
            .tresor("b", "alice")
            .args(["rotate", "app/db"])
            .stdin("db-v2-from-b")
            .ok();
        repos
            .tresor("b", "alice")
            .args(["create", "app/new"])
            .stdin("new-from-b")
            .ok();
        repos.commit("b", "rotate on a branch");
        let branch_commit = repos
            .git(&repos.dir("b"), &["rev-parse", "HEAD"])
            .trim()
            .to_string();

        // On a, bob leaves.
        repos
            .tresor("a", "alice")
            .args(["recipient", "remove", "bob"])
            .ok();
        repos.commit("a", "bob leaves");

        // The branches meet, in either direction.
        if merged_into == "b" {
            repos.push("a");
            let (merged, output) = repos.pull("b", "alice");
            assert!(merged, "{output}");
        } else {
            repos.git(&repos.dir("b"), &["push", "-q", "origin", "main:branch"]);
            repos.git(&repos.dir("a"), &["fetch", "-q", "origin", "branch"]);
            repos.git(&repos.dir("a"), &["merge", "-q", "--no-edit", "FETCH_HEAD"]);
        }
        let clone = merged_into;
        repos.tresor(clone, "alice").args(["audit", "verify"]).ok();
        let found = exposed(&repos, clone);
        for (secret, version) in [("app/db", "v2"), ("app/new", "v1"), ("app/api", "v1")] {
            assert!(
                found
                    .iter()
                    .any(|f| f.starts_with(secret) && f.contains(version) && f.contains("'bob'")),
                "{secret} {version} not flagged (merged into {clone}): {found:?}"
            );
        }
        // Why it must be flagged: in the branch's commit, app/db v2 and app/new are
        // sealed to a keyring wrapped to bob, which the real `age` opens with bob's
        // key, and that keyring opens the values.
        let old = vault_at(&repos, clone, &branch_commit);
        let bob_name: tresor::vault::PrincipalName = "bob".parse().unwrap();
        let identity = tresor::identity::Identity::parse_plain(
            &std::fs::read_to_string(repos.env.path("bob.key")).unwrap(),
            "bob",
        )
        .unwrap();
        for (secret, version, value) in
            [("app/db", 2, "db-v2-from-b"), ("app/new", 1, "new-from-b")]
        {
            let name: tresor::vault::SecretName = secret.parse().unwrap();
            let sealed = old.secrets[&name].versions[&version]
                .sealed
                .clone()
                .unwrap();
            let keyring = &old.keyrings[&sealed.keyring];
            assert!(age_opens(&repos, "bob.key", &keyring.wrapped[&bob_name]));
            let key =
                tresor::vault::seal::open_keyring(&old, &sealed.keyring, &bob_name, &identity)
                    .unwrap();
            let opened =
                tresor::vault::seal::open_value(&old.id, &key, &name, version, &sealed).unwrap();
            assert_eq!(opened.expose(), value.as_bytes());
        }
        // In the merged vault bob holds no key of any of them any more.
        let merged = std::fs::read_to_string(repos.dir(clone).join("vault.toml")).unwrap();
        let merged = match parse(&merged, "merged").unwrap() {
            Parsed::Current(vault) => *vault,
            Parsed::Legacy(_) => unreachable!(),
        };
        assert!(
            merged
                .keyrings
                .values()
                .all(|k| !k.wrapped.contains_key(&bob_name)),
            "a keyring is still wrapped to bob after the merge"
        );
        // Rotating clears each finding.
        for secret in ["app/db", "app/new", "app/api"] {
            repos
                .tresor(clone, "alice")
                .args(["rotate", secret, "--generate"])
                .ok();
        }
        assert_eq!(exposed(&repos, clone), Vec::<String>::new());
    }
}

#[test]
fn a_version_the_leaver_never_held_is_not_flagged_after_the_merge() {
    let repos = bob_reads_app();
    repos
        .tresor("b", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-from-b")
        .ok();
    repos.commit("b", "rotate on a branch");
    repos.push("b");
    // On a, bob leaves, and app/db is rotated after: bob never held that version.
    repos
        .tresor("a", "alice")
        .args(["recipient", "remove", "bob"])
        .ok();
    repos
        .tresor("a", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-from-a")
        .ok();
    repos.commit("a", "bob leaves, db rotated");
    let (merged, output) = repos.pull("a", "alice");
    assert!(merged, "{output}");
    // Ours stays current (v2, made after bob left); b's version is v3, pending.
    assert_eq!(repos.get("a", &["app/db"]), "db-from-a");
    assert_eq!(
        repos.get("a", &["app/db", "--alias", "pending"]),
        "db-from-b"
    );
    // v2 (current) was made after bob left: not flagged. v3 (b's, pending) was readable
    // by bob on the branch: flagged while it is served, before anyone promotes it.
    let found = exposed(&repos, "a");
    let db: Vec<&String> = found.iter().filter(|f| f.starts_with("app/db")).collect();
    assert!(
        db.len() == 1 && db[0].contains("v3 (pending)") && db[0].contains("'bob'"),
        "{found:?}"
    );
    assert!(found.iter().any(|f| f.starts_with("app/api")), "{found:?}");
    // Promoted, it is the current finding: rotate.
    repos
        .tresor("a", "alice")
        .args(["promote", "app/db", "3"])
        .ok();
    let found = exposed(&repos, "a");
    assert!(
        found.iter().any(|f| f.starts_with("app/db")
            && f.contains("v3 (current)")
            && f.contains("tresor rotate app/db")),
        "{found:?}"
    );
}
