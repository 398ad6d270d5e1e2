//! The formats of `tresor export`: dotenv, JSON and POSIX shell, each quoted so the
//! value read back is exactly the value stored.

use crate::error::{Error, Result};
use zeroize::Zeroizing;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dotenv,
    Json,
    Shell,
}

/// One variable to write: its name, the secret it comes from (for messages) and
/// the value.
pub struct Item<'a> {
    pub variable: &'a str,
    pub secret: &'a str,
    pub value: &'a [u8],
}

pub fn render(format: Format, items: &[Item<'_>]) -> Result<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::new());
    if format == Format::Json {
        out.extend_from_slice(b"{");
    }
    for (index, item) in items.iter().enumerate() {
        match format {
            Format::Dotenv => {
                let text = text_without_nul(item, "a dotenv file")?;
                let quoted = dotenv_quoted(text).map_err(|what| {
                    Error::usage(format!(
                        "The value of '{}' {what}; use --format shell or json for it.",
                        item.secret
                    ))
                })?;
                out.extend_from_slice(item.variable.as_bytes());
                out.push(b'=');
                out.extend_from_slice(quoted.as_bytes());
                out.push(b'\n');
            }
            Format::Shell => {
                if item.value.contains(&0) {
                    return Err(unrepresentable(item, "a shell variable", "a NUL byte"));
                }
                out.extend_from_slice(b"export ");
                out.extend_from_slice(item.variable.as_bytes());
                out.push(b'=');
                out.extend_from_slice(&shell_quoted(item.value));
                out.push(b'\n');
            }
            Format::Json => {
                let text = std::str::from_utf8(item.value)
                    .map_err(|_| unrepresentable(item, "JSON", "bytes that are not UTF-8"))?;
                let key = serde_json::to_string(item.variable)
                    .map_err(|err| Error::other(format!("Encoding JSON failed: {err}.")))?;
                let value = Zeroizing::new(
                    serde_json::to_string(text)
                        .map_err(|err| Error::other(format!("Encoding JSON failed: {err}.")))?,
                );
                out.extend_from_slice(if index == 0 { b"\n  " } else { b",\n  " });
                out.extend_from_slice(key.as_bytes());
                out.extend_from_slice(b": ");
                out.extend_from_slice(value.as_bytes());
            }
        }
    }
    if format == Format::Json {
        out.extend_from_slice(if items.is_empty() { b"}\n" } else { b"\n}\n" });
    }
    Ok(out)
}

fn text_without_nul<'a>(item: &Item<'a>, target: &str) -> Result<&'a str> {
    let text = std::str::from_utf8(item.value)
        .map_err(|_| unrepresentable(item, target, "bytes that are not UTF-8"))?;
    if text.contains('\0') {
        return Err(unrepresentable(item, target, "a NUL byte"));
    }
    Ok(text)
}

fn unrepresentable(item: &Item<'_>, target: &str, what: &str) -> Error {
    Error::usage(format!(
        "The value of '{}' holds {what}, which {target} cannot carry; use `tresor get {}` or --format json.",
        item.secret, item.secret
    ))
}

/// A dotenv value that python-dotenv, the reference reader, loads back exactly (but
/// for `${…}`: see `expanded_by_python_dotenv`), as does `tresor import dotenv`.
/// Double quotes, escaping only `\\`, `"` and line breaks: python-dotenv keeps `$`
/// and any other escape as written. Single quotes for a value with a `$` and nothing
/// to escape, which readers that expand `$VAR` in double quotes (docker compose,
/// dotenvy) take literally too. The error says why a value cannot be written:
/// python-dotenv reads a closing quote after an escaped backslash as an escaped quote
/// when a later line holds a quote, and so misreads the lines after it.
fn dotenv_quoted(value: &str) -> std::result::Result<Zeroizing<String>, &'static str> {
    let mut out = Zeroizing::new(String::with_capacity(value.len() + 2));
    if value.contains('$') && !value.contains(['\'', '\\', '\n', '\r']) {
        out.push('\'');
        out.push_str(value);
        out.push('\'');
        return Ok(out);
    }
    if value.ends_with('\\') {
        // Unquoted is the one form without a closing quote to misread.
        let bare = value.bytes().all(|b| b.is_ascii_graphic()) && !value.starts_with(['\'', '"']);
        if !bare {
            return Err(
                "ends with a backslash and holds spaces, quotes or other characters that need quotes, which python-dotenv cannot read back",
            );
        }
        out.push_str(value);
        return Ok(out);
    }
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(out)
}

/// Whether python-dotenv would change the value when it loads it: it expands `${…}`
/// in every form of value, and has no escape that keeps it.
pub fn expanded_by_python_dotenv(value: &[u8]) -> bool {
    value.windows(2).any(|pair| pair == b"${")
}

/// POSIX single quotes: everything literal; a `'` ends the quote, is escaped, and
/// a new quote starts (`'\''`).
pub fn shell_quoted(value: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(value.len() + 2));
    out.push(b'\'');
    for byte in value {
        if *byte == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(*byte);
        }
    }
    out.push(b'\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item<'a>(variable: &'a str, value: &'a [u8]) -> Item<'a> {
        Item {
            variable,
            secret: "s",
            value,
        }
    }

    fn quoted(value: &str) -> String {
        dotenv_quoted(value).unwrap().to_string()
    }

    #[test]
    fn dotenv_quoting() {
        assert_eq!(quoted("plain"), "\"plain\"");
        assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quoted("pa$$word"), "'pa$$word'");
        assert_eq!(quoted("it's $5"), "\"it's $5\"");
        assert_eq!(quoted("a$b\\c"), "\"a$b\\\\c\"");
        assert_eq!(quoted(r"C:\dir\"), r"C:\dir\");
        assert_eq!(quoted("x${HOME}"), "'x${HOME}'");
        assert!(expanded_by_python_dotenv(b"x${HOME}"));
        assert!(!expanded_by_python_dotenv(b"x$HOME {}"));
        assert!(dotenv_quoted("a b\\").is_err());
        assert!(dotenv_quoted("\"a\\").is_err());
    }

    #[test]
    fn dotenv_output_reads_back() {
        for value in [
            "plain",
            "a\"b\\c\nd",
            "pa$$word",
            "it's $5",
            "it's\\ $5",
            "C:\\dir\\",
            "#x y ",
            "é\r\n",
            "\\\"\\",
        ] {
            let out = render(Format::Dotenv, &[item("K", value.as_bytes())]).unwrap();
            let entries = crate::deliver::dotenv::parse(&out).unwrap();
            assert_eq!(entries[0].value.expose(), value.as_bytes(), "{value:?}");
        }
    }

    #[test]
    fn shell_and_json() {
        let out = render(Format::Shell, &[item("A", b"it's"), item("B", b"x")]).unwrap();
        assert_eq!(*out, b"export A='it'\\''s'\nexport B='x'\n".to_vec());
        let out = render(Format::Json, &[item("A", b"q\"\n"), item("B", b"x")]).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(parsed, serde_json::json!({"A": "q\"\n", "B": "x"}));
        assert_eq!(*render(Format::Json, &[]).unwrap(), b"{}\n".to_vec());
    }

    #[test]
    fn what_a_format_cannot_carry_is_an_error() {
        assert!(render(Format::Dotenv, &[item("A", b"\xff")]).is_err());
        assert!(render(Format::Shell, &[item("A", b"a\0b")]).is_err());
        assert!(render(Format::Json, &[item("A", b"\xff")]).is_err());
        assert!(render(Format::Shell, &[item("A", b"\xff")]).is_ok());
    }
}
