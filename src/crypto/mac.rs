//! HMAC-SHA256 over a canonical, length-prefixed encoding, compared in constant time.

use super::keys::IntegrityKey;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Where an encoding's bytes go.
pub trait Sink {
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// A MAC being computed as the encoding is written, a block of bytes at a time: a
/// large vault's encoding is never held whole.
pub struct Keyed {
    mac: HmacSha256,
    pending: Vec<u8>,
}

impl Keyed {
    const BLOCK: usize = 16 * 1024;

    fn finish(mut self) -> HmacSha256 {
        self.mac.update(&self.pending);
        self.mac
    }
}

impl Sink for Keyed {
    fn put(&mut self, bytes: &[u8]) {
        if self.pending.len() + bytes.len() > Self::BLOCK {
            self.mac.update(&self.pending);
            self.pending.clear();
        }
        if bytes.len() > Self::BLOCK {
            self.mac.update(bytes);
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }
}

/// A canonical encoding: every field is its length (u64, big-endian) then its bytes,
/// so no two different field lists encode to the same bytes.
pub struct Canonical<S = Vec<u8>>(S);

impl Canonical {
    /// Starts an encoding with a domain label, so a MAC for one purpose never
    /// verifies for another.
    pub fn new(domain: &str) -> Self {
        let mut encoding = Canonical(Vec::with_capacity(256));
        encoding.field(domain.as_bytes());
        encoding
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The SHA-256 of the encoding, as lowercase hex: what format 2 signs and indexes.
    pub fn digest(&self) -> String {
        use sha2::Digest;
        hex::encode(Sha256::digest(&self.0))
    }
}

impl Canonical<Keyed> {
    /// `Canonical::new` whose bytes go straight into a MAC under `key`.
    pub fn keyed(key: &IntegrityKey, domain: &str) -> Self {
        let mut encoding = Canonical(Keyed {
            mac: hmac(key),
            pending: Vec::with_capacity(Keyed::BLOCK),
        });
        encoding.field(domain.as_bytes());
        encoding
    }

    /// The MAC, as lowercase hex.
    pub fn mac(self) -> String {
        hex::encode(self.0.finish().finalize().into_bytes())
    }

    /// True when `expected_hex` is the MAC; the comparison is constant-time.
    pub fn verify(self, expected_hex: &str) -> bool {
        let Ok(expected) = hex::decode(expected_hex) else {
            return false;
        };
        self.0.finish().verify_slice(&expected).is_ok()
    }
}

impl<S: Sink> Canonical<S> {
    pub fn field(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.put(&(bytes.len() as u64).to_be_bytes());
        self.0.put(bytes);
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
    fn a_keyed_encoding_is_the_mac_of_the_whole_encoding() {
        let key = IntegrityKey::generate();
        let mut whole = Canonical::new("d");
        let keyed = || Canonical::keyed(&key, "d");
        let mut streamed = keyed();
        // Fields around and above the block size.
        for length in [
            0,
            1,
            100,
            Keyed::BLOCK - 9,
            Keyed::BLOCK,
            3 * Keyed::BLOCK,
            5,
        ] {
            let field = vec![b'x'; length];
            whole.field(&field);
            streamed.field(&field);
        }
        let mac = compute(&key, &whole);
        assert!(verify(&key, &whole, &mac));
        assert_eq!(streamed.mac(), mac);
        let mut again = keyed();
        again.field(b"other");
        assert!(!again.verify(&mac));
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
