//! Reading the log for people: every line, filtered by principal, secret glob, event
//! kind, grant and time.

use super::event::AuditLine;
use crate::error::{Error, Result};
use crate::time::Timestamp;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

#[derive(Debug, Default)]
pub struct Filter {
    pub principal: Option<String>,
    pub secret: Option<globset::GlobMatcher>,
    pub event: Option<String>,
    pub grant: Option<String>,
    pub since: Option<Timestamp>,
}

impl Filter {
    pub fn matches(&self, line: &AuditLine) -> bool {
        let event = &line.event;
        self.principal
            .as_ref()
            .is_none_or(|p| event.principal.as_ref() == Some(p))
            && self.event.as_ref().is_none_or(|e| &event.event == e)
            && self
                .grant
                .as_ref()
                .is_none_or(|g| event.grant.as_ref() == Some(g))
            && self
                .secret
                .as_ref()
                .is_none_or(|glob| event.secret.as_ref().is_some_and(|s| glob.is_match(s)))
            && self
                .since
                .is_none_or(|since| Timestamp::parse(&line.ts).is_ok_and(|ts| ts >= since))
    }
}

/// Calls `visit` with every line that matches `filter`, in order.
pub fn for_each(
    path: &Path,
    filter: &Filter,
    mut visit: impl FnMut(&AuditLine) -> Result<()>,
) -> Result<()> {
    let file = File::open(path).map_err(|err| Error::io("Reading the audit log", path, &err))?;
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|err| Error::io("Reading the audit log", path, &err))?;
        let parsed: AuditLine = serde_json::from_str(&line).map_err(|_| {
            Error::integrity(format!(
                "Line {} of the audit log {} is not a valid event; run `tresor audit verify`.",
                index + 1,
                path.display()
            ))
        })?;
        if filter.matches(&parsed) {
            visit(&parsed)?;
        }
    }
    Ok(())
}
