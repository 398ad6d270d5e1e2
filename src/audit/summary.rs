//! What the logs say happened, totalled: reads by principal and by secret, denials,
//! break-glass use, rotations by owner and by outcome.

use super::event::AuditLine;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// One break-glass grant's use.
#[derive(Debug, Default, Serialize)]
pub struct GrantUse {
    pub principal: String,
    pub opened: String,
    pub reason: Option<String>,
    pub ticket: Option<String>,
    pub reads: u64,
    pub secrets: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub reads_by_principal: BTreeMap<String, u64>,
    pub reads_by_secret: BTreeMap<String, u64>,
    pub denied_by_principal: BTreeMap<String, u64>,
    pub denials: Vec<Value>,
    pub grants: BTreeMap<String, GrantUse>,
    pub break_glass_reads_by_principal: BTreeMap<String, u64>,
    pub rotations_by_owner: BTreeMap<String, u64>,
    /// `current` (a new current version), `staged` (a new pending one), `denied` (the
    /// right to rotate refused).
    pub rotations_by_outcome: BTreeMap<&'static str, u64>,
}

impl Summary {
    /// Counts `line`; `owner_of` names the owner of a secret that still exists.
    pub fn add(&mut self, line: &AuditLine, owner_of: impl Fn(&str) -> Option<String>) {
        let event = &line.event;
        let principal = event.principal.clone().unwrap_or_else(|| "-".into());
        match event.event.as_str() {
            "read" => {
                *self
                    .reads_by_principal
                    .entry(principal.clone())
                    .or_default() += 1;
                if let Some(secret) = &event.secret {
                    *self.reads_by_secret.entry(secret.clone()).or_default() += 1;
                }
                if let Some(grant) = &event.grant {
                    let usage = self.grants.entry(grant.clone()).or_default();
                    usage.reads += 1;
                    usage.secrets.extend(event.secret.clone());
                    *self
                        .break_glass_reads_by_principal
                        .entry(principal)
                        .or_default() += 1;
                }
            }
            "deny" => {
                *self
                    .denied_by_principal
                    .entry(principal.clone())
                    .or_default() += 1;
                if event.action.as_deref() == Some("rotate") {
                    *self.rotations_by_outcome.entry("denied").or_default() += 1;
                }
                self.denials.push(json!({"seq": line.seq, "ts": line.ts, "principal": principal, "action": event.action, "secret": event.secret}));
            }
            "break_glass_open" => {
                if let Some(grant) = &event.grant {
                    let usage = self.grants.entry(grant.clone()).or_default();
                    usage.principal = principal;
                    usage.opened = line.ts.clone();
                    usage.reason = event.reason.clone();
                    usage.ticket = event.ticket.clone();
                }
            }
            "rotate" => {
                let owner = event
                    .secret
                    .as_deref()
                    .and_then(owner_of)
                    .unwrap_or_else(|| "(no owner)".into());
                *self.rotations_by_owner.entry(owner).or_default() += 1;
                let outcome = if event.alias.as_deref() == Some("pending") {
                    "staged"
                } else {
                    "current"
                };
                *self.rotations_by_outcome.entry(outcome).or_default() += 1;
            }
            _ => {}
        }
    }
}
