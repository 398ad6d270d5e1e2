//! Every byte of a small vault flipped, one mutant at a time: each `get` must refuse
//! (nothing on stdout, no panic) or return exactly the original value. By default one
//! mask (0x01) over a sample that covers every line; `TRESOR_LONG_TESTS=1` flips every
//! byte with 0x01, 0x80 and 0xFF.

use crate::support::{Env, VALUES, long_tests};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

/// About how many offsets the default run tries (each costs four `get`s).
const DEFAULT_OFFSETS: usize = 400;

#[derive(Default)]
struct Tally {
    mutants: usize,
    runs: usize,
    /// Exit code -> number of `get` runs that ended with it.
    codes: BTreeMap<i32, usize>,
    /// Exit code -> the lines (by key) whose flips produced it.
    lines: BTreeMap<i32, BTreeSet<String>>,
    /// Mutants under which every `get` still returned the original value.
    inert: usize,
    violations: Vec<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.mutants += other.mutants;
        self.runs += other.runs;
        self.inert += other.inert;
        for (code, n) in other.codes {
            *self.codes.entry(code).or_default() += n;
        }
        for (code, lines) in other.lines {
            self.lines.entry(code).or_default().extend(lines);
        }
        self.violations.extend(other.violations);
    }
}

/// What each line of the vault is: `[table] key`, for the report.
fn line_labels(text: &str) -> Vec<(usize, String)> {
    let mut labels = Vec::new();
    let mut table = String::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let label = if line.starts_with('[') {
            table = line.trim().to_string();
            table.clone()
        } else {
            let key = line.split(" = ").next().unwrap_or("").trim();
            format!("{table} {key}")
        };
        labels.push((start, label));
        start += line.len();
    }
    labels
}

fn label_at(labels: &[(usize, String)], offset: usize) -> &str {
    let index = labels.partition_point(|(start, _)| *start <= offset) - 1;
    &labels[index].1
}

/// The (offset, mask) pairs to try: every offset and three masks in long mode, else a
/// stride over the file plus the first and last byte of every line.
fn mutants(text: &str) -> Vec<(usize, u8)> {
    if long_tests() {
        return (0..text.len())
            .flat_map(|offset| [0x01, 0x80, 0xFF].map(|mask| (offset, mask)))
            .collect();
    }
    let stride = text.len().div_ceil(DEFAULT_OFFSETS).max(1);
    let mut offsets: BTreeSet<usize> = (0..text.len()).step_by(stride).collect();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        offsets.insert(start);
        offsets.insert(start + line.len() - 1);
        start += line.len();
    }
    offsets.into_iter().map(|offset| (offset, 0x01)).collect()
}

/// Runs every `get` of `VALUES` against the vault of `env` with one byte flipped.
fn attack(
    env: &Env,
    original: &[u8],
    labels: &[(usize, String)],
    (offset, mask): (usize, u8),
    tally: &mut Tally,
) {
    let mut mutated = original.to_vec();
    mutated[offset] ^= mask;
    std::fs::write(env.vault(), &mutated).unwrap();
    let at = format!(
        "offset {offset} ({}) ^ {mask:#04x}",
        label_at(labels, offset)
    );
    let mut all_original = true;
    for (name, version, value) in VALUES {
        let out = env.get_version(name, version);
        tally.runs += 1;
        let Some(code) = out.code else {
            tally
                .violations
                .push(format!("{at}: get {name} v{version} killed by a signal"));
            continue;
        };
        *tally.codes.entry(code).or_default() += 1;
        tally
            .lines
            .entry(code)
            .or_default()
            .insert(label_at(labels, offset).to_string());
        let wrong = if out.stderr.contains("panicked") {
            Some("panicked")
        } else if code == 0 && out.stdout != value.as_bytes() {
            Some("returned a different value")
        } else if code != 0 && !out.stdout.is_empty() {
            Some("failed with output on stdout")
        } else if code != 0 && out.stderr.trim().is_empty() {
            Some("failed without a message")
        } else {
            None
        };
        if let Some(wrong) = wrong {
            tally
                .violations
                .push(format!("{at}: get {name} v{version} exit {code} {wrong}"));
        }
        all_original &= code == 0;
    }
    std::fs::write(env.vault(), original).unwrap();
    tally.mutants += 1;
    tally.inert += usize::from(all_original);
}

#[test]
fn no_flipped_byte_yields_another_value() {
    let env = Env::with_two_secrets();
    let original = env.read_vault();
    let labels = line_labels(&original);
    let mutants = mutants(&original);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4);
    let started = Instant::now();
    let mut tally = Tally::default();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let copy = env.copy();
                let (mutants, original, labels) = (&mutants, original.as_bytes(), &labels);
                scope.spawn(move || {
                    let mut tally = Tally::default();
                    for &mutant in mutants.iter().skip(worker).step_by(workers) {
                        attack(&copy, original, labels, mutant, &mut tally);
                    }
                    tally
                })
            })
            .collect();
        for handle in handles {
            tally.merge(handle.join().unwrap());
        }
    });
    println!(
        "byte flips: {} mutants of a {}-byte vault ({} lines), {} gets in {:.1}s on {workers} workers; {} mutants left every value readable",
        tally.mutants,
        original.len(),
        labels.len(),
        tally.runs,
        started.elapsed().as_secs_f64(),
        tally.inert
    );
    for (code, runs) in &tally.codes {
        // Refusals (5) and the original value (0) are the expected outcomes; name the
        // lines behind any other code.
        let lines: Vec<&str> = match code {
            0 | 5 => Vec::new(),
            _ => tally.lines[code].iter().map(String::as_str).collect(),
        };
        println!("  exit {code}: {runs} gets {}", lines.join(" | "));
    }
    assert!(
        tally.violations.is_empty(),
        "{} violations:\n{}",
        tally.violations.len(),
        tally.violations.join("\n")
    );
    assert_eq!(tally.mutants, mutants.len());
    let allowed = [0, 1, 5, 7];
    assert!(
        tally.codes.keys().all(|code| allowed.contains(code)),
        "unexpected exit codes: {:?}",
        tally.codes
    );
}
