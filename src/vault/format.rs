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
/// secret's header starts (see `canonical::secret_boundary`).
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
mod tests;
