//! `export`: the secrets under a prefix as dotenv, JSON or shell assignments, each
//! read authorized and audited, plus one `export` event.

use super::resolve;
use crate::audit::AuditEvent;
use crate::cli::{ExportArgs, ExportFormat};
use crate::context::Context;
use crate::deliver::Reference;
use crate::deliver::env_name::{self, Prefix};
use crate::deliver::render::{self, Format, Item};
use crate::error::{Error, Result};
use crate::session::Session;
use crate::vault::store::Scope;
use serde_json::json;

pub fn export(ctx: &Context, args: &ExportArgs) -> Result<()> {
    let prefix = match &args.prefix {
        Some(prefix) => Prefix::new(prefix)?,
        None => Prefix::all(),
    };
    let format = format_of(ctx, args)?;
    let mut session = Session::read(ctx, Scope::prefix(&prefix.loads()))?;
    let names: Vec<_> = session
        .vault()
        .secrets
        .keys()
        .filter(|name| prefix.covers(name))
        .collect();
    if names.is_empty() {
        return Err(Error::not_found(if prefix.as_str().is_empty() {
            "The vault has no secrets yet; add one with `tresor create NAME`.".to_string()
        } else {
            format!(
                "No secret under '{}'; `tresor list` shows what there is.",
                prefix.as_str()
            )
        }));
    }
    let variables = env_name::variables_for(names, &prefix, args.strip_prefix)?;
    let references: Vec<Reference> = variables
        .values()
        .map(|name| Reference::current(name.clone()))
        .collect();
    let shown_prefix = if prefix.as_str().is_empty() {
        "every secret".to_string()
    } else {
        format!("prefix {}", prefix.as_str())
    };
    let mut event = AuditEvent::new("export", Some(session.principal.as_str()))
        .reason(ctx.reason())
        .detail(format!(
            "{shown_prefix}: {} secret(s) as {}",
            references.len(),
            format_name(format)
        ));
    event.target = args
        .out_file
        .as_ref()
        .map(|path| path.display().to_string());
    let resolved = resolve::read_all(ctx, &mut session, &references, event)?;
    drop(session);

    let items: Vec<Item<'_>> = variables
        .iter()
        .zip(&references)
        .map(|((variable, name), reference)| Item {
            variable,
            secret: name.as_str(),
            value: resolve::value_of(&resolved, reference),
        })
        .collect();
    let rendered = render::render(format, &items)?;
    if format == Format::Dotenv {
        for item in &items {
            if render::expanded_by_python_dotenv(item.value) {
                ctx.output.warn(&format!(
                    "python-dotenv expands the '${{' in the value of '{}' when it loads the file (`tresor import dotenv` does not); --format shell or json keeps it exact everywhere.",
                    item.secret
                ));
            }
        }
    }
    match &args.out_file {
        Some(path) => {
            crate::fs::write_atomic(path, &rendered, "the export")?;
            ctx.output.done(
                &format!("Wrote {} secret(s) to {}.", items.len(), path.display()),
                &json!({"path": path.display().to_string(), "secrets": items.len()}),
            )
        }
        None => ctx.output.bytes(&rendered),
    }
}

/// `--format`, else json with `--json` and dotenv without. On stdout the export is
/// what `--json` promises, so a format that is not JSON is refused there.
fn format_of(ctx: &Context, args: &ExportArgs) -> Result<Format> {
    let format = match args.format {
        Some(ExportFormat::Dotenv) => Format::Dotenv,
        Some(ExportFormat::Json) => Format::Json,
        Some(ExportFormat::Shell) => Format::Shell,
        None if ctx.output.json => Format::Json,
        None => Format::Dotenv,
    };
    if ctx.output.json && args.out_file.is_none() && format != Format::Json {
        return Err(Error::usage(format!(
            "--json prints the export as JSON, not {}; leave out --format, or write the file with -o.",
            format_name(format)
        )));
    }
    Ok(format)
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Dotenv => "dotenv",
        Format::Json => "json",
        Format::Shell => "shell",
    }
}
