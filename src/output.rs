//! Writing results: human text or JSON on stdout, notes and warnings on stderr.
//! A reader that goes away (`| head`) is a quiet success.

use crate::error::{Error, Result};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
}

impl Output {
    pub fn new(json: bool, quiet: bool) -> Self {
        Output { json, quiet }
    }

    /// Raw bytes on stdout (a value, exactly).
    pub fn bytes(&self, bytes: &[u8]) -> Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|err| Error::output(&err))
    }

    /// A line for people on stdout: the result of the command.
    pub fn line(&self, text: &str) -> Result<()> {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{text}").map_err(|err| Error::output(&err))
    }

    /// A JSON document on one line.
    pub fn json<T: Serialize>(&self, value: &T) -> Result<()> {
        let text = serde_json::to_string(value)
            .map_err(|err| Error::other(format!("Encoding JSON failed: {err}.")))?;
        self.line(&text)
    }

    /// A confirmation of what happened: JSON with `--json`, a sentence otherwise,
    /// nothing with `--quiet`.
    pub fn done<T: Serialize>(&self, sentence: &str, json: &T) -> Result<()> {
        if self.json {
            self.json(json)
        } else if self.quiet {
            Ok(())
        } else {
            self.line(sentence)
        }
    }

    /// A warning on stderr, shown even with `--quiet`.
    pub fn warn(&self, text: &str) {
        let _ = writeln!(std::io::stderr(), "warning: {text}");
    }

    /// A note on stderr for people, silent with `--quiet` or `--json`.
    pub fn note(&self, text: &str) {
        if !self.quiet && !self.json {
            let _ = writeln!(std::io::stderr(), "{text}");
        }
    }
}
