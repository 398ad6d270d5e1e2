//! The vault file (format 2): TOML written deterministically (the same vault always
//! gives the same bytes) and read back strictly through serde and `toml`. The head
//! (format, id, head, policy, root, principals, keyrings, grants, requests, leases),
//! then one section per secret, sorted by name: its table, with its keys and then one
//! line per version in version order,
//! `versions.N = { created, author, state, expires, keyring, dek, value }`, and then
//! its rotation's `plan` and `journal` tables. A version's `state` is left out when it
//! is active and its sealed fields once it is destroyed; the secret's `created` is
//! written only when it differs from its first version's. The reader takes what is
//! left out and refuses it stated (`state = "active"`, a repeated creation time): the
//! file is what tresor writes. Every ciphertext, signature and digest is on one line,
//! so two branches that change different secrets merge textually.

use super::file::{FileSection, FileVault, convert, convert_section};
use super::model::{FORMAT, Vault};
use super::name::SecretName;
use super::secret::{Secret, Version, VersionState};
use crate::error::{Error, Result};
use std::fmt::Write;

const HEADER: &str = "# tresor vault (format 2): values and keys are encrypted; names, owners, aliases and versions are readable.\n# Edit it only with tresor: every change is signed by its writer and recorded in the audit log.\n";

/// Writes `vault` as canonical TOML: the same vault always gives the same bytes.
pub fn render(vault: &Vault) -> String {
    let mut out = String::with_capacity(1024 + vault.secrets.len() * 512);
    push_head(&mut out, vault);
    for (name, secret) in &vault.secrets {
        push_section(&mut out, name, secret);
    }
    out
}

/// Everything before the secrets, ending in a blank line.
pub fn render_head(vault: &Vault) -> String {
    let mut out = String::with_capacity(4096);
    push_head(&mut out, vault);
    out
}

/// One secret's section: its table with a line per version, ending in a blank line.
pub fn render_section(name: &SecretName, secret: &Secret) -> String {
    let mut out = String::with_capacity(512);
    push_section(&mut out, name, secret);
    out
}

fn push_head(out: &mut String, vault: &Vault) {
    out.push_str(HEADER);
    line(out, "format", &FORMAT.to_string());
    quoted_line(out, "id", &vault.id);
    quoted_line(out, "head", &vault.head.to_string());
    // The policy as the document `policy show` prints: it never holds `'''`.
    out.push_str("policy = '''\n");
    out.push_str(&crate::policy::document::render(&vault.trust.policy));
    out.push_str("'''\n");

    let root = &vault.root;
    out.push_str("\n[root]\n");
    quoted_line(out, "admin", root.admin.as_str());
    quoted_line(out, "recipient", &root.recipient);
    quoted_line(out, "signing", &root.signing.to_string());
    quoted_line(out, "created", &root.created.to_string());
    quoted_line(out, "sig", &root.sig.to_string());

    for (name, principal) in &vault.trust.principals {
        let _ = write!(out, "\n[principals.{}]\n", key(name.as_str()));
        quoted_line(out, "recipient", &principal.recipient);
        if let Some(signing) = &principal.signing {
            quoted_line(out, "signing", &signing.to_string());
        }
        quoted_line(out, "added", &principal.added.to_string());
    }
    for (name, keyring) in &vault.keyrings {
        let _ = write!(out, "\n[keyrings.{}]\n", key(name.as_str()));
        quoted_line(out, "public", &keyring.public);
        let readers: Vec<String> = keyring.readers.iter().map(|r| quote(r.as_str())).collect();
        line(out, "readers", &format!("[{}]", readers.join(", ")));
        quoted_line(out, "signer", keyring.signer.as_str());
        quoted_line(out, "created", &keyring.created.to_string());
        let _ = write!(out, "\n[keyrings.{}.wrapped]\n", key(name.as_str()));
        for (principal, wrapped) in &keyring.wrapped {
            line(out, &key(principal.as_str()), &quote(wrapped));
        }
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
    for (name, request) in &vault.requests {
        let _ = write!(out, "\n[requests.{}]\n", key(name.as_str()));
        quoted_line(out, "recipient", &request.recipient);
        quoted_line(out, "signing", &request.signing.to_string());
        quoted_line(out, "requested", &request.requested.to_string());
        quoted_line(out, "sig", &request.sig.to_string());
    }
    crate::rotation::render_leases(out, &vault.leases);
    out.push('\n');
}

fn push_section(out: &mut String, name: &SecretName, secret: &Secret) {
    let mut table = String::from("secrets.");
    push_key(&mut table, name.as_str());
    out.push('[');
    out.push_str(&table);
    out.push_str("]\n");
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
    if !meta.tags.is_empty() {
        line(
            out,
            "tags",
            &inline(meta.tags.iter().map(|(k, v)| (key(k), quote(v)))),
        );
    }
    // Left out when the first version's time says it (the reader takes that).
    if secret.versions.values().next().map(|first| first.created) != Some(secret.created) {
        quoted_line(out, "created", &secret.created.to_string());
    }
    line(
        out,
        "aliases",
        &inline(
            secret
                .aliases
                .iter()
                .map(|(alias, number)| (key(alias.as_str()), number.to_string())),
        ),
    );
    if !secret.exposed.is_empty() {
        line(
            out,
            "exposed",
            &inline(
                secret
                    .exposed
                    .iter()
                    .map(|(p, when)| (key(p.as_str()), quote(&when.to_string()))),
            ),
        );
    }
    for (number, version) in &secret.versions {
        push_version(out, *number, version);
    }
    crate::rotation::render(out, &table, secret.plan.as_ref(), secret.journal.as_ref());
    out.push('\n');
}

/// One version on one line: `versions.N = { created, author, state (unless active),
/// expires, keyring, dek, value }`, the sealed fields gone once it is destroyed.
fn push_version(out: &mut String, number: u32, version: &Version) {
    let _ = write!(out, "versions.{number} = {{ created = ");
    push_quoted(out, &version.created.to_string());
    out.push_str(", author = ");
    push_quoted(out, version.author.as_str());
    if version.state != VersionState::Active {
        out.push_str(", state = ");
        push_quoted(out, version.state.as_str());
    }
    if let Some(expires) = version.expires {
        out.push_str(", expires = ");
        push_quoted(out, &expires.to_string());
    }
    if let Some(sealed) = &version.sealed {
        out.push_str(", keyring = ");
        push_quoted(out, sealed.keyring.as_str());
        out.push_str(", dek = ");
        push_quoted(out, &sealed.dek);
        out.push_str(", value = ");
        push_quoted(out, &sealed.value);
    }
    out.push_str(" }\n");
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

/// What a vault file holds: the current format, or format 1 (read only, to upgrade).
pub enum Parsed {
    Current(Box<Vault>),
    Legacy(Box<super::legacy::Vault>),
}

/// Parses a vault file. Structural damage is an integrity failure (exit 5); a newer
/// format is refused with a request to upgrade tresor. Errors name a line, never its
/// content.
pub fn parse(text: &str, source: &str) -> Result<Parsed> {
    if holds_conflict_markers(text.as_bytes()) {
        return Err(conflicted(source));
    }
    match declared_format(text) {
        Some(1) => {
            return super::legacy::parse(text, source).map(|vault| Parsed::Legacy(Box::new(vault)));
        }
        Some(format) if format > i64::from(FORMAT) => {
            return Err(Error::other(format!(
                "The vault {source} is in format {format}, newer than this tresor understands ({FORMAT}); upgrade tresor to open it."
            )));
        }
        Some(format) if format != i64::from(FORMAT) => {
            return Err(Error::integrity(format!(
                "The vault {source} declares format {format}, which never existed; the file was altered."
            )));
        }
        _ => {}
    }
    let file = toml::from_str::<FileVault>(text).map_err(|err| corrupt_toml(text, source, &err))?;
    convert(file)
        .map(|vault| Parsed::Current(Box::new(vault)))
        .map_err(|why| {
            Error::integrity(format!(
                "The vault {source} is corrupt: {why}. Restore it from git or a backup."
            ))
        })
}

/// Parses one secret's section (as `render_section` writes it), read on its own.
pub fn parse_section(text: &str, source: &str) -> Result<(SecretName, Secret)> {
    if holds_conflict_markers(text.as_bytes()) {
        return Err(conflicted(source));
    }
    let file = toml::from_str::<FileSection>(text).map_err(|_| {
        Error::integrity(format!(
            "The vault {source} is corrupt: a secret's section is not the TOML tresor writes. Restore it from git or a backup."
        ))
    })?;
    convert_section(file).map_err(|why| {
        Error::integrity(format!(
            "The vault {source} is corrupt: {why}. Restore it from git or a backup."
        ))
    })
}

/// Whether a file holds the markers git leaves where a merge conflicted.
pub fn holds_conflict_markers(text: &[u8]) -> bool {
    text.split(|&b| b == b'\n')
        .any(|line| line.starts_with(b"<<<<<<< ") || line.starts_with(b">>>>>>> "))
}

/// A file left conflicted by a merge that ran without tresor's driver.
pub fn conflicted(source: &str) -> Error {
    Error::conflict(format!(
        "{source} holds git's conflict markers: a merge ran without tresor's driver. Finish it with `tresor git resolve`, then `git commit`."
    ))
}

/// The error for a file `toml` could not read, naming the line.
pub(super) fn corrupt_toml(text: &str, source: &str, err: &toml::de::Error) -> Error {
    let line = err
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let at = line.map(|n| format!(" at line {n}")).unwrap_or_default();
    Error::integrity(format!(
        "The vault {source} is corrupt{at}: it is not the TOML tresor writes. Restore it from git or a backup."
    ))
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
