//! What a secret record's digest covers of its rotation: the plan and the journal,
//! field by field, so a signature over the record covers every step recorded.

use super::journal::Rotation;
use super::plan::{RotationPlan, System};
use super::steps::{name, phase_name};
use crate::crypto::mac::Canonical;

pub fn encode(encoding: &mut Canonical, plan: Option<&RotationPlan>, journal: Option<&Rotation>) {
    match plan {
        None => encoding.field(b"\0none"),
        Some(plan) => encoding
            .field(b"\0some")
            .text(system_name(plan.system))
            .text(plan.admin.as_str())
            .text(plan.family.as_str())
            .optional(plan.group.as_ref().map(|g| g.as_str()))
            .number(plan.overlap.as_secs()),
    };
    let Some(journal) = journal else {
        encoding.field(b"\0none");
        return;
    };
    encoding
        .field(b"\0some")
        .number(journal.version.into())
        .text(journal.role.as_str())
        .optional(journal.previous.as_ref().map(|r| r.as_str()))
        .number(journal.entries.len() as u64);
    for entry in &journal.entries {
        encoding
            .text(name(entry.step))
            .text(phase_name(entry.phase))
            .time(entry.at);
    }
}

/// The plan and journal as TOML tables under `table` (`secrets."app/db"`), as the
/// vault file holds them. Every value is a name, a duration or a time: plain ASCII
/// with no quote or backslash, written between quotes as it is.
pub fn render(
    out: &mut String,
    table: &str,
    plan: Option<&RotationPlan>,
    journal: Option<&Rotation>,
) {
    use std::fmt::Write;
    if let Some(plan) = plan {
        let _ = write!(out, "\n[{table}.plan]\n");
        let _ = writeln!(out, "system = \"{}\"", system_name(plan.system));
        let _ = writeln!(out, "admin = \"{}\"", plan.admin);
        let _ = writeln!(out, "family = \"{}\"", plan.family);
        if let Some(group) = &plan.group {
            let _ = writeln!(out, "group = \"{group}\"");
        }
        let whole = std::time::Duration::from_secs(plan.overlap.as_secs());
        let _ = writeln!(out, "overlap = \"{}\"", humantime::format_duration(whole));
    }
    if let Some(journal) = journal {
        let _ = write!(out, "\n[{table}.journal]\n");
        let _ = writeln!(out, "version = {}", journal.version);
        let _ = writeln!(out, "role = \"{}\"", journal.role);
        if let Some(previous) = &journal.previous {
            let _ = writeln!(out, "previous = \"{previous}\"");
        }
        out.push_str("entries = [\n");
        for entry in &journal.entries {
            let _ = writeln!(
                out,
                "  {{ step = \"{}\", phase = \"{}\", at = \"{}\" }},",
                name(entry.step),
                phase_name(entry.phase),
                entry.at
            );
        }
        out.push_str("]\n");
    }
}

fn system_name(system: System) -> &'static str {
    match system {
        System::Postgres => "postgres",
    }
}

/// Checks the rotation part of a secret record read from the file: a journal needs a
/// plan, and follows its grammar for the plan's family.
pub fn check_record(plan: Option<&RotationPlan>, journal: Option<&Rotation>) -> Result<(), String> {
    match (plan, journal) {
        (_, None) => Ok(()),
        (None, Some(_)) => Err("it holds a rotation journal without a plan".to_string()),
        (Some(plan), Some(journal)) => journal
            .check(&plan.family)
            .map_err(|err| err.message().trim_end_matches('.').to_string()),
    }
}
