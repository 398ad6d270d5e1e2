//! A database password: generated from the operating system's CSPRNG, zeroized when
//! dropped, and deliberately without `Debug` or `Display`, so no log line, error or
//! `{:?}` of a struct holding one can print it (such a struct cannot derive `Debug`).

use crate::crypto::SecretBytes;
use crate::error::Result;
use crate::generate::{self, Alphabet};

/// Letters and digits: safe unquoted in a URI's userinfo, a shell and a config file.
const LENGTH: usize = 32;

pub struct Password(SecretBytes);

impl Password {
    /// 32 letters and digits, about 190 bits.
    pub fn generate() -> Result<Password> {
        generate::generate(LENGTH, Alphabet::Alnum).map(Password)
    }

    /// The password itself, for the one place that sends or stores it.
    pub fn expose(&self) -> &[u8] {
        self.0.expose()
    }

    /// The SCRAM-SHA-256 verifier PostgreSQL stores for this password, with a fresh
    /// random salt: what `CREATE ROLE … PASSWORD` is given, so the password itself
    /// never reaches the server, its logs or `pg_stat_activity`.
    pub fn scram_verifier(&self) -> String {
        postgres_protocol::password::scram_sha_256(self.expose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_long_alphanumeric_and_distinct() {
        let one = Password::generate().unwrap();
        let two = Password::generate().unwrap();
        assert_eq!(one.expose().len(), LENGTH);
        assert!(one.expose().iter().all(u8::is_ascii_alphanumeric));
        assert_ne!(one.expose(), two.expose());
    }

    #[test]
    fn the_verifier_hides_the_password_and_needs_no_quoting() {
        let password = Password::generate().unwrap();
        let verifier = password.scram_verifier();
        let plain = std::str::from_utf8(password.expose()).unwrap();
        assert!(verifier.starts_with("SCRAM-SHA-256$4096:"), "{verifier}");
        assert!(!verifier.contains(plain));
        assert!(
            verifier
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=$:-".contains(&b))
        );
        // A fresh salt each time: two verifiers of one password differ.
        assert_ne!(verifier, password.scram_verifier());
    }
}
