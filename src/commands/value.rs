//! Where a new value comes from: a file, `--generate`, stdin, or a hidden prompt.
//! Never the command line, which every process on the machine can read.

use crate::cli::{Charset, ValueSource};
use crate::context::Context;
use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use crate::generate::Alphabet;
use crate::vault::SecretName;
use std::io::IsTerminal;

/// The largest value tresor stores (certificate bundles fit; databases do not).
pub const MAX_VALUE_BYTES: u64 = 1024 * 1024;

pub fn read_new_value(
    ctx: &Context,
    source: &ValueSource,
    name: &SecretName,
) -> Result<SecretBytes> {
    let value = if let Some(path) = &source.from_file {
        SecretBytes::new(crate::fs::read_capped(
            path,
            MAX_VALUE_BYTES,
            "the value file",
        )?)
    } else if let Some(length) = source.generate {
        crate::generate::generate(length, alphabet(source.charset))?
    } else if std::io::stdin().is_terminal() {
        if !ctx.prompter.is_interactive() {
            return Err(Error::usage(format!(
                "No value for '{name}': pipe it on stdin, or pass --from-file FILE or --generate."
            )));
        }
        ctx.prompter.hidden(&format!("Value for {name}"), true)?
    } else {
        let stdin = std::io::stdin().lock();
        SecretBytes::new(crate::fs::read_all_capped(
            stdin,
            MAX_VALUE_BYTES,
            "the value on stdin",
        )?)
    };
    if value.is_empty() {
        return Err(Error::usage(format!(
            "The value for '{name}' is empty; give it on stdin, with --from-file, or use --generate."
        )));
    }
    Ok(value)
}

fn alphabet(charset: Option<Charset>) -> Alphabet {
    match charset {
        None => Alphabet::default(),
        Some(Charset::Alnum) => Alphabet::Alnum,
        Some(Charset::Hex) => Alphabet::Hex,
        Some(Charset::Base64) => Alphabet::Base64,
        Some(Charset::Symbols) => Alphabet::Symbols,
    }
}
