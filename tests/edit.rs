//! `tresor edit NAME` with scripted editors: the value in a private scratch file that
//! never stays behind, an unchanged file adding no version, a change one signed rotation.

use crate::support::{Env, Run, TRESOR};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// A vault with `app/db` at v1, and a scratch base (XDG_RUNTIME_DIR) the test can list.
fn vault() -> Env {
    let env = Env::with_vault();
    env.create("app/db", "CANARY-v1");
    std::fs::create_dir(env.path("runtime")).unwrap();
    env
}

/// An editor script; it sees the file as `$1` and can note it in `seen`.
fn editor(env: &Env, name: &str, body: &str) -> String {
    let path = env.path(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

fn edit(env: &Env, editor: &str) -> Run {
    env.alice(["edit", "app/db"])
        .env("EDITOR", editor)
        .env("XDG_RUNTIME_DIR", env.path("runtime"))
}

fn versions(env: &Env) -> usize {
    env.show("app/db")["versions"].as_array().unwrap().len()
}

/// Nothing is left where the editor's file was.
fn assert_nothing_left(env: &Env) {
    let left: Vec<_> = std::fs::read_dir(env.path("runtime")).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    if let Ok(seen) = std::fs::read_to_string(env.path("seen")) {
        let file = Path::new(seen.trim());
        assert!(!file.exists() && !file.parent().unwrap().exists(), "{seen}");
    }
}

#[test]
fn a_change_is_a_new_version_and_the_private_file_is_gone() {
    let env = vault();
    let script = editor(
        &env,
        "ed.sh",
        r#"printf '%s\n' "$1" > seen
stat -c '%a' "$1" "$(dirname "$1")" > modes
[ "$(cat "$1")" = CANARY-v1 ] || exit 9
printf 'CANARY-v2\n' > "$1""#,
    );
    let out = edit(&env, &script).args(["--json"]).ok().json();
    assert_eq!(out["version"], 2);
    assert_eq!(out["changed"], true);
    // The editor's newline was dropped: the value had none.
    assert_eq!(env.get("app/db", &[]), b"CANARY-v2");
    assert_eq!(env.get("app/db#previous", &[]), b"CANARY-v1");
    let modes = std::fs::read_to_string(env.path("modes")).unwrap();
    assert_eq!(modes, "600\n700\n");
    let seen = std::fs::read_to_string(env.path("seen")).unwrap();
    assert!(
        seen.starts_with(&env.path("runtime").display().to_string()),
        "{seen}"
    );
    assert!(seen.trim().ends_with("/db"), "{seen}");
    assert_nothing_left(&env);
    // One signed rotation, said to be an edit; the read is in the read log.
    let rotations = env.audit_events_of("rotate");
    assert_eq!(rotations.len(), 1);
    assert_eq!(rotations[0]["detail"], "edited");
    assert!(rotations[0]["sig"].is_string());
    assert!(env.reads_of("read").iter().any(|e| e["secret"] == "app/db"));
    env.alice(["audit", "verify"]).ok();
}

#[test]
fn an_unchanged_file_adds_no_version() {
    let env = vault();
    let log = env.read_log();
    for body in [
        "true",
        r#"printf '\n' >> "$1""#,
        r#"cp "$1" "$1.x" && mv "$1.x" "$1""#,
    ] {
        let script = editor(&env, "ed.sh", body);
        let out = edit(&env, &script).ok();
        assert!(out.stdout_text().contains("unchanged"), "{body}");
        assert_eq!(versions(&env), 1, "{body}");
        assert_nothing_left(&env);
    }
    assert_eq!(env.read_log(), log, "no write was recorded");
}

#[test]
fn visual_comes_before_editor_and_an_editor_may_have_arguments() {
    let env = vault();
    let script = editor(&env, "ed.sh", r#"printf '%s' "$1" > "$2""#);
    edit(&env, "false")
        .env("VISUAL", format!("{script} CANARY-from-visual"))
        .ok();
    assert_eq!(env.get("app/db", &[]), b"CANARY-from-visual");
}

#[test]
fn a_failing_editor_or_an_empty_value_changes_nothing_and_leaves_nothing() {
    let env = vault();
    let before = env.snapshot();
    let failing = editor(
        &env,
        "fail.sh",
        r#"printf '%s\n' "$1" > seen; printf CANARY-lost > "$1"; exit 3"#,
    );
    edit(&env, &failing)
        .fails_closed(1)
        .error_says(&["editor", "status 3", "nothing"]);
    assert_nothing_left(&env);
    let emptying = editor(&env, "empty.sh", r#"printf '%s\n' "$1" > seen; : > "$1""#);
    edit(&env, &emptying).fails_closed(2).error_says(&["empty"]);
    assert_nothing_left(&env);
    env.assert_unchanged(&before);
    // No editor set and no one at a terminal: a usage error naming the variables.
    env.alice(["edit", "app/db"])
        .fails_closed(2)
        .error_says(&["EDITOR"]);
    env.alice(["edit", "app/none"])
        .env("EDITOR", "true")
        .fails_closed(3);
}

#[test]
fn a_signal_while_editing_leaves_nothing_behind() {
    let env = vault();
    let script = editor(
        &env,
        "slow.sh",
        r#"printf '%s\n' "$1" > seen; printf CANARY-half > "$1"; sleep 5"#,
    );
    for (signal, group) in [("TERM", false), ("INT", true)] {
        let _ = std::fs::remove_file(env.path("seen"));
        let child = edit(&env, &script).own_process_group().spawn();
        let deadline = Instant::now() + Duration::from_secs(20);
        while !env.path("seen").exists() {
            assert!(Instant::now() < deadline, "the editor never started");
            std::thread::sleep(Duration::from_millis(20));
        }
        // ^C at a terminal reaches the whole group; a TERM reaches tresor alone.
        let target = if group {
            format!("-{}", child.id())
        } else {
            child.id().to_string()
        };
        let killed = std::process::Command::new("kill")
            .args([format!("-{signal}"), "--".into(), target])
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{signal}: {stderr}");
        assert!(stderr.contains("nothing was changed"), "{signal}: {stderr}");
        assert_nothing_left(&env);
        assert_eq!(versions(&env), 1);
    }
}

#[test]
fn only_who_may_rotate_can_edit_and_a_concurrent_change_wins() {
    let env = vault();
    env.admit("bob");
    env.grant("bob", "read", "app/**");
    let script = editor(
        &env,
        "ed.sh",
        r#"printf '%s\n' "$1" > seen; printf CANARY-bob > "$1""#,
    );
    env.as_("bob.key")
        .args(["edit", "app/db"])
        .env("EDITOR", &script)
        .fails_closed(4);
    assert!(!env.path("seen").exists(), "the editor never ran");
    // Someone rotates while the editor is open: the edit is refused, theirs stands.
    let racing = editor(
        &env,
        "race.sh",
        r#"printf CANARY-theirs | "$TRESOR_BIN" rotate app/db >/dev/null || exit 7
printf CANARY-mine > "$1""#,
    );
    edit(&env, &racing)
        .env("TRESOR_BIN", TRESOR)
        .fails_closed(6)
        .error_says(&["changed while", "edit it again"]);
    assert_eq!(env.get("app/db", &[]), b"CANARY-theirs");
    assert_eq!(versions(&env), 2);
    assert_nothing_left(&env);
}
