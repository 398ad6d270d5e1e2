//! A guard against panics in the parsers that read files users and attackers hand to
//! tresor, cheap enough for every `cargo test`: each parser runs on every seed of the
//! fuzz corpus (`fuzz/corpus/<target>/`) and on a few thousand mutants of them (bits
//! flipped, bytes replaced or inserted, files cut or spliced, lines duplicated, dropped
//! or swapped), made from a fixed seed so a failure repeats. It asserts only that each
//! call returns, Ok or Err. `cargo fuzz` searches far deeper (fuzz/README.md).

use crate::vault::PrincipalName;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// Mutants per parser: every kind of edit reaches every seed many times, and each
/// parser takes a second or two of a debug build (fewer vaults: their TOML is the
/// slowest to parse unoptimized).
const MUTANTS: usize = 3_000;
const VAULT_MUTANTS: usize = 1_500;

/// splitmix64: small, and the same sequence on every platform and every release.
struct Rng(u64);

impl Rng {
    fn for_target(target: &str) -> Rng {
        let seed = target.bytes().fold(0x7472_6573_6f72_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes that matter to TOML, JSON and templates, and some that are not text.
const INTERESTING: &[u8] = b"\"'[]{}=.,:#\\\n\r\t 0123456789-+ez\x00\x7f\xc3\xff";

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("the corpus {}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    let seeds: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    seeds
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect()
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(9) {
            0 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            1 if at < bytes.len() => bytes[at] = INTERESTING[rng.below(INTERESTING.len())],
            2 => bytes.truncate(at),
            3 => {
                let insert: Vec<u8> = (0..1 + rng.below(8))
                    .map(|_| INTERESTING[rng.below(INTERESTING.len())])
                    .collect();
                bytes.splice(at..at, insert);
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                bytes.truncate(at);
                bytes.extend_from_slice(&other[from..]);
            }
            5..=7 => {
                let mut split = lines(&bytes);
                let i = rng.below(split.len());
                let j = rng.below(split.len());
                match rng.below(3) {
                    0 => split.insert(j, split[i].clone()),
                    1 => {
                        split.remove(i);
                    }
                    _ => split.swap(i, j),
                }
                bytes = split.join(&b'\n');
            }
            _ => {
                // A number made huge, negative or empty.
                let digit = bytes[at.min(bytes.len())..]
                    .iter()
                    .position(u8::is_ascii_digit);
                if let Some(offset) = digit {
                    let replacement: &[u8] = match rng.below(4) {
                        0 => b"99999999999999999999",
                        1 => b"-1",
                        2 => b"4294967296",
                        _ => b"",
                    };
                    bytes.splice(at + offset..at + offset + 1, replacement.iter().copied());
                }
            }
        }
    }
    bytes
}

/// Runs `parse` on every seed of `target` and `mutants` mutants of them, failing with
/// the input that made it panic.
fn survives(target: &str, mutants: usize, parse: impl Fn(&[u8])) {
    let seeds = seeds(target);
    let mut rng = Rng::for_target(target);
    let inputs = seeds
        .iter()
        .cloned()
        .map(|seed| ("seed", seed))
        .chain((0..mutants).map(|_| ("mutant", mutate(&mut rng, &seeds))));
    for (n, (kind, input)) in inputs.enumerate() {
        if catch_unwind(AssertUnwindSafe(|| parse(&input))).is_err() {
            let shown: String = String::from_utf8_lossy(&input).chars().take(4000).collect();
            panic!("{target}: input {n} ({kind}) panicked the parser:\n{shown:?}");
        }
    }
}

#[test]
fn the_vault_parser_survives_its_mutated_corpus() {
    survives("vault_parse", VAULT_MUTANTS, |input| {
        let _ = crate::vault::format::parse(&String::from_utf8_lossy(input), "mutant");
    });
}

#[test]
fn the_policy_parser_survives_its_mutated_corpus() {
    let principals: Vec<PrincipalName> = ["alice", "bob", "carol", "ci-deploy", "tester"]
        .iter()
        .map(|name| name.parse().unwrap())
        .collect();
    survives("policy_parse", MUTANTS, |input| {
        let _ = crate::policy::document::parse(&String::from_utf8_lossy(input), &principals);
    });
}

#[test]
fn the_audit_line_parser_survives_its_mutated_corpus() {
    survives("audit_line", MUTANTS, |input| {
        let _ = serde_json::from_slice::<crate::audit::AuditLine>(input);
    });
}

#[test]
fn the_audit_verifier_survives_its_mutated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let count = std::cell::Cell::new(0u32);
    survives("audit_verify", MUTANTS, |input| {
        // A new file each time: rewriting one in place makes ext4 flush it to disk.
        count.set(count.get() + 1);
        let path = dir.path().join(format!("{}.audit.jsonl", count.get()));
        std::fs::write(&path, input).unwrap();
        if let Ok(verification) = crate::audit::verify(&path, None, None, &[])
            && let Some(head) = verification.head
        {
            let required = [(head.clone(), "the head".to_string())];
            let vault_id = input
                .split(|b| *b == b'\n')
                .next()
                .and_then(|line| serde_json::from_slice::<serde_json::Value>(line).ok())
                .and_then(|line| line.get("vault")?.as_str().map(str::to_string));
            let _ = crate::audit::verify(&path, vault_id.as_deref(), Some(&head), &required);
        }
        std::fs::remove_file(&path).unwrap();
    });
}

#[test]
fn the_template_parser_survives_its_mutated_corpus() {
    survives("inject_template", MUTANTS, |input| {
        let _ = crate::deliver::template::parse(input);
    });
}
