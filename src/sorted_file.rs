//! Finding a unit (a line, a table) by its key in a file whose units are sorted by
//! key, with positioned reads: a lookup reads O(log n) windows of a few kilobytes,
//! never the whole file. The vault file and the trust pin are laid out so.

use std::borrow::Borrow;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::sync::Mutex;

/// Below this many bytes a search reads on linearly (its reads fall in one window).
const LINEAR: u64 = 512;

/// How much a search reads first; each further read of the same search is twice the
/// last, up to `MAX_CHUNK`. Units are lines and tables of a few hundred bytes.
const FIRST_CHUNK: usize = 512;
const MAX_CHUNK: usize = 64 * 1024;

/// How much a read that misses the window brings in: the neighbouring units a search
/// reads next (the probed unit, the next one, the end of a linear scan) come with it.
const WINDOW: usize = 4 * 1024;

/// The first unit at or after `lo` whose key is not `below` the target, among units
/// that start before `hi` or later (`hi`: a unit start known not below it, or the end).
/// `next_at(pos)` gives the first unit that starts at or after `pos`.
pub fn seek<K>(
    mut next_at: impl FnMut(u64) -> io::Result<Option<(u64, K)>>,
    below: impl Fn(&K) -> bool,
    mut lo: u64,
    mut hi: u64,
) -> io::Result<Option<(u64, K)>> {
    // Invariant: the unit sought starts in [lo, hi], or after hi if hi is the end.
    while hi.saturating_sub(lo) > LINEAR {
        let mid = lo + (hi - lo) / 2;
        match next_at(mid)? {
            Some((start, key)) if start < hi => {
                if below(&key) {
                    lo = start + 1;
                } else {
                    hi = start;
                }
            }
            // No unit starts in [mid, hi): read on from lo.
            _ => break,
        }
    }
    let mut pos = lo;
    while let Some((start, key)) = next_at(pos)? {
        if !below(&key) {
            return Ok(Some((start, key)));
        }
        pos = start + 1;
    }
    Ok(None)
}

/// A file read with positioned reads through one cached window of its bytes. The
/// file must not change while it is read so (the vault and the pin are read under
/// their locks, and replaced by renaming, never rewritten in place).
pub struct Reader<F: Borrow<File> = File> {
    file: F,
    window: Mutex<Window>,
}

#[derive(Default)]
struct Window {
    start: u64,
    bytes: Vec<u8>,
    /// Whether the window ends where the file did when it was read.
    at_end: bool,
}

impl<F: Borrow<File>> Reader<F> {
    pub fn new(file: F) -> Self {
        Reader {
            file,
            window: Mutex::new(Window::default()),
        }
    }

    pub fn file(&self) -> &File {
        self.file.borrow()
    }

    /// Calls `use_bytes` with the bytes in [pos, pos + want), fewer where the file
    /// ends, from the window; a read that misses it fills it from `pos`.
    fn with_bytes<R>(
        &self,
        pos: u64,
        want: usize,
        use_bytes: impl FnOnce(&[u8]) -> R,
    ) -> io::Result<R> {
        let mut window = self
            .window
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let held = |window: &Window| {
            let offset = usize::try_from(pos.checked_sub(window.start)?).ok()?;
            let available = window.bytes.len().checked_sub(offset)?;
            (available >= want || window.at_end).then_some(offset..offset + want.min(available))
        };
        if let Some(range) = held(&window) {
            return Ok(use_bytes(&window.bytes[range]));
        }
        let size = want.max(WINDOW);
        // Emptied first: a failed read leaves no window, never a stale one.
        let mut bytes = std::mem::take(&mut *window).bytes;
        bytes.clear();
        bytes.resize(size, 0);
        let mut filled = 0;
        while filled < size {
            match read_at(self.file(), &mut bytes[filled..], pos + filled as u64)? {
                0 => break,
                read => filled += read,
            }
        }
        bytes.truncate(filled);
        *window = Window {
            start: pos,
            bytes,
            at_end: filled < size,
        };
        Ok(use_bytes(&window.bytes[..want.min(filled)]))
    }

    /// Where `needle` first occurs at or after `from` and before `end`.
    pub fn find(&self, needle: &[u8], from: u64, end: u64) -> io::Result<Option<u64>> {
        let finder = memchr::memmem::Finder::new(needle);
        let mut pos = from;
        let mut chunk = FIRST_CHUNK.max(needle.len() * 2);
        while pos < end {
            let want = usize::try_from(end - pos).unwrap_or(usize::MAX).min(chunk);
            chunk = (chunk * 2).min(MAX_CHUNK.max(needle.len() * 2));
            let (found, read) =
                self.with_bytes(pos, want, |bytes| (finder.find(bytes), bytes.len()))?;
            if let Some(at) = found {
                return Ok(Some(pos + at as u64));
            }
            if read < needle.len() || read < want {
                return Ok(None);
            }
            // Step back so a needle cut by the chunk's end is found whole next time.
            pos += (read - needle.len() + 1) as u64;
        }
        Ok(None)
    }

    /// The bytes in [start, end).
    pub fn read_range(&self, start: u64, end: u64) -> io::Result<Vec<u8>> {
        let length = usize::try_from(end.saturating_sub(start))
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "range too large"))?;
        if length > WINDOW {
            // Large ranges (a head, a long line) are read straight, not kept.
            let mut bytes = vec![0u8; length];
            self.file().read_exact_at(&mut bytes, start)?;
            return Ok(bytes);
        }
        let bytes = self.with_bytes(start, length, <[u8]>::to_vec)?;
        if bytes.len() < length {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the file ended before the range read",
            ));
        }
        Ok(bytes)
    }

    /// The line that starts at `start` (without its newline) and where the next
    /// begins; `None` at `end` or when the line has no newline before `end`.
    pub fn line_at(&self, start: u64, end: u64) -> io::Result<Option<(Vec<u8>, u64)>> {
        let Some(newline) = self.find(b"\n", start, end)? else {
            return Ok(None);
        };
        Ok(Some((self.read_range(start, newline)?, newline + 1)))
    }

    /// Where the first line that starts at or after `pos` starts, in [first, end).
    pub fn line_start_at(&self, pos: u64, first: u64, end: u64) -> io::Result<Option<u64>> {
        if pos <= first {
            return Ok((first < end).then_some(first));
        }
        Ok(self
            .find(b"\n", pos - 1, end)?
            .map(|newline| newline + 1)
            .filter(|start| *start < end))
    }
}

fn read_at(file: &File, buffer: &mut [u8], pos: u64) -> io::Result<usize> {
    loop {
        match file.read_at(buffer, pos) {
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Appends `file`'s bytes in [start, end) to `out`, through the kernel
/// (`copy_file_range` where the filesystem has it), without holding them here.
pub fn copy_range(file: &File, start: u64, end: u64, out: &mut File) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut source = file;
    source.seek(SeekFrom::Start(start))?;
    let length = end.saturating_sub(start);
    let copied = io::copy(&mut source.take(length), out)?;
    if copied == length {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the file ended before the range copied",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_of(text: &str) -> File {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        file
    }

    fn lines(file: &Reader, end: u64) -> impl FnMut(u64) -> io::Result<Option<(u64, String)>> + '_ {
        move |pos| {
            let Some(start) = file.line_start_at(pos, 0, end)? else {
                return Ok(None);
            };
            Ok(file
                .line_at(start, end)?
                .map(|(line, _)| (start, String::from_utf8(line).unwrap())))
        }
    }

    #[test]
    fn seek_finds_every_key_and_every_gap() {
        let keys: Vec<String> = (0..5000).map(|n| format!("k{:06}", n * 2)).collect();
        let text: String = keys.iter().map(|k| format!("{k}\n")).collect();
        let file = Reader::new(file_of(&text));
        let end = text.len() as u64;
        for n in [0u32, 1, 2, 777, 5000, 9998, 9999, 10_000] {
            let target = format!("k{n:06}");
            let found = seek(lines(&file, end), |key| *key < target, 0, end).unwrap();
            let expected = keys.iter().position(|k| *k >= target);
            match (found, expected) {
                (Some((start, key)), Some(index)) => {
                    assert_eq!(key, keys[index]);
                    assert_eq!(start, (index * 8) as u64);
                }
                (None, None) => {}
                other => panic!("{target}: {other:?}"),
            }
        }
    }

    #[test]
    fn find_sees_a_needle_across_chunks() {
        let mut text = "x".repeat(FIRST_CHUNK * 3 - 3);
        text.push_str("\n[needle]\n");
        let file = Reader::new(file_of(&text));
        let at = file.find(b"\n[needle]", 0, text.len() as u64).unwrap();
        assert_eq!(at, Some((FIRST_CHUNK * 3 - 3) as u64));
        // Past the window, and the same search again from the window.
        let mut long = "y".repeat(WINDOW * 3);
        long.push_str("\n[needle]\n");
        let file = Reader::new(file_of(&long));
        for _ in 0..2 {
            let at = file.find(b"\n[needle]", 10, long.len() as u64).unwrap();
            assert_eq!(at, Some((WINDOW * 3) as u64));
        }
        assert_eq!(file.find(b"absent", 0, long.len() as u64).unwrap(), None);
        assert_eq!(
            file.read_range(WINDOW as u64 * 3, WINDOW as u64 * 3 + 3)
                .unwrap(),
            b"\n[n"
        );
        assert!(
            file.read_range(long.len() as u64 - 2, long.len() as u64 + 1)
                .is_err()
        );
    }

    #[test]
    fn copy_range_copies_exactly() {
        let file = file_of("0123456789");
        let mut out = tempfile::tempfile().unwrap();
        copy_range(&file, 2, 7, &mut out).unwrap();
        copy_range(&file, 0, 1, &mut out).unwrap();
        let mut copied = String::new();
        use std::io::{Read, Seek};
        out.rewind().unwrap();
        out.read_to_string(&mut copied).unwrap();
        assert_eq!(copied, "234560");
        assert!(copy_range(&file, 8, 12, &mut out).is_err());
    }
}
