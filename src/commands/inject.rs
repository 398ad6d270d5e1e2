//! `inject`: a template with `{{ tresor://NAME }}` references, filled with the
//! values. Every reference must be read (authorized, audited) before a byte is
//! written; one failure writes nothing.

use super::resolve;
use crate::audit::AuditEvent;
use crate::cli::InjectArgs;
use crate::context::Context;
use crate::deliver::template;
use crate::error::{Error, Result};
use crate::session::Session;
use crate::vault::store::Scope;
use serde_json::json;
use std::io::IsTerminal;
use zeroize::Zeroizing;

/// Templates are configuration files, not data sets.
const MAX_TEMPLATE_BYTES: u64 = 16 * 1024 * 1024;

pub fn inject(ctx: &Context, args: &InjectArgs) -> Result<()> {
    if ctx.output.json && args.out_file.is_none() {
        return Err(Error::usage(
            "inject prints the filled template, which is not JSON; write it with -o OUT to get a JSON confirmation, or leave out --json.",
        ));
    }
    let source = match &args.in_file {
        Some(path) => crate::fs::read_capped(path, MAX_TEMPLATE_BYTES, "the template")?,
        None if std::io::stdin().is_terminal() => {
            return Err(Error::usage(
                "No template: pass -i TEMPLATE, or pipe one on stdin.",
            ));
        }
        None => crate::fs::read_all_capped(
            std::io::stdin().lock(),
            MAX_TEMPLATE_BYTES,
            "the template on stdin",
        )?,
    };
    let pieces = template::parse(&source)?;
    let references = template::references(&pieces);
    let mut session = Session::read(
        ctx,
        Scope::names(references.iter().map(|reference| reference.name.clone())),
    )?;
    let mut event = AuditEvent::new("inject", Some(session.principal.as_str()))
        .reason(ctx.reason())
        .detail(format!("{} reference(s)", references.len()));
    event.target = args
        .out_file
        .as_ref()
        .map(|path| path.display().to_string());
    let resolved = resolve::read_all(ctx, &mut session, &references, event)?;
    drop(session);

    let rendered = Zeroizing::new(template::render(&pieces, |reference| {
        resolve::value_of(&resolved, reference)
    }));
    match &args.out_file {
        Some(path) => {
            crate::fs::write_atomic(path, &rendered, "the output")?;
            ctx.output.done(
                &format!(
                    "Wrote {} with {} value(s).",
                    path.display(),
                    references.len()
                ),
                &json!({"path": path.display().to_string(), "references": references.len()}),
            )
        }
        None => ctx.output.bytes(&rendered),
    }
}
