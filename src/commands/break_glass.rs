//! `break-glass open | close | list`: emergency reads, time-limited and on the record.

use crate::audit::AuditEvent;
use crate::cli::BreakGlassOpenArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::policy::glob::PathGlob;
use crate::policy::grant::{self, Grant, GrantState};
use crate::session::{Session, View};
use crate::time::{self, Timestamp};
use serde_json::json;

pub fn open(ctx: &Context, args: &BreakGlassOpenArgs) -> Result<()> {
    let reason = ctx
        .reason()
        .ok_or_else(|| {
            Error::usage("Break-glass needs --reason: say why, it goes in the audit log.")
        })?
        .to_string();
    let ticket = args
        .ticket
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| {
            Error::usage("Break-glass needs --ticket: the incident or change it is for.")
        })?
        .to_string();
    let on = PathGlob::parse(&args.on)?;
    let duration = time::parse_duration(&args.duration)?;
    let mut session = Session::open(ctx)?;
    let policy = session.vault().policy();
    let allowed = match &policy.break_glass {
        None => Err("the policy has no [break_glass] section"),
        Some(break_glass)
            if !break_glass
                .who
                .iter()
                .any(|subject| policy.names(subject, &session.principal)) =>
        {
            Err("[break_glass] does not name this principal")
        }
        Some(break_glass) => Ok(break_glass.max_duration.clone()),
    };
    let max_duration = match allowed {
        Ok(max_duration) => max_duration,
        Err(why) => return deny(&mut session, &reason, why),
    };
    // A grant never reaches past `[break_glass] on` (checked at each read): say so.
    let bounds: Vec<&str> = policy
        .break_glass
        .iter()
        .flat_map(|break_glass| break_glass.on.iter().map(|glob| glob.as_str()))
        .collect();
    let within = if bounds == ["**"] {
        String::new()
    } else {
        format!(", within [break_glass] on = {}", bounds.join(", "))
    };
    let max = time::parse_duration(&max_duration)?;
    if duration > max {
        return Err(Error::usage(format!(
            "A grant lasts at most {max_duration} here; ask for --duration {max_duration} or less."
        )));
    }
    let now = Timestamp::now();
    let id = grant::new_id();
    let expires = now.plus(duration);
    let mut event = AuditEvent::new("break_glass_open", None)
        .reason(Some(&reason))
        .detail(format!("on {} until {expires}", on.as_str()));
    event.ticket = Some(ticket.clone());
    event.grant = Some(id.clone());
    let principal = session.principal.clone();
    let mut write = session.write(event)?;
    write.open_grant(
        &id,
        Grant {
            principal,
            on: on.clone(),
            reason: reason.clone(),
            ticket,
            opened: now,
            expires,
            closed: None,
        },
    )?;
    write.commit()?;
    ctx.output.warn(&format!(
        "Break-glass grant {id} is open until {expires} on '{}'{within}: every read under it is recorded.",
        on.as_str()
    ));
    ctx.output.done(
        &format!(
            "Opened grant {id} until {expires}; close it with `tresor break-glass close` when done."
        ),
        &json!({"grant": id, "expires": expires.to_string(), "on": on.as_str()}),
    )
}

fn deny(session: &mut Session, reason: &str, why: &str) -> Result<()> {
    let mut event = AuditEvent::new("deny", Some(session.principal.as_str()))
        .reason(Some(reason))
        .detail(why.to_string());
    event.action = Some("break-glass".to_string());
    event.decision = Some("deny".to_string());
    session.record(vec![event])?;
    Err(Error::denied(format!(
        "'{}' may not open a break-glass grant: {why}.",
        session.principal
    )))
}

pub fn close(ctx: &Context, id: Option<&str>) -> Result<()> {
    let mut session = Session::open(ctx)?;
    let now = Timestamp::now();
    let is_admin =
        crate::policy::readers::administers(session.vault().policy(), &session.principal);
    let ids: Vec<String> = match id {
        Some(id) => {
            let grant = session.vault().grants.get(id).ok_or_else(|| {
                Error::not_found(format!(
                    "No grant '{id}'; `tresor break-glass list` shows them."
                ))
            })?;
            if grant.principal != session.principal && !is_admin {
                return Err(Error::denied(format!(
                    "Grant {id} belongs to '{}'; only it or an admin may close it.",
                    grant.principal
                )));
            }
            vec![id.to_string()]
        }
        None => session
            .vault()
            .grants
            .iter()
            .filter(|(_, g)| g.principal == session.principal && g.state(now) == GrantState::Open)
            .map(|(id, _)| id.clone())
            .collect(),
    };
    let open: Vec<String> = ids
        .into_iter()
        .filter(|id| {
            session
                .vault()
                .grants
                .get(id)
                .is_some_and(|g| g.state(now) == GrantState::Open)
        })
        .collect();
    if open.is_empty() {
        return ctx
            .output
            .done("No open grant to close.", &json!({"closed": []}));
    }
    let mut event = AuditEvent::new("break_glass_close", None).reason(ctx.reason());
    event.grant = Some(open.join(","));
    let mut write = session.write(event)?;
    for id in &open {
        write.grant(id, ctx.reason())?.closed = Some(now);
    }
    write.commit()?;
    ctx.output.done(
        &format!("Closed {}.", open.join(", ")),
        &json!({"closed": open}),
    )
}

pub fn list(ctx: &Context) -> Result<()> {
    let open = View::open(ctx)?;
    let now = Timestamp::now();
    if ctx.output.json {
        let grants: Vec<_> = open
            .vault
            .grants
            .iter()
            .map(|(id, g)| {
                json!({"grant": id, "principal": g.principal.as_str(), "on": g.on.as_str(), "reason": g.reason, "ticket": g.ticket,
                       "opened": g.opened.to_string(), "expires": g.expires.to_string(), "closed": g.closed.map(|t| t.to_string()),
                       "state": g.state(now).as_str()})
            })
            .collect();
        return ctx.output.json(&grants);
    }
    if open.vault.grants.is_empty() {
        ctx.output.note("No break-glass grants.");
        return Ok(());
    }
    let rows = open.vault.grants.iter().map(|(id, g)| {
        vec![
            id.to_string(),
            g.state(now).as_str().to_string(),
            g.principal.to_string(),
            g.on.as_str().to_string(),
            g.expires.to_string(),
            g.ticket.clone(),
            g.reason.clone(),
        ]
    });
    ctx.output.line(&crate::table::render(
        &[
            "GRANT",
            "STATE",
            "PRINCIPAL",
            "ON",
            "EXPIRES",
            "TICKET",
            "REASON",
        ],
        rows,
    ))
}
