//! SOPS's value cipher: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]`, AES-256-GCM under
//! the data key, a 32-byte IV, and the value's path (`db:password:`) as additional
//! data, so a ciphertext moved to another key does not open.

use super::tree::Scalar;
use super::yaml::go_parse_float;
use crate::crypto::SecretBytes;
use aes_gcm::aead::consts::{U12, U32};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::aes::Aes256;
use aes_gcm::{AesGcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use zeroize::Zeroizing;

/// The GCM tag length; the IV is 32 bytes as SOPS writes it (12 accepted too).
const TAG_BYTES: usize = 16;

/// The parts of an `ENC[…]` string.
pub struct Encrypted {
    data: Vec<u8>,
    iv: Vec<u8>,
    tag: Vec<u8>,
    pub kind: String,
}

/// Why a value did not decrypt; the caller names the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CipherError {
    /// The tag did not verify: wrong key, wrong path, or altered bytes.
    DoesNotOpen,
    /// It opened, but its text is not what its type says, or the type is unknown.
    NotItsType(String),
}

/// What a decrypted value is: the bytes of a string (`str`, `bytes`), kept in a
/// zeroizing buffer, or a number or boolean typed as SOPS types it.
pub enum Plain {
    Text(SecretBytes),
    Scalar(Scalar),
}

impl Plain {
    /// The bytes the MAC covers (Go's `sops.ToBytes`).
    pub fn mac_bytes(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Plain::Text(bytes) => Zeroizing::new(bytes.expose().to_vec()),
            Plain::Scalar(scalar) => Zeroizing::new(scalar.mac_bytes()),
        }
    }

    /// The value as `sops --decrypt` shows it.
    pub fn value_bytes(&self) -> SecretBytes {
        match self {
            Plain::Text(bytes) => bytes.clone(),
            Plain::Scalar(scalar) => SecretBytes::new(scalar.value_bytes()),
        }
    }
}

impl Encrypted {
    /// Parses `ENC[AES256_GCM,data:<b64>,iv:<b64>,tag:<b64>,type:<t>]`; `None` if the
    /// string is not one.
    pub fn parse(text: &str) -> Option<Encrypted> {
        let inner = text.strip_prefix("ENC[AES256_GCM,")?.strip_suffix(']')?;
        let mut parts = inner.splitn(4, ',');
        let mut field = |name: &str| parts.next()?.strip_prefix(name);
        let data = BASE64.decode(field("data:")?).ok()?;
        let iv = BASE64.decode(field("iv:")?).ok()?;
        let tag = BASE64.decode(field("tag:")?).ok()?;
        let kind = field("type:")?.to_string();
        if tag.len() != TAG_BYTES || !matches!(iv.len(), 12 | 32) {
            return None;
        }
        Some(Encrypted {
            data,
            iv,
            tag,
            kind,
        })
    }

    /// Opens the value under `key` with `aad`.
    pub fn open(&self, key: &[u8; 32], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, CipherError> {
        let mut sealed = Vec::with_capacity(self.data.len() + TAG_BYTES);
        sealed.extend_from_slice(&self.data);
        sealed.extend_from_slice(&self.tag);
        let payload = Payload { msg: &sealed, aad };
        let opened = match self.iv.len() {
            32 => AesGcm::<Aes256, U32>::new(key.into())
                .decrypt(Nonce::<U32>::from_slice(&self.iv), payload),
            _ => AesGcm::<Aes256, U12>::new(key.into())
                .decrypt(Nonce::<U12>::from_slice(&self.iv), payload),
        };
        opened
            .map(Zeroizing::new)
            .map_err(|_| CipherError::DoesNotOpen)
    }

    /// Opens and types the value as SOPS's `aes.Cipher.Decrypt` does.
    pub fn decrypt(&self, key: &[u8; 32], aad: &[u8]) -> Result<Plain, CipherError> {
        let opened = self.open(key, aad)?;
        let kind: String = self.kind.chars().take(20).collect();
        let malformed = || CipherError::NotItsType(kind.clone());
        if matches!(self.kind.as_str(), "str" | "bytes") {
            // Go strings are bytes: a `str` need not be UTF-8.
            return Ok(Plain::Text(SecretBytes::from(opened)));
        }
        let text = std::str::from_utf8(&opened).map_err(|_| malformed())?;
        let scalar = match self.kind.as_str() {
            "int" | "int64" => Scalar::Int(text.parse().map_err(|_| malformed())?),
            "float" => Scalar::Float(go_parse_float(text).ok_or_else(malformed)?),
            "bool" => Scalar::Bool(go_parse_bool(text).ok_or_else(malformed)?),
            _ => return Err(malformed()),
        };
        Ok(Plain::Scalar(scalar))
    }
}

/// Go's `strconv.ParseBool`.
fn go_parse_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use aes_gcm::aead::AeadCore;

    /// Encrypts as SOPS's `aes.Cipher.Encrypt` does (for tests only).
    pub fn seal(key: &[u8; 32], aad: &str, plaintext: &[u8], kind: &str) -> String {
        let cipher = AesGcm::<Aes256, U32>::new(key.into());
        let iv = AesGcm::<Aes256, U32>::generate_nonce(&mut rand::rngs::OsRng);
        let sealed = cipher
            .encrypt(
                &iv,
                Payload {
                    msg: plaintext,
                    aad: aad.as_bytes(),
                },
            )
            .unwrap();
        let (data, tag) = sealed.split_at(sealed.len() - TAG_BYTES);
        format!(
            "ENC[AES256_GCM,data:{},iv:{},tag:{},type:{kind}]",
            BASE64.encode(data),
            BASE64.encode(iv),
            BASE64.encode(tag)
        )
    }

    #[test]
    fn a_value_opens_under_its_path() {
        let key = [7u8; 32];
        let value = seal(&key, "db:password:", b"s3cret", "str");
        let encrypted = Encrypted::parse(&value).unwrap();
        assert_eq!(encrypted.kind, "str");
        let Plain::Text(text) = encrypted.decrypt(&key, b"db:password:").unwrap() else {
            panic!("not a string")
        };
        assert_eq!(text.expose(), b"s3cret");
    }

    #[test]
    fn the_path_and_every_byte_are_bound() {
        let key = [9u8; 32];
        let value = seal(&key, "a:", b"1.50", "float");
        let encrypted = Encrypted::parse(&value).unwrap();
        assert!(encrypted.decrypt(&key, b"b:").is_err());
        assert!(encrypted.decrypt(&[8u8; 32], b"a:").is_err());
        let Plain::Scalar(scalar) = encrypted.decrypt(&key, b"a:").unwrap() else {
            panic!("not a scalar")
        };
        assert_eq!(scalar.mac_bytes(), b"1.5");
        let mut flipped = Encrypted::parse(&value).unwrap();
        flipped.data[0] ^= 1;
        assert_eq!(
            flipped.decrypt(&key, b"a:").err(),
            Some(CipherError::DoesNotOpen)
        );
    }

    #[test]
    fn types_follow_sops() {
        let key = [1u8; 32];
        let open = |plain: &[u8], kind: &str| {
            Encrypted::parse(&seal(&key, "k:", plain, kind))
                .unwrap()
                .decrypt(&key, b"k:")
                .map(|plain| {
                    (
                        plain.mac_bytes().to_vec(),
                        plain.value_bytes().expose().to_vec(),
                    )
                })
        };
        assert_eq!(
            open(b"True", "bool").unwrap(),
            (b"True".to_vec(), b"true".to_vec())
        );
        assert_eq!(open(b"007", "int").unwrap().0, b"7");
        assert_eq!(open(b"\xff\x00", "bytes").unwrap().1, b"\xff\x00");
        assert!(open(b"maybe", "bool").is_err());
        assert!(open(b"x", "mystery").is_err());
    }

    #[test]
    fn malformed_strings_are_not_values() {
        for text in [
            "plain",
            "ENC[AES256_GCM,data:!!,iv:AAAA,tag:AAAA,type:str]",
            "ENC[AES256_GCM,data:,iv:,tag:,type:str]",
            "ENC[CHACHA,data:,iv:,tag:,type:str]",
        ] {
            assert!(Encrypted::parse(text).is_none(), "{text}");
        }
    }
}
