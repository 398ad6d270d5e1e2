//! Signed lines (format 2): the actor signs the line's bytes as written without its
//! `sig` member, which is always the last, so anyone can check a line with its public
//! key alone (strip `,"sig":"…"` and verify).

use crate::crypto::sign::{Domain, Signature, SigningKey};

const OPEN: &[u8] = b",\"sig\":\"";
const CLOSE: &[u8] = b"\"}";
/// Base64 of a 64-byte Ed25519 signature.
const SIGNATURE_CHARS: usize = 88;

/// `unsigned` (one JSON object) with the signature of its bytes as its last member.
pub fn sign_line(unsigned: &str, key: &SigningKey) -> String {
    let signature = key.sign(Domain::Event, unsigned.as_bytes());
    let body = unsigned.strip_suffix('}').unwrap_or(unsigned);
    format!("{body},\"sig\":\"{signature}\"}}")
}

/// The bytes a signed line's signature covers, and the signature; `None` when the line
/// does not end with a signature.
pub fn signed_part(line: &[u8]) -> Option<(Vec<u8>, Signature)> {
    let tail = OPEN.len() + SIGNATURE_CHARS + CLOSE.len();
    let start = line.len().checked_sub(tail)?;
    let (body, suffix) = line.split_at(start);
    if !suffix.starts_with(OPEN) || !suffix.ends_with(CLOSE) {
        return None;
    }
    let encoded = std::str::from_utf8(&suffix[OPEN.len()..OPEN.len() + SIGNATURE_CHARS]).ok()?;
    let signature = encoded.parse().ok()?;
    let mut signed = body.to_vec();
    signed.push(b'}');
    Some((signed, signature))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::SecretBytes;

    #[test]
    fn a_signed_line_splits_back_into_what_was_signed() {
        let key = SigningKey::derive_from_age_secret(&SecretBytes::new(b"k".to_vec()));
        let unsigned = r#"{"seq":1,"event":"rotate"}"#;
        let line = sign_line(unsigned, &key);
        assert!(line.starts_with(r#"{"seq":1,"event":"rotate","sig":""#));
        let (signed, signature) = signed_part(line.as_bytes()).unwrap();
        assert_eq!(signed, unsigned.as_bytes());
        assert!(key.public().verify(Domain::Event, &signed, &signature));
        assert!(signed_part(unsigned.as_bytes()).is_none());
        let forged = line.replace("rotate", "destroy");
        let (signed, signature) = signed_part(forged.as_bytes()).unwrap();
        assert!(!key.public().verify(Domain::Event, &signed, &signature));
    }
}
