//! The audit log attacked from outside: every single-line edit, deletion, duplication,
//! insertion and swap, truncation at every byte of its last lines, re-chained edits,
//! a foreign log and an older authentic state put back. Also the chain recomputed by
//! hand against `audit head`, for the committed log and this machine's read log.

use crate::support::chain::{self, GENESIS};
use crate::support::edit::field;
use crate::support::{Env, have, long_tests};

/// Alice's vault with a log of six signed writes: init, create s/a, rotate s/a,
/// create s/b, rotate s/b, rotate s/b; the vault's head is the last. The read of s/a
/// between the last two is in this machine's read log.
fn history() -> Env {
    let env = Env::with_two_secrets();
    env.as_("alice.key").args(["get", "s/a"]).ok();
    env.as_("alice.key")
        .args(["rotate", "s/b", "--generate"])
        .ok();
    env
}

/// The value of a `key = "…"` line of the vault.
fn quoted(vault: &str, table: &str, key: &str) -> String {
    let line = field(vault, table, key);
    line.split('"').nth(1).unwrap().to_string()
}

/// Writes `log` over the audit log, insists `audit verify` refuses it, restores.
fn verify_refuses(env: &Env, log: &str, what: &str) {
    let original = env.read_log();
    env.write_log(log);
    let out = env.as_("alice.key").args(["audit", "verify"]).run();
    assert_eq!(
        out.code,
        Some(5),
        "{what}: audit verify exited {:?}\n{}",
        out.code,
        out.stderr
    );
    assert!(
        out.stdout.is_empty() && !out.stderr.contains("panicked"),
        "{what}: {}",
        out.stderr
    );
    env.write_log(original);
}

#[test]
fn the_chain_verifies_by_hand() {
    let env = history();
    let vault = env.read_vault();
    let lines = chain::lines(&env.read_log());
    chain::check(&lines).unwrap();
    let events: Vec<String> = lines
        .iter()
        .map(|line| chain::field(line, "event").as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        events,
        ["init", "create", "rotate", "create", "rotate", "rotate"]
    );
    assert_eq!(chain::field(&lines[0], "prev"), GENESIS);
    assert_eq!(
        chain::field(&lines[0], "vault"),
        quoted(&vault, "", "id").as_str()
    );
    let head = chain::reference(&lines, 5);
    let out = env.as_("alice.key").args(["audit", "head"]).ok();
    assert_eq!(out.stdout_text().trim(), head);
    // The vault names the last write; each write names the state it built on and the
    // record it changed, and is signed.
    assert_eq!(quoted(&vault, "", "head"), head);
    let secrets = ["", "s/a", "s/a", "s/b", "s/b", "s/b"];
    for (seq, line) in lines.iter().enumerate() {
        assert!(
            chain::field(line, "sig").is_string(),
            "line {seq} is signed"
        );
        if seq == 0 {
            continue;
        }
        assert_eq!(
            chain::field(line, "base"),
            chain::reference(&lines, seq - 1).as_str(),
            "line {seq}"
        );
        let changes = chain::field(line, "changes");
        let secret = changes
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "secret")
            .unwrap();
        assert_eq!(secret["key"], secrets[seq], "line {seq}");
    }
    // The read is this machine's, in a chain of its own.
    let reads = chain::lines(&std::fs::read_to_string(env.reads_path()).unwrap());
    chain::check(&reads).unwrap();
    assert_eq!(reads.len(), 1);
    assert_eq!(
        (
            chain::field(&reads[0], "event"),
            chain::field(&reads[0], "secret")
        ),
        (serde_json::json!("read"), serde_json::json!("s/a"))
    );
    env.as_("alice.key")
        .args(["audit", "verify", "--expect-head", &head])
        .ok();
    let wrong = format!("5:{}", chain::sha256_hex(b"not the line"));
    env.as_("alice.key")
        .args(["audit", "verify", "--expect-head", &wrong])
        .fails_closed(5);
    if have("sha256sum") {
        let line = env.path("line");
        std::fs::write(&line, &lines[5]).unwrap();
        let out = std::process::Command::new("sha256sum")
            .arg(&line)
            .output()
            .unwrap();
        let digest = String::from_utf8(out.stdout).unwrap();
        assert_eq!(format!("5:{}", &digest[..64]), head);
    }
}

/// Every log that differs from `lines` by one line edited, deleted, duplicated,
/// inserted (well chained to the line before it) or swapped with the next.
fn single_line_mutants(lines: &[String]) -> Vec<(String, Vec<String>)> {
    let mut mutants = Vec::new();
    let with = |what: String, change: &dyn Fn(&mut Vec<String>)| {
        let mut copy = lines.to_vec();
        change(&mut copy);
        (what, copy)
    };
    for i in 0..lines.len() {
        let seq = format!("\"seq\":{i},");
        let edits: [(&str, &str, String); 4] = [
            (
                "principal",
                "\"principal\":\"alice\"",
                "\"principal\":\"mallory\"".into(),
            ),
            ("time", "\"ts\":\"20", "\"ts\":\"19".into()),
            ("seq", &seq, format!("\"seq\":{},", i + 1)),
            ("prev", "\"prev\":\"", "\"prev\":\"f".into()),
        ];
        for (what, from, to) in edits {
            mutants.push(with(format!("line {i}: {what} edited"), &|l| {
                l[i] = l[i].replacen(from, &to, 1);
            }));
        }
        mutants.push(with(format!("line {i}: a trailing space"), &|l| {
            l[i].push(' ')
        }));
        mutants.push(with(format!("line {i} deleted"), &|l| {
            l.remove(i);
        }));
        mutants.push(with(format!("line {i} duplicated"), &|l| {
            l.insert(i, l[i].clone())
        }));
        mutants.push(with(format!("a line inserted before line {i}"), &|l| {
            let forged = chain::forged(i, i.checked_sub(1).map(|p| l[p].as_str()));
            l.insert(i, forged);
        }));
        if i + 1 < lines.len() {
            mutants.push(with(format!("lines {i} and {} swapped", i + 1), &|l| {
                l.swap(i, i + 1)
            }));
        }
    }
    let last = lines.len();
    mutants.push(with("a line appended with a wrong prev".into(), &|l| {
        let forged = chain::forged(last, Some(l[0].as_str()));
        l.push(forged);
    }));
    mutants
}

#[test]
fn every_single_line_change_is_detected() {
    let env = history();
    let lines = chain::lines(&env.read_log());
    let mutants = single_line_mutants(&lines);
    for (what, mutant) in &mutants {
        assert_ne!(mutant, &lines, "{what} changed nothing");
        verify_refuses(&env, &chain::join(mutant), what);
    }
    println!(
        "audit log: {} single-line mutants of a {}-line log, all refused",
        mutants.len(),
        lines.len()
    );
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

#[test]
fn an_edited_line_re_chained_is_caught_by_its_signature() {
    let env = history();
    let lines = chain::lines(&env.read_log());
    for i in 0..lines.len() {
        let mut forged = lines.clone();
        forged[i] = forged[i].replacen("\"principal\":\"alice\"", "\"principal\":\"mallory\"", 1);
        chain::rechain(&mut forged, i + 1);
        chain::check(&forged).unwrap();
        verify_refuses(
            &env,
            &chain::join(&forged),
            &format!("line {i} edited and re-chained"),
        );
    }
    // Re-pointing the vault's head at the forged chain does not help: the edited line's
    // signature fails, with a key or without one (public keys decide).
    let mut forged = lines.clone();
    forged[1] = forged[1].replacen("\"detail\":", "\"reason\":\"forged\",\"detail\":", 1);
    forged[1] = forged[1].replacen(
        "\"secret\":\"s/a\"",
        "\"secret\":\"s/a\",\"reason\":\"forged\"",
        1,
    );
    assert_ne!(forged[1], lines[1]);
    chain::rechain(&mut forged, 2);
    chain::check(&forged).unwrap();
    let vault = env.read_vault();
    let edited = vault.replace(&chain::reference(&lines, 5), &chain::reference(&forged, 5));
    assert_ne!(edited, vault);
    env.write_vault(&edited);
    env.write_log(chain::join(&forged));
    // This machine already stops at the pin (its verified line 5 is gone); a fresh
    // one replays from the root and stops at the forged line.
    env.as_("alice.key")
        .args(["audit", "verify"])
        .fails_closed(5);
    env.as_("alice.key").args(["get", "s/a"]).fails_closed(5);
    for run in [
        env.on_machine("fresh")
            .env("TRESOR_IDENTITY", env.path("alice.key")),
        env.on_machine("fresh"),
    ] {
        let out = run.args(["audit", "verify", "--json"]).fails_closed(5);
        assert!(
            out.stderr.contains("signature of line 1 does not verify"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn truncation_inside_the_last_lines_is_detected() {
    let env = history();
    let log = env.read_log();
    let vault = env.read_vault();
    let lines = chain::lines(&log);
    let last = lines.len() - 1;
    let start = log.len() - lines[last].len() - lines[last - 1].len() - 2;
    let boundary = log.len() - lines[last].len() - 1;
    let mut torn_runs = 0;
    for cut in start..log.len() {
        let truncated = &log[..cut];
        verify_refuses(&env, truncated, &format!("log cut at byte {cut}"));
        // A torn or short log must stop the next read and write, not be extended.
        let sampled = long_tests() || cut % 16 == 0 || cut == start || cut == boundary;
        if !sampled {
            continue;
        }
        env.write_log(truncated);
        env.as_("alice.key").args(["get", "s/a"]).fails_closed(5);
        env.as_("alice.key")
            .args(["rotate", "s/a"])
            .stdin("canary-after-cut")
            .fails_closed(5);
        assert_eq!(
            env.read_log(),
            truncated,
            "the log was extended after a cut at {cut}"
        );
        assert_eq!(env.read_vault(), vault);
        torn_runs += 1;
    }
    println!(
        "audit log: cut at {} byte offsets of the last two lines, all refused by verify; get and rotate refused at {torn_runs} of them",
        log.len() - start
    );
    env.write_log(&log);
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

#[test]
fn an_older_authentic_state_is_found_by_the_pin_and_a_published_head() {
    let env = history();
    let (older_vault, older_log) = (env.read_vault(), env.read_log());
    env.as_("alice.key")
        .args(["rotate", "s/a", "--generate"])
        .ok();
    let head = env
        .as_("alice.key")
        .args(["audit", "head"])
        .ok()
        .stdout_text();
    // Someone puts back the older vault and its log: both authentic, all signed.
    env.write_vault(&older_vault);
    env.write_log(&older_log);
    // This machine saw the newer state: every command refuses it.
    env.as_("alice.key").args(["get", "s/a"]).fails_closed(5);
    env.as_("alice.key")
        .args(["audit", "verify"])
        .fails_closed(5)
        .error_says(&["older"]);
    // A machine that never saw it (a fresh CI runner) finds it against the published head.
    let ci = || {
        env.on_machine("ci")
            .env("TRESOR_IDENTITY", env.path("alice.key"))
    };
    ci().args(["audit", "verify"]).ok();
    ci().args(["audit", "verify", "--expect-head", head.trim()])
        .fails_closed(5);
    // Going back on purpose: `trust forget` drops this machine's pin, and the older
    // state is verified from its root and pinned again.
    let forgot = env.tresor().args(["trust", "forget", "--json"]).ok().json();
    assert_eq!(forgot["forgotten"], true);
    env.as_("alice.key").args(["get", "s/a"]).ok();
    let shown = env.json(&["trust", "show"]);
    assert_eq!(
        shown["verified_head"],
        chain::reference(&chain::lines(&older_log), 5)
    );
    env.refuses(env.tresor().args(["trust", "forget", "0123abcd"]), 3)
        .error_says(&["nothing"]);
}

#[test]
fn an_expected_root_pins_the_vault_in_ci() {
    let env = history();
    let root = env.json(&["trust", "show"])["root"]
        .as_str()
        .unwrap()
        .to_string();
    let other = Env::with_vault_of("mallory");
    let foreign = other.json(&["trust", "show"])["root"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(root, foreign);
    // A runner that never saw the vault checks it against the root published for it.
    let ci = || {
        env.on_machine("ci")
            .env("TRESOR_IDENTITY", env.path("alice.key"))
    };
    ci().env("TRESOR_EXPECT_ROOT", &root)
        .args(["get", "s/a"])
        .ok();
    ci().args(["audit", "verify", "--expect-root", &root]).ok();
    for run in [
        ci().env("TRESOR_EXPECT_ROOT", &foreign)
            .args(["get", "s/a"]),
        ci().args(["--expect-root", &foreign, "audit", "verify"]),
        ci().env("TRESOR_EXPECT_ROOT", &foreign).args(["list"]),
    ] {
        env.refuses(run, 5).error_says(&[&root, &foreign]);
    }
}

/// Valid chains of another vault: its log right after init, and after ten creates
/// (longer than `history()`'s).
fn foreign_logs() -> (String, String) {
    let other = Env::with_vault_of("mallory");
    let short = other.read_log();
    for n in 0..10 {
        other
            .as_("mallory.key")
            .args(["create", &format!("s/{n}"), "--generate"])
            .ok();
    }
    (short, other.read_log())
}

#[test]
fn a_foreign_log_is_detected() {
    let env = history();
    let (short, long) = foreign_logs();
    assert!(chain::lines(&long).len() > chain::lines(&env.read_log()).len());
    for (what, foreign) in [
        ("a shorter foreign log", &short),
        ("a longer foreign log", &long),
    ] {
        verify_refuses(&env, foreign, what);
    }
    env.write_log(&short);
    env.as_("alice.key").args(["get", "s/a"]).fails_closed(5);
}

#[test]
fn reads_and_writes_refuse_a_longer_foreign_log() {
    let env = history();
    let (_, foreign) = foreign_logs();
    env.write_log(&foreign);
    env.as_("alice.key").args(["get", "s/a"]).fails_closed(5);
    env.as_("alice.key")
        .args(["rotate", "s/a"])
        .stdin("canary-into-foreign-log")
        .fails_closed(5);
    assert_eq!(env.read_log(), foreign);
}

/// A crash between appending a write's event and replacing the vault leaves one write
/// in the log that the vault lacks: on a machine that never saw the vault with it,
/// `audit verify` warns and passes, and the next write carries on from the vault (the
/// lost one is never applied). A
/// machine that saw the vault with the write refuses it as an older copy; and two lost
/// writes can only be a rollback.
#[test]
fn one_lost_write_is_a_warning_two_are_a_rollback() {
    let env = Env::with_two_secrets();
    // The laptop has verified the vault as it is now, and not what comes next.
    let laptop = || {
        env.on_machine("laptop")
            .env("TRESOR_IDENTITY", env.path("alice.key"))
    };
    laptop().args(["audit", "verify"]).ok();
    let before_one = env.read_vault();
    env.rotate("s/a", "canary-a3-1d2e");
    env.write_vault(&before_one);
    let out = laptop().args(["audit", "verify"]).ok();
    assert!(
        out.stderr.contains("never reached the vault"),
        "{}",
        out.stderr
    );
    // This machine wrote it and saw the vault with it: the vault went back.
    let out = env
        .as_("alice.key")
        .args(["audit", "verify"])
        .fails_closed(5);
    out.error_says(&["older copy"]);
    laptop()
        .args(["rotate", "s/b"])
        .stdin("canary-b3-7a7a")
        .ok();
    laptop().args(["audit", "verify"]).ok();
    assert_eq!(
        laptop().args(["get", "s/a"]).ok().stdout,
        b"canary-a2-9c41",
        "the lost version was never served"
    );

    let before_two = env.read_vault();
    laptop()
        .args(["rotate", "s/a"])
        .stdin("canary-a4-0b0b")
        .ok();
    laptop()
        .args(["rotate", "s/a"])
        .stdin("canary-a5-0c0c")
        .ok();
    env.write_vault(&before_two);
    for machine in ["laptop", "fresh"] {
        let out = env
            .on_machine(machine)
            .env("TRESOR_IDENTITY", env.path("alice.key"))
            .args(["audit", "verify"])
            .fails_closed(5);
        out.error_says(&["older copy"]);
    }
}
