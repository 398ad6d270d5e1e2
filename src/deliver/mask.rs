//! Masking secret values in a stream of output: every occurrence of a value becomes
//! `<redacted:NAME>`, also when the value arrives split across several writes.
//!
//! The redactor holds back only a tail of the input that could still grow into a
//! value; everything else passes through at once and byte for byte, so interactive
//! output is not delayed and binary output without values is untouched.

use zeroize::Zeroizing;

struct Masked {
    value: Zeroizing<Vec<u8>>,
    marker: Vec<u8>,
}

pub struct Redactor {
    /// Longest first, so the longest value starting at a position wins.
    masked: Vec<Masked>,
    /// Bytes that start some value: every other byte passes without a comparison.
    starts: [bool; 256],
    held: Zeroizing<Vec<u8>>,
}

impl Redactor {
    /// `values` are (label, value) pairs; the label names the value in the marker.
    /// Empty values are ignored: they would match everywhere.
    pub fn new<'a>(values: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Redactor {
        let mut masked: Vec<Masked> = values
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(label, value)| Masked {
                value: Zeroizing::new(value.to_vec()),
                marker: format!("<redacted:{label}>").into_bytes(),
            })
            .collect();
        masked.sort_by_key(|m| std::cmp::Reverse(m.value.len()));
        let mut starts = [false; 256];
        for m in &masked {
            if let Some(first) = m.value.first() {
                starts[usize::from(*first)] = true;
            }
        }
        Redactor {
            masked,
            starts,
            held: Zeroizing::new(Vec::new()),
        }
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

    fn drain(&mut self, at_end: bool, out: &mut Vec<u8>) {
        let input = std::mem::take(&mut self.held);
        let mut at = 0;
        while at < input.len() {
            let run = input[at..]
                .iter()
                .position(|b| self.starts[usize::from(*b)])
                .unwrap_or(input.len() - at);
            out.extend_from_slice(&input[at..at + run]);
            at += run;
            if at == input.len() {
                break;
            }
            match self.match_at(&input[at..], at_end) {
                Match::Wait => break,
                Match::Value(index) => {
                    out.extend_from_slice(&self.masked[index].marker);
                    at += self.masked[index].value.len();
                }
                Match::None => {
                    out.push(input[at]);
                    at += 1;
                }
            }
        }
        self.held.extend_from_slice(&input[at..]);
    }

    /// What starts at the head of `rest`: a whole value (the longest), nothing, or
    /// a beginning that only more input can decide.
    fn match_at(&self, rest: &[u8], at_end: bool) -> Match {
        let mut found = None;
        for (index, m) in self.masked.iter().enumerate() {
            if rest.len() >= m.value.len() {
                if found.is_none() && rest.starts_with(&m.value) {
                    found = Some(index);
                }
            } else if !at_end && m.value.starts_with(rest) {
                // A longer value may still complete here; deciding now could leak it.
                return Match::Wait;
            }
        }
        found.map_or(Match::None, Match::Value)
    }
}

enum Match {
    Value(usize),
    None,
    Wait,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn redact(values: &[(&str, &[u8])], chunks: &[&[u8]]) -> Vec<u8> {
        let mut redactor = Redactor::new(values.iter().copied());
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
        let mut redactor = Redactor::new([("k", &b"secret"[..])]);
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
    fn multi_line_values() {
        let values: &[(&str, &[u8])] = &[("pem", b"line1\nline2\n")];
        assert_eq!(
            redact(values, &[b"x line1\n", b"line2\ny"]),
            b"x <redacted:pem>y"
        );
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
            // Where the writes were cut does not change the result.
            prop_assert_eq!(streamed, redact(&pairs, &[&input]));
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
