//! What goes wrong on a real server comes back as one sentence that says where and
//! why, and never holds a password: the admin's, or the login's.

use super::{Db, family, group, text};
use tresor::ErrorKind;
use tresor::rotation::postgres::PgTarget;
use tresor::rotation::{Password, Target};

/// One sentence, naming none of `secrets`.
fn assert_clean(message: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!message.contains(secret), "a password in: {message}");
    }
    assert!(
        message.ends_with('.') && !message.contains('\n'),
        "{message}"
    );
}

fn connect_err(uri: &str) -> tresor::Error {
    match PgTarget::connect(uri) {
        Ok(_) => panic!("connected with {uri}"),
        Err(err) => err,
    }
}

#[test]
fn a_wrong_admin_password_or_a_missing_server_is_named_without_the_password() {
    let db = Db::new();
    let wrong = "Wr0ngAdminPassw0rd";
    let err = connect_err(&db.cluster.uri("rotator", wrong));
    let socket = db.cluster.socket_dir().display().to_string();
    assert_eq!(
        err.message(),
        format!(
            "Connecting to the database postgres at {socket} as rotator failed: the server refused the password (it is wrong or expired, or the role does not exist)."
        )
    );
    assert_clean(err.message(), &[wrong, &db.admin_password]);

    let gone = db.admin_uri().replace(&socket, "/nonexistent/socket");
    let err = connect_err(&gone);
    assert!(
        err.message().starts_with(
            "Connecting to the database postgres at /nonexistent/socket as rotator failed: "
        ),
        "{}",
        err.message()
    );
    assert_clean(err.message(), &[&db.admin_password]);

    let remote = format!(
        "postgresql://rotator:{}@db.example.com/postgres",
        db.admin_password
    );
    let err = connect_err(&remote);
    assert_eq!(err.kind(), ErrorKind::Usage);
    assert_clean(err.message(), &[&db.admin_password]);
}

#[test]
fn database_refusals_are_one_sentence_without_a_password() {
    let db = Db::new();
    let mut admin = db.admin();
    let role = family().version(1);
    let password = Password::generate().unwrap();
    let secrets = [text(&password), db.admin_password.as_str()];
    admin
        .create_login(&role, &password, Some(&group()))
        .unwrap();

    let err = admin
        .create_login(&role, &password, Some(&group()))
        .unwrap_err();
    assert!(
        err.message().contains("role \"app_v1\" already exists"),
        "{}",
        err.message()
    );
    assert_clean(err.message(), &secrets);

    let wrong = Password::generate().unwrap();
    let err = admin.prove_login(&role, &wrong, None).unwrap_err();
    assert!(
        err.message()
            .starts_with("Logging in as app_v1 to the database postgres at "),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("refused the password"),
        "{}",
        err.message()
    );
    assert_clean(err.message(), &[secrets[0], secrets[1], text(&wrong)]);

    let missing_group = "no_such_group".parse().unwrap();
    let err = admin
        .create_login(&family().version(2), &password, Some(&missing_group))
        .unwrap_err();
    assert!(
        err.message()
            .contains("role \"no_such_group\" does not exist"),
        "{}",
        err.message()
    );
    assert_clean(err.message(), &secrets);

    // An admin without CREATEROLE is told what it lacks.
    db.cluster
        .superuser()
        .batch_execute(&format!(
            "CREATE ROLE weak LOGIN PASSWORD '{}'",
            db.admin_password
        ))
        .unwrap();
    let mut weak = PgTarget::connect(&db.cluster.uri("weak", &db.admin_password)).unwrap();
    let err = weak
        .create_login(&family().version(3), &password, None)
        .unwrap_err();
    assert!(
        err.message()
            .contains("the admin role lacks a privilege (permission denied to create role)"),
        "{}",
        err.message()
    );
    assert_clean(err.message(), &secrets);

    // Dropping a role that is gone succeeds: a resumed step may repeat it.
    admin.drop_role(&family().version(9)).unwrap();
}

#[test]
fn a_drop_the_admin_cannot_finish_says_what_to_grant_and_locks_the_login_out() {
    let db = Db::new();
    db.cluster
        .superuser()
        .batch_execute("REVOKE pg_signal_backend FROM rotator")
        .unwrap();
    let mut admin = db.admin();
    let role = family().version(1);
    let password = Password::generate().unwrap();
    admin
        .create_login(&role, &password, Some(&group()))
        .unwrap();
    let session = db.cluster.connect(role.as_str(), text(&password)).unwrap();

    let err = admin.drop_role(&role).unwrap_err();
    assert!(
        err.message().contains("still has open sessions"),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("grant it pg_signal_backend"),
        "{}",
        err.message()
    );
    assert_clean(err.message(), &[text(&password), &db.admin_password]);
    let refused = db
        .cluster
        .connect(role.as_str(), text(&password))
        .err()
        .unwrap();
    assert_eq!(
        refused.code(),
        Some(&postgres::error::SqlState::INVALID_AUTHORIZATION_SPECIFICATION),
        "{refused}"
    );

    // Once the session is closed, the same step goes through.
    drop(session);
    let mut attempts = 0;
    while admin.drop_role(&role).is_err() {
        attempts += 1;
        assert!(attempts < 50, "the closed session never went away");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(admin.list_family(&family()).unwrap().is_empty());
}
