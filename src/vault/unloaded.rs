//! The secrets a read skipped: only their names and MACs, which the vault MAC covers,
//! and where each one's tables lie in the file, for a write that copies them unchanged.
//! A read of a large vault skips thousands, so they share one buffer rather than
//! holding two strings each.

/// Names and MACs in strictly increasing name order, as the vault file lists them.
use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unloaded {
    text: String,
    /// Per secret: where its name ends and where its MAC ends in `text`.
    ends: Vec<(usize, usize)>,
    /// Per secret: the bytes of the file its tables span, from its header on.
    spans: Vec<Range<u64>>,
}

impl Unloaded {
    /// Adds a secret after the others, whose header starts at `start` in the file;
    /// `None` when `name` does not come after the last one (a file listing a secret
    /// twice, or out of order, is not canonical).
    pub fn push(&mut self, name: &str, mac: &str, start: u64) -> Option<()> {
        if self.last_name().is_some_and(|last| last >= name) {
            return None;
        }
        self.text.push_str(name);
        let name_end = self.text.len();
        self.text.push_str(mac);
        self.ends.push((name_end, self.text.len()));
        self.spans.push(start..start);
        Some(())
    }

    /// Ends the last secret's span at `end`, where the next table (or the file) starts.
    pub fn close(&mut self, end: u64) {
        if let Some(span) = self.spans.last_mut() {
            span.end = end.max(span.start);
        }
    }

    /// `(name, span)` in name order.
    pub fn spans(&self) -> impl Iterator<Item = (&str, Range<u64>)> {
        self.iter()
            .zip(&self.spans)
            .map(|((name, _), span)| (name, span.clone()))
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn first_name(&self) -> Option<&str> {
        self.iter().next().map(|(name, _)| name)
    }

    /// Adds `later`'s secrets after these; `None` unless they all come after.
    pub fn append(&mut self, later: Unloaded) -> Option<()> {
        if let (Some(last), Some(first)) = (self.last_name(), later.first_name())
            && last >= first
        {
            return None;
        }
        let shift = self.text.len();
        self.text.push_str(&later.text);
        self.ends.extend(
            later
                .ends
                .iter()
                .map(|&(name, mac)| (name + shift, mac + shift)),
        );
        self.spans.extend(later.spans);
        Some(())
    }

    pub fn last_name(&self) -> Option<&str> {
        self.iter().next_back().map(|(name, _)| name)
    }

    /// `(name, mac)` in name order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, &str)> {
        (0..self.ends.len()).map(|index| {
            let start = index.checked_sub(1).map_or(0, |before| self.ends[before].1);
            let (name_end, mac_end) = self.ends[index];
            (&self.text[start..name_end], &self.text[name_end..mac_end])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_names_and_macs_in_order() {
        let mut unloaded = Unloaded::default();
        assert!(unloaded.is_empty());
        assert_eq!(unloaded.push("a/b", "11", 0), Some(()));
        assert_eq!(unloaded.push("a/c", "", 10), Some(()));
        assert_eq!(unloaded.push("b", "3333", 20), Some(()));
        assert_eq!(
            unloaded.iter().collect::<Vec<_>>(),
            [("a/b", "11"), ("a/c", ""), ("b", "3333")]
        );
        assert_eq!(unloaded.len(), 3);
        assert_eq!(unloaded.last_name(), Some("b"));
        unloaded.close(25);
        assert_eq!(
            unloaded.spans().collect::<Vec<_>>(),
            [("a/b", 0..0), ("a/c", 10..10), ("b", 20..25)]
        );
        assert_eq!(unloaded.push("b", "44", 30), None, "twice");
        assert_eq!(unloaded.push("a/z", "44", 30), None, "out of order");
        assert_eq!(unloaded.len(), 3);
    }
}
