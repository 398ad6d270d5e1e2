//! Rotation on PostgreSQL, through the `postgres` client (sync, no TLS: unix sockets
//! and loopback only, see `uri`).
//!
//! Passwords: `CREATE ROLE … PASSWORD` takes no bind parameter, so tresor sends the
//! password's SCRAM-SHA-256 verifier (computed here with a fresh salt) as a quoted
//! literal. The password itself never leaves the process: not in the SQL, the
//! server's log (`log_statement = 'ddl'`), `pg_stat_activity` or an error. Logins
//! prove it with SCRAM, which does not send it either.
//!
//! The client keeps the connection's password in memory that is not zeroized until
//! the process ends; tresor's own copies are.

mod failure;
mod sql;
mod uri;

pub use uri::{user, with_login};

use super::password::Password;
use super::role::{RoleFamily, RoleName};
use super::{ListedRole, Target};
use crate::error::{Error, Result};
use crate::time::Timestamp;
use failure::failure;
use postgres::error::SqlState;
use postgres::{Client, NoTls};

/// A PostgreSQL server reached as an admin role (one with `CREATEROLE`, `ADMIN
/// OPTION` on the groups it grants, and `pg_signal_backend` to end the sessions of a
/// role it drops).
pub struct PgTarget {
    config: postgres::Config,
    endpoint: String,
    client: Client,
}

impl PgTarget {
    /// Connects as the admin the URI names.
    pub fn connect(uri: &str) -> Result<PgTarget> {
        let config = uri::parse(uri)?;
        let endpoint = uri::endpoint(&config);
        let client = config
            .connect(NoTls)
            .map_err(|err| failure(&format!("Connecting to {endpoint}"), &err))?;
        Ok(PgTarget {
            config,
            endpoint,
            client,
        })
    }

    fn create(
        &mut self,
        role: &RoleName,
        password: &Password,
        group: Option<&RoleName>,
        until: Option<Timestamp>,
    ) -> Result<()> {
        let statement = sql::create_role(role, &password.scram_verifier(), group, until);
        self.client
            .batch_execute(&statement)
            .map_err(|err| failure(&format!("Creating role {role} in {}", self.endpoint), &err))
    }

    /// Ends the role's open sessions, so a dropped login stops working at once.
    fn end_sessions(&mut self, role: &RoleName) -> Result<()> {
        match self.client.query(sql::END_SESSIONS, &[&role.as_str()]) {
            Ok(_) => Ok(()),
            Err(err) if err.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) => {
                Err(Error::other(format!(
                    "Role {role} in {} still has open sessions, and the admin role may not end them: grant it pg_signal_backend, or close them and try again; the role can no longer log in.",
                    self.endpoint
                )))
            }
            Err(err) => {
                let doing = format!("Ending the sessions of role {role} in {}", self.endpoint);
                Err(failure(&doing, &err))
            }
        }
    }
}

impl Target for PgTarget {
    fn create_login(
        &mut self,
        role: &RoleName,
        password: &Password,
        group: Option<&RoleName>,
    ) -> Result<()> {
        self.create(role, password, group, None)
    }

    fn create_lease(
        &mut self,
        role: &RoleName,
        password: &Password,
        group: Option<&RoleName>,
        until: Timestamp,
    ) -> Result<()> {
        self.create(role, password, group, Some(until))
    }

    fn prove_login(
        &mut self,
        role: &RoleName,
        password: &Password,
        group: Option<&RoleName>,
    ) -> Result<()> {
        let mut config = self.config.clone();
        config.user(role.as_str()).password(password.expose());
        let place = uri::place(&config);
        let doing = format!("Logging in as {role} to {place}");
        let mut client = config.connect(NoTls).map_err(|err| failure(&doing, &err))?;
        let row = client
            .query_one(sql::WHO_AM_I, &[])
            .map_err(|err| failure(&doing, &err))?;
        let user: String = row.try_get(0).map_err(|err| failure(&doing, &err))?;
        if user != role.as_str() {
            return Err(Error::other(format!(
                "Logging in as {role} to {place} gave a session of {user}; check the server's user name maps (pg_ident.conf)."
            )));
        }
        if let Some(group) = group {
            let row = client
                .query_one(sql::HOLDS_GROUP, &[&group.as_str()])
                .map_err(|err| failure(&doing, &err))?;
            let holds: bool = row.try_get(0).map_err(|err| failure(&doing, &err))?;
            if !holds {
                return Err(Error::other(format!(
                    "Role {role} logs in to {place} but does not hold the privileges of {group}; check that {group} is a group it inherits from."
                )));
            }
        }
        client.close().map_err(|err| failure(&doing, &err))
    }

    fn drop_role(&mut self, role: &RoleName) -> Result<()> {
        let doing = format!("Dropping role {role} in {}", self.endpoint);
        let exists = self
            .client
            .query_opt(sql::ROLE_EXISTS, &[&role.as_str()])
            .map_err(|err| failure(&doing, &err))?;
        if exists.is_none() {
            return Ok(());
        }
        // No new login first, then no open session, then no role.
        match self.client.batch_execute(&sql::disable_login(role)) {
            Err(err) if err.code() == Some(&SqlState::UNDEFINED_OBJECT) => return Ok(()),
            Err(err) => return Err(failure(&doing, &err)),
            Ok(()) => {}
        }
        self.end_sessions(role)?;
        self.client
            .batch_execute(&sql::drop_role(role))
            .map_err(|err| failure(&doing, &err))
    }

    fn list_family(&mut self, family: &RoleFamily) -> Result<Vec<ListedRole>> {
        let doing = format!("Listing the roles of {family} in {}", self.endpoint);
        let prefix = format!("{family}_");
        let rows = self
            .client
            .query(sql::LIST_FAMILY, &[&prefix])
            .map_err(|err| failure(&doing, &err))?;
        let mut roles = Vec::new();
        for row in rows {
            let name: String = row.try_get(0).map_err(|err| failure(&doing, &err))?;
            let until: Option<i64> = row.try_get(1).map_err(|err| failure(&doing, &err))?;
            let (Some(member), Ok(name)) = (family.member(&name), name.parse()) else {
                continue;
            };
            roles.push(ListedRole {
                name,
                member,
                valid_until: until.map(Timestamp::from_unix),
            });
        }
        Ok(roles)
    }
}
