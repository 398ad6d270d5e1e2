//! `audit verify | head | log`: the hash chain as DESIGN.md section 5 describes it (the
//! committed log of signed writes, and this machine's read log), the events each
//! command writes, and the filters of `audit log` over both.

use crate::support::Env;
use serde_json::json;
use sha2::{Digest, Sha256};

/// Insists that `log` is a SHA-256 chain from line 0; returns its line count.
fn assert_chain(log: &str) -> usize {
    assert!(log.ends_with('\n'));
    let mut prev = "0".repeat(64);
    for (seq, line) in log.lines().enumerate() {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(
            (&event["seq"], &event["prev"]),
            (&json!(seq), &json!(prev)),
            "{line}"
        );
        assert!(event["ts"].as_str().unwrap().ends_with('Z'), "{line}");
        prev = hex::encode(Sha256::digest(line.as_bytes()));
    }
    log.lines().count()
}

/// `SEQ:HASH` of the log's last line, computed here from its bytes.
fn head_by_hand(env: &Env) -> String {
    let log = std::fs::read_to_string(env.audit_log()).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    let last = lines.last().unwrap();
    format!(
        "{}:{}",
        lines.len() - 1,
        hex::encode(Sha256::digest(last.as_bytes()))
    )
}

fn audit(env: &Env, args: &[&str]) -> String {
    env.alice(["audit"]).args(args).ok().stdout_text()
}

/// A vault where alice and bob have written and read under `prod/` and `dev/`.
fn busy_vault() -> Env {
    let env = Env::with_vault();
    env.add_principal("bob");
    env.create("prod/pay/key", "CANARY-p");
    env.create("dev/db/pw", "CANARY-d");
    let read = |key: &str, name: &str| env.as_(key).args(["get", name, "--reason", "INC-7"]).ok();
    read("bob.key", "prod/pay/key");
    read("bob.key", "dev/db/pw");
    read("alice.key", "prod/pay/key");
    env
}

#[test]
fn the_log_is_a_sha256_chain_and_head_names_its_end() {
    let env = busy_vault();
    let log = std::fs::read_to_string(env.audit_log()).unwrap();
    let events = assert_chain(&log);
    // Every committed line is a signed write.
    for event in env.audit_events() {
        assert!(event["sig"].is_string(), "{event}");
        assert!(event["event"] != "read" && event["event"] != "deny");
    }
    // The three reads are this machine's: a chain of its own, unsigned.
    let reads = std::fs::read_to_string(env.reads_path()).unwrap();
    assert_eq!(assert_chain(&reads), 3);
    assert!(
        env.reads()
            .iter()
            .all(|e| e["event"] == "read" && e["sig"].is_null())
    );
    assert_eq!(audit(&env, &["head"]), format!("{}\n", head_by_hand(&env)));
    let doc = env.json(&["audit", "head"]);
    assert_eq!(doc["head"], head_by_hand(&env));

    let root = env.json(&["trust", "show"])["root"]
        .as_str()
        .unwrap()
        .to_string();
    let verified = audit(&env, &["verify"]);
    assert!(
        verified.contains(&format!(
            "verifies: {events} events, every write signed by a principal allowed to make it, head {}; the vault matches it (root {root})",
            head_by_hand(&env)
        )),
        "{verified}"
    );
    assert!(verified.contains("read log holds 3 events"), "{verified}");
    // Signatures verify with public keys alone: without an identity, all of it.
    let doc = env.json(&["audit", "verify"]);
    assert_eq!(
        doc,
        json!({"ok": true, "events": events, "head": head_by_hand(&env), "root": root, "local_reads": 3})
    );
    assert_eq!(env.alice(["audit", "verify", "--json"]).ok().json(), doc);
}

#[test]
fn verify_checks_this_machines_read_log_too() {
    let env = busy_vault();
    let path = env.reads_path();
    let reads = std::fs::read_to_string(&path).unwrap();
    // Hide bob's read of prod/pay/key: the chain breaks at the next line.
    let altered = reads.replacen("\"prod/pay/key\"", "\"dev/db/pw\"", 1);
    assert_ne!(altered, reads);
    std::fs::write(&path, altered).unwrap();
    let out = env.refuses(env.alice(["audit", "verify"]), 5);
    out.error_says(&["line 2", "reads"]);
    std::fs::write(&path, &reads).unwrap();
    audit(&env, &["verify"]);
}

#[test]
fn verify_accepts_an_older_head_and_rejects_a_bogus_one() {
    let env = Env::with_vault();
    env.create("app/x", "CANARY-x");
    let published = audit(&env, &["head"]).trim().to_string();
    env.alice(["rotate", "app/x", "--generate"]).ok();
    env.get("app/x", &[]);
    audit(&env, &["verify", "--expect-head", &published]);
    audit(&env, &["verify", "--expect-head", &head_by_hand(&env)]);

    let (seq, hash) = published.split_once(':').unwrap();
    let bogus = format!("{seq}:{}", "f".repeat(64));
    let verify = |head: &str| env.alice(["audit", "verify", "--expect-head", head]);
    env.refuses(verify(&bogus), 5)
        .error_says(&["expected head"]);
    let beyond = format!("99:{hash}");
    env.refuses(verify(&beyond), 5)
        .error_says(&["truncated or replaced"]);
    env.refuses(verify("12:abc"), 2).error_says(&["SEQ:HASH"]);
}

#[test]
fn each_command_writes_its_event() {
    let env = Env::with_vault();
    env.create("app/x", "CANARY-1");
    // (args, event, whether it is a signed write in the committed log)
    let steps: &[(&[&str], &str, bool)] = &[
        (
            &["rotate", "app/x", "--generate", "--stage"],
            "rotate",
            true,
        ),
        (&["promote", "app/x", "2"], "promote", true),
        (&["rollback", "app/x"], "rollback", true),
        (&["alias", "set", "app/x", "canary", "2"], "alias", true),
        (&["disable", "app/x", "--version", "2"], "disable", true),
        (&["enable", "app/x", "--version", "2"], "enable", true),
        (&["get", "app/x", "--alias", "canary"], "read", false),
        (
            &["destroy", "app/x", "--version", "2", "--yes"],
            "destroy",
            true,
        ),
    ];
    for (args, event, write) in steps {
        let committed = env.audit_events().len();
        let read = env.reads().len();
        env.alice(*args).ok();
        let (last, other_grew) = if *write {
            (env.audit_events().pop().unwrap(), env.reads().len() != read)
        } else {
            (
                env.reads().pop().unwrap(),
                env.audit_events().len() != committed,
            )
        };
        assert!(!other_grew, "{args:?} wrote to the other log");
        assert_eq!(
            (&last["event"], &last["principal"]),
            (&json!(event), &json!("alice")),
            "{args:?}"
        );
        assert_eq!(last["secret"], "app/x", "{args:?}");
        assert_eq!(last["sig"].is_string(), *write, "{args:?}");
        if *write {
            // A write names the record it changed, with the right it used.
            let change = &last["changes"][0];
            assert_eq!(
                (&change["kind"], &change["key"]),
                (&json!("secret"), &json!("app/x"))
            );
        }
    }
    let read = env.reads().pop().unwrap();
    assert_eq!(
        (&read["version"], &read["alias"]),
        (&json!(2), &json!("canary"))
    );
    assert_eq!(env.audit_events()[1]["event"], "create");
}

#[test]
fn a_reason_is_recorded_with_the_read() {
    let env = Env::with_vault();
    env.create("app/x", "CANARY-r");
    env.get("app/x", &["--reason", "incident 42"]);
    let read = env.reads().pop().unwrap();
    assert_eq!(read["reason"], "incident 42");
    assert_eq!(
        (&read["event"], &read["version"]),
        (&json!("read"), &json!(1))
    );
    let text = audit(&env, &["log", "--event", "read"]);
    assert!(
        text.trim_end()
            .ends_with("app/x v1  alias=current  reason=incident 42"),
        "{text}"
    );
}

#[test]
fn audit_log_filters_and_prints_one_json_object_a_line() {
    let env = busy_vault();
    let args = [
        "log",
        "--secret",
        "prod/**",
        "--principal",
        "bob",
        "--event",
        "read",
        "--since",
        "1h",
        "--json",
    ];
    let out = audit(&env, &args);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).expect("one object a line"))
        .collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert_eq!(
        (&lines[0]["secret"], &lines[0]["principal"]),
        (&json!("prod/pay/key"), &json!("bob"))
    );
    assert_eq!(lines[0]["reason"], "INC-7");

    let count = |args: &[&str]| audit(&env, args).lines().count();
    assert_eq!(
        count(&["log", "--secret", "prod/**"]),
        3,
        "created, read by bob and by alice"
    );
    assert_eq!(count(&["log", "--secret", "prod/*"]), 0, "* is one segment");
    assert_eq!(count(&["log", "--principal", "bob"]), 2);
    assert_eq!(count(&["log", "--event", "create"]), 2);
    // `audit log` shows both logs: the committed writes and this machine's reads.
    assert_eq!(
        count(&["log"]),
        env.audit_events().len() + env.reads().len()
    );
    assert_eq!(count(&["log", "--event", "read"]), 3);
    assert_eq!(count(&["log", "--since", "2999-01-01T00:00:00Z"]), 0);
    let text = audit(&env, &["log", "--principal", "bob"]);
    assert!(
        text.lines()
            .all(|l| l.contains("  read ") && l.contains("  bob  ")),
        "{text}"
    );
    // Each line says which log it came from: the committed one, or this machine's.
    let text = audit(&env, &["log"]);
    for line in text.lines() {
        let local = line.contains("  read ") || line.contains("  deny ");
        let mark = if local { "  local  " } else { "  committed  " };
        assert!(line.contains(mark), "{line}");
    }
    let lines: Vec<serde_json::Value> = audit(&env, &["log", "--json"])
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    for line in &lines {
        let expected = if line["sig"].is_string() {
            "committed"
        } else {
            "local"
        };
        assert_eq!(line["log"], expected, "{line}");
    }
    assert!(lines.iter().any(|l| l["log"] == "local"));
    assert!(lines.iter().any(|l| l["log"] == "committed"));
}
