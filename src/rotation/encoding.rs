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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rotation::steps::Step;
    use crate::time::Timestamp;
    use serde::Deserialize;

    fn plan() -> RotationPlan {
        RotationPlan {
            system: System::Postgres,
            admin: "db/admin".parse().unwrap(),
            family: "app".parse().unwrap(),
            group: Some("app_rw".parse().unwrap()),
            overlap: std::time::Duration::from_secs(5400),
        }
    }

    fn journal() -> Rotation {
        let family = "app".parse().unwrap();
        let mut rotation = Rotation::start(&family, 3, Some("app_v2")).unwrap();
        rotation
            .begin(Step::CreateRole, Timestamp::from_unix(1_000))
            .unwrap();
        let at = Timestamp::from_unix(1_001).plus(std::time::Duration::from_millis(7));
        rotation.complete(Step::CreateRole, at).unwrap();
        rotation
    }

    /// The file's secret table, as `vault::file` reads it.
    #[derive(Deserialize)]
    struct Table {
        plan: Option<RotationPlan>,
        journal: Option<Rotation>,
    }

    #[derive(Deserialize)]
    struct File {
        secrets: std::collections::BTreeMap<String, Table>,
    }

    #[test]
    fn the_tables_read_back_as_written() {
        let mut out = String::from("[secrets.\"app/db\"]\n");
        render(
            &mut out,
            "secrets.\"app/db\"",
            Some(&plan()),
            Some(&journal()),
        );
        assert!(
            out.contains("\n[secrets.\"app/db\".plan]\nsystem = \"postgres\"\n"),
            "{out}"
        );
        assert!(
            out.contains("  { step = \"create_role\", phase = \"done\", at = \"1970-01-01T00:16:41.007Z\" },\n"),
            "{out}"
        );
        let file: File = toml::from_str(&out).unwrap();
        let table = &file.secrets["app/db"];
        assert_eq!(table.plan.as_ref(), Some(&plan()));
        assert_eq!(table.journal.as_ref(), Some(&journal()));
        check_record(table.plan.as_ref(), table.journal.as_ref()).unwrap();
    }

    #[test]
    fn a_journal_needs_its_plan_and_its_grammar() {
        assert!(
            check_record(None, Some(&journal()))
                .unwrap_err()
                .contains("without a plan")
        );
        let other = RotationPlan {
            family: "other".parse().unwrap(),
            ..plan()
        };
        let err = check_record(Some(&other), Some(&journal())).unwrap_err();
        assert!(err.contains("not version 3 of other"), "{err}");
        check_record(Some(&plan()), None).unwrap();
    }

    #[test]
    fn every_field_is_in_the_digest() {
        let digest = |plan: Option<&RotationPlan>, journal: Option<&Rotation>| {
            let mut encoding = Canonical::new("test");
            encode(&mut encoding, plan, journal);
            encoding.digest()
        };
        let base = digest(Some(&plan()), Some(&journal()));
        let plans = [
            RotationPlan {
                admin: "db/other".parse().unwrap(),
                ..plan()
            },
            RotationPlan {
                family: "apq".parse().unwrap(),
                ..plan()
            },
            RotationPlan {
                group: None,
                ..plan()
            },
            RotationPlan {
                overlap: std::time::Duration::from_secs(5401),
                ..plan()
            },
        ];
        for changed in &plans {
            assert_ne!(digest(Some(changed), Some(&journal())), base);
        }
        let mut longer = journal();
        longer
            .begin(Step::ProveLogin, Timestamp::from_unix(1_002))
            .unwrap();
        assert_ne!(digest(Some(&plan()), Some(&longer)), base);
        let mut later = journal();
        later.entries[0].at = Timestamp::from_unix(1_003);
        assert_ne!(digest(Some(&plan()), Some(&later)), base);
        assert_ne!(digest(Some(&plan()), None), base);
        assert_ne!(digest(None, None), digest(Some(&plan()), None));
    }
}
