//! Reading many values for one delivery (`run`, `inject`, `export`): every read is
//! authorized before any value is decrypted, and every read event, with the
//! delivery's own event, is on disk before the caller may release a value.

use crate::audit::AuditEvent;
use crate::context::Context;
use crate::crypto::SecretBytes;
use crate::deliver::Reference;
use crate::error::Result;
use crate::policy::Action;
use crate::session::{ReadRequest, Session};

pub struct Resolved {
    pub reference: Reference,
    pub value: SecretBytes,
}

/// Reads each distinct reference once and records its read events, then `delivery`
/// (the event of the command they are read for), in one append. A denial or a failed
/// read fails the whole delivery before anything is released.
pub fn read_all(
    ctx: &Context,
    session: &mut Session,
    references: &[Reference],
    delivery: AuditEvent,
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
    let requests: Vec<ReadRequest<'_>> = distinct
        .iter()
        .zip(grants)
        .map(|(reference, grant)| ReadRequest {
            name: &reference.name,
            selector: &reference.selector,
            grant,
        })
        .collect();
    let values = session.read_recorded(&requests, ctx.reason(), Some(delivery))?;
    let resolved: Vec<Resolved> = distinct
        .iter()
        .zip(values)
        .map(|(reference, (_, value))| Resolved {
            reference: (*reference).clone(),
            value,
        })
        .collect();
    for (read, request) in resolved.iter().zip(&requests) {
        if let Some(grant) = &request.grant {
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
