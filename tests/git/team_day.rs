//! docs/gitops.md, run as written: every `sh` block of the page, in order, each as one
//! `sh -e` script on the machine and in the folder its first line names (`# WHO, in
//! DIR`), with the real `git` and `tresor` on PATH. Each machine is a home folder of
//! its own (identity, git config, pins, read log); the origin is a bare repository.
//! Between blocks the test plays what happens off the page (a fingerprint told out of
//! band, a CI secret stored) and checks what the page says happened.

use crate::support::{Env, TRESOR, have};
use std::collections::BTreeMap;
use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// One `sh` block of the page: whose machine, which folder, the script.
struct Block {
    who: String,
    dir: String,
    script: String,
}

fn blocks(page: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        if line.trim_end() != "```sh" {
            continue;
        }
        let header = lines.next().expect("a block has a first line");
        let (who, dir) = header
            .strip_prefix("# ")
            .and_then(|h| h.split_once(", in "))
            .unwrap_or_else(|| panic!("a block starts with `# WHO, in DIR`: {header}"));
        let script: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        found.push(Block {
            who: who.to_string(),
            dir: dir.trim().to_string(),
            script: script.join("\n"),
        });
    }
    found
}

struct Day {
    env: Env,
    blocks: std::vec::IntoIter<Block>,
    /// Variables set on one machine (or on every one, under "*").
    vars: BTreeMap<(String, String), String>,
}

impl Day {
    fn new() -> Day {
        assert!(have("git"), "the real `git` is needed");
        let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/gitops.md"))
            .unwrap();
        let env = Env::new();
        std::fs::create_dir(env.path("bin")).unwrap();
        if std::fs::hard_link(TRESOR, env.path("bin/tresor")).is_err() {
            std::fs::copy(TRESOR, env.path("bin/tresor")).unwrap();
        }
        // The forge: an empty repository.
        let status = Command::new("git")
            .args(["init", "-q", "--bare", "-b", "main"])
            .arg(env.path("origin.git"))
            .status()
            .unwrap();
        assert!(status.success());
        Day {
            env,
            blocks: blocks(&page).into_iter(),
            vars: BTreeMap::new(),
        }
    }

    fn home(&self, who: &str) -> PathBuf {
        let home = self.env.path(who);
        if !home.exists() {
            std::fs::create_dir_all(&home).unwrap();
            std::fs::write(
                home.join(".gitconfig"),
                format!(
                    "[user]\n\tname = {who}\n\temail = {who}@example.org\n[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n"
                ),
            )
            .unwrap();
        }
        home
    }

    fn set(&mut self, who: &str, name: &str, value: &str) {
        self.vars
            .insert((who.to_string(), name.to_string()), value.to_string());
    }

    /// Runs the next block of the page, which must be `header`'s; returns its stdout
    /// and stderr together.
    fn next(&mut self, header: &str) -> String {
        let block = self
            .blocks
            .next()
            .unwrap_or_else(|| panic!("the page has no block `{header}` left"));
        assert_eq!(
            format!("{}, in {}", block.who, block.dir),
            header,
            "the page and the test differ in order"
        );
        let home = self.home(&block.who);
        let dir = match block.dir.strip_prefix('~') {
            Some(rest) => home.join(rest.trim_start_matches('/')),
            None => panic!("a block runs under a home folder: {}", block.dir),
        };
        let system = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(
            std::iter::once(self.env.path("bin"))
                .chain(std::env::split_paths(&system).filter(|d| !d.join("tresor").exists())),
        )
        .unwrap();
        let mut command = Command::new("sh");
        command
            .args(["-e", "-c", &block.script])
            .current_dir(&dir)
            .env_clear()
            .env("PATH", path)
            .env("HOME", &home)
            .env("CI", "1")
            .env("ORIGIN", self.env.path("origin.git"));
        for ((who, name), value) in &self.vars {
            if who == &block.who || who == "*" {
                command.env(name, value);
            }
        }
        let out = command.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success(),
            "the block `{header}` failed:\n{}\n---\n{text}",
            block.script
        );
        text
    }

    fn finish(mut self) {
        if let Some(block) = self.blocks.next() {
            panic!(
                "the page has a block the test does not run: {}, in {}",
                block.who, block.dir
            );
        }
    }

    fn tresor_json(&self, who: &str, dir: &str, args: &[&str]) -> serde_json::Value {
        let home = self.home(who);
        let out = Command::new(TRESOR)
            .args(args)
            .arg("--json")
            .current_dir(home.join(dir))
            .env_clear()
            .env("HOME", &home)
            .env("CI", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn fingerprint(output: &str) -> String {
    let start = output.find("key SHA256:").expect("a fingerprint") + "key ".len();
    output[start..]
        .split(')')
        .next()
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn the_team_day_in_the_docs_runs_as_written() {
    let mut day = Day::new();
    day.next("carol, in ~");
    day.next("carol, in ~/shop");

    // Each newcomer tells carol the fingerprint `recipient request` printed.
    let alice = day.next("alice, in ~");
    day.set("carol", "ALICE_FINGERPRINT", &fingerprint(&alice));
    let bob = day.next("bob, in ~");
    day.set("carol", "BOB_FINGERPRINT", &fingerprint(&bob));

    let approved = day.next("carol, in ~/shop");
    assert!(approved.contains(&fingerprint(&alice)) && approved.contains(&fingerprint(&bob)));
    // The CI identity goes to the CI's secret store; the file is deleted.
    let ci_key = day.env.path("carol/ci.key");
    let key = std::fs::read_to_string(&ci_key).unwrap();
    std::fs::remove_file(&ci_key).unwrap();
    day.set("ci", "TRESOR_IDENTITY_KEY", &key);
    let root = approved
        .lines()
        .find_map(|l| l.strip_prefix("root:"))
        .expect("trust show prints the root")
        .trim()
        .to_string();
    day.set("ci", "TRESOR_EXPECT_ROOT", &root);

    let alice = day.next("alice, in ~/shop");
    assert!(
        alice
            .lines()
            .any(|l| l.contains(" local ") && l.contains(" read ") && l.contains("dev/api-key")),
        "{alice}"
    );
    day.next("bob, in ~/shop");

    let diff = day.next("carol, in ~/shop");
    assert!(diff.contains("+  alias pending -> v2"), "{diff}");
    assert!(diff.contains(" by alice "), "{diff}");
    assert!(!diff.contains("YWdl"), "no base64 in the diff: {diff}");

    let forge = day.next("forge, in ~");
    assert!(forge.contains("CONFLICT"), "{forge}");

    let review = day.next("carol, in ~");
    assert!(review.contains("CONFLICT"), "{review}");
    assert!(review.contains("tresor git resolve"), "{review}");
    // Both pull requests are in main: alice's staged password and bob's rotation.
    let db = day.tresor_json("carol", "review", &["show", "prod/db"]);
    assert_eq!(db["versions"].as_array().unwrap().len(), 2, "{db}");
    let api = day.tresor_json("carol", "review", &["show", "dev/api-key"]);
    let versions = api["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2, "{api}");
    assert_eq!(versions[1]["author"], "bob", "{api}");

    // The runner's system log.
    let socket = day.env.path("ci-syslog.sock");
    let syslog = UnixDatagram::bind(&socket).unwrap();
    syslog
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    day.set("ci", "TRESOR_SYSLOG_SOCKET", socket.to_str().unwrap());
    let ci = day.next("ci, in ~");
    assert!(!ci.contains("warning"), "{ci}");
    let mut buffer = vec![0u8; 65536];
    let n = syslog
        .recv(&mut buffer)
        .expect("the read reaches the system log");
    let message = String::from_utf8_lossy(&buffer[..n]).into_owned();
    assert!(
        message.contains(" tresor ")
            && message.contains("\"event\":\"read\"")
            && message.contains("\"principal\":\"ci-deploy\"")
            && message.contains("prod/db"),
        "{message}"
    );

    let evening = day.next("carol, in ~/shop");
    assert!(
        evening.contains("exposed") && evening.contains("'bob'"),
        "{evening}"
    );
    day.finish();
}
