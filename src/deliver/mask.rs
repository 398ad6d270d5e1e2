//! Masking secret values in a stream of output: every occurrence of a value becomes
//! `<redacted:NAME>`, also when the value arrives split across several writes.
//!
//! One Aho-Corasick automaton finds every value in a single pass, the longest where
//! several start at the same place. The redactor holds back only a tail of the input
//! that could still grow into a value; everything else passes through at once and
//! byte for byte, so interactive output is not delayed and binary output without
//! values is untouched.

use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::Arc;
use zeroize::Zeroizing;

/// What every stream of one run masks. The automaton keeps its own copies of the
/// values, which are not wiped when it is dropped; it lives as long as the child.
struct Values {
    matcher: AhoCorasick,
    /// The marker of each value, by pattern index.
    markers: Vec<Vec<u8>>,
    /// The values in byte order, to tell whether a tail could still grow into one.
    sorted: Vec<Zeroizing<Vec<u8>>>,
    longest: usize,
    /// Bytes that start some value: a tail starting with any other cannot grow into one.
    starts: [bool; 256],
}

/// One stream's redactor; clones share the values and hold back their own tails.
#[derive(Clone)]
pub struct Redactor {
    values: Arc<Values>,
    held: Zeroizing<Vec<u8>>,
}

impl Redactor {
    /// `values` are (label, value) pairs; the label names the value in the marker.
    /// Empty values are ignored: they would match everywhere.
    pub fn new<'a>(values: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Result<Redactor> {
        let (labels, patterns): (Vec<&str>, Vec<&[u8]>) = values
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .unzip();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|err| {
                Error::other(format!(
                    "The values cannot be masked ({err}); run with --no-mask if the output may show them."
                ))
            })?;
        let mut sorted: Vec<Zeroizing<Vec<u8>>> = patterns
            .iter()
            .map(|value| Zeroizing::new(value.to_vec()))
            .collect();
        sorted.sort_unstable_by(|a, b| a.as_slice().cmp(b.as_slice()));
        let mut starts = [false; 256];
        for value in &patterns {
            if let Some(first) = value.first() {
                starts[usize::from(*first)] = true;
            }
        }
        Ok(Redactor {
            values: Arc::new(Values {
                matcher,
                markers: labels
                    .iter()
                    .map(|label| format!("<redacted:{label}>").into_bytes())
                    .collect(),
                longest: patterns.iter().map(|value| value.len()).max().unwrap_or(0),
                sorted,
                starts,
            }),
            held: Zeroizing::new(Vec::new()),
        })
    }

    /// Takes the next bytes of the stream and appends what may be released to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        self.held.extend_from_slice(chunk);
        self.drain(false, out);
    }

    /// The stream ended: releases what was held back, masked.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        self.drain(true, out);
    }

    /// How many bytes are held back now (for tests and bounds).
    pub fn held(&self) -> usize {
        self.held.len()
    }

    /// Masks and releases the input up to where a value may still be arriving. A match
    /// that starts before that point is final: more input can neither lengthen it nor
    /// start an earlier one, as either would begin with a tail that can still grow.
    fn drain(&mut self, at_end: bool, out: &mut Vec<u8>) {
        let input = std::mem::take(&mut self.held);
        let values = &self.values;
        let open = if at_end {
            input.len()
        } else {
            values.growing_tail(&input)
        };
        let mut at = 0;
        for found in values.matcher.find_iter(&input[..]) {
            if found.start() >= open {
                break;
            }
            out.extend_from_slice(&input[at..found.start()]);
            out.extend_from_slice(&values.markers[found.pattern().as_usize()]);
            at = found.end();
        }
        let released = at.max(open);
        out.extend_from_slice(&input[at..released]);
        self.held.extend_from_slice(&input[released..]);
    }
}

impl Values {
    /// Where the longest tail of `input` that is the beginning of a longer value
    /// starts; `input.len()` when no tail is.
    fn growing_tail(&self, input: &[u8]) -> usize {
        let first = input.len().saturating_sub(self.longest.saturating_sub(1));
        (first..input.len())
            .find(|&at| self.starts[usize::from(input[at])] && self.grows_from(&input[at..]))
            .unwrap_or(input.len())
    }

    /// Whether some value is `tail` and more: in byte order, the first value after
    /// `tail` is such a value if there is one.
    fn grows_from(&self, tail: &[u8]) -> bool {
        let after = self
            .sorted
            .partition_point(|value| value.as_slice() <= tail);
        self.sorted
            .get(after)
            .is_some_and(|value| value.starts_with(tail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn redact(values: &[(&str, &[u8])], chunks: &[&[u8]]) -> Vec<u8> {
        let mut redactor = Redactor::new(values.iter().copied()).unwrap();
        let mut out = Vec::new();
        for chunk in chunks {
            redactor.push(chunk, &mut out);
        }
        redactor.finish(&mut out);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn masks_whole_and_split_values() {
        let values: &[(&str, &[u8])] = &[("db", b"hunter2")];
        assert_eq!(redact(values, &[b"pw=hunter2!"]), b"pw=<redacted:db>!");
        assert_eq!(
            redact(values, &[b"pw=hun", b"ter", b"2\n"]),
            b"pw=<redacted:db>\n"
        );
        assert_eq!(redact(values, &[b"hunt", b"er"]), b"hunter");
    }

    #[test]
    fn holds_back_only_a_possible_beginning() {
        let mut redactor = Redactor::new([("k", &b"secret"[..])]).unwrap();
        let mut out = Vec::new();
        redactor.push(b"hello sec", &mut out);
        assert_eq!(out, b"hello ");
        assert_eq!(redactor.held(), 3);
        redactor.push(b"ond", &mut out);
        assert_eq!(out, b"hello second");
        assert_eq!(redactor.held(), 0);
    }

    #[test]
    fn the_longest_value_wins() {
        let values: &[(&str, &[u8])] = &[("short", b"abc"), ("long", b"abcdef")];
        assert_eq!(redact(values, &[b"abc", b"def"]), b"<redacted:long>");
        assert_eq!(redact(values, &[b"abc", b"de"]), b"<redacted:short>de");
    }

    #[test]
    fn a_value_held_twice_is_named_by_the_first() {
        let values: &[(&str, &[u8])] = &[("first", b"same"), ("second", b"same")];
        assert_eq!(redact(values, &[b"sa", b"me"]), b"<redacted:first>");
    }

    #[test]
    fn multi_line_values() {
        let values: &[(&str, &[u8])] = &[("pem", b"line1\nline2\n")];
        assert_eq!(
            redact(values, &[b"x line1\n", b"line2\ny"]),
            b"x <redacted:pem>y"
        );
    }

    #[test]
    fn a_match_is_released_while_a_later_value_may_still_be_arriving() {
        let mut redactor = Redactor::new([("a", &b"abc"[..]), ("c", &b"cde"[..])]).unwrap();
        let mut out = Vec::new();
        redactor.push(b"xabc", &mut out);
        assert_eq!(out, b"x<redacted:a>");
        assert_eq!(redactor.held(), 0);
        redactor.push(b"-cd", &mut out);
        assert_eq!(out, b"x<redacted:a>-");
        assert_eq!(redactor.held(), 2);
        redactor.push(b"e", &mut out);
        assert_eq!(out, b"x<redacted:a>-<redacted:c>");
    }

    #[test]
    fn thousands_of_values() {
        let values: Vec<(String, Vec<u8>)> = (0..3000)
            .map(|i| {
                (
                    format!("s{i}"),
                    format!("value-{i:04}-{}", i * 7919).into_bytes(),
                )
            })
            .collect();
        let pairs: Vec<(&str, &[u8])> = values
            .iter()
            .map(|(label, value)| (label.as_str(), value.as_slice()))
            .collect();
        let input = [
            &b"a "[..],
            &values[1234].1,
            b" and ",
            &values[2999].1,
            b" but not value-0001-0.",
        ]
        .concat();
        assert_eq!(
            redact(&pairs, &[&input[..20], &input[20..]]),
            b"a <redacted:s1234> and <redacted:s2999> but not value-0001-0."
        );
    }

    #[test]
    fn no_values_pass_everything() {
        assert_eq!(redact(&[("empty", b"")], &[b"a", b"b"]), b"ab");
    }

    /// The meaning of masking, one position at a time: the longest value starting
    /// here becomes its marker, else the byte passes.
    fn reference(values: &[(&str, &[u8])], input: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < input.len() {
            // The first listed among equally long values, as `min_by_key` keeps the first.
            let found = values
                .iter()
                .filter(|(_, value)| !value.is_empty() && input[at..].starts_with(value))
                .min_by_key(|(_, value)| std::cmp::Reverse(value.len()));
            match found {
                Some((label, value)) => {
                    out.extend_from_slice(format!("<redacted:{label}>").as_bytes());
                    at += value.len();
                }
                None => {
                    out.push(input[at]);
                    at += 1;
                }
            }
        }
        out
    }

    /// Splits `input` at the given cut points.
    fn chunked(input: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
        cuts.sort_unstable();
        let mut chunks = Vec::new();
        let mut last = 0;
        for cut in cuts {
            chunks.push(input[last..cut].to_vec());
            last = cut;
        }
        chunks.push(input[last..].to_vec());
        chunks
    }

    // Values and filler from bytes that never occur in a marker, so any value found
    // in the output can only have come through unmasked.
    fn value() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(prop::sample::select(b"xyz\n\0\xff".to_vec()), 1..7)
    }

    proptest! {
        #[test]
        fn no_output_contains_a_value(
            values in proptest::collection::vec(value(), 1..4),
            pieces in proptest::collection::vec((any::<bool>(), 0usize..4, value()), 0..12),
            cuts in proptest::collection::vec(any::<usize>(), 0..8),
        ) {
            let mut input = Vec::new();
            for (use_value, index, filler) in &pieces {
                if *use_value {
                    input.extend_from_slice(&values[index % values.len()]);
                } else {
                    input.extend_from_slice(filler);
                }
            }
            let labels: Vec<String> = (0..values.len()).map(|i| format!("S{i}")).collect();
            let pairs: Vec<(&str, &[u8])> =
                labels.iter().map(String::as_str).zip(values.iter().map(Vec::as_slice)).collect();
            let chunks = chunked(&input, &cuts);
            let refs: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
            let streamed = redact(&pairs, &refs);
            for value in &values {
                prop_assert!(!contains(&streamed, value));
            }
            // Where the writes were cut does not change the result, which is the
            // longest value at each place.
            prop_assert_eq!(&streamed, &redact(&pairs, &[&input]));
            prop_assert_eq!(streamed, reference(&pairs, &input));
        }

        #[test]
        fn output_without_values_passes_byte_exact(
            values in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 3..9), 1..4),
            input in proptest::collection::vec(any::<u8>(), 0..200),
            cuts in proptest::collection::vec(any::<usize>(), 0..8),
        ) {
            prop_assume!(values.iter().all(|v| !contains(&input, v)));
            let pairs: Vec<(&str, &[u8])> = values.iter().map(|v| ("s", v.as_slice())).collect();
            let chunks = chunked(&input, &cuts);
            let refs: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
            prop_assert_eq!(redact(&pairs, &refs), input);
        }
    }
}
