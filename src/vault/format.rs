//! The vault file: TOML written deterministically (secrets sorted by name, one table per
//! secret and per version, every ciphertext on one line) and read back strictly.

use super::canonical;
use super::file::{FileVault, convert};
use super::model::{FORMAT, Secret, Vault};
use super::name::SecretName;
use crate::error::{Error, Result};
use std::fmt::Write;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;

const HEADER: &str = "# tresor vault: values and keys are encrypted; names, owners, aliases and versions are readable.\n# Edit it only with tresor: every record carries a MAC.\n";

/// Writes `vault` as canonical TOML: the same vault always gives the same bytes.
pub fn render(vault: &Vault) -> String {
    let mut out = String::with_capacity(1024 + vault.secrets.len() * 1024);
    render_head(&mut out, vault);
    for (name, secret) in &vault.secrets {
        render_secret(&mut out, name, secret);
    }
    out
}

/// `render` of a vault read partly from `source`, the canonical file it was loaded
/// from: the secrets it did not load are copied from there, unchanged, in runs.
/// Fails when `source` no longer holds them where they were read.
pub fn render_spliced(vault: &Vault, mut source: impl Read + Seek) -> Result<String> {
    let mut out = String::with_capacity(1024 + vault.secrets.len() * 1024);
    render_head(&mut out, vault);
    let mut loaded = vault.secrets.iter().peekable();
    let mut skipped = vault.unloaded.spans().peekable();
    let mut run: Vec<Range<u64>> = Vec::new();
    let mut buffer = Vec::new();
    loop {
        let next_loaded = match (loaded.peek(), skipped.peek()) {
            (Some((a, _)), Some((b, _))) => a.as_str() < *b,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if next_loaded {
            copy_run(&mut out, &mut source, &run, &mut buffer)?;
            run.clear();
            if let Some((name, secret)) = loaded.next() {
                render_secret(&mut out, name, secret);
            }
        } else if let Some((_, span)) = skipped.next() {
            if run.last().is_some_and(|last| last.end != span.start) {
                copy_run(&mut out, &mut source, &run, &mut buffer)?;
                run.clear();
            }
            run.push(span);
        }
    }
    copy_run(&mut out, &mut source, &run, &mut buffer)?;
    Ok(out)
}

/// Copies the tables of the adjacent secrets spanning `run` from `source` as
/// `render_secret` writes them: a blank line before, one line end after.
fn copy_run(
    out: &mut String,
    source: &mut (impl Read + Seek),
    run: &[Range<u64>],
    buffer: &mut Vec<u8>,
) -> Result<()> {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return Ok(());
    };
    let moved = || {
        Error::integrity(
            "The vault changed on disk while this command held it (another program wrote it); run the command again.",
        )
    };
    buffer.clear();
    buffer.resize(
        usize::try_from(last.end - first.start).map_err(|_| moved())?,
        0,
    );
    source
        .seek(SeekFrom::Start(first.start))
        .and_then(|_| source.read_exact(buffer))
        .map_err(|_| moved())?;
    let text = std::str::from_utf8(buffer).map_err(|_| moved())?;
    // Each secret's header where it was read: the file is the one that was read.
    for span in run {
        let at = usize::try_from(span.start - first.start).map_err(|_| moved())?;
        if !text
            .get(at..)
            .is_some_and(|rest| rest.starts_with("[secrets."))
        {
            return Err(moved());
        }
    }
    out.push('\n');
    out.push_str(text.trim_end_matches('\n'));
    out.push('\n');
    Ok(())
}

/// Everything before the secrets.
fn render_head(out: &mut String, vault: &Vault) {
    out.push_str(HEADER);
    line(out, "format", &FORMAT.to_string());
    quoted_line(out, "id", &vault.id);
    if let Some(audit) = &vault.audit {
        quoted_line(out, "audit", &audit.to_string());
    }
    quoted_line(out, "mac", &vault.mac);
    // The policy as the document `policy show` prints: it never holds `'''`.
    out.push_str("policy = '''\n");
    out.push_str(&crate::policy::document::render(&vault.policy));
    out.push_str("'''\n");

    for (name, principal) in &vault.principals {
        let _ = write!(out, "\n[principals.{}]\n", key(name.as_str()));
        quoted_line(out, "recipient", &principal.recipient);
        quoted_line(out, "added", &principal.added.to_string());
    }
    for (name, keyring) in &vault.keyrings {
        let _ = write!(out, "\n[keyrings.{}]\n", key(name.as_str()));
        quoted_line(out, "recipient", &keyring.recipient);
        let _ = write!(out, "\n[keyrings.{}.wrapped]\n", key(name.as_str()));
        for (principal, wrapped) in &keyring.wrapped {
            line(out, &key(principal.as_str()), &quote(wrapped));
        }
    }
    out.push_str("\n[integrity.principals]\n");
    for (principal, wrapped) in &vault.integrity.principals {
        line(out, &key(principal.as_str()), &quote(wrapped));
    }
    out.push_str("\n[integrity.keyrings]\n");
    for (keyring, sealed) in &vault.integrity.keyrings {
        line(out, &key(keyring.as_str()), &quote(sealed));
    }
    for (id, grant) in &vault.grants {
        let _ = write!(out, "\n[grants.{}]\n", key(id));
        quoted_line(out, "principal", grant.principal.as_str());
        quoted_line(out, "on", grant.on.as_str());
        quoted_line(out, "reason", &grant.reason);
        quoted_line(out, "ticket", &grant.ticket);
        quoted_line(out, "opened", &grant.opened.to_string());
        quoted_line(out, "expires", &grant.expires.to_string());
        if let Some(closed) = grant.closed {
            quoted_line(out, "closed", &closed.to_string());
        }
    }
    if !vault.departed.is_empty() {
        out.push_str("\n[departed]\n");
        for ((principal, keyring), when) in &vault.departed {
            line(
                out,
                &quote(&format!("{principal}/{keyring}")),
                &quote(&when.to_string()),
            );
        }
    }
    for (name, request) in &vault.requests {
        let _ = write!(out, "\n[requests.{}]\n", key(name.as_str()));
        quoted_line(out, "recipient", &request.recipient);
        line(out, "requested", &quote(&request.requested.to_string()));
    }
}

fn render_secret(out: &mut String, name: &SecretName, secret: &Secret) {
    let mut table = String::from("secrets.");
    push_key(&mut table, name.as_str());
    out.push_str("\n[");
    out.push_str(&table);
    out.push_str("]\n");
    quoted_line(out, "keyring", secret.keyring.as_str());
    let meta = &secret.metadata;
    if let Some(owner) = &meta.owner {
        quoted_line(out, "owner", owner);
    }
    if let Some(description) = &meta.description {
        quoted_line(out, "description", description);
    }
    if let Some(every) = &meta.rotate_every {
        quoted_line(out, "rotate_every", every);
    }
    if let Some(expires) = meta.expires {
        quoted_line(out, "expires", &expires.to_string());
    }
    if !meta.tags.is_empty() {
        line(
            out,
            "tags",
            &inline(meta.tags.iter().map(|(k, v)| (key(k), quote(v)))),
        );
    }
    quoted_line(out, "created", &secret.created.to_string());
    // As `inline` writes it, without building each pair.
    out.push_str("aliases = {");
    for (index, (alias, number)) in secret.aliases.iter().enumerate() {
        out.push_str(if index == 0 { " " } else { ", " });
        push_key(out, alias.as_str());
        let _ = write!(out, " = {number}");
    }
    out.push_str(if secret.aliases.is_empty() {
        "}\n"
    } else {
        " }\n"
    });
    quoted_line(out, "audit", &secret.audit.to_string());
    quoted_line(out, "mac", &secret.mac);
    for (number, version) in &secret.versions {
        out.push_str("\n[");
        out.push_str(&table);
        let _ = writeln!(out, ".versions.{number}]");
        quoted_line(out, "state", version.state.as_str());
        quoted_line(out, "created", &version.created.to_string());
        quoted_line(out, "author", version.author.as_str());
        if let Some(sealed) = &version.sealed {
            quoted_line(out, "dek", &sealed.dek);
            quoted_line(out, "value", &sealed.value);
        }
    }
}

/// `key = "value"`, quoted straight into `out`.
fn quoted_line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    push_quoted(out, value);
    out.push('\n');
}

fn line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(value);
    out.push('\n');
}

fn inline(pairs: impl Iterator<Item = (String, String)>) -> String {
    let body: Vec<String> = pairs.map(|(k, v)| format!("{k} = {v}")).collect();
    if body.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {} }}", body.join(", "))
    }
}

/// A bare key when TOML allows one, else a quoted key.
fn key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() + 2);
    push_key(&mut key, text);
    key
}

/// `key(text)`, at the end of `out`.
fn push_key(out: &mut String, text: &str) {
    let bare = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        out.push_str(text);
    } else {
        push_quoted(out, text);
    }
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    push_quoted(&mut quoted, text);
    quoted
}

/// `text` as a TOML basic string, at the end of `quoted`.
fn push_quoted(quoted: &mut String, text: &str) {
    quoted.push('"');
    // Ciphertexts, MACs, names and times are printable ASCII: copied whole.
    // Branch-free over the bytes, so the check runs on whole vectors.
    let plain = text.bytes().fold(true, |plain, b| {
        plain & (0x20..0x7f).contains(&b) & (b != b'"') & (b != b'\\')
    });
    if plain {
        quoted.push_str(text);
        quoted.push('"');
        return;
    }
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
}

/// Parses a vault file. Structural damage is an integrity failure (exit 5); a newer
/// format is refused with a request to upgrade. Errors name a line, never its content.
pub fn parse(text: &str, source: &str) -> Result<Vault> {
    parse_some(text, source, None)
}

/// Parses a vault loading only the secrets in `wanted` in full; the others keep just
/// their MACs (enough to check the vault MAC). For reads: such a vault is never saved.
pub fn parse_only(text: &str, source: &str, wanted: &[&str]) -> Result<Vault> {
    parse_some(text, source, Some(wanted))
}

/// `parse_only` on a stream of at most `limit` bytes, read through a buffer of
/// `capacity` bytes, never holding the whole file: a read of a large vault then costs
/// little memory. `None` when the stream is not the
/// canonical vault of this format (or could not be read), for the caller to read the
/// file whole with `parse_only`, which says what is wrong with it.
pub fn parse_only_stream(
    reader: impl std::io::Read,
    capacity: usize,
    limit: u64,
    source: &str,
    wanted: &[&str],
) -> Result<Option<Vault>> {
    let file = canonical::read_from(reader, capacity, limit, Some(wanted));
    convert_streamed(file, source)
}

/// `parse_only_stream` of a large vault read in two halves on two threads: `first`
/// holds its bytes up to `split`, `second` those from there on; `split` is where a
/// secret's header starts (see `secret_boundary`).
pub fn parse_only_halves(
    first: impl Read + Send,
    second: impl Read + Send,
    split: u64,
    capacity: usize,
    source: &str,
    wanted: &[&str],
) -> Result<Option<Vault>> {
    let file = canonical::read_halves(first, second, split, capacity, wanted);
    convert_streamed(file, source)
}

/// Where in `window`, bytes from the middle of a vault, `parse_only_halves` may split it.
pub fn secret_boundary(window: &[u8]) -> Option<usize> {
    canonical::secret_boundary(window)
}

fn convert_streamed(file: Option<FileVault>, source: &str) -> Result<Option<Vault>> {
    let Some(file) = file else {
        return Ok(None);
    };
    if file.format != i64::from(FORMAT) {
        return Ok(None);
    }
    convert(file).map(Some).map_err(|why| {
        Error::integrity(format!(
            "The vault {source} is corrupt: {why}. Restore it from git or a backup."
        ))
    })
}

fn parse_some(text: &str, source: &str, wanted: Option<&[&str]>) -> Result<Vault> {
    if let Some(format) = declared_format(text)
        && format != i64::from(FORMAT)
    {
        return Err(if format > i64::from(FORMAT) {
            Error::other(format!(
                "The vault {source} is in format {format}, newer than this tresor understands ({FORMAT}); upgrade tresor to open it."
            ))
        } else {
            Error::integrity(format!(
                "The vault {source} declares format {format}, which never existed; the file was altered."
            ))
        });
    }
    // The canonical reader handles what tresor writes; anything else goes through TOML.
    let file = match canonical::read(text, wanted) {
        Some(file) => file,
        None => toml::from_str::<FileVault>(text).map_err(|err| {
            let line = err.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let at = line.map(|n| format!(" at line {n}")).unwrap_or_default();
            Error::integrity(format!(
                "The vault {source} is corrupt{at}: it is not the TOML tresor writes. Restore it from git or a backup."
            ))
        })?,
    };
    convert(file).map_err(|why| {
        Error::integrity(format!(
            "The vault {source} is corrupt: {why}. Restore it from git or a backup."
        ))
    })
}

/// The `format = N` line near the top, read before a full parse so a newer format is
/// refused even when the rest would not parse.
fn declared_format(text: &str) -> Option<i64> {
    text.lines()
        .take_while(|line| !line.starts_with('['))
        .find_map(|line| {
            line.trim()
                .strip_prefix("format")?
                .trim()
                .strip_prefix('=')?
                .trim()
                .parse()
                .ok()
        })
}

#[cfg(test)]
mod tests {
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
                        created: crate::time::Timestamp::from_unix(
                            1_700_000_000 + i64::from(number),
                        ),
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
                let mut partial =
                    parse_only_stream(text.as_bytes(), capacity, 1 << 20, "v", &[wanted])
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
                .filter_map(|from| secret_boundary(&bytes[from..]).map(|at| from + at))
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
                let odd =
                    parse_only_halves(first, second, splits[0] as u64 + 1, 64, "v", &[wanted]);
                assert!(odd.unwrap().is_none());
            }
        }
    }

    #[test]
    fn what_is_not_canonical_goes_through_toml() {
        let text = render(&sample());
        let reordered =
            text.replacen("format = 1\n", "", 1)
                .replacen("id = ", "format = 1\nid = ", 1);
        assert!(canonical::read(&reordered, None).is_none() || reordered == text);
        let spaced = text.replace("keyring = \"default\"", "keyring   =   \"default\"");
        assert!(canonical::read(&spaced, None).is_none());
        assert_eq!(parse(&spaced, "v").unwrap(), sample());
        let duplicated = text.replacen("[secrets.x]\n", "[secrets.x]\nmac = \"x\"\n", 1);
        assert!(canonical::read(&duplicated, None).is_none());
        assert_eq!(parse(&duplicated, "v").unwrap_err().exit_code(), 5);
    }
}
