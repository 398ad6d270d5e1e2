//! JSON files, read as SOPS reads them (Go's `encoding/json` token stream): keys in
//! file order, every number a float64, the top level an object.

use super::MAX_DEPTH;
use super::error::{Result, malformed};
use super::tree::{Document, Node, Scalar};
use serde::Deserializer as _;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use std::fmt;

pub fn parse(text: &str) -> Result<Document> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let node = deserializer
        .deserialize_any(NodeVisitor { depth: 0 })
        .and_then(|node| deserializer.end().map(|()| node))
        .map_err(|err| {
            malformed(format!(
                "it is not valid JSON (line {}, column {}{})",
                err.line(),
                err.column(),
                if err.is_data() {
                    format!(": {}", describe(&err))
                } else {
                    String::new()
                }
            ))
        })?;
    let Node::Map(items) = node else {
        return Err(malformed("its top level is not a JSON object"));
    };
    let mut branch = Vec::new();
    let mut metadata = Node::Null;
    for (key, value) in items {
        if key == "sops" {
            metadata = value;
        } else {
            branch.push((key, value));
        }
    }
    Ok(Document {
        branches: vec![branch],
        metadata,
    })
}

/// Our own messages, which never quote the file's content.
fn describe(err: &serde_json::Error) -> String {
    let text = err.to_string();
    ["a key appears twice", "it is nested too deeply"]
        .into_iter()
        .find(|known| text.contains(known))
        .unwrap_or("unexpected content")
        .to_string()
}

struct NodeVisitor {
    depth: usize,
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Bool(value)))
    }

    #[allow(clippy::cast_precision_loss)] // Go decodes every JSON number as a float64
    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Float(value as f64)))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Float(value as f64)))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Float(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Str(value.to_string())))
    }

    fn visit_string<E>(self, value: String) -> Result<Node, E> {
        Ok(Node::Scalar(Scalar::Str(value)))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let inner = self.nested()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner.seed())? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let inner = self.nested()?;
        let mut items: Vec<(String, Node)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            // Go would walk both copies; a file SOPS wrote never has them.
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom("a key appears twice"));
            }
            let value = map.next_value_seed(inner.seed())?;
            items.push((key, value));
        }
        Ok(Node::Map(items))
    }
}

impl NodeVisitor {
    fn nested<E: de::Error>(&self) -> Result<NodeVisitor, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom("it is nested too deeply"));
        }
        Ok(NodeVisitor {
            depth: self.depth + 1,
        })
    }

    fn seed(&self) -> NodeSeed {
        NodeSeed { depth: self.depth }
    }
}

struct NodeSeed {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for NodeSeed {
    type Value = Node;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor { depth: self.depth })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_reads_numbers_as_floats() {
        let doc =
            parse(r#"{"z": {"b": 1, "a": [true, null, "s"]}, "sops": {"mac": "M"}, "y": 2.5}"#)
                .unwrap();
        let keys: Vec<&str> = doc.branches[0].iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["z", "y"]);
        let z = &doc.branches[0][0].1;
        assert_eq!(z.get("b"), Some(&Node::Scalar(Scalar::Float(1.0))));
        assert_eq!(
            z.get("a"),
            Some(&Node::List(vec![
                Node::Scalar(Scalar::Bool(true)),
                Node::Null,
                Node::Scalar(Scalar::Str("s".into()))
            ]))
        );
        assert_eq!(doc.metadata.get("mac").and_then(Node::as_str), Some("M"));
    }

    #[test]
    fn refuses_what_sops_never_writes() {
        assert!(parse(r#"{"a": 1, "a": 2}"#).is_err());
        assert!(parse("[1, 2]").is_err());
        assert!(parse(r#"{"a": "secret-value"#).is_err());
        assert!(
            parse(&format!(
                "{{\"a\": {}1{}}}",
                "[".repeat(200),
                "]".repeat(200)
            ))
            .is_err()
        );
        let err = parse(r#"{"a": "hunter2" "b"}"#).err().unwrap();
        assert!(!format!("{err:?}").contains("hunter2"), "{err:?}");
    }
}
