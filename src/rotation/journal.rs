//! The journal of one rotation, as a pure state machine: given the entries recorded
//! so far, what comes next, what `resume` does after a crash, what `abort` does. Its
//! grammar (`follows`) is the one law every journal read back must obey.

use super::role::{Member, RoleFamily, RoleName};
use super::steps::{Action, Entry, Phase, Resume, Step, name, phase_name};
use crate::error::{Error, Result};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// One rotation of a secret to version `version`: its roles and its journal.
/// Entries are added only through `begin` and `complete`; one read back is `check`ed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rotation {
    pub(crate) version: u32,
    pub(crate) role: RoleName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) previous: Option<RoleName>,
    #[serde(default)]
    pub(crate) entries: Vec<Entry>,
}

/// Where the journal stands: its last entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    Start,
    Begun(Step),
    Done(Step),
}

impl Rotation {
    /// A rotation to `version` of `family`, replacing the login `current` (the user of
    /// the current version's URI, if any).
    pub fn start(family: &RoleFamily, version: u32, current: Option<&str>) -> Result<Rotation> {
        if version == 0 {
            return Err(Error::usage(
                "Versions start at 1; a rotation cannot make version 0.",
            ));
        }
        let previous = current
            .filter(|role| matches!(family.member(role), Some(Member::Version(_))))
            .and_then(|role| role.parse().ok());
        Ok(Rotation {
            version,
            role: family.version(version),
            previous,
            entries: Vec::new(),
        })
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    /// The login this rotation creates, `FAMILY_vN`.
    pub fn role(&self) -> &RoleName {
        &self.role
    }

    /// The login of the version current when it began, dropped after the overlap; only
    /// ever a version of the family, so a login made by hand is never dropped.
    pub fn previous(&self) -> Option<&RoleName> {
        self.previous.as_ref()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn at(&self) -> At {
        match self.entries.last() {
            None => At::Start,
            Some(Entry {
                step,
                phase: Phase::Begun,
                ..
            }) => At::Begun(*step),
            Some(Entry {
                step,
                phase: Phase::Done,
                ..
            }) => At::Done(*step),
        }
    }

    /// Whether version N was stored: an abort then discards it too.
    pub fn stored(&self) -> bool {
        self.entries
            .iter()
            .any(|e| e.step == Step::StorePending && e.phase == Phase::Done)
    }

    /// When `Promote` was done, if it was.
    pub fn promoted_at(&self) -> Option<Timestamp> {
        let promoted = |e: &&Entry| e.step == Step::Promote && e.phase == Phase::Done;
        self.entries.iter().find(promoted).map(|e| e.at)
    }

    /// What a running rotation does next. A begun step is the running process's own
    /// business; met here, it was interrupted, and only `resume` or `abort` go on.
    pub fn next(&self, overlap: Duration, now: Timestamp) -> Result<Action> {
        match self.at() {
            At::Start => Ok(Action::Run(Step::CreateRole)),
            At::Begun(step) => Err(interrupted(step)),
            At::Done(Step::CreateRole) => Ok(Action::Run(Step::ProveLogin)),
            At::Done(Step::ProveLogin) => Ok(Action::Run(Step::StorePending)),
            At::Done(Step::StorePending) => Ok(Action::Run(Step::Promote)),
            At::Done(Step::Promote) => Ok(self.after_promote(overlap, now)),
            At::Done(Step::DropOld) => Ok(Action::Finished),
            At::Done(Step::DropNew) => Ok(Action::Aborted),
        }
    }

    fn after_promote(&self, overlap: Duration, now: Timestamp) -> Action {
        match (&self.previous, self.promoted_at()) {
            (None, _) => Action::Finished,
            (Some(_), Some(promoted)) if now < promoted.plus(overlap) => Action::Wait {
                until: promoted.plus(overlap),
            },
            (Some(_), _) => Action::Run(Step::DropOld),
        }
    }

    /// What a new process does with a rotation an earlier one left.
    pub fn resume(&self, overlap: Duration, now: Timestamp) -> Resume {
        match self.at() {
            At::Begun(Step::CreateRole | Step::ProveLogin | Step::StorePending)
            | At::Done(Step::CreateRole | Step::ProveLogin) => Resume::Restart,
            At::Begun(step) => Resume::Continue(Action::Run(step)),
            At::Start => Resume::Continue(Action::Run(Step::CreateRole)),
            At::Done(Step::StorePending) => Resume::Continue(Action::Run(Step::Promote)),
            At::Done(Step::Promote) => Resume::Continue(self.after_promote(overlap, now)),
            At::Done(Step::DropOld) => Resume::Continue(Action::Finished),
            At::Done(Step::DropNew) => Resume::Continue(Action::Aborted),
        }
    }

    /// What `abort` does: drop the new role (and discard version N) up to the moment
    /// it becomes current; from then on the rotation can only be finished.
    pub fn abort(&self) -> Result<Action> {
        match self.at() {
            At::Start | At::Done(Step::DropNew) => Ok(Action::Aborted),
            At::Begun(Step::DropOld) | At::Done(Step::Promote) => Err(Error::conflict(
                "The new login is already current, so the rotation can no longer be aborted: finish it (tresor rotation finish).",
            )),
            At::Done(Step::DropOld) => Err(Error::conflict(
                "The rotation is finished: there is nothing left to abort.",
            )),
            At::Begun(_) | At::Done(_) => Ok(Action::Run(Step::DropNew)),
        }
    }

    /// What `rotation finish` does: drop the previous role now, overlap or not.
    pub fn finish(&self) -> Result<Action> {
        match self.at() {
            At::Done(Step::Promote) if self.previous.is_none() => Ok(Action::Finished),
            At::Done(Step::Promote) | At::Begun(Step::DropOld) => Ok(Action::Run(Step::DropOld)),
            At::Done(Step::DropOld) => Ok(Action::Finished),
            At::Done(Step::DropNew) => Ok(Action::Aborted),
            At::Start | At::Begun(_) | At::Done(_) => Err(Error::conflict(
                "The rotation has not made the new login current yet: resume it (tresor rotation resume) or abort it.",
            )),
        }
    }

    /// Records that `step` begins, if the journal allows it here.
    pub fn begin(&mut self, step: Step, at: Timestamp) -> Result<()> {
        self.record(Entry {
            step,
            phase: Phase::Begun,
            at,
        })
    }

    /// Records that `step` is done, if it is the step begun last.
    pub fn complete(&mut self, step: Step, at: Timestamp) -> Result<()> {
        self.record(Entry {
            step,
            phase: Phase::Done,
            at,
        })
    }

    fn record(&mut self, entry: Entry) -> Result<()> {
        if !self.follows(self.at(), &entry) {
            return Err(Error::conflict(format!(
                "The rotation journal cannot record {} as {} after {}.",
                name(entry.step),
                phase_name(entry.phase),
                describe(self.at())
            )));
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Checks a journal read back from the vault: its role is the family's version N and
    /// every entry follows the one before.
    pub fn check(&self, family: &RoleFamily) -> Result<()> {
        let broken =
            |why: String| Error::integrity(format!("The rotation journal is not valid: {why}."));
        if self.version == 0 || self.role != family.version(self.version) {
            return Err(broken(format!(
                "its role {} is not version {} of {family}",
                self.role, self.version
            )));
        }
        if let Some(previous) = &self.previous
            && !matches!(family.member(previous.as_str()), Some(Member::Version(v)) if v != self.version)
        {
            return Err(broken(format!(
                "its previous role {previous} is not another version of {family}"
            )));
        }
        let mut at = At::Start;
        for (index, entry) in self.entries.iter().enumerate() {
            if !self.follows(at, entry) {
                return Err(broken(format!(
                    "entry {} ({} {}) cannot follow {}",
                    index + 1,
                    name(entry.step),
                    phase_name(entry.phase),
                    describe(at)
                )));
            }
            at = match entry.phase {
                Phase::Begun => At::Begun(entry.step),
                Phase::Done => At::Done(entry.step),
            };
        }
        Ok(())
    }

    /// The journal's grammar: which entry may follow the position `at`.
    fn follows(&self, at: At, entry: &Entry) -> bool {
        use Step::*;
        match (at, entry.phase, entry.step) {
            (At::Start, Phase::Begun, CreateRole) => true,
            (At::Begun(begun), Phase::Done, step) => begun == step,
            (At::Begun(begun), Phase::Begun, step) if begun == step => step.repeatable(),
            (
                At::Begun(CreateRole | ProveLogin | StorePending | Promote),
                Phase::Begun,
                DropNew,
            ) => true,
            (At::Done(CreateRole | ProveLogin | StorePending), Phase::Begun, DropNew) => true,
            (At::Done(CreateRole), Phase::Begun, ProveLogin) => true,
            (At::Done(ProveLogin), Phase::Begun, StorePending) => true,
            (At::Done(StorePending), Phase::Begun, Promote) => true,
            (At::Done(Promote), Phase::Begun, DropOld) => self.previous.is_some(),
            _ => false,
        }
    }
}

fn interrupted(step: Step) -> Error {
    Error::conflict(format!(
        "The rotation was interrupted during {}: resume it (tresor rotation resume) or abort it (tresor rotation abort).",
        name(step)
    ))
}

fn describe(at: At) -> String {
    match at {
        At::Start => "the start".to_string(),
        At::Begun(step) => format!("{} begun", name(step)),
        At::Done(step) => format!("{} done", name(step)),
    }
}
