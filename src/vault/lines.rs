//! Where the canonical reader takes its lines from: the whole file in memory, or a
//! stream read through one buffer. Both can pass over the parts of the file a read
//! does not need without looking at them line by line.

use std::io::Read;

/// Where the reader takes its lines from: the whole file in memory, or a stream.
pub(super) trait Lines {
    /// The next line without its `\n`; `None` at the end.
    fn next_line(&mut self) -> Option<&str>;
    /// How many bytes from the start of the file the next line starts.
    fn offset(&self) -> u64;
    /// Passes over whole lines, unread, until one that starts with `[` (a table
    /// header), which `next_line` returns next: most of a large vault is the
    /// ciphertext of secrets a read does not need.
    fn skip_to_header(&mut self);
    /// May pass over whole lines that start neither with `[` nor with `mac = `: in a
    /// skipped secret's table only those two matter. Passing over none is correct too.
    fn skip_to_mac(&mut self) {}
    /// Passes over the rest of a skipped secret laid out as tresor writes it (its own
    /// table, ASCII, up to its `mac = "…"` line, then the tables whose header starts
    /// with `prefix`, its versions) and returns its MAC. `None`, having passed over
    /// nothing, when it is laid out otherwise: the caller then reads it line by line.
    fn pass_secret(&mut self, prefix: &str) -> Option<&str> {
        let _ = prefix;
        None
    }
}

/// Where in `bytes` a line starting with `[` (a table header) begins, as the index of
/// the `\n` before it. A `[` elsewhere is rare (ciphertexts are base64), so looking
/// for it alone is faster than looking for both bytes.
fn next_header(bytes: &[u8]) -> Option<usize> {
    let mut from = 1;
    while from < bytes.len() {
        let at = from + memchr::memchr(b'[', &bytes[from..])?;
        if bytes[at - 1] == b'\n' {
            return Some(at - 1);
        }
        from = at + 1;
    }
    None
}

/// What the skipping searches for, built once.
struct Finders {
    mac_line: memchr::memmem::Finder<'static>,
}

impl Finders {
    const MAC_LINE: &'static [u8] = b"\nmac = \"";

    fn new() -> Self {
        Finders {
            mac_line: memchr::memmem::Finder::new(Self::MAC_LINE),
        }
    }
}

/// How `scan_secret` found a skipped secret in the bytes it was given.
enum Scan {
    /// Its MAC lies at `mac`; it ends `length` bytes in, where the next table starts.
    Found {
        mac: std::ops::Range<usize>,
        length: usize,
    },
    /// It may go on past the bytes given.
    Short,
    /// Not as tresor writes it.
    Other,
}

/// Finds the layout `Lines::pass_secret` passes over at the start of `bytes`, which
/// are all there is when `ended`.
fn scan_secret(bytes: &[u8], ended: bool, prefix: &[u8], finders: &Finders) -> Scan {
    let short = || if ended { Scan::Other } else { Scan::Short };
    let Some(at) = finders.mac_line.find(bytes) else {
        return short();
    };
    let own_table = &bytes[..at];
    if next_header(own_table).is_some() || !own_table.is_ascii() {
        return Scan::Other;
    }
    let mac_start = at + Finders::MAC_LINE.len();
    let Some(mac_length) = memchr::memchr(b'\n', &bytes[mac_start..]) else {
        return short();
    };
    let mac = mac_start..mac_start + mac_length.saturating_sub(1);
    if !bytes[mac_start + mac_length.saturating_sub(1)..].starts_with(b"\"\n")
        || memchr::memchr2(b'"', b'\\', &bytes[mac.clone()]).is_some()
    {
        return Scan::Other;
    }
    // Its versions' tables, up to the next other header.
    let mut from = mac_start + mac_length;
    loop {
        let Some(found) = next_header(&bytes[from..]) else {
            if !ended {
                return Scan::Short;
            }
            return match bytes[from..].is_ascii() {
                true => Scan::Found {
                    mac,
                    length: bytes.len(),
                },
                false => Scan::Other,
            };
        };
        let header = from + found + 1;
        if !bytes[from..header].is_ascii() {
            return Scan::Other;
        }
        let rest = &bytes[header..];
        if !rest.starts_with(prefix) {
            // Too short to tell yet?
            if !ended && prefix.starts_with(rest) {
                return Scan::Short;
            }
            return Scan::Found {
                mac,
                length: header,
            };
        }
        from = header;
    }
}

/// The lines of a file held in memory.
pub(super) struct Text<'a> {
    length: usize,
    rest: &'a str,
    finders: Finders,
}

impl<'a> Text<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Text {
            length: text.len(),
            rest: text,
            finders: Finders::new(),
        }
    }
}

impl Lines for Text<'_> {
    fn offset(&self) -> u64 {
        (self.length - self.rest.len()) as u64
    }

    fn pass_secret(&mut self, prefix: &str) -> Option<&str> {
        let rest = self.rest;
        match scan_secret(rest.as_bytes(), true, prefix.as_bytes(), &self.finders) {
            Scan::Found { mac, length } => {
                self.rest = rest.get(length..)?;
                rest.get(mac)
            }
            Scan::Short | Scan::Other => None,
        }
    }

    fn next_line(&mut self) -> Option<&str> {
        let rest = self.rest;
        if rest.is_empty() {
            return None;
        }
        let (line, after) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => (&rest[..end], &rest[end + 1..]),
            None => (rest, ""),
        };
        self.rest = after;
        Some(line)
    }

    fn skip_to_header(&mut self) {
        if self.rest.starts_with('[') {
            return;
        }
        self.rest = match next_header(self.rest.as_bytes()) {
            Some(at) => &self.rest[at + 1..],
            None => "",
        };
    }
}

/// The lines of a stream, read through one buffer, so a large vault is never held
/// whole and the lines it passes over are never copied. A read error, a line that is
/// not UTF-8, a skipped line that is not ASCII (canonical ciphertexts, times and names
/// are) or more than `left` bytes end the lines early and set `failed`: the caller then
/// reads the file the general way, which says what is wrong with it.
pub(super) struct Stream<R> {
    reader: R,
    buffer: Vec<u8>,
    /// The bytes read but not yet taken are `buffer[start..end]`; `start` is always at
    /// the start of a line.
    start: usize,
    /// Where in the stream `buffer` starts.
    base: u64,
    end: usize,
    left: u64,
    ended: bool,
    failed: bool,
    finders: Finders,
}

impl<R: Read> Stream<R> {
    /// A stream of the file's bytes from `base` on.
    pub(super) fn new(reader: R, capacity: usize, limit: u64, base: u64) -> Self {
        Stream {
            reader,
            buffer: vec![0; capacity.max(1)],
            start: 0,
            base,
            end: 0,
            left: limit,
            ended: false,
            failed: false,
            finders: Finders::new(),
        }
    }

    /// Whether the stream ended early (see `Stream`).
    pub(super) fn failed(&self) -> bool {
        self.failed
    }

    /// The bytes read and not yet taken.
    fn unread(&self) -> &[u8] {
        &self.buffer[self.start..self.end]
    }

    /// Reads more after the unread bytes, first moving them to the front (or growing
    /// the buffer when they fill it). False at the end of the stream or on failure.
    fn refill(&mut self) -> bool {
        if self.ended || self.failed {
            return false;
        }
        self.buffer.copy_within(self.start..self.end, 0);
        self.base += self.start as u64;
        self.end -= self.start;
        self.start = 0;
        if self.end == self.buffer.len() {
            self.buffer.resize(self.buffer.len() * 2, 0);
        }
        loop {
            match self.reader.read(&mut self.buffer[self.end..]) {
                Ok(0) => self.ended = true,
                Ok(length) => match self.left.checked_sub(length as u64) {
                    Some(left) => {
                        self.left = left;
                        self.end += length;
                        return true;
                    }
                    None => self.failed = true,
                },
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => self.failed = true,
            }
            return false;
        }
    }

    /// Takes `length` unread bytes that a read passes over: canonical ones are ASCII.
    fn pass_over(&mut self, length: usize) -> bool {
        if !self.unread()[..length].is_ascii() {
            self.failed = true;
        }
        self.start += length;
        !self.failed
    }

    /// Makes at least `length` bytes unread, unless the stream ends first.
    fn want(&mut self, length: usize) -> bool {
        while self.end - self.start < length {
            if !self.refill() {
                return false;
            }
        }
        true
    }
}

impl<R: Read> Lines for Stream<R> {
    fn offset(&self) -> u64 {
        self.base + self.start as u64
    }

    fn pass_secret(&mut self, prefix: &str) -> Option<&str> {
        loop {
            let scan = scan_secret(self.unread(), self.ended, prefix.as_bytes(), &self.finders);
            match scan {
                Scan::Found { mac, length } => {
                    let mac = self.start + mac.start..self.start + mac.end;
                    self.start += length;
                    return std::str::from_utf8(&self.buffer[mac]).ok();
                }
                Scan::Other => return None,
                // Read more (the buffer grows when it is full) and look again.
                Scan::Short => {
                    if !self.refill() && !self.ended {
                        return None;
                    }
                }
            }
        }
    }

    fn next_line(&mut self) -> Option<&str> {
        let mut searched = 0;
        let (line_end, next) = loop {
            if let Some(at) = memchr::memchr(b'\n', &self.unread()[searched..]) {
                let end = self.start + searched + at;
                break (end, end + 1);
            }
            searched = self.end - self.start;
            if !self.refill() {
                if self.failed || self.start == self.end {
                    return None;
                }
                break (self.end, self.end);
            }
        };
        let line_start = self.start;
        self.start = next;
        let line = std::str::from_utf8(&self.buffer[line_start..line_end]).ok();
        if line.is_none() {
            self.failed = true;
        }
        line
    }

    fn skip_to_mac(&mut self) {
        loop {
            // Where a line starts too close to the stream's end to tell, `next_line`
            // takes over.
            if !self.want(6) {
                return;
            }
            let unread = self.unread();
            if unread[0] == b'[' || unread.starts_with(b"mac = ") {
                return;
            }
            let Some(end) = memchr::memchr(b'\n', unread) else {
                if !self.refill() {
                    return;
                }
                continue;
            };
            // A line that is not ASCII, `next_line` reads (and checks it is UTF-8).
            if !unread[..end].is_ascii() {
                return;
            }
            self.start += end + 1;
        }
    }

    fn skip_to_header(&mut self) {
        let mut line_start = true;
        loop {
            let unread = self.unread();
            if line_start && unread.first() == Some(&b'[') {
                return;
            }
            if let Some(at) = next_header(unread) {
                self.pass_over(at + 1);
                return;
            }
            // Keep the last byte: it may be the end of a line whose next starts `[`.
            let length = unread.len().saturating_sub(1);
            if length > 0 {
                line_start = false;
            }
            if !self.pass_over(length) {
                return;
            }
            if !self.refill() {
                let rest = self.end - self.start;
                self.pass_over(rest);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_a_bracket_that_starts_a_line() {
        assert_eq!(next_header(b"[a]"), None);
        assert_eq!(next_header(b"x\n[a]"), Some(1));
        assert_eq!(next_header(b"x[y\n[a]"), Some(3));
        assert_eq!(next_header(b"x[y]\n"), None);
        assert_eq!(next_header(b""), None);
    }

    #[test]
    fn a_skipped_secret_is_found_only_as_tresor_writes_it() {
        let finders = Finders::new();
        let prefix = b"[secrets.\"s\".versions.";
        let scan = |bytes: &[u8], ended| match scan_secret(bytes, ended, prefix, &finders) {
            Scan::Found { mac, length } => Some((bytes[mac].to_vec(), length)),
            Scan::Short => Some((b"short".to_vec(), 0)),
            Scan::Other => None,
        };
        let own = "keyring = \"k\"\nmac = \"ab12\"\n";
        let versions = "\n[secrets.\"s\".versions.1]\nvalue = \"x\"\n";
        let text = format!("{own}{versions}\n[secrets.\"t\"]\n");
        let next = text.find("[secrets.\"t\"]").unwrap();
        assert_eq!(scan(text.as_bytes(), false), Some((b"ab12".to_vec(), next)));
        let whole = format!("{own}{versions}");
        assert_eq!(
            scan(whole.as_bytes(), true),
            Some((b"ab12".to_vec(), whole.len()))
        );
        assert_eq!(scan(whole.as_bytes(), false).unwrap().0, b"short");
        assert_eq!(scan(&own.as_bytes()[..10], false).unwrap().0, b"short");
        let cut = format!("{own}{versions}\n[secrets.");
        assert_eq!(scan(cut.as_bytes(), false).unwrap().0, b"short");
        // No MAC before the next table, a MAC that needs escapes, a non-ASCII field.
        let before = format!("keyring = \"k\"\n[x]\nmac = \"ab\"\n{versions}");
        assert_eq!(scan(before.as_bytes(), true), None);
        assert_eq!(scan(b"k = 1\nmac = \"a\\\"b\"\n", true), None);
        assert_eq!(scan("owner = \"é\"\nmac = \"ab\"\n".as_bytes(), true), None);
    }
}
