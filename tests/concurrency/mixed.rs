//! Many processes doing different things at once (DESIGN.md section 6): half of each
//! writer's operations go to one hot secret (rotate, get, promote with --expect, alias
//! set, disable/enable of its old versions), half to a secret of its own; readers loop
//! `get` on the hot secret meanwhile. 16 writers x 20 operations and 8 readers by
//! default, 64 x 50 with `TRESOR_LONG_TESTS=1`.
//!
//! Afterwards: each operation that succeeded has exactly one event in a chain that
//! verifies (a write in the committed log, a read in this machine's read log), and
//! each that failed or changed nothing has none; versions are gap-free;
//! every value reads back as written; no read was torn; and the hot secret's aliases
//! and states are what replaying the log in order gives.

use super::LOCK_TIMEOUT;
use crate::support::chain;
use crate::support::rng::Rng;
use crate::support::{Env, Outcome, long_tests};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const HOT: &str = "s/hot";
/// Versions 1..=OLD of the hot secret are the old ones that writers disable and
/// enable; `current` never points at them, so readers always get a value.
const OLD: u32 = 4;
const READERS: usize = 8;
const READER_PAUSE: Duration = Duration::from_millis(250);

/// Aliases and version states, as `tresor show --json` reports them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Model {
    aliases: BTreeMap<String, u32>,
    states: Vec<String>,
}

impl Model {
    fn add(&mut self) -> u32 {
        self.states.push("active".into());
        self.states.len() as u32
    }

    fn current(&self) -> u32 {
        self.aliases["current"]
    }

    /// DESIGN.md: the old current becomes `previous`; a `pending` there is cleared.
    fn set_alias(&mut self, alias: &str, version: u32) {
        if alias == "current" {
            let old = self.current_or_none();
            if let Some(old) = old.filter(|old| *old != version) {
                self.aliases.insert("previous".into(), old);
            }
            if self.aliases.get("pending") == Some(&version) {
                self.aliases.remove("pending");
            }
        }
        self.aliases.insert(alias.into(), version);
    }

    fn current_or_none(&self) -> Option<u32> {
        self.aliases.get("current").copied()
    }

    /// Sets a state; whether it changed.
    fn set_state(&mut self, version: u32, state: &str) -> bool {
        let slot = &mut self.states[version as usize - 1];
        let changed = slot != state;
        *slot = state.into();
        changed
    }

    fn active(&self) -> Vec<u32> {
        (1..=self.states.len() as u32)
            .filter(|v| self.states[*v as usize - 1] == "active")
            .collect()
    }

    fn of(show: &serde_json::Value) -> Model {
        let aliases = show["aliases"].as_object().unwrap();
        let versions = show["versions"].as_array().unwrap();
        for (i, version) in versions.iter().enumerate() {
            assert_eq!(version["version"], i + 1, "versions are not gap-free");
        }
        Model {
            aliases: aliases
                .iter()
                .map(|(k, v)| (k.clone(), v.as_u64().unwrap() as u32))
                .collect(),
            states: versions
                .iter()
                .map(|v| v["state"].as_str().unwrap().to_string())
                .collect(),
        }
    }
}

/// One operation as run: its tag (its `--reason`), the event it must leave if it
/// changed something, and how it ended.
struct Done {
    tag: String,
    event: &'static str,
    /// Exit 0 and a change made: exactly one event. Otherwise none. `None`: a change
    /// or not, which the writer cannot know (an alias set on the hot secret, which
    /// another writer may have pointed there already); the replay of the log against
    /// the final state checks those.
    recorded: Option<bool>,
    hot: bool,
    kind: &'static str,
    took: Duration,
}

#[derive(Default)]
struct Writer {
    done: Vec<Done>,
    /// Hot versions this writer added: version -> value.
    rotated: BTreeMap<u32, String>,
    /// (version, value) of each hot `get`.
    reads: Vec<(u32, String)>,
    /// Its own secret: name, values by version, and the model it must end as.
    own: (String, BTreeMap<u32, String>, Model),
}

/// What one reader saw: tag, outcome and time of each `get`.
type ReaderLog = Vec<(String, Outcome, Duration)>;

fn run(env: &Env, args: &[&str], tag: &str, stdin: &str) -> (Outcome, Duration) {
    let started = Instant::now();
    let out = env
        .as_("alice.key")
        .env("TRESOR_LOCK_TIMEOUT", LOCK_TIMEOUT)
        .args(args)
        .args(["--reason", tag])
        .stdin(stdin)
        .run();
    assert!(!out.stderr.contains("panicked"), "{args:?}: {}", out.stderr);
    (out, started.elapsed())
}

/// The version an `--expect` conflict says the alias is at.
fn points_at(stderr: &str) -> Option<u32> {
    let rest = stderr.split("points at version ").nth(1)?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// Writer `w`: `ops` operations, alternately on the hot secret and on its own.
fn writer(env: &Env, w: usize, ops: usize, mut rng: Rng) -> Writer {
    let mut me = Writer::default();
    let own = format!("own/w{w}");
    let mut own_values: BTreeMap<u32, String> = BTreeMap::new();
    let mut own_model = Model::default();
    let mut believed_current = OLD + 1;
    let mut known: Vec<u32> = vec![OLD + 1];
    for i in 0..ops {
        let mut tag = format!("w{w}-{i}");
        let value = format!("mixed-{tag}");
        let hot = i % 2 == 0;
        let (kind, event, out, took, recorded) = if hot {
            match rng.below(100) {
                0..30 => {
                    let (out, took) = run(env, &["rotate", HOT, "--json"], &tag, &value);
                    if out.code == Some(0) {
                        let version = out.json()["version"].as_u64().unwrap() as u32;
                        me.rotated.insert(version, value.clone());
                        known.push(version);
                        believed_current = version;
                    }
                    ("rotate", "rotate", out, took, Some(true))
                }
                30..50 => {
                    let (out, took) = run(env, &["get", HOT, "--json"], &tag, "");
                    if out.code == Some(0) {
                        let json = out.json();
                        let version = json["version"].as_u64().unwrap() as u32;
                        me.reads
                            .push((version, json["value"].as_str().unwrap().to_string()));
                        known.push(version);
                        believed_current = version;
                    }
                    ("get", "read", out, took, Some(true))
                }
                50..70 => {
                    // Compare-and-swap as a script does it: on a conflict, look at
                    // where `current` is now (the error says) and try once more.
                    let target = known[rng.below(known.len())].to_string();
                    let mut expected = believed_current;
                    let promote = |expect: u32, tag: &str| {
                        let expect = expect.to_string();
                        let args = ["promote", HOT, &target, "--expect", &expect];
                        run(env, &args, tag, "")
                    };
                    let (mut out, mut took) = promote(believed_current, &tag);
                    if let (Some(6), Some(now)) = (out.code, points_at(&out.stderr)) {
                        me.done.push(Done {
                            tag: tag.clone(),
                            event: "promote",
                            recorded: Some(false),
                            hot,
                            kind: "promote",
                            took,
                        });
                        tag = format!("{tag}-again");
                        (out, took) = promote(now, &tag);
                        expected = now;
                    }
                    if out.code == Some(0) {
                        believed_current = target.parse().unwrap();
                    }
                    // A promote to where `current` already was changes nothing.
                    let changes = target != expected.to_string();
                    ("promote", "promote", out, took, Some(changes))
                }
                70..85 => {
                    let target = known[rng.below(known.len())].to_string();
                    let args = ["alias", "set", HOT, "canary", &target];
                    let (out, took) = run(env, &args, &tag, "");
                    ("alias set", "alias", out, took, None)
                }
                _ => {
                    let version = (1 + rng.below(OLD as usize)).to_string();
                    let (verb, event) = if rng.chance(50) {
                        ("disable", "disable")
                    } else {
                        ("enable", "enable")
                    };
                    let (out, took) = run(env, &[verb, HOT, "--version", &version], &tag, "");
                    let changed = out.stdout_text().contains(" is now ");
                    ("disable/enable", event, out, took, Some(changed))
                }
            }
        } else if own_model.states.is_empty() {
            let (out, took) = run(env, &["create", &own], &tag, &value);
            let version = own_model.add();
            own_model.set_alias("current", version);
            own_values.insert(version, value);
            ("create", "create", out, took, Some(true))
        } else {
            let current = own_model.current();
            let others: Vec<u32> = own_model
                .active()
                .into_iter()
                .filter(|v| *v != current)
                .collect();
            let old: Vec<u32> = (1..=own_model.states.len() as u32)
                .filter(|v| *v != current)
                .collect();
            let choice = match rng.below(100) {
                50..85 if others.is_empty() => 0,
                85.. if old.is_empty() => 0,
                n => n,
            };
            match choice {
                0..30 => {
                    let (out, took) = run(env, &["rotate", &own], &tag, &value);
                    let version = own_model.add();
                    own_model.set_alias("current", version);
                    own_values.insert(version, value);
                    ("rotate", "rotate", out, took, Some(true))
                }
                30..50 => {
                    let (out, took) = run(env, &["get", &own], &tag, "");
                    assert_eq!(out.stdout_text(), own_values[&current], "{tag}");
                    ("get", "read", out, took, Some(true))
                }
                50..70 => {
                    let target = others[rng.below(others.len())];
                    let args = [
                        "promote",
                        &own,
                        &target.to_string(),
                        "--expect",
                        &current.to_string(),
                    ];
                    let (out, took) = run(env, &args, &tag, "");
                    own_model.set_alias("current", target);
                    ("promote", "promote", out, took, Some(true))
                }
                70..85 => {
                    let target = others[rng.below(others.len())];
                    let args = ["alias", "set", &own, "canary", &target.to_string()];
                    let (out, took) = run(env, &args, &tag, "");
                    // Pointing `canary` where it already points changes nothing.
                    let changes = own_model.aliases.get("canary") != Some(&target);
                    own_model.set_alias("canary", target);
                    ("alias set", "alias", out, took, Some(changes))
                }
                _ => {
                    let version = old[rng.below(old.len())];
                    let (verb, state) = if rng.chance(50) {
                        ("disable", "disabled")
                    } else {
                        ("enable", "active")
                    };
                    let args = [verb, &own, "--version", &version.to_string()];
                    let (out, took) = run(env, &args, &tag, "");
                    let changed = own_model.set_state(version, state);
                    let says = out.stdout_text().contains(" is now ");
                    assert_eq!(says, changed, "{tag}: {}", out.stdout_text());
                    ("disable/enable", verb, out, took, Some(changed))
                }
            }
        };
        let code = out.code.unwrap();
        if !hot {
            assert_eq!(code, 0, "{tag} {kind} on {own}: {}", out.stderr);
        } else {
            let conflict = kind == "promote" && code == 6;
            assert!(code == 0 || conflict, "{tag} {kind}: {}", out.stderr);
        }
        me.done.push(Done {
            tag,
            event,
            recorded: if code == 0 { recorded } else { Some(false) },
            hot,
            kind,
            took,
        });
    }
    me.own = (own, own_values, own_model);
    me
}

/// Replays the log's events on the hot secret, in order. A write that changes nothing
/// leaves no event, so each alias event moves its alias.
fn replay_hot(lines: &[String], start: &Model) -> Model {
    let mut model = start.clone();
    for line in lines {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        if event["secret"] != HOT || event.get("reason").is_none_or(|r| r.is_null()) {
            continue;
        }
        let version = event["version"].as_u64().map(|v| v as u32);
        match event["event"].as_str().unwrap() {
            "rotate" => {
                let added = model.add();
                assert_eq!(Some(added), version, "rotate events in version order");
                model.set_alias("current", added);
            }
            "promote" => {
                assert_ne!(
                    model.current_or_none(),
                    version,
                    "a promote that moved nothing"
                );
                model.set_alias("current", version.unwrap());
            }
            "alias" => {
                let alias = event["alias"].as_str().unwrap();
                assert_ne!(
                    model.aliases.get(alias).copied(),
                    version,
                    "an alias set that moved nothing"
                );
                model.set_alias(alias, version.unwrap());
            }
            "disable" => assert!(model.set_state(version.unwrap(), "disabled")),
            "enable" => assert!(model.set_state(version.unwrap(), "active")),
            _ => {}
        }
    }
    model
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() - 1) * p / 100]
}

#[test]
fn mixed_writers_and_readers_lose_nothing_and_tear_nothing() {
    let (writers, ops) = if long_tests() { (64, 50) } else { (16, 20) };
    let mut rng = Rng::seeded("concurrency (mixed)");
    // By default on a tmpfs (the lock and the chain are under test, not the disk's
    // fsync); the long run is on disk.
    let env = if long_tests() {
        Env::new()
    } else {
        Env::in_memory()
    }
    .init_as("alice");
    let mut hot_values: BTreeMap<u32, String> = BTreeMap::new();
    let mut start = Model::default();
    let mut alone = Vec::new();
    for version in 1..=OLD + 1 {
        let value = format!("mixed-hot-{version}");
        let verb = if version == 1 { "create" } else { "rotate" };
        let started = Instant::now();
        env.alice([verb, HOT]).stdin(&value).ok();
        alone.push(started.elapsed());
        hot_values.insert(version, value);
        let added = start.add();
        start.set_alias("current", added);
    }
    alone.sort();
    let setup_events = env.audit_events().len();

    let done_flag = AtomicBool::new(false);
    let started = Instant::now();
    let (results, readers): (Vec<Writer>, Vec<ReaderLog>) = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..READERS)
            .map(|r| {
                let (env, done_flag) = (&env, &done_flag);
                scope.spawn(move || {
                    let mut seen = Vec::new();
                    while !done_flag.load(Ordering::SeqCst) {
                        let tag = format!("r{r}-{}", seen.len());
                        let (out, took) = run(env, &["get", HOT, "--json"], &tag, "");
                        seen.push((tag, out, took));
                        // Readers keep coming without taking most turns of the lock.
                        std::thread::sleep(READER_PAUSE);
                    }
                    seen
                })
            })
            .collect();
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let rng = rng.fork();
                let env = &env;
                scope.spawn(move || writer(env, w, ops, rng))
            })
            .collect();
        let results = handles.into_iter().map(|h| h.join().unwrap()).collect();
        done_flag.store(true, Ordering::SeqCst);
        let readers = readers.into_iter().map(|h| h.join().unwrap()).collect();
        (results, readers)
    });
    let elapsed = started.elapsed();

    // Both chains verify, and hold exactly one event per operation that changed
    // something (committed) or read (this machine's read log), none for the others.
    let lines = chain::lines(&env.read_log());
    chain::check(&lines).unwrap();
    let read_lines = chain::lines(&std::fs::read_to_string(env.reads_path()).unwrap());
    chain::check(&read_lines).unwrap();
    let verify = env.alice(["audit", "verify"]).ok();
    assert!(
        !verify.stderr.contains("never reached the vault"),
        "{}",
        verify.stderr
    );
    let mut by_tag: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (line, committed) in lines[setup_events..]
        .iter()
        .map(|l| (l, true))
        .chain(read_lines.iter().map(|l| (l, false)))
    {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        let tag = event["reason"].as_str().expect("every event has its tag");
        let name = event["event"].as_str().unwrap().to_string();
        assert_eq!(name != "read", committed, "{tag}: {name} in the wrong log");
        by_tag.entry(tag.to_string()).or_default().push(name);
    }
    let mut expected_events = 0;
    for done in results.iter().flat_map(|w| &w.done) {
        let events = by_tag.remove(&done.tag).unwrap_or_default();
        match done.recorded {
            Some(true) => assert_eq!(events, [done.event], "{} {}", done.tag, done.kind),
            Some(false) => assert!(events.is_empty(), "{} {}: {events:?}", done.tag, done.kind),
            None => assert!(
                events.is_empty() || events == [done.event],
                "{} {}: {events:?}",
                done.tag,
                done.kind
            ),
        }
        expected_events += events.len();
    }
    let mut torn = 0;
    let mut reads = 0;
    let mut hot_reads: Vec<(u32, String)> = Vec::new();
    for (tag, out, _) in readers.iter().flatten() {
        assert_eq!(out.code, Some(0), "reader {tag}: {}", out.stderr);
        let events = by_tag.remove(tag).unwrap_or_default();
        assert_eq!(events, ["read"], "{tag}");
        expected_events += 1;
        reads += 1;
        match serde_json::from_slice::<serde_json::Value>(&out.stdout) {
            Ok(json) => hot_reads.push((
                json["version"].as_u64().unwrap() as u32,
                json["value"].as_str().unwrap_or_default().to_string(),
            )),
            Err(_) => torn += 1,
        }
    }
    assert!(by_tag.is_empty(), "events of no operation: {by_tag:?}");
    assert_eq!(
        lines.len() + read_lines.len(),
        setup_events + expected_events
    );

    // Every acknowledged rotate holds its own version, and every read saw a value
    // that was written at that version.
    for writer in &results {
        for (version, value) in &writer.rotated {
            assert!(
                hot_values.insert(*version, value.clone()).is_none(),
                "two rotates got version {version}"
            );
        }
        hot_reads.extend(writer.reads.iter().cloned());
    }
    torn += hot_reads
        .iter()
        .filter(|(version, value)| hot_values.get(version) != Some(value))
        .count();
    assert_eq!(torn, 0, "torn or foreign reads");

    // Gap-free versions; the hot secret ends as the log, replayed in order, says; each
    // writer's own secret ends as its own operations say.
    let hot = Model::of(&env.show(HOT));
    assert_eq!(hot.states.len(), hot_values.len(), "a rotate is missing");
    assert_eq!(hot, replay_hot(&lines, &start));
    for writer in &results {
        let (name, _, model) = &writer.own;
        assert_eq!(&Model::of(&env.show(name)), model, "{name}");
    }
    // Values read back as written (after the counts above: reads add events).
    let mut written: Vec<(&str, u32, &String)> = hot_values
        .range(OLD + 1..)
        .map(|(version, value)| (HOT, *version, value))
        .collect();
    for writer in &results {
        let (name, values, model) = &writer.own;
        written.extend(
            model
                .active()
                .into_iter()
                .map(|v| (name.as_str(), v, &values[&v])),
        );
    }
    std::thread::scope(|scope| {
        for part in written.chunks(written.len().div_ceil(4)) {
            let env = &env;
            scope.spawn(move || {
                for (name, version, value) in part {
                    let out = env.get_version(name, *version);
                    assert_eq!(out.stdout_text(), **value, "{name} v{version}");
                }
            });
        }
    });

    let all: Vec<&Done> = results.iter().flat_map(|w| &w.done).collect();
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for done in all.iter().filter(|d| d.hot) {
        let entry = kinds.entry(done.kind).or_default();
        entry.0 += 1;
        entry.1 += usize::from(done.recorded == Some(false));
    }
    let hot_mix: Vec<String> = kinds
        .iter()
        .map(|(kind, (n, none))| match *kind {
            "promote" => format!(
                "{n} promote --expect attempts ({none} conflicts, exit 6, or to where current was)"
            ),
            "disable/enable" => format!("{n} disable/enable ({none} already so: no event)"),
            _ => format!("{n} {kind}"),
        })
        .collect();
    let mut times: Vec<Duration> = all.iter().map(|d| d.took).collect();
    times.extend(readers.iter().flatten().map(|(_, _, took)| *took));
    times.sort();
    println!(
        "concurrency (mixed): {writers} processes x {ops} operations in {:.1}s {}; on {HOT}: {}; {} on their own secrets; {READERS} readers looping get ({} ms apart): {reads} reads",
        elapsed.as_secs_f64(),
        if env.is_in_memory() {
            "on a tmpfs"
        } else {
            "on disk"
        },
        hot_mix.join(", "),
        all.iter().filter(|d| !d.hot).count(),
        READER_PAUSE.as_millis(),
    );
    println!(
        "  every acknowledged operation present, versions gap-free ({HOT}: {}), the chain verifies with exactly one event per operation ({expected_events} events), {torn} torn reads",
        hot.states.len()
    );
    println!(
        "  command times under TRESOR_LOCK_TIMEOUT={LOCK_TIMEOUT}: median {} ms, p99 {} ms, slowest {} ms (alone: {} ms); the slowest lock wait seen is about {} ms",
        percentile(&times, 50).as_millis(),
        percentile(&times, 99).as_millis(),
        times.last().unwrap().as_millis(),
        percentile(&alone, 50).as_millis(),
        times
            .last()
            .unwrap()
            .saturating_sub(percentile(&alone, 50))
            .as_millis()
    );
}
