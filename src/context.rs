//! Everything a command needs, resolved once from flags and environment: the vault and
//! audit log paths, where the identity comes from, the output mode and the prompter.

use crate::cli::GlobalArgs;
use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use crate::fs::LockWait;
use crate::identity::Identity;
use crate::output::Output;
use crate::prompt::{self, Prompter};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The variables tresor takes its own credentials from: an identity (a path or the
/// key itself), the passphrase file of a protected one, and the age keys of SOPS files.
/// Passed on, they would let a child (and any log of its environment) read everything
/// its caller can; `run` withholds them unless the user passes one on by name.
pub const CREDENTIAL_VARIABLES: [&str; 5] = [
    "TRESOR_IDENTITY",
    "TRESOR_IDENTITY_KEY",
    "TRESOR_PASSPHRASE_FILE",
    "SOPS_AGE_KEY",
    "SOPS_AGE_KEY_FILE",
];

const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_IDENTITY_BYTES: u64 = 64 * 1024;

/// Where the identity comes from, in DESIGN.md's order.
enum IdentitySource {
    File(PathBuf),
    Key(SecretBytes),
    Default(PathBuf),
    Nowhere,
}

pub struct Context {
    vault: Option<PathBuf>,
    audit_log: Option<PathBuf>,
    identity: IdentitySource,
    passphrase_file: Option<PathBuf>,
    pub output: Output,
    /// `--reason`: why the caller acts, for the audit log and policies that require it.
    pub reason: Option<String>,
    /// The root every vault opened must have (`--expect-root`, `TRESOR_EXPECT_ROOT`).
    pub expect_root: Option<String>,
    /// How long to wait for the vault lock (`TRESOR_LOCK_TIMEOUT`), and whether to say so.
    pub lock_timeout: LockWait,
    pub prompter: Box<dyn Prompter>,
    /// Whether and where audit events also go to the system log.
    pub syslog: crate::audit::syslog::Forwarding,
}

impl Context {
    pub fn from_args(global: &GlobalArgs) -> Result<Context> {
        let identity = if let Some(path) = &global.identity {
            IdentitySource::File(path.clone())
        } else if let Some(key) = std::env::var_os("TRESOR_IDENTITY_KEY").filter(|k| !k.is_empty())
        {
            IdentitySource::Key(SecretBytes::new(key.into_encoded_bytes()))
        } else if let Some(path) = default_identity_path() {
            IdentitySource::Default(path)
        } else {
            IdentitySource::Nowhere
        };
        let lock_timeout = match std::env::var("TRESOR_LOCK_TIMEOUT") {
            Ok(text) if !text.trim().is_empty() => parse_lock_timeout(&text)?,
            Ok(_) | Err(_) => DEFAULT_LOCK_TIMEOUT,
        };
        let output = Output::new(global.json, global.quiet);
        Ok(Context {
            vault: global.vault.clone(),
            audit_log: global.audit_log.clone(),
            identity,
            passphrase_file: global.passphrase_file.clone(),
            output,
            reason: global.reason.clone().filter(|r| !r.trim().is_empty()),
            expect_root: global.expect_root.clone().filter(|r| !r.trim().is_empty()),
            lock_timeout: LockWait {
                timeout: lock_timeout,
                announce: !output.quiet && !output.json,
            },
            prompter: prompt::for_this_process(),
            syslog: crate::audit::syslog::Forwarding::from_env()?,
        })
    }

    /// The vault: `--vault`/`TRESOR_VAULT`, else the nearest `vault.toml` upward,
    /// else the user's default vault. It must exist: when it does not, the error says
    /// the exact `tresor init` that creates it.
    pub fn vault_path(&self) -> Result<PathBuf> {
        if let Some(path) = &self.vault {
            if !path.exists() {
                return Err(Error::other(format!(
                    "No vault at {}; create it with `tresor init --vault {}`, or check --vault (or TRESOR_VAULT).",
                    path.display(),
                    shell_word(path)
                )));
            }
            return Ok(path.clone());
        }
        let here = std::env::current_dir()
            .map_err(|err| Error::other(format!("The current folder cannot be read: {err}.")))?;
        if let Some(found) = here
            .ancestors()
            .map(|dir| dir.join("vault.toml"))
            .find(|path| path.is_file())
        {
            return Ok(found);
        }
        let default = directories::ProjectDirs::from("", "", "tresor")
            .map(|dirs| dirs.data_dir().join("vault.toml"))
            .ok_or_else(|| {
                Error::other(
                    "No vault given and no home folder to find a default one; pass --vault PATH.",
                )
            })?;
        if !default.exists() {
            return Err(Error::other(format!(
                "No vault here: no vault.toml in {} or its parents, and no default vault at {}. Create one in this folder with `tresor init`, or pass --vault PATH.",
                here.display(),
                default.display()
            )));
        }
        Ok(default)
    }

    /// Where `init` creates a vault: `--vault`/`TRESOR_VAULT`, else `vault.toml` here.
    pub fn new_vault_path(&self) -> PathBuf {
        self.vault
            .clone()
            .unwrap_or_else(|| PathBuf::from("vault.toml"))
    }

    /// tresor's own environment, for `tresor run` to start its child from once it has
    /// withheld `CREDENTIAL_VARIABLES`.
    pub fn environment(&self) -> Vec<(OsString, OsString)> {
        std::env::vars_os().collect()
    }

    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    pub fn audit_path(&self, vault: &Path) -> PathBuf {
        self.audit_log
            .clone()
            .unwrap_or_else(|| crate::audit::audit_log_beside(vault))
    }

    /// Where `identity new` writes when no `--out` is given.
    pub fn default_identity_path(&self) -> Result<PathBuf> {
        default_identity_path().ok_or_else(|| {
            Error::other("No home folder to keep a default identity in; pass --out FILE.")
        })
    }

    /// Whether an identity was given or a default one exists (whether it works is
    /// for `identity` to tell).
    pub fn has_identity(&self) -> bool {
        match &self.identity {
            IdentitySource::File(_) | IdentitySource::Key(_) => true,
            IdentitySource::Default(path) => path.exists(),
            IdentitySource::Nowhere => false,
        }
    }

    /// Loads the identity in use, asking for its passphrase if it is protected.
    pub fn identity(&self) -> Result<Identity> {
        let path = match &self.identity {
            IdentitySource::Key(key) => {
                let text = std::str::from_utf8(key.expose()).map_err(|_| {
                    Error::no_identity(
                        "TRESOR_IDENTITY_KEY is not an age secret key (AGE-SECRET-KEY-1…).",
                    )
                })?;
                return Identity::from_key_text(text, "TRESOR_IDENTITY_KEY");
            }
            IdentitySource::Nowhere => {
                return Err(Error::no_identity(
                    "No identity: pass --identity FILE, set TRESOR_IDENTITY or TRESOR_IDENTITY_KEY, or create one with `tresor identity new`.",
                ));
            }
            IdentitySource::File(path) | IdentitySource::Default(path) => path,
        };
        if !path.exists() {
            let hint = match self.identity {
                IdentitySource::Default(_) => {
                    "create one with `tresor identity new`, or pass --identity FILE".to_string()
                }
                _ => format!(
                    "check the path, or create it with `tresor identity new --out {}`",
                    shell_word(path)
                ),
            };
            return Err(Error::no_identity(format!(
                "No identity file at {}; {hint}.",
                path.display()
            )));
        }
        let bytes = crate::fs::read_capped(path, MAX_IDENTITY_BYTES, "the identity file")
            .map_err(|err| Error::no_identity(err.message().to_string()))?;
        let source = path.display().to_string();
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| Error::no_identity(format!("The identity file {source} is not text.")))?;
        if Identity::is_protected(text) {
            let passphrase = self.passphrase(&source)?;
            Identity::open_protected(text, &source, passphrase.expose())
        } else {
            Identity::parse_plain(text, &source)
        }
    }

    /// The passphrase of a protected identity: from `--passphrase-file` or
    /// `TRESOR_PASSPHRASE_FILE`, else asked on the terminal.
    fn passphrase(&self, source: &str) -> Result<SecretBytes> {
        if let Some(path) = &self.passphrase_file {
            return read_passphrase_file(path);
        }
        if !self.prompter.is_interactive() {
            return Err(Error::no_identity(format!(
                "The identity {source} is protected by a passphrase and no one can type it here; set TRESOR_PASSPHRASE_FILE or pass --passphrase-file."
            )));
        }
        self.prompter
            .hidden(&format!("Passphrase for {source}"), false)
    }

    /// Age identities given inline the way SOPS takes them: `SOPS_AGE_KEY`, one a line.
    pub fn sops_age_key(&self) -> Option<SecretBytes> {
        std::env::var_os("SOPS_AGE_KEY")
            .filter(|key| !key.is_empty())
            .map(|key| SecretBytes::new(key.into_encoded_bytes()))
    }

    /// Where SOPS looks for age identities when `SOPS_AGE_KEY_FILE` is not set.
    pub fn sops_default_age_key_file(&self) -> Option<PathBuf> {
        directories::BaseDirs::new().map(|dirs| dirs.config_dir().join("sops/age/keys.txt"))
    }

    /// A new passphrase, for `identity new --passphrase`.
    pub fn new_passphrase(&self) -> Result<SecretBytes> {
        let passphrase = match &self.passphrase_file {
            Some(path) => read_passphrase_file(path)?,
            None if self.prompter.is_interactive() => {
                self.prompter.hidden("New passphrase", true)?
            }
            None => {
                return Err(Error::usage(
                    "A new passphrase is needed and no one can type it here; pass --passphrase-file FILE (or set TRESOR_PASSPHRASE_FILE).",
                ));
            }
        };
        if passphrase.is_empty() {
            return Err(Error::usage(
                "The passphrase is empty; choose one, or leave out --passphrase.",
            ));
        }
        Ok(passphrase)
    }
}

fn read_passphrase_file(path: &Path) -> Result<SecretBytes> {
    let mut bytes = crate::fs::read_capped(path, 4096, "the passphrase file")?;
    // A passphrase file written by `echo` ends in a newline that is not part of it.
    while matches!(bytes.last(), Some(b'\n' | b'\r')) {
        bytes.pop();
    }
    Ok(SecretBytes::new(bytes))
}

fn default_identity_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "tresor")
        .map(|dirs| dirs.config_dir().join("identity.txt"))
}

/// `TRESOR_LOCK_TIMEOUT`: a number of seconds (`10`, `0.5`) or a duration (`500ms`, `2s`, `1m`).
fn parse_lock_timeout(text: &str) -> Result<Duration> {
    let trimmed = text.trim();
    let parsed = match trimmed.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => {
            Duration::try_from_secs_f64(seconds).ok()
        }
        Ok(_) => None,
        Err(_) => humantime::parse_duration(trimmed).ok(),
    };
    parsed.ok_or_else(|| {
        let shown: String = text.chars().take(40).collect();
        Error::usage(format!(
            "TRESOR_LOCK_TIMEOUT '{shown}' is neither a number of seconds (10) nor a duration (500ms, 2s, 1m)."
        ))
    })
}

/// A path as one shell word, quoted only when it has to be, for commands the user
/// is told to run.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@,".contains(c));
    if plain {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_timeouts_are_seconds_or_durations() {
        let ms = |n| Duration::from_millis(n);
        for (text, wanted) in [
            ("10", ms(10_000)),
            ("0.5", ms(500)),
            (" 2 ", ms(2000)),
            ("0", ms(0)),
            ("500ms", ms(500)),
            ("2s", ms(2000)),
            ("1m", ms(60_000)),
            ("1m30s", ms(90_000)),
        ] {
            assert_eq!(parse_lock_timeout(text).unwrap(), wanted, "{text}");
        }
        for text in ["", "soon", "-1", "1e300", "inf", "NaN", "10x"] {
            let err = parse_lock_timeout(text).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{text}");
            assert!(err.message().contains("TRESOR_LOCK_TIMEOUT"), "{text}");
        }
    }
}
