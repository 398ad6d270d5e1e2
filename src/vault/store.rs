//! Loading and saving the vault file. Callers hold the vault lock across a
//! load-modify-save, so no update is lost.

use super::format;
use super::model::Vault;
use crate::error::{Error, Result};
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// The largest vault tresor reads: far above 10,000 secrets, far below exhausting memory.
const MAX_VAULT_BYTES: u64 = 512 * 1024 * 1024;

/// The buffer a streamed read passes the vault through.
const STREAM_BUFFER: usize = 64 * 1024;

pub fn load(path: &Path) -> Result<Vault> {
    format::parse(&read_text(path)?, &path.display().to_string())
}

/// Loads only the secrets named in full (the others keep just their MACs): what a read
/// needs, without work proportional to the whole vault's content. Never saved.
pub fn load_only(path: &Path, names: &[&str]) -> Result<Vault> {
    let source = path.display().to_string();
    // Streamed: most of a large vault is skipped, and never held in memory.
    if let Ok(file) = File::open(path)
        && let Some(vault) = parse_streamed(&file, &source, names)?
    {
        return Ok(vault);
    }
    format::parse_only(&read_text(path)?, &source, names)
}

/// Loads the vault for a change to the secrets in `names` only: the others stay
/// unloaded, and `save_from` copies their tables unchanged from the file returned,
/// still open (a write then costs no parsing or rendering of them). A vault that is
/// not canonical is loaded whole, with no file.
pub fn load_to_change(path: &Path, names: &[&str]) -> Result<(Vault, Option<File>)> {
    if let Ok(file) = File::open(path) {
        let source = path.display().to_string();
        if let Some(vault) = parse_streamed(&file, &source, names)? {
            return Ok((vault, Some(file)));
        }
    }
    Ok((load(path)?, None))
}

/// Vaults at least this large are read in two halves, on two threads.
const SPLIT_FROM: u64 = 2 * 1024 * 1024;

/// `format::parse_only_stream` of the open vault `file`, in two halves at once when it
/// is large (a read then waits for half the scanning).
fn parse_streamed(file: &File, source: &str, names: &[&str]) -> Result<Option<Vault>> {
    let length = file.metadata().map(|m| m.len()).unwrap_or(0);
    if (SPLIT_FROM..=MAX_VAULT_BYTES).contains(&length)
        && let Some(split) = split_point(file, length)
    {
        let first = ReadAt { file, offset: 0 }.take(split);
        let second = ReadAt {
            file,
            offset: split,
        };
        if let Some(vault) =
            format::parse_only_halves(first, second, split, STREAM_BUFFER, source, names)?
        {
            return Ok(Some(vault));
        }
    }
    let whole = ReadAt { file, offset: 0 };
    format::parse_only_stream(whole, STREAM_BUFFER, MAX_VAULT_BYTES, source, names)
}

/// Where, near the middle of the vault, a secret's header starts.
fn split_point(file: &File, length: u64) -> Option<u64> {
    let middle = length / 2;
    let mut window = vec![0; 64 * 1024];
    let read = file.read_at(&mut window, middle).ok()?;
    let at = super::canonical::secret_boundary(&window[..read])?;
    Some(middle + at as u64)
}

/// Reads `file` from `offset` on without moving its shared position, so two readers
/// can read it at once.
struct ReadAt<'a> {
    file: &'a File,
    offset: u64,
}

impl Read for ReadAt<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let read = self.file.read_at(out, self.offset)?;
        self.offset += read as u64;
        Ok(read)
    }
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = match crate::fs::read_capped(path, MAX_VAULT_BYTES, "the vault") {
        Ok(bytes) => bytes,
        Err(_) if !path.exists() => {
            return Err(Error::other(format!(
                "No vault at {}; create it with `tresor init --vault {}`, or point --vault (or TRESOR_VAULT) at an existing vault.toml.",
                path.display(),
                path.display()
            )));
        }
        Err(err) => return Err(err),
    };
    String::from_utf8(bytes).map_err(|_| {
        Error::integrity(format!(
            "The vault {} is not UTF-8 text: the file is corrupt.",
            path.display()
        ))
    })
}

pub fn save(path: &Path, vault: &Vault) -> Result<()> {
    save_from(path, vault, None)
}

/// `save` of a vault from `load_to_change`, given the file it returned.
pub fn save_from(path: &Path, vault: &Vault, source: Option<&File>) -> Result<()> {
    let text = match source {
        _ if vault.unloaded.is_empty() => format::render(vault),
        Some(source) => format::render_spliced(vault, source)?,
        None => {
            return Err(Error::other(
                "A partly loaded vault cannot be saved; this is a bug in tresor.",
            ));
        }
    };
    crate::fs::write_atomic(path, text.as_bytes(), "the vault")
}
