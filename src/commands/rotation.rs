//! `rotation set|status|resume|abort|finish` and `rotate` on a planned secret: the
//! plan is recorded in the secret's signed record; the steps run in `rotation::Runner`.

use crate::audit::AuditEvent;
use crate::cli::{RotateArgs, RotationSetArgs};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::rotation::{Outcome, Phase, Rotation, RotationPlan, Runner, System, plan_of_vault};
use crate::session::{Session, View};
use crate::time::{self, Timestamp};
use crate::vault::store::Scope;
use crate::vault::{Metadata, SecretName};
use serde_json::{Value, json};

pub fn set(ctx: &Context, args: &RotationSetArgs) -> Result<()> {
    let name: SecretName = args.name.parse()?;
    let admin: SecretName = args.postgres.parse()?;
    if admin == name {
        return Err(Error::usage(format!(
            "'{name}' cannot be its own admin secret: name the secret holding the admin's connection URI."
        )));
    }
    let plan = RotationPlan {
        system: System::Postgres,
        admin: admin.clone(),
        family: args.role.parse()?,
        group: args.group.as_deref().map(str::parse).transpose()?,
        overlap: overlap(&args.overlap)?,
    };
    let mut session = Session::open(ctx)?;
    session.vault().secret(&admin)?;
    let event = AuditEvent::new("rotation_set", None)
        .secret(name.as_str())
        .target(admin.as_str())
        .detail(format!("logins {}_vN", plan.family))
        .reason(ctx.reason());
    let mut write = session.write(event)?;
    // A new database login needs no value first: the plan makes version 1.
    let secret = if write.vault().secrets.contains_key(&name) {
        write.secret(&name, Action::Rotate, ctx.reason())?
    } else {
        write.create(&name, Metadata::default(), ctx.reason())?;
        write.authorized(&name)?
    };
    if let Some(journal) = &secret.journal
        && !ended(journal, secret.plan.as_ref())
    {
        return Err(Error::conflict(format!(
            "A rotation of '{name}' is under way; finish it or abort it (tresor rotation status {name}) before changing its plan."
        )));
    }
    let family_changed = secret.plan.as_ref().map(|p| &p.family) != Some(&plan.family);
    // Whoever may set a plan must be able to run it: the admin secret is read then.
    write
        .session()
        .authorize(Action::Read, Some(&admin), ctx.reason())?;
    let secret = write.authorized(&name)?;
    if family_changed {
        secret.journal = None;
    }
    secret.plan = Some(plan.clone());
    write.commit()?;
    ctx.output.done(
        &format!(
            "'{name}' is now rotated in PostgreSQL: logins {}_vN{}, connected through '{admin}', overlap {}. Rotate it with `tresor rotate {name}`.",
            plan.family,
            plan.group
                .as_ref()
                .map(|g| format!(" in group {g}"))
                .unwrap_or_default(),
            time::format_duration(plan.overlap.as_secs() as i64)
        ),
        &json!({"name": name.as_str(), "plan": plan_json(&plan)}),
    )
}

/// `--overlap`: a duration, zero included (the old login is dropped at once).
fn overlap(text: &str) -> Result<std::time::Duration> {
    match humantime::parse_duration(text.trim()) {
        Ok(overlap) if overlap.is_zero() => Ok(overlap),
        _ => time::parse_duration(text),
    }
}

/// Whether a rotation has nothing left to do but wait or nothing at all.
fn ended(journal: &Rotation, plan: Option<&RotationPlan>) -> bool {
    let overlap = plan.map(|p| p.overlap).unwrap_or_default();
    matches!(
        journal.next(overlap, Timestamp::now()),
        Ok(crate::rotation::Action::Finished | crate::rotation::Action::Aborted)
    )
}

/// Whether `rotate NAME` runs the secret's plan.
pub fn is_planned(ctx: &Context, name: &SecretName) -> Result<bool> {
    let view = View::read(ctx, Scope::one(name))?;
    Ok(view.vault.secret(name).is_ok_and(|s| s.plan.is_some()))
}

/// `rotate NAME` on a planned secret.
pub fn rotate(ctx: &Context, name: &SecretName, args: &RotateArgs) -> Result<()> {
    let source = &args.source;
    if source.from_file.is_some()
        || source.generate.is_some()
        || args.stage
        || args.expires.is_some()
    {
        return Err(Error::usage(format!(
            "'{name}' has a rotation plan, which makes its value: run `tresor rotate {name}` alone."
        )));
    }
    drive(ctx, name, |runner| runner.rotate())
}

pub fn resume(ctx: &Context, name: &str) -> Result<()> {
    drive(ctx, &name.parse()?, |runner| runner.resume())
}

pub fn abort(ctx: &Context, name: &str) -> Result<()> {
    drive(ctx, &name.parse()?, |runner| runner.abort())
}

pub fn finish(ctx: &Context, name: &str) -> Result<()> {
    drive(ctx, &name.parse()?, |runner| runner.finish())
}

fn drive(
    ctx: &Context,
    name: &SecretName,
    what: impl FnOnce(&mut Runner<'_>) -> Result<(Rotation, Outcome)>,
) -> Result<()> {
    let mut session = Session::open(ctx)?;
    let mut runner = Runner::open(&mut session, name, ctx.reason())?;
    let (rotation, outcome) = what(&mut runner)?;
    drop(runner);
    drop(session);
    let version = rotation.version();
    let role = rotation.role();
    let sentence = match &outcome {
        Outcome::Overlap { until } => format!(
            "Rotated '{name}': version {version} (login {role}) is current; {} keeps working until {until}, then `tresor rotation finish {name}` (or the next rotate) drops it.",
            rotation
                .previous()
                .map_or("the previous login".to_string(), |p| p.to_string())
        ),
        Outcome::Finished => match rotation.previous() {
            Some(previous) => format!(
                "Rotated '{name}': version {version} (login {role}) is current, and {previous} is dropped."
            ),
            None => format!("Rotated '{name}': version {version} (login {role}) is current."),
        },
        Outcome::Aborted => format!(
            "The rotation of '{name}' to version {version} is aborted: {role} is dropped{}.",
            if rotation.stored() {
                " and its version disabled"
            } else {
                ""
            }
        ),
    };
    let mut document = rotation_json(&rotation, Some(&outcome));
    document["name"] = json!(name.as_str());
    ctx.output.done(&sentence, &document)
}

pub fn status(ctx: &Context, name: &str) -> Result<()> {
    let name: SecretName = name.parse()?;
    let view = View::read(ctx, Scope::one(&name))?;
    let plan = plan_of_vault(&view.vault, &name)?;
    let journal = view.vault.secret(&name)?.journal.clone();
    drop(view);
    let mut document = json!({"name": name.as_str(), "plan": plan_json(&plan)});
    let mut text = format!(
        "'{name}': PostgreSQL logins {}_vN{} through '{}', overlap {}.\n",
        plan.family,
        plan.group
            .as_ref()
            .map(|g| format!(" in group {g}"))
            .unwrap_or_default(),
        plan.admin,
        time::format_duration(plan.overlap.as_secs() as i64)
    );
    match &journal {
        None => text.push_str("No rotation yet.\n"),
        Some(rotation) => {
            let state = state(rotation, &plan);
            text.push_str(&format!(
                "Rotation to version {} (login {}{}): {}.\n",
                rotation.version(),
                rotation.role(),
                rotation
                    .previous()
                    .map(|p| format!(", replacing {p}"))
                    .unwrap_or_default(),
                state.0
            ));
            for entry in rotation.entries() {
                let phase = match entry.phase {
                    Phase::Begun => "begun",
                    Phase::Done => "done",
                };
                text.push_str(&format!(
                    "  {}  {} {phase}\n",
                    entry.at,
                    step_name(entry.step)
                ));
            }
            document["rotation"] = rotation_json(rotation, None);
            document["rotation"]["state"] = json!(state.1);
        }
    }
    if ctx.output.json {
        ctx.output.json(&document)
    } else {
        ctx.output.line(text.trim_end())
    }
}

/// Where a rotation stands, as a sentence and a word.
fn state(rotation: &Rotation, plan: &RotationPlan) -> (String, &'static str) {
    use crate::rotation::Action as Next;
    let last = rotation.entries().last();
    match rotation.next(plan.overlap, Timestamp::now()) {
        Ok(Next::Finished) => ("finished".to_string(), "finished"),
        Ok(Next::Aborted) => ("aborted".to_string(), "aborted"),
        Ok(Next::Wait { until }) => (
            format!("current; the previous login works until {until}"),
            "overlap",
        ),
        Ok(Next::Run(crate::rotation::Step::DropOld)) => (
            "current; the overlap is over, `tresor rotation finish` (or the next rotate) drops the previous login".to_string(),
            "overlap_over",
        ),
        _ => (
            format!(
                "stopped after {}: `tresor rotation resume` or `tresor rotation abort`",
                last.map_or("its start".to_string(), |e| format!(
                    "{} {}",
                    step_name(e.step),
                    if e.phase == Phase::Begun {
                        "begun"
                    } else {
                        "done"
                    }
                ))
            ),
            "stopped",
        ),
    }
}

fn step_name(step: crate::rotation::Step) -> String {
    serde_json::to_value(step)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn plan_json(plan: &RotationPlan) -> Value {
    json!({
        "system": "postgres",
        "admin": plan.admin.as_str(),
        "role": plan.family.as_str(),
        "group": plan.group.as_ref().map(|g| g.as_str()),
        "overlap_seconds": plan.overlap.as_secs(),
    })
}

fn rotation_json(rotation: &Rotation, outcome: Option<&Outcome>) -> Value {
    let mut document = json!({
        "version": rotation.version(),
        "role": rotation.role().as_str(),
        "previous": rotation.previous().map(|p| p.as_str()),
        "entries": rotation.entries().iter().map(|e| json!({
            "step": step_name(e.step),
            "phase": if e.phase == Phase::Begun { "begun" } else { "done" },
            "at": e.at.to_string(),
        })).collect::<Vec<_>>(),
    });
    match outcome {
        Some(Outcome::Overlap { until }) => {
            document["state"] = json!("overlap");
            document["until"] = json!(until.to_string());
        }
        Some(Outcome::Finished) => document["state"] = json!("finished"),
        Some(Outcome::Aborted) => document["state"] = json!("aborted"),
        None => {}
    }
    document
}
