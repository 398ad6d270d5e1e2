//! `import sops`: one secret per value of a SOPS-encrypted file, all created in one
//! vault write, and only after the file's MAC has been checked.

use super::secret::new_metadata;
use super::value::MAX_VALUE_BYTES;
use crate::audit::AuditEvent;
use crate::cli::{ImportSopsArgs, SopsFormat};
use crate::context::Context;
use crate::deliver::env_name::segment_for_key;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::session::{Session, Write};
use crate::sops::{Format, Leaf, SopsFile, Step, parse_identities};
use crate::time::Timestamp;
use crate::vault::{AliasName, Metadata, SecretName};
use age::x25519;
use serde_json::json;
use std::collections::HashMap;

/// The largest SOPS file read (values are capped at `MAX_VALUE_BYTES` each).
const MAX_SOPS_FILE_BYTES: u64 = 16 * 1024 * 1024;
const MAX_KEY_FILE_BYTES: u64 = 1024 * 1024;

/// The file's values by the names they become, and the places of those skipped.
struct Plan<'a> {
    named: Vec<(SecretName, &'a Leaf)>,
    skipped: Vec<String>,
}

/// A value of the file and the secret it becomes.
struct Planned<'a> {
    name: SecretName,
    leaf: &'a Leaf,
    exists: bool,
}

pub fn import(ctx: &Context, args: &ImportSopsArgs) -> Result<()> {
    let shown = args.file.display().to_string();
    let format = format(args, &shown)?;
    let prefix = prefix(args.prefix.as_deref())?;
    let (metadata, expires) = new_metadata(&args.metadata)?;
    let bytes = crate::fs::read_capped(&args.file, MAX_SOPS_FILE_BYTES, "the SOPS file")?;
    let file = SopsFile::parse(&bytes, format).map_err(|err| err.into_error(&shown))?;
    let mut identities = sops_identities(ctx, args)?;
    let mut session = Session::open(ctx)?;
    identities.push(session.identity().age_identity().clone());
    let leaves = file
        .decrypt(&identities)
        .map_err(|err| err.into_error(&shown))?;
    drop(identities);

    let Plan { named, skipped } = plan(&leaves, file.documents(), prefix.as_deref())?;
    if named.is_empty() {
        return Err(Error::other(format!(
            "{shown} holds no value to import (empty and null values are not stored)."
        )));
    }
    let planned: Vec<Planned> = named
        .into_iter()
        .map(|(name, leaf)| Planned {
            exists: session.vault().secrets.contains_key(&name),
            name,
            leaf,
        })
        .collect();
    refuse_existing(&planned, args.rotate_existing)?;
    let created = planned.iter().filter(|item| !item.exists).count();
    let rotated = planned.len() - created;
    let source = args
        .file
        .file_name()
        .map_or_else(|| shown.clone(), |name| name.to_string_lossy().into_owned());
    let event = AuditEvent::new("import", None)
        .detail(format!(
            "{} from the SOPS file {source} ({created} created, {rotated} rotated)",
            count(planned.len())
        ))
        .reason(ctx.reason());
    // One write: every secret is authorized before anything is committed.
    let mut write = session.write(event)?;
    let mut versions = Vec::new();
    for item in &planned {
        versions.push(add_version(ctx, &mut write, item, &metadata, expires)?);
    }
    write.commit()?;
    drop(session);

    for path in &skipped {
        ctx.output
            .note(&format!("Skipped {path}: an empty value is not stored."));
    }
    report(ctx, &shown, &planned, &versions, &skipped)
}

fn format(args: &ImportSopsArgs, shown: &str) -> Result<Format> {
    if let Some(format) = args.input_type {
        return Ok(match format {
            SopsFormat::Yaml => Format::Yaml,
            SopsFormat::Json => Format::Json,
            SopsFormat::Dotenv => Format::Dotenv,
        });
    }
    Format::from_path(&args.file).ok_or_else(|| {
        Error::usage(format!(
            "The format of {shown} is not clear from its name; pass --input-type yaml, json or dotenv."
        ))
    })
}

/// `--prefix`: a secret path the names go under (a trailing `/` is allowed).
fn prefix(prefix: Option<&str>) -> Result<Option<String>> {
    let Some(prefix) = prefix.map(|p| p.trim_end_matches('/')) else {
        return Ok(None);
    };
    let name: SecretName = prefix.parse()?;
    Ok(Some(name.as_str().to_string()))
}

/// The age identities SOPS users keep: `--age-key-file`/`SOPS_AGE_KEY_FILE` (else
/// SOPS's default key file, if there is one) and `SOPS_AGE_KEY`.
fn sops_identities(ctx: &Context, args: &ImportSopsArgs) -> Result<Vec<x25519::Identity>> {
    let mut identities = Vec::new();
    let file = match &args.age_key_file {
        Some(path) => Some(path.clone()),
        None => ctx
            .sops_default_age_key_file()
            .filter(|path| path.is_file()),
    };
    if let Some(path) = file {
        let bytes = zeroize::Zeroizing::new(
            crate::fs::read_capped(&path, MAX_KEY_FILE_BYTES, "the age key file")
                .map_err(|err| Error::no_identity(err.message().to_string()))?,
        );
        identities.extend(identities_in(&bytes, &path.display().to_string())?);
    }
    if let Some(inline) = ctx.sops_age_key() {
        identities.extend(identities_in(inline.expose(), "SOPS_AGE_KEY")?);
    }
    Ok(identities)
}

fn identities_in(bytes: &[u8], source: &str) -> Result<Vec<x25519::Identity>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::no_identity(format!("The age key file {source} is not text.")))?;
    parse_identities(text).map_err(|why| {
        Error::no_identity(format!("The age keys in {source} cannot be read: {why}."))
    })
}

/// Names each value; empty values are skipped (returned by place for a note).
fn plan<'a>(leaves: &'a [Leaf], documents: usize, prefix: Option<&str>) -> Result<Plan<'a>> {
    let mut named = Vec::new();
    let mut skipped = Vec::new();
    let mut seen: HashMap<SecretName, String> = HashMap::new();
    for leaf in leaves {
        let place = leaf.place(documents);
        if leaf.value.is_empty() {
            skipped.push(place);
            continue;
        }
        let mut segments: Vec<String> = prefix.map(str::to_string).into_iter().collect();
        if documents > 1 {
            segments.push(leaf.document.to_string());
        }
        segments.extend(leaf.path.iter().map(|step| match step {
            Step::Key(key) => segment_for_key(key),
            Step::Index(index) => index.to_string(),
        }));
        let name: SecretName = segments.join("/").parse().map_err(|err: Error| {
            Error::other(format!(
                "The value at {place} cannot become a secret: {} Choose a shorter --prefix, or shorten the keys.",
                err.message()
            ))
        })?;
        if leaf.value.len() as u64 > MAX_VALUE_BYTES {
            return Err(Error::other(format!(
                "The value at {place} is larger than {MAX_VALUE_BYTES} bytes, the most tresor stores."
            )));
        }
        if let Some(first) = seen.insert(name.clone(), place.clone()) {
            return Err(Error::other(format!(
                "The values at {first} and {place} would both become the secret '{name}' (keys are lowercased, '_' becomes '-', and a character a name cannot hold becomes '-'); rename one of the keys."
            )));
        }
        named.push((name, leaf));
    }
    Ok(Plan { named, skipped })
}

fn refuse_existing(planned: &[Planned], rotate_existing: bool) -> Result<()> {
    if rotate_existing {
        return Ok(());
    }
    let existing: Vec<&SecretName> = planned
        .iter()
        .filter(|item| item.exists)
        .map(|item| &item.name)
        .collect();
    let Some(first) = existing.first() else {
        return Ok(());
    };
    let more = match existing.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    Err(Error::other(format!(
        "The secret '{first}' already exists{more}; nothing was imported. Pass --rotate-existing to add a version to each, or choose another --prefix."
    )))
}

/// Seals the value as the next version of its secret (a new one, or an existing one
/// with `--rotate-existing`) and makes it current.
fn add_version(
    ctx: &Context,
    write: &mut Write<'_>,
    item: &Planned,
    metadata: &Metadata,
    expires: Option<Timestamp>,
) -> Result<u32> {
    if item.exists {
        write.secret(&item.name, Action::Rotate, ctx.reason())?;
    } else {
        write.create(&item.name, metadata.clone(), ctx.reason())?;
    }
    write.add_version(
        &item.name,
        item.leaf.value.expose(),
        &AliasName::current(),
        expires,
    )
}

fn report(
    ctx: &Context,
    shown: &str,
    planned: &[Planned],
    versions: &[u32],
    skipped: &[String],
) -> Result<()> {
    let mut lines = Vec::new();
    let mut secrets = Vec::new();
    for (item, version) in planned.iter().zip(versions) {
        let verb = if item.exists { "rotated" } else { "created" };
        lines.push(format!("  {verb} {} v{version}", item.name));
        secrets.push(json!({"name": item.name.as_str(), "version": version, "action": verb}));
    }
    let sentence = format!(
        "Imported {} from {shown}:\n{}",
        count(planned.len()),
        lines.join("\n")
    );
    ctx.output.done(
        &sentence,
        &json!({"file": shown, "secrets": secrets, "skipped": skipped}),
    )
}

fn count(secrets: usize) -> String {
    match secrets {
        1 => "1 secret".to_string(),
        n => format!("{n} secrets"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_secret_names() {
        assert_eq!(
            prefix(Some("prod/app/")).unwrap().as_deref(),
            Some("prod/app")
        );
        assert_eq!(prefix(None).unwrap(), None);
        assert!(prefix(Some("../x")).is_err());
        assert!(prefix(Some("a b")).is_err());
    }
}
