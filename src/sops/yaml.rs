//! YAML files, read as SOPS reads them (Go's yaml.v3): every document a branch, keys
//! in file order, aliases expanded, plain scalars typed by the YAML 1.2 core rules
//! that yaml.v3 applies. Comments are left out: SOPS keeps them out of the MAC too.

use super::error::{Result, malformed};
use super::tree::{Document, Node, Scalar};
use super::{MAX_DEPTH, MAX_NODES};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

const CORE_SCHEMA: &str = "tag:yaml.org,2002:";

/// A collection being built, with the anchor it will be known by.
enum Open {
    Map {
        anchor: usize,
        items: Vec<(String, Node)>,
        key: Option<String>,
    },
    List {
        anchor: usize,
        items: Vec<Node>,
    },
}

pub fn parse(text: &str) -> Result<Document> {
    let mut parser = Parser::new_from_str(text);
    let mut documents: Vec<Node> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut nodes = 0usize;
    loop {
        let (event, mark) = parser.next_token().map_err(|err| {
            malformed(format!(
                "it is not valid YAML (line {}, column {})",
                err.marker().line(),
                err.marker().col() + 1
            ))
        })?;
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(malformed("it holds too many values"));
        }
        let complete = match event {
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => continue,
            Event::DocumentStart => {
                anchors.clear();
                continue;
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Open::Map {
                    anchor,
                    items: Vec::new(),
                    key: None,
                });
                if stack.len() > MAX_DEPTH {
                    return Err(malformed("it is nested too deeply"));
                }
                continue;
            }
            Event::SequenceStart(anchor, _) => {
                stack.push(Open::List {
                    anchor,
                    items: Vec::new(),
                });
                if stack.len() > MAX_DEPTH {
                    return Err(malformed("it is nested too deeply"));
                }
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (anchor, node) = match stack.pop() {
                    Some(Open::Map { anchor, items, .. }) => (anchor, Node::Map(items)),
                    Some(Open::List { anchor, items }) => (anchor, Node::List(items)),
                    None => return Err(malformed("its YAML structure is broken")),
                };
                remember(&mut anchors, anchor, &node);
                node
            }
            Event::Scalar(value, style, anchor, tag) => {
                let node = resolve(&value, style, tag.as_ref())
                    .map_err(|why| malformed(format!("{why} (line {})", mark.line())))?;
                remember(&mut anchors, anchor, &node);
                node
            }
            Event::Alias(anchor) => {
                let node = anchors.get(&anchor).cloned().ok_or_else(|| {
                    malformed(format!("an alias has no anchor (line {})", mark.line()))
                })?;
                // Expanded aliases count as copies: a "billion laughs" file stops here.
                nodes += count(&node);
                if nodes > MAX_NODES {
                    return Err(malformed("it holds too many values"));
                }
                node
            }
        };
        attach(&mut stack, &mut documents, complete, mark.line())?;
    }
    split_metadata(documents)
}

fn remember(anchors: &mut HashMap<usize, Node>, anchor: usize, node: &Node) {
    if anchor > 0 {
        anchors.insert(anchor, node.clone());
    }
}

fn count(node: &Node) -> usize {
    match node {
        Node::Map(items) => 1 + items.iter().map(|(_, v)| count(v)).sum::<usize>(),
        Node::List(items) => 1 + items.iter().map(count).sum::<usize>(),
        _ => 1,
    }
}

/// Puts a finished node where it belongs: a map key, a map value, a list item, or a
/// whole document.
fn attach(stack: &mut [Open], documents: &mut Vec<Node>, node: Node, line: usize) -> Result<()> {
    match stack.last_mut() {
        None => documents.push(node),
        Some(Open::List { items, .. }) => items.push(node),
        Some(Open::Map { items, key, .. }) => match key.take() {
            Some(name) => items.push((name, node)),
            None => {
                let name = match node {
                    Node::Scalar(Scalar::Str(text)) => text,
                    Node::Scalar(scalar) => {
                        String::from_utf8_lossy(&scalar.value_bytes()).into_owned()
                    }
                    Node::Null => String::new(),
                    Node::Map(_) | Node::List(_) => {
                        return Err(malformed(format!(
                            "a key is a map or a list (line {line}); SOPS supports only string keys"
                        )));
                    }
                };
                *key = Some(name);
            }
        },
    }
    Ok(())
}

/// Takes the top-level `sops` key out of each document; the first one is the
/// metadata (SOPS writes the same block into every document).
fn split_metadata(documents: Vec<Node>) -> Result<Document> {
    let mut branches = Vec::new();
    let mut metadata = None;
    for document in documents {
        let items = match document {
            Node::Map(items) => items,
            Node::Null => Vec::new(),
            _ => {
                return Err(malformed(
                    "a YAML document is not a map; SOPS encrypts only maps",
                ));
            }
        };
        let mut branch = Vec::new();
        for (key, value) in items {
            if key == "sops" {
                metadata.get_or_insert(value);
            } else {
                branch.push((key, value));
            }
        }
        branches.push(branch);
    }
    Ok(Document {
        branches,
        metadata: metadata.unwrap_or(Node::Null),
    })
}

/// Types a scalar as yaml.v3 does when decoding into an `interface{}`.
fn resolve(value: &str, style: TScalarStyle, tag: Option<&Tag>) -> Result<Node, String> {
    let tag = tag.map(|tag| {
        if tag.handle == CORE_SCHEMA {
            tag.suffix.as_str()
        } else {
            "custom"
        }
    });
    match tag {
        // A custom tag, `!!str`, or a quoted or block scalar: a string.
        Some("str") | Some("custom") => Ok(string(value)),
        Some("null") => Ok(Node::Null),
        Some("bool") => plain(value)
            .filter(|node| matches!(node, Node::Scalar(Scalar::Bool(_))))
            .ok_or_else(|| "a value tagged !!bool is not a boolean".to_string()),
        Some("int") => plain(value)
            .filter(|node| matches!(node, Node::Scalar(Scalar::Int(_))))
            .ok_or_else(|| "a value tagged !!int is not an integer".to_string()),
        Some("float") => match plain(value) {
            Some(Node::Scalar(Scalar::Float(number))) => Ok(Node::Scalar(Scalar::Float(number))),
            Some(Node::Scalar(Scalar::Int(number))) => {
                Ok(Node::Scalar(Scalar::Float(number as f64)))
            }
            _ => Err("a value tagged !!float is not a number".to_string()),
        },
        Some(_) => Ok(string(value)),
        None if style == TScalarStyle::Plain => Ok(plain(value).unwrap_or_else(|| string(value))),
        None => Ok(string(value)),
    }
}

fn string(value: &str) -> Node {
    Node::Scalar(Scalar::Str(value.to_string()))
}

/// A plain scalar's type by yaml.v3's resolver: null, booleans, integers (decimal,
/// `0x`, `0o`, `0b`, old-style octal, `_` separators), floats; `None` for a string.
fn plain(value: &str) -> Option<Node> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Node::Null),
        "true" | "True" | "TRUE" => return Some(Node::Scalar(Scalar::Bool(true))),
        "false" | "False" | "FALSE" => return Some(Node::Scalar(Scalar::Bool(false))),
        ".nan" | ".NaN" | ".NAN" => return Some(Node::Scalar(Scalar::Float(f64::NAN))),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Node::Scalar(Scalar::Float(f64::INFINITY)));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Node::Scalar(Scalar::Float(f64::NEG_INFINITY))),
        _ => {}
    }
    let first = value.as_bytes().first()?;
    if *first == b'.' {
        return go_parse_float(value).map(|f| Node::Scalar(Scalar::Float(f)));
    }
    if !(first.is_ascii_digit() || *first == b'+' || *first == b'-') {
        return None;
    }
    let digits = value.replace('_', "");
    if let Some(number) = go_parse_int(&digits) {
        return Some(Node::Scalar(Scalar::Int(number)));
    }
    if is_yaml_float(&digits) {
        return go_parse_float(&digits).map(|f| Node::Scalar(Scalar::Float(f)));
    }
    None
}

/// Go's `strconv.ParseInt(s, 0, 64)`: a sign, then `0x`, `0o`, `0b`, a leading `0`
/// (octal) or decimal digits.
fn go_parse_int(text: &str) -> Option<i64> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = rest.to_ascii_lowercase();
    let (radix, digits) = if let Some(hex) = lower.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = lower.strip_prefix("0o") {
        (8, octal)
    } else if let Some(binary) = lower.strip_prefix("0b") {
        (2, binary)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// yaml.v3's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = |at: &mut usize| {
        let start = *at;
        while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        *at - start
    };
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        if digits(&mut at) == 0 {
            return false;
        }
    } else {
        if digits(&mut at) == 0 {
            return false;
        }
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            digits(&mut at);
        }
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'-' | b'+')) {
            at += 1;
        }
        if digits(&mut at) == 0 {
            return false;
        }
    }
    at == bytes.len()
}

/// Go's `strconv.ParseFloat` for the decimal forms YAML and SOPS write.
pub fn go_parse_float(text: &str) -> Option<f64> {
    match text {
        "+Inf" | "Inf" | "+inf" | "inf" => Some(f64::INFINITY),
        "-Inf" | "-inf" => Some(f64::NEG_INFINITY),
        "NaN" | "nan" => Some(f64::NAN),
        _ if text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')) =>
        {
            text.parse().ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> &Scalar {
        match node {
            Node::Scalar(scalar) => scalar,
            other => panic!("not a scalar: {other:?}"),
        }
    }

    #[test]
    fn keeps_order_and_types_like_yaml_v3() {
        let doc = parse(
            "z: 1\na: \"1\"\nm:\n  t: true\n  f: 1.50\n  n: null\n  s: yes\n  h: 0x1F\n  o: 0o17\n  u: 1_000\n  d: 2024-01-01\nl:\n  - x\n  - {k: v}\nsops:\n  mac: M\n",
        )
        .unwrap();
        let branch = &doc.branches[0];
        let keys: Vec<&str> = branch.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["z", "a", "m", "l"]);
        assert_eq!(scalar(&branch[0].1), &Scalar::Int(1));
        assert_eq!(scalar(&branch[1].1), &Scalar::Str("1".into()));
        let m = &branch[2].1;
        assert_eq!(scalar(m.get("t").unwrap()), &Scalar::Bool(true));
        assert_eq!(scalar(m.get("f").unwrap()), &Scalar::Float(1.5));
        assert_eq!(m.get("n"), Some(&Node::Null));
        assert_eq!(scalar(m.get("s").unwrap()), &Scalar::Str("yes".into()));
        assert_eq!(scalar(m.get("h").unwrap()), &Scalar::Int(31));
        assert_eq!(scalar(m.get("o").unwrap()), &Scalar::Int(15));
        assert_eq!(scalar(m.get("u").unwrap()), &Scalar::Int(1000));
        assert_eq!(
            scalar(m.get("d").unwrap()),
            &Scalar::Str("2024-01-01".into())
        );
        assert_eq!(doc.metadata.get("mac").and_then(Node::as_str), Some("M"));
    }

    #[test]
    fn aliases_expand_and_documents_split() {
        let doc = parse("a: &x {k: v}\nb: *x\n---\nc: d\n").unwrap();
        assert_eq!(doc.branches.len(), 2);
        assert_eq!(doc.branches[0][0].1, doc.branches[0][1].1);
        assert_eq!(doc.branches[1][0].0, "c");
    }

    #[test]
    fn hostile_input_is_refused_not_crashed() {
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&deep).is_err());
        let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = (b'a' + level - 1) as char;
            let name = (b'a' + level) as char;
            laughs.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse(&laughs).is_err());
        assert!(parse("a: [b\n").is_err());
        assert!(parse("- a\n- b\n").is_err());
    }

    #[test]
    fn floats_and_ints() {
        assert!(is_yaml_float("1.5") && is_yaml_float(".5") && is_yaml_float("-1e3"));
        assert!(!is_yaml_float("1.5.6") && !is_yaml_float("e3") && !is_yaml_float("1e"));
        assert_eq!(go_parse_int("-0b101"), Some(-5));
        assert_eq!(go_parse_int("0777"), Some(511));
        assert_eq!(go_parse_int("09"), None);
        assert_eq!(go_parse_int("99999999999999999999"), None);
    }
}
