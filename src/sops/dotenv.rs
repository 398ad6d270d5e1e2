//! dotenv files, read as SOPS reads them: one `KEY=VALUE` per line, split at the first
//! `=`, `\n` in a value meaning a line break, `#` lines comments, nothing trimmed. The
//! metadata is stored flat, as `sops_…` keys (`sops_age__list_0__map_recipient`),
//! and is put back into a tree here.

use super::MAX_DEPTH;
use super::error::{Result, malformed};
use super::tree::{Document, Node, Scalar};

const METADATA_PREFIX: &str = "sops_";
const MAP_SEPARATOR: &str = "__map_";
const LIST_SEPARATOR: &str = "__list_";

pub fn parse(text: &str) -> Result<Document> {
    let mut branch = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut metadata = Node::Map(Vec::new());
    for (index, line) in text.split('\n').enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once('=').ok_or_else(|| {
            malformed(format!(
                "line {} is neither KEY=VALUE nor a # comment",
                index + 1
            ))
        })?;
        let value = value.replace("\\n", "\n");
        match key.strip_prefix(METADATA_PREFIX) {
            Some(flat) => insert_flat(&mut metadata, flat, metadata_value(flat, value))
                .map_err(|why| malformed(format!("line {}: {why}", index + 1)))?,
            None => {
                if !seen.insert(key) {
                    return Err(malformed(format!(
                        "the key '{key}' appears twice (line {})",
                        index + 1
                    )));
                }
                branch.push((key.to_string(), Node::Scalar(Scalar::Str(value))));
            }
        }
    }
    Ok(Document {
        branches: vec![branch],
        metadata,
    })
}

/// SOPS writes the few metadata fields that are not strings as text; read them back.
fn metadata_value(flat: &str, value: String) -> Node {
    match (flat, value.as_str()) {
        ("mac_only_encrypted", "true") => Node::Scalar(Scalar::Bool(true)),
        ("mac_only_encrypted", "false") => Node::Scalar(Scalar::Bool(false)),
        ("shamir_threshold", number) => number
            .parse()
            .map_or(Node::Scalar(Scalar::Str(value.clone())), |n| {
                Node::Scalar(Scalar::Int(n))
            }),
        _ => Node::Scalar(Scalar::Str(value)),
    }
}

/// One step of a flattened metadata key.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `age__list_0__map_enc` → [Key("age"), Index(0), Key("enc")].
fn steps(flat: &str) -> Result<Vec<Step<'_>>, String> {
    let mut steps = Vec::new();
    let mut rest = flat;
    let mut current = Step::Key("");
    loop {
        let next_map = rest.find(MAP_SEPARATOR);
        let next_list = rest.find(LIST_SEPARATOR);
        let (at, separator) = match (next_map, next_list) {
            (Some(m), Some(l)) if l < m => (l, LIST_SEPARATOR),
            (Some(m), _) => (m, MAP_SEPARATOR),
            (None, Some(l)) => (l, LIST_SEPARATOR),
            (None, None) => (rest.len(), ""),
        };
        let text = &rest[..at];
        steps.push(match current {
            Step::Key(_) => Step::Key(text),
            Step::Index(_) => Step::Index(
                text.parse()
                    .ok()
                    .filter(|i| *i < 1024)
                    .ok_or_else(|| "a metadata list index is not a small number".to_string())?,
            ),
        });
        if separator.is_empty() {
            break;
        }
        current = if separator == LIST_SEPARATOR {
            Step::Index(0)
        } else {
            Step::Key("")
        };
        rest = &rest[at + separator.len()..];
    }
    if steps.len() > MAX_DEPTH {
        return Err("a metadata key is nested too deeply".to_string());
    }
    Ok(steps)
}

fn insert_flat(root: &mut Node, flat: &str, value: Node) -> Result<(), String> {
    let steps = steps(flat)?;
    let mut node = root;
    for (position, step) in steps.iter().enumerate() {
        let last = position + 1 == steps.len();
        let empty_child = || match steps.get(position + 1) {
            Some(Step::Index(_)) => Node::List(Vec::new()),
            _ => Node::Map(Vec::new()),
        };
        node = match (node, step) {
            (Node::Map(items), Step::Key(key)) => {
                let at = match items.iter().position(|(k, _)| k == key) {
                    Some(_) if last => {
                        return Err(format!("the metadata key sops_{flat} appears twice"));
                    }
                    Some(at) => at,
                    None => {
                        items.push(((*key).to_string(), empty_child()));
                        items.len() - 1
                    }
                };
                &mut items[at].1
            }
            (Node::List(items), Step::Index(index)) => {
                while items.len() <= *index {
                    items.push(Node::Null);
                }
                if matches!(items[*index], Node::Null) && !last {
                    items[*index] = empty_child();
                }
                &mut items[*index]
            }
            _ => {
                return Err(format!(
                    "the metadata key sops_{flat} does not fit the others"
                ));
            }
        };
        if last {
            *node = value;
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_as_sops_does() {
        let doc = parse("A=x=y\nB=  two\\nlines \n#c\n\nC=\r\nsops_mac=M\nsops_age__list_0__map_recipient=age1x\nsops_age__list_0__map_enc=-----BEGIN\\nZZ\\n\nsops_age__list_1__map_recipient=age1y\nsops_mac_only_encrypted=true\n").unwrap();
        let branch = &doc.branches[0];
        let value = |i: usize| branch[i].1.as_str().unwrap().to_string();
        assert_eq!(branch.len(), 3);
        assert_eq!(value(0), "x=y");
        assert_eq!(value(1), "  two\nlines ");
        assert_eq!(value(2), "\r");
        let meta = &doc.metadata;
        assert_eq!(meta.get("mac").and_then(Node::as_str), Some("M"));
        let Some(Node::List(age)) = meta.get("age") else {
            panic!("no age list: {meta:?}")
        };
        assert_eq!(age.len(), 2);
        assert_eq!(
            age[0].get("enc").and_then(Node::as_str),
            Some("-----BEGIN\nZZ\n")
        );
        assert_eq!(
            age[1].get("recipient").and_then(Node::as_str),
            Some("age1y")
        );
        assert_eq!(
            meta.get("mac_only_encrypted"),
            Some(&Node::Scalar(Scalar::Bool(true)))
        );
    }

    #[test]
    fn refuses_broken_lines() {
        assert!(parse("just text\n").is_err());
        assert!(parse("A=1\nA=2\n").is_err());
        assert!(parse("sops_mac=1\nsops_mac=2\n").is_err());
        assert!(parse("sops_age__list_99999999__map_enc=x\n").is_err());
        let err = parse("A=1\nsecret-value-without-key\n").err().unwrap();
        assert!(!format!("{err:?}").contains("secret-value"));
    }

    #[test]
    fn flattened_keys_split_into_steps() {
        assert_eq!(
            steps("key_groups__list_0__map_age__list_1__map_enc").unwrap(),
            [
                Step::Key("key_groups"),
                Step::Index(0),
                Step::Key("age"),
                Step::Index(1),
                Step::Key("enc")
            ]
        );
        assert_eq!(steps("lastmodified").unwrap(), [Step::Key("lastmodified")]);
    }
}
