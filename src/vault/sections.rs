//! The vault file's layout, for reads that touch only what they need: the head
//! (format, id, head, policy, root, principals, keyrings, grants, requests), then one
//! section per secret, sorted by name: its table (its versions one line each) and its
//! rotation's tables. The file is its own index: a secret is found by a binary search
//! over section headers, and the secrets under a prefix are one run of sections.

use crate::sorted_file;
use std::fs::File;
use std::io;
use std::ops::Range;

/// Where each section starts: a secret's table header at the start of a line.
const SECTION: &[u8] = b"\n[secrets.";

pub struct Layout {
    pub file: sorted_file::Reader,
    pub len: u64,
    /// Where the first secret's section starts (the length, without secrets).
    pub secrets_start: u64,
    /// Whether the file ends a line, as tresor writes it (a section appended after one
    /// that does not must start a line of its own).
    pub ends_a_line: bool,
}

impl Layout {
    pub fn new(file: File) -> io::Result<Layout> {
        let len = file.metadata()?.len();
        let file = sorted_file::Reader::new(file);
        let secrets_start = file.find(SECTION, 0, len)?.map_or(len, |at| at + 1);
        let ends_a_line = len == 0 || file.read_range(len - 1, len)? == b"\n";
        Ok(Layout {
            file,
            len,
            secrets_start,
            ends_a_line,
        })
    }

    /// The head's bytes.
    pub fn head(&self) -> io::Result<Vec<u8>> {
        self.file.read_range(0, self.secrets_start)
    }

    /// The bytes of one section.
    pub fn bytes(&self, range: &Range<u64>) -> io::Result<Vec<u8>> {
        self.file.read_range(range.start, range.end)
    }

    /// The section of the secret `name`, if the file holds one.
    pub fn find(&self, name: &str) -> Result<Option<Range<u64>>, Malformed> {
        match self.seek(name)? {
            Some((start, found)) if found == name => Ok(Some(start..self.end_of(start)?)),
            _ => Ok(None),
        }
    }

    /// Where the section of `name` would start: the first section not before it.
    pub fn insertion_point(&self, name: &str) -> Result<u64, Malformed> {
        Ok(self.seek(name)?.map_or(self.len, |(start, _)| start))
    }

    /// The sections of every secret whose name starts with `prefix`, in order.
    pub fn with_prefix(&self, prefix: &str) -> Result<Vec<(String, Range<u64>)>, Malformed> {
        let mut sections = Vec::new();
        let mut next = self.seek(prefix)?;
        while let Some((start, name)) = next.take() {
            if !name.starts_with(prefix) {
                break;
            }
            next = self.next_section_at(start + 1)?;
            let end = next.as_ref().map_or(self.len, |(at, _)| *at);
            if let Some((_, following)) = &next
                && following.as_str() <= name.as_str()
            {
                return Err(Malformed::OutOfOrder(following.clone()));
            }
            sections.push((name, start..end));
        }
        Ok(sections)
    }

    /// Every section, in order.
    pub fn all(&self) -> Result<Vec<(String, Range<u64>)>, Malformed> {
        self.with_prefix("")
    }

    fn seek(&self, name: &str) -> Result<Option<(u64, String)>, Malformed> {
        let mut failure = None;
        let found = sorted_file::seek(
            |pos| match self.next_section_at(pos) {
                Ok(next) => Ok(next),
                Err(err) => {
                    failure = Some(err);
                    Ok(None)
                }
            },
            |found: &String| found.as_str() < name,
            self.secrets_start,
            self.len,
        )?;
        match failure {
            Some(err) => Err(err),
            None => Ok(found),
        }
    }

    /// Where the section starting at `start` ends: where the next one starts.
    fn end_of(&self, start: u64) -> Result<u64, Malformed> {
        Ok(self
            .next_section_at(start + 1)?
            .map_or(self.len, |(at, _)| at))
    }

    /// The first secret table (not a rotation table inside a section) whose header
    /// starts at or after `pos`, with its name.
    fn next_section_at(&self, pos: u64) -> Result<Option<(u64, String)>, Malformed> {
        let mut from = pos.max(self.secrets_start);
        loop {
            let start = if from == self.secrets_start {
                from
            } else {
                match self.file.find(SECTION, from - 1, self.len)? {
                    Some(newline) => newline + 1,
                    None => return Ok(None),
                }
            };
            if start >= self.len {
                return Ok(None);
            }
            let (line, _) = self
                .file
                .line_at(start, self.len)?
                .ok_or(Malformed::Header(start))?;
            match parse_header(&line).ok_or(Malformed::Header(start))? {
                Header::Secret(name) => return Ok(Some((start, name))),
                Header::Inner => from = start + 1,
            }
        }
    }
}

/// Why the file is not laid out as tresor writes it.
#[derive(Debug)]
pub enum Malformed {
    Io(io::Error),
    /// A `[secrets.…]` line at this offset that is not a secret's table header.
    Header(u64),
    /// The sections are not sorted: this one comes too late.
    OutOfOrder(String),
}

impl From<io::Error> for Malformed {
    fn from(err: io::Error) -> Self {
        Malformed::Io(err)
    }
}

enum Header {
    Secret(String),
    /// A table inside the section: the rotation's plan or journal.
    Inner,
}

/// A section line: `[secrets.NAME]`, or a table of its own inside the section, its
/// rotation's `[secrets.NAME.plan]` and `[secrets.NAME.journal]`; read by `toml`.
/// Versions are lines of the secret's table, never tables of their own.
fn parse_header(line: &[u8]) -> Option<Header> {
    let text = std::str::from_utf8(line).ok()?;
    if !text.starts_with("[secrets.") || !text.ends_with(']') || text.starts_with("[[") {
        return None;
    }
    let document: toml::Table = toml::from_str(text).ok()?;
    let secrets = document.get("secrets")?.as_table()?;
    let mut entries = secrets.iter();
    let (name, table) = entries.next()?;
    if entries.next().is_some() {
        return None;
    }
    let table = table.as_table()?;
    if table.is_empty() {
        Some(Header::Secret(name.clone()))
    } else if table.len() == 1 && ["plan", "journal"].iter().any(|k| table.contains_key(*k)) {
        Some(Header::Inner)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn layout_of(text: &str) -> Layout {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        Layout::new(file).unwrap()
    }

    fn vault_text(names: &[String]) -> String {
        let mut text = String::from("format = 2\nid = \"x\"\n\n[root]\nadmin = \"a\"\n");
        for name in names {
            text.push_str(&format!(
                "\n[secrets.\"{name}\"]\naliases = {{ current = 1 }}\nversions.1 = {{ created = \"t\", author = \"a\" }}\n"
            ));
        }
        text
    }

    #[test]
    fn finds_each_secret_and_nothing_else() {
        let names: Vec<String> = (0..3000).map(|n| format!("app/s{:05}", n * 2)).collect();
        let text = vault_text(&names);
        let layout = layout_of(&text);
        for n in [0, 1, 2, 1501, 2998, 5998, 5999] {
            let name = format!("app/s{n:05}");
            let found = layout.find(&name).unwrap();
            assert_eq!(found.is_some(), n % 2 == 0 && n < 6000, "{name}");
            if let Some(range) = found {
                let bytes = String::from_utf8(layout.bytes(&range).unwrap()).unwrap();
                assert!(bytes.starts_with(&format!("[secrets.\"{name}\"]\n")));
                assert!(
                    bytes
                        .trim_end()
                        .ends_with("versions.1 = { created = \"t\", author = \"a\" }")
                );
                assert_eq!(bytes.matches("[secrets.").count(), 1);
            }
        }
        assert_eq!(layout.all().unwrap().len(), 3000);
        assert!(layout.find("zzz").unwrap().is_none());
        assert!(layout.find("").unwrap().is_none());
    }

    #[test]
    fn a_prefix_is_one_run_of_sections() {
        let mut names: Vec<String> = (0..500).map(|n| format!("a/{n:04}")).collect();
        names.extend((0..10).map(|n| format!("prod/app/{n}")));
        names.extend((0..500).map(|n| format!("z/{n:04}")));
        let layout = layout_of(&vault_text(&names));
        let found = layout.with_prefix("prod/app/").unwrap();
        let found: Vec<&str> = found.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            found,
            names[500..510]
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_planned_secret_is_one_section_with_its_plan_and_journal() {
        let text = "format = 2\n\n[secrets.\"a\"]\nversions.1 = { created = \"t\" }\n\n[secrets.\"a\".plan]\nsystem = \"postgres\"\n\n[secrets.\"a\".journal]\nversion = 1\n\n[secrets.\"b\"]\ncreated = \"t\"\n";
        let layout = layout_of(text);
        let all = layout.all().unwrap();
        assert_eq!(all.len(), 2);
        let a = String::from_utf8(layout.bytes(&all[0].1).unwrap()).unwrap();
        assert!(
            a.contains(".plan]") && a.contains(".journal]") && a.contains("versions.1 = "),
            "{a}"
        );
        assert!(!a.contains("\"b\""));
    }

    #[test]
    fn a_version_table_is_not_a_header_tresor_writes() {
        let text = "format = 2\n\n[secrets.\"a\"]\ncreated = \"t\"\n\n[secrets.\"a\".versions.1]\ncreated = \"t\"\n";
        let layout = layout_of(text);
        assert!(matches!(layout.all(), Err(Malformed::Header(_))));
    }

    #[test]
    fn sections_out_of_order_are_malformed() {
        let names = vec!["b".to_string(), "a".to_string()];
        let layout = layout_of(&vault_text(&names));
        assert!(matches!(layout.all(), Err(Malformed::OutOfOrder(_))));
    }

    #[test]
    fn a_vault_without_secrets_has_an_empty_tail() {
        let layout = layout_of(&vault_text(&[]));
        assert_eq!(layout.secrets_start, layout.len);
        assert!(layout.all().unwrap().is_empty());
    }
}
