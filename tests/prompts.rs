//! Prompts on the controlling terminal (a pseudo-terminal the test drives), even when
//! stdin is a pipe: a passphrase asked again after a wrong one, a confirmation; never
//! when `CI` is set or there is no terminal.

use crate::support::{Env, TRESOR};
use serde_json::{Value, json};
use tresor::crypto::passphrase::KdfParams;
use tresor::identity::Identity;

/// Starts tresor in a session of its own whose controlling terminal is a new pty, its
/// stdin, stdout and stderr pipes; then for each (expected, answer) waits until the
/// terminal shows `expected` and types `answer`. Returns the exit code, what the
/// terminal showed, stdout and stderr.
const DRIVER: &str = r#"
import fcntl, json, os, select, subprocess, sys, termios, time
cfg = json.loads(sys.argv[1])
master, slave = os.openpty()
def controlling_terminal():
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
child = subprocess.Popen(cfg["cmd"], env=cfg["env"], cwd=cfg["cwd"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=controlling_terminal, pass_fds=(slave,))
# The terminal's modes, read through a handle of our own on its slave side.
modes = os.open(os.ttyname(slave), os.O_RDWR | os.O_NOCTTY)
os.close(slave)
child.stdin.write(cfg["stdin"].encode())
child.stdin.close()
shown, seen = b"", 0
def read(timeout):
    global shown
    ready, _, _ = select.select([master], [], [], timeout)
    if not ready:
        return False
    try:
        chunk = os.read(master, 4096)
    except OSError:
        return False
    shown += chunk
    return bool(chunk)
for expected, answer in cfg["script"]:
    deadline = time.time() + 30
    while expected.encode() not in shown[seen:]:
        if time.time() > deadline or (not read(0.2) and child.poll() is not None):
            print(json.dumps({"timeout": expected, "tty": shown.decode(errors="replace")}))
            child.kill()
            sys.exit(0)
    seen = shown.index(expected.encode(), seen) + len(expected)
    if answer:
        # Type only once the prompt reads: it turns echo off, flushing what came before.
        while termios.tcgetattr(modes)[3] & termios.ECHO and time.time() < deadline:
            read(0.02)
        os.write(master, answer.encode())
deadline = time.time() + 60
while child.poll() is None:
    read(0.1)
    if time.time() > deadline:
        child.kill()
        print(json.dumps({"timeout": "the end", "tty": shown.decode(errors="replace")}))
        sys.exit(0)
while read(0.1):
    pass
out, err = child.stdout.read(), child.stderr.read()
print(json.dumps({"code": child.returncode, "tty": shown.decode(errors="replace"),
                  "stdout": out.decode(errors="replace"), "stderr": err.decode(errors="replace")}))
"#;

const PASSPHRASE: &str = "correct horse battery";

/// A vault whose admin's identity `pp.key` is protected by `PASSPHRASE` (cheap Argon2
/// parameters: the real ones take seconds in a debug build).
fn protected_vault() -> Env {
    let env = Env::new();
    let identity = Identity::generate();
    let params = KdfParams {
        memory_kib: 8 * 1024,
        iterations: 1,
        parallelism: 1,
    };
    let text = identity
        .to_protected_file(PASSPHRASE.as_bytes(), params)
        .unwrap();
    std::fs::write(env.path("pp.key"), text).unwrap();
    std::fs::write(env.path("pass.txt"), PASSPHRASE).unwrap();
    with_passphrase(&env).args(["init", "--name", "pat"]).ok();
    with_passphrase(&env)
        .args(["create", "app/db"])
        .stdin("CANARY-v1")
        .ok();
    env
}

fn with_passphrase(env: &Env) -> crate::support::Run {
    env.as_("pp.key")
        .env("TRESOR_PASSPHRASE_FILE", env.path("pass.txt"))
}

/// tresor ARGS on a terminal, `stdin` piped in, answering `script`.
fn on_terminal(env: &Env, args: &[&str], stdin: &str, ci: bool, script: &[(&str, &str)]) -> Value {
    on_terminal_with(env, args, stdin, ci, &[], script)
}

/// `on_terminal` with more environment variables.
fn on_terminal_with(
    env: &Env,
    args: &[&str],
    stdin: &str,
    ci: bool,
    more: &[(&str, String)],
    script: &[(&str, &str)],
) -> Value {
    let mut vars = json!({
        "PATH": std::env::var("PATH").unwrap(),
        "HOME": env.path("home"),
        "XDG_CONFIG_HOME": env.path("config"),
        "XDG_DATA_HOME": env.path("data"),
        "TRESOR_IDENTITY": env.path("pp.key"),
        "TERM": "dumb",
    });
    if ci {
        vars["CI"] = "1".into();
    }
    for (name, value) in more {
        vars[*name] = value.clone().into();
    }
    let mut cmd = vec![TRESOR.to_string()];
    cmd.extend(args.iter().map(|a| a.to_string()));
    let config = json!({
        "cmd": cmd,
        "env": vars,
        "cwd": env.root(),
        "stdin": stdin,
        "script": script,
    });
    let out = std::process::Command::new("python3")
        .args(["-c", DRIVER])
        .arg(config.to_string())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the pty driver failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(result.get("timeout").is_none(), "no prompt came: {result}");
    assert!(
        !result["stderr"].as_str().unwrap().contains("CANARY"),
        "{result}"
    );
    result
}

#[test]
fn a_passphrase_is_asked_on_the_terminal_with_a_value_piped_in_and_again_after_a_wrong_one() {
    let env = protected_vault();
    let out = on_terminal(
        &env,
        &["rotate", "app/db"],
        "CANARY-v2",
        false,
        &[
            ("Passphrase for", "not it\r"),
            ("Wrong passphrase; try again.", ""),
            ("Passphrase for", &format!("{PASSPHRASE}\r")),
        ],
    );
    assert_eq!(out["code"], 0, "{out}");
    assert!(
        out["stdout"]
            .as_str()
            .unwrap()
            .contains("version 2 is current"),
        "{out}"
    );
    // Typed hidden: neither answer is echoed.
    let tty = out["tty"].as_str().unwrap();
    assert!(
        !tty.contains(PASSPHRASE) && !tty.contains("not it"),
        "{tty}"
    );
    assert_eq!(
        with_passphrase(&env).args(["get", "app/db"]).ok().stdout,
        b"CANARY-v2"
    );
    // Three wrong answers: exit 7, nothing written.
    let before = env.snapshot();
    let (wrong, again) = (
        ("Passphrase for", "nope\r"),
        ("Wrong passphrase; try again.", ""),
    );
    let script = [wrong, again, wrong, again, wrong];
    let out = on_terminal(&env, &["rotate", "app/db"], "CANARY-v3", false, &script);
    assert_eq!(out["code"], 7, "{out}");
    assert!(
        out["stderr"].as_str().unwrap().contains("wrong 3 times"),
        "{out}"
    );
    env.assert_unchanged(&before);
}

#[test]
fn with_ci_set_nothing_is_asked_even_on_a_terminal() {
    let env = protected_vault();
    let out = on_terminal(&env, &["get", "app/db"], "", true, &[]);
    assert_eq!(out["code"], 7, "{out}");
    assert!(
        out["stderr"]
            .as_str()
            .unwrap()
            .contains("TRESOR_PASSPHRASE_FILE"),
        "{out}"
    );
    assert_eq!(out["tty"], "", "{out}");
}

#[test]
fn a_confirmation_is_asked_on_the_terminal_with_stdin_a_pipe() {
    let env = protected_vault();
    with_passphrase(&env)
        .args(["rotate", "app/db"])
        .stdin("CANARY-v2")
        .ok();
    let passphrase = format!("{PASSPHRASE}\r");
    let out = on_terminal(
        &env,
        &["destroy", "app/db", "--version", "1"],
        "",
        false,
        &[("Destroy version 1 of 'app/db'?", "n")],
    );
    // The question comes before the passphrase: declined, nothing is opened or done.
    assert_eq!(out["code"], 1, "{out}: {}", out["tty"]);
    assert!(
        out["stderr"].as_str().unwrap().contains("Nothing done"),
        "{out}"
    );
    assert_eq!(env.show("app/db")["versions"][0]["state"], "active");
    let out = on_terminal(
        &env,
        &["destroy", "app/db", "--version", "1"],
        "",
        false,
        &[
            ("Destroy version 1 of 'app/db'?", "y"),
            ("Passphrase for", &passphrase),
        ],
    );
    assert_eq!(out["code"], 0, "{out}");
    assert_eq!(env.show("app/db")["versions"][0]["state"], "destroyed");
}

/// `… | tresor edit NAME`: the editor still gets the terminal (a pipe on its stdin
/// would leave vi without a keyboard), and tresor's own stdout stays the pipe.
#[test]
fn an_editor_gets_the_terminal_when_tresor_reads_a_pipe() {
    let env = protected_vault();
    let editor = env.path("ed.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nif [ -t 0 ] && [ -t 1 ]; then on=terminal; else on=pipe; fi\necho $on > {}\nprintf CANARY-v2 > \"$1\"\n",
            env.path("seen").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = on_terminal_with(
        &env,
        &["edit", "app/db"],
        "piped, not for the editor",
        false,
        &[
            ("EDITOR", editor.display().to_string()),
            (
                "TRESOR_PASSPHRASE_FILE",
                env.path("pass.txt").display().to_string(),
            ),
        ],
        &[],
    );
    assert_eq!(out["code"], 0, "{out}");
    assert_eq!(
        std::fs::read_to_string(env.path("seen")).unwrap().trim(),
        "terminal"
    );
    assert!(out["stdout"].as_str().unwrap().contains("app/db"), "{out}");
    assert_eq!(
        with_passphrase(&env).args(["get", "app/db"]).ok().stdout,
        b"CANARY-v2"
    );
}
