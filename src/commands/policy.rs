//! `policy show | set | check`.

use crate::audit::AuditEvent;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::keyring;
use crate::policy::decide::{Decision, Request, decide, describe};
use crate::policy::readers::may_break_glass;
use crate::policy::{Action, document};
use crate::session::{Session, View};
use crate::time::Timestamp;
use crate::vault::{PrincipalName, SecretName};
use serde_json::json;
use std::path::Path;

const MAX_POLICY_BYTES: u64 = 1024 * 1024;

pub fn show(ctx: &Context) -> Result<()> {
    let open = View::open(ctx)?;
    let text = document::render(open.vault.policy());
    if ctx.output.json {
        return ctx.output.json(&json!({"policy": text}));
    }
    ctx.output.bytes(text.as_bytes())
}

pub fn set(ctx: &Context, file: &Path) -> Result<()> {
    let bytes = crate::fs::read_capped(file, MAX_POLICY_BYTES, "the policy file")?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::usage(format!(
            "The policy file {} is not UTF-8 text.",
            file.display()
        ))
    })?;
    let mut session = Session::open(ctx)?;
    // Before anything else: a non-admin is refused (and the denial recorded) even when
    // the policy it sends is the one in force.
    session.authorize(Action::Admin, None, ctx.reason())?;
    let principals: Vec<PrincipalName> = session.vault().trust.principals.keys().cloned().collect();
    let policy = document::parse(&text, &principals)?;
    if !policy.keyrings.is_empty() {
        return Err(Error::usage(
            "The policy has a [keyrings] table: keyrings now follow who may read each secret, so remove it.",
        ));
    }
    let keeps_a_writing_admin = principals.iter().any(|name| {
        crate::policy::readers::administers(&policy, name)
            && session.vault().trust.principals[name].signing.is_some()
    });
    if !keeps_a_writing_admin {
        return Err(Error::usage(
            "The policy leaves no admin with a signing key: nobody could change the vault again. Keep at least one.",
        ));
    }
    if policy == session.vault().trust.policy {
        return ctx
            .output
            .done("The policy is unchanged.", &json!({"changed": false}));
    }
    let event = AuditEvent::new("policy", None).reason(ctx.reason());
    let mut write = session.write(event)?;
    write.administer(ctx.reason())?.trust.policy = policy;
    let moves = keyring::sync(&mut write)?;
    let summary = moves.summary();
    write.event().detail = Some(summary.clone());
    write.commit()?;
    ctx.output.done(
        &format!("Applied the policy: {summary}."),
        &json!({"changed": true, "summary": summary, "moved": moves.moved.values().sum::<usize>()}),
    )
}

pub fn check(ctx: &Context, principal: &str, action: &str, name: &str) -> Result<()> {
    let principal: PrincipalName = principal.parse()?;
    let action = Action::parse(action).ok_or_else(|| {
        Error::usage(format!(
            "'{action}' is not an action (read, create, rotate, destroy, admin, break-glass)."
        ))
    })?;
    let name: SecretName = name.parse()?;
    let open = View::open(ctx)?;
    let vault = &open.vault;
    if !vault.trust.principals.contains_key(&principal) {
        return Err(Error::not_found(format!(
            "No principal named '{principal}'; `tresor recipient list` shows them."
        )));
    }
    let policy = vault.policy();
    let (allowed, because) = if action == Action::BreakGlass {
        let may = may_break_glass(policy, &principal, name.as_str());
        (
            may,
            if may {
                "[break_glass] names it".to_string()
            } else {
                "[break_glass] does not name it for this path".to_string()
            },
        )
    } else {
        let request = Request {
            principal: &principal,
            action,
            secret: (action != Action::Admin).then_some(name.as_str()),
            has_reason: ctx.reason().is_some(),
            has_ticket: false,
        };
        match decide(policy, &request) {
            Decision::Allow { rule } => (
                true,
                format!("rule {} allows it [{}]", rule + 1, describe(policy, rule)),
            ),
            Decision::Deny { rule, why } => {
                let grant = (action == Action::Read
                    && may_break_glass(policy, &principal, name.as_str()))
                .then(|| {
                    let now = Timestamp::now();
                    vault
                        .grants
                        .iter()
                        .find(|(_, g)| g.covers(&principal, name.as_str(), now))
                        .map(|(id, _)| id.clone())
                })
                .flatten();
                match grant {
                    Some(id) => (true, format!("break-glass grant {id} ({why} otherwise)")),
                    None => (
                        false,
                        rule.map_or(why.clone(), |index| {
                            format!("{why} [{}]", describe(policy, index))
                        }),
                    ),
                }
            }
        }
    };
    // A planned rotation and a lease act through the admin secret: it must be readable too.
    let plan = vault.secrets.get(&name).and_then(|s| s.plan.as_ref());
    let through = plan
        .filter(|_| matches!(action, Action::Rotate | Action::Read))
        .map(|plan| {
            let request = Request {
                principal: &principal,
                action: Action::Read,
                secret: Some(plan.admin.as_str()),
                has_reason: ctx.reason().is_some(),
                has_ticket: false,
            };
            let (may, why) = match decide(policy, &request) {
                Decision::Allow { rule } => (
                    true,
                    format!("rule {} allows it [{}]", rule + 1, describe(policy, rule)),
                ),
                Decision::Deny { rule, why } => (
                    false,
                    rule.map_or(why.clone(), |index| {
                        format!("{why} [{}]", describe(policy, index))
                    }),
                ),
            };
            let what = if action == Action::Rotate {
                "its planned rotation"
            } else {
                "a lease of it"
            };
            let verdict = if may { "allow" } else { "deny" };
            (
                may,
                format!(
                    "{what} also reads the admin secret {}: {verdict}: {why}",
                    plan.admin
                ),
            )
        });
    let allowed = allowed
        && through
            .as_ref()
            .is_none_or(|(may, _)| *may || action == Action::Read);
    let verdict = if allowed { "allow" } else { "deny" };
    let readers = crate::keyring::reader_set(vault, &name);
    let holds_keys = readers.contains(&principal);
    if ctx.output.json {
        ctx.output.json(&json!({"principal": principal.as_str(), "action": action.as_str(), "secret": name.as_str(), "decision": verdict, "because": because, "readers": readers.iter().map(|r| r.as_str()).collect::<Vec<_>>(), "holds_keys": holds_keys, "admin_secret": through.as_ref().map(|(may, why)| json!({"allowed": may, "because": why}))}))?;
    } else {
        let names: Vec<&str> = readers.iter().map(|r| r.as_str()).collect();
        ctx.output.line(&format!(
            "{verdict}: {principal} {action} {name}: {because}\nreaders of {name}: {} ({principal} {} its keys)",
            names.join(", "),
            if holds_keys { "holds" } else { "does not hold" }
        ))?;
        if let Some((_, why)) = &through {
            ctx.output.line(why)?;
        }
    }
    if allowed {
        Ok(())
    } else {
        Err(Error::denied(format!(
            "'{principal}' may not {action} '{name}'."
        )))
    }
}
