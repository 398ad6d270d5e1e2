//! The SOPS tree: documents of ordered maps, lists and typed scalars, as SOPS walks
//! them. Order matters: the MAC covers the values in the order the file holds them.

use std::fmt;

/// A value as SOPS's loaders type it (Go's `string`, `int`, `float64`, `bool`, `nil`).
#[derive(Clone, PartialEq)]
pub enum Node {
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
    Scalar(Scalar),
    Null,
}

#[derive(Clone, PartialEq)]
pub enum Scalar {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// What a file holds: one branch per document (YAML may hold several; JSON and
/// dotenv hold one), and the `sops` metadata, taken out of the branches.
pub struct Document {
    pub branches: Vec<Vec<(String, Node)>>,
    pub metadata: Node,
}

// Values of the file may be secret: no `Debug` shows them.
impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Map(items) => f
                .debug_map()
                .entries(items.iter().map(|(k, v)| (k, v)))
                .finish(),
            Node::List(items) => f.debug_list().entries(items).finish(),
            Node::Scalar(_) => f.write_str("<scalar>"),
            Node::Null => f.write_str("null"),
        }
    }
}

impl fmt::Debug for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<scalar>")
    }
}

impl Node {
    /// The value under `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(items) => items.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(Scalar::Str(text)) => Some(text),
            _ => None,
        }
    }
}

impl Scalar {
    /// The bytes SOPS feeds the MAC for this value (Go's `sops.ToBytes`).
    pub fn mac_bytes(&self) -> Vec<u8> {
        match self {
            Scalar::Str(text) => text.as_bytes().to_vec(),
            Scalar::Int(number) => number.to_string().into_bytes(),
            Scalar::Float(number) => go_float(*number).into_bytes(),
            Scalar::Bool(true) => b"True".to_vec(),
            Scalar::Bool(false) => b"False".to_vec(),
        }
    }

    /// The value as `sops --decrypt` shows it: a string as it is, a number in
    /// decimal, a boolean as `true` or `false`.
    pub fn value_bytes(&self) -> Vec<u8> {
        match self {
            Scalar::Bool(flag) => flag.to_string().into_bytes(),
            other => other.mac_bytes(),
        }
    }
}

/// A float as Go's `strconv.FormatFloat(f, 'f', -1, 64)` writes it: the shortest
/// decimal that reads back the same, never an exponent.
pub fn go_float(number: f64) -> String {
    if number.is_nan() {
        "NaN".to_string()
    } else if number.is_infinite() {
        if number > 0.0 { "+Inf" } else { "-Inf" }.to_string()
    } else {
        // Rust's `Display` is also shortest-round-trip without an exponent.
        format!("{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_as_go_writes_them() {
        assert_eq!(go_float(1.5), "1.5");
        assert_eq!(go_float(1.0), "1");
        assert_eq!(go_float(0.1), "0.1");
        assert_eq!(go_float(-0.0), "-0");
        assert_eq!(go_float(1e21), "1000000000000000000000");
        assert_eq!(go_float(1.2345678901234567e19), "12345678901234567000");
        assert_eq!(go_float(1e-7), "0.0000001");
        assert_eq!(go_float(f64::INFINITY), "+Inf");
        assert_eq!(go_float(f64::NEG_INFINITY), "-Inf");
        assert_eq!(go_float(f64::NAN), "NaN");
    }

    #[test]
    fn mac_bytes_follow_sops() {
        assert_eq!(Scalar::Bool(true).mac_bytes(), b"True");
        assert_eq!(Scalar::Bool(false).mac_bytes(), b"False");
        assert_eq!(Scalar::Int(-42).mac_bytes(), b"-42");
        assert_eq!(Scalar::Float(8080.0).mac_bytes(), b"8080");
        assert_eq!(Scalar::Bool(true).value_bytes(), b"true");
        assert_eq!(Scalar::Str("x y".into()).value_bytes(), b"x y");
    }

    #[test]
    fn debug_never_shows_a_value() {
        let node = Node::Map(vec![(
            "password".into(),
            Node::Scalar(Scalar::Str("hunter2".into())),
        )]);
        let shown = format!("{node:?}");
        assert!(shown.contains("password") && !shown.contains("hunter2"));
    }
}
