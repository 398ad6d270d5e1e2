//! Loading and saving the vault file. A command loads the head and only the secrets it
//! names (`Scope`); a write copies every section it did not change from the file it
//! loaded, through the kernel, and renders only what changed. Callers hold the vault
//! lock across a load-modify-save, so no update is lost.

use super::format::{self, Parsed};
use super::model::Vault;
use super::name::SecretName;
use super::sections::{Layout, Malformed};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

/// The largest vault tresor reads whole: far above 100,000 secrets, far below
/// exhausting memory.
const MAX_VAULT_BYTES: u64 = 512 * 1024 * 1024;

/// Which secrets a command loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Part {
        /// These secrets (a name the vault lacks is simply not loaded).
        names: BTreeSet<SecretName>,
        /// And every secret whose name starts with one of these.
        prefixes: BTreeSet<String>,
    },
}

impl Scope {
    /// No secret at all: the head only.
    pub fn none() -> Scope {
        Scope::Part {
            names: BTreeSet::new(),
            prefixes: BTreeSet::new(),
        }
    }

    pub fn one(name: &SecretName) -> Scope {
        Scope::names([name.clone()])
    }

    pub fn names(names: impl IntoIterator<Item = SecretName>) -> Scope {
        Scope::none().with_names(names)
    }

    pub fn prefix(prefix: &str) -> Scope {
        Scope::none().with_prefix(prefix)
    }

    pub fn with_names(mut self, more: impl IntoIterator<Item = SecretName>) -> Scope {
        if let Scope::Part { names, .. } = &mut self {
            names.extend(more);
        }
        self
    }

    pub fn with_prefix(mut self, prefix: &str) -> Scope {
        if let Scope::Part { prefixes, .. } = &mut self {
            prefixes.insert(prefix.to_string());
        }
        self
    }

    /// Whether the secret `name` is within the scope, loaded or not.
    pub fn covers(&self, name: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Part { names, prefixes } => {
                names.iter().any(|n| n.as_str() == name)
                    || prefixes.iter().any(|p| name.starts_with(p.as_str()))
            }
        }
    }
}

/// The file a vault was loaded from, held open: where each loaded secret's section
/// is, so a write copies the rest.
pub struct Source {
    layout: Layout,
    pub scope: Scope,
    sections: BTreeMap<SecretName, Range<u64>>,
}

/// Loads a format-2 vault's head and the secrets of `scope`; a format-1 vault is
/// refused with the command that upgrades it.
pub fn load(path: &Path, scope: Scope) -> Result<(Vault, Source)> {
    let source = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => missing(path),
        _ => Error::io("Reading the vault", path, &err),
    })?;
    if !file.metadata().is_ok_and(|meta| meta.is_file()) {
        return Err(Error::integrity(format!(
            "The vault {source} is not a regular file; restore it from git or a backup."
        )));
    }
    let layout = Layout::new(file).map_err(|err| Error::io("Reading the vault", path, &err))?;
    let head = layout
        .head()
        .map_err(|err| Error::io("Reading the vault", path, &err))?;
    let mut vault = match format::parse(&utf8(head, &source)?, &source)? {
        Parsed::Current(vault) => *vault,
        Parsed::Legacy(_) => {
            // Read whole, so a damaged format-1 file is reported as damaged.
            load_any(path)?;
            return Err(Error::other(format!(
                "The vault {source} is in format 1, whose records are not signed; an admin upgrades it with `tresor upgrade`."
            )));
        }
    };
    let located = locate(&layout, &scope).map_err(|err| malformed(err, path))?;
    let mut sections = BTreeMap::new();
    for (name, range) in located {
        let bytes = layout
            .bytes(&range)
            .map_err(|err| Error::io("Reading the vault", path, &err))?;
        let (parsed_name, secret) = format::parse_section(&utf8(bytes, &source)?, &source)?;
        if parsed_name.as_str() != name {
            return Err(malformed(Malformed::Header(range.start), path));
        }
        if vault.secrets.insert(parsed_name.clone(), secret).is_some() {
            return Err(malformed(Malformed::OutOfOrder(name), path));
        }
        sections.insert(parsed_name, range);
    }
    Ok((
        vault,
        Source {
            layout,
            scope,
            sections,
        },
    ))
}

fn locate(layout: &Layout, scope: &Scope) -> Result<Vec<(String, Range<u64>)>, Malformed> {
    let Scope::Part { names, prefixes } = scope else {
        return layout.all();
    };
    let mut found = BTreeMap::new();
    for prefix in prefixes {
        found.extend(layout.with_prefix(prefix)?);
    }
    for name in names {
        if !found.contains_key(name.as_str())
            && let Some(range) = layout.find(name.as_str())?
        {
            found.insert(name.to_string(), range);
        }
    }
    Ok(found.into_iter().collect())
}

/// Reads and parses the whole vault at `path`, of either format (to upgrade, merge or
/// show it whole).
pub fn load_any(path: &Path) -> Result<Parsed> {
    format::parse(&read_text(path)?, &path.display().to_string())
}

/// Replaces the vault at `path` with `vault`, loaded from `source`: the head rendered,
/// each secret in `changed` rendered (or left out, when the vault no longer holds it),
/// every other section copied from the file as it was.
pub fn save(
    path: &Path,
    vault: &Vault,
    source: &Source,
    changed: &BTreeSet<SecretName>,
) -> Result<()> {
    // Each change replaces a range of the old file's secrets: a loaded section, or the
    // empty range where a new secret goes. Sorted by name, hence by place.
    let mut edits = Vec::with_capacity(changed.len());
    for name in changed {
        let range = match source.sections.get(name) {
            Some(range) => range.clone(),
            None => {
                let at = source
                    .layout
                    .insertion_point(name.as_str())
                    .map_err(|err| malformed(err, path))?;
                at..at
            }
        };
        edits.push((range, vault.secrets.get(name).map(|secret| (name, secret))));
    }
    let layout = &source.layout;
    crate::fs::write_atomic_with(path, "the vault", |out| {
        use std::io::Write;
        out.write_all(format::render_head(vault).as_bytes())?;
        let mut copied_to = layout.secrets_start;
        for (range, secret) in &edits {
            crate::sorted_file::copy_range(layout.file.file(), copied_to, range.start, out)?;
            if range.start == layout.len && !layout.ends_a_line && copied_to < layout.len {
                out.write_all(b"\n")?;
            }
            if let Some((name, secret)) = secret {
                out.write_all(format::render_section(name, secret).as_bytes())?;
            }
            copied_to = range.end;
        }
        crate::sorted_file::copy_range(layout.file.file(), copied_to, layout.len, out)
    })
}

impl Source {
    /// Reads the layout of the file at `path` again after a save, so a later write in
    /// the same command copies from the file as it now is: where each secret of
    /// `vault` (what this command holds) now lies.
    pub fn refresh(&mut self, path: &Path, vault: &Vault) -> Result<()> {
        let file =
            std::fs::File::open(path).map_err(|err| Error::io("Reading the vault", path, &err))?;
        let layout = Layout::new(file).map_err(|err| Error::io("Reading the vault", path, &err))?;
        let mut sections = BTreeMap::new();
        for name in vault.secrets.keys() {
            let range = layout
                .find(name.as_str())
                .map_err(|err| malformed(err, path))?
                .ok_or_else(|| {
                    Error::other(format!(
                        "The secret '{name}' just written is not in the vault {}; another program changed it.",
                        path.display()
                    ))
                })?;
            sections.insert(name.clone(), range);
        }
        self.layout = layout;
        self.sections = sections;
        Ok(())
    }
}

/// Writes `vault` whole (a new format, a merge), replacing the file at `path`.
pub fn save_whole(path: &Path, vault: &Vault) -> Result<()> {
    crate::fs::write_atomic(path, format::render(vault).as_bytes(), "the vault")
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = match crate::fs::read_capped(path, MAX_VAULT_BYTES, "the vault") {
        Ok(bytes) => bytes,
        Err(_) if !path.exists() => return Err(missing(path)),
        Err(err) => return Err(err),
    };
    utf8(bytes, &path.display().to_string())
}

fn utf8(bytes: Vec<u8>, source: &str) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| {
        Error::integrity(format!(
            "The vault {source} is not UTF-8 text: the file is corrupt."
        ))
    })
}

fn missing(path: &Path) -> Error {
    Error::other(format!(
        "No vault at {}; create it with `tresor init --vault {}`, or point --vault (or TRESOR_VAULT) at an existing vault.toml.",
        path.display(),
        path.display()
    ))
}

fn malformed(err: Malformed, path: &Path) -> Error {
    let source = path.display();
    match err {
        Malformed::Io(err) => Error::io("Reading the vault", path, &err),
        Malformed::Header(at) => Error::integrity(format!(
            "The vault {source} is corrupt at byte {at}: a secret's table is not as tresor writes it. Restore it from git or a backup."
        )),
        Malformed::OutOfOrder(name) => Error::integrity(format!(
            "The vault {source} is corrupt: the secret '{name}' is out of order or repeated, which tresor never writes. Restore it from git or a backup."
        )),
    }
}
