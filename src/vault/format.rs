//! The vault file: TOML written deterministically (secrets sorted by name, one table per
//! secret and per version, every ciphertext on one line) and read back strictly.

use super::model::{
    FORMAT, IntegrityWraps, Keyring, Metadata, Principal, SealedValue, Secret, Vault, Version,
    VersionState,
};
use super::name::{AliasName, KeyringName, PrincipalName, SecretName};
use crate::audit::EventRef;
use crate::error::{Error, Result};
use crate::policy::grant::Grant;
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::str::FromStr;

const HEADER: &str = "# tresor vault: values and keys are encrypted; names, owners, aliases and versions are readable.\n# Edit it only with tresor: every record carries a MAC.\n";

/// Writes `vault` as canonical TOML: the same vault always gives the same bytes.
pub fn render(vault: &Vault) -> String {
    let mut out = String::with_capacity(1024 + vault.secrets.len() * 1024);
    out.push_str(HEADER);
    line(&mut out, "format", &FORMAT.to_string());
    line(&mut out, "id", &quote(&vault.id));
    if let Some(audit) = &vault.audit {
        line(&mut out, "audit", &quote(&audit.to_string()));
    }
    line(&mut out, "mac", &quote(&vault.mac));
    // The policy as the document `policy show` prints: it never holds `'''`.
    out.push_str("policy = '''\n");
    out.push_str(&crate::policy::document::render(&vault.policy));
    out.push_str("'''\n");

    for (name, principal) in &vault.principals {
        let _ = write!(out, "\n[principals.{}]\n", key(name.as_str()));
        line(&mut out, "recipient", &quote(&principal.recipient));
        line(&mut out, "added", &quote(&principal.added.to_string()));
    }
    for (name, keyring) in &vault.keyrings {
        let _ = write!(out, "\n[keyrings.{}]\n", key(name.as_str()));
        line(&mut out, "recipient", &quote(&keyring.recipient));
        let _ = write!(out, "\n[keyrings.{}.wrapped]\n", key(name.as_str()));
        for (principal, wrapped) in &keyring.wrapped {
            line(&mut out, &key(principal.as_str()), &quote(wrapped));
        }
    }
    out.push_str("\n[integrity.principals]\n");
    for (principal, wrapped) in &vault.integrity.principals {
        line(&mut out, &key(principal.as_str()), &quote(wrapped));
    }
    out.push_str("\n[integrity.keyrings]\n");
    for (keyring, sealed) in &vault.integrity.keyrings {
        line(&mut out, &key(keyring.as_str()), &quote(sealed));
    }
    for (id, grant) in &vault.grants {
        let _ = write!(out, "\n[grants.{}]\n", key(id));
        line(&mut out, "principal", &quote(grant.principal.as_str()));
        line(&mut out, "on", &quote(grant.on.as_str()));
        line(&mut out, "reason", &quote(&grant.reason));
        line(&mut out, "ticket", &quote(&grant.ticket));
        line(&mut out, "opened", &quote(&grant.opened.to_string()));
        line(&mut out, "expires", &quote(&grant.expires.to_string()));
        if let Some(closed) = grant.closed {
            line(&mut out, "closed", &quote(&closed.to_string()));
        }
    }
    if !vault.departed.is_empty() {
        out.push_str("\n[departed]\n");
        for ((principal, keyring), when) in &vault.departed {
            line(
                &mut out,
                &quote(&format!("{principal}/{keyring}")),
                &quote(&when.to_string()),
            );
        }
    }
    for (name, request) in &vault.requests {
        let _ = write!(out, "\n[requests.{}]\n", key(name.as_str()));
        line(&mut out, "recipient", &quote(&request.recipient));
        line(
            &mut out,
            "requested",
            &quote(&request.requested.to_string()),
        );
    }
    for (name, secret) in &vault.secrets {
        render_secret(&mut out, name, secret);
    }
    out
}

fn render_secret(out: &mut String, name: &SecretName, secret: &Secret) {
    let table = format!("secrets.{}", key(name.as_str()));
    let _ = write!(out, "\n[{table}]\n");
    line(out, "keyring", &quote(secret.keyring.as_str()));
    let meta = &secret.metadata;
    if let Some(owner) = &meta.owner {
        line(out, "owner", &quote(owner));
    }
    if let Some(description) = &meta.description {
        line(out, "description", &quote(description));
    }
    if let Some(every) = &meta.rotate_every {
        line(out, "rotate_every", &quote(every));
    }
    if let Some(expires) = meta.expires {
        line(out, "expires", &quote(&expires.to_string()));
    }
    if !meta.tags.is_empty() {
        line(
            out,
            "tags",
            &inline(meta.tags.iter().map(|(k, v)| (key(k), quote(v)))),
        );
    }
    line(out, "created", &quote(&secret.created.to_string()));
    line(
        out,
        "aliases",
        &inline(
            secret
                .aliases
                .iter()
                .map(|(k, v)| (key(k.as_str()), v.to_string())),
        ),
    );
    line(out, "audit", &quote(&secret.audit.to_string()));
    line(out, "mac", &quote(&secret.mac));
    for (number, version) in &secret.versions {
        let _ = write!(out, "\n[{table}.versions.{number}]\n");
        line(out, "state", &quote(version.state.as_str()));
        line(out, "created", &quote(&version.created.to_string()));
        line(out, "author", &quote(version.author.as_str()));
        if let Some(sealed) = &version.sealed {
            line(out, "dek", &quote(&sealed.dek));
            line(out, "value", &quote(&sealed.value));
        }
    }
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
    let bare = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare { text.to_string() } else { quote(text) }
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
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
    quoted
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileVault {
    format: i64,
    id: String,
    audit: Option<String>,
    mac: String,
    policy: String,
    #[serde(default)]
    principals: BTreeMap<String, FilePrincipal>,
    #[serde(default)]
    keyrings: BTreeMap<String, FileKeyring>,
    #[serde(default)]
    integrity: FileIntegrity,
    #[serde(default)]
    grants: BTreeMap<String, FileGrant>,
    #[serde(default)]
    departed: BTreeMap<String, String>,
    #[serde(default)]
    requests: BTreeMap<String, FileRequest>,
    #[serde(default)]
    secrets: BTreeMap<String, FileSecret>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRequest {
    recipient: String,
    requested: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileGrant {
    principal: String,
    on: String,
    reason: String,
    ticket: String,
    opened: String,
    expires: String,
    closed: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePrincipal {
    recipient: String,
    added: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileKeyring {
    recipient: String,
    #[serde(default)]
    wrapped: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileIntegrity {
    #[serde(default)]
    principals: BTreeMap<String, String>,
    #[serde(default)]
    keyrings: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSecret {
    keyring: String,
    owner: Option<String>,
    description: Option<String>,
    rotate_every: Option<String>,
    expires: Option<String>,
    #[serde(default)]
    tags: BTreeMap<String, String>,
    created: String,
    #[serde(default)]
    aliases: BTreeMap<String, i64>,
    audit: String,
    mac: String,
    #[serde(default)]
    versions: BTreeMap<String, FileVersion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileVersion {
    state: String,
    created: String,
    author: String,
    dek: Option<String>,
    value: Option<String>,
}

/// Parses a vault file. Structural damage is an integrity failure (exit 5); a newer
/// format is refused with a request to upgrade. Errors name a line, never its content.
pub fn parse(text: &str, source: &str) -> Result<Vault> {
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
    let file: FileVault = toml::from_str(text).map_err(|err| {
        let line = err.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let at = line.map(|n| format!(" at line {n}")).unwrap_or_default();
        Error::integrity(format!("The vault {source} is corrupt{at}: it is not the TOML tresor writes. Restore it from git or a backup."))
    })?;
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

fn convert(file: FileVault) -> std::result::Result<Vault, String> {
    if file.format != i64::from(FORMAT) {
        return Err(format!("it declares format {}, not {FORMAT}", file.format));
    }
    let mut principals = BTreeMap::new();
    for (name, principal) in file.principals {
        principals.insert(
            parse_name::<PrincipalName>(&name, "principal")?,
            Principal {
                recipient: principal.recipient,
                added: parse_time(&principal.added)?,
            },
        );
    }
    let mut keyrings = BTreeMap::new();
    for (name, keyring) in file.keyrings {
        let mut wrapped = BTreeMap::new();
        for (principal, blob) in keyring.wrapped {
            wrapped.insert(parse_name::<PrincipalName>(&principal, "principal")?, blob);
        }
        keyrings.insert(
            parse_name::<KeyringName>(&name, "keyring")?,
            Keyring {
                recipient: keyring.recipient,
                wrapped,
            },
        );
    }
    let mut integrity = IntegrityWraps::default();
    for (principal, blob) in file.integrity.principals {
        integrity
            .principals
            .insert(parse_name(&principal, "principal")?, blob);
    }
    for (keyring, blob) in file.integrity.keyrings {
        integrity
            .keyrings
            .insert(parse_name(&keyring, "keyring")?, blob);
    }
    let known: Vec<PrincipalName> = principals.keys().cloned().collect();
    let policy = crate::policy::document::parse(&file.policy, &known)
        .map_err(|err| format!("its policy is invalid ({})", err.message()))?;
    let mut grants = BTreeMap::new();
    for (id, grant) in file.grants {
        let valid_id = id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid_id {
            return Err("it holds an invalid grant id".to_string());
        }
        grants.insert(
            id,
            Grant {
                principal: parse_name(&grant.principal, "principal")?,
                on: crate::policy::glob::PathGlob::parse(&grant.on)
                    .map_err(|_| "a grant holds an invalid pattern".to_string())?,
                reason: grant.reason,
                ticket: grant.ticket,
                opened: parse_time(&grant.opened)?,
                expires: parse_time(&grant.expires)?,
                closed: grant.closed.as_deref().map(parse_time).transpose()?,
            },
        );
    }
    let mut departed = BTreeMap::new();
    for (key, when) in file.departed {
        let (principal, keyring) = key
            .split_once('/')
            .ok_or_else(|| "it holds an invalid departure".to_string())?;
        departed.insert(
            (
                parse_name(principal, "principal")?,
                parse_name(keyring, "keyring")?,
            ),
            parse_time(&when)?,
        );
    }
    let mut requests = BTreeMap::new();
    for (name, request) in file.requests {
        requests.insert(
            parse_name::<PrincipalName>(&name, "principal")?,
            super::model::Request {
                recipient: request.recipient,
                requested: parse_time(&request.requested)?,
            },
        );
    }
    let mut secrets = BTreeMap::new();
    for (name, secret) in file.secrets {
        let name = parse_name::<SecretName>(&name, "secret")?;
        let secret = convert_secret(secret).map_err(|why| format!("secret '{name}': {why}"))?;
        secrets.insert(name, secret);
    }
    Ok(Vault {
        id: file.id,
        audit: file.audit.as_deref().map(parse_ref).transpose()?,
        principals,
        keyrings,
        integrity,
        policy,
        grants,
        departed,
        requests,
        secrets,
        mac: file.mac,
    })
}

fn convert_secret(secret: FileSecret) -> std::result::Result<Secret, String> {
    let mut versions = BTreeMap::new();
    for (number, version) in secret.versions {
        let number: u32 = number
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("'{number}' is not a version number"))?;
        let state = VersionState::parse(&version.state)
            .ok_or_else(|| format!("version {number} has an unknown state"))?;
        let sealed = match (state, version.dek, version.value) {
            (VersionState::Destroyed, None, None) => None,
            (VersionState::Destroyed, _, _) => {
                return Err(format!("destroyed version {number} still holds ciphertext"));
            }
            (_, Some(dek), Some(value)) => Some(SealedValue { dek, value }),
            _ => return Err(format!("version {number} lacks its ciphertext")),
        };
        versions.insert(
            number,
            Version {
                state,
                created: parse_time(&version.created)?,
                author: parse_name(&version.author, "principal")?,
                sealed,
            },
        );
    }
    let mut aliases = BTreeMap::new();
    for (alias, number) in secret.aliases {
        // Checked without a key, so that `list` and `show` never report a version the file lacks.
        let number = u32::try_from(number)
            .ok()
            .filter(|n| versions.contains_key(n))
            .ok_or_else(|| format!("alias '{alias}' points at a version the file does not hold"))?;
        aliases.insert(parse_name::<AliasName>(&alias, "alias")?, number);
    }
    let rotate_every = match secret.rotate_every {
        Some(every) => {
            crate::time::parse_duration(&every)
                .map_err(|_| "its rotation period is not a duration".to_string())?;
            Some(every)
        }
        None => None,
    };
    Ok(Secret {
        keyring: parse_name(&secret.keyring, "keyring")?,
        metadata: Metadata {
            owner: secret.owner,
            description: secret.description,
            rotate_every,
            expires: secret.expires.as_deref().map(parse_time).transpose()?,
            tags: secret.tags,
        },
        created: parse_time(&secret.created)?,
        aliases,
        versions,
        audit: parse_ref(&secret.audit)?,
        mac: secret.mac,
    })
}

fn parse_name<T: FromStr>(text: &str, kind: &str) -> std::result::Result<T, String> {
    text.parse()
        .map_err(|_| format!("it holds an invalid {kind} name"))
}

fn parse_time(text: &str) -> std::result::Result<Timestamp, String> {
    Timestamp::parse(text).map_err(|_| "it holds an invalid time".to_string())
}

fn parse_ref(text: &str) -> std::result::Result<EventRef, String> {
    text.parse()
        .map_err(|_| "it holds an invalid audit reference".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
