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
        .args(["run", "--env", "V=prod/app/db-url", "--"])
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
