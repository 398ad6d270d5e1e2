//! A small harness: an isolated home per test, and a builder over `std::process::Command`
//! that reads like the command a user types.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const TRESOR: &str = env!("CARGO_BIN_EXE_tresor");

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
        let mut command = Command::new(TRESOR);
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
        let env = Env::new();
        env.identity("alice");
        env.as_("alice.key").args(["init", "--name", "alice"]).ok();
        env
    }

    /// `printf VALUE | tresor create NAME` as alice.
    pub fn create(&self, name: &str, value: &str) {
        self.as_("alice.key")
            .args(["create", name])
            .stdin(value)
            .ok();
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

    /// Starts tresor without waiting for it (for signals), stdout and stderr piped.
    pub fn spawn(mut self) -> std::process::Child {
        self.command
            .stdin(Stdio::null())
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
}

/// The values python-dotenv reads from `path`, as a JSON object of strings.
pub fn python_dotenv(path: &Path) -> serde_json::Value {
    let output = Command::new("python3")
        .args([
            "-c",
            "import dotenv, json, sys; print(json.dumps(dotenv.dotenv_values(sys.argv[1])))",
        ])
        .arg(path)
        .output()
        .expect("python3 runs (.ci/run installs it)");
    assert!(
        output.status.success(),
        "python-dotenv failed (`pip install python-dotenv`; .ci/run does it): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
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
