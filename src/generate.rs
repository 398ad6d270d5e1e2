//! Generated values: random characters from the operating system's CSPRNG, each
//! drawn uniformly from an alphabet (`gen_range` rejects rather than reducing modulo
//! the alphabet's size, so no character is more likely than another).

use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use rand::Rng;
use rand::rngs::OsRng;

pub const MAX_LENGTH: usize = 4096;
pub const DEFAULT_LENGTH: usize = 32;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789abcdef";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// Letters, digits and punctuation, without quotes, backslash, backtick and space,
// so a value can be pasted into a shell, a URL userinfo or a config file unquoted
// more often than not.
const SYMBOLS: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,-./:;<=>?@[]^_{|}~";

/// Which characters a generated value is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Alphabet {
    /// Letters and digits, ~5.95 bits per character.
    #[default]
    Alnum,
    /// Lowercase hexadecimal, 4 bits per character.
    Hex,
    /// The base64 alphabet (A–Z, a–z, 0–9, `+`, `/`), 6 bits per character.
    Base64,
    /// Letters, digits and punctuation, ~6.5 bits per character.
    Symbols,
}

impl Alphabet {
    pub fn characters(self) -> &'static [u8] {
        match self {
            Alphabet::Alnum => ALNUM,
            Alphabet::Hex => HEX,
            Alphabet::Base64 => BASE64,
            Alphabet::Symbols => SYMBOLS,
        }
    }
}

/// `length` characters drawn uniformly and independently from `alphabet`.
pub fn generate(length: usize, alphabet: Alphabet) -> Result<SecretBytes> {
    if !(8..=MAX_LENGTH).contains(&length) {
        return Err(Error::usage(format!(
            "A generated value must be 8 to {MAX_LENGTH} characters long, not {length}."
        )));
    }
    let characters = alphabet.characters();
    let mut rng = OsRng;
    let bytes = (0..length)
        .map(|_| characters[rng.gen_range(0..characters.len())])
        .collect();
    Ok(SecretBytes::new(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Alphabet; 4] = [
        Alphabet::Alnum,
        Alphabet::Hex,
        Alphabet::Base64,
        Alphabet::Symbols,
    ];

    #[test]
    fn length_and_alphabet() {
        for alphabet in ALL {
            let value = generate(64, alphabet).unwrap();
            assert_eq!(value.len(), 64);
            assert!(
                value
                    .expose()
                    .iter()
                    .all(|b| alphabet.characters().contains(b))
            );
            assert_ne!(
                generate(32, alphabet).unwrap().expose(),
                generate(32, alphabet).unwrap().expose()
            );
        }
        assert!(generate(4, Alphabet::Alnum).is_err());
        assert!(generate(MAX_LENGTH + 1, Alphabet::Alnum).is_err());
    }

    #[test]
    fn alphabets_have_no_repeats() {
        for alphabet in ALL {
            let mut sorted = alphabet.characters().to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), alphabet.characters().len(), "{alphabet:?}");
        }
    }

    #[test]
    fn every_character_is_drawn_about_equally() {
        // 16 hex digits over 64,000 draws: each near 4,000; a biased draw (or a
        // character never drawn) lands far outside this band.
        let value = generate(MAX_LENGTH, Alphabet::Hex).unwrap();
        let mut draws = value.expose().to_vec();
        for _ in 0..15 {
            draws.extend_from_slice(generate(MAX_LENGTH, Alphabet::Hex).unwrap().expose());
        }
        for c in HEX {
            let count = draws.iter().filter(|b| *b == c).count();
            assert!(
                (3500..=4700).contains(&count),
                "{} drawn {count} times",
                *c as char
            );
        }
    }
}
