//! The vault lock and the temp files of writes (DESIGN.md sections 6 and 11): how long
//! a command waits (`TRESOR_LOCK_TIMEOUT`) and what it says meanwhile, a lock file that
//! is a symbolic link, and the temp files a killed writer leaves behind.

use crate::support::{Env, have};
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The vault lock, held by this process as another tresor would hold it.
fn hold_lock(env: &Env) -> File {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(env.path("vault.toml.lock"))
        .unwrap();
    file.lock().unwrap();
    file
}

const WAITING: &str = "Waiting for the vault lock held by another tresor process";

#[test]
fn the_lock_timeout_takes_durations_and_seconds() {
    let env = Env::with_vault();
    let held = hold_lock(&env);
    for (value, wanted) in [("700ms", 700), ("1.5", 1500), ("2s", 2000)] {
        let started = Instant::now();
        let out = env
            .alice(["list"])
            .env("TRESOR_LOCK_TIMEOUT", value)
            .fails(6);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(wanted - 50),
            "TRESOR_LOCK_TIMEOUT={value} gave up after {waited:?}"
        );
        assert!(
            waited < Duration::from_millis(wanted + 20_000),
            "{waited:?}"
        );
        let error = out.stderr.lines().last().unwrap();
        assert!(
            error.starts_with("tresor: ") && error.contains("TRESOR_LOCK_TIMEOUT"),
            "{}",
            out.stderr
        );
    }
    drop(held);
    for value in ["1m", "10", "0.5", "250ms", "0", ""] {
        env.alice(["list"]).env("TRESOR_LOCK_TIMEOUT", value).ok();
    }
}

#[test]
fn an_invalid_lock_timeout_is_a_usage_error_naming_the_variable() {
    let env = Env::with_vault();
    for value in ["soon", "-1", "10x", "1e300", "inf", "NaN", "5 parsecs"] {
        let out = env
            .refuses(env.alice(["list"]).env("TRESOR_LOCK_TIMEOUT", value), 2)
            .error_says(&["TRESOR_LOCK_TIMEOUT"])
            .to_string();
        assert!(out.contains(value), "{out}");
    }
    let out = env
        .alice(["list", "--json"])
        .env("TRESOR_LOCK_TIMEOUT", "soon")
        .fails(2);
    let error: serde_json::Value = serde_json::from_str(&out.stderr).unwrap();
    assert_eq!(error["error"]["kind"], "usage");
}

#[test]
fn a_long_wait_for_the_lock_is_said_once_unless_quiet() {
    let env = Env::with_vault();
    env.create("s/a", "CANARY-wait");
    let held = hold_lock(&env);
    let loud = env.alice(["list"]).spawn_without_stdin();
    let quiet = env.alice(["list", "--quiet"]).spawn_without_stdin();
    let quick = env
        .alice(["list"])
        .env("TRESOR_LOCK_TIMEOUT", "500ms")
        .spawn_without_stdin();
    std::thread::sleep(Duration::from_millis(2500));
    drop(held);
    let loud = loud.wait_with_output().unwrap();
    let quiet = quiet.wait_with_output().unwrap();
    let quick = quick.wait_with_output().unwrap();
    assert!(loud.status.success() && quiet.status.success());
    let stderr = String::from_utf8_lossy(&loud.stderr);
    assert_eq!(stderr.matches(WAITING).count(), 1, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(String::from_utf8_lossy(&loud.stdout).contains("s/a"));
    assert!(quiet.stderr.is_empty(), "{:?}", quiet.stderr);
    // Under a second of waiting, nothing is said before the timeout.
    assert_eq!(quick.status.code(), Some(6));
    assert!(!String::from_utf8_lossy(&quick.stderr).contains(WAITING));
}

/// A repository whose committed `vault.toml.lock` is a symbolic link to
/// `../outside/planted`, cloned as `clone`; returns the path the link points at.
fn clone_with_planted_lock(env: &Env) -> std::path::PathBuf {
    assert!(have("git"), "the real `git` is needed");
    let git = |dir: &Path, args: &[&str]| {
        let out = Command::new("git")
            .current_dir(dir)
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
    std::fs::create_dir(env.path("outside")).unwrap();
    git(env.root(), &["init", "-q", "-b", "main", "repo"]);
    env.tresor()
        .env("TRESOR_IDENTITY", env.path("alice.key"))
        .args(["init", "--name", "alice", "--vault", "repo/vault.toml"])
        .ok();
    std::fs::remove_file(env.path("repo/vault.toml.lock")).unwrap();
    std::os::unix::fs::symlink("../outside/planted", env.path("repo/vault.toml.lock")).unwrap();
    git(&env.path("repo"), &["add", "-A"]);
    git(&env.path("repo"), &["commit", "-q", "-m", "a vault"]);
    git(env.root(), &["clone", "-q", "repo", "clone"]);
    assert!(
        std::fs::symlink_metadata(env.path("clone/vault.toml.lock"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    env.path("outside/planted")
}

#[test]
fn a_lock_file_that_is_a_symbolic_link_is_refused_and_creates_nothing() {
    let env = Env::new();
    env.identity("alice");
    let planted = clone_with_planted_lock(&env);
    let vault = env.path("clone/vault.toml");
    let commands: [&[&str]; 4] = [
        &["list"],
        &["show", "s/a"],
        &["get", "s/a"],
        &["create", "s/a"],
    ];
    for args in commands {
        let out = env.refuses(
            env.alice(args)
                .env("TRESOR_VAULT", &vault)
                .stdin("CANARY-planted"),
            1,
        );
        out.error_says(&["vault.toml.lock", "symbolic link"]);
        assert!(!planted.exists(), "{args:?} created {}", planted.display());
    }
    // Once the link is gone, the lock is a plain file beside the vault again.
    std::fs::remove_file(env.path("clone/vault.toml.lock")).unwrap();
    env.alice(["list"]).env("TRESOR_VAULT", &vault).ok();
    assert!(env.path("clone/vault.toml.lock").is_file());
    assert!(!planted.exists());
}

#[test]
fn a_lock_path_that_is_not_a_plain_file_is_refused() {
    let env = Env::with_vault();
    std::fs::remove_file(env.path("vault.toml.lock")).unwrap();
    let made = Command::new("mkfifo")
        .arg(env.path("vault.toml.lock"))
        .status()
        .unwrap();
    assert!(made.success());
    env.refuses(env.alice(["list"]), 1)
        .error_says(&["vault.toml.lock", "not a regular file"]);
}

/// The names of the `.tresor-*.tmp` files in the folder.
fn temp_files(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.root())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tresor-") && name.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

#[test]
fn temp_files_of_killed_writers_are_removed_by_the_next_write() {
    let env = Env::with_vault();
    env.create("s/a", "CANARY-t0");
    let vault = std::fs::read(env.vault()).unwrap();
    // Writers killed at staggered moments of their write (those that finish first
    // clean up after the ones killed before them).
    for i in 0..12u64 {
        let mut child = env.alice(["rotate", "s/a"]).spawn();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(format!("CANARY-k{i}").as_bytes()).unwrap();
        drop(stdin);
        std::thread::sleep(Duration::from_millis(2 + 3 * i));
        let _ = child.kill();
        let _ = child.wait();
    }
    // And fifty writers killed between creating their temp file and renaming it leave
    // what these are: part of a vault, 0600, held by no process.
    for i in 0..50 {
        let path = env.path(&format!(".tresor-k{i:05}.tmp"));
        std::fs::write(&path, &vault[..vault.len() / 2]).unwrap();
        crate::support::set_mode(&path, 0o600);
    }
    // A temp file that a live writer holds is not abandoned: it stays.
    let live = File::create(env.path(".tresor-live00.tmp")).unwrap();
    live.lock().unwrap();
    assert!(temp_files(&env).len() > 50);

    env.alice(["rotate", "s/a"]).stdin("CANARY-t1").ok();
    assert_eq!(temp_files(&env), [".tresor-live00.tmp"]);
    assert_eq!(env.get("s/a", &[]), b"CANARY-t1");

    drop(live);
    env.alice(["rotate", "s/a"]).stdin("CANARY-t2").ok();
    assert!(temp_files(&env).is_empty(), "{:?}", temp_files(&env));
    env.alice(["audit", "verify"]).ok();
}
