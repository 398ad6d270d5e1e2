//! Reading SOPS-encrypted files (YAML, JSON, dotenv) whose data key is wrapped to an
//! age recipient: the file formats (`yaml`, `json`, `dotenv`) into one ordered tree
//! (`tree`), the `sops` metadata (`metadata`), the data key (`keys`), the value cipher
//! (`cipher`), and decryption with the MAC check (`decrypt`). Nothing here prints,
//! reads the environment or touches the vault.

mod cipher;
mod decrypt;
mod dotenv;
mod error;
mod json;
mod keys;
mod metadata;
mod tree;
mod yaml;

pub use decrypt::{Leaf, Step};
pub use error::SopsError;
pub use keys::parse_identities;

use age::x25519;
use error::{Result, malformed};
use metadata::Metadata;
use std::path::Path;
use tree::Document;

/// The deepest nesting read; deeper files are refused rather than walked.
const MAX_DEPTH: usize = 64;
/// The most values (counting expanded aliases) a file may hold.
const MAX_NODES: usize = 200_000;

/// How the file is written, as SOPS's `--input-type` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
    Dotenv,
}

impl Format {
    /// The format SOPS would pick from the file's name: `.yaml`/`.yml`, `.json`,
    /// `.env` (also as in `secrets.enc.yaml`, `prod.env`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let extension = name.rsplit('.').next()?;
        match extension {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            "env" => Some(Format::Dotenv),
            _ if name == ".env" => Some(Format::Dotenv),
            _ => None,
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        match text {
            "yaml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            "dotenv" => Some(Format::Dotenv),
            _ => None,
        }
    }
}

/// A SOPS file read but not decrypted: its tree and its metadata.
pub struct SopsFile {
    document: Document,
    metadata: Metadata,
}

impl SopsFile {
    pub fn parse(bytes: &[u8], format: Format) -> Result<SopsFile> {
        let text = std::str::from_utf8(bytes).map_err(|_| malformed("it is not UTF-8 text"))?;
        let document = match format {
            Format::Yaml => yaml::parse(text)?,
            Format::Json => json::parse(text)?,
            Format::Dotenv => dotenv::parse(text)?,
        };
        let metadata = Metadata::parse(&document.metadata)?;
        Ok(SopsFile { document, metadata })
    }

    /// How many documents the file holds (YAML may hold several).
    pub fn documents(&self) -> usize {
        self.document.branches.len()
    }

    /// Opens the data key with any of `identities`, decrypts every leaf and checks
    /// the MAC; returns the leaves in file order only if all of it holds.
    pub fn decrypt(&self, identities: &[x25519::Identity]) -> Result<Vec<Leaf>> {
        let key = keys::data_key(&self.metadata, identities)?;
        decrypt::decrypt(&self.document, &self.metadata, &key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_file_names() {
        let of = |name: &str| Format::from_path(Path::new(name));
        assert_eq!(of("secrets.enc.yaml"), Some(Format::Yaml));
        assert_eq!(of("a/b.YML"), Some(Format::Yaml));
        assert_eq!(of("x.json"), Some(Format::Json));
        assert_eq!(of("prod.env"), Some(Format::Dotenv));
        assert_eq!(of(".env"), Some(Format::Dotenv));
        assert_eq!(of("secrets.ini"), None);
        assert_eq!(Format::parse("dotenv"), Some(Format::Dotenv));
    }
}
