//! The format's tests: rendering and reading round-trip, the canonical and streamed
//! readers agree with TOML, and spliced writes are the writes of the whole vault.

use super::*;
use crate::vault::model::{Metadata, SealedValue, Version, VersionState};
use std::collections::BTreeMap;

#[test]
fn quoting_round_trips_through_toml() {
    for text in [
        "plain",
        "quote \" and \\ back",
        "new\nline\ttab",
        "\u{1}ctl",
        "ünï",
    ] {
        let doc = format!("k = {}\n", quote(text));
        let parsed: BTreeMap<String, String> = toml::from_str(&doc).unwrap();
        assert_eq!(parsed["k"], text);
    }
    assert_eq!(key("alice"), "alice");
    assert_eq!(key("a.b"), "\"a.b\"");
    assert_eq!(key("prod/db"), "\"prod/db\"");
}

#[test]
fn newer_format_is_refused_before_parsing() {
    let err = parse("format = 2\nwhatever = [\n", "v").unwrap_err();
    assert_eq!(err.exit_code(), 1);
    assert!(err.message().contains("upgrade"));
    assert_eq!(parse("format = 0\n", "v").unwrap_err().exit_code(), 5);
    assert_eq!(parse("not toml [", "v").unwrap_err().exit_code(), 5);
}

/// A vault with one of everything, for the readers to agree on.
fn sample() -> Vault {
    let mut vault = crate::vault::model::tests_support::empty_vault();
    let alice: crate::vault::PrincipalName = "alice".parse().unwrap();
    let principal = crate::vault::model::Principal {
        recipient: "age1qqqq".into(),
        added: crate::time::Timestamp::from_unix(1_700_000_000),
    };
    vault.principals.insert(alice.clone(), principal);
    vault.audit = Some("3:ab".parse().unwrap_or_else(|_| crate::audit::EventRef {
        seq: 3,
        hash: "ab".repeat(32),
    }));
    vault.mac = "00".repeat(32);
    for (index, name) in ["a/b", "a/c.d", "x"].iter().enumerate() {
        let mut versions = BTreeMap::new();
        for number in 1..=2u32 {
            let destroyed = index == 1 && number == 1;
            versions.insert(
                number,
                Version {
                    state: if destroyed {
                        VersionState::Destroyed
                    } else {
                        VersionState::Active
                    },
                    created: crate::time::Timestamp::from_unix(1_700_000_000 + i64::from(number)),
                    author: alice.clone(),
                    sealed: (!destroyed).then(|| SealedValue {
                        dek: format!("dek{number}=="),
                        value: format!("val+/{number}"),
                    }),
                },
            );
        }
        let secret = Secret {
            keyring: crate::vault::KeyringName::default_keyring(),
            metadata: Metadata {
                owner: Some("team \"q\" \\ ü".into()),
                description: (index == 0).then(|| "multi\nline\ttab".to_string()),
                rotate_every: Some("90d".into()),
                expires: None,
                tags: BTreeMap::from([
                    ("env".to_string(), "prod".to_string()),
                    ("a.b".to_string(), "c".to_string()),
                ]),
            },
            created: crate::time::Timestamp::from_unix(1_700_000_000),
            aliases: BTreeMap::from([
                (crate::vault::AliasName::current(), 2),
                (crate::vault::AliasName::previous(), 1),
            ]),
            versions,
            audit: crate::audit::EventRef {
                seq: 2,
                hash: "cd".repeat(32),
            },
            mac: "11".repeat(32),
        };
        vault.secrets.insert(name.parse().unwrap(), secret);
    }
    vault
}

#[test]
fn the_canonical_reader_agrees_with_toml() {
    let vault = sample();
    let text = render(&vault);
    let fast = convert(canonical::read(&text, None).expect("canonical")).unwrap();
    let slow = convert(toml::from_str::<FileVault>(&text).unwrap()).unwrap();
    assert_eq!(fast, slow);
    assert_eq!(fast, vault);
    assert_eq!(render(&fast), text, "rendering is deterministic");
}

#[test]
fn a_partial_read_keeps_only_macs_of_the_rest() {
    let text = render(&sample());
    let partial = parse_only(&text, "v", &["a/c.d"]).unwrap();
    assert_eq!(
        partial
            .secrets
            .keys()
            .map(|n| n.as_str())
            .collect::<Vec<_>>(),
        ["a/c.d"]
    );
    assert_eq!(partial.unloaded.len(), 2);
    assert!(
        partial
            .unloaded
            .iter()
            .all(|(_, mac)| mac == "11".repeat(32))
    );
}

/// Hands out at most `.1` bytes per read.
struct Trickle<'a>(&'a [u8], usize);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let length = out.len().min(self.1).min(self.0.len());
        out[..length].copy_from_slice(&self.0[..length]);
        self.0 = &self.0[length..];
        Ok(length)
    }
}

/// `sample` with plain ASCII metadata, as most vaults hold: what a read passes over
/// fastest.
fn plain_sample() -> Vault {
    let mut vault = sample();
    for secret in vault.secrets.values_mut() {
        secret.metadata.owner = Some("team".into());
        secret.metadata.description = None;
    }
    vault
}

#[test]
fn a_streamed_read_is_the_read_of_the_whole_text() {
    for vault in [sample(), plain_sample()] {
        streamed_reads_match(&render(&vault));
    }
}

fn streamed_reads_match(text: &str) {
    let text = text.to_string();
    for wanted in [&["a/c.d"][..], &["a/b"], &["missing"], &[], &["x"]] {
        let whole = parse_only(&text, "v", wanted).unwrap();
        // Buffers smaller than a line and larger than the file, filled by reads of
        // any size down to one byte.
        for capacity in [1, 2, 7, 64, 1 << 16] {
            for chunk in [1, 3, 64, usize::MAX] {
                let reader = Trickle(text.as_bytes(), chunk);
                let streamed = parse_only_stream(reader, capacity, 1 << 20, "v", wanted);
                assert_eq!(
                    streamed.unwrap().as_ref(),
                    Some(&whole),
                    "{capacity} {chunk} {wanted:?}"
                );
            }
        }
    }
    // What the stream cannot take goes back to the caller, which reads it whole.
    let stream =
        |text: &[u8], limit| parse_only_stream(text, 1 << 16, limit, "v", &["a/b"]).unwrap();
    assert!(stream(text.as_bytes(), text.len() as u64 - 1).is_none());
    assert!(stream(text.as_bytes(), text.len() as u64).is_some());
    let mut bytes = text.clone().into_bytes();
    let dek = text.rfind("dek = \"").unwrap() + 8;
    bytes[dek] = 0xff;
    assert!(stream(&bytes, 1 << 20).is_none());
    bytes[dek] = b'\xc3';
    bytes[dek + 1] = b'\xa9';
    assert!(stream(&bytes, 1 << 20).is_none());
    let newer = text.replace("format = 1\n", "format = 2\n");
    assert!(stream(newer.as_bytes(), 1 << 20).is_none());
    assert!(stream(b"not toml [", 1 << 20).is_none());
}

#[test]
fn a_spliced_write_is_the_write_of_the_whole_vault() {
    for vault in [sample(), plain_sample()] {
        spliced_writes_match(vault);
    }
}

fn spliced_writes_match(mut vault: Vault) {
    let template = vault.secrets.values().next().unwrap().clone();
    for name in ["a/a", "a/b2", "m", "y/1", "y/2", "zz"] {
        vault
            .secrets
            .insert(name.parse().unwrap(), template.clone());
    }
    let text = render(&vault);
    let change = |vault: &mut Vault, name: &str| {
        vault.mac = "22".repeat(32);
        if let Ok(secret) = vault.secret_mut(&name.parse().unwrap()) {
            secret.mac = "33".repeat(32);
            secret.aliases.remove(&crate::vault::AliasName::previous());
        }
    };
    let names: Vec<String> = vault.secrets.keys().map(|n| n.to_string()).collect();
    for wanted in names.iter().map(String::as_str).chain(["missing", "a/b1"]) {
        let mut whole = vault.clone();
        change(&mut whole, wanted);
        for capacity in [16, 1 << 16] {
            let mut partial = parse_only_stream(text.as_bytes(), capacity, 1 << 20, "v", &[wanted])
                .unwrap()
                .unwrap();
            change(&mut partial, wanted);
            let source = std::io::Cursor::new(text.as_bytes());
            let spliced = render_spliced(&partial, source).unwrap();
            assert_eq!(spliced, render(&whole), "{wanted} {capacity}");
        }
    }
    // A file that is no longer the one read is refused, not spliced.
    let partial = parse_only(&text, "v", &["m"]).unwrap();
    for other in [
        format!("#{text}"),
        text.replace("[secrets.", "[secretz."),
        String::new(),
    ] {
        let err = render_spliced(&partial, std::io::Cursor::new(other.as_bytes())).unwrap_err();
        assert_eq!(err.exit_code(), 5, "{err}");
    }
}

#[test]
fn a_read_in_two_halves_is_the_read_of_the_whole_text() {
    for mut vault in [sample(), plain_sample()] {
        let template = vault.secrets.values().next().unwrap().clone();
        for name in ["a/a", "m", "y/1", "zz"] {
            vault
                .secrets
                .insert(name.parse().unwrap(), template.clone());
        }
        let text = render(&vault);
        let bytes = text.as_bytes();
        // Every place the file could be split: each secret's own header.
        let splits: Vec<usize> = (0..bytes.len())
            .filter_map(|from| canonical::secret_boundary(&bytes[from..]).map(|at| from + at))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        // Not before the first secret, nor at a bare-keyed header (`[secrets.x]`).
        assert_eq!(splits.len(), 4, "{splits:?}");
        let names: Vec<String> = vault.secrets.keys().map(|n| n.to_string()).collect();
        for wanted in names.iter().map(String::as_str).chain(["missing"]) {
            let whole = parse_only(&text, "v", &[wanted]).unwrap();
            for &split in &splits {
                let (first, second) = bytes.split_at(split);
                let halves =
                    parse_only_halves(first, second, split as u64, 64, "v", &[wanted]).unwrap();
                assert_eq!(halves.as_ref(), Some(&whole), "{wanted} at {split}");
                // Where the skipped secrets lie is right across the split.
                let mut changed = halves.unwrap_or_else(|| whole.clone());
                changed.mac = "44".repeat(32);
                let mut expected = vault.clone();
                expected.mac = "44".repeat(32);
                let spliced = render_spliced(&changed, std::io::Cursor::new(bytes));
                assert_eq!(spliced.unwrap(), render(&expected), "{wanted} at {split}");
            }
            // A split that is not at a secret's header is refused, not misread.
            let (first, second) = bytes.split_at(splits[0] + 1);
            let odd = parse_only_halves(first, second, splits[0] as u64 + 1, 64, "v", &[wanted]);
            assert!(odd.unwrap().is_none());
        }
    }
}

#[test]
fn what_is_not_canonical_goes_through_toml() {
    let text = render(&sample());
    let reordered = text
        .replacen("format = 1\n", "", 1)
        .replacen("id = ", "format = 1\nid = ", 1);
    assert!(canonical::read(&reordered, None).is_none() || reordered == text);
    let spaced = text.replace("keyring = \"default\"", "keyring   =   \"default\"");
    assert!(canonical::read(&spaced, None).is_none());
    assert_eq!(parse(&spaced, "v").unwrap(), sample());
    let duplicated = text.replacen("[secrets.x]\n", "[secrets.x]\nmac = \"x\"\n", 1);
    assert!(canonical::read(&duplicated, None).is_none());
    assert_eq!(parse(&duplicated, "v").unwrap_err().exit_code(), 5);
}
