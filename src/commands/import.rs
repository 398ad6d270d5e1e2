//! `import dotenv`: one secret per key of a `.env` file, for teams moving their
//! values into the vault. Each secret is created or rotated as `create` and
//! `rotate` do it, authorized and audited the same way.

use super::secret::{create_secret, new_metadata, rotate_secret};
use crate::audit::AuditEvent;
use crate::cli::ImportDotenvArgs;
use crate::context::Context;
use crate::deliver::dotenv::{self, Entry};
use crate::deliver::env_name::{self, Prefix};
use crate::error::{Error, Result};
use crate::session::Session;
use crate::vault::SecretName;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use zeroize::Zeroizing;

const MAX_DOTENV_BYTES: u64 = 16 * 1024 * 1024;

pub fn dotenv(ctx: &Context, args: &ImportDotenvArgs) -> Result<()> {
    let prefix = Prefix::new(&args.prefix)?;
    if prefix.as_str().is_empty() {
        return Err(Error::usage(
            "--prefix must name a path for the imported secrets (for example dev/app).",
        ));
    }
    let bytes = Zeroizing::new(if args.file == Path::new("-") {
        crate::fs::read_all_capped(
            std::io::stdin().lock(),
            MAX_DOTENV_BYTES,
            "the dotenv file on stdin",
        )?
    } else {
        crate::fs::read_capped(&args.file, MAX_DOTENV_BYTES, "the dotenv file")?
    });
    let (metadata, expires) = new_metadata(&args.metadata)?;
    let plan = plan(&prefix, dotenv::parse(&bytes)?, ctx)?;
    if plan.is_empty() {
        return Err(Error::usage(format!(
            "{} has no KEY=VALUE line with a value; there is nothing to import.",
            args.file.display()
        )));
    }

    let mut session = Session::open(ctx)?;
    let event = AuditEvent::new("import", None)
        .detail(format!(
            "dotenv {}: {} secret(s)",
            args.file.display(),
            plan.len()
        ))
        .reason(ctx.reason());
    // One write for the whole file: every key is authorized before anything is
    // committed, so a refused key leaves the vault as it was.
    let mut write = session.write(event)?;
    let mut existing = Vec::new();
    let mut rows = Vec::new();
    for (name, entry) in &plan {
        let (action, version) = if write.vault().secrets.contains_key(name) {
            if !args.rotate_existing {
                return Err(Error::other(format!(
                    "The secret '{name}' (from {} on line {}) already exists; pass --rotate-existing to add a version to it, or choose another --prefix.",
                    entry.key, entry.line
                )));
            }
            existing.push(name.clone());
            let (version, _) = rotate_secret(ctx, &mut write, name, &entry.value, false, expires)?;
            ("rotated", version)
        } else {
            let version = create_secret(
                ctx,
                &mut write,
                name,
                metadata.clone(),
                expires,
                &entry.value,
            )?;
            ("created", version)
        };
        rows.push(
            json!({"key": entry.key, "name": name.as_str(), "version": version, "action": action}),
        );
    }
    write.event().version = None;
    write.event().alias = None;
    write.commit()?;
    drop(session);
    let rotated = existing.len();
    ctx.output.done(
        &format!(
            "Imported {} secret(s) under '{}': {} created, {rotated} rotated.",
            rows.len(),
            prefix.as_str(),
            rows.len() - rotated
        ),
        &rows,
    )
}

/// The secret each key becomes; empty values are skipped (a `.env` often has
/// placeholders), two keys that become one name are refused.
fn plan(
    prefix: &Prefix,
    entries: Vec<Entry>,
    ctx: &Context,
) -> Result<BTreeMap<SecretName, Entry>> {
    let mut plan: BTreeMap<SecretName, Entry> = BTreeMap::new();
    for entry in entries {
        if entry.value.is_empty() {
            ctx.output.warn(&format!(
                "Skipped {} (line {}): its value is empty.",
                entry.key, entry.line
            ));
            continue;
        }
        let name = env_name::secret_for_key(prefix, &entry.key).map_err(|err| {
            Error::usage(format!(
                "The key {} on line {} does not make a secret name: {}",
                entry.key,
                entry.line,
                err.message()
            ))
        })?;
        if let Some(other) = plan.get(&name) {
            return Err(Error::usage(format!(
                "The keys {} (line {}) and {} (line {}) both become '{name}'; rename one.",
                other.key, other.line, entry.key, entry.line
            )));
        }
        plan.insert(name, entry);
    }
    Ok(plan)
}
