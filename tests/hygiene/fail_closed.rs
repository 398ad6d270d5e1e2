//! A read whose event cannot be written to this machine's read log prints nothing
//! (DESIGN.md sections 5 and 11), and a write whose event cannot be written to the
//! committed audit log changes nothing. Each append is made to fail four ways: the log
//! is a directory, the log is /dev/full, the file-size limit is below the log's size,
//! and the log belongs to root while tresor runs as nobody.

use super::{AS_NOBODY, can_drop_privileges};
use crate::support::{Env, Run, all_values};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// `sh -c '…'` with SIGXFSZ ignored and a 1536-byte file-size limit: appending to a
/// longer log fails with EFBIG instead of killing the process (the pin, about 1 kB, is
/// still written).
const SMALL_FSIZE: &[&str] = &["sh", "-c", r#"trap "" XFSZ; ulimit -f 3; exec "$0" "$@""#];
const SMALL_FSIZE_BYTES: u64 = 3 * 512;

/// Where the read-log cases put the read log: a file beside the vault.
const READS: &str = "reads.jsonl";

/// Runs `run`, insists it fails with a message naming `log` (the log whose append was
/// refused), prints nothing on stdout, leaks no value, and leaves the vault, the
/// committed log and the read log as they were. Returns its code.
fn fails_closed(env: &Env, run: Run, log: &Path) -> i32 {
    let read = |path: PathBuf| std::fs::read(path).ok();
    let before = (env.snapshot(), read(env.path(READS)));
    let out = run.run();
    let code = out.code.expect("tresor exited rather than being killed");
    assert_ne!(code, 0, "succeeded without its event");
    assert!(
        out.stdout.is_empty(),
        "printed {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&log.display().to_string()),
        "the error does not name {}: {}",
        log.display(),
        out.stderr
    );
    out.assert_discloses_none(&all_values());
    env.assert_unchanged(&before.0);
    assert_eq!(read(env.path(READS)), before.1, "the read log changed");
    code
}

/// A `get` whose read-log append fails (the read log at `READS`), and a `rotate` whose
/// committed-log append fails; `run` sets up how.
fn get_and_rotate(env: &Env, run: impl Fn() -> Run) -> [i32; 2] {
    [
        fails_closed(
            env,
            run()
                .env("TRESOR_READ_LOG", env.path(READS))
                .args(["get", "s/a"]),
            &env.path(READS),
        ),
        fails_closed(
            env,
            run()
                .args(["rotate", "s/a"])
                .stdin("canary-unrecorded-5e1d"),
            &env.audit_log(),
        ),
    ]
}

/// Reads `s/a` with long reasons until the read log at `READS` is longer than `bytes`.
fn grow_read_log(env: &Env, bytes: u64) {
    let reason = "r".repeat(400);
    while std::fs::metadata(env.path(READS)).map_or(0, |m| m.len()) <= bytes {
        env.alice(["get", "s/a", "--reason", &reason])
            .env("TRESOR_READ_LOG", env.path(READS))
            .ok();
    }
}

#[test]
fn a_log_that_is_a_directory() {
    let env = Env::with_two_secrets();
    let log = env.read_log();
    std::fs::create_dir(env.path(READS)).unwrap();
    // The read log a directory: the read is refused.
    let get = env
        .alice(["get", "s/a"])
        .env("TRESOR_READ_LOG", env.path(READS));
    let read = fails_closed(&env, get, &env.path(READS));
    // The committed log a directory: there is no history to verify, nor to append to.
    std::fs::remove_file(env.audit_log()).unwrap();
    std::fs::create_dir(env.audit_log()).unwrap();
    let codes = [["get", "s/a"], ["rotate", "s/a"]].map(|args| {
        let run = env.alice(args).stdin("canary-unrecorded-5e1d");
        fails_closed(&env, run, &env.audit_log())
    });
    println!("fail closed: log is a directory -> exit {read} (read log), {codes:?}");
    std::fs::remove_dir(env.audit_log()).unwrap();
    env.write_log(log);
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

#[test]
fn a_log_on_dev_full() {
    let env = Env::with_two_secrets();
    let full = Path::new("/dev/full");
    let get = env.alice(["get", "s/a"]).env("TRESOR_READ_LOG", full);
    let read = fails_closed(&env, get, full);
    let codes = [["get", "s/a"], ["rotate", "s/a"]].map(|args| {
        let run = env.alice(args).env("TRESOR_AUDIT_LOG", full);
        fails_closed(&env, run.stdin("canary-unrecorded-5e1d"), full)
    });
    println!("fail closed: log is /dev/full -> exit {read} (read log), {codes:?}");
}

#[test]
fn a_log_past_the_file_size_limit() {
    let env = Env::with_two_secrets();
    grow_read_log(&env, SMALL_FSIZE_BYTES);
    assert!(env.read_log().len() as u64 > SMALL_FSIZE_BYTES);
    let pin = std::fs::metadata(env.pin_path()).unwrap().len();
    assert!(pin < SMALL_FSIZE_BYTES, "the pin ({pin} bytes) must fit");
    let codes = get_and_rotate(&env, || {
        env.through(SMALL_FSIZE)
            .env("TRESOR_IDENTITY", env.path("alice.key"))
    });
    println!("fail closed: append fails with EFBIG -> exit {codes:?}");
    env.as_("alice.key")
        .env("TRESOR_READ_LOG", env.path(READS))
        .args(["audit", "verify"])
        .ok();
}

#[test]
fn a_log_the_user_cannot_write() {
    if !can_drop_privileges() {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    let env = Env::with_two_secrets();
    grow_read_log(&env, 0);
    let chmod = |path: PathBuf, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    chmod(env.root().to_path_buf(), 0o755);
    chmod(env.vault(), 0o644);
    chmod(env.path("alice.key"), 0o644);
    chmod(env.path("vault.toml.lock"), 0o666);
    chmod(env.audit_log(), 0o644);
    chmod(env.path(READS), 0o644);
    // Nobody keeps its pins in a data folder of its own.
    let data = env.nobody_data();
    let nobody = || {
        env.through(AS_NOBODY)
            .env("TRESOR_IDENTITY", env.path("alice.key"))
            .env("XDG_DATA_HOME", &data)
    };
    // Nobody can read everything it needs: only the appends are refused.
    nobody()
        .env("TRESOR_READ_LOG", env.path(READS))
        .args(["audit", "verify"])
        .ok();
    let codes = get_and_rotate(&env, nobody);
    println!("fail closed: log not writable by the user -> exit {codes:?}");
}
