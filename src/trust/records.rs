//! The ledger's records: what the last signed change of each record left (its digest,
//! its writer, its creator). The records this machine pinned stay in the pin file, one
//! sorted line each, looked up by binary search and never read whole; the changes
//! replayed since sit above them in memory. Saving the pin copies the unchanged lines
//! through the kernel, so it costs the size of the change, not of the vault.

use super::ledger::Record;
use crate::sorted_file;
use crate::vault::digest::{Kind, RecordKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::sync::Arc;

#[derive(Clone, Default)]
pub struct Records {
    base: Option<Arc<Base>>,
    /// Changes since the base: a record as it now stands, or `None` when removed.
    overlay: BTreeMap<RecordKey, Option<Record>>,
}

/// The pinned records: lines in [start, end) of the pin file.
struct Base {
    file: sorted_file::Reader,
    start: u64,
    end: u64,
}

/// A record line of the pin file.
#[derive(Serialize, Deserialize)]
struct Line {
    kind: String,
    key: String,
    digest: String,
    writer: String,
    creator: String,
}

impl Records {
    /// The records pinned in `file` between `start` and `end`.
    pub(super) fn pinned(file: sorted_file::Reader, start: u64, end: u64) -> Records {
        Records {
            base: Some(Arc::new(Base { file, start, end })),
            overlay: BTreeMap::new(),
        }
    }

    pub fn get(&self, key: &RecordKey) -> io::Result<Option<Record>> {
        if let Some(change) = self.overlay.get(key) {
            return Ok(change.clone());
        }
        match &self.base {
            None => Ok(None),
            Some(base) => Ok(base
                .seek(key)?
                .and_then(|(_, _, found, record)| (found == *key).then_some(record))),
        }
    }

    pub fn insert(&mut self, key: RecordKey, record: Record) {
        self.overlay.insert(key, Some(record));
    }

    pub fn remove(&mut self, key: &RecordKey) {
        self.overlay.insert(key.clone(), None);
    }

    /// Calls `visit` with each record from `from` on, in order, while it returns true.
    pub fn scan(
        &self,
        from: &RecordKey,
        mut visit: impl FnMut(&RecordKey, &Record) -> bool,
    ) -> io::Result<()> {
        let mut changes = self.overlay.range(from.clone()..).peekable();
        let mut pinned = match &self.base {
            Some(base) => Some(base.lines_from(from)?),
            None => None,
        };
        let mut next_pinned = match &mut pinned {
            Some(lines) => lines.next().transpose()?,
            None => None,
        };
        loop {
            let take_change = match (changes.peek(), &next_pinned) {
                (None, None) => return Ok(()),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (Some((changed, _)), Some((key, _))) => *changed <= key,
            };
            if take_change {
                let Some((key, change)) = changes.next() else {
                    return Ok(());
                };
                if next_pinned
                    .as_ref()
                    .is_some_and(|(pinned, _)| pinned == key)
                {
                    next_pinned = pinned.as_mut().and_then(|l| l.next()).transpose()?;
                }
                if let Some(record) = change
                    && !visit(key, record)
                {
                    return Ok(());
                }
            } else if let Some((key, record)) = next_pinned.take() {
                if !visit(&key, &record) {
                    return Ok(());
                }
                next_pinned = pinned.as_mut().and_then(|l| l.next()).transpose()?;
            }
        }
    }

    /// Writes every record, one sorted line each, after what `out` holds: the pinned
    /// lines copied in runs, the changes written in their places.
    pub(super) fn write(&self, out: &mut File) -> io::Result<()> {
        let mut lines = io::BufWriter::new(&mut *out);
        let Some(base) = &self.base else {
            for (key, change) in &self.overlay {
                if let Some(record) = change {
                    write_line(&mut lines, key, record)?;
                }
            }
            return lines.flush();
        };
        let mut copied_to = base.start;
        for (key, change) in &self.overlay {
            let (at, next, found) = match base.seek(key)? {
                Some((at, next, found, _)) => (at, next, found == *key),
                None => (base.end, base.end, false),
            };
            lines.flush()?;
            sorted_file::copy_range(base.file.file(), copied_to, at, lines.get_mut())?;
            if let Some(record) = change {
                write_line(&mut lines, key, record)?;
            }
            copied_to = if found { next } else { at };
        }
        lines.flush()?;
        sorted_file::copy_range(base.file.file(), copied_to, base.end, lines.get_mut())
    }
}

fn write_line(out: &mut impl Write, key: &RecordKey, record: &Record) -> io::Result<()> {
    let line = Line {
        kind: key.kind.as_str().to_string(),
        key: key.key.clone(),
        digest: record.digest.clone(),
        writer: record.writer.to_string(),
        creator: record.creator.to_string(),
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}

fn parse_line(bytes: &[u8]) -> io::Result<(RecordKey, Record)> {
    let invalid = || io::Error::new(io::ErrorKind::InvalidData, "a record line is unreadable");
    let line: Line = serde_json::from_slice(bytes).map_err(|_| invalid())?;
    let key = RecordKey {
        kind: Kind::parse(&line.kind).ok_or_else(invalid)?,
        key: line.key,
    };
    let record = Record {
        digest: line.digest,
        writer: line.writer.parse().map_err(|_| invalid())?,
        creator: line.creator.parse().map_err(|_| invalid())?,
    };
    Ok((key, record))
}

impl Base {
    /// The first line not before `key`: where it starts, where the next starts, its
    /// key and record.
    fn seek(&self, key: &RecordKey) -> io::Result<Option<(u64, u64, RecordKey, Record)>> {
        let found = sorted_file::seek(
            |pos| {
                let Some(start) = self.file.line_start_at(pos, self.start, self.end)? else {
                    return Ok(None);
                };
                let Some((line, next)) = self.file.line_at(start, self.end)? else {
                    return Ok(None);
                };
                let (found, record) = parse_line(&line)?;
                Ok(Some((start, (next, found, record))))
            },
            |(_, found, _)| found < key,
            self.start,
            self.end,
        )?;
        Ok(found.map(|(start, (next, found, record))| (start, next, found, record)))
    }

    /// The lines from the first not before `from`, read in order.
    fn lines_from(
        &self,
        from: &RecordKey,
    ) -> io::Result<impl Iterator<Item = io::Result<(RecordKey, Record)>>> {
        let at = self.seek(from)?.map_or(self.end, |(at, ..)| at);
        let mut file = self.file.file().try_clone()?;
        file.seek(SeekFrom::Start(at))?;
        let reader = BufReader::new(io::Read::take(file, self.end - at));
        Ok(reader
            .split(b'\n')
            .map(|line| line.and_then(|line| parse_line(&line))))
    }
}

impl PartialEq for Records {
    fn eq(&self, other: &Self) -> bool {
        let same_base = match (&self.base, &other.base) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        same_base && self.overlay == other.overlay
    }
}

impl Eq for Records {}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records")
            .field("pinned", &self.base.is_some())
            .field("changes", &self.overlay.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(digest: &str) -> Record {
        Record {
            digest: digest.to_string(),
            writer: "alice".parse().unwrap(),
            creator: "alice".parse().unwrap(),
        }
    }

    fn secret(name: &str) -> RecordKey {
        RecordKey {
            kind: Kind::Secret,
            key: name.to_string(),
        }
    }

    /// Records pinned to a file, as `pin` keeps them.
    fn pinned(records: &Records) -> Records {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"header\n").unwrap();
        records.write(&mut file).unwrap();
        let end = file.metadata().unwrap().len();
        Records::pinned(sorted_file::Reader::new(file), 7, end)
    }

    fn all(records: &Records) -> Vec<(String, String)> {
        let mut seen = Vec::new();
        records
            .scan(
                &RecordKey {
                    kind: Kind::Keyring,
                    key: String::new(),
                },
                |key, record| {
                    seen.push((key.key.clone(), record.digest.clone()));
                    true
                },
            )
            .unwrap();
        seen
    }

    #[test]
    fn changes_over_pinned_records_read_and_save_as_one() {
        let mut memory = Records::default();
        for n in 0..2000 {
            memory.insert(secret(&format!("s{n:05}")), record(&format!("d{n}")));
        }
        let mut records = pinned(&memory);
        assert_eq!(
            records.get(&secret("s01234")).unwrap(),
            Some(record("d1234"))
        );
        assert_eq!(records.get(&secret("s99999")).unwrap(), None);
        records.insert(secret("s01234"), record("new"));
        records.insert(secret("s00000a"), record("added"));
        records.remove(&secret("s01999"));
        records.remove(&secret("s00000"));
        let expected = {
            let mut all = all(&memory);
            all.retain(|(key, _)| key != "s01999" && key != "s00000");
            all.insert(0, ("s00000a".to_string(), "added".to_string()));
            for entry in &mut all {
                if entry.0 == "s01234" {
                    entry.1 = "new".to_string();
                }
            }
            all
        };
        assert_eq!(all(&records), expected);
        let saved = pinned(&records);
        assert_eq!(all(&saved), expected);
        assert_eq!(saved.get(&secret("s01999")).unwrap(), None);
        assert_eq!(saved.get(&secret("s01234")).unwrap(), Some(record("new")));
    }
}
