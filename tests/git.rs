//! The vault in git, with the real `git`: two clones of one repository, changes on
//! both, `git pull` merging through tresor's drivers, readable diffs, onboarding by
//! pull request.

use crate::support::{Env, Run, TRESOR, have};
use std::path::{Path, PathBuf};
use std::process::Command;

mod exposure;
mod policy;
mod reads;
mod team_day;

/// A bare origin and clones of it, each a folder of its own, all in one temp folder.
struct Repos {
    env: Env,
}

impl Repos {
    /// An origin holding a vault (admin alice) with two secrets, cloned as `a` and `b`.
    fn new() -> Repos {
        assert!(
            have("git"),
            "the real `git` is needed (bash .ci/run installs it)"
        );
        let env = Env::new();
        env.identity("alice");
        // tresor as installed: on PATH, where git finds it to run the drivers.
        std::fs::create_dir(env.path("bin")).unwrap();
        if std::fs::hard_link(TRESOR, env.path("bin/tresor")).is_err() {
            std::fs::copy(TRESOR, env.path("bin/tresor")).unwrap();
        }
        let repos = Repos { env };
        repos.git(
            repos.root(),
            &["init", "-q", "--bare", "-b", "main", "origin.git"],
        );
        repos.git(repos.root(), &["clone", "-q", "origin.git", "a"]);
        repos
            .tresor("a", "alice")
            .args(["init", "--name", "alice"])
            .ok();
        repos.setup("a");
        repos
            .tresor("a", "alice")
            .args(["create", "app/db"])
            .stdin("db-v1")
            .ok();
        repos
            .tresor("a", "alice")
            .args(["create", "app/api"])
            .stdin("api-v1")
            .ok();
        repos.commit("a", "a vault");
        repos.git(&repos.dir("a"), &["push", "-q", "origin", "main"]);
        repos.clone_as("b");
        repos
    }

    fn root(&self) -> &Path {
        self.env.root()
    }

    fn dir(&self, clone: &str) -> PathBuf {
        self.env.path(clone)
    }

    fn clone_as(&self, clone: &str) {
        self.git(self.root(), &["clone", "-q", "origin.git", clone]);
        self.setup(clone);
    }

    /// `tresor git setup` in a clone, run as `tresor` from PATH, as a user runs it.
    fn setup(&self, clone: &str) -> crate::support::Outcome {
        self.env
            .through(&["sh", "-c", "exec tresor \"$@\""])
            .env("PATH", self.path())
            .env("TRESOR_IDENTITY", self.env.path("alice.key"))
            .env("TRESOR_VAULT", self.dir(clone).join("vault.toml"))
            .args(["git", "setup"])
            .ok()
    }

    /// PATH with the folders tresor is installed in (`bin`, and `bin2` it may move to)
    /// first, then the system's folders without any other tresor.
    fn path(&self) -> std::ffi::OsString {
        let system = std::env::var_os("PATH").unwrap_or_default();
        let folders = [self.env.path("bin"), self.env.path("bin2")]
            .into_iter()
            .chain(std::env::split_paths(&system).filter(|dir| !dir.join("tresor").exists()));
        std::env::join_paths(folders).unwrap()
    }

    fn git_command(&self, dir: &Path, identity: &str) -> Command {
        let mut command = Command::new("git");
        command
            .current_dir(dir)
            .env("HOME", self.env.path("home"))
            .env("XDG_CONFIG_HOME", self.env.path("config"))
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .env("TRESOR_IDENTITY", self.env.path(&format!("{identity}.key")))
            .env("XDG_DATA_HOME", self.data(dir))
            .env("PATH", self.path())
            .env("CI", "1");
        command
    }

    /// Each clone is a machine of its own: its own data folder, so its own pins.
    fn data(&self, dir: &Path) -> PathBuf {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let data = self.env.path(&format!("data-{name}"));
        std::fs::create_dir_all(&data).unwrap();
        data
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        self.git_as(dir, "alice", args)
    }

    fn git_as(&self, dir: &Path, identity: &str, args: &[&str]) -> String {
        let out = self.git_command(dir, identity).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `git pull`, which may fail (a conflict): returns (success, output).
    fn pull(&self, clone: &str, identity: &str) -> (bool, String) {
        let out = self
            .git_command(&self.dir(clone), identity)
            .args(["pull", "-q", "--no-rebase", "origin", "main"])
            .output()
            .unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    }

    fn commit(&self, clone: &str, message: &str) {
        self.git(&self.dir(clone), &["add", "-A"]);
        self.git(&self.dir(clone), &["commit", "-q", "-m", message]);
    }

    fn push(&self, clone: &str) {
        self.git(&self.dir(clone), &["push", "-q", "origin", "main"]);
    }

    /// `tresor` run in a clone as `identity` (the binary under test, by its path).
    fn tresor(&self, clone: &str, identity: &str) -> Run {
        self.env
            .tresor()
            .env("TRESOR_IDENTITY", self.env.path(&format!("{identity}.key")))
            .env("TRESOR_VAULT", self.dir(clone).join("vault.toml"))
            .env("XDG_DATA_HOME", self.data(&self.dir(clone)))
    }

    fn vault_text(&self, clone: &str) -> String {
        std::fs::read_to_string(self.dir(clone).join("vault.toml")).unwrap()
    }

    /// Applies `policy` in a clone as alice, and commits it.
    fn set_policy(&self, clone: &str, policy: &str, message: &str) {
        let file = self.env.path(&format!("{clone}-policy.toml"));
        std::fs::write(&file, policy).unwrap();
        self.tresor(clone, "alice")
            .arg("policy")
            .arg("set")
            .arg(&file)
            .ok();
        self.commit(clone, message);
    }

    /// The policy of a clone, as `policy show` prints it.
    fn policy(&self, clone: &str) -> String {
        self.tresor(clone, "alice")
            .args(["policy", "show"])
            .ok()
            .stdout_text()
    }

    /// The events of a clone's log, the other branch's lines a merge carried included.
    fn events(&self, clone: &str) -> Vec<serde_json::Value> {
        let log = std::fs::read_to_string(self.dir(clone).join("vault.audit.jsonl")).unwrap();
        log.lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
            .map(|event| match event["line"].as_str() {
                Some(inner) if event["event"] == "carried" => serde_json::from_str(inner).unwrap(),
                _ => event,
            })
            .collect()
    }

    fn get(&self, clone: &str, args: &[&str]) -> String {
        let out = self.tresor(clone, "alice").arg("get").args(args).ok();
        String::from_utf8(out.stdout).unwrap()
    }

    fn head(&self, clone: &str) -> String {
        self.tresor(clone, "alice")
            .args(["audit", "head"])
            .ok()
            .stdout_text()
            .trim()
            .to_string()
    }
}

#[test]
fn setup_is_idempotent() {
    let repos = Repos::new();
    let again = repos.setup("a");
    assert!(again.stdout_text().contains("nothing changed"));
    let attributes = std::fs::read_to_string(repos.dir("a").join(".gitattributes")).unwrap();
    assert_eq!(attributes.matches("merge=tresor diff=tresor").count(), 1);
    let driver = repos.git(&repos.dir("a"), &["config", "--get", "merge.tresor.driver"]);
    assert_eq!(driver.trim(), "tresor git merge %O %A %B %P");
}

#[test]
fn different_secrets_on_two_branches_merge_cleanly() {
    let repos = Repos::new();
    repos
        .tresor("a", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-v2-from-a")
        .ok();
    repos
        .tresor("a", "alice")
        .args(["create", "app/b1"])
        .stdin("b1-from-a")
        .ok();
    repos.commit("a", "a rotates db");
    repos.push("a");
    repos
        .tresor("b", "alice")
        .args(["rotate", "app/api"])
        .stdin("api-v2-from-b")
        .ok();
    repos
        .tresor("b", "alice")
        .args(["create", "app/b2"])
        .stdin("b2-from-b")
        .ok();
    repos.commit("b", "b rotates api");
    let head_before = repos.head("b");
    let (merged, output) = repos.pull("b", "alice");
    assert!(merged, "{output}");
    assert!(
        !std::fs::read_to_string(repos.dir("b").join("vault.toml"))
            .unwrap()
            .contains("<<<<<<<")
    );
    assert_eq!(repos.get("b", &["app/db"]), "db-v2-from-a");
    assert_eq!(repos.get("b", &["app/api"]), "api-v2-from-b");
    assert_eq!(repos.get("b", &["app/b1"]), "b1-from-a");
    assert_eq!(repos.get("b", &["app/b2"]), "b2-from-b");
    repos.tresor("b", "alice").args(["audit", "verify"]).ok();
    // Heads published on either branch before the merge still verify.
    repos
        .tresor("b", "alice")
        .args(["audit", "verify", "--expect-head", &head_before])
        .ok();
    let head_a = repos.head("a");
    repos
        .tresor("b", "alice")
        .args(["audit", "verify", "--expect-head", &head_a])
        .ok();
    // Every event of both sides is in the merged log exactly once (theirs carried,
    // signatures intact), then one merge event.
    let events = repos.events("b");
    for secret in ["app/b1", "app/b2"] {
        assert_eq!(
            events
                .iter()
                .filter(|e| e["secret"] == secret && e["event"] == "create")
                .count(),
            1,
            "{secret}"
        );
    }
    assert_eq!(events.iter().filter(|e| e["event"] == "merge").count(), 1);
    // The merge pushes, and the other clone fast-forwards to it.
    repos.push("b");
    let (pulled, output) = repos.pull("a", "alice");
    assert!(pulled, "{output}");
    assert_eq!(repos.get("a", &["app/api"]), "api-v2-from-b");
}

#[test]
fn the_same_secret_rotated_on_both_sides_keeps_both_values() {
    let repos = Repos::new();
    repos
        .tresor("a", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-from-a")
        .ok();
    repos.commit("a", "a rotates");
    repos.push("a");
    repos
        .tresor("b", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-from-b")
        .ok();
    repos.commit("b", "b rotates");
    let (merged, output) = repos.pull("b", "alice");
    assert!(merged, "{output}");
    // Ours stays current; theirs is renumbered after ours and reachable as pending.
    assert_eq!(repos.get("b", &["app/db"]), "db-from-b");
    assert_eq!(
        repos.get("b", &["app/db", "--alias", "pending"]),
        "db-from-a"
    );
    assert_eq!(repos.get("b", &["app/db", "--version", "3"]), "db-from-a");
    assert_eq!(repos.get("b", &["app/db", "--version", "1"]), "db-v1");
    let show = repos
        .tresor("b", "alice")
        .args(["show", "app/db", "--json"])
        .ok()
        .json();
    assert_eq!(show["versions"].as_array().unwrap().len(), 3);
    repos.tresor("b", "alice").args(["audit", "verify"]).ok();
}

#[test]
fn destroying_on_both_sides_is_idempotent() {
    let repos = Repos::new();
    repos
        .tresor("a", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-v2")
        .ok();
    repos.commit("a", "v2");
    repos.push("a");
    repos.pull("b", "alice");
    for clone in ["a", "b"] {
        let out = repos
            .tresor(clone, "alice")
            .args(["destroy", "app/db", "--version", "1", "--yes"])
            .ok();
        assert!(
            out.stderr.contains("git"),
            "destroy on a tracked vault warns about history: {}",
            out.stderr
        );
        repos.commit(clone, "destroy v1");
    }
    repos.push("a");
    let (merged, output) = repos.pull("b", "alice");
    assert!(merged, "{output}");
    let show = repos
        .tresor("b", "alice")
        .args(["show", "app/db", "--json"])
        .ok()
        .json();
    assert_eq!(show["versions"][0]["state"], "destroyed");
    assert_eq!(repos.get("b", &["app/db"]), "db-v2");
}

#[test]
fn a_merger_without_keys_gets_a_plain_conflict_and_a_reason() {
    let repos = Repos::new();
    repos.env.identity("mallory");
    repos
        .tresor("a", "alice")
        .args(["rotate", "app/db"])
        .stdin("x")
        .ok();
    repos.commit("a", "a");
    repos.push("a");
    repos
        .tresor("b", "alice")
        .args(["rotate", "app/api"])
        .stdin("y")
        .ok();
    repos.commit("b", "b");
    let ours = repos.vault_text("b");
    let (merged, output) = repos.pull("b", "mallory");
    assert!(!merged);
    assert!(output.contains("not a principal"), "{output}");
    assert_eq!(repos.vault_text("b"), ours, "ours is left as it was");
}

#[test]
fn a_branch_with_changes_nobody_signed_is_not_merged() {
    let repos = Repos::new();
    // On a branch, the vault edited by hand: an owner changed, a reader added to a keyring.
    let text = repos.vault_text("a");
    let edited = text.replacen(
        "[secrets.\"app/db\"]\n",
        "[secrets.\"app/db\"]\nowner = \"mallory\"\n",
        1,
    );
    std::fs::write(repos.dir("a").join("vault.toml"), &edited).unwrap();
    repos.commit("a", "an innocent-looking change");
    repos.push("a");
    repos
        .tresor("b", "alice")
        .args(["rotate", "app/api"])
        .stdin("api-b")
        .ok();
    repos.commit("b", "b");
    let ours = repos.vault_text("b");
    let (merged, output) = repos.pull("b", "alice");
    assert!(!merged, "{output}");
    assert!(output.contains("does not verify"), "{output}");
    assert_eq!(repos.vault_text("b"), ours, "ours is left as it was");
    assert_eq!(repos.get("b", &["app/api"]), "api-b");
}

#[test]
fn a_branch_where_a_principal_exceeds_its_rights_is_not_merged() {
    let repos = Repos::new();
    // bob may rotate app/api only; on his branch he also makes himself an admin, signing
    // the change with his own key (a modified tresor would).
    repos.env.identity("bob");
    let signing = repos
        .tresor("a", "bob")
        .args(["identity", "show"])
        .ok()
        .stdout_text();
    let bob_signing = signing
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let bob_recipient = signing
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    repos
        .tresor("a", "alice")
        .args(["recipient", "add", "bob", &bob_recipient, &bob_signing])
        .ok();
    let policy = repos
        .tresor("a", "alice")
        .args(["policy", "show"])
        .ok()
        .stdout_text();
    repos.set_policy(
        "a",
        &format!("{policy}\n[[rule]]\nwho = [\"bob\"]\ncan = [\"rotate\"]\non = [\"app/api\"]\n"),
        "bob rotates app/api",
    );
    repos.push("a");
    repos.pull("b", "alice");
    let text = repos.vault_text("a");
    let mut vault = match tresor::vault::format::parse(&text, "a").unwrap() {
        tresor::vault::format::Parsed::Current(vault) => *vault,
        tresor::vault::format::Parsed::Legacy(_) => unreachable!(),
    };
    vault
        .trust
        .policy
        .groups
        .get_mut("admins")
        .unwrap()
        .push("bob".parse().unwrap());
    let mut event = tresor::audit::AuditEvent::new("policy", Some("bob"));
    event.base = Some(vault.head.to_string());
    event.trust = Some(tresor::trust::document::to_document(&vault.trust));
    let bob = tresor::identity::Identity::parse_plain(
        &std::fs::read_to_string(repos.env.path("bob.key")).unwrap(),
        "bob",
    )
    .unwrap();
    vault.head = tresor::audit::AuditLog::open(&repos.dir("a").join("vault.audit.jsonl"))
        .unwrap()
        .append(event, Some(&bob.signing_key()))
        .unwrap();
    std::fs::write(
        repos.dir("a").join("vault.toml"),
        tresor::vault::format::render(&vault),
    )
    .unwrap();
    repos.commit("a", "bob's branch");
    repos.push("a");
    repos
        .tresor("b", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-b")
        .ok();
    repos.commit("b", "b");
    let ours = repos.vault_text("b");
    let (merged, output) = repos.pull("b", "alice");
    assert!(!merged, "{output}");
    assert!(output.contains("not an admin"), "{output}");
    assert_eq!(repos.vault_text("b"), ours, "ours is left as it was");
}

#[test]
fn diffs_are_readable_and_hold_no_base64_or_value() {
    let repos = Repos::new();
    repos
        .tresor("a", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-canary-v2")
        .ok();
    repos.commit("a", "rotate");
    let diff = repos.git(
        &repos.dir("a"),
        &["diff", "HEAD~1", "HEAD", "--", "vault.toml"],
    );
    let added: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect();
    assert!(added.iter().any(|l| l.contains("v2 active")), "{diff}");
    assert!(
        added.len() <= 4,
        "a rotation is a few readable lines: {diff}"
    );
    assert!(!diff.contains("YWdl"), "no base64 of age files: {diff}");
    assert!(!diff.contains("db-canary-v2"));
    // Beside it, the log's readable diff says who signed the change, and by what right.
    let log_diff = repos.git(
        &repos.dir("a"),
        &["diff", "HEAD~1", "HEAD", "--", "vault.audit.jsonl"],
    );
    assert!(
        log_diff.lines().any(|l| l.starts_with('+')
            && l.contains("rotate")
            && l.contains("by right rotate")
            && l.contains("signed by alice")),
        "{log_diff}"
    );
    let log = repos.git(&repos.dir("a"), &["log", "-p", "--", "vault.toml"]);
    assert!(!log.contains("YWdl") && !log.contains("db-v1"));
}

#[test]
fn onboarding_by_pull_request() {
    let repos = Repos::new();
    let policy = repos
        .tresor("a", "alice")
        .args(["policy", "show"])
        .ok()
        .stdout_text();
    let policy = format!(
        "{}\n[[rule]]\nwho = [\"group:readers\"]\ncan = [\"read\"]\non = [\"app/**\"]\n",
        policy.replace("[groups]\n", "[groups]\nreaders = []\n")
    );
    std::fs::write(repos.env.path("p.toml"), policy).unwrap();
    repos
        .tresor("a", "alice")
        .arg("policy")
        .arg("set")
        .arg(repos.env.path("p.toml"))
        .ok();
    repos.commit("a", "a readers group");
    repos.push("a");

    // bob, a newcomer, asks with his own identity and opens a pull request.
    repos.env.identity("bob");
    repos.clone_as("bob");
    repos.tresor("bob", "bob").args(["get", "app/db"]).fails(7);
    let request = repos
        .tresor("bob", "bob")
        .args(["recipient", "request", "bob", "--json"])
        .ok()
        .json();
    let fingerprint = request["fingerprint"].as_str().unwrap().to_string();
    repos.commit("bob", "bob asks for access");
    repos.push("bob");

    // alice reviews, approves into the readers group, and pushes.
    repos.pull("a", "alice");
    let listed = repos
        .tresor("a", "alice")
        .args(["recipient", "list", "--json"])
        .ok()
        .json();
    assert!(listed.as_array().unwrap().iter().any(|p| p["name"] == "bob"
        && p["state"] == "requested"
        && p["fingerprint"] == fingerprint.as_str()));
    // The reviewer sees the request and its key's fingerprint in the readable diff.
    let diff = repos.git(
        &repos.dir("a"),
        &["diff", "HEAD~1", "HEAD", "--", "vault.toml"],
    );
    assert!(
        diff.contains("request bob") && diff.contains(&fingerprint),
        "{diff}"
    );
    let log_diff = repos.git(
        &repos.dir("a"),
        &["diff", "HEAD~1", "HEAD", "--", "vault.audit.jsonl"],
    );
    assert!(
        log_diff.contains(&format!("signed by the key {fingerprint}")),
        "{log_diff}"
    );
    repos
        .tresor("a", "alice")
        .args([
            "recipient",
            "approve",
            "bob",
            &fingerprint,
            "--group",
            "readers",
        ])
        .ok();
    repos.commit("a", "approve bob");
    repos.push("a");

    repos.pull("bob", "bob");
    assert_eq!(
        String::from_utf8(
            repos
                .tresor("bob", "bob")
                .args(["get", "app/db"])
                .ok()
                .stdout
        )
        .unwrap(),
        "db-v1"
    );
    let log = std::fs::read_to_string(repos.dir("bob").join("vault.audit.jsonl")).unwrap();
    assert!(log.contains("\"event\":\"request\""));
    assert!(log.contains("approved the request of"));
    repos.tresor("bob", "bob").args(["audit", "verify"]).ok();
}

#[test]
fn the_drivers_keep_working_when_the_binary_moves() {
    let repos = Repos::new();
    let config = repos.git(&repos.dir("a"), &["config", "--local", "--list"]);
    let registered: Vec<&str> = config.lines().filter(|l| l.contains("tresor")).collect();
    assert_eq!(registered.len(), 6, "{config}");
    for line in registered {
        assert!(!line.contains('/'), "a path in .git/config: {line}");
    }
    // An upgrade puts tresor in another folder on PATH; the old one is gone.
    std::fs::create_dir(repos.env.path("bin2")).unwrap();
    std::fs::rename(repos.env.path("bin/tresor"), repos.env.path("bin2/tresor")).unwrap();
    std::fs::remove_dir(repos.env.path("bin")).unwrap();

    repos
        .tresor("a", "alice")
        .args(["create", "app/from-a"])
        .stdin("a-1")
        .ok();
    repos.commit("a", "a adds a secret");
    repos.push("a");
    repos
        .tresor("b", "alice")
        .args(["create", "app/from-b"])
        .stdin("b-1")
        .ok();
    repos.commit("b", "b adds a secret");
    let (merged, output) = repos.pull("b", "alice");
    assert!(merged, "the driver did not run: {output}");
    assert_eq!(repos.get("b", &["app/from-a"]), "a-1");
    assert_eq!(repos.get("b", &["app/from-b"]), "b-1");
    let diff = repos.git(&repos.dir("b"), &["diff", "HEAD~1", "--", "vault.toml"]);
    assert!(diff.contains("app/from-a"), "{diff}");
    repos.tresor("b", "alice").args(["audit", "verify"]).ok();
}

#[test]
fn the_lock_and_temp_files_stay_out_of_git() {
    let repos = Repos::new();
    let ignore = std::fs::read_to_string(repos.dir("b").join(".gitignore")).unwrap();
    assert!(ignore.contains("/vault.toml.lock\n") && ignore.contains("/.tresor-*.tmp\n"));
    for clone in ["a", "b"] {
        repos.tresor(clone, "alice").args(["list"]).ok();
        assert!(repos.dir(clone).join("vault.toml.lock").is_file());
        std::fs::write(repos.dir(clone).join(".tresor-Ab12Cd.tmp"), "half a vault").unwrap();
        let status = repos.git(
            &repos.dir(clone),
            &["status", "--porcelain", "--ignored=no"],
        );
        assert_eq!(status, "", "{clone}");
        let tracked = repos.git(&repos.dir(clone), &["ls-files"]);
        assert!(
            !tracked.contains(".lock") && !tracked.contains(".tmp"),
            "{tracked}"
        );
    }
    // Setup again adds nothing.
    assert!(repos.setup("b").stdout_text().contains("nothing changed"));
    let again = std::fs::read_to_string(repos.dir("b").join(".gitignore")).unwrap();
    assert_eq!(again, ignore);
}

#[test]
fn setup_says_when_tresor_is_not_on_path_or_the_lock_is_tracked() {
    let env = Env::new();
    env.identity("alice");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(env.path("repo"))
            .env("HOME", env.path("home"))
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    std::fs::create_dir(env.path("repo")).unwrap();
    git(&["init", "-q", "-b", "main"]);
    let tresor = || {
        env.as_("alice.key")
            .env("TRESOR_VAULT", env.path("repo/vault.toml"))
    };
    tresor().args(["init", "--name", "alice"]).ok();
    // Committed before anyone ran setup: the lock file with it.
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "a vault"]);
    let system = std::env::var_os("PATH").unwrap_or_default();
    let without_tresor = std::env::join_paths(
        std::env::split_paths(&system).filter(|dir| !dir.join("tresor").exists()),
    )
    .unwrap();
    let out = tresor()
        .env("PATH", &without_tresor)
        .args(["git", "setup"])
        .ok();
    assert!(
        out.stderr.contains("no `tresor` is on PATH"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(TRESOR), "{}", out.stderr);
    assert!(
        out.stderr.contains("git rm --cached") && out.stderr.contains("vault.toml.lock"),
        "{}",
        out.stderr
    );
    let json = tresor()
        .env("PATH", &without_tresor)
        .args(["git", "setup", "--json"])
        .ok()
        .json();
    assert_eq!(json["tresor_on_path"], false);
    // With tresor on PATH and the lock untracked, setup is quiet.
    git(&["rm", "-q", "--cached", "vault.toml.lock"]);
    let bin = std::path::Path::new(TRESOR).parent().unwrap();
    let mut with_tresor = vec![bin.to_path_buf()];
    with_tresor.extend(std::env::split_paths(&without_tresor));
    let out = tresor()
        .env("PATH", std::env::join_paths(with_tresor).unwrap())
        .args(["git", "setup"])
        .ok();
    assert_eq!(out.stderr, "");
}

#[test]
fn a_merge_without_the_driver_is_finished_by_git_resolve() {
    let repos = Repos::new();
    // A fresh clone that never ran `tresor git setup`: git merges the files as text.
    repos.git(repos.root(), &["clone", "-q", "origin.git", "c"]);
    repos
        .tresor("a", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-from-a")
        .ok();
    repos.commit("a", "a rotates db");
    repos.push("a");
    repos
        .tresor("c", "alice")
        .args(["rotate", "app/api"])
        .stdin("api-from-c")
        .ok();
    repos.commit("c", "c rotates api");
    let (merged, output) = repos.pull("c", "alice");
    assert!(!merged, "git merged the vault as text: {output}");
    assert!(repos.vault_text("c").contains("<<<<<<< "));
    for args in [&["get", "app/db"][..], &["list"], &["rotate", "app/api"]] {
        repos
            .tresor("c", "alice")
            .args(args)
            .stdin("x")
            .fails_closed(6)
            .error_says(&["tresor git resolve"]);
    }
    repos
        .tresor("c", "alice")
        .current_dir(repos.dir("c"))
        .args(["git", "resolve"])
        .ok();
    repos.git(&repos.dir("c"), &["commit", "-q", "--no-edit"]);
    assert_eq!(repos.get("c", &["app/db"]), "db-from-a");
    assert_eq!(repos.get("c", &["app/api"]), "api-from-c");
    repos.tresor("c", "alice").args(["audit", "verify"]).ok();
    // Pushed, the other clones take it as it is.
    repos.push("c");
    let (pulled, output) = repos.pull("a", "alice");
    assert!(pulled, "{output}");
    assert_eq!(repos.get("a", &["app/api"]), "api-from-c");
    repos.tresor("a", "alice").args(["audit", "verify"]).ok();
}

#[test]
fn a_rotation_plan_set_on_one_branch_merges_with_changes_on_the_other() {
    let repos = Repos::new();
    repos
        .tresor("a", "alice")
        .args([
            "rotation",
            "set",
            "app/db",
            "--postgres",
            "app/api",
            "--role",
            "app",
        ])
        .ok();
    repos.commit("a", "a plans app/db");
    repos.push("a");
    repos
        .tresor("b", "alice")
        .args(["rotate", "app/api"])
        .stdin("api-v2-from-b")
        .ok();
    repos.commit("b", "b rotates api");
    let (merged, output) = repos.pull("b", "alice");
    assert!(merged, "{output}");
    let status = repos
        .tresor("b", "alice")
        .args(["rotation", "status", "app/db", "--json"])
        .ok()
        .json();
    assert_eq!(status["plan"]["admin"], "app/api");
    assert_eq!(repos.get("b", &["app/api"]), "api-v2-from-b");
    repos.tresor("b", "alice").args(["audit", "verify"]).ok();
    // The same plan changed two ways is a conflict, not a silent pick.
    repos.push("b");
    repos.pull("a", "alice");
    repos
        .tresor("a", "alice")
        .args([
            "rotation",
            "set",
            "app/db",
            "--postgres",
            "app/api",
            "--role",
            "app",
            "--overlap",
            "2h",
        ])
        .ok();
    repos.commit("a", "a: 2h");
    repos.push("a");
    repos
        .tresor("b", "alice")
        .args([
            "rotation",
            "set",
            "app/db",
            "--postgres",
            "app/api",
            "--role",
            "app",
            "--overlap",
            "3h",
        ])
        .ok();
    repos.commit("b", "b: 3h");
    let (merged, output) = repos.pull("b", "alice");
    assert!(!merged, "{output}");
    assert!(output.contains("rotation plan"), "{output}");
}
