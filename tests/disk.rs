//! The vault on disk (DESIGN.md section 6): private files, the vault lock (exit 6), a
//! read-only folder, and a full disk, where a failed write keeps the old vault and a
//! read whose event cannot be written to the read log discloses nothing.

use crate::support::{Env, Outcome, Run};
use std::time::{Duration, Instant};

fn listing(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn page_size() -> u64 {
    let out = std::process::Command::new("getconf")
        .arg("PAGESIZE")
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn log_len(env: &Env) -> u64 {
    std::fs::metadata(env.audit_log()).unwrap().len()
}

/// The read log the full-disk cases use: `reads.jsonl` beside the vault, so it can be
/// copied onto the full disk with it (runs there start in that folder).
const READS: &str = "reads.jsonl";

/// `tresor ARGS…` as alice, recording reads in `READS`.
fn with_reads_beside(run: Run) -> Run {
    run.env("TRESOR_READ_LOG", READS)
}

fn reads_len(env: &Env) -> u64 {
    std::fs::metadata(env.path(READS)).map_or(0, |m| m.len())
}

/// Reads `app/x` with a `--reason` long enough that the read log ends exactly at a
/// page boundary: on a full tmpfs the next append then needs a page there is not.
fn pad_read_log_to_a_page(env: &Env) {
    let page = page_size();
    let get = |reason: &str| {
        with_reads_beside(env.alice(["get", "app/x", "--reason", reason])).ok();
    };
    get("x");
    for _ in 0..4 {
        let before = reads_len(env);
        if before.is_multiple_of(page) {
            return;
        }
        get("x");
        let line = reads_len(env) - before; // a read event whose reason is one byte
        let room = (page - reads_len(env) % page) % page;
        let reason = (room + page - (line - 1)) % page;
        if room != 0 && reason > 0 {
            get(&"p".repeat(reason as usize));
        }
    }
    assert_eq!(
        reads_len(env) % page,
        0,
        "the read log could not be padded to a page"
    );
}

/// What was in the full disk's folder when the command ended, but the filler.
fn left_on_disk(env: &Env) -> Vec<String> {
    let listing = std::fs::read_to_string(env.path("after/.listing")).unwrap();
    listing
        .lines()
        .filter(|name| *name != ".fill")
        .map(str::to_string)
        .collect()
}

fn assert_no_space(out: &Outcome) {
    out.error_says(&["no space left on the device"]);
}

#[test]
fn every_file_tresor_writes_is_private_and_no_temp_file_stays() {
    let env = Env::with_versions("app/x");
    for file in [
        "vault.toml",
        "vault.audit.jsonl",
        "vault.toml.lock",
        "alice.key",
    ] {
        assert_eq!(env.mode(file), 0o600, "{file}");
    }
    let files = [
        "alice.key",
        "config",
        "data",
        "home",
        "vault.audit.jsonl",
        "vault.toml",
        "vault.toml.lock",
    ];
    assert_eq!(listing(&env), files);
}

#[test]
fn a_held_lock_is_a_conflict_once_the_timeout_passes() {
    let env = Env::with_versions("app/x");
    let lock = std::fs::File::options()
        .write(true)
        .open(env.path("vault.toml.lock"))
        .unwrap();
    lock.lock().unwrap();
    for args in [
        &["get", "app/x"][..],
        &["rotate", "app/x"],
        &["list"],
        &["audit", "verify"],
    ] {
        let started = Instant::now();
        let run = env.alice(args).env("TRESOR_LOCK_TIMEOUT", "0.3");
        let out = env.refuses(run.stdin("CANARY-v3"), 6);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(300) && waited < Duration::from_secs(5),
            "{waited:?}"
        );
        out.error_says(&["vault lock", "TRESOR_LOCK_TIMEOUT"]);
    }
    lock.unlock().unwrap();
    let rotate = env.alice(["rotate", "app/x", "--generate"]);
    rotate.env("TRESOR_LOCK_TIMEOUT", "0.3").ok();
}

/// A vault as a read-only checkout holds it: no lock file, nothing writable.
fn read_only_vault() -> Env {
    let env = Env::with_versions("app/x");
    std::fs::remove_file(env.path("vault.toml.lock")).unwrap();
    env.make_read_only();
    env
}

#[test]
fn a_read_only_folder_can_still_be_read_without_keys() {
    let env = read_only_vault();
    let list = env.as_nobody("alice.key").args(["list"]).ok().stdout_text();
    assert!(list.lines().nth(1).unwrap().starts_with("app/x "), "{list}");
    let show = env
        .as_nobody("alice.key")
        .args(["show", "app/x", "--json"])
        .ok()
        .json();
    assert_eq!(show["aliases"]["current"], 2);
    env.as_nobody("alice.key").args(["audit", "head"]).ok();
    let who = env
        .as_nobody("alice.key")
        .args(["identity", "show"])
        .ok()
        .stdout_text();
    assert!(who.lines().next().unwrap().ends_with("\talice"), "{who}");
}

#[test]
fn writes_in_a_read_only_folder_fail_cleanly_and_reads_work() {
    let env = read_only_vault();
    let cases: &[&[&str]] = &[
        &["rotate", "app/x"],
        &["create", "app/y"],
        &["destroy", "app/x", "--all", "--yes"],
    ];
    for args in cases {
        let run = env.as_nobody("alice.key").args(*args).stdin("CANARY-ro");
        env.refuses(run, 1).error_says(&["permission denied"]);
    }
    // A read changes no file of the checkout: it is recorded in the reader's own read
    // log, outside it.
    let before = env.snapshot();
    let got = env.as_nobody("alice.key").args(["get", "app/x"]).ok();
    assert_eq!(got.stdout, b"CANARY-v2");
    env.assert_unchanged(&before);
    let reads = env
        .nobody_data()
        .join(format!("tresor/reads/{}.jsonl", env.vault_id()));
    let reads = std::fs::read_to_string(reads).unwrap();
    assert_eq!(reads.lines().count(), 1);
    assert!(reads.contains("\"event\":\"read\"") && reads.contains("\"app/x\""));
    assert_eq!(listing(&env).len(), 6, "no lock or temp file appeared");
}

#[test]
fn audit_verify_works_in_a_read_only_folder_with_an_identity() {
    let env = read_only_vault();
    let out = env.as_nobody("alice.key").args(["audit", "verify"]).ok();
    assert!(
        out.stdout_text()
            .contains("every write signed by a principal allowed to make it"),
        "{}",
        out.stdout_text()
    );
}

#[test]
fn a_full_disk_fails_the_write_and_keeps_the_old_vault() {
    let env = Env::with_versions("app/x");
    let Some(run) = env.on_full_disk("alice.key", &["vault.toml", "vault.audit.jsonl"], 0) else {
        return;
    };
    assert_no_space(&run.args(["rotate", "app/x"]).stdin("CANARY-x3").fails(1));
    let vault_after = std::fs::read(env.path("after/vault.toml")).unwrap();
    assert!(
        vault_after == std::fs::read(env.vault()).unwrap(),
        "the vault changed"
    );
    assert_eq!(
        left_on_disk(&env),
        ["vault.audit.jsonl", "vault.toml", "vault.toml.lock"]
    );
    // The rotate event went first (writes append, then replace the vault); the old vault
    // still verifies against that log and serves the old value.
    std::fs::copy(env.path("after/vault.audit.jsonl"), env.audit_log()).unwrap();
    env.alice(["audit", "verify"]).ok();
    assert_eq!(env.get("app/x", &[]), b"CANARY-v2");
}

#[test]
fn a_read_whose_event_cannot_be_written_prints_nothing() {
    let env = Env::with_versions("app/x");
    pad_read_log_to_a_page(&env);
    let files = ["vault.toml", "vault.audit.jsonl", READS];
    let Some(run) = env.on_full_disk("alice.key", &files, 0) else {
        return;
    };
    assert_no_space(&with_reads_beside(run.args(["get", "app/x"])).fails(1));
    for file in files {
        assert!(
            std::fs::read(env.path("after").join(file)).unwrap()
                == std::fs::read(env.path(file)).unwrap(),
            "{file} changed"
        );
    }
}

#[test]
fn an_audit_log_that_takes_no_bytes_discloses_nothing() {
    let env = Env::with_versions("app/x");
    // /dev/full as the committed log: no history to verify (and never read forever).
    for args in [&["get", "app/x"][..], &["rotate", "app/x"]] {
        let run = env.alice(args).env("TRESOR_AUDIT_LOG", "/dev/full");
        env.refuses(run.stdin("CANARY-v3"), 5)
            .error_says(&["/dev/full"]);
    }
    // /dev/full as the read log: the read cannot be recorded, so nothing is printed;
    // the commands that read that log refuse it instead of reading it forever.
    let get = env
        .alice(["get", "app/x"])
        .env("TRESOR_READ_LOG", "/dev/full");
    env.refuses(get, 1).error_says(&["/dev/full"]);
    for args in [
        &["audit", "verify"][..],
        &["audit", "log"],
        &["audit", "summary"],
    ] {
        let run = env.alice(args).env("TRESOR_READ_LOG", "/dev/full");
        env.refuses(run, 1).error_says(&["/dev/full"]);
    }
    env.identity("bob");
    let init = env.as_("bob.key").args(["init", "--vault", "b.toml"]);
    init.env("TRESOR_AUDIT_LOG", "/dev/full").fails(1).error();
    assert!(!env.path("b.toml").exists());
}

/// Runs `ARGS` in a full folder with `free_pages` left and insists that it fails for
/// lack of space and leaves nothing behind but the lock file.
fn leaves_nothing_on_a_full_disk(args: &[&str], free_pages: u32) {
    let env = Env::new();
    env.identity("alice");
    let Some(run) = env.on_full_disk("alice.key", &[], free_pages) else {
        return;
    };
    assert_no_space(&run.args(args).fails(1));
    let left: Vec<String> = left_on_disk(&env)
        .into_iter()
        .filter(|n| n != "vault.toml.lock")
        .collect();
    assert!(left.is_empty(), "{args:?} left {left:?} behind");
}

#[test]
fn init_on_a_full_disk_leaves_nothing_behind() {
    leaves_nothing_on_a_full_disk(&["init", "--name", "alice"], 0);
}

#[test]
fn init_without_room_for_the_vault_leaves_nothing_behind() {
    leaves_nothing_on_a_full_disk(&["init", "--name", "alice"], 1);
}

#[test]
fn identity_new_on_a_full_disk_leaves_nothing_behind() {
    leaves_nothing_on_a_full_disk(&["identity", "new", "--out", "t.key"], 0);
}

/// A full disk takes the part of an audit line that fits in the log's last page and
/// refuses the rest: the append must cut that part off again, or every later command
/// would stop at a torn log (exit 5) long after the disk has room.
#[test]
fn an_append_cut_short_by_a_full_disk_leaves_no_torn_line() {
    let env = Env::with_versions("app/x");
    with_reads_beside(env.alice(["get", "app/x"])).ok();
    assert!(!log_len(&env).is_multiple_of(page_size()));
    assert!(!reads_len(&env).is_multiple_of(page_size()));
    let reason = "r".repeat(page_size() as usize);
    // A read appends to the read log, a rotate to the committed log.
    let files = ["vault.toml", "vault.audit.jsonl", READS];
    for args in [&["get", "app/x"][..], &["rotate", "app/x"]] {
        let Some(run) = env.on_full_disk("alice.key", &files, 0) else {
            return;
        };
        let run = with_reads_beside(run)
            .args(args)
            .args(["--reason", &reason])
            .stdin("CANARY-v3");
        assert_no_space(&run.fails(1));
        for file in files {
            assert!(
                std::fs::read(env.path("after").join(file)).unwrap()
                    == std::fs::read(env.path(file)).unwrap(),
                "{args:?} changed {file}"
            );
        }
    }
    // Both chains are whole (verify checks the read log too), and reads go on.
    with_reads_beside(env.alice(["audit", "verify"])).ok();
    let got = with_reads_beside(env.alice(["get", "app/x"])).ok();
    assert_eq!(got.stdout, b"CANARY-v2");
}
