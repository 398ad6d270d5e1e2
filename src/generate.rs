//! Generated values: random characters from the operating system's CSPRNG.

use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use rand::Rng;
use rand::rngs::OsRng;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub const MAX_LENGTH: usize = 4096;

/// `length` characters drawn uniformly from letters and digits (~5.95 bits each).
pub fn alphanumeric(length: usize) -> Result<SecretBytes> {
    if !(8..=MAX_LENGTH).contains(&length) {
        return Err(Error::usage(format!(
            "A generated value must be 8 to {MAX_LENGTH} characters long, not {length}."
        )));
    }
    let mut rng = OsRng;
    let bytes = (0..length)
        .map(|_| ALNUM[rng.gen_range(0..ALNUM.len())])
        .collect();
    Ok(SecretBytes::new(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_alphabet() {
        let value = alphanumeric(64).unwrap();
        assert_eq!(value.len(), 64);
        assert!(value.expose().iter().all(|b| ALNUM.contains(b)));
        assert_ne!(
            alphanumeric(32).unwrap().expose(),
            alphanumeric(32).unwrap().expose()
        );
        assert!(alphanumeric(4).is_err());
    }
}
