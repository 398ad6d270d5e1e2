//! `tresor run`: real children get their variables, their exit codes become tresor's,
//! and their output is masked unless --no-mask.

use crate::support::Env;
use std::time::{Duration, Instant};

const DB_URL: &str = "postgres://app:s3cr3t-pw@db.internal/app";

fn vault_with_app() -> Env {
    let env = Env::with_vault();
    env.create("prod/app/db-url", DB_URL);
    env.create("prod/app/api-key", "ak_live_0123456789abcdef");
    env
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn variables_arrive_in_the_child() {
    let env = vault_with_app();
    let out = env
        .as_("alice.key")
        .args(["run", "--no-mask", "--env", "DB=prod/app/db-url", "--"])
        .args(["sh", "-c", "printf %s \"$DB\""])
        .ok();
    assert_eq!(out.stdout, DB_URL.as_bytes());

    let out = env
        .as_("alice.key")
        .args([
            "run",
            "--no-mask",
            "--prefix",
            "prod/app",
            "--strip-prefix",
            "--",
        ])
        .args(["sh", "-c", "printf '%s|%s' \"$DB_URL\" \"$API_KEY\""])
        .ok();
    assert_eq!(
        out.stdout_text(),
        format!("{DB_URL}|ak_live_0123456789abcdef")
    );

    let out = env
        .as_("alice.key")
        .args(["run", "--no-mask", "--prefix", "prod/app", "--"])
        .args(["sh", "-c", "printf %s \"$PROD_APP_DB_URL\""])
        .ok();
    assert_eq!(out.stdout, DB_URL.as_bytes());
}

#[test]
fn references_in_the_environment_are_resolved() {
    let env = vault_with_app();
    env.as_("alice.key")
        .args(["rotate", "prod/app/db-url"])
        .stdin("postgres://new")
        .ok();
    let script = "printf '%s|%s|%s|%s' \"$NOW\" \"$BEFORE\" \"$FIRST\" \"$PLAIN\"";
    let out = env
        .as_("alice.key")
        .env("NOW", "tresor://prod/app/db-url")
        .env("BEFORE", "tresor://prod/app/db-url#previous")
        .env("FIRST", "tresor://prod/app/db-url@1")
        .env("PLAIN", "postgres://not-a-reference")
        .args(["run", "--no-mask", "--", "sh", "-c", script])
        .ok();
    assert_eq!(
        out.stdout_text(),
        format!("postgres://new|{DB_URL}|{DB_URL}|postgres://not-a-reference")
    );
    // --env wins over a reference already in the environment.
    let out = env
        .as_("alice.key")
        .env("DB", "tresor://prod/app/api-key")
        .args([
            "run",
            "--no-mask",
            "-e",
            "DB=prod/app/db-url#previous",
            "--",
        ])
        .args(["sh", "-c", "printf %s \"$DB\""])
        .ok();
    assert_eq!(out.stdout, DB_URL.as_bytes());
}

#[test]
fn bad_references_and_collisions_are_usage_errors() {
    let env = vault_with_app();
    env.create("prod/app/db.url", "other");
    let run = |args: &[&str]| {
        env.as_("alice.key")
            .arg("run")
            .args(args)
            .args(["--", "true"])
    };
    run(&["--prefix", "prod/app", "--strip-prefix"]).fails(2);
    run(&["--env", "1X=prod/app/db-url"]).fails(2);
    run(&["--env", "X"]).fails(2);
    run(&["--env", "X=prod/app/db-url@x"]).fails(2);
    run(&["--env", "X=prod/app/nothing"]).fails(3);
    run(&["--prefix", "nothing/here"]).fails(3);
    env.as_("alice.key")
        .env("X", "tresor://not a name")
        .args(["run", "--", "true"])
        .fails(2);
}

#[test]
fn exit_codes_propagate() {
    let env = vault_with_app();
    for (script, code) in [
        ("exit 0", 0),
        ("exit 1", 1),
        ("exit 42", 42),
        ("kill -TERM $$", 143),
        ("kill -KILL $$", 137),
    ] {
        let out = env
            .as_("alice.key")
            .args([
                "run",
                "--env",
                "X=prod/app/db-url",
                "--",
                "sh",
                "-c",
                script,
            ])
            .run();
        assert_eq!(out.code, Some(code), "{script}: {}", out.stderr);
        assert!(!out.stderr.contains("tresor:"), "{}", out.stderr);
    }
    env.as_("alice.key")
        .args(["run", "--", "no-such-command-for-tresor"])
        .fails(127);
}

#[test]
fn output_is_masked_on_stdout_and_stderr() {
    let env = vault_with_app();
    let out = env
        .as_("alice.key")
        .args(["run", "--env", "V=prod/app/db-url", "--", "sh", "-c"])
        .arg("echo \"url=$V.\"; echo \"err=$V\" >&2")
        .ok();
    assert_eq!(out.stdout_text(), "url=<redacted:prod/app/db-url>.\n");
    assert_eq!(out.stderr, "err=<redacted:prod/app/db-url>\n");
}

#[test]
fn a_value_split_across_writes_is_masked() {
    let env = vault_with_app();
    let script = "printf %s \"${V%????}\"; sleep 0.1; printf %s \"${V#${V%????}}\"";
    for target in ["", " >&2"] {
        let split = script.replace("\"; ", &format!("\"{target}; ")) + target;
        let out = env
            .as_("alice.key")
            .args([
                "run",
                "--env",
                "V=prod/app/db-url",
                "--",
                "sh",
                "-c",
                &split,
            ])
            .ok();
        let both = [out.stdout.clone(), out.stderr.clone().into_bytes()].concat();
        assert!(!contains(&both, DB_URL), "{split}");
        assert!(!contains(&both, "s3cr3t"), "{split}");
        assert!(contains(&both, "<redacted:prod/app/db-url>"), "{split}");
    }
}

#[test]
fn multi_line_values_are_masked() {
    let env = Env::with_vault();
    let pem = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\nAQEFAASCBKcwggSjAgEAAoIB\n-----END KEY-----\n";
    env.create("prod/tls/key", pem);
    let out = env
        .as_("alice.key")
        .args(["run", "--env", "K=prod/tls/key", "--", "sh", "-c"])
        .arg("printf 'before\\n%s' \"$K\"; printf after")
        .ok();
    assert_eq!(out.stdout_text(), "before\n<redacted:prod/tls/key>after");
}

#[test]
fn binary_output_passes_byte_exact() {
    let env = vault_with_app();
    let script = "printf '\\377\\000\\001\\r\\n'";
    for mask in [&["--no-mask"][..], &[][..]] {
        let out = env
            .as_("alice.key")
            .arg("run")
            .args(mask)
            .args(["--env", "V=prod/app/db-url", "--", "sh", "-c", script])
            .ok();
        assert_eq!(out.stdout, [0xff, 0, 1, b'\r', b'\n'], "{mask:?}");
    }
    let out = env
        .as_("alice.key")
        .args(["run", "--no-mask", "--env", "V=prod/app/db-url", "--"])
        .args(["sh", "-c", "printf %s \"$V\""])
        .ok();
    assert_eq!(out.stdout, DB_URL.as_bytes());
}

#[test]
fn a_denied_read_starts_no_child() {
    let env = vault_with_app();
    std::fs::write(
        env.path("policy.toml"),
        r#"[groups]
admins = ["alice"]

[[rule]]
who = ["group:admins"]
can = ["*"]
on = ["**"]

[[rule]]
effect = "deny"
who = ["alice"]
can = ["read"]
on = ["prod/app/*"]
"#,
    )
    .unwrap();
    env.as_("alice.key")
        .args(["policy", "set", "policy.toml"])
        .ok();
    env.as_("alice.key")
        .args([
            "run",
            "--env",
            "V=prod/app/db-url",
            "--",
            "sh",
            "-c",
            "touch started",
        ])
        .fails(4);
    env.as_("alice.key")
        .env("V", "tresor://prod/app/api-key")
        .args(["run", "--", "sh", "-c", "touch started"])
        .fails(4);
    assert!(!env.path("started").exists());
    let denials = env
        .as_("alice.key")
        .args(["audit", "log", "--event", "deny", "--json"])
        .ok();
    assert_eq!(denials.stdout_text().lines().count(), 2);
    // Denials are this machine's: in its read log, not in the committed log.
    assert_eq!(env.reads_of("deny").len(), 2);
    assert!(env.audit_events_of("deny").is_empty());
}

#[test]
fn reads_and_the_run_are_audited_without_values() {
    let env = vault_with_app();
    env.as_("alice.key")
        .args([
            "run", "--prefix", "prod/app", "--", "sh", "-c", "true", "arg1",
        ])
        .ok();
    // Reads and the run go to this machine's read log; neither log holds a value.
    let before = env.snapshot();
    let log = std::fs::read_to_string(env.audit_log()).unwrap();
    let reads_log = std::fs::read_to_string(env.reads_path()).unwrap();
    for text in [&log, &reads_log] {
        assert!(!text.contains("s3cr3t") && !text.contains("ak_live"));
    }
    assert_eq!(env.reads_of("run").len(), 1);
    assert!(env.audit_events_of("run").is_empty() && env.audit_events_of("read").is_empty());
    let runs = env
        .as_("alice.key")
        .args(["audit", "log", "--event", "run", "--json"])
        .ok();
    let run: serde_json::Value = serde_json::from_str(runs.stdout_text().trim()).unwrap();
    assert_eq!(run["command"], "sh");
    assert!(!run.to_string().contains("arg1"));
    let reads = env
        .as_("alice.key")
        .args(["audit", "log", "--event", "read", "--json"])
        .ok();
    assert_eq!(reads.stdout_text().lines().count(), 2);
    env.as_("alice.key").args(["audit", "verify"]).ok();
    env.assert_unchanged(&before);
}

#[test]
fn the_vault_is_unlocked_while_the_child_runs() {
    let env = vault_with_app();
    // The child itself uses the vault: it would wait for the lock if run held it.
    let out = env
        .as_("alice.key")
        .env("TRESOR_LOCK_TIMEOUT", "1")
        .args(["run", "--pass-env", "TRESOR_IDENTITY"])
        .args(["--env", "V=prod/app/db-url", "--"])
        .args([
            crate::support::TRESOR,
            "rotate",
            "prod/app/api-key",
            "--generate",
        ])
        .ok();
    assert!(out.stdout_text().contains("version 2 is current"));
}

#[test]
fn sigterm_is_forwarded_to_the_child() {
    let env = vault_with_app();
    let child = env
        .as_("alice.key")
        .args(["run", "--env", "V=prod/app/db-url", "--", "sh", "-c"])
        .arg("trap 'echo got-term; exit 7' TERM; touch ready; while :; do sleep 0.05; done")
        .spawn_without_stdin();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !env.path("ready").exists() {
        assert!(Instant::now() < deadline, "the child never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(out.stdout, b"got-term\n");
}

#[test]
fn a_mistyped_option_is_a_usage_error_never_the_command() {
    let env = vault_with_app();
    for (args, option) in [
        (&["--prefx", "prod/app", "--"][..], "--prefx"),
        (&["--prefx", "prod/app"], "--prefx"),
        (
            &["--env", "V=prod/app/db-url", "--no-masks", "--"],
            "--no-masks",
        ),
        (&["-x", "--"], "-x"),
    ] {
        let out = env
            .as_("alice.key")
            .arg("run")
            .args(args)
            .args(["touch", "started"])
            .fails(2);
        let named = format!("unexpected argument '{option}'");
        assert!(out.stderr.contains(&named), "{args:?}: {}", out.stderr);
        assert!(!env.path("started").exists(), "{args:?} ran the command");
    }
    let out = env
        .as_("alice.key")
        .args(["run", "--prefx", "prod/app", "--", "env"])
        .fails(2);
    assert!(out.stderr.contains("'--prefx'"), "{}", out.stderr);
    assert!(out.stderr.contains("'--prefix'"), "{}", out.stderr);
    // After --, or after the command's name, options are the command's own.
    let script = "printf '%s|%s' \"$1\" \"$V\"";
    for args in [
        &[
            "--env",
            "V=prod/app/db-url",
            "sh",
            "-c",
            script,
            "sh",
            "--no-mask",
        ][..],
        &[
            "--env",
            "V=prod/app/db-url",
            "--",
            "sh",
            "-c",
            script,
            "sh",
            "--no-mask",
        ],
    ] {
        let out = env.as_("alice.key").arg("run").args(args).ok();
        assert_eq!(out.stdout_text(), "--no-mask|<redacted:prod/app/db-url>");
    }
}

/// Starts `tresor run` on `script` and waits until the script has touched `ready`.
fn start_until_ready(env: &Env, tresor: crate::support::Run, script: &str) -> std::process::Child {
    let child = tresor
        .args([
            "run",
            "--env",
            "V=prod/app/db-url",
            "--",
            "sh",
            "-c",
            script,
        ])
        .spawn_without_stdin();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !env.path("ready").exists() {
        assert!(Instant::now() < deadline, "the child never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

/// Generous for a loaded machine, and still far below the 10 s the processes left
/// in the background hold the output pipes for.
const PROMPTLY: Duration = Duration::from_secs(4);

#[test]
fn the_run_ends_when_the_child_exits_despite_background_processes() {
    let env = vault_with_app();
    for (script, code, stdout) in [
        (
            "sleep 10 & echo \"started $V\"",
            0,
            "started <redacted:prod/app/db-url>\n",
        ),
        (
            "sleep 10 & printf %s \"$V\"; exit 3",
            3,
            "<redacted:prod/app/db-url>",
        ),
        (
            "sleep 10 >&2 & echo out; echo \"$V\" >&2; exit 4",
            4,
            "out\n",
        ),
    ] {
        let started = Instant::now();
        let out = env
            .as_("alice.key")
            .args([
                "run",
                "--env",
                "V=prod/app/db-url",
                "--",
                "sh",
                "-c",
                script,
            ])
            .run();
        assert!(
            started.elapsed() < PROMPTLY,
            "{script}: took {:?}",
            started.elapsed()
        );
        assert_eq!(out.code, Some(code), "{script}: {}", out.stderr);
        assert_eq!(out.stdout_text(), stdout, "{script}");
        assert!(!out.stderr.contains("s3cr3t"), "{script}: {}", out.stderr);
    }
    // All the child wrote before it exited is passed on, masked, however much it is.
    let started = Instant::now();
    let out = env
        .as_("alice.key")
        .args(["run", "--env", "V=prod/app/db-url", "--", "sh", "-c"])
        .arg("sleep 10 & head -c 300000 /dev/zero | tr '\\0' x; printf %s \"$V\"")
        .ok();
    assert!(started.elapsed() < PROMPTLY, "took {:?}", started.elapsed());
    let expected = "x".repeat(300_000) + "<redacted:prod/app/db-url>";
    assert!(
        out.stdout == expected.as_bytes(),
        "{} bytes",
        out.stdout.len()
    );
}

#[test]
fn sigint_ends_the_run_promptly_despite_background_processes() {
    let env = vault_with_app();
    // SIGINT to tresor alone: passed on to the child, which dies of it.
    let child = start_until_ready(
        &env,
        env.as_("alice.key"),
        "sleep 10 & touch ready; exec sleep 10",
    );
    let sent = Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(sent.elapsed() < PROMPTLY, "took {:?}", sent.elapsed());
    assert_eq!(out.status.code(), Some(130));
    std::fs::remove_file(env.path("ready")).unwrap();

    // ^C on a terminal: SIGINT to the whole foreground group. The shell and its
    // foreground sleep end; the background sleep ignores it and keeps the pipes.
    let child = start_until_ready(
        &env,
        env.as_("alice.key").own_process_group(),
        "sleep 10 & touch ready; sleep 10",
    );
    let sent = Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-INT", "--", &format!("-{}", child.id())])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(sent.elapsed() < PROMPTLY, "took {:?}", sent.elapsed());
    assert_eq!(out.status.code(), Some(130));
}

#[test]
fn tresor_credentials_stay_out_of_the_child_unless_passed_on() {
    let env = vault_with_app();
    let key = env.secret_key("alice.key");
    std::fs::write(env.path("sops.txt"), format!("{key}\n")).unwrap();
    let credentials = [
        ("TRESOR_IDENTITY_KEY", key.clone()),
        (
            "TRESOR_PASSPHRASE_FILE",
            env.path("pass.txt").display().to_string(),
        ),
        ("SOPS_AGE_KEY", key.clone()),
        (
            "SOPS_AGE_KEY_FILE",
            env.path("sops.txt").display().to_string(),
        ),
    ];
    let with_credentials = || {
        let mut run = env.as_("alice.key").env("KEEP", "kept");
        for (name, value) in &credentials {
            run = run.env(name, value);
        }
        run
    };
    let out = with_credentials()
        .args([
            "run",
            "--no-mask",
            "--env",
            "V=prod/app/db-url",
            "--",
            "env",
        ])
        .ok();
    let seen = out.stdout_text();
    assert!(seen.contains("KEEP=kept\n") && seen.contains(&format!("V={DB_URL}\n")));
    for name in ["TRESOR_IDENTITY"]
        .iter()
        .chain(credentials.iter().map(|(n, _)| n))
    {
        assert!(
            !seen.contains(&format!("{name}=")),
            "{name} reached the child"
        );
    }
    assert!(!seen.contains(&key), "the identity reached the child");

    // Named, they are passed on; mapped from a secret, they hold the secret.
    let out = with_credentials()
        .env("SOPS_AGE_KEY_FILE", "tresor://prod/app/api-key")
        .args(["run", "--no-mask", "--pass-env", "TRESOR_IDENTITY"])
        .args(["--pass-env", "TRESOR_IDENTITY_KEY"])
        .args(["--env", "SOPS_AGE_KEY=prod/app/db-url", "--", "sh", "-c"])
        .arg("printf '%s|%s|%s|%s|%s' \"$TRESOR_IDENTITY\" \"$TRESOR_IDENTITY_KEY\" \"$SOPS_AGE_KEY\" \"$SOPS_AGE_KEY_FILE\" \"${TRESOR_PASSPHRASE_FILE-unset}\"")
        .ok();
    assert_eq!(
        out.stdout_text(),
        format!(
            "{}|{key}|{DB_URL}|ak_live_0123456789abcdef|unset",
            env.path("alice.key").display()
        )
    );

    let run = |args: &[&str]| {
        env.as_("alice.key")
            .arg("run")
            .args(args)
            .args(["--", "true"])
    };
    // Only what is withheld can be passed on; a typo is not silently ignored.
    let out = run(&["--pass-env", "TRESOR_IDENTIY"]).fails(2);
    assert!(out.stderr.contains("'TRESOR_IDENTIY'"), "{}", out.stderr);
    assert!(out.stderr.contains("'TRESOR_IDENTITY'"), "{}", out.stderr);
    run(&["--pass-env", "HOME"]).fails(2);
    run(&[
        "--pass-env",
        "SOPS_AGE_KEY",
        "--env",
        "SOPS_AGE_KEY=prod/app/db-url",
    ])
    .fails(2)
    .error_says(&["SOPS_AGE_KEY"]);
}

#[test]
fn json_is_refused_as_the_output_is_the_commands() {
    let env = vault_with_app();
    for args in [
        &["run", "--json", "--", "touch", "started"][..],
        &[
            "--json",
            "run",
            "--env",
            "V=prod/app/db-url",
            "touch",
            "started",
        ],
    ] {
        env.as_("alice.key")
            .args(args)
            .fails(2)
            .error_says(&["--json"]);
        assert!(!env.path("started").exists(), "{args:?} ran the command");
    }
    // After the command's name, --json is the command's.
    let out = env
        .as_("alice.key")
        .args(["run", "--env", "V=prod/app/db-url", "echo", "--json"])
        .ok();
    assert_eq!(out.stdout_text(), "--json\n");
}

#[test]
fn many_values_are_masked_the_longest_first() {
    let env = Env::with_vault();
    // A password inside a URL: the URL is masked as a whole, the password alone too.
    let password = "hunter2-longer-pw";
    let url = format!("postgres://app:{password}@db/app");
    let mut lines = String::new();
    for i in 0..300 {
        lines.push_str(&format!("TOKEN_{i:03}=tok-{i:03}-{}\n", "z".repeat(i % 40)));
    }
    lines.push_str(&format!("PASSWORD={password}\nURL={url}\n"));
    std::fs::write(env.path("many.env"), lines).unwrap();
    env.as_("alice.key")
        .args(["import", "dotenv", "many.env", "--prefix", "app"])
        .ok();
    let out = env
        .as_("alice.key")
        .args(["run", "--prefix", "app", "--strip-prefix", "--", "sh", "-c"])
        .arg("printf '%s %s|%s|%s' \"$URL\" \"$PASSWORD\" \"$TOKEN_007\" \"$TOKEN_299\"")
        .ok();
    let text = out.stdout_text();
    assert_eq!(
        text,
        "<redacted:app/url> <redacted:app/password>|<redacted:app/token-007>|<redacted:app/token-299>"
    );
    assert!(
        !text.contains("tok-") && !text.contains("hunter2"),
        "{text}"
    );
}
