//! The statements tresor sends. Values go as bind parameters where PostgreSQL takes
//! them; role DDL takes none, so its names are quoted identifiers of already-checked
//! names, and its password and expiry are quoted literals of text tresor made itself
//! (a SCRAM verifier, an RFC 3339 time).

use crate::rotation::role::RoleName;
use crate::time::Timestamp;

/// A quoted identifier: `"name"`, any `"` doubled. Role names are plain identifiers
/// already (`RoleName` checks them); quoting keeps a reserved word a name.
pub(super) fn identifier(role: &RoleName) -> String {
    format!("\"{}\"", role.as_str().replace('"', "\"\""))
}

/// An escape-string literal, `E'…'`, with `\` and `'` doubled: read the same whatever
/// `standard_conforming_strings` is set to.
pub(super) fn literal(text: &str) -> String {
    format!("E'{}'", text.replace('\\', "\\\\").replace('\'', "''"))
}

/// `CREATE ROLE` for a login with a stored password verifier, a member of `group`,
/// its password valid until `until` when given. One statement: it is created whole or
/// not at all.
pub(super) fn create_role(
    role: &RoleName,
    verifier: &str,
    group: Option<&RoleName>,
    until: Option<Timestamp>,
) -> String {
    let mut sql = format!(
        "CREATE ROLE {} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD {}",
        identifier(role),
        literal(verifier)
    );
    if let Some(until) = until {
        sql.push_str(&format!(" VALID UNTIL {}", literal(&until.to_string())));
    }
    if let Some(group) = group {
        sql.push_str(&format!(" IN ROLE {}", identifier(group)));
    }
    sql
}

pub(super) fn disable_login(role: &RoleName) -> String {
    format!("ALTER ROLE {} WITH NOLOGIN", identifier(role))
}

pub(super) fn drop_role(role: &RoleName) -> String {
    format!("DROP ROLE IF EXISTS {}", identifier(role))
}

/// $1: a role name.
pub(super) const ROLE_EXISTS: &str = "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1";

/// $1: a role name. Ends every session of the role but this one's.
pub(super) const END_SESSIONS: &str = "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity \
     WHERE usename = $1 AND pid <> pg_catalog.pg_backend_pid()";

/// $1: a family's prefix (`app_`). Each role's name and, when finite, the second its
/// password expires.
pub(super) const LIST_FAMILY: &str = "SELECT rolname::text, CASE WHEN rolvaliduntil IS NULL OR NOT isfinite(rolvaliduntil) \
     THEN NULL ELSE floor(extract(epoch FROM rolvaliduntil))::int8 END \
     FROM pg_catalog.pg_roles WHERE starts_with(rolname::text, $1) ORDER BY rolname";

/// Who the session is.
pub(super) const WHO_AM_I: &str = "SELECT current_user::text";

/// $1: a group. Whether the session holds its privileges.
pub(super) const HOLDS_GROUP: &str = "SELECT pg_catalog.pg_has_role($1::name, 'USAGE')";

#[cfg(test)]
mod tests {
    use super::*;

    fn role(name: &str) -> RoleName {
        name.parse().unwrap()
    }

    #[test]
    fn literals_and_identifiers_are_quoted() {
        assert_eq!(identifier(&role("app_v1")), "\"app_v1\"");
        assert_eq!(identifier(&role("user")), "\"user\"");
        assert_eq!(literal("it's"), "E'it''s'");
        assert_eq!(
            literal("a\\'; DROP ROLE x; --"),
            "E'a\\\\''; DROP ROLE x; --'"
        );
    }

    #[test]
    fn create_role_states_every_clause() {
        let until = Timestamp::parse("2030-01-02T03:04:05Z").unwrap();
        assert_eq!(
            create_role(
                &role("app_lk3"),
                "SCRAM-SHA-256$4096:c2FsdA==$a:b",
                Some(&role("app_rw")),
                Some(until)
            ),
            "CREATE ROLE \"app_lk3\" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION \
             PASSWORD E'SCRAM-SHA-256$4096:c2FsdA==$a:b' VALID UNTIL E'2030-01-02T03:04:05Z' IN ROLE \"app_rw\""
        );
        let plain = create_role(&role("app_v2"), "v", None, None);
        assert!(plain.ends_with("PASSWORD E'v'"), "{plain}");
    }
}
