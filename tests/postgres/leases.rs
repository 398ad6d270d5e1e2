//! Leases and families on a real server: a login the server expires by itself, a
//! family listed exactly, and how long a rotation's database part and a lease take.

use super::{Db, family, group};
use std::time::{Duration, Instant};
use tresor::rotation::{LeaseId, Member, Password, RoleFamily, RoleName, Target};
use tresor::time::Timestamp;

#[test]
fn a_lease_stops_logging_in_when_it_expires() {
    let db = Db::new();
    let mut admin = db.admin();
    let id = LeaseId::generate();
    let role = family().lease(&id);
    let password = Password::generate().unwrap();
    let until = Timestamp::now().plus(Duration::from_secs(2));
    let started = Instant::now();
    admin
        .create_lease(&role, &password, Some(&group()), until)
        .unwrap();
    admin.prove_login(&role, &password, Some(&group())).unwrap();
    let lease_time = started.elapsed();
    assert_eq!(db.read_widget(&role, &password).unwrap(), "gear");

    std::thread::sleep(Duration::from_millis(3000).saturating_sub(started.elapsed()));
    let err = db.read_widget(&role, &password).unwrap_err();
    assert_eq!(
        err.code(),
        Some(&postgres::error::SqlState::INVALID_PASSWORD),
        "{err}"
    );
    let err = admin.prove_login(&role, &password, None).unwrap_err();
    assert!(
        err.message().contains("refused the password"),
        "{}",
        err.message()
    );
    // Expired, not dropped: the role is still there, with its end.
    let listed = admin.list_family(&family()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].member, Member::Lease(id));
    assert_eq!(listed[0].valid_until.map(|t| t.unix()), Some(until.unix()));
    eprintln!("one lease (create with VALID UNTIL, then a proven login): {lease_time:?}");
}

#[test]
fn listing_a_family_finds_exactly_its_roles() {
    let db = Db::new();
    db.cluster
        .superuser()
        .batch_execute(
            "CREATE ROLE app; CREATE ROLE apple_v1; CREATE ROLE app_v01; CREATE ROLE app_v1_old;
             CREATE ROLE app_l; CREATE ROLE \"app_lX\"; CREATE ROLE other_v1; CREATE ROLE app_v_v1;",
        )
        .unwrap();
    let mut admin = db.admin();
    let lease = LeaseId::generate();
    let created = [
        family().version(1),
        family().version(12),
        family().lease(&lease),
    ];
    for role in &created {
        admin
            .create_login(role, &Password::generate().unwrap(), Some(&group()))
            .unwrap();
    }
    let listed = admin.list_family(&family()).unwrap();
    let mut names: Vec<&str> = listed.iter().map(|r| r.name.as_str()).collect();
    let mut expected: Vec<&str> = created.iter().map(RoleName::as_str).collect();
    names.sort_unstable();
    expected.sort_unstable();
    assert_eq!(names, expected);
    assert!(listed.iter().all(|r| r.valid_until.is_none()));
    let nested: RoleFamily = "app_v".parse().unwrap();
    assert_eq!(admin.list_family(&nested).unwrap().len(), 1);
}

/// The median of five runs of each part, printed for the record (`--nocapture`).
#[test]
fn one_rotation_cycle_and_one_lease_take_milliseconds() {
    let db = Db::new();
    let mut admin = db.admin();
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (mut verifiers, mut creates, mut proofs, mut drops, mut cycles) =
        (vec![], vec![], vec![], vec![], vec![]);
    for version in 1..=5 {
        let role = family().version(version);
        let password = Password::generate().unwrap();
        let started = Instant::now();
        password.scram_verifier();
        verifiers.push(started.elapsed());
        let started = Instant::now();
        admin
            .create_login(&role, &password, Some(&group()))
            .unwrap();
        creates.push(started.elapsed());
        let proving = Instant::now();
        admin.prove_login(&role, &password, Some(&group())).unwrap();
        proofs.push(proving.elapsed());
        let dropping = Instant::now();
        admin.drop_role(&role).unwrap();
        drops.push(dropping.elapsed());
        cycles.push(started.elapsed());
    }
    let mut leases = Vec::new();
    for _ in 0..5 {
        let role = family().lease(&LeaseId::generate());
        let password = Password::generate().unwrap();
        let until = Timestamp::now().plus(Duration::from_secs(600));
        let started = Instant::now();
        admin
            .create_lease(&role, &password, Some(&group()), until)
            .unwrap();
        leases.push(started.elapsed());
    }
    let cycle = median(cycles);
    let lease = median(leases);
    eprintln!(
        "create+prove+drop: {cycle:?} (create {:?}, its SCRAM verifier alone {:?}; prove {:?}; drop {:?}); one lease: {lease:?}",
        median(creates),
        median(verifiers),
        median(proofs),
        median(drops),
    );
    assert!(
        cycle < Duration::from_secs(5) && lease < Duration::from_secs(2),
        "{cycle:?} {lease:?}"
    );
}
