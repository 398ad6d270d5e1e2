//! I/O errors at every point of a command (DESIGN.md sections 5–6), through the
//! test-only seam of src/fault.rs: for each of `create`, `rotate`, `destroy`,
//! `recipient remove` and `get`, every write, fsync, rename, folder fsync and audit
//! append fails in turn, once (EIO) and from then on (ENOSPC). After each run the vault
//! opens and verifies; exit 0 means the change is there; a failure leaves the old vault
//! (at worst lacking that one write, which the log holds) or says that the vault was
//! replaced; a read whose event failed prints nothing; and the next write works.
//!
//! Built only with `--features fault-injection` (`.ci/run` runs these tests so).

use crate::support::{Env, Outcome};

/// One command under test, and how to tell whether its change reached the vault.
struct Op {
    label: &'static str,
    args: &'static [&'static str],
    stdin: &'static str,
    applied: fn(&Env) -> bool,
}

const VALUE: &str = "CANARY-fault-7c2e";

const OPS: [Op; 5] = [
    Op {
        label: "create",
        args: &["create", "s/new"],
        stdin: VALUE,
        applied: |env| names(env).contains(&"s/new".to_string()),
    },
    Op {
        label: "rotate",
        args: &["rotate", "s/x"],
        stdin: VALUE,
        applied: |env| versions(env).len() == 3,
    },
    Op {
        label: "destroy",
        args: &["destroy", "s/x", "--version", "1", "--yes"],
        stdin: "",
        applied: |env| versions(env)[0] == "destroyed",
    },
    Op {
        label: "recipient remove",
        args: &["recipient", "remove", "bob"],
        stdin: "",
        applied: |env| {
            let list = env.json(&["recipient", "list"]);
            !list.as_array().unwrap().iter().any(|p| p["name"] == "bob")
        },
    },
    Op {
        label: "get",
        args: &["get", "s/x"],
        stdin: "",
        applied: |env| env.reads().last().is_some_and(|e| e["event"] == "read"),
    },
];

fn names(env: &Env) -> Vec<String> {
    let list = env.json(&["list"]);
    let list = list.as_array().unwrap();
    list.iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

/// The state of each version of `s/x`.
fn versions(env: &Env) -> Vec<String> {
    let show = env.show("s/x");
    let versions = show["versions"].as_array().unwrap();
    versions
        .iter()
        .map(|v| v["state"].as_str().unwrap().to_string())
        .collect()
}

/// Alice's vault: `s/x` at versions 1 and 2 (`CANARY-v1`, `CANARY-v2`), and `bob`, who
/// may read, so removing him re-keys the keyring.
fn base() -> Env {
    let env = Env::with_versions("s/x");
    env.add_principal("bob");
    env
}

/// The I/O points `op` passes, in order, from a run with `TRESOR_FAULT=trace`.
fn points(base: &Env, op: &Op) -> Vec<String> {
    let env = base.copy();
    let out = env
        .alice(op.args)
        .env("TRESOR_FAULT", "trace")
        .stdin(op.stdin)
        .ok();
    out.stderr
        .lines()
        .filter_map(|line| line.strip_prefix("fault point "))
        .map(|rest| rest.split_once(": ").unwrap().1.to_string())
        .collect()
}

/// What one failing run ended as.
#[derive(Default)]
struct Tally {
    runs: usize,
    /// Exit 0 with the change in place (the failure was not on its path, or harmless).
    succeeded: usize,
    /// Failed and left the vault as it was (with the log as it was, or holding the
    /// one event of the write the vault lacks: `orphans`).
    failed_old_vault: usize,
    orphans: usize,
    /// Failed after the vault was replaced (its folder fsync), and said so.
    failed_after_replace: usize,
    corrupted: usize,
    false_successes: usize,
    values_without_event: usize,
}

/// Runs `op` with `spec` and checks what it left; `point` names the failing point.
fn run_with_fault(base: &Env, op: &Op, spec: &str, point: &str, tally: &mut Tally) {
    let env = base.copy();
    let vault_before = env.read_vault();
    let log_before = env.audit_events().len();
    let out: Outcome = env
        .alice(op.args)
        .env("TRESOR_FAULT", spec)
        .stdin(op.stdin)
        .run();
    let what = format!("{} with TRESOR_FAULT={spec} ({point})", op.label);
    tally.runs += 1;
    let code = out
        .code
        .unwrap_or_else(|| panic!("{what}: killed by a signal"));
    assert!(!out.stderr.contains("panicked"), "{what}: {}", out.stderr);

    // The vault opens, without a key and with one, and its log verifies.
    let listed = env.tresor().args(["list"]).run();
    let verify = env.alice(["audit", "verify"]).run();
    if listed.code != Some(0) || verify.code != Some(0) {
        tally.corrupted += 1;
        panic!(
            "{what}: the vault no longer opens or verifies: {}{}",
            listed.stderr, verify.stderr
        );
    }
    let orphans = verify.stderr.matches("never reached the vault").count();
    assert!(orphans <= 1, "{what}: {orphans} orphan writes");

    let applied = (op.applied)(&env);
    if op.label == "get" {
        let printed = !out.stdout.is_empty();
        if printed && !applied {
            tally.values_without_event += 1;
        }
        assert_eq!(printed, code == 0, "{what}: exit {code}, printed {printed}");
        if code == 0 {
            assert_eq!(out.stdout, b"CANARY-v2", "{what}");
        }
    }
    if code == 0 {
        if !applied {
            tally.false_successes += 1;
        }
        assert!(applied, "{what}: exit 0, but the change is not there");
        assert_eq!(orphans, 0, "{what}");
        tally.succeeded += 1;
    } else if applied {
        // Only a failure after the rename may leave the change, and it must say so.
        assert!(
            point == "folder-fsync" && out.stderr.contains("was replaced all the same"),
            "{what}: exit {code} but the change is there: {}",
            out.stderr
        );
        tally.failed_after_replace += 1;
    } else {
        // One error line; a full disk may also cost the machine's pin, which is a warning.
        let errors: Vec<&str> = out
            .stderr
            .lines()
            .filter(|l| !l.starts_with("warning: "))
            .collect();
        assert!(
            errors.len() == 1 && errors[0].starts_with("tresor: "),
            "{what}: {}",
            out.stderr
        );
        assert_eq!(env.read_vault(), vault_before, "{what}: the vault changed");
        let events = env.audit_events();
        let writes = events[log_before..]
            .iter()
            .filter(|e| e.get("base").is_some_and(|b| !b.is_null()))
            .count();
        assert!(writes <= 1, "{what}: {writes} write events for one failure");
        assert_eq!(orphans, writes, "{what}");
        tally.failed_old_vault += 1;
        tally.orphans += orphans;
    }

    // The next write works.
    env.alice(["rotate", "s/x", "--generate"]).ok();
    env.alice(["audit", "verify"]).ok();
}

#[test]
fn every_io_point_fails_safely() {
    let base = base();
    let mut total = Tally::default();
    for op in &OPS {
        let points = points(&base, op);
        assert!(
            points.iter().any(|p| p == "audit-append"),
            "{}: no I/O point traced; was tresor built with --features fault-injection?",
            op.label
        );
        let mut tally = Tally::default();
        for (n, point) in points.iter().enumerate() {
            let n = n + 1;
            run_with_fault(&base, op, &format!("{n}:EIO"), point, &mut tally);
            run_with_fault(&base, op, &format!("{n}:ENOSPC:persist"), point, &mut tally);
        }
        println!(
            "io faults: {:<16} {} points ({}), {} runs: {} failed leaving the old vault ({} of them with the write's event in the log), {} failed after the vault was replaced and said so, {} succeeded",
            op.label,
            points.len(),
            points.join(" "),
            tally.runs,
            tally.failed_old_vault,
            tally.orphans,
            tally.failed_after_replace,
            tally.succeeded,
        );
        total.runs += tally.runs;
        total.corrupted += tally.corrupted;
        total.false_successes += tally.false_successes;
        total.values_without_event += tally.values_without_event;
    }
    println!(
        "io faults: {} runs; {} vaults corrupted, {} successes reported for work not on disk, {} values printed when the read event failed",
        total.runs, total.corrupted, total.false_successes, total.values_without_event
    );
    assert_eq!(
        (
            total.corrupted,
            total.false_successes,
            total.values_without_event
        ),
        (0, 0, 0)
    );
}

/// The fault points of `args` as alice, from a run with `TRESOR_FAULT=trace`.
fn traced(env: &Env, args: &[&str]) -> Vec<String> {
    let out = env.alice(args).env("TRESOR_FAULT", "trace").ok();
    out.stderr
        .lines()
        .filter_map(|line| line.strip_prefix("fault point "))
        .map(|rest| rest.split_once(": ").unwrap().1.to_string())
        .collect()
}

#[test]
fn a_get_whose_read_event_fails_prints_nothing_and_exits_1() {
    let base = base();
    let points = traced(&base.copy(), &["get", "s/x"]);
    // A fresh machine pins the vault first; the read's own event is the last append.
    assert_eq!(points[points.len() - 2..], ["audit-append", "audit-fsync"]);
    for (n, point) in points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.starts_with("audit-"))
    {
        for spec in [
            format!("{}:EIO", n + 1),
            format!("{}:ENOSPC:persist", n + 1),
        ] {
            let env = base.copy();
            let before = env.read_log();
            let run = env.alice(["get", "s/x"]).env("TRESOR_FAULT", &spec);
            let out = run.fails_closed(1);
            out.error_says(&["Appending to the audit log"]);
            assert_eq!(env.read_log(), before, "{point} {spec}: the log changed");
            assert!(
                env.reads_of("read").is_empty(),
                "{point} {spec}: a read was recorded"
            );
            assert_eq!(env.get("s/x", &[]), b"CANARY-v2", "{point} {spec}");
        }
    }
}

#[test]
fn a_delivery_writes_its_reads_in_one_append_or_releases_nothing() {
    let env = base();
    env.create("s/y", "CANARY-y");
    let args = ["export", "s", "--format", "json"];
    let points = traced(&env.copy(), &args);
    assert_eq!(points[points.len() - 2..], ["audit-append", "audit-fsync"]);
    let append = points.len() - 1;
    for spec in [
        format!("{append}:EIO"),
        format!("{}:EIO", append + 1),
        format!("{append}:ENOSPC:persist"),
    ] {
        let env = env.copy();
        let before = env.read_log();
        let out = env.alice(args).env("TRESOR_FAULT", &spec).fails_closed(1);
        out.error_says(&["Appending to the audit log"]);
        assert_eq!(env.read_log(), before, "{spec}: the log changed");
        assert!(env.reads().is_empty(), "{spec}: a read was recorded");
    }
}
