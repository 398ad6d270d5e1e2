//! Reading many values for one delivery (`run`, `inject`, `export`): every read is
//! authorized before any value is decrypted, and every read event is on disk before
//! the caller may release a value.

use crate::audit::AuditEvent;
use crate::context::Context;
use crate::crypto::SecretBytes;
use crate::deliver::Reference;
use crate::error::Result;
use crate::policy::Action;
use crate::session::Session;
use crate::vault::Selector;

pub struct Resolved {
    pub reference: Reference,
    pub version: u32,
    pub value: SecretBytes,
}

/// Reads each distinct reference once. A denial or a failed read fails the whole
/// delivery before anything is released.
pub fn read_all(
    ctx: &Context,
    session: &mut Session,
    references: &[Reference],
) -> Result<Vec<Resolved>> {
    let mut distinct: Vec<&Reference> = Vec::new();
    for reference in references {
        if !distinct.contains(&reference) {
            distinct.push(reference);
        }
    }
    let mut grants = Vec::with_capacity(distinct.len());
    for reference in &distinct {
        grants.push(session.authorize(Action::Read, Some(&reference.name), ctx.reason())?);
    }
    let mut resolved = Vec::with_capacity(distinct.len());
    for reference in &distinct {
        let (version, value) = session.read(&reference.name, &reference.selector)?;
        resolved.push(Resolved {
            reference: (*reference).clone(),
            version,
            value,
        });
    }
    for (read, grant) in resolved.iter().zip(&grants) {
        let mut event = AuditEvent::new("read", Some(session.principal.as_str()))
            .secret(read.reference.name.as_str())
            .version(read.version)
            .reason(ctx.reason());
        event.grant = grant.clone();
        if let Selector::Alias(alias) = &read.reference.selector {
            event = event.alias(alias.as_str());
        }
        session.record(event)?;
    }
    for (read, grant) in resolved.iter().zip(&grants) {
        if let Some(grant) = grant {
            ctx.output.warn(&format!(
                "Read '{}' under break-glass grant {grant}; the read is in the audit log.",
                read.reference.name
            ));
        }
    }
    Ok(resolved)
}

/// The value read for `reference`; empty if it was not among those read.
pub fn value_of<'a>(resolved: &'a [Resolved], reference: &Reference) -> &'a [u8] {
    resolved
        .iter()
        .find(|read| read.reference == *reference)
        .map_or(&[][..], |read| read.value.expose())
}
