//! Templates for `tresor inject`: text with references `{{ tresor://NAME }}` (also
//! `#ALIAS` or `@VERSION`; spaces inside the braces optional). Other `{{ … }}`
//! (Helm, Jinja) is left as it is, so one file can carry both.

use super::reference::{Reference, SCHEME};
use crate::error::{Error, Result};

#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a [u8]),
    Ref(Reference),
}

/// Splits a template into text and references. A malformed reference is an error
/// naming its line, so a typo never reaches the output as literal text.
pub fn parse(template: &[u8]) -> Result<Vec<Piece<'_>>> {
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(open) = find(&template[at..], b"{{").map(|i| at + i) {
        let inner = skip_blanks(template, open + 2);
        if !template[inner..].starts_with(SCHEME.as_bytes()) {
            at = open + 2;
            continue;
        }
        let line = line_of(template, open);
        let close = find(&template[inner..], b"}}")
            .map(|i| inner + i)
            .filter(|close| !template[inner..*close].contains(&b'\n'))
            .ok_or_else(|| {
                Error::usage(format!(
                    "Line {line} of the template opens a tresor:// reference that is not closed with '}}}}' on that line."
                ))
            })?;
        let text = std::str::from_utf8(&template[inner + SCHEME.len()..close])
            .map_err(|_| {
                Error::usage(format!(
                    "Line {line} of the template has a reference that is not text."
                ))
            })?
            .trim();
        let reference: Reference = text.parse().map_err(|err: Error| {
            Error::usage(format!("Line {line} of the template: {}", err.message()))
        })?;
        if text_start < open {
            pieces.push(Piece::Text(&template[text_start..open]));
        }
        pieces.push(Piece::Ref(reference));
        at = close + 2;
        text_start = at;
    }
    if text_start < template.len() {
        pieces.push(Piece::Text(&template[text_start..]));
    }
    Ok(pieces)
}

/// The distinct references of a template, in order of first use.
pub fn references(pieces: &[Piece<'_>]) -> Vec<Reference> {
    let mut found: Vec<Reference> = Vec::new();
    for piece in pieces {
        if let Piece::Ref(reference) = piece
            && !found.contains(reference)
        {
            found.push(reference.clone());
        }
    }
    found
}

/// Fills the references with `value_of`; the caller has every value already, so
/// rendering cannot fail halfway.
pub fn render<'v>(pieces: &[Piece<'_>], value_of: impl Fn(&Reference) -> &'v [u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.extend_from_slice(text),
            Piece::Ref(reference) => out.extend_from_slice(value_of(reference)),
        }
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn skip_blanks(text: &[u8], mut at: usize) -> usize {
    while at < text.len() && matches!(text[at], b' ' | b'\t') {
        at += 1;
    }
    at
}

fn line_of(text: &[u8], at: usize) -> usize {
    1 + text[..at].iter().filter(|b| **b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::Selector;

    fn name_of(piece: &Piece<'_>) -> String {
        match piece {
            Piece::Ref(reference) => reference.to_string(),
            Piece::Text(text) => String::from_utf8_lossy(text).into_owned(),
        }
    }

    #[test]
    fn finds_references_with_or_without_spaces() {
        let pieces =
            parse(b"a={{ tresor://x/y }}\nb={{tresor://x/y#previous}}{{\ttresor://z@2 }}.")
                .unwrap();
        let shown: Vec<String> = pieces.iter().map(name_of).collect();
        assert_eq!(shown, ["a=", "x/y", "\nb=", "x/y#previous", "z@2", "."]);
        let refs = references(&pieces);
        assert_eq!(refs.len(), 3);
        assert_eq!(refs[2].selector, Selector::Version(2));
    }

    #[test]
    fn leaves_other_braces_alone() {
        let text = b"{{ .Values.x }} {{ tresor }} {{}} {{";
        assert_eq!(parse(text).unwrap(), vec![Piece::Text(&text[..])]);
        assert!(parse(b"").unwrap().is_empty());
    }

    #[test]
    fn malformed_references_name_their_line() {
        let err = parse(b"ok\n{{ tresor://a/b \n}}").unwrap_err();
        assert!(err.message().contains("Line 2"), "{err}");
        let err = parse(b"{{ tresor://bad name }}").unwrap_err();
        assert!(err.message().contains("Line 1"), "{err}");
        assert!(parse(b"{{ tresor:// }}").is_err());
    }

    #[test]
    fn renders_values_in_place() {
        let pieces = parse(b"u={{ tresor://u }};p={{tresor://p}};u={{ tresor://u }}").unwrap();
        let out = render(
            &pieces,
            |r| if r.name.as_str() == "u" { b"me" } else { b"pw" },
        );
        assert_eq!(out, b"u=me;p=pw;u=me");
    }
}
