//! Decrypting a SOPS tree and checking its MAC, as SOPS's `Tree.Decrypt` does: every
//! leaf in file order, encrypted ones opened with their path as additional data, and
//! a SHA-512 over the cleartext values that must equal the MAC SOPS stored, encrypted
//! under the data key with `lastmodified` as additional data. Nothing is returned
//! before that check has passed.

use super::cipher::{CipherError, Encrypted, Plain};
use super::error::{Result, altered};
use super::metadata::Metadata;
use super::tree::{Document, Node, Scalar};
use crate::crypto::{DataKey, SecretBytes};
use sha2::{Digest, Sha512};
use subtle::ConstantTimeEq;

/// SHA-256 of `sops`: where the MAC starts when it covers only encrypted values, so
/// that it never equals a MAC over all of them.
const MAC_ONLY_ENCRYPTED_INIT: [u8; 32] = [
    0x8a, 0x3f, 0xd2, 0xad, 0x54, 0xce, 0x66, 0x52, 0x7b, 0x10, 0x34, 0xf3, 0xd1, 0x47, 0xbe, 0x0b,
    0x0b, 0x97, 0x5b, 0x3b, 0xf4, 0x4f, 0x72, 0xc6, 0xfd, 0xad, 0xec, 0x81, 0x76, 0xf2, 0x7d, 0x69,
];

/// One step of a leaf's place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A cleartext leaf: which document of the file, where in it, and its value as
/// `sops --decrypt` shows it.
pub struct Leaf {
    pub document: usize,
    pub path: Vec<Step>,
    pub value: SecretBytes,
}

/// Where the walk is: the SOPS path (map keys only) and the full place.
struct Walk<'a> {
    metadata: &'a Metadata,
    key: &'a DataKey,
    hash: Sha512,
    keys: Vec<&'a str>,
    steps: Vec<Step>,
    document: usize,
    documents: usize,
    leaves: Vec<Leaf>,
}

pub fn decrypt(document: &Document, metadata: &Metadata, key: &DataKey) -> Result<Vec<Leaf>> {
    let mut hash = Sha512::new();
    if metadata.mac_only_encrypted {
        hash.update(MAC_ONLY_ENCRYPTED_INIT);
    }
    let mut walk = Walk {
        metadata,
        key,
        hash,
        keys: Vec::new(),
        steps: Vec::new(),
        document: 0,
        documents: document.branches.len(),
        leaves: Vec::new(),
    };
    for (index, branch) in document.branches.iter().enumerate() {
        walk.document = index;
        walk.map(branch)?;
    }
    let computed = hex::encode_upper(walk.hash.finalize());
    check_mac(metadata, key, &computed)?;
    Ok(walk.leaves)
}

impl<'a> Walk<'a> {
    fn map(&mut self, items: &'a [(String, Node)]) -> Result<()> {
        for (name, value) in items {
            self.keys.push(name);
            self.steps.push(Step::Key(name.clone()));
            self.node(value)?;
            self.steps.pop();
            self.keys.pop();
        }
        Ok(())
    }

    fn node(&mut self, node: &'a Node) -> Result<()> {
        match node {
            Node::Map(items) => self.map(items),
            Node::List(items) => {
                // A list item has its list's path: SOPS adds no index to it.
                for (index, item) in items.iter().enumerate() {
                    self.steps.push(Step::Index(index));
                    self.node(item)?;
                    self.steps.pop();
                }
                Ok(())
            }
            // SOPS leaves nulls alone: not encrypted, not in the MAC.
            Node::Null => Ok(()),
            Node::Scalar(scalar) => self.leaf(scalar),
        }
    }

    fn leaf(&mut self, scalar: &Scalar) -> Result<()> {
        let encrypted = self.metadata.should_encrypt(&self.keys);
        let plain = if encrypted {
            self.open(scalar)?
        } else {
            Plain::Scalar(scalar.clone())
        };
        if encrypted || !self.metadata.mac_only_encrypted {
            self.hash.update(&*plain.mac_bytes());
        }
        self.leaves.push(Leaf {
            document: self.document,
            path: self.steps.clone(),
            value: plain.value_bytes(),
        });
        Ok(())
    }

    fn open(&self, scalar: &Scalar) -> Result<Plain> {
        let place = self.place();
        let text = match scalar {
            // SOPS does not encrypt an empty string, and reads one back as empty.
            Scalar::Str(text) if text.is_empty() => return Ok(Plain::Scalar(scalar.clone())),
            Scalar::Str(text) => text,
            _ => {
                return Err(altered(format!(
                    "the value at {place} is not encrypted, yet SOPS encrypts it"
                )));
            }
        };
        let encrypted = Encrypted::parse(text).ok_or_else(|| {
            altered(format!(
                "the value at {place} is not an ENC[AES256_GCM,…] value, yet SOPS encrypts it"
            ))
        })?;
        let aad = format!("{}:", self.keys.join(":"));
        encrypted
            .decrypt(self.key.as_bytes(), aad.as_bytes())
            .map_err(|err| match err {
                CipherError::DoesNotOpen => altered(format!(
                    "the value at {place} does not decrypt (its ciphertext was changed, or moved from another key)"
                )),
                // The type is outside the AEAD; a file SOPS wrote always matches it.
                CipherError::NotItsType(kind) => altered(format!(
                    "the value at {place} is not a valid '{kind}' (its type was changed)"
                )),
            })
    }

    fn place(&self) -> String {
        place(self.document, &self.steps, self.documents)
    }
}

impl Leaf {
    /// Where the leaf is, for messages: `'db.password'`, `'hosts.0' of document 2`.
    pub fn place(&self, documents: usize) -> String {
        place(self.document, &self.path, documents)
    }
}

fn place(document: usize, steps: &[Step], documents: usize) -> String {
    if documents > 1 {
        format!("{} of document {}", display_path(steps), document + 1)
    } else {
        display_path(steps)
    }
}

/// `'db.password'`, `'hosts.0'`: the dotted form SOPS users write.
pub fn display_path(steps: &[Step]) -> String {
    let parts: Vec<String> = steps
        .iter()
        .map(|step| match step {
            Step::Key(key) => key.chars().take(80).collect(),
            Step::Index(index) => index.to_string(),
        })
        .collect();
    format!("'{}'", parts.join("."))
}

fn check_mac(metadata: &Metadata, key: &DataKey, computed: &str) -> Result<()> {
    let stored = metadata
        .mac
        .as_deref()
        .ok_or_else(|| altered("it has no MAC (`sops.mac`), so its values cannot be checked"))?;
    let encrypted = Encrypted::parse(stored)
        .ok_or_else(|| altered("its MAC (`sops.mac`) is not an ENC[AES256_GCM,…] value"))?;
    let opened = encrypted
        .open(key.as_bytes(), metadata.last_modified.as_bytes())
        .map_err(|_| {
            altered("its MAC does not decrypt (the MAC or `sops.lastmodified` was changed)")
        })?;
    if encrypted.kind != "str" || !bool::from(opened.as_slice().ct_eq(computed.as_bytes())) {
        return Err(altered(
            "its MAC does not match its values (a value, key or order was changed)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sops::cipher::tests::seal;
    use crate::sops::metadata::Rule;

    fn meta(mac: Option<String>, mac_only_encrypted: bool) -> Metadata {
        Metadata {
            age: Vec::new(),
            other_keys: Vec::new(),
            last_modified: "2024-01-01T00:00:00Z".into(),
            mac,
            rule: Rule::UnencryptedSuffix("_unencrypted".into()),
            mac_only_encrypted,
        }
    }

    fn text(value: &str) -> Node {
        Node::Scalar(Scalar::Str(value.into()))
    }

    /// `{db: {password: s3cret, port: 5432 (int)}, hosts: [a, b], note_unencrypted: 7, n: null}`
    fn document(key: &[u8; 32]) -> Document {
        Document {
            branches: vec![vec![
                (
                    "db".into(),
                    Node::Map(vec![
                        (
                            "password".into(),
                            text(&seal(key, "db:password:", b"s3cret", "str")),
                        ),
                        ("port".into(), text(&seal(key, "db:port:", b"5432", "int"))),
                        (
                            "flag".into(),
                            text(&seal(key, "db:flag:", b"False", "bool")),
                        ),
                    ]),
                ),
                (
                    "hosts".into(),
                    Node::List(vec![
                        text(&seal(key, "hosts:", b"a", "str")),
                        text(&seal(key, "hosts:", b"b", "str")),
                    ]),
                ),
                ("note_unencrypted".into(), Node::Scalar(Scalar::Int(7))),
                ("n".into(), Node::Null),
                ("e".into(), text("")),
            ]],
            metadata: Node::Null,
        }
    }

    fn mac_of(parts: &[&[u8]], init: bool) -> String {
        let mut hash = Sha512::new();
        if init {
            hash.update(MAC_ONLY_ENCRYPTED_INIT);
        }
        for part in parts {
            hash.update(part);
        }
        hex::encode_upper(hash.finalize())
    }

    #[test]
    fn the_init_constant_is_sha256_of_sops() {
        assert_eq!(
            sha2::Sha256::digest(b"sops").as_slice(),
            MAC_ONLY_ENCRYPTED_INIT
        );
    }

    #[test]
    fn decrypts_in_order_and_checks_the_mac() {
        let key = [3u8; 32];
        let data_key = DataKey::from_slice(&key).unwrap();
        let mac = mac_of(&[b"s3cret", b"5432", b"False", b"a", b"b", b"7"], false);
        let good = meta(
            Some(seal(&key, "2024-01-01T00:00:00Z", mac.as_bytes(), "str")),
            false,
        );
        let leaves = decrypt(&document(&key), &good, &data_key).unwrap();
        let shown: Vec<(String, Vec<u8>)> = leaves
            .iter()
            .map(|leaf| (display_path(&leaf.path), leaf.value.expose().to_vec()))
            .collect();
        assert_eq!(
            shown,
            [
                ("'db.password'".to_string(), b"s3cret".to_vec()),
                ("'db.port'".to_string(), b"5432".to_vec()),
                ("'db.flag'".to_string(), b"false".to_vec()),
                ("'hosts.0'".to_string(), b"a".to_vec()),
                ("'hosts.1'".to_string(), b"b".to_vec()),
                ("'note_unencrypted'".to_string(), b"7".to_vec()),
                ("'e'".to_string(), b"".to_vec()),
            ]
        );

        let only = mac_of(&[b"s3cret", b"5432", b"False", b"a", b"b"], true);
        let only_encrypted = meta(
            Some(seal(&key, "2024-01-01T00:00:00Z", only.as_bytes(), "str")),
            true,
        );
        assert!(decrypt(&document(&key), &only_encrypted, &data_key).is_ok());
    }

    #[test]
    fn any_change_is_an_alteration() {
        let key = [3u8; 32];
        let data_key = DataKey::from_slice(&key).unwrap();
        let mac = mac_of(&[b"s3cret", b"5432", b"False", b"a", b"b", b"7"], false);
        let good = meta(
            Some(seal(&key, "2024-01-01T00:00:00Z", mac.as_bytes(), "str")),
            false,
        );
        let is_altered = |document: &Document, metadata: &Metadata| {
            matches!(
                decrypt(document, metadata, &data_key),
                Err(super::super::error::SopsError::Altered(_))
            )
        };
        // A clear value changed.
        let mut doc = document(&key);
        doc.branches[0][2].1 = Node::Scalar(Scalar::Int(8));
        assert!(is_altered(&doc, &good));
        // Two list items swapped (each opens, the MAC sees the order).
        let mut doc = document(&key);
        if let Node::List(items) = &mut doc.branches[0][1].1 {
            items.swap(0, 1);
        }
        assert!(is_altered(&doc, &good));
        // A ciphertext moved to another key.
        let mut doc = document(&key);
        let moved = doc.branches[0][1].1.clone();
        doc.branches[0][0].1 = moved;
        assert!(is_altered(&doc, &good));
        // An encrypted value replaced by a clear one.
        let mut doc = document(&key);
        doc.branches[0][1].1 = Node::List(vec![text("a"), text("b")]);
        assert!(is_altered(&doc, &good));
        // The MAC missing, bound to another time, or over other values.
        assert!(is_altered(&document(&key), &meta(None, false)));
        let mut moved_time = meta(good.mac.clone(), false);
        moved_time.last_modified = "2024-01-01T00:00:01Z".into();
        assert!(is_altered(&document(&key), &moved_time));
        let other = mac_of(&[b"x"], false);
        let wrong = meta(
            Some(seal(&key, "2024-01-01T00:00:00Z", other.as_bytes(), "str")),
            false,
        );
        assert!(is_altered(&document(&key), &wrong));
    }
}
