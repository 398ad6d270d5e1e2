//! Reading `.env` files, for `tresor import dotenv`: `KEY=value` lines, an optional
//! `export ` before the key, `#` comments, single quotes (literal), double quotes
//! (with `\n`, `\r`, `\t`, `\"`, `\\`, `\$` escapes; may span lines) and unquoted
//! values (trimmed, ending at ` #`). Variables are not expanded: a value is stored
//! as written. Errors name a line, never its content: it may hold a secret.

use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use std::collections::HashMap;
use zeroize::Zeroizing;

pub struct Entry {
    pub key: String,
    pub value: SecretBytes,
    pub line: usize,
}

pub fn parse(bytes: &[u8]) -> Result<Vec<Entry>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::usage("The dotenv file is not UTF-8 text."))?;
    let mut parser = Parser {
        chars: text.chars().collect::<Vec<char>>().into(),
        at: 0,
        line: 1,
    };
    let mut entries: Vec<Entry> = Vec::new();
    // The line each key was first set on: a file of 100,000 keys is checked in one pass.
    let mut first_lines: HashMap<String, usize> = HashMap::new();
    while let Some(entry) = parser.next_entry()? {
        if let Some(first) = first_lines.insert(entry.key.clone(), entry.line) {
            return Err(Error::usage(format!(
                "The dotenv file sets {} twice (lines {first} and {}); keep one.",
                entry.key, entry.line
            )));
        }
        entries.push(entry);
    }
    Ok(entries)
}

struct Parser {
    chars: Zeroizing<Vec<char>>,
    at: usize,
    line: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\r')) {
            self.bump();
        }
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.bump() {
            if c == '\n' {
                break;
            }
        }
    }

    fn error(&self, line: usize, what: &str) -> Error {
        Error::usage(format!("Line {line} of the dotenv file {what}."))
    }

    fn next_entry(&mut self) -> Result<Option<Entry>> {
        loop {
            self.skip_blanks();
            match self.peek() {
                None => return Ok(None),
                Some('\n') => {
                    self.bump();
                }
                Some('#') => self.skip_line(),
                Some(_) => break,
            }
        }
        let line = self.line;
        let mut key = self.word();
        if key == "export" && matches!(self.peek(), Some(' ' | '\t')) {
            self.skip_blanks();
            key = self.word();
        }
        let valid_key = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        if !valid_key {
            return Err(self.error(
                line,
                "does not start with a KEY (letters, digits, '_', '.', '-')",
            ));
        }
        self.skip_blanks();
        if self.bump() != Some('=') {
            return Err(self.error(line, "is not KEY=VALUE"));
        }
        self.skip_blanks();
        let value = match self.peek() {
            Some('\'') => self.single_quoted(line)?,
            Some('"') => self.double_quoted(line)?,
            _ => self.unquoted(),
        };
        Ok(Some(Entry {
            key,
            value: SecretBytes::new(value.as_bytes().to_vec()),
            line,
        }))
    }

    fn word(&mut self) -> String {
        let mut word = String::new();
        while let Some(c) = self
            .peek()
            .filter(|c| c.is_ascii_alphanumeric() || "_.-".contains(*c))
        {
            word.push(c);
            self.bump();
        }
        word
    }

    fn single_quoted(&mut self, line: usize) -> Result<Zeroizing<String>> {
        self.bump();
        let mut value = Zeroizing::new(String::new());
        loop {
            match self.bump() {
                None => return Err(self.error(line, "opens a ' quote that is never closed")),
                Some('\'') => break,
                Some(c) => value.push(c),
            }
        }
        self.end_of_value(line)?;
        Ok(value)
    }

    fn double_quoted(&mut self, line: usize) -> Result<Zeroizing<String>> {
        self.bump();
        let mut value = Zeroizing::new(String::new());
        loop {
            match self.bump() {
                None => return Err(self.error(line, "opens a \" quote that is never closed")),
                Some('"') => break,
                Some('\\') => match self.bump() {
                    Some('n') => value.push('\n'),
                    Some('r') => value.push('\r'),
                    Some('t') => value.push('\t'),
                    Some(c @ ('"' | '\\' | '$')) => value.push(c),
                    // Unknown escapes stay as written, as most dotenv readers keep them.
                    Some(c) => {
                        value.push('\\');
                        value.push(c);
                    }
                    None => return Err(self.error(line, "opens a \" quote that is never closed")),
                },
                Some(c) => value.push(c),
            }
        }
        self.end_of_value(line)?;
        Ok(value)
    }

    /// After a closing quote only blanks and a comment may follow on the line.
    fn end_of_value(&mut self, line: usize) -> Result<()> {
        self.skip_blanks();
        match self.peek() {
            None => Ok(()),
            Some('\n') => {
                self.bump();
                Ok(())
            }
            Some('#') => {
                self.skip_line();
                Ok(())
            }
            Some(_) => Err(self.error(line, "has text after the closing quote")),
        }
    }

    fn unquoted(&mut self) -> Zeroizing<String> {
        let mut value = Zeroizing::new(String::new());
        while let Some(c) = self.peek() {
            if c == '\n' || (c == '#' && value.ends_with([' ', '\t'])) {
                break;
            }
            value.push(c);
            self.bump();
        }
        self.skip_line();
        let trimmed = value.trim_end().len();
        value.truncate(trimmed);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse(text.as_bytes())
            .unwrap()
            .into_iter()
            .map(|e| (e.key, String::from_utf8(e.value.expose().to_vec()).unwrap()))
            .collect()
    }

    #[test]
    fn the_common_forms() {
        let text = "# a comment\n\nDB_URL=postgres://u@h/db\nexport TOKEN = 'a b#c' # note\nPEM=\"l1\\nl2\\t\\\"q\\\" \\\\ \\$HOME \\x\"\nPLAIN=a b # trailing\nHASH=a#b\nEMPTY=\nMULTI=\"one\ntwo\"\r\nexport=x\n";
        assert_eq!(
            pairs(text),
            [
                ("DB_URL", "postgres://u@h/db"),
                ("TOKEN", "a b#c"),
                ("PEM", "l1\nl2\t\"q\" \\ $HOME \\x"),
                ("PLAIN", "a b"),
                ("HASH", "a#b"),
                ("EMPTY", ""),
                ("MULTI", "one\ntwo"),
                ("export", "x"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
    }

    #[test]
    fn errors_name_the_line_not_its_content() {
        for (text, line) in [
            ("A=1\nnot a pair\n", 2),
            ("A=1\nB='open\n", 2),
            ("A=\"x\" y\n", 1),
            ("=x\n", 1),
            ("A=1\n\nA=2\n", 3),
        ] {
            let err = parse(text.as_bytes()).err().unwrap();
            assert!(err.message().contains(&line.to_string()), "{text:?}: {err}");
        }
        let err = parse(b"A=1\nB='s3cr3t\n").err().unwrap();
        assert!(!err.message().contains("s3cr3t"), "{err}");
        assert!(parse(b"\xff=1").is_err());
    }
}
