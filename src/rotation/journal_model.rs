//! A model of the database and the vault driven through random crashes, resumes and
//! aborts of a rotation: the promises of DESIGN.md section 12 must hold at every
//! moment, and every run ends finished or aborted with nothing left behind.

use super::journal::Rotation;
use super::journal_tests::{OVERLAP, family, t};
use super::steps::{Action, Phase, Resume, Step};
use proptest::prelude::*;
use std::collections::BTreeSet;

use Step::*;

/// What a crash interrupts: nothing, the step after its `begun` entry, or a database
/// step after it acted and before its `done` entry.
#[derive(Debug, Clone, Copy)]
enum Crash {
    None,
    BeforeAct,
    AfterAct,
}

#[derive(Debug, Clone)]
enum Op {
    /// The running process goes on (if one is running).
    Next(Crash),
    Resume(Crash),
    Abort(Crash),
    Finish(Crash),
    /// The overlap passes.
    Elapse,
}

fn crash() -> impl Strategy<Value = Crash> {
    prop_oneof![3 => Just(Crash::None), 1 => Just(Crash::BeforeAct), 1 => Just(Crash::AfterAct)]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => crash().prop_map(Op::Next),
        2 => crash().prop_map(Op::Resume),
        1 => crash().prop_map(Op::Abort),
        1 => crash().prop_map(Op::Finish),
        1 => Just(Op::Elapse),
    ]
}

/// The database's roles, the vault's `current` login, the process that may hold the
/// new password, and the journal.
struct World {
    roles: BTreeSet<String>,
    current: String,
    stored: bool,
    alive: bool,
    password: bool,
    /// `rotation finish` runs: the overlap may be cut short.
    finishing: bool,
    now: i64,
    rotation: Rotation,
}

impl World {
    fn new(previous: bool) -> World {
        let current = if previous { "app_v2" } else { "app" };
        World {
            roles: BTreeSet::from([current.to_string()]),
            current: current.to_string(),
            stored: false,
            alive: true,
            password: false,
            finishing: false,
            now: 0,
            rotation: Rotation::start(&family(), 3, Some(current)).unwrap(),
        }
    }

    /// Runs `step` the way an executor does; false when the process crashed.
    fn run(&mut self, step: Step, crash: Crash) -> bool {
        let new = self.rotation.role.to_string();
        self.rotation.begin(step, t(self.now)).unwrap();
        if let Crash::BeforeAct = crash {
            return false;
        }
        match step {
            CreateRole => {
                assert!(
                    self.roles.insert(new.clone()),
                    "a role is never created twice"
                );
                self.password = true;
            }
            ProveLogin => assert!(self.password && self.roles.contains(&new)),
            // Vault steps write their change and their `done` entry at once.
            StorePending => assert!(self.password),
            Promote => assert!(self.stored && self.roles.contains(&new)),
            DropOld => {
                // Once begun (by `finish` too), a drop is carried through.
                let first = self
                    .rotation
                    .entries
                    .iter()
                    .filter(|e| e.step == DropOld)
                    .count()
                    == 1;
                let over = t(self.now) >= self.rotation.promoted_at().unwrap().plus(OVERLAP);
                assert!(!first || self.finishing || over, "the overlap is kept");
                let previous = self.rotation.previous.clone().unwrap();
                self.roles.remove(previous.as_str());
            }
            DropNew => {
                self.roles.remove(&new);
            }
        }
        if let (Crash::AfterAct, CreateRole | ProveLogin | DropOld | DropNew) = (crash, step) {
            return false;
        }
        match step {
            StorePending => self.stored = true,
            Promote => self.current = new,
            DropNew => self.stored = false,
            _ => {}
        }
        self.rotation.complete(step, t(self.now)).unwrap();
        true
    }

    fn apply(&mut self, op: &Op) {
        match op {
            Op::Elapse => self.now += OVERLAP.as_secs() as i64,
            Op::Next(_) if !self.alive => {}
            Op::Next(crash) => {
                let action = self.rotation.next(OVERLAP, t(self.now)).unwrap();
                self.act(action, *crash);
            }
            Op::Resume(crash) => {
                self.restart_process();
                match self.rotation.resume(OVERLAP, t(self.now)) {
                    Resume::Continue(action) => self.act(action, *crash),
                    Resume::Restart => {
                        if self.run(DropNew, *crash) {
                            self.rotation =
                                Rotation::start(&family(), 3, Some(&self.current)).unwrap();
                        } else {
                            self.alive = false;
                        }
                    }
                }
            }
            // `abort` and `finish` are processes of their own, that end when done.
            Op::Abort(crash) | Op::Finish(crash) => {
                self.restart_process();
                self.finishing = matches!(op, Op::Finish(_));
                let answer = if self.finishing {
                    self.rotation.finish()
                } else {
                    self.rotation.abort()
                };
                if let Ok(action) = answer {
                    self.act(action, *crash);
                }
                self.alive = false;
                self.finishing = false;
            }
        }
    }

    fn act(&mut self, action: Action, crash: Crash) {
        if let Action::Run(step) = action
            && !self.run(step, crash)
        {
            self.alive = false;
        }
    }

    /// A new process: the old one's memory, and the password in it, is gone.
    fn restart_process(&mut self) {
        self.alive = true;
        self.password = false;
    }

    /// DESIGN.md section 12's promises, true after every operation.
    fn check_laws(&self) {
        let new = self.rotation.role.as_str();
        assert!(
            self.roles.contains(&self.current),
            "the current login always works"
        );
        let created = self.rotation.entries.iter().any(|e| e.step == CreateRole);
        let dropped = self
            .rotation
            .entries
            .iter()
            .any(|e| e.step == DropNew && e.phase == Phase::Done);
        if self.roles.contains(new) {
            assert!(created && !dropped, "no role nobody knows about");
        }
        if let Some(previous) = &self.rotation.previous {
            let drop_begun = self.rotation.entries.iter().any(|e| e.step == DropOld);
            assert!(
                drop_begun || self.roles.contains(previous.as_str()),
                "the previous login works until dropped"
            );
        }
        assert_eq!(self.stored, self.rotation.stored() && !dropped);
        self.rotation.check(&family()).unwrap();
        let text = toml::to_string(&self.rotation).unwrap();
        assert_eq!(toml::from_str::<Rotation>(&text).unwrap(), self.rotation);
    }
}

proptest! {
    #[test]
    fn crashes_resumes_and_aborts_keep_every_promise(
        replaces_version: bool,
        ops in prop::collection::vec(op(), 0..40),
        give_up: bool,
    ) {
        let mut world = World::new(replaces_version);
        for op in &ops {
            world.apply(op);
            world.check_laws();
        }
        // Then someone sees it through, with no more crashes: aborts it, or resumes it
        // (and rotates again if it ended aborted).
        let mut outcome = None;
        for _ in 0..6 {
            if give_up {
                world.apply(&Op::Abort(Crash::None));
                world.apply(&Op::Finish(Crash::None));
            } else {
                world.apply(&Op::Resume(Crash::None));
                for _ in 0..6 {
                    world.apply(&Op::Next(Crash::None));
                }
                world.apply(&Op::Elapse);
                world.apply(&Op::Next(Crash::None));
            }
            world.check_laws();
            match world.rotation.next(OVERLAP, t(world.now)).unwrap() {
                Action::Finished => outcome = Some(Action::Finished),
                Action::Aborted if give_up => outcome = Some(Action::Aborted),
                _ if give_up && world.rotation.entries.is_empty() => outcome = Some(Action::Aborted),
                Action::Aborted => world.rotation = Rotation::start(&family(), 3, Some(&world.current)).unwrap(),
                _ => {}
            }
            if outcome.is_some() {
                break;
            }
        }
        let before = if replaces_version { "app_v2" } else { "app" };
        match outcome {
            Some(Action::Finished) => {
                prop_assert_eq!(&world.current, "app_v3");
                let mut expected = BTreeSet::from(["app_v3".to_string()]);
                if !replaces_version {
                    expected.insert("app".to_string());
                }
                prop_assert_eq!(&world.roles, &expected);
            }
            Some(Action::Aborted) => {
                prop_assert_eq!(&world.current, before);
                prop_assert_eq!(&world.roles, &BTreeSet::from([before.to_string()]));
            }
            other => prop_assert!(false, "not at an end: {:?}", other),
        }
    }
}
