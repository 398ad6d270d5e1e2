//! Many processes at once (DESIGN.md section 6): no lost update, no broken chain, no
//! torn read, and a lock holder killed with SIGKILL blocks nobody.

use crate::support::chain;
use crate::support::{Env, have, long_tests};
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

mod mixed;

/// Generous: eight writers queue on one lock, on a loaded CI machine.
const LOCK_TIMEOUT: &str = "120";

/// `writers` lists of `each` distinct values.
fn distinct_values(tag: &str, writers: usize, each: usize) -> Vec<Vec<String>> {
    (0..writers)
        .map(|w| {
            (0..each)
                .map(|i| format!("canary-{tag}-w{w}-r{i}"))
                .collect()
        })
        .collect()
}

/// One thread per list, each rotating `name` through its values in order; returns the
/// slowest single rotate.
fn rotate_in_parallel(env: &Env, name: &str, values: &[Vec<String>]) -> Duration {
    std::thread::scope(|scope| {
        let handles: Vec<_> = values
            .iter()
            .map(|list| {
                scope.spawn(move || {
                    let mut slowest = Duration::ZERO;
                    for value in list {
                        let started = Instant::now();
                        env.as_("alice.key")
                            .env("TRESOR_LOCK_TIMEOUT", LOCK_TIMEOUT)
                            .args(["rotate", name])
                            .stdin(value)
                            .ok();
                        slowest = slowest.max(started.elapsed());
                    }
                    slowest
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .max()
            .unwrap_or_default()
    })
}

/// Every version's value, read with four workers: version -> value.
fn read_every_version(env: &Env, name: &str, versions: u32) -> BTreeMap<u32, String> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|worker| {
                scope.spawn(move || {
                    (1..=versions)
                        .skip(worker)
                        .step_by(4)
                        .map(|n| {
                            let out = env
                                .as_("alice.key")
                                .args(["get", name, "--version", &n.to_string()])
                                .ok();
                            (n, out.stdout_text())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

#[test]
fn parallel_rotations_lose_no_update() {
    let env = Env::with_vault();
    env.create("s/c", "canary-c-initial");
    let (writers, each) = (8, 25);
    let values = distinct_values("c", writers, each);
    let started = Instant::now();
    let slowest = rotate_in_parallel(&env, "s/c", &values);
    let elapsed = started.elapsed();
    let total = (writers * each) as u32;
    println!(
        "concurrency: {writers} processes x {each} rotates in {:.1}s ({:.0} ms per rotate on average, slowest {:.0} ms including lock wait)",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / f64::from(total),
        slowest.as_secs_f64() * 1000.0
    );

    let lines = chain::lines(&env.read_log());
    chain::check(&lines).unwrap();
    let mut events: BTreeMap<String, usize> = BTreeMap::new();
    for line in &lines {
        *events
            .entry(chain::field(line, "event").as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let expected: BTreeMap<String, usize> =
        [("init", 1), ("create", 1), ("rotate", writers * each)]
            .map(|(e, n)| (e.to_string(), n))
            .into();
    assert_eq!(events, expected);
    env.as_("alice.key").args(["audit", "verify"]).ok();

    let show = env
        .as_("alice.key")
        .args(["show", "s/c", "--json"])
        .ok()
        .json();
    let numbers: Vec<u64> = show["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, (1..=u64::from(total) + 1).collect::<Vec<_>>());
    assert_eq!(show["aliases"]["current"], total + 1);

    let read = read_every_version(&env, "s/c", total + 1);
    assert_eq!(read[&1], "canary-c-initial");
    let mut seen: Vec<&str> = read.range(2..).map(|(_, v)| v.as_str()).collect();
    let mut written: Vec<&str> = values.iter().flatten().map(String::as_str).collect();
    seen.sort_unstable();
    written.sort_unstable();
    assert_eq!(seen, written, "each written value is stored exactly once");
    // Each writer's values landed in the order it wrote them.
    let version_of: BTreeMap<&str, u32> = read.iter().map(|(n, v)| (v.as_str(), *n)).collect();
    for list in &values {
        let order: Vec<u32> = list.iter().map(|v| version_of[v.as_str()]).collect();
        assert!(
            order.is_sorted(),
            "a writer's rotations were reordered: {order:?}"
        );
    }
}

#[test]
fn readers_never_see_an_error_or_a_torn_value() {
    let env = Env::with_vault();
    env.create("s/r", "canary-r-initial");
    let (writers, each) = if long_tests() { (4, 40) } else { (2, 10) };
    let values = distinct_values("r", writers, each);
    let done = AtomicBool::new(false);
    let started = Instant::now();
    let observed: Vec<Vec<(u32, String)>> = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let mut seen = Vec::new();
                    while !done.load(Ordering::SeqCst) {
                        let out = env
                            .as_("alice.key")
                            .env("TRESOR_LOCK_TIMEOUT", LOCK_TIMEOUT)
                            .args(["get", "s/r", "--json"])
                            .ok();
                        let json = out.json();
                        let version = u32::try_from(json["version"].as_u64().unwrap()).unwrap();
                        seen.push((version, json["value"].as_str().unwrap().to_string()));
                    }
                    seen
                })
            })
            .collect();
        rotate_in_parallel(&env, "s/r", &values);
        done.store(true, Ordering::SeqCst);
        readers.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let total = (writers * each) as u32 + 1;
    let stored = read_every_version(&env, "s/r", total);
    let reads: usize = observed.iter().map(Vec::len).sum();
    println!(
        "concurrency: {reads} reads during {} rotates in {:.1}s, none failed or torn",
        writers * each,
        started.elapsed().as_secs_f64()
    );
    for seen in &observed {
        for (version, value) in seen {
            assert_eq!(
                &stored[version], value,
                "version {version} read as another value"
            );
        }
        let versions: Vec<u32> = seen.iter().map(|(v, _)| *v).collect();
        assert!(
            versions.is_sorted(),
            "a reader went back in time: {versions:?}"
        );
    }
    let distinct: HashSet<&String> = stored.values().collect();
    assert_eq!(distinct.len(), total as usize);
    // Every read was recorded, in one unbroken chain on this machine.
    let read_log = chain::lines(&std::fs::read_to_string(env.reads_path()).unwrap());
    chain::check(&read_log).unwrap();
    assert_eq!(env.reads_of("read").len(), reads + total as usize);
    env.as_("alice.key").args(["audit", "verify"]).ok();
}

/// Readers share the vault; a destroy waits for them and they for it. No reader that
/// starts after the destroy returned prints the value, and every read of it that was
/// served is recorded before the destroy was.
#[test]
fn a_reader_beside_a_destroy_never_serves_the_destroyed_value() {
    let env = Env::with_vault();
    env.create("s/d", "canary-destroyed-value");
    env.rotate("s/d", "canary-kept-value");
    let destroyed_at = std::sync::Mutex::new(None::<Instant>);
    let observed: Vec<Vec<(Instant, Option<String>)>> = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..3)
            .map(|_| {
                scope.spawn(|| {
                    let mut seen = Vec::new();
                    let deadline = Instant::now() + Duration::from_secs(60);
                    loop {
                        let finished = destroyed_at.lock().unwrap().is_some();
                        let started = Instant::now();
                        let out = env
                            .as_("alice.key")
                            .env("TRESOR_LOCK_TIMEOUT", LOCK_TIMEOUT)
                            .args(["get", "s/d@1"])
                            .run();
                        let value = (out.code == Some(0)).then(|| out.stdout_text());
                        if out.code != Some(0) {
                            assert_eq!(out.code, Some(3), "{}", out.stderr);
                        }
                        seen.push((started, value));
                        // A few reads after the destroy, then stop.
                        if (finished && seen.len() > 40) || started > deadline {
                            break;
                        }
                    }
                    seen
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300));
        env.as_("alice.key")
            .env("TRESOR_LOCK_TIMEOUT", LOCK_TIMEOUT)
            .args(["destroy", "s/d", "--version", "1", "--yes"])
            .ok();
        *destroyed_at.lock().unwrap() = Some(Instant::now());
        readers.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let destroyed_at = destroyed_at.lock().unwrap().unwrap();
    let (mut before, mut after) = (0, 0);
    for (started, value) in observed.iter().flatten() {
        if *started >= destroyed_at {
            after += 1;
            assert_eq!(
                value, &None,
                "a read that started after the destroy served the value"
            );
        } else if value.is_some() {
            before += 1;
            assert_eq!(value.as_deref(), Some("canary-destroyed-value"));
        }
    }
    assert!(
        before > 0 && after > 0,
        "served before: {before}, refused after: {after}"
    );
    // Every read served was recorded before the destroy's own event (times compared as
    // times: a whole second prints without its milliseconds).
    let time = |event: &serde_json::Value| {
        tresor::time::Timestamp::parse(event["ts"].as_str().unwrap()).unwrap()
    };
    let destroyed = time(&env.audit_events_of("destroy")[0]);
    let served = env.reads_of("read");
    assert_eq!(served.len(), before);
    for read in &served {
        assert!(time(read) <= destroyed, "{read} after {destroyed}");
    }
}

#[test]
fn a_killed_lock_holder_does_not_block_the_next_writer() {
    if !have("flock") {
        eprintln!("skipped: flock (util-linux) is not installed");
        return;
    }
    let env = Env::with_vault();
    env.create("s/k", "canary-k-initial");
    let lock = env.path("vault.toml.lock");
    let mut holder = Command::new("sh")
        .args([
            "-c",
            r#"exec 9>>"$0"; flock -x 9; echo locked; exec sleep 60"#,
        ])
        .arg(&lock)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");
    // The lock is really held: a writer with a short timeout gives up with exit 6.
    env.as_("alice.key")
        .env("TRESOR_LOCK_TIMEOUT", "0.3")
        .args(["rotate", "s/k"])
        .stdin("canary-k-blocked")
        .fails_closed(6);
    holder.kill().unwrap(); // SIGKILL
    holder.wait().unwrap();
    let started = Instant::now();
    env.rotate("s/k", "canary-k-after");
    let elapsed = started.elapsed();
    println!(
        "concurrency: a rotate after SIGKILL of the lock holder took {} ms",
        elapsed.as_millis()
    );
    assert!(
        elapsed < Duration::from_secs(3),
        "the next writer waited {elapsed:?}"
    );
    let out = env.as_("alice.key").args(["get", "s/k"]).ok();
    assert_eq!(out.stdout, b"canary-k-after");
    env.as_("alice.key").args(["audit", "verify"]).ok();
}
