//! The lines of the vault as `format::render` writes them: basic strings, bare and
//! quoted keys, inline tables and table headers. Anything else is not canonical.

/// One value on the right of ` = `.
pub(super) enum Value {
    Text(String),
    Integer(i64),
    Table(Vec<(String, Value)>),
}

/// Reads a basic string starting at `"`; returns it and the rest after the closing quote.
fn string(input: &str) -> Option<(String, &str)> {
    let body = input.strip_prefix('"')?;
    let end = memchr::memchr2(b'"', b'\\', body.as_bytes())?;
    if body.as_bytes()[end] == b'"' {
        return Some((body[..end].to_string(), &body[end + 1..]));
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[index + 1..])),
            '\\' => {
                let (_, escape) = chars.next()?;
                let decoded = match escape {
                    '"' => '"',
                    '\\' => '\\',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'u' => {
                        let hex: String = (0..4)
                            .filter_map(|_| chars.next().map(|(_, h)| h))
                            .collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None,
                };
                out.push(decoded);
            }
            c if c.is_control() => return None,
            c => out.push(c),
        }
    }
    None
}

/// A bare key (`[A-Za-z0-9_-]+`) or a quoted one; returns it and the rest.
fn key(input: &str) -> Option<(String, &str)> {
    if input.starts_with('"') {
        return string(input);
    }
    let end = input
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(input.len());
    (end > 0).then(|| (input[..end].to_string(), &input[end..]))
}

fn value(input: &str) -> Option<(Value, &str)> {
    if input.starts_with('"') {
        let (text, rest) = string(input)?;
        return Some((Value::Text(text), rest));
    }
    if let Some(mut rest) = input.strip_prefix('{') {
        let mut pairs = Vec::new();
        rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix('}') {
            return Some((Value::Table(pairs), after));
        }
        loop {
            let (name, after) = key(rest)?;
            let (item, after) = value(after.strip_prefix(" = ")?)?;
            pairs.push((name, item));
            if let Some(after) = after.strip_prefix(", ") {
                rest = after;
            } else {
                return Some((Value::Table(pairs), after.strip_prefix(" }")?));
            }
        }
    }
    let end = input
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(input.len());
    let number = input[..end].parse().ok()?;
    Some((Value::Integer(number), &input[end..]))
}

/// `key = value` filling a whole line.
pub(super) fn pair(line: &str) -> Option<(String, Value)> {
    let (name, rest) = key(line)?;
    let (item, rest) = value(rest.strip_prefix(" = ")?)?;
    rest.is_empty().then_some((name, item))
}

/// `[a."b".c]` into its keys.
pub(super) fn header(line: &str) -> Option<Vec<String>> {
    let mut rest = line.strip_prefix('[')?.strip_suffix(']')?;
    let mut keys = Vec::new();
    loop {
        let (name, after) = key(rest)?;
        keys.push(name);
        if after.is_empty() {
            return Some(keys);
        }
        rest = after.strip_prefix('.')?;
    }
}

pub(super) fn text(item: Value) -> Option<String> {
    match item {
        Value::Text(text) => Some(text),
        _ => None,
    }
}

/// The header `[secrets."NAME"]` of a secret whose name needs no escapes, without the
/// allocations of `header`: a read passes over thousands.
pub(super) fn plain_secret_header(line: &str) -> Option<&str> {
    let name = line.strip_prefix("[secrets.\"")?.strip_suffix("\"]")?;
    (!name.is_empty() && !needs_escape(name)).then_some(name)
}

/// Whether `text` holds a `"` or `\`, which a basic string escapes.
pub(super) fn needs_escape(text: &str) -> bool {
    memchr::memchr2(b'"', b'\\', text.as_bytes()).is_some()
}
