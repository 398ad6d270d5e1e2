//! Identities: an age X25519 secret key, in a plain age identity file (as `age-keygen`
//! writes it) or sealed under a passphrase in tresor's protected format.

use crate::crypto::SecretBytes;
use crate::crypto::passphrase::{self, KdfParams, PassphraseError, Sealed};
use crate::crypto::wrap;
use crate::error::{Error, Result};
use age::secrecy::ExposeSecret;
use age::x25519;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

const PROTECTED_FORMAT: &str = "tresor-protected-identity/v1";

/// A secret key and its public recipient. No `Debug` that could show the key.
pub struct Identity {
    key: x25519::Identity,
    recipient: Recipient,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Identity({})", self.recipient)
    }
}

impl Identity {
    pub fn generate() -> Self {
        Self::from_key(x25519::Identity::generate())
    }

    fn from_key(key: x25519::Identity) -> Self {
        let recipient = Recipient(key.to_public());
        Identity { key, recipient }
    }

    pub fn recipient(&self) -> &Recipient {
        &self.recipient
    }

    pub fn age_identity(&self) -> &x25519::Identity {
        &self.key
    }

    /// The principal's signing key, derived from the age secret key (format 2).
    pub fn signing_key(&self) -> crate::crypto::sign::SigningKey {
        crate::crypto::sign::SigningKey::derive_from_age_secret(&self.secret_key())
    }

    /// The `AGE-SECRET-KEY-1…` line.
    pub fn secret_key(&self) -> SecretBytes {
        SecretBytes::new(self.key.to_string().expose_secret().as_bytes().to_vec())
    }

    /// Parses one `AGE-SECRET-KEY-1…` string.
    pub fn from_secret_key(text: &str) -> Result<Self> {
        Self::from_key_text(text, "The identity key")
    }

    /// Whether `text` is tresor's passphrase-protected format.
    pub fn is_protected(text: &str) -> bool {
        text.lines()
            .any(|line| line.trim() == format!("format = \"{PROTECTED_FORMAT}\""))
    }

    /// Parses a plain age identity file: comments and blank lines are skipped; the
    /// first `AGE-SECRET-KEY-1` line is the key. Errors name a line number, never a line.
    pub fn parse_plain(text: &str, source: &str) -> Result<Self> {
        Self::from_key_text(text, &format!("The identity file {source}"))
    }

    /// Parses a key given as text (`TRESOR_IDENTITY_KEY`): the bare `AGE-SECRET-KEY-1…`
    /// line, or a whole identity file pasted as it is, whose comment and blank lines
    /// (`# created:`, `# public key:`) are skipped. `what` names the text in errors,
    /// which give a line number, never a line.
    pub fn from_key_text(text: &str, what: &str) -> Result<Self> {
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            return x25519::Identity::from_str(line).map(Self::from_key).map_err(|_| {
                Error::no_identity(format!(
                    "{what} has no age X25519 secret key on line {}; tresor needs a key as `age-keygen` or `tresor identity new` writes it (AGE-SECRET-KEY-1…).",
                    index + 1
                ))
            });
        }
        Err(Error::no_identity(format!(
            "{what} holds no key (AGE-SECRET-KEY-1…)."
        )))
    }

    /// The identity file, as `age-keygen` writes it.
    pub fn to_plain_file(&self) -> SecretBytes {
        let created = crate::time::now_rfc3339();
        let text = format!(
            "# created: {created}\n# public key: {}\n{}\n",
            self.recipient,
            self.key.to_string().expose_secret()
        );
        SecretBytes::new(text.into_bytes())
    }

    /// The identity sealed under `passphrase`.
    pub fn to_protected_file(&self, passphrase: &[u8], params: KdfParams) -> Result<String> {
        let aad = protected_aad(&self.recipient.to_string(), params);
        let sealed = passphrase::seal(passphrase, &aad, self.secret_key().expose(), params)
            .map_err(|_| Error::other("The passphrase parameters are not acceptable."))?;
        let file = ProtectedFile {
            format: PROTECTED_FORMAT.to_string(),
            recipient: self.recipient.to_string(),
            kdf: "argon2id".to_string(),
            memory_kib: params.memory_kib,
            iterations: params.iterations,
            parallelism: params.parallelism,
            salt: wrap::encode(&sealed.salt),
            sealed: wrap::encode(&sealed.sealed),
        };
        let body = toml::to_string(&file)
            .map_err(|err| Error::other(format!("Encoding the identity failed: {err}.")))?;
        Ok(format!(
            "# tresor identity, sealed under a passphrase (Argon2id, XChaCha20-Poly1305)\n# public key: {}\n{body}",
            self.recipient
        ))
    }

    /// The recipient written in a protected file, without the passphrase.
    pub fn protected_recipient(text: &str, source: &str) -> Result<Recipient> {
        let file = parse_protected(text, source)?;
        file.recipient.parse()
    }

    /// Opens a protected identity file with `passphrase`.
    pub fn open_protected(text: &str, source: &str, passphrase: &[u8]) -> Result<Self> {
        Self::try_open_protected(text, source, passphrase)?.ok_or_else(|| {
            Error::no_identity(format!(
                "The passphrase for {source} is wrong (or the file was altered)."
            ))
        })
    }

    /// Like `open_protected`, but a wrong passphrase is `None`, so it can be asked again.
    pub fn try_open_protected(text: &str, source: &str, passphrase: &[u8]) -> Result<Option<Self>> {
        let file = parse_protected(text, source)?;
        let corrupt =
            || Error::no_identity(format!("The protected identity file {source} is corrupt."));
        let params = KdfParams {
            memory_kib: file.memory_kib,
            iterations: file.iterations,
            parallelism: file.parallelism,
        };
        let salt: [u8; 16] = wrap::decode(&file.salt)
            .and_then(|s| s.try_into().ok())
            .ok_or_else(corrupt)?;
        let sealed = Sealed {
            params,
            salt,
            sealed: wrap::decode(&file.sealed).ok_or_else(corrupt)?,
        };
        let secret = match passphrase::open(
            passphrase,
            &protected_aad(&file.recipient, params),
            &sealed,
        ) {
            Ok(secret) => secret,
            Err(PassphraseError::WrongPassphrase) => return Ok(None),
            Err(PassphraseError::BadParameters) => {
                return Err(Error::no_identity(format!(
                    "The protected identity file {source} asks for Argon2 parameters tresor does not accept."
                )));
            }
        };
        let text = std::str::from_utf8(secret.expose()).map_err(|_| corrupt())?;
        let identity = Self::from_secret_key(text).map_err(|_| corrupt())?;
        if identity.recipient.to_string() != file.recipient {
            return Err(corrupt());
        }
        Ok(Some(identity))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProtectedFile {
    format: String,
    recipient: String,
    kdf: String,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    salt: String,
    sealed: String,
}

fn parse_protected(text: &str, source: &str) -> Result<ProtectedFile> {
    let file: ProtectedFile = toml::from_str(text).map_err(|_| {
        Error::no_identity(format!("The protected identity file {source} is corrupt."))
    })?;
    if file.format != PROTECTED_FORMAT || file.kdf != "argon2id" {
        return Err(Error::no_identity(format!(
            "The identity file {source} is in a format this tresor does not know; upgrade tresor."
        )));
    }
    Ok(file)
}

fn protected_aad(recipient: &str, params: KdfParams) -> Vec<u8> {
    let mut aad = crate::crypto::mac::Canonical::new(PROTECTED_FORMAT);
    aad.text(recipient)
        .number(params.memory_kib.into())
        .number(params.iterations.into())
        .number(params.parallelism.into());
    aad.as_bytes().to_vec()
}

/// An age X25519 public key, `age1…`.
#[derive(Clone, PartialEq, Eq)]
pub struct Recipient(x25519::Recipient);

impl Recipient {
    pub fn age_recipient(&self) -> &x25519::Recipient {
        &self.0
    }
}

impl FromStr for Recipient {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let text = text.trim();
        if text.to_ascii_uppercase().contains("SECRET-KEY") {
            // Never echo it: a secret key was given where a public one belongs.
            return Err(Error::usage(
                "That holds an age secret key, not a recipient; give its public key (age1…), which `age-keygen -y` prints.",
            ));
        }
        x25519::Recipient::from_str(text).map(Recipient).map_err(|_| {
            // Echo only what looks like a mistyped public key; anything else may be a secret.
            let public_looking = text.starts_with("age1") && text.len() <= 90 && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            if public_looking {
                Error::usage(format!("'{text}' is not an age X25519 recipient; check it for a typo (age1…, 62 characters)."))
            } else {
                Error::usage("The recipient given is not an age X25519 recipient (a public key, age1…, 62 characters).")
            }
        })
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Debug for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams {
        memory_kib: 8 * 1024,
        iterations: 1,
        parallelism: 1,
    };

    #[test]
    fn plain_file_round_trip() {
        let identity = Identity::generate();
        let file = identity.to_plain_file();
        let text = std::str::from_utf8(file.expose()).unwrap();
        let parsed = Identity::parse_plain(text, "f").unwrap();
        assert_eq!(parsed.recipient(), identity.recipient());
    }

    #[test]
    fn a_pasted_key_file_is_a_key_text() {
        let identity = Identity::generate();
        let file = identity.to_plain_file();
        let text = std::str::from_utf8(file.expose()).unwrap();
        let pasted = format!("\r\n{}\n\n", text.replace('\n', "\r\n"));
        let parsed = Identity::from_key_text(&pasted, "KEY").unwrap();
        assert_eq!(parsed.recipient(), identity.recipient());
        let key = String::from_utf8(identity.secret_key().expose().to_vec()).unwrap();
        let broken = format!("# created: now\nnot a key\n{key}\n");
        let err = Identity::from_key_text(&broken, "KEY").unwrap_err();
        assert_eq!(err.exit_code(), 7);
        assert!(err.message().contains("line 2") && !err.message().contains("not a key"));
        let err = Identity::from_key_text("# only a comment\n\n", "KEY").unwrap_err();
        assert!(err.message().contains("holds no key"));
    }

    #[test]
    fn protected_file_round_trip_and_wrong_passphrase() {
        let identity = Identity::generate();
        let text = identity.to_protected_file(b"pass", FAST).unwrap();
        assert!(Identity::is_protected(&text));
        assert_eq!(
            &Identity::protected_recipient(&text, "f").unwrap(),
            identity.recipient()
        );
        let opened = Identity::open_protected(&text, "f", b"pass").unwrap();
        assert_eq!(opened.recipient(), identity.recipient());
        let err = Identity::open_protected(&text, "f", b"nope").unwrap_err();
        assert_eq!(err.exit_code(), 7);
    }

    #[test]
    fn a_secret_key_given_as_recipient_is_not_echoed() {
        let identity = Identity::generate();
        let secret = String::from_utf8(identity.secret_key().expose().to_vec()).unwrap();
        let err = secret.parse::<Recipient>().unwrap_err();
        assert!(!err.message().contains(&secret[15..]));
    }
}
