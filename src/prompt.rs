//! Asking a person: hidden input and confirmations on a terminal; a clear refusal
//! everywhere else (scripts, CI), so tresor never hangs waiting for input.

use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use std::io::IsTerminal;

pub trait Prompter {
    /// Whether a person can answer.
    fn is_interactive(&self) -> bool;
    /// Hidden input, asked twice when `confirm` is set.
    fn hidden(&self, prompt: &str, confirm: bool) -> Result<SecretBytes>;
    /// A yes/no question; no is the default.
    fn confirm(&self, question: &str) -> Result<bool>;
}

/// Prompts on the terminal with dialoguer.
pub struct Terminal;

impl Prompter for Terminal {
    fn is_interactive(&self) -> bool {
        true
    }

    fn hidden(&self, prompt: &str, confirm: bool) -> Result<SecretBytes> {
        let mut input = dialoguer::Password::new()
            .with_prompt(prompt)
            .allow_empty_password(false);
        if confirm {
            input = input.with_confirmation("Repeat it", "The two entries differ; try again.");
        }
        input
            .interact()
            .map(|text| SecretBytes::new(text.into_bytes()))
            .map_err(|err| Error::other(format!("Reading from the terminal failed: {err}.")))
    }

    fn confirm(&self, question: &str) -> Result<bool> {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(|err| Error::other(format!("Reading from the terminal failed: {err}.")))
    }
}

/// Refuses to ask: stdin is not a terminal, or `CI` is set.
pub struct NonInteractive;

impl Prompter for NonInteractive {
    fn is_interactive(&self) -> bool {
        false
    }

    fn hidden(&self, prompt: &str, _confirm: bool) -> Result<SecretBytes> {
        Err(Error::usage(format!(
            "tresor would ask for {} but no one can answer here (no terminal, or CI is set).",
            prompt.trim_end_matches(':').to_lowercase()
        )))
    }

    fn confirm(&self, question: &str) -> Result<bool> {
        Err(Error::usage(format!(
            "tresor would ask \"{question}\" but no one can answer here; pass --yes to confirm."
        )))
    }
}

/// The prompter for this process: the terminal when a person is there and `CI` is unset.
pub fn for_this_process() -> Box<dyn Prompter> {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    if !ci && std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        Box::new(Terminal)
    } else {
        Box::new(NonInteractive)
    }
}
