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
    /// globset's reading (`*` within a segment, `**` across them), compiled on first
    /// use: most of a policy's patterns are never asked.
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

    #[test]
    fn double_stars_cover_whole_segments() {
        for (pattern, path, matches) in [
            ("a/**", "a/b/c", true),
            ("a/**", "ab/c", false),
            ("**/a", "a", true),
            ("**/a", "b/c/a", true),
            ("a/**/b", "a/b", true),
            ("a/**/b", "a/x/y/b", true),
            ("a/**/b", "a/x/yb", false),
            ("**/a/**", "x/a/y", true),
            ("a*/**/*b", "a/b", true),
        ] {
            assert_eq!(glob(pattern).is_match(path), matches, "{pattern} on {path}");
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
