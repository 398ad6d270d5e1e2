//! The data key: a 32-byte AES key, wrapped in an armored age file to each of the
//! file's age recipients. Also the age identities SOPS users keep (`SOPS_AGE_KEY_FILE`,
//! `SOPS_AGE_KEY`): one `AGE-SECRET-KEY-1…` a line, `#` comments.

use super::error::{Result, SopsError, altered, unsupported};
use super::metadata::Metadata;
use crate::crypto::DataKey;
use age::armor::ArmoredReader;
use age::x25519;
use std::io::Read;
use std::str::FromStr;
use zeroize::Zeroizing;

/// Reads age identities from a key file's text; errors name a line, never show it.
pub fn parse_identities(text: &str) -> Result<Vec<x25519::Identity>, String> {
    let mut identities = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("AGE-PLUGIN-") {
            return Err(format!(
                "line {} is an age plugin identity, which tresor does not use",
                index + 1
            ));
        }
        let identity = x25519::Identity::from_str(line).map_err(|_| {
            format!(
                "line {} is not an age secret key (AGE-SECRET-KEY-1…)",
                index + 1
            )
        })?;
        identities.push(identity);
    }
    Ok(identities)
}

/// Unwraps the data key with the first stanza any of `identities` opens.
pub fn data_key(metadata: &Metadata, identities: &[x25519::Identity]) -> Result<DataKey> {
    if metadata.age.is_empty() {
        return Err(if metadata.other_keys.is_empty() {
            SopsError::Malformed("its `sops` metadata names no key".into())
        } else {
            SopsError::NoKey(format!(
                "its data key is wrapped only to {} keys, and tresor opens only age keys",
                metadata.other_keys.join(", ")
            ))
        });
    }
    let mut corrupt = None;
    for stanza in &metadata.age {
        match unwrap(&stanza.enc, identities) {
            Ok(key) => return Ok(key),
            Err(Unwrap::NotForUs) => {}
            Err(Unwrap::Scrypt) => {
                return Err(unsupported(
                    "its data key is wrapped to an age passphrase, not a recipient",
                ));
            }
            Err(Unwrap::Corrupt) => {
                corrupt.get_or_insert_with(|| stanza.recipient.clone());
            }
        }
    }
    if let Some(recipient) = corrupt {
        return Err(altered(format!(
            "the data key wrapped to {} does not decrypt",
            shown(&recipient)
        )));
    }
    let recipients: Vec<String> = metadata.age.iter().map(|s| shown(&s.recipient)).collect();
    let mut why = format!("it is encrypted to {}", recipients.join(", "));
    if !metadata.other_keys.is_empty() {
        why.push_str(&format!(
            " (and to {} keys, which tresor does not open)",
            metadata.other_keys.join(", ")
        ));
    }
    Err(SopsError::NoKey(why))
}

enum Unwrap {
    NotForUs,
    Scrypt,
    Corrupt,
}

fn unwrap(armored: &str, identities: &[x25519::Identity]) -> Result<DataKey, Unwrap> {
    let decryptor = age::Decryptor::new(ArmoredReader::new(armored.trim().as_bytes()))
        .map_err(|_| Unwrap::Corrupt)?;
    if decryptor.is_scrypt() {
        return Err(Unwrap::Scrypt);
    }
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
        .map_err(|err| match err {
            age::DecryptError::NoMatchingKeys => Unwrap::NotForUs,
            _ => Unwrap::Corrupt,
        })?;
    let mut key = Zeroizing::new(Vec::new());
    reader
        .by_ref()
        .take(64)
        .read_to_end(&mut key)
        .map_err(|_| Unwrap::Corrupt)?;
    DataKey::from_slice(&key).ok_or(Unwrap::Corrupt)
}

/// A recipient as it may be shown: an `age1…` string, else a short placeholder.
fn shown(recipient: &str) -> String {
    let valid = recipient.len() <= 100
        && recipient.starts_with("age1")
        && recipient.chars().all(|c| c.is_ascii_alphanumeric());
    if valid {
        recipient.to_string()
    } else {
        "an unnamed recipient".to_string()
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::sops::metadata::{AgeStanza, Rule};
    use age::secrecy::ExposeSecret;
    use std::io::Write;

    pub fn armored(recipient: &x25519::Recipient, key: &[u8]) -> String {
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
                .unwrap();
        let mut out = Vec::new();
        let armor =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .unwrap();
        let mut writer = encryptor.wrap_output(armor).unwrap();
        writer.write_all(key).unwrap();
        writer.finish().unwrap().finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn metadata(stanzas: Vec<AgeStanza>) -> Metadata {
        Metadata {
            age: stanzas,
            other_keys: Vec::new(),
            last_modified: "2024-01-01T00:00:00Z".into(),
            mac: None,
            rule: Rule::UnencryptedSuffix("_unencrypted".into()),
            mac_only_encrypted: false,
        }
    }

    #[test]
    fn the_data_key_opens_with_a_held_identity_only() {
        let alice = x25519::Identity::generate();
        let bob = x25519::Identity::generate();
        let meta = metadata(vec![AgeStanza {
            recipient: alice.to_public().to_string(),
            enc: armored(&alice.to_public(), &[5u8; 32]),
        }]);
        let key = data_key(&meta, &[bob.clone(), alice.clone()]).unwrap();
        assert_eq!(key.as_bytes(), &[5u8; 32]);
        let err = data_key(&meta, std::slice::from_ref(&bob)).err().unwrap();
        assert!(
            matches!(err, SopsError::NoKey(ref why) if why.contains("age1")),
            "{err:?}"
        );
    }

    #[test]
    fn a_broken_wrapping_is_an_alteration() {
        let alice = x25519::Identity::generate();
        let enc = armored(&alice.to_public(), &[5u8; 32]);
        let broken = enc.replacen("YWdl", "YWdm", 1);
        let meta = metadata(vec![AgeStanza {
            recipient: alice.to_public().to_string(),
            enc: broken,
        }]);
        assert!(matches!(
            data_key(&meta, std::slice::from_ref(&alice)),
            Err(SopsError::Altered(_))
        ));
        let short = metadata(vec![AgeStanza {
            recipient: alice.to_public().to_string(),
            enc: armored(&alice.to_public(), &[5u8; 16]),
        }]);
        assert!(matches!(
            data_key(&short, &[alice]),
            Err(SopsError::Altered(_))
        ));
    }

    #[test]
    fn key_files_are_read_line_by_line() {
        let key = x25519::Identity::generate();
        let text = format!(
            "# created: now\n# public key: {}\n\n{}\n",
            key.to_public(),
            key.to_string().expose_secret()
        );
        assert_eq!(parse_identities(&text).unwrap().len(), 1);
        let err = parse_identities("# c\nAGE-SECRET-KEY-1NOTAKEY\n")
            .err()
            .unwrap();
        assert!(err.contains("line 2") && !err.contains("NOTAKEY"), "{err}");
        assert!(parse_identities("AGE-PLUGIN-YUBIKEY-1ABC\n").is_err());
    }
}
