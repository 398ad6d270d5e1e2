//! Finding a unit (a line, a table) by its key in a file whose units are sorted by
//! key, with positioned reads: a lookup reads O(log n) windows of a few kilobytes,
//! never the whole file. The vault file and the trust pin are laid out so.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;

/// Below this many bytes a search reads on linearly: one read beats several seeks.
const LINEAR: u64 = 16 * 1024;

/// How much a search reads at a time.
const CHUNK: usize = 8 * 1024;

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

/// Where `needle` first occurs in `file` at or after `from` and before `end`.
pub fn find(file: &File, needle: &[u8], from: u64, end: u64) -> io::Result<Option<u64>> {
    let finder = memchr::memmem::Finder::new(needle);
    let mut pos = from;
    let mut buffer = vec![0u8; CHUNK.max(needle.len() * 2)];
    while pos < end {
        let want = usize::try_from(end - pos)
            .unwrap_or(usize::MAX)
            .min(buffer.len());
        let read = read_at(file, &mut buffer[..want], pos)?;
        if read == 0 {
            return Ok(None);
        }
        if let Some(at) = finder.find(&buffer[..read]) {
            return Ok(Some(pos + at as u64));
        }
        if read < needle.len() {
            return Ok(None);
        }
        // Step back so a needle cut by the chunk's end is found whole next time.
        pos += (read - needle.len() + 1) as u64;
    }
    Ok(None)
}

/// The bytes of `file` in [start, end).
pub fn read_range(file: &File, start: u64, end: u64) -> io::Result<Vec<u8>> {
    let length = usize::try_from(end.saturating_sub(start))
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "range too large"))?;
    let mut bytes = vec![0u8; length];
    file.read_exact_at(&mut bytes, start)?;
    Ok(bytes)
}

/// The line that starts at `start` (without its newline) and where the next begins;
/// `None` at `end` or when the line has no newline before `end`.
pub fn line_at(file: &File, start: u64, end: u64) -> io::Result<Option<(Vec<u8>, u64)>> {
    let Some(newline) = find(file, b"\n", start, end)? else {
        return Ok(None);
    };
    Ok(Some((read_range(file, start, newline)?, newline + 1)))
}

/// Where the first line that starts at or after `pos` starts, in [first, end).
pub fn line_start_at(file: &File, pos: u64, first: u64, end: u64) -> io::Result<Option<u64>> {
    if pos <= first {
        return Ok((first < end).then_some(first));
    }
    Ok(find(file, b"\n", pos - 1, end)?
        .map(|newline| newline + 1)
        .filter(|start| *start < end))
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

    fn lines(file: &File, end: u64) -> impl FnMut(u64) -> io::Result<Option<(u64, String)>> + '_ {
        move |pos| {
            let Some(start) = line_start_at(file, pos, 0, end)? else {
                return Ok(None);
            };
            Ok(line_at(file, start, end)?
                .map(|(line, _)| (start, String::from_utf8(line).unwrap())))
        }
    }

    #[test]
    fn seek_finds_every_key_and_every_gap() {
        let keys: Vec<String> = (0..5000).map(|n| format!("k{:06}", n * 2)).collect();
        let text: String = keys.iter().map(|k| format!("{k}\n")).collect();
        let file = file_of(&text);
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
        let mut text = "x".repeat(CHUNK - 3);
        text.push_str("\n[needle]\n");
        let file = file_of(&text);
        let at = find(&file, b"\n[needle]", 0, text.len() as u64).unwrap();
        assert_eq!(at, Some((CHUNK - 3) as u64));
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
