//! Rotation on a real PostgreSQL (DESIGN.md section 12), each test on a private
//! cluster: logins created in a group and proven, two versions side by side, a drop
//! that ends the login and its sessions, a lease the server itself expires, a family
//! listed exactly, and errors that never carry a password.

use std::time::Duration;
use tresor::rotation::postgres::PgTarget;
use tresor::rotation::{Password, RoleFamily, RoleName, RotationPlan, System};

mod cli;
mod cluster;
#[cfg(feature = "fault-injection")]
mod crash;
mod failures;
mod lease_cli;
mod leases;
mod logins;

use cluster::{Cluster, random};

/// A cluster with a group `app_rw` owning the table `widgets`, and an admin `rotator`
/// with CREATEROLE, ADMIN OPTION on `app_rw` and pg_signal_backend.
struct Db {
    cluster: Cluster,
    admin_password: String,
}

impl Db {
    fn new() -> Db {
        let cluster = Cluster::start();
        let admin_password = random(24);
        cluster
            .superuser()
            .batch_execute(&format!(
                "CREATE ROLE app_rw NOLOGIN;
                 CREATE TABLE widgets (id int PRIMARY KEY, name text NOT NULL);
                 INSERT INTO widgets VALUES (1, 'gear');
                 ALTER TABLE widgets OWNER TO app_rw;
                 CREATE ROLE rotator LOGIN CREATEROLE PASSWORD '{admin_password}';
                 GRANT app_rw TO rotator WITH ADMIN OPTION;
                 GRANT pg_signal_backend TO rotator;"
            ))
            .unwrap();
        Db {
            cluster,
            admin_password,
        }
    }

    fn admin_uri(&self) -> String {
        self.cluster.uri("rotator", &self.admin_password)
    }

    fn admin(&self) -> PgTarget {
        PgTarget::connect(&self.admin_uri()).unwrap()
    }

    /// Logs in as `role` and reads the group's table.
    fn read_widget(&self, role: &RoleName, password: &Password) -> Result<String, postgres::Error> {
        let mut client = self.cluster.connect(role.as_str(), text(password))?;
        client
            .query_one("SELECT name FROM widgets WHERE id = 1", &[])?
            .try_get(0)
    }
}

fn text(password: &Password) -> &str {
    std::str::from_utf8(password.expose()).unwrap()
}

fn family() -> RoleFamily {
    "app".parse().unwrap()
}

fn group() -> RoleName {
    "app_rw".parse().unwrap()
}

fn plan() -> RotationPlan {
    RotationPlan {
        system: System::Postgres,
        admin: "db/admin".parse().unwrap(),
        family: family(),
        group: Some(group()),
        overlap: Duration::from_secs(3600),
    }
}
