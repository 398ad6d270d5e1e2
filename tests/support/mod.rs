//! A small harness: an isolated home per test, and a builder over `std::process::Command`
//! that reads like the command a user types.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub mod chain;
pub mod edit;

pub const TRESOR: &str = env!("CARGO_BIN_EXE_tresor");

/// The secrets of `Env::with_two_secrets`: name, version, value.
pub const VALUES: [(&str, u32, &str); 4] = [
    ("s/a", 1, "canary-a1-7f3e"),
    ("s/a", 2, "canary-a2-9c41"),
    ("s/b", 1, "canary-b1-52d8"),
    ("s/b", 2, "canary-b2-e06a"),
];

/// Every value of `VALUES`, for leak checks.
pub fn all_values() -> Vec<&'static str> {
    VALUES.iter().map(|(_, _, value)| *value).collect()
}

/// A temporary folder with its own HOME and XDG folders, so no test sees another's
/// (or the developer's) default identity or vault.
pub struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "config", "data"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        Env { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn vault(&self) -> PathBuf {
        self.path("vault.toml")
    }

    pub fn audit_log(&self) -> PathBuf {
        self.path("vault.audit.jsonl")
    }

    /// `tresor ARGS…` run in the folder, with a clean environment.
    pub fn tresor(&self) -> Run {
        self.through(&[])
    }

    /// `WRAPPER… tresor ARGS…` (e.g. `setpriv …` or `sh -c '…; exec "$0" "$@"'`), with
    /// the same clean environment as `tresor()`.
    pub fn through(&self, wrapper: &[&str]) -> Run {
        let mut command = match wrapper.split_first() {
            None => Command::new(TRESOR),
            Some((program, rest)) => {
                let mut command = Command::new(program);
                command.args(rest).arg(TRESOR);
                command
            }
        };
        command
            .current_dir(self.root())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("USER", "tester")
            .env("CI", "1");
        Run {
            command,
            stdin: Vec::new(),
        }
    }

    /// `tresor` acting with the identity file `key` (relative to the folder).
    pub fn as_(&self, key: &str) -> Run {
        self.tresor().env("TRESOR_IDENTITY", self.path(key))
    }

    /// A new plain identity written by `tresor identity new --out NAME.key`; returns its recipient.
    pub fn identity(&self, name: &str) -> String {
        let out = self
            .tresor()
            .args(["identity", "new", "--out"])
            .arg(format!("{name}.key"))
            .ok();
        out.stdout_text().trim().to_string()
    }

    /// A vault whose admin is `alice` (identity `alice.key`).
    pub fn with_vault() -> Env {
        Env::with_vault_of("alice")
    }

    /// A vault whose admin is `admin` (identity `ADMIN.key`).
    pub fn with_vault_of(admin: &str) -> Env {
        let env = Env::new();
        env.identity(admin);
        env.as_(&format!("{admin}.key"))
            .args(["init", "--name", admin])
            .ok();
        env
    }

    /// Alice's vault holding `VALUES`: `s/a` and `s/b`, two versions each, the second
    /// current. Its audit log ends with a write.
    pub fn with_two_secrets() -> Env {
        let env = Env::with_vault();
        for (name, version, value) in VALUES {
            if version == 1 {
                env.create(name, value);
            } else {
                env.rotate(name, value);
            }
        }
        env
    }

    /// `printf VALUE | tresor create NAME` as alice.
    pub fn create(&self, name: &str, value: &str) {
        self.as_("alice.key")
            .args(["create", name])
            .stdin(value)
            .ok();
    }

    /// `tresor` acting as alice, the admin of `with_vault()`.
    pub fn alice(&self) -> Run {
        self.as_("alice.key")
    }

    /// `printf VALUE | tresor rotate NAME` as alice.
    pub fn rotate(&self, name: &str, value: &str) {
        self.alice().args(["rotate", name]).stdin(value).ok();
    }

    /// `tresor get NAME --version N` as alice.
    pub fn get_version(&self, name: &str, version: u32) -> Outcome {
        self.alice()
            .args(["get", name, "--version", &version.to_string()])
            .run()
    }

    /// A new folder holding copies of this one's vault, audit log and identities, so
    /// workers can attack the same vault side by side.
    pub fn copy(&self) -> Env {
        let copy = Env::new();
        for entry in std::fs::read_dir(self.root()).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().unwrap().is_file()
                && (name.starts_with("vault.") || name.ends_with(".key"))
            {
                std::fs::copy(entry.path(), copy.path(&name)).unwrap();
            }
        }
        copy
    }

    pub fn read_log(&self) -> String {
        std::fs::read_to_string(self.audit_log()).unwrap()
    }

    pub fn write_log(&self, text: impl AsRef<[u8]>) {
        std::fs::write(self.audit_log(), text).unwrap();
    }

    pub fn read_vault(&self) -> String {
        std::fs::read_to_string(self.vault()).unwrap()
    }

    pub fn write_vault(&self, text: &str) {
        std::fs::write(self.vault(), text).unwrap();
    }
}

pub struct Run {
    command: Command,
    stdin: Vec<u8>,
}

impl Run {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: &str) -> Self {
        self.command.env_remove(key);
        self
    }

    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Self {
        self.stdin = input.as_ref().to_vec();
        self
    }

    pub fn run(mut self) -> Outcome {
        self.command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("spawn tresor");
        let mut stdin = child.stdin.take().unwrap();
        // A command may not read its stdin; a closed pipe is fine.
        let _ = stdin.write_all(&self.stdin);
        drop(stdin);
        let output = child.wait_with_output().unwrap();
        Outcome {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Starts the command with piped stdin, stdout and stderr and returns at once.
    pub fn spawn(mut self) -> Child {
        self.command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        self.command.spawn().expect("spawn tresor")
    }

    /// Runs and insists on success.
    pub fn ok(self) -> Outcome {
        let description = format!("{:?}", self.command);
        let outcome = self.run();
        assert_eq!(
            outcome.code,
            Some(0),
            "{description} failed:\n{}",
            outcome.stderr
        );
        outcome
    }

    /// Runs and insists on exit `code`, with one error line on stderr and no panic.
    pub fn fails(self, code: i32) -> Outcome {
        let description = format!("{:?}", self.command);
        let outcome = self.run();
        assert_eq!(
            outcome.code,
            Some(code),
            "{description}: expected exit {code}\nstderr: {}",
            outcome.stderr
        );
        assert!(
            !outcome.stderr.contains("panicked"),
            "{description} panicked:\n{}",
            outcome.stderr
        );
        assert!(
            !outcome.stderr.trim().is_empty(),
            "{description} failed without a message"
        );
        outcome
    }
}

impl Run {
    /// Runs and insists on exit `code` with nothing at all on stdout: a refusal that
    /// discloses nothing.
    pub fn fails_closed(self, code: i32) -> Outcome {
        let outcome = self.fails(code);
        assert!(
            outcome.stdout.is_empty(),
            "exit {code} with output on stdout: {:?}",
            String::from_utf8_lossy(&outcome.stdout)
        );
        outcome
    }
}

pub struct Outcome {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Outcome {
    pub fn stdout_text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.stdout).expect("stdout is JSON")
    }

    /// Panics if any of `secrets` shows in stdout or stderr.
    pub fn assert_discloses_none(&self, secrets: &[&str]) {
        for secret in secrets {
            assert!(
                !contains(&self.stdout, secret.as_bytes()) && !self.stderr.contains(secret),
                "the value {secret:?} leaked:\nstdout: {:?}\nstderr: {}",
                String::from_utf8_lossy(&self.stdout),
                self.stderr
            );
        }
    }
}

/// Whether `haystack` holds `needle` anywhere.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

/// Whether the slow variants run (`TRESOR_LONG_TESTS=1`).
pub fn long_tests() -> bool {
    std::env::var("TRESOR_LONG_TESTS").is_ok_and(|v| v == "1")
}

/// Whether a program is on PATH (the suite needs `age`, `age-keygen`, `git`; `.ci/run` installs them).
pub fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}
