//! The `sops` block: who the data key is wrapped to, the encrypted MAC and the time
//! it was made at, and the rule that says which leaves are encrypted.

use super::error::{Result, malformed, unsupported};
use super::tree::{Node, Scalar};
use regex::Regex;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// SOPS's default rule: a leaf under a key ending in `_unencrypted` stays clear.
const DEFAULT_UNENCRYPTED_SUFFIX: &str = "_unencrypted";

/// Key types SOPS supports besides age; tresor opens only age.
const OTHER_KEY_TYPES: [&str; 6] = ["pgp", "kms", "gcp_kms", "azure_kv", "hc_vault", "hckms"];

/// One wrapping of the data key: an armored age file to `recipient`.
pub struct AgeStanza {
    pub recipient: String,
    pub enc: String,
}

/// Which leaves SOPS encrypts: exactly one rule per file.
pub enum Rule {
    UnencryptedSuffix(String),
    EncryptedSuffix(String),
    UnencryptedRegex(Regex),
    EncryptedRegex(Regex),
}

pub struct Metadata {
    pub age: Vec<AgeStanza>,
    /// Other key types the data key is wrapped to (for the error when no age key opens it).
    pub other_keys: Vec<&'static str>,
    /// `lastmodified` as SOPS formats it for the MAC's additional data.
    pub last_modified: String,
    /// The encrypted MAC; `None` when the file has none (SOPS refuses such a file).
    pub mac: Option<String>,
    pub rule: Rule,
    pub mac_only_encrypted: bool,
}

impl Metadata {
    pub fn parse(node: &Node) -> Result<Metadata> {
        if !matches!(node, Node::Map(_)) {
            return Err(malformed(
                "it has no `sops` metadata (is it encrypted with `sops --encrypt`?)",
            ));
        }
        let groups = match node.get("key_groups") {
            None | Some(Node::Null) => vec![node],
            Some(Node::List(groups)) if groups.len() == 1 => groups.iter().collect(),
            Some(Node::List(_)) => {
                return Err(unsupported(
                    "its data key is split across several key groups (Shamir's secret sharing)",
                ));
            }
            Some(_) => return Err(malformed("its `sops.key_groups` is not a list")),
        };
        let mut age = Vec::new();
        let mut other_keys = Vec::new();
        for group in groups {
            age.extend(age_stanzas(group)?);
            for kind in OTHER_KEY_TYPES {
                if matches!(group.get(kind), Some(Node::List(keys)) if !keys.is_empty()) {
                    other_keys.push(kind);
                }
            }
        }
        let mac = match node.get("mac") {
            None | Some(Node::Null) => None,
            Some(Node::Scalar(Scalar::Str(mac))) if mac.is_empty() => None,
            Some(Node::Scalar(Scalar::Str(mac))) => Some(mac.clone()),
            Some(_) => return Err(malformed("its `sops.mac` is not a string")),
        };
        let mac_only_encrypted = match node.get("mac_only_encrypted") {
            None | Some(Node::Null) => false,
            Some(Node::Scalar(Scalar::Bool(flag))) => *flag,
            Some(_) => return Err(malformed("its `sops.mac_only_encrypted` is not a boolean")),
        };
        Ok(Metadata {
            age,
            other_keys,
            last_modified: last_modified(node)?,
            mac,
            rule: rule(node)?,
            mac_only_encrypted,
        })
    }

    /// Whether SOPS encrypts the leaf at `path` (map keys only: list positions are not
    /// part of a SOPS path), as `Tree.shouldBeEncrypted` decides it.
    pub fn should_encrypt(&self, path: &[&str]) -> bool {
        match &self.rule {
            Rule::UnencryptedSuffix(suffix) => {
                !path.iter().any(|key| key.ends_with(suffix.as_str()))
            }
            Rule::EncryptedSuffix(suffix) => path.iter().any(|key| key.ends_with(suffix.as_str())),
            Rule::UnencryptedRegex(regex) => !path.iter().any(|key| regex.is_match(key)),
            Rule::EncryptedRegex(regex) => path.iter().any(|key| regex.is_match(key)),
        }
    }
}

fn age_stanzas(group: &Node) -> Result<Vec<AgeStanza>> {
    let entries = match group.get("age") {
        None | Some(Node::Null) => return Ok(Vec::new()),
        Some(Node::List(entries)) => entries,
        Some(_) => return Err(malformed("its `sops.age` is not a list")),
    };
    entries
        .iter()
        .map(|entry| {
            let field = |name: &str| {
                entry
                    .get(name)
                    .and_then(Node::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| malformed(format!("an entry of `sops.age` has no `{name}`")))
            };
            Ok(AgeStanza {
                recipient: field("recipient")?,
                enc: field("enc")?,
            })
        })
        .collect()
}

/// `lastmodified` parsed and written back as Go's `time.RFC3339` does, which is the
/// additional data SOPS binds the MAC to.
fn last_modified(node: &Node) -> Result<String> {
    let text = node
        .get("lastmodified")
        .and_then(Node::as_str)
        .ok_or_else(|| malformed("its `sops.lastmodified` is missing"))?;
    let moment = OffsetDateTime::parse(text, &Rfc3339)
        .map_err(|_| malformed("its `sops.lastmodified` is not an RFC 3339 time"))?;
    Ok(go_rfc3339(moment))
}

fn go_rfc3339(moment: OffsetDateTime) -> String {
    let date = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        moment.year(),
        u8::from(moment.month()),
        moment.day(),
        moment.hour(),
        moment.minute(),
        moment.second()
    );
    let offset = moment.offset();
    if offset.is_utc() {
        format!("{date}Z")
    } else {
        let (hours, minutes, _) = offset.as_hms();
        let sign = if offset.is_negative() { '-' } else { '+' };
        format!(
            "{date}{sign}{:02}:{:02}",
            hours.unsigned_abs(),
            minutes.unsigned_abs()
        )
    }
}

fn rule(node: &Node) -> Result<Rule> {
    let text = |name: &str| -> Result<Option<String>> {
        match node.get(name) {
            None | Some(Node::Null) => Ok(None),
            Some(Node::Scalar(Scalar::Str(text))) if text.is_empty() => Ok(None),
            Some(Node::Scalar(Scalar::Str(text))) => Ok(Some(text.clone())),
            Some(_) => Err(malformed(format!("its `sops.{name}` is not a string"))),
        }
    };
    let regex = |name: &str, pattern: &str| {
        Regex::new(pattern).map_err(|_| {
            malformed(format!(
                "its `sops.{name}` is not a valid regular expression"
            ))
        })
    };
    let mut rules = Vec::new();
    if let Some(suffix) = text("unencrypted_suffix")? {
        rules.push(Rule::UnencryptedSuffix(suffix));
    }
    if let Some(suffix) = text("encrypted_suffix")? {
        rules.push(Rule::EncryptedSuffix(suffix));
    }
    if let Some(pattern) = text("unencrypted_regex")? {
        rules.push(Rule::UnencryptedRegex(regex(
            "unencrypted_regex",
            &pattern,
        )?));
    }
    if let Some(pattern) = text("encrypted_regex")? {
        rules.push(Rule::EncryptedRegex(regex("encrypted_regex", &pattern)?));
    }
    for comment_rule in ["unencrypted_comment_regex", "encrypted_comment_regex"] {
        if text(comment_rule)?.is_some() {
            return Err(unsupported(format!(
                "it chooses what to encrypt by comments (`{comment_rule}`)"
            )));
        }
    }
    if rules.len() > 1 {
        return Err(malformed(
            "it names more than one of unencrypted_suffix, encrypted_suffix, unencrypted_regex and encrypted_regex",
        ));
    }
    Ok(rules
        .pop()
        .unwrap_or_else(|| Rule::UnencryptedSuffix(DEFAULT_UNENCRYPTED_SUFFIX.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(items: &[(&str, Node)]) -> Node {
        Node::Map(
            items
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.clone()))
                .collect(),
        )
    }

    fn text(value: &str) -> Node {
        Node::Scalar(Scalar::Str(value.to_string()))
    }

    #[test]
    fn last_modified_is_written_as_go_writes_it() {
        let at = |value: &str| last_modified(&map(&[("lastmodified", text(value))])).unwrap();
        assert_eq!(at("2024-05-01T10:20:30Z"), "2024-05-01T10:20:30Z");
        assert_eq!(at("2024-05-01T10:20:30.123456Z"), "2024-05-01T10:20:30Z");
        assert_eq!(at("2024-05-01T10:20:30+00:00"), "2024-05-01T10:20:30Z");
        assert_eq!(at("2024-05-01T10:20:30-07:30"), "2024-05-01T10:20:30-07:30");
        assert!(last_modified(&map(&[("lastmodified", text("yesterday"))])).is_err());
    }

    #[test]
    fn one_rule_decides_what_is_encrypted() {
        let base = |extra: &[(&str, Node)]| {
            let mut items = vec![("lastmodified", text("2024-05-01T10:20:30Z"))];
            items.extend_from_slice(extra);
            Metadata::parse(&map(&items))
        };
        let default = base(&[]).unwrap();
        assert!(default.should_encrypt(&["db", "password"]));
        assert!(!default.should_encrypt(&["db_unencrypted", "password"]));
        let regex = base(&[("encrypted_regex", text("^(data|stringData)$"))]).unwrap();
        assert!(regex.should_encrypt(&["data", "x"]));
        assert!(!regex.should_encrypt(&["metadata", "name"]));
        let suffix = base(&[("encrypted_suffix", text("_secret"))]).unwrap();
        assert!(suffix.should_encrypt(&["a_secret"]) && !suffix.should_encrypt(&["a"]));
        assert!(
            base(&[
                ("encrypted_suffix", text("_s")),
                ("encrypted_regex", text("x"))
            ])
            .is_err()
        );
        assert!(base(&[("encrypted_comment_regex", text("x"))]).is_err());
        assert!(base(&[("unencrypted_regex", text("("))]).is_err());
        assert!(Metadata::parse(&Node::Null).is_err());
    }

    #[test]
    fn key_groups_and_stanzas() {
        let stanza = map(&[("recipient", text("age1x")), ("enc", text("ENC"))]);
        let meta = Metadata::parse(&map(&[
            ("lastmodified", text("2024-05-01T10:20:30Z")),
            ("age", Node::List(vec![stanza.clone()])),
            ("pgp", Node::List(vec![text("k")])),
            ("mac", text("ENC[x]")),
            ("mac_only_encrypted", Node::Scalar(Scalar::Bool(true))),
        ]))
        .unwrap();
        assert_eq!(meta.age.len(), 1);
        assert_eq!(meta.age[0].recipient, "age1x");
        assert_eq!(meta.other_keys, ["pgp"]);
        assert_eq!(meta.mac.as_deref(), Some("ENC[x]"));
        assert!(meta.mac_only_encrypted);
        let group = map(&[("age", Node::List(vec![stanza]))]);
        let shamir = Metadata::parse(&map(&[
            ("lastmodified", text("2024-05-01T10:20:30Z")),
            ("key_groups", Node::List(vec![group.clone(), group])),
        ]));
        assert!(shamir.is_err());
    }
}
