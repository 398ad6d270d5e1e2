//! Path patterns for policies: `*` matches within one segment, `**` any number of
//! segments.

use crate::error::{Error, Result};
use globset::{Glob, GlobBuilder, GlobMatcher};
use std::fmt;
use std::sync::OnceLock;

/// A validated path pattern.
#[derive(Clone)]
pub struct PathGlob {
    text: String,
    /// For paths that are not secret names (an empty segment, as a log line may hold):
    /// globset's reading, compiled on first use, as compiling costs more than all of a
    /// command's other policy work.
    glob: Glob,
    matcher: OnceLock<GlobMatcher>,
}

impl PathGlob {
    pub fn parse(text: &str) -> Result<Self> {
        let invalid =
            |why: &str| Error::usage(format!("'{text}' is not a valid path pattern: {why}."));
        if text.is_empty() || text.len() > 256 {
            return Err(invalid("it must be 1 to 256 bytes"));
        }
        for segment in text.split('/') {
            if segment.is_empty() {
                return Err(invalid("it has an empty segment"));
            }
            if segment.contains("**") && segment != "**" {
                return Err(invalid("'**' must be a whole segment"));
            }
            if segment == "." || segment == ".." {
                return Err(invalid("'.' and '..' are not segments"));
            }
            if !segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-*".contains(c))
            {
                return Err(invalid(
                    "segments may hold only letters, digits, '.', '_', '-' and '*'",
                ));
            }
        }
        let glob = GlobBuilder::new(text)
            .literal_separator(true)
            .backslash_escape(false)
            .build()
            .map_err(|_| invalid("it does not compile"))?;
        Ok(PathGlob {
            text: text.to_string(),
            glob,
            matcher: OnceLock::new(),
        })
    }

    pub fn is_match(&self, path: &str) -> bool {
        if !path.is_empty() && path.split('/').all(|segment| !segment.is_empty()) {
            let pattern: Vec<&str> = self.text.split('/').collect();
            let segments: Vec<&str> = path.split('/').collect();
            return segments_match(&pattern, &segments);
        }
        self.matcher
            .get_or_init(|| self.glob.compile_matcher())
            .is_match(path)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this pattern matches every path (`**`).
    pub fn matches_everything(&self) -> bool {
        self.text == "**"
    }
}

impl fmt::Debug for PathGlob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PathGlob({})", self.text)
    }
}

impl PartialEq for PathGlob {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for PathGlob {}

/// Whether a path of non-empty segments matches a pattern as globset would: `*` within one segment,
/// `**` any number of whole segments, and at least one when it ends the pattern (as
/// globset reads `a/**`: `a/` and more). One pass per pattern segment, so many `**`
/// cannot make it slow.
fn segments_match(pattern: &[&str], path: &[&str]) -> bool {
    // matched[j]: the pattern's segments so far match the path's first j segments.
    let mut matched = vec![false; path.len() + 1];
    matched[0] = true;
    for (i, segment) in pattern.iter().enumerate() {
        let ends = i + 1 == pattern.len();
        let mut next = vec![false; path.len() + 1];
        if *segment == "**" {
            let mut reached = false;
            for (j, slot) in next.iter_mut().enumerate() {
                if ends {
                    *slot = reached;
                    reached |= matched[j];
                } else {
                    reached |= matched[j];
                    *slot = reached;
                }
            }
        } else {
            for (j, text) in path.iter().enumerate() {
                next[j + 1] = matched[j] && wildcard_match(segment, text);
            }
        }
        matched = next;
    }
    matched[path.len()]
}

/// `*`-only wildcard matching within one segment.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, rest) = match parts.split_first() {
        Some(split) => split,
        None => return text.is_empty(),
    };
    let Some(mut remaining) = text.strip_prefix(first) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return remaining.is_empty();
    };
    for part in middle {
        match remaining.find(part) {
            Some(index) => remaining = &remaining[index + part.len()..],
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(text: &str) -> PathGlob {
        PathGlob::parse(text).unwrap()
    }

    #[test]
    fn star_is_one_segment_and_double_star_any() {
        assert!(glob("prod/payments/*").is_match("prod/payments/stripe"));
        assert!(!glob("prod/payments/*").is_match("prod/payments/a/b"));
        assert!(glob("dev/**").is_match("dev/a/b/c"));
        assert!(glob("**").is_match("anything/at/all"));
        assert!(glob("prod/payments/admin-*").is_match("prod/payments/admin-key"));
        assert!(!glob("prod/payments/admin-*").is_match("prod/payments/user-key"));
        assert!(!glob("prod/**").is_match("production/x"));
    }

    fn globset_reads(pattern: &str, path: &str) -> bool {
        GlobBuilder::new(pattern)
            .literal_separator(true)
            .backslash_escape(false)
            .build()
            .unwrap()
            .compile_matcher()
            .is_match(path)
    }

    #[test]
    fn double_stars_read_as_globset_reads_them() {
        for (pattern, path) in [
            ("a/**", "a"),
            ("a/**", "a/b/c"),
            ("**/a", "a"),
            ("**/a", "b/c/a"),
            ("a/**/b", "a/b"),
            ("a/**/b", "a/x/y/b"),
            ("**/**", "a"),
            ("a/**/**", "a"),
            ("a/**/**", "a/b"),
            ("**/a/**", "a"),
            ("**/a/**", "x/a/y"),
            ("**/*/**", "a"),
            ("**/*/**", "a/b"),
            ("a*/**/*b", "ab"),
            ("a*/**/*b", "a/b"),
        ] {
            assert_eq!(
                glob(pattern).is_match(path),
                globset_reads(pattern, path),
                "{pattern} on {path}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn every_path_reads_as_globset_reads_it(
            pattern in proptest::collection::vec(
                proptest::sample::select(vec!["a", "b", "ab", "*", "a*", "*b", "a*b", "**"]),
                1..6,
            ),
            path in proptest::collection::vec(
                proptest::sample::select(vec!["a", "b", "ab", "ba", "aab", "x", ""]),
                1..7,
            ),
        ) {
            let pattern = pattern.join("/");
            let path = path.join("/");
            proptest::prop_assert_eq!(
                glob(&pattern).is_match(&path),
                globset_reads(&pattern, &path),
                "{} on {}", pattern, path
            );
        }
    }

    #[test]
    fn many_double_stars_stay_fast() {
        let pattern = vec!["**/a"; 50].join("/");
        let path = vec!["a"; 120].join("/") + "/b";
        assert!(!glob(&pattern).is_match(&path));
    }

    #[test]
    fn invalid_patterns_are_refused() {
        for bad in ["", "a//b", "a/**b", "a b", "../x", "a/[bc]", "{a,b}"] {
            assert!(PathGlob::parse(bad).is_err(), "{bad}");
        }
    }
}
