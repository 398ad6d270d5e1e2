//! What `check` reports of a planned secret: a rotation that stopped, an overlap that
//! is over, a plan never run; each names the command that clears it.

use super::plan::RotationPlan;
use super::steps::{Action, Step};
use crate::time::Timestamp;
use crate::vault::Secret;

pub fn findings(
    name: &str,
    plan: &RotationPlan,
    secret: &Secret,
    now: Timestamp,
) -> Vec<(&'static str, String)> {
    let Some(journal) = &secret.journal else {
        return if secret.versions.is_empty() {
            vec![(
                "not-rotated",
                format!("a rotation plan and no login yet; `tresor rotate {name}`"),
            )]
        } else {
            Vec::new()
        };
    };
    match journal.next(plan.overlap, now) {
        Ok(Action::Finished | Action::Aborted | Action::Wait { .. }) => Vec::new(),
        Ok(Action::Run(Step::DropOld)) => vec![(
            "overlap-over",
            format!(
                "the previous login {} outlived its overlap; `tresor rotation finish {name}`",
                journal.previous().map_or("", |p| p.as_str())
            ),
        )],
        Ok(Action::Run(_)) | Err(_) => vec![(
            "rotation-stopped",
            format!(
                "the rotation to version {} stopped midway; `tresor rotation resume {name}` or `tresor rotation abort {name}`",
                journal.version()
            ),
        )],
    }
}
