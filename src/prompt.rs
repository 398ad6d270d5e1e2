//! Asking a person: hidden input and confirmations on the controlling terminal
//! (`/dev/tty`, as age, gpg and ssh ask), even when stdin is a pipe; a clear refusal
//! where no one can answer (no terminal, or `CI` set), so tresor never hangs.

use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::Write;

pub trait Prompter {
    /// Whether a person can answer.
    fn is_interactive(&self) -> bool;
    /// Hidden input, asked twice when `confirm` is set.
    fn hidden(&self, prompt: &str, confirm: bool) -> Result<SecretBytes>;
    /// A yes/no question; no is the default.
    fn confirm(&self, question: &str) -> Result<bool>;
    /// A line for the person answering (after a wrong answer, say).
    fn say(&self, text: &str);
}

/// Prompts on the controlling terminal with dialoguer.
pub struct Terminal {
    tty: File,
    term: console::Term,
}

impl Terminal {
    /// The controlling terminal, if this process has one.
    pub fn open() -> Option<Terminal> {
        let tty = OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()?;
        let (read, write) = (tty.try_clone().ok()?, tty.try_clone().ok()?);
        Some(Terminal {
            tty,
            term: console::Term::read_write_pair(read, write),
        })
    }
}

fn terminal_error(err: impl std::fmt::Display) -> Error {
    Error::other(format!("Reading from the terminal failed: {err}."))
}

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
            .interact_on(&self.term)
            .map(|text| SecretBytes::new(text.into_bytes()))
            .map_err(terminal_error)
    }

    fn confirm(&self, question: &str) -> Result<bool> {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact_on(&self.term)
            .map_err(terminal_error)
    }

    fn say(&self, text: &str) {
        let _ = writeln!(&self.tty, "{text}");
    }
}

/// Refuses to ask: there is no terminal, or `CI` is set.
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

    fn say(&self, _text: &str) {}
}

/// Whether `CI` asks for no prompts (set, and not `0` or `false`).
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The prompter for this process: the controlling terminal unless `CI` is set.
pub fn for_this_process() -> Box<dyn Prompter> {
    if in_ci() {
        return Box::new(NonInteractive);
    }
    match Terminal::open() {
        Some(terminal) => Box::new(terminal),
        None => Box::new(NonInteractive),
    }
}
