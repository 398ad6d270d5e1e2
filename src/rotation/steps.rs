//! The steps of a rotation and the entries that record them.
//!
//! Every step is recorded as begun before it acts and as done after. A step that acts
//! on the database (`CreateRole`, `ProveLogin`, `DropOld`, `DropNew`) can crash between
//! the two; a step that acts on the vault (`StorePending`, `Promote`) writes its change
//! and its `done` entry in one vault write, so a begun vault step without its `done`
//! did not happen. The new password lives only in the running process until
//! `StorePending` is done: a crash before that loses it, and `resume` then drops the
//! new role and starts over rather than leave a login nobody can use.

use super::journal::Rotation;
use super::role::RoleName;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Create `FAMILY_vN` with a generated password, a member of the plan's group.
    CreateRole,
    /// Log in as the new role and check it holds the group.
    ProveLogin,
    /// Store the new login as version N, `pending`.
    StorePending,
    /// Point `current` at version N (`previous` at the old one).
    Promote,
    /// After the overlap: drop the previous version's role and disable its version.
    DropOld,
    /// Abort (or restart after a crash): drop the new role, discard version N if stored.
    DropNew,
}

impl Step {
    /// The role this step acts on, if it acts on the database.
    pub fn role(self, rotation: &Rotation) -> Option<&RoleName> {
        match self {
            Step::CreateRole | Step::ProveLogin | Step::DropNew => Some(&rotation.role),
            Step::DropOld => rotation.previous.as_ref(),
            Step::StorePending | Step::Promote => None,
        }
    }

    /// Safe to carry out again when a crash left it begun and not done.
    pub(super) fn repeatable(self) -> bool {
        matches!(self, Step::Promote | Step::DropOld | Step::DropNew)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Begun,
    Done,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub step: Step,
    pub phase: Phase,
    #[serde(with = "rfc3339")]
    pub at: Timestamp,
}

/// What to do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Record `step` as begun, carry it out, record it as done.
    Run(Step),
    /// The new role is current; the previous one keeps working until `until`.
    Wait { until: Timestamp },
    /// The new role is current and the previous one is gone.
    Finished,
    /// The new role is gone and nothing of the rotation is left.
    Aborted,
}

/// What `resume` does in a new process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    Continue(Action),
    /// The new password died with the process before it was stored: run `DropNew`,
    /// then rotate again from the start (a new `Rotation` for the same version).
    Restart,
}

pub(super) fn name(step: Step) -> &'static str {
    match step {
        Step::CreateRole => "create_role",
        Step::ProveLogin => "prove_login",
        Step::StorePending => "store_pending",
        Step::Promote => "promote",
        Step::DropOld => "drop_old",
        Step::DropNew => "drop_new",
    }
}

pub(super) fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Begun => "begun",
        Phase::Done => "done",
    }
}

/// Times are written as RFC 3339, like every time in the vault.
mod rfc3339 {
    use crate::time::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub fn serialize<S: Serializer>(at: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(at)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(|err| D::Error::custom(err.message()))
    }
}
