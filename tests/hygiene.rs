//! Where secrets may go and where they may not: canary values through every command,
//! private file modes whatever the umask, no value on the command line, a process that
//! cannot be dumped, and reads that fail closed when their event cannot be written.

use crate::support::{Env, Outcome, Run, contains, have};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

mod fail_closed;

/// `sh -c 'umask 000; exec tresor ARGS…'`: what tresor creates must not rely on the umask.
const OPEN_UMASK: &[&str] = &["sh", "-c", r#"umask 000; exec "$0" "$@""#];

/// `setpriv` to nobody, for checks that root would pass regardless.
const AS_NOBODY: &[&str] = &[
    "setpriv",
    "--reuid=65534",
    "--regid=65534",
    "--clear-groups",
];

/// Whether the suite can drop to an unprivileged user: it runs as root with `setpriv`.
fn can_drop_privileges() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0) && have("setpriv")
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Runs `run`; `expected` is the value it may print on stdout (a `get`), else none.
fn observe(run: Run, expected: Option<&str>, canaries: &[&str], outcomes: &mut Vec<Outcome>) {
    let out = run.run();
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    for canary in canaries {
        assert!(
            !out.stderr.contains(canary),
            "stderr holds {canary}: {}",
            out.stderr
        );
        if expected.is_none_or(|value| !value.contains(canary)) {
            assert!(
                !contains(&out.stdout, canary.as_bytes()),
                "stdout holds {canary}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
    outcomes.push(out);
}

#[test]
fn canaries_never_leave_through_the_wrong_door() {
    let env = Env::with_vault();
    let canaries = [
        "CANARY-stdin-4c1b",
        "CANARY-file-93ad",
        "CANARY-rotate-77e0",
        "CANARY-stage-1f5a",
        "CANARY-refused-b2c9",
    ];
    let [stdin, file, rotated, staged, refused] = canaries;
    std::fs::write(env.path("value.txt"), file).unwrap();
    let mut outcomes = Vec::new();
    let mut run = |args: &[&str], input: &str, expected: Option<&str>| {
        observe(
            env.as_("alice.key").args(args).stdin(input),
            expected,
            &canaries,
            &mut outcomes,
        );
    };
    run(
        &["create", "p/one", "--owner", "team", "--tag", "k=v"],
        stdin,
        None,
    );
    run(&["create", "p/two", "--from-file", "value.txt"], "", None);
    run(&["rotate", "p/one"], rotated, None);
    run(&["rotate", "p/one", "--stage"], staged, None);
    run(&["get", "p/one"], "", Some(rotated));
    run(
        &["get", "p/one", "--alias", "pending", "--json"],
        "",
        Some(staged),
    );
    run(&["get", "p/two", "--reason", "audit"], "", Some(file));
    run(&["promote", "p/one", "3", "--expect", "2"], "", None);
    run(&["rollback", "p/one"], "", None);
    run(&["alias", "set", "p/one", "canary", "1"], "", None);
    run(&["disable", "p/one", "--version", "1"], "", None);
    run(&["get", "p/one", "--version", "1"], "", None);
    run(&["enable", "p/one", "--version", "1"], "", None);
    run(&["destroy", "p/one", "--version", "1", "--yes"], "", None);
    run(&["get", "p/one", "--version", "1"], "", None);
    // Refused commands handed a value on stdin must not echo it.
    run(&["create", "p/one"], refused, None);
    run(&["rotate", "p/missing"], refused, None);
    run(&["create", "bad//name"], refused, None);
    for listing in [
        &["show", "p/one"][..],
        &["show", "p/one", "--json"],
        &["list"],
        &["list", "--json"],
        &["audit", "log"],
        &["audit", "log", "--json"],
        &["audit", "verify"],
        &["audit", "head"],
        &["recipient", "list"],
        &["identity", "show"],
    ] {
        run(listing, "", None);
    }
    let failures = outcomes.iter().filter(|o| o.code != Some(0)).count();
    assert!(failures >= 5, "the refused commands should have failed");
    for path in files_under(env.root()) {
        if path == env.path("value.txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for canary in canaries {
            assert!(
                !contains(&bytes, canary.as_bytes()),
                "{} holds {canary}",
                path.display()
            );
        }
    }
    println!(
        "hygiene: {} commands, {failures} refused; no canary outside get's stdout",
        outcomes.len()
    );
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn files_are_private_whatever_the_umask() {
    let env = Env::new();
    env.through(OPEN_UMASK)
        .args(["identity", "new", "--out", "alice.key"])
        .ok();
    let alice = |env: &Env| {
        env.through(OPEN_UMASK)
            .env("TRESOR_IDENTITY", env.path("alice.key"))
    };
    alice(&env).args(["init", "--name", "alice"]).ok();
    alice(&env)
        .args(["create", "s/a"])
        .stdin("canary-mode-1")
        .ok();
    alice(&env).args(["get", "s/a"]).ok();
    let files = [
        env.path("alice.key"),
        env.vault(),
        env.audit_log(),
        env.path("vault.toml.lock"),
        env.reads_path(),
        env.pin_path(),
    ];
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    // This machine's read logs and pins are kept in private folders.
    for folder in ["data/tresor/reads", "data/tresor/trust"] {
        assert_eq!(mode(&env.path(folder)), 0o700, "{folder}");
    }
    // A vault someone opened up is private again after the next write (it is replaced).
    std::fs::set_permissions(env.vault(), std::fs::Permissions::from_mode(0o644)).unwrap();
    alice(&env)
        .args(["rotate", "s/a"])
        .stdin("canary-mode-2")
        .ok();
    assert_eq!(mode(&env.vault()), 0o600);
    assert_eq!(mode(&env.audit_log()), 0o600);
    let stray: Vec<_> = files_under(env.root())
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".tresor-")
        })
        .collect();
    assert!(stray.is_empty(), "temporary files left behind: {stray:?}");
}

#[test]
fn values_never_come_from_the_command_line() {
    let env = Env::with_vault();
    env.create("s/a", "canary-argv-0");
    let canary = "canary-argv-9e2f";
    let attempts: [&[&str]; 5] = [
        &["create", "s/b", canary],
        &["create", "s/b", "--value", canary],
        &["rotate", "s/a", canary],
        &["rotate", "s/a", "--value", canary],
        &["create", "s/b", &format!("--value={canary}")],
    ];
    for args in attempts {
        env.as_("alice.key")
            .args(args)
            .stdin("from-stdin")
            .fails_closed(2);
    }
    for command in ["create", "rotate"] {
        let help = env.tresor().args([command, "--help"]).ok().stdout_text();
        assert!(!help.contains("--value"), "{command} --help offers --value");
        assert!(help.contains("--from-file") && help.contains("--generate"));
    }
    for path in [env.vault(), env.audit_log()] {
        assert!(!contains(&std::fs::read(&path).unwrap(), canary.as_bytes()));
    }
}

#[test]
fn a_running_tresor_cannot_be_dumped() {
    if !can_drop_privileges() {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    // A non-dumpable process's /proc files belong to root, not to its own user: the
    // check is meaningful only if a dumpable process of the same user shows otherwise.
    let owner = |pid: u32| std::fs::metadata(format!("/proc/{pid}/environ")).map(|m| m.uid());
    let mut control = std::process::Command::new("setpriv")
        .args(&AS_NOBODY[1..])
        .args(["sleep", "30"])
        .spawn()
        .unwrap();
    let mut control_owner = Ok(0);
    for _ in 0..100 {
        control_owner = owner(control.id());
        if control_owner.as_ref().is_ok_and(|uid| *uid == 65534) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    control.kill().unwrap();
    control.wait().unwrap();
    assert_eq!(control_owner.unwrap(), 65534);

    let env = Env::with_vault();
    // `create` waits for its value on stdin: long enough to look at it.
    let mut child = env.through(AS_NOBODY).args(["create", "s/a"]).spawn();
    let pid = child.id();
    let mut seen = None;
    for _ in 0..150 {
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
        if exe.is_some_and(|exe| exe.ends_with("tresor")) && owner(pid).is_ok_and(|uid| uid == 0) {
            seen = Some(0);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(seen, Some(0), "tresor (as nobody) stayed dumpable");
}
