//! A failed database call as one sentence: what tresor was doing, where (database,
//! host, user: never a password), and why, in the server's words or ours. The server
//! never sees a password in clear (logins use SCRAM, roles get a verifier), so its
//! messages cannot quote one.

use crate::error::Error;
use postgres::error::SqlState;

/// "`doing` failed: reason.", where `doing` names the place ("Creating role app_v3 in
/// the database app at /run/postgresql as rotator").
pub(super) fn failure(doing: &str, err: &postgres::Error) -> Error {
    Error::other(format!("{doing} failed: {}.", reason(err)))
}

fn reason(err: &postgres::Error) -> String {
    let Some(db) = err.as_db_error() else {
        if err.is_closed() {
            return "the server closed the connection".to_string();
        }
        return trimmed(&err.to_string());
    };
    let message = trimmed(db.message());
    let code = db.code();
    if *code == SqlState::INVALID_PASSWORD {
        "the server refused the password (it is wrong or expired, or the role does not exist)"
            .to_string()
    } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
        format!("the server refused the login: {message}")
    } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
        format!(
            "the admin role lacks a privilege ({message}); it needs CREATEROLE and ADMIN OPTION on the group"
        )
    } else if *code == SqlState::DEPENDENT_OBJECTS_STILL_EXIST {
        format!(
            "{message}; give what the role owns to the group (REASSIGN OWNED BY … TO …) and try again"
        )
    } else {
        message
    }
}

/// Server messages carry no final period; error strings of the client may.
fn trimmed(text: &str) -> String {
    text.trim().trim_end_matches('.').to_string()
}
