//! The audit log attacked from outside: every single-line edit, deletion, duplication,
//! insertion and swap, truncation at every byte of its last lines, re-chained edits
//! and a foreign log. Also the chain recomputed by hand against `audit head`.

use crate::support::chain::{self, GENESIS};
use crate::support::edit::{field, secret_table};
use crate::support::{Env, have, long_tests};

/// Alice's vault with a log of seven lines: init, create s/a, rotate s/a, create s/b,
/// rotate s/b, read s/a, rotate s/b. It ends with a write the vault records.
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
        [
            "init", "create", "rotate", "create", "rotate", "read", "rotate"
        ]
    );
    assert_eq!(chain::field(&lines[0], "prev"), GENESIS);
    assert_eq!(
        chain::field(&lines[0], "vault"),
        quoted(&vault, "", "id").as_str()
    );
    let head = chain::reference(&lines, 6);
    let out = env.as_("alice.key").args(["audit", "head"]).ok();
    assert_eq!(out.stdout_text().trim(), head);
    // The vault remembers the last write overall and per secret.
    assert_eq!(quoted(&vault, "", "audit"), head);
    assert_eq!(
        quoted(&vault, &secret_table("s/a"), "audit"),
        chain::reference(&lines, 2)
    );
    assert_eq!(quoted(&vault, &secret_table("s/b"), "audit"), head);
    env.as_("alice.key")
        .args(["audit", "verify", "--expect-head", &head])
        .ok();
    let wrong = format!("6:{}", chain::sha256_hex(b"not the line"));
    env.as_("alice.key")
        .args(["audit", "verify", "--expect-head", &wrong])
        .fails_closed(5);
    if have("sha256sum") {
        let line = env.path("line");
        std::fs::write(&line, &lines[6]).unwrap();
        let out = std::process::Command::new("sha256sum")
            .arg(&line)
            .output()
            .unwrap();
        let digest = String::from_utf8(out.stdout).unwrap();
        assert_eq!(format!("6:{}", &digest[..64]), head);
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
fn an_edited_line_re_chained_is_caught_by_the_vault() {
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
    // Re-pointing the vault's references at the forged chain breaks its MACs: refused
    // with a key; without one, only the chain can be checked and it says so.
    let mut forged = lines.clone();
    forged[1] = forged[1].replacen("\"principal\":\"alice\"", "\"principal\":\"mallory\"", 1);
    chain::rechain(&mut forged, 2);
    let vault = env.read_vault();
    let mut edited = vault.clone();
    for seq in [2, 6] {
        edited = edited.replace(
            &chain::reference(&lines, seq),
            &chain::reference(&forged, seq),
        );
    }
    env.write_vault(&edited);
    env.write_log(chain::join(&forged));
    env.as_("alice.key")
        .args(["audit", "verify"])
        .fails_closed(5);
    env.as_("alice.key").args(["get", "s/a"]).fails_closed(5);
    let out = env.tresor().args(["audit", "verify", "--json"]).ok();
    assert_eq!(out.json()["macs_verified"], false);
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
fn trailing_reads_removed_are_found_against_a_published_head() {
    let env = history();
    env.as_("alice.key").args(["get", "s/b"]).ok();
    let head = env
        .as_("alice.key")
        .args(["audit", "head"])
        .ok()
        .stdout_text();
    let lines = chain::lines(&env.read_log());
    // The vault records writes, not reads: the published head is what pins a read.
    env.write_log(chain::join(&lines[..lines.len() - 1]));
    env.as_("alice.key")
        .args(["audit", "verify", "--expect-head", head.trim()])
        .fails_closed(5);
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
/// in the log that the vault lacks: `audit verify` warns and passes, and the next
/// write carries on from the vault. Two lost writes can only be a rollback.
#[test]
fn one_lost_write_is_a_warning_two_are_a_rollback() {
    let env = Env::with_two_secrets();
    let before_one = env.read_vault();
    env.rotate("s/a", "canary-a3-1d2e");
    env.write_vault(&before_one);
    let out = env.as_("alice.key").args(["audit", "verify"]).ok();
    assert!(out.stderr.contains("not in the vault"), "{}", out.stderr);
    env.rotate("s/b", "canary-b3-7a7a");
    let out = env.as_("alice.key").args(["audit", "verify"]).ok();
    assert!(
        out.stderr.contains("not in the vault"),
        "the lone write stays explained: {}",
        out.stderr
    );

    let before_two = env.read_vault();
    env.rotate("s/a", "canary-a4-0b0b");
    env.rotate("s/a", "canary-a5-0c0c");
    env.write_vault(&before_two);
    let out = env.as_("alice.key").args(["audit", "verify"]).fails(5);
    assert!(out.stderr.contains("rolled back"), "{}", out.stderr);
}
