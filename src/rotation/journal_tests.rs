//! The rotation journal's state machine: what `next`, `resume`, `abort` and `finish`
//! answer at each point, and which entries it refuses.

use super::journal::Rotation;
use super::role::RoleFamily;
use super::steps::{Action, Resume, Step};
use crate::ErrorKind;
use crate::time::Timestamp;
use std::time::Duration;

pub(super) const OVERLAP: Duration = Duration::from_secs(3600);

pub(super) fn family() -> RoleFamily {
    "app".parse().unwrap()
}

pub(super) fn t(seconds: i64) -> Timestamp {
    Timestamp::from_unix(1_700_000_000 + seconds)
}

/// A rotation to version 3 replacing `app_v2`, run without a crash up to `steps`.
fn run_to(steps: &[Step]) -> Rotation {
    let mut rotation = Rotation::start(&family(), 3, Some("app_v2")).unwrap();
    for step in steps {
        rotation.begin(*step, t(0)).unwrap();
        rotation.complete(*step, t(0)).unwrap();
    }
    rotation
}

use Step::*;

#[test]
fn a_rotation_runs_its_steps_in_order_then_waits_out_the_overlap() {
    let mut rotation = run_to(&[]);
    assert_eq!(rotation.role.as_str(), "app_v3");
    for step in [CreateRole, ProveLogin, StorePending, Promote] {
        assert_eq!(rotation.next(OVERLAP, t(0)).unwrap(), Action::Run(step));
        rotation.begin(step, t(10)).unwrap();
        rotation.complete(step, t(10)).unwrap();
    }
    let until = t(10).plus(OVERLAP);
    assert_eq!(
        rotation.next(OVERLAP, t(11)).unwrap(),
        Action::Wait { until }
    );
    assert_eq!(rotation.next(OVERLAP, until).unwrap(), Action::Run(DropOld));
    rotation.begin(DropOld, until).unwrap();
    rotation.complete(DropOld, until).unwrap();
    assert_eq!(rotation.next(OVERLAP, until).unwrap(), Action::Finished);
    rotation.check(&family()).unwrap();
}

#[test]
fn a_login_made_by_hand_is_never_the_previous_role() {
    for current in [
        None,
        Some("app"),
        Some("app_rw"),
        Some("other_v2"),
        Some("app_lk3x"),
    ] {
        let mut rotation = Rotation::start(&family(), 3, current).unwrap();
        assert_eq!(rotation.previous, None, "{current:?}");
        for step in [CreateRole, ProveLogin, StorePending, Promote] {
            rotation.begin(step, t(0)).unwrap();
            rotation.complete(step, t(0)).unwrap();
        }
        assert_eq!(rotation.next(OVERLAP, t(0)).unwrap(), Action::Finished);
        assert_eq!(rotation.finish().unwrap(), Action::Finished);
        assert!(rotation.begin(DropOld, t(0)).is_err());
    }
    assert_eq!(
        Rotation::start(&family(), 0, None).unwrap_err().kind(),
        ErrorKind::Usage
    );
}

#[test]
fn resume_redoes_what_is_safe_and_restarts_what_lost_its_password() {
    let begun = |steps: &[Step], step: Step| {
        let mut rotation = run_to(steps);
        rotation.begin(step, t(0)).unwrap();
        rotation
    };
    let resume = |rotation: &Rotation| rotation.resume(OVERLAP, t(0));
    assert_eq!(
        resume(&run_to(&[])),
        Resume::Continue(Action::Run(CreateRole))
    );
    assert_eq!(resume(&begun(&[], CreateRole)), Resume::Restart);
    assert_eq!(resume(&run_to(&[CreateRole])), Resume::Restart);
    assert_eq!(resume(&begun(&[CreateRole], ProveLogin)), Resume::Restart);
    assert_eq!(resume(&run_to(&[CreateRole, ProveLogin])), Resume::Restart);
    assert_eq!(
        resume(&begun(&[CreateRole, ProveLogin], StorePending)),
        Resume::Restart
    );
    let stored = [CreateRole, ProveLogin, StorePending];
    assert_eq!(
        resume(&run_to(&stored)),
        Resume::Continue(Action::Run(Promote))
    );
    assert_eq!(
        resume(&begun(&stored, Promote)),
        Resume::Continue(Action::Run(Promote))
    );
    let promoted = [CreateRole, ProveLogin, StorePending, Promote];
    assert!(matches!(
        resume(&run_to(&promoted)),
        Resume::Continue(Action::Wait { .. })
    ));
    assert_eq!(
        resume(&begun(&promoted, DropOld)),
        Resume::Continue(Action::Run(DropOld))
    );
    assert_eq!(
        resume(&run_to(&[
            CreateRole,
            ProveLogin,
            StorePending,
            Promote,
            DropOld
        ])),
        Resume::Continue(Action::Finished)
    );
    assert_eq!(
        resume(&begun(&[CreateRole], DropNew)),
        Resume::Continue(Action::Run(DropNew))
    );
    assert_eq!(
        resume(&run_to(&[CreateRole, DropNew])),
        Resume::Continue(Action::Aborted)
    );
}

#[test]
fn abort_drops_the_new_role_until_it_is_current_and_finish_only_after() {
    let mut promote_begun = run_to(&[CreateRole, ProveLogin, StorePending]);
    promote_begun.begin(Promote, t(0)).unwrap();
    assert_eq!(run_to(&[]).abort().unwrap(), Action::Aborted);
    for rotation in [
        run_to(&[CreateRole]),
        run_to(&[CreateRole, ProveLogin, StorePending]),
        promote_begun.clone(),
    ] {
        assert_eq!(rotation.abort().unwrap(), Action::Run(DropNew));
        assert_eq!(rotation.finish().unwrap_err().kind(), ErrorKind::Conflict);
    }
    assert!(!run_to(&[CreateRole, ProveLogin]).stored());
    assert!(promote_begun.stored());
    let promoted = run_to(&[CreateRole, ProveLogin, StorePending, Promote]);
    let err = promoted.abort().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.message().contains("tresor rotation finish"),
        "{}",
        err.message()
    );
    // finish does not wait for the overlap.
    assert_eq!(promoted.finish().unwrap(), Action::Run(DropOld));
    assert_eq!(
        run_to(&[CreateRole, DropNew]).abort().unwrap(),
        Action::Aborted
    );
    let finished = run_to(&[CreateRole, ProveLogin, StorePending, Promote, DropOld]);
    let err = finished.abort().unwrap_err();
    assert!(err.message().contains("finished"), "{}", err.message());
}

#[test]
fn the_journal_refuses_entries_out_of_order() {
    let mut rotation = run_to(&[]);
    assert!(rotation.begin(ProveLogin, t(0)).is_err());
    assert!(rotation.complete(CreateRole, t(0)).is_err());
    rotation.begin(CreateRole, t(0)).unwrap();
    assert!(
        rotation.begin(CreateRole, t(0)).is_err(),
        "create_role is not repeated"
    );
    assert!(rotation.complete(ProveLogin, t(0)).is_err());
    let err = rotation.next(OVERLAP, t(0)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.message().contains("interrupted during create_role"),
        "{}",
        err.message()
    );
    let mut finished = run_to(&[CreateRole, ProveLogin, StorePending, Promote, DropOld]);
    assert!(finished.begin(DropNew, t(0)).is_err());
    let err = finished.begin(CreateRole, t(0)).unwrap_err();
    assert_eq!(
        err.message(),
        "The rotation journal cannot record create_role as begun after drop_old done."
    );
}

#[test]
fn a_journal_read_back_is_checked() {
    let good = run_to(&[CreateRole, ProveLogin]);
    good.check(&family()).unwrap();
    let mut swapped = good.clone();
    swapped.entries.swap(1, 2);
    let mut wrong_role = good.clone();
    wrong_role.role = "app_v4".parse().unwrap();
    let mut foreign_previous = good.clone();
    foreign_previous.previous = Some("app_rw".parse().unwrap());
    let mut self_previous = good.clone();
    self_previous.previous = Some("app_v3".parse().unwrap());
    for broken in [swapped, wrong_role, foreign_previous, self_previous] {
        let err = broken.check(&family()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Integrity, "{}", err.message());
    }
    let text = toml::to_string(&good).unwrap();
    assert!(
        text.contains("step = \"prove_login\"\nphase = \"done\"\nat = \"2023-11-14T22:13:20Z\""),
        "{text}"
    );
    assert_eq!(toml::from_str::<Rotation>(&text).unwrap(), good);
}
