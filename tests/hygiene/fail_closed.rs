//! A read whose audit event cannot be written prints nothing (DESIGN.md section 5), and
//! a write whose event cannot be written changes nothing. The append is made to fail
//! four ways: the log is a directory, the log is /dev/full, the file-size limit is below
//! the log's size, and the log belongs to root while tresor runs as nobody.

use super::{AS_NOBODY, can_drop_privileges};
use crate::support::{Env, Run, all_values};
use std::os::unix::fs::PermissionsExt;

/// `sh -c '…'` with SIGXFSZ ignored and a 512-byte file-size limit: appending to a
/// longer log fails with EFBIG instead of killing the process.
const TINY_FSIZE: &[&str] = &["sh", "-c", r#"trap "" XFSZ; ulimit -f 1; exec "$0" "$@""#];

/// Runs `run`, insists it fails with a message naming the audit log, prints nothing on
/// stdout, leaks no value, and leaves the vault and the log as they were. Returns its code.
fn fails_closed(env: &Env, run: Run) -> i32 {
    let (vault, log) = (env.read_vault(), std::fs::read(env.audit_log()).ok());
    let out = run.run();
    let code = out.code.expect("tresor exited rather than being killed");
    assert_ne!(code, 0, "succeeded without its audit event");
    assert!(
        out.stdout.is_empty(),
        "printed {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(
        out.stderr.contains("audit log"),
        "the error does not name the audit log: {}",
        out.stderr
    );
    out.assert_discloses_none(&all_values());
    assert_eq!(env.read_vault(), vault);
    assert_eq!(std::fs::read(env.audit_log()).ok(), log);
    code
}

fn get_and_rotate(env: &Env, run: impl Fn() -> Run) -> [i32; 2] {
    [
        fails_closed(env, run().args(["get", "s/a"])),
        fails_closed(
            env,
            run()
                .args(["rotate", "s/a"])
                .stdin("canary-unrecorded-5e1d"),
        ),
    ]
}

#[test]
fn a_log_that_is_a_directory() {
    let env = Env::with_two_secrets();
    let log = env.read_log();
    std::fs::remove_file(env.audit_log()).unwrap();
    std::fs::create_dir(env.audit_log()).unwrap();
    let codes = get_and_rotate(&env, || env.as_("alice.key"));
    println!("fail closed: log is a directory -> exit {codes:?}");
    std::fs::remove_dir(env.audit_log()).unwrap();
    env.write_log(log);
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

#[test]
fn a_log_on_dev_full() {
    let env = Env::with_two_secrets();
    let codes = get_and_rotate(&env, || {
        env.as_("alice.key").env("TRESOR_AUDIT_LOG", "/dev/full")
    });
    println!("fail closed: log is /dev/full -> exit {codes:?}");
}

#[test]
fn a_log_past_the_file_size_limit() {
    let env = Env::with_two_secrets();
    assert!(env.read_log().len() > 512);
    let codes = get_and_rotate(&env, || {
        env.through(TINY_FSIZE)
            .env("TRESOR_IDENTITY", env.path("alice.key"))
    });
    println!("fail closed: append fails with EFBIG -> exit {codes:?}");
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

#[test]
fn a_log_the_user_cannot_write() {
    if !can_drop_privileges() {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    let env = Env::with_two_secrets();
    let chmod = |path: std::path::PathBuf, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    chmod(env.root().to_path_buf(), 0o755);
    chmod(env.vault(), 0o644);
    chmod(env.path("alice.key"), 0o644);
    chmod(env.path("vault.toml.lock"), 0o666);
    chmod(env.audit_log(), 0o644);
    let nobody = || {
        env.through(AS_NOBODY)
            .env("TRESOR_IDENTITY", env.path("alice.key"))
    };
    // Nobody can read everything it needs: only the append is refused.
    nobody().args(["audit", "verify"]).ok();
    let codes = get_and_rotate(&env, nobody);
    println!("fail closed: log not writable by the user -> exit {codes:?}");
}
