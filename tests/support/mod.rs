//! A small harness: an isolated home per test, and a builder over `std::process::Command`
//! that reads like the command a user types.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

pub const TRESOR: &str = env!("CARGO_BIN_EXE_tresor");

/// Every value the suite stores contains this, so the harness can check that no
/// command ever prints one on stderr (and tests can look for it anywhere else).
pub const CANARY: &str = "CANARY";

/// What an age secret key starts with; a key must never reach stderr either.
pub const SECRET_KEY_PREFIX: &str = "AGE-SECRET-KEY-1";

/// Whether `text` holds (most of) an age secret key: the prefix and at least 20 more
/// Bech32 characters, in any case. The bare prefix, as in a hint, is fine.
pub fn holds_secret_key(text: &str) -> bool {
    const BECH32: &str = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
    let upper = text.to_uppercase();
    upper.match_indices(SECRET_KEY_PREFIX).any(|(at, prefix)| {
        upper[at + prefix.len()..]
            .chars()
            .take_while(|c| BECH32.contains(*c))
            .count()
            >= 20
    })
}

/// The unprivileged user that read-only cases run as (root ignores file modes).
const NOBODY: &str = "65534";

pub mod chain;
pub mod edit;
pub mod rng;

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
        Env::in_dir(tempfile::tempdir().expect("temp dir"))
    }

    /// Like `new`, but in /dev/shm (a tmpfs) where there is one, and on disk otherwise:
    /// fsync costs nothing there, so a load test measures tresor, not the disk.
    pub fn in_memory() -> Env {
        match tempfile::tempdir_in("/dev/shm") {
            Ok(dir) => Env::in_dir(dir),
            Err(_) => Env::new(),
        }
    }

    /// Whether the folder is on a tmpfs.
    pub fn is_in_memory(&self) -> bool {
        self.root().starts_with("/dev/shm")
    }

    fn in_dir(dir: tempfile::TempDir) -> Env {
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
        self.tresor_via(&[])
    }

    /// `WRAPPER… tresor ARGS…` (e.g. `setpriv …` or `sh -c '…; exec "$0" "$@"'`).
    pub fn through(&self, wrapper: &[&str]) -> Run {
        self.tresor_via(wrapper)
    }

    /// `WRAPPER… tresor ARGS…`: tresor started by another program (setpriv, unshare).
    pub fn tresor_via(&self, wrapper: &[&str]) -> Run {
        let mut command = match wrapper.split_first() {
            Some((program, args)) => {
                let mut command = Command::new(program);
                command.args(args).arg(TRESOR);
                command
            }
            None => Command::new(TRESOR),
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

    /// `tresor ARGS…` acting as alice (identity `alice.key`).
    pub fn alice<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.as_("alice.key").args(args)
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
        Env::new().init_as(admin)
    }

    /// This folder with a vault whose admin is `admin` (identity `ADMIN.key`).
    pub fn init_as(self, admin: &str) -> Env {
        let env = self;
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

    /// A vault holding `name` at version 1 (`CANARY-v1`, previous) and 2 (`CANARY-v2`,
    /// current).
    pub fn with_versions(name: &str) -> Env {
        let env = Env::with_vault();
        env.create(name, "CANARY-v1");
        env.alice(["rotate", name]).stdin("CANARY-v2").ok();
        env
    }

    /// The public keys of the identity file `NAME.key`, as `tresor identity show` prints
    /// them (read without any vault, so nothing is opened or pinned).
    pub fn keys(&self, name: &str) -> Keys {
        let doc = self
            .as_(&format!("{name}.key"))
            .args([
                "identity",
                "show",
                "--json",
                "--vault",
                "no-vault-here/vault.toml",
            ])
            .ok()
            .json();
        let field = |key: &str| {
            doc[key]
                .as_str()
                .expect("identity show names it")
                .to_string()
        };
        Keys {
            recipient: field("recipient"),
            signing: field("signing"),
            fingerprint: field("fingerprint"),
        }
    }

    /// A new identity `NAME.key` (see `identity`) and its public keys.
    pub fn identity_keys(&self, name: &str) -> Keys {
        self.identity(name);
        self.keys(name)
    }

    /// A new principal `name` (identity `NAME.key`) added by alice with its recipient
    /// and its signing key, so it may write what the policy allows; no rule names it.
    pub fn admit(&self, name: &str) -> Keys {
        let keys = self.identity_keys(name);
        self.alice(["recipient", "add", name, &keys.recipient, &keys.signing])
            .ok();
        keys
    }

    /// A new principal `name` (identity `NAME.key`) added by alice with its recipient
    /// alone: it can read what the policy lets it, but cannot sign a write.
    pub fn admit_reader(&self, name: &str) -> Keys {
        let keys = self.identity_keys(name);
        self.alice(["recipient", "add", name, &keys.recipient]).ok();
        keys
    }

    /// A new principal `name` (identity `NAME.key`, with its signing key), added by
    /// alice and allowed by a policy rule to read everything; returns its recipient.
    pub fn add_principal(&self, name: &str) -> String {
        let keys = self.admit(name);
        self.grant(name, "read", "**");
        keys.recipient
    }

    /// Adds a policy rule letting `who` do `action` on `pattern` (after every rule there
    /// is), applied by alice.
    pub fn grant(&self, who: &str, action: &str, pattern: &str) {
        let policy = self.tresor().args(["policy", "show"]).ok().stdout_text();
        let rule =
            format!("\n[[rule]]\nwho = [\"{who}\"]\ncan = [\"{action}\"]\non = [\"{pattern}\"]\n");
        let path = self.path("granted-policy.toml");
        std::fs::write(&path, policy + &rule).unwrap();
        self.alice(["policy", "set"]).arg(&path).ok();
        std::fs::remove_file(path).unwrap();
    }

    /// The vault's id (its `id = "…"` line).
    pub fn vault_id(&self) -> String {
        let vault = self.read_vault();
        let line = vault.lines().find(|l| l.starts_with("id = \""));
        let line = line.expect("the vault names its id");
        line["id = \"".len()..line.len() - 1].to_string()
    }

    /// This machine's read log of the vault: reads, denials and deliveries, which never
    /// go to the committed audit log.
    pub fn reads_path(&self) -> PathBuf {
        self.path("data/tresor/reads")
            .join(format!("{}.jsonl", self.vault_id()))
    }

    /// Every line of this machine's read log, parsed (none when nothing was read yet).
    pub fn reads(&self) -> Vec<serde_json::Value> {
        match std::fs::read_to_string(self.reads_path()) {
            Ok(text) => text
                .lines()
                .map(|line| serde_json::from_str(line).expect("a read log line is JSON"))
                .collect(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => panic!("reading the read log: {err}"),
        }
    }

    /// The events named `event` in this machine's read log.
    pub fn reads_of(&self, event: &str) -> Vec<serde_json::Value> {
        self.reads()
            .into_iter()
            .filter(|line| line["event"] == event)
            .collect()
    }

    /// The events named `event` in the committed audit log.
    pub fn audit_events_of(&self, event: &str) -> Vec<serde_json::Value> {
        self.audit_events()
            .into_iter()
            .filter(|line| line["event"] == event)
            .collect()
    }

    /// Where this machine pins the vault's root and last verified head.
    pub fn pin_path(&self) -> PathBuf {
        self.path("data/tresor/trust")
            .join(format!("{}.pin", self.vault_id()))
    }

    /// `tresor ARGS…` on another machine that shares this folder (a second clone, a CI
    /// runner): the same files, but its own data folder, so its own pins and read log.
    pub fn on_machine(&self, machine: &str) -> Run {
        let data = self.path(&format!("machines/{machine}/data"));
        std::fs::create_dir_all(&data).unwrap();
        self.tresor().env("XDG_DATA_HOME", data)
    }

    /// `tresor trust forget`: this machine accepts the vault as it is now, as on a
    /// first open (for tests that put an older vault back on purpose).
    pub fn forget_pin(&self) {
        self.tresor().args(["trust", "forget"]).ok();
    }

    /// The `AGE-SECRET-KEY-1…` line of the identity file `key`.
    pub fn secret_key(&self, key: &str) -> String {
        let text = std::fs::read_to_string(self.path(key)).unwrap();
        let line = text.lines().find(|l| l.starts_with(SECRET_KEY_PREFIX));
        line.expect("a secret key line").to_string()
    }

    /// `tresor ARGS… --json` run without a key: its document.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        self.tresor().args(args).arg("--json").ok().json()
    }

    /// `printf VALUE | tresor create NAME` as alice.
    pub fn create(&self, name: &str, value: &str) {
        self.alice(["create", name]).stdin(value).ok();
    }

    /// `tresor` as `key`, run as an unprivileged user when the suite runs as root, so
    /// file modes bind it. The folder and its files must be readable by that user. That
    /// user has a data folder of its own (`home/nobody-data`), so its own pins and read
    /// log, as another account on the machine has.
    pub fn as_nobody(&self, key: &str) -> Run {
        let data = self.nobody_data();
        let wrapper: &[&str] = if running_as_root() {
            &[
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
            ]
        } else {
            &[]
        };
        self.tresor_via(wrapper)
            .env("TRESOR_IDENTITY", self.path(key))
            .env("XDG_DATA_HOME", data)
    }

    /// The data folder of `as_nobody`, made writable for that user.
    pub fn nobody_data(&self) -> PathBuf {
        let data = self.path("home/nobody-data");
        if !data.exists() {
            std::fs::create_dir_all(&data).unwrap();
            set_mode(&data, 0o777);
        }
        data
    }

    /// Makes the folder and every file in it read-only (and readable by anyone).
    pub fn make_read_only(&self) {
        for entry in std::fs::read_dir(self.root()).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                set_mode(&path, 0o444);
            }
        }
        set_mode(self.root(), 0o555);
    }

    /// `tresor` as `key`, run in `disk/`: a small tmpfs holding copies of `files`, filled
    /// up but for `free_pages` pages. When it ends, copies of what is there are in
    /// `after/`, its listing in `after/.listing`. `None` where no tmpfs can be mounted.
    pub fn on_full_disk(&self, key: &str, files: &[&str], free_pages: u32) -> Option<Run> {
        if !can_mount_tmpfs() {
            eprintln!("skipped: this machine cannot mount a tmpfs in a private namespace");
            return None;
        }
        const SCRIPT: &str = r#"
            mkdir -p disk after || exit 90
            mount -t tmpfs -o size=1m tresor-full disk || exit 91
            for file in $TEST_FILES; do cp -p "$file" disk/ || exit 92; done
            cat /dev/zero > disk/.fill 2>/dev/null
            truncate -s "-$((TEST_FREE_PAGES * $(getconf PAGESIZE)))" disk/.fill || exit 93
            (cd disk && exec "$@")
            status=$?
            ls -A disk > after/.listing && for file in disk/*; do
                [ ! -e "$file" ] || cp -p "$file" after/ || exit 94
            done
            exit $status
        "#;
        let run = self
            .tresor_via(&["unshare", "--mount", "sh", "-c", SCRIPT, "sh"])
            .env("TEST_FILES", files.join(" "))
            .env("TEST_FREE_PAGES", free_pages.to_string())
            .env("TRESOR_IDENTITY", self.path(key));
        Some(run)
    }

    /// The vault and the audit log as they are on disk now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            vault: std::fs::read(self.vault()).ok(),
            audit_log: std::fs::read(self.audit_log()).ok(),
        }
    }

    /// Insists that the vault and audit log are byte-for-byte what `before` saw.
    pub fn assert_unchanged(&self, before: &Snapshot) {
        let now = self.snapshot();
        assert!(now.vault == before.vault, "the vault changed");
        assert!(now.audit_log == before.audit_log, "the audit log changed");
    }

    /// Runs `run`, insists on exit `code`, and that the vault and audit log did not change.
    pub fn refuses(&self, run: Run, code: i32) -> Outcome {
        let before = self.snapshot();
        let outcome = run.fails(code);
        self.assert_unchanged(&before);
        outcome
    }

    /// `tresor get NAME ARGS…` as alice: the value's bytes.
    pub fn get(&self, name: &str, args: &[&str]) -> Vec<u8> {
        self.alice(["get", name]).args(args).ok().stdout
    }

    /// `tresor show NAME --json`.
    pub fn show(&self, name: &str) -> serde_json::Value {
        self.json(&["show", name])
    }

    /// Every line of the audit log, parsed.
    pub fn audit_events(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.audit_log())
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).expect("an audit line is JSON"))
            .collect()
    }

    /// The permission bits of a file in the folder.
    pub fn mode(&self, relative: &str) -> u32 {
        std::fs::metadata(self.path(relative))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    }

    /// `printf VALUE | tresor rotate NAME` as alice.
    pub fn rotate(&self, name: &str, value: &str) {
        self.as_("alice.key")
            .args(["rotate", name])
            .stdin(value)
            .ok();
    }

    /// `tresor get NAME --version N` as alice.
    pub fn get_version(&self, name: &str, version: u32) -> Outcome {
        self.as_("alice.key")
            .args(["get", name, "--version", &version.to_string()])
            .run()
    }

    /// A new folder holding copies of this one's vault, audit log and identities, so
    /// workers can attack the same vault side by side. It has its own data folder, so
    /// it is another machine: its own pins and read log.
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

    /// The committed audit log's text (not this machine's read log: see `reads`).
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

impl Drop for Env {
    /// A read-only folder must become writable again for the temp dir to go away.
    fn drop(&mut self) {
        let _ = std::fs::set_permissions(self.root(), std::fs::Permissions::from_mode(0o700));
    }
}

/// A principal's public keys: its age recipient, its Ed25519 signing key
/// (`ed25519:…`) and that key's fingerprint (`SHA256:…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    pub recipient: String,
    pub signing: String,
    pub fingerprint: String,
}

/// The vault and the audit log bytes at one moment (`None`: the file is absent).
#[derive(Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub vault: Option<Vec<u8>>,
    pub audit_log: Option<Vec<u8>>,
}

pub fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn running_as_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("run id -u");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// Whether `unshare --mount` can mount a tmpfs here (root with CAP_SYS_ADMIN).
fn can_mount_tmpfs() -> bool {
    static CAN: OnceLock<bool> = OnceLock::new();
    *CAN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        Command::new("unshare")
            .args(["--mount", "mount", "-t", "tmpfs", "-o", "size=64k", "probe"])
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    })
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

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.current_dir(dir);
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
        let outcome = Outcome {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        // Whatever a command did, stderr never carries a value or a secret key.
        assert!(
            !outcome.stderr.contains(CANARY) && !holds_secret_key(&outcome.stderr),
            "{:?} leaked a secret on stderr:\n{}",
            self.command,
            outcome.stderr
        );
        outcome
    }

    /// Starts the command with piped stdin, stdout and stderr and returns at once.
    pub fn spawn(mut self) -> Child {
        self.command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        self.command.spawn().expect("spawn tresor")
    }

    /// Starts tresor in a process group of its own, as a shell starts a foreground job,
    /// so a test can signal the whole group the way a terminal's ^C does.
    pub fn own_process_group(mut self) -> Self {
        use std::os::unix::process::CommandExt;
        self.command.process_group(0);
        self
    }

    /// Starts tresor without waiting for it (for signals), stdin closed, stdout and
    /// stderr piped.
    pub fn spawn_without_stdin(mut self) -> std::process::Child {
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

    /// tresor's error: exactly one line `tresor: SENTENCE` (with `--json`, one JSON
    /// object `{"error":{…}}`, whose line is returned), and nothing on stdout. Returns
    /// the sentence.
    pub fn error(&self) -> &str {
        if self.stderr.starts_with("{\"error\"") {
            let line = self.stderr.strip_suffix('\n').unwrap_or(&self.stderr);
            assert!(
                !line.contains('\n'),
                "more than one line on stderr: {:?}",
                self.stderr
            );
            let parsed: serde_json::Value = serde_json::from_str(line).expect("a JSON error");
            assert!(parsed["error"]["message"].is_string(), "{line}");
            assert!(self.stdout.is_empty(), "a failure printed on stdout");
            return line;
        }
        let message = self
            .stderr
            .strip_prefix("tresor: ")
            .and_then(|rest| rest.strip_suffix('\n'))
            .unwrap_or_else(|| panic!("not one `tresor: …` line on stderr: {:?}", self.stderr));
        assert!(
            !message.contains('\n'),
            "more than one line on stderr: {:?}",
            self.stderr
        );
        assert!(message.ends_with('.'), "not a sentence: {message:?}");
        assert!(
            self.stdout.is_empty(),
            "a failure printed on stdout: {:?}",
            self.stdout_text()
        );
        message
    }

    /// The error sentence (see `error`), insisting that it says each of `parts`.
    pub fn error_says(&self, parts: &[&str]) -> &str {
        let message = self.error();
        for part in parts {
            assert!(
                message.contains(part),
                "the error does not say {part:?}: {message}"
            );
        }
        message
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
