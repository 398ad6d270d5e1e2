//! SIGKILL at random instants during `create`, `rotate`, `destroy` and `recipient
//! remove` (DESIGN.md section 6: a crash at any instant leaves the old vault or the new
//! one). After each kill the vault opens; every version acknowledged so far reads back
//! exactly; `audit verify` passes, with at most one new write in the log that the vault
//! lacks; temp files left by the killed writer trip nothing; the next write works.
//! About 100 kills by default, 1,000 with `TRESOR_LONG_TESTS=1`.

use crate::support::rng::Rng;
use crate::support::{Env, Run, long_tests};
use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

/// The secret every episode rotates and destroys versions of.
const HOT: &str = "s/x";
/// Principals in the template that an episode may remove, each able to read.
const REMOVABLE: [&str; 2] = ["bob0", "bob1"];
/// Kills per episode: each kind twice, on a fresh copy of the template.
const STEPS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Create,
    Rotate,
    Destroy,
    RemoveRecipient,
}

const KINDS: [Kind; 4] = [
    Kind::Create,
    Kind::Rotate,
    Kind::Destroy,
    Kind::RemoveRecipient,
];

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Create => "create",
            Kind::Rotate => "rotate",
            Kind::Destroy => "destroy",
            Kind::RemoveRecipient => "recipient remove",
        }
    }
}

/// Where a kill landed, judged from the files it left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Landing {
    /// Killed before anything reached the log or the vault.
    Untouched,
    /// Killed after appending to the log, before replacing the vault.
    LogOnly,
    /// Killed after replacing the vault (syncing its folder, or reporting).
    Replaced,
    /// It exited 0 before the signal came: acknowledged.
    Finished,
}

impl Landing {
    fn label(self) -> &'static str {
        match self {
            Landing::Untouched => "before any write",
            Landing::LogOnly => "between the log append and the vault replace",
            Landing::Replaced => "after the vault replace",
            Landing::Finished => "after it had finished (acknowledged)",
        }
    }
}

/// Secret name -> number of versions, as `tresor list --json` shows them.
type Listing = BTreeMap<String, usize>;

/// What the command being killed would change.
enum Pending {
    Version { secret: String, value: String },
    Destroy { secret: String, version: u32 },
    Remove { principal: String },
}

#[derive(Default)]
struct Tally {
    kills: BTreeMap<Kind, usize>,
    landings: BTreeMap<Landing, usize>,
    orphans: usize,
    temp_files: usize,
    gets: usize,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        for (kind, n) in other.kills {
            *self.kills.entry(kind).or_default() += n;
        }
        for (landing, n) in other.landings {
            *self.landings.entry(landing).or_default() += n;
        }
        self.orphans += other.orphans;
        self.temp_files += other.temp_files;
        self.gets += other.gets;
    }
}

/// Alice's vault with `HOT` at versions 1–3 and two principals (`REMOVABLE`) who may
/// read everything, so removing one re-keys the keyring.
fn template() -> Env {
    let env = Env::with_vault();
    env.create(HOT, "crash-base-1");
    env.rotate(HOT, "crash-base-2");
    env.rotate(HOT, "crash-base-3");
    for name in REMOVABLE {
        let recipient = env.identity(name);
        env.alice(["recipient", "add", name, &recipient]).ok();
    }
    let members = REMOVABLE.map(|n| format!("\"{n}\"")).join(", ");
    let policy = env.tresor().args(["policy", "show"]).ok().stdout_text();
    let policy = policy
        .replacen(
            "[groups]\n",
            &format!("[groups]\nreaders = [{members}]\n"),
            1,
        )
        .replacen(
            "[keyrings]",
            "[[rule]]\nwho = [\"group:readers\"]\ncan = [\"read\"]\non = [\"**\"]\n\n[keyrings]",
            1,
        );
    std::fs::write(env.path("policy.toml"), policy).unwrap();
    env.alice(["policy", "set", "policy.toml"]).ok();
    env
}

/// One vault, killed `STEPS` times, with what is known of it.
struct Episode {
    env: Env,
    /// secret -> version -> (value, destroyed)
    versions: BTreeMap<String, BTreeMap<u32, (String, bool)>>,
    removable: Vec<String>,
    orphans: usize,
    temp_files: usize,
}

impl Episode {
    fn new(template: &Env) -> Episode {
        let versions = (1..=3)
            .map(|n| (n, (format!("crash-base-{n}"), false)))
            .collect();
        Episode {
            env: template.copy(),
            versions: BTreeMap::from([(HOT.to_string(), versions)]),
            removable: REMOVABLE.map(str::to_string).to_vec(),
            orphans: 0,
            temp_files: 0,
        }
    }

    /// The command for `kind`, its stdin and what it would change.
    fn command(&self, kind: Kind, tag: &str) -> (Run, String, Pending) {
        let value = format!("crash-{tag}");
        match kind {
            Kind::Create => {
                let secret = format!("c/{tag}");
                let run = self.env.alice(["create", &secret]);
                (run, value.clone(), Pending::Version { secret, value })
            }
            Kind::Rotate => {
                let secret = HOT.to_string();
                let run = self.env.alice(["rotate", HOT]);
                (run, value.clone(), Pending::Version { secret, value })
            }
            Kind::Destroy => {
                let version = self.active(HOT).into_iter().next().unwrap_or(1);
                let run =
                    self.env
                        .alice(["destroy", HOT, "--version", &version.to_string(), "--yes"]);
                let secret = HOT.to_string();
                (run, String::new(), Pending::Destroy { secret, version })
            }
            Kind::RemoveRecipient => {
                let principal = self.removable.first().cloned().unwrap_or_default();
                let run = self.env.alice(["recipient", "remove", &principal]);
                (run, String::new(), Pending::Remove { principal })
            }
        }
    }

    fn active(&self, secret: &str) -> Vec<u32> {
        self.versions[secret]
            .iter()
            .filter(|(_, (_, destroyed))| !destroyed)
            .map(|(n, _)| *n)
            .collect()
    }

    /// The vault and the length of the log.
    fn files(&self) -> (Vec<u8>, u64) {
        let vault = std::fs::read(self.env.vault()).unwrap();
        (
            vault,
            std::fs::metadata(self.env.audit_log()).unwrap().len(),
        )
    }

    /// Runs `kind` and kills it after `delay`; then checks everything the oracle says.
    fn kill(&mut self, kind: Kind, tag: &str, delay: Duration, tally: &mut Tally) {
        let (run, input, pending) = self.command(kind, tag);
        let before = self.files();
        let finished = run_and_kill(run, &input, delay);
        let after = self.files();
        let landing = match finished {
            Some(outcome) => {
                assert_eq!(outcome.0, Some(0), "{} failed: {}", kind.label(), outcome.1);
                Landing::Finished
            }
            None if after.0 != before.0 => Landing::Replaced,
            None if after.1 != before.1 => Landing::LogOnly,
            None => Landing::Untouched,
        };
        let what = format!(
            "{} killed after {delay:?} ({})",
            kind.label(),
            landing.label()
        );
        *tally.kills.entry(kind).or_default() += 1;
        *tally.landings.entry(landing).or_default() += 1;
        let listed = self.reconcile(pending, landing, &what);
        self.check_every_version(&listed, tally, &what);
        self.check_log(landing, tally, &what);
        self.next_write_works(&what);
    }

    /// Learns what the killed command left, insisting it is all or nothing and that an
    /// acknowledged command is all.
    /// Returns the listing it read.
    fn reconcile(&mut self, pending: Pending, landing: Landing, what: &str) -> Listing {
        let done = landing == Landing::Finished;
        let listed = self.listed();
        match pending {
            Pending::Version { secret, value } => {
                let Some(&count) = listed.get(&secret) else {
                    assert!(!done, "{what}: acknowledged but '{secret}' is missing");
                    assert!(
                        !self.versions.contains_key(&secret),
                        "{what}: lost {secret}"
                    );
                    return listed;
                };
                let known = self.versions.entry(secret.clone()).or_default();
                match count.checked_sub(known.len()) {
                    Some(0) => assert!(!done, "{what}: acknowledged but no new version"),
                    Some(1) => {
                        let next = known.keys().next_back().map_or(1, |n| n + 1);
                        known.insert(next, (value, false));
                    }
                    _ => panic!(
                        "{what}: '{secret}' has {count} versions, {} known",
                        known.len()
                    ),
                }
            }
            Pending::Destroy { secret, version } => {
                let show = self.env.show(&secret);
                let state = show["versions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|v| v["version"] == version)
                    .map(|v| v["state"].as_str().unwrap().to_string());
                match state.as_deref() {
                    Some("destroyed") => {
                        let entry = self.versions.get_mut(&secret).unwrap();
                        entry.get_mut(&version).unwrap().1 = true;
                    }
                    Some("active") => assert!(!done, "{what}: acknowledged, still active"),
                    other => panic!("{what}: version {version} is {other:?}"),
                }
            }
            Pending::Remove { principal } => {
                let list = self.env.json(&["recipient", "list"]);
                let present = list
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["name"] == principal.as_str());
                if present {
                    assert!(!done, "{what}: acknowledged, '{principal}' is still there");
                } else {
                    self.removable.retain(|p| *p != principal);
                }
            }
        }
        listed
    }

    /// `list` (no key) names every known secret with its number of versions, and
    /// every version not destroyed reads back exactly; destroyed ones are refused.
    fn check_every_version(&self, listed: &Listing, tally: &mut Tally, what: &str) {
        let expected: Listing = self
            .versions
            .iter()
            .map(|(name, versions)| (name.clone(), versions.len()))
            .collect();
        assert_eq!(*listed, expected, "{what}: secrets and version counts");
        for (secret, versions) in &self.versions {
            for (number, (value, destroyed)) in versions {
                let out = self.env.get_version(secret, *number);
                tally.gets += 1;
                if *destroyed {
                    assert_eq!(out.code, Some(3), "{what}: {secret} v{number} destroyed");
                } else {
                    assert_eq!(
                        out.code,
                        Some(0),
                        "{what}: {secret} v{number}: {}",
                        out.stderr
                    );
                    assert_eq!(out.stdout_text(), *value, "{what}: {secret} v{number}");
                }
            }
        }
    }

    /// name -> number of versions, from `tresor list --json` (no key needed).
    fn listed(&self) -> Listing {
        let list = self.env.json(&["list"]);
        list.as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let count = s["versions"].as_u64().unwrap() as usize;
                (s["name"].as_str().unwrap().to_string(), count)
            })
            .collect()
    }

    /// `audit verify` passes; a kill leaves at most one orphan write, and only one that
    /// landed between the append and the replace. Temp files are counted, not removed.
    fn check_log(&mut self, landing: Landing, tally: &mut Tally, what: &str) {
        let out = self.env.alice(["audit", "verify"]).run();
        assert_eq!(out.code, Some(0), "{what}: audit verify: {}", out.stderr);
        // A write the vault never received is named while it is the last one; the next
        // write builds past it (each kill is followed by one).
        let new = out.stderr.matches("never reached the vault").count();
        let orphans = self.orphans + new;
        assert!(new <= 1, "{what}: {new} new orphan writes");
        if landing != Landing::LogOnly {
            assert_eq!(new, 0, "{what}: an orphan write without a torn command");
        }
        self.orphans = orphans;
        tally.orphans += new;
        let temp_files = temp_files(&self.env);
        tally.temp_files += temp_files.saturating_sub(self.temp_files);
        self.temp_files = temp_files;
    }

    /// A write after the kill succeeds: `canary` is pointed at the newest version, and
    /// it removes the temp files killed writers left.
    fn next_write_works(&mut self, what: &str) {
        let newest = self.active(HOT).into_iter().next_back();
        let newest = newest.unwrap_or_else(|| panic!("{what}: no active version of {HOT}"));
        // Moved away first when it is already there, so the write is never a no-op.
        let _ = self.env.alice(["alias", "rm", HOT, "canary"]).run();
        let out = self
            .env
            .alice(["alias", "set", HOT, "canary", &newest.to_string()])
            .run();
        assert_eq!(out.code, Some(0), "{what}: the next write: {}", out.stderr);
        self.temp_files = temp_files(&self.env);
        assert_eq!(
            self.temp_files, 0,
            "{what}: temp files outlived the next write"
        );
    }
}

/// `.tresor-*.tmp` files in the folder (what a writer killed before its rename leaves).
fn temp_files(env: &Env) -> usize {
    std::fs::read_dir(env.root())
        .unwrap()
        .filter(|e| {
            let name = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned();
            name.starts_with(".tresor-") && name.ends_with(".tmp")
        })
        .count()
}

/// Starts `run` with `input` on stdin and sends SIGKILL `delay` after the start.
/// `Some((code, stderr))` when it exited first.
fn run_and_kill(run: Run, input: &str, delay: Duration) -> Option<(Option<i32>, String)> {
    let started = Instant::now();
    let mut child = run.spawn();
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes()); // it may be dead already
    }
    std::thread::sleep(delay.saturating_sub(started.elapsed()));
    if child.try_wait().unwrap().is_none() {
        let _ = child.kill();
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Killed: no code. A code means it finished before the signal.
    output.status.code().map(|code| (Some(code), stderr))
}

/// The median time from start to exit of each kind, over three runs to completion.
fn median_durations(template: &Env) -> BTreeMap<Kind, Duration> {
    let mut times: BTreeMap<Kind, Vec<Duration>> = BTreeMap::new();
    for round in 0..3 {
        let mut episode = Episode::new(template);
        for kind in KINDS {
            let (run, input, pending) = episode.command(kind, &format!("m{round}"));
            let started = Instant::now();
            let mut child = run.spawn();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
            let output = child.wait_with_output().unwrap();
            times.entry(kind).or_default().push(started.elapsed());
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            episode.reconcile(pending, Landing::Finished, "measuring");
        }
    }
    times
        .into_iter()
        .map(|(kind, mut t)| {
            t.sort();
            (kind, t[t.len() / 2])
        })
        .collect()
}

#[test]
fn a_kill_at_any_instant_loses_no_acknowledged_write() {
    let episodes = if long_tests() { 125 } else { 13 };
    let mut rng = Rng::seeded("crashes");
    let template = template();
    let medians = median_durations(&template);
    let started = Instant::now();
    let workers = 2;
    let mut tally = Tally::default();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let mut rng = rng.fork();
                let (template, medians) = (&template, &medians);
                scope.spawn(move || {
                    let mut tally = Tally::default();
                    for e in (worker..episodes).step_by(workers) {
                        let mut episode = Episode::new(template);
                        let mut kinds: Vec<Kind> = KINDS.iter().chain(&KINDS).copied().collect();
                        for i in (1..kinds.len()).rev() {
                            kinds.swap(i, rng.below(i + 1));
                        }
                        for (step, kind) in kinds.into_iter().enumerate().take(STEPS) {
                            let delay = rng.duration_up_to(medians[&kind]);
                            episode.kill(kind, &format!("e{e}-{step}"), delay, &mut tally);
                        }
                    }
                    tally
                })
            })
            .collect();
        for handle in handles {
            tally.merge(handle.join().unwrap());
        }
    });
    let kills: usize = tally.kills.values().sum();
    let per_kind: Vec<String> = tally
        .kills
        .iter()
        .map(|(kind, n)| {
            format!(
                "{} {n} (median {} ms)",
                kind.label(),
                medians[kind].as_millis()
            )
        })
        .collect();
    println!(
        "crashes: {kills} SIGKILLs in {:.1}s at uniform instants in [0, median run time]: {}",
        started.elapsed().as_secs_f64(),
        per_kind.join(", ")
    );
    for (landing, n) in &tally.landings {
        println!("  {n} landed {}", landing.label());
    }
    println!(
        "  0 vaults unreadable, 0 acknowledged versions lost ({} gets checked), audit verify passed after every kill with {} orphan writes (never more than one per kill); {} temp files left by killed writers, each removed by the next write",
        tally.gets, tally.orphans, tally.temp_files
    );
    assert_eq!(kills, episodes * STEPS);
}
