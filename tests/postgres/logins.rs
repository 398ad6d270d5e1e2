//! Logins of a rotation on a real server: in the group, two versions side by side
//! through the overlap, the old one dropped at the end, nothing left by an abort.

use super::{Db, family, group, plan, text};
use tresor::rotation::postgres::PgTarget;
use tresor::rotation::{Action, Password, Rotation, Step, Target, act};
use tresor::time::Timestamp;

/// Runs the rotation's steps as an executor would (the vault's part left out) until
/// it has to wait, finish or stop.
fn drive(
    target: &mut PgTarget,
    rotation: &mut Rotation,
    password: &Password,
    first: Action,
) -> Action {
    let mut action = first;
    while let Action::Run(step) = action {
        rotation.begin(step, Timestamp::now()).unwrap();
        act(target, &plan(), rotation, step, Some(password)).unwrap();
        rotation.complete(step, Timestamp::now()).unwrap();
        action = rotation.next(plan().overlap, Timestamp::now()).unwrap();
    }
    action
}

#[test]
fn a_login_in_the_group_uses_what_the_group_owns() {
    let db = Db::new();
    let mut admin = db.admin();
    let role = family().version(1);
    let password = Password::generate().unwrap();
    admin
        .create_login(&role, &password, Some(&group()))
        .unwrap();
    admin.prove_login(&role, &password, Some(&group())).unwrap();
    assert_eq!(db.read_widget(&role, &password).unwrap(), "gear");
    let mut client = db.cluster.connect(role.as_str(), text(&password)).unwrap();
    client
        .execute("INSERT INTO widgets VALUES (2, 'spring')", &[])
        .unwrap();

    // Outside the group: it logs in, but the proof and the table refuse it.
    let loner = family().version(2);
    let other = Password::generate().unwrap();
    admin.create_login(&loner, &other, None).unwrap();
    admin.prove_login(&loner, &other, None).unwrap();
    let err = admin
        .prove_login(&loner, &other, Some(&group()))
        .unwrap_err();
    assert!(
        err.message()
            .contains("does not hold the privileges of app_rw"),
        "{}",
        err.message()
    );
    assert!(db.read_widget(&loner, &other).is_err());

    // The server stores a SCRAM verifier, never the password.
    let stored: String = db
        .cluster
        .superuser()
        .query_one(
            "SELECT rolpassword FROM pg_authid WHERE rolname = 'app_v1'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$4096:"), "{stored}");
    assert!(!stored.contains(text(&password)));
}

#[test]
fn the_server_never_sees_a_password_only_its_verifier() {
    let db = Db::new();
    let mut admin = db.admin();
    let password = Password::generate().unwrap();
    let lease = Password::generate().unwrap();
    let role = family().version(1);
    let until = Timestamp::now().plus(std::time::Duration::from_secs(600));
    admin
        .create_login(&role, &password, Some(&group()))
        .unwrap();
    admin.prove_login(&role, &password, Some(&group())).unwrap();
    admin
        .create_lease(&family().version(2), &lease, None, until)
        .unwrap();
    admin
        .prove_login(&family().version(2), &Password::generate().unwrap(), None)
        .unwrap_err();
    admin.drop_role(&role).unwrap();

    let log = db.cluster.server_log();
    assert!(
        log.contains("statement: CREATE ROLE \"app_v1\" WITH LOGIN"),
        "{log}"
    );
    assert!(log.contains("PASSWORD E'SCRAM-SHA-256$4096:"), "{log}");
    assert!(log.contains("DROP ROLE IF EXISTS \"app_v1\""), "{log}");
    for secret in [&password, &lease] {
        assert!(!log.contains(text(secret)), "a password in the server log");
    }
}

#[test]
fn two_versions_work_through_the_overlap_and_finish_drops_the_old_one() {
    let db = Db::new();
    let mut admin = db.admin();
    let old_password = Password::generate().unwrap();
    let mut first = Rotation::start(&family(), 1, Some("app")).unwrap();
    let after = drive(
        &mut admin,
        &mut first,
        &old_password,
        Action::Run(Step::CreateRole),
    );
    assert_eq!(
        after,
        Action::Finished,
        "no version of the family before: nothing to drop"
    );

    let new_password = Password::generate().unwrap();
    let mut second = Rotation::start(&family(), 2, Some("app_v1")).unwrap();
    let after = drive(
        &mut admin,
        &mut second,
        &new_password,
        Action::Run(Step::CreateRole),
    );
    assert!(matches!(after, Action::Wait { .. }), "{after:?}");
    assert_eq!(
        db.read_widget(&family().version(1), &old_password).unwrap(),
        "gear"
    );
    assert_eq!(
        db.read_widget(&family().version(2), &new_password).unwrap(),
        "gear"
    );

    // An application still connected with the old login is cut off by the drop.
    let mut lingering = db.cluster.connect("app_v1", text(&old_password)).unwrap();
    let finish = second.finish().unwrap();
    assert_eq!(finish, Action::Run(Step::DropOld));
    assert_eq!(
        drive(&mut admin, &mut second, &new_password, finish),
        Action::Finished
    );
    second.check(&family()).unwrap();
    let err = db
        .read_widget(&family().version(1), &old_password)
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(&postgres::error::SqlState::INVALID_PASSWORD),
        "{err}"
    );
    assert!(
        lingering.query_one("SELECT 1", &[]).is_err(),
        "the old session was ended"
    );
    assert_eq!(
        db.read_widget(&family().version(2), &new_password).unwrap(),
        "gear"
    );
    // Dropping again (a resumed step) is fine.
    admin.drop_role(&family().version(1)).unwrap();
}

#[test]
fn an_aborted_rotation_leaves_no_role_behind() {
    let db = Db::new();
    let mut admin = db.admin();
    let password = Password::generate().unwrap();
    let mut rotation = Rotation::start(&family(), 1, None).unwrap();
    for step in [Step::CreateRole, Step::ProveLogin] {
        rotation.begin(step, Timestamp::now()).unwrap();
        act(&mut admin, &plan(), &rotation, step, Some(&password)).unwrap();
        rotation.complete(step, Timestamp::now()).unwrap();
    }
    // The process dies here: the password is gone, and resume starts over.
    let abort = rotation.abort().unwrap();
    assert_eq!(
        drive(&mut admin, &mut rotation, &password, abort),
        Action::Aborted
    );
    assert!(admin.list_family(&family()).unwrap().is_empty());
}
