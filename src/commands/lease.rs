//! `lease NAME --ttl D`, `lease list`, `lease revoke ID`, `lease sweep`: dynamic
//! database logins of planned secrets, made and dropped through `rotation::Leaser`.

use crate::cli::{LeaseArgs, LeaseCommand};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::rotation::{LeaseId, Leaser};
use crate::session::{Session, View};
use crate::time::{self, Timestamp};
use crate::vault::SecretName;
use crate::vault::store::Scope;
use serde_json::json;

pub fn lease(ctx: &Context, args: &LeaseArgs) -> Result<()> {
    match &args.command {
        Some(LeaseCommand::List) => list(ctx),
        Some(LeaseCommand::Revoke { id }) => revoke(ctx, id),
        Some(LeaseCommand::Sweep) => sweep(ctx),
        None => {
            let (Some(name), Some(ttl)) = (&args.name, &args.ttl) else {
                return Err(Error::usage(
                    "Name the secret and the lease's length: tresor lease NAME --ttl 1h.",
                ));
            };
            grant(ctx, &name.parse()?, ttl)
        }
    }
}

fn grant(ctx: &Context, name: &SecretName, ttl: &str) -> Result<()> {
    let ttl = time::parse_duration(ttl)?;
    let mut session = Session::open(ctx)?;
    let mut leaser = Leaser::new(&mut session, ctx.reason());
    let (id, lease, uri) = leaser.lease(name, ttl)?;
    drop(leaser);
    drop(session);
    if ctx.output.json {
        let uri = std::str::from_utf8(uri.expose())
            .map_err(|_| Error::other("The lease's URI is not text."))?;
        let document = json!({
            "id": id.as_str(),
            "name": name.as_str(),
            "role": lease.role.as_str(),
            "expires": lease.expires.to_string(),
            "uri": uri,
        });
        ctx.output
            .line(&zeroize::Zeroizing::new(document.to_string()))
    } else {
        ctx.output.note(&format!(
            "Lease {id} of '{name}': login {} until {}; `tresor lease revoke {id}` ends it sooner.",
            lease.role, lease.expires
        ));
        let mut line = zeroize::Zeroizing::new(uri.expose().to_vec());
        line.push(b'\n');
        ctx.output.bytes(&line)
    }
}

fn list(ctx: &Context) -> Result<()> {
    // Leases are kept in the head: no secret needs loading.
    let view = View::read(ctx, Scope::none())?;
    let now = Timestamp::now();
    let leases = &view.vault.leases;
    if ctx.output.json {
        let rows: Vec<_> = leases
            .iter()
            .map(|(id, l)| {
                json!({
                    "id": id.as_str(),
                    "name": l.secret.as_str(),
                    "role": l.role.as_str(),
                    "principal": l.principal.as_str(),
                    "created": l.created.to_string(),
                    "expires": l.expires.to_string(),
                    "expired": l.expired(now),
                })
            })
            .collect();
        return ctx.output.json(&rows);
    }
    if leases.is_empty() {
        return ctx.output.line("No leases.");
    }
    let mut lines = vec!["ID                SECRET / LOGIN / HOLDER  ENDS".to_string()];
    for (id, l) in leases {
        let ends = if l.expired(now) {
            format!("expired {} (`tresor lease sweep`)", l.expires)
        } else {
            format!(
                "{} (in {})",
                l.expires,
                time::format_duration(l.expires.seconds_since(now))
            )
        };
        lines.push(format!(
            "{id:16}  {} / {} / {}  {ends}",
            l.secret, l.role, l.principal
        ));
    }
    ctx.output.line(&lines.join("\n"))
}

fn revoke(ctx: &Context, id: &str) -> Result<()> {
    let id: LeaseId = id.parse()?;
    let mut session = Session::open(ctx)?;
    let lease = Leaser::new(&mut session, ctx.reason()).revoke(&id)?;
    ctx.output.done(
        &format!(
            "Revoked lease {id}: login {} of '{}' is dropped.",
            lease.role, lease.secret
        ),
        &json!({"id": id.as_str(), "name": lease.secret.as_str(), "role": lease.role.as_str()}),
    )
}

fn sweep(ctx: &Context) -> Result<()> {
    let mut session = Session::open(ctx)?;
    let (dropped, left) = Leaser::new(&mut session, ctx.reason()).sweep()?;
    for why in &left {
        ctx.output.warn(&format!("Lease {why}"));
    }
    let sentence = if dropped.is_empty() {
        "No expired lease to sweep.".to_string()
    } else {
        format!(
            "Swept {} expired lease login(s): {}.",
            dropped.len(),
            dropped.join(", ")
        )
    };
    ctx.output
        .done(&sentence, &json!({"dropped": dropped, "left": left}))?;
    if left.is_empty() {
        Ok(())
    } else {
        Err(Error::other(format!(
            "{} expired lease(s) could not be swept (see above).",
            left.len()
        )))
    }
}
