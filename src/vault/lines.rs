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
    /// Passes over whole tables whose header starts with `prefix` (a skipped secret's
    /// versions), up to the next other header, which `next_line` returns next. Stopping
    /// earlier is correct too: the caller checks every header it gets.
    fn skip_tables(&mut self, prefix: &str) {
        let _ = prefix;
        self.skip_to_header();
    }
}

/// The lines of a file held in memory.
pub(super) struct Text<'a> {
    length: usize,
    rest: &'a str,
    next_header: memchr::memmem::Finder<'static>,
}

impl<'a> Text<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Text {
            length: text.len(),
            rest: text,
            next_header: memchr::memmem::Finder::new(b"\n["),
        }
    }
}

impl Lines for Text<'_> {
    fn offset(&self) -> u64 {
        (self.length - self.rest.len()) as u64
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
        self.rest = match self.next_header.find(self.rest.as_bytes()) {
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
    next_header: memchr::memmem::Finder<'static>,
}

impl<R: Read> Stream<R> {
    pub(super) fn new(reader: R, capacity: usize, limit: u64) -> Self {
        Stream {
            reader,
            buffer: vec![0; capacity.max(1)],
            start: 0,
            base: 0,
            end: 0,
            left: limit,
            ended: false,
            failed: false,
            next_header: memchr::memmem::Finder::new(b"\n["),
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

    fn skip_tables(&mut self, prefix: &str) {
        loop {
            self.skip_to_header();
            if !self.want(prefix.len()) || !self.unread().starts_with(prefix.as_bytes()) {
                return;
            }
            let mut searched = 0;
            let end = loop {
                if let Some(at) = memchr::memchr(b'\n', &self.unread()[searched..]) {
                    break searched + at;
                }
                searched = self.end - self.start;
                if !self.refill() {
                    return;
                }
            };
            if !self.pass_over(end + 1) {
                return;
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
            if let Some(at) = self.next_header.find(unread) {
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
