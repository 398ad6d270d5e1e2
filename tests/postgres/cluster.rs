//! A private PostgreSQL cluster per test: `initdb` in a temporary folder, `pg_ctl start`
//! listening on a unix socket in that folder only (no TCP), password (SCRAM) logins
//! for everyone, stopped when the `Cluster` is dropped, a failed test included. When
//! the suite runs as root, the cluster runs as the system user `tresor-test`
//! (PostgreSQL refuses to run as root), created on first use.

use rand::Rng;
use rand::distributions::Alphanumeric;
use std::os::unix::fs::chown;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const SUPERUSER: &str = "tresor_owner";
const SYSTEM_USER: &str = "tresor-test";

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    owner_password: String,
}

impl Cluster {
    pub fn start() -> Cluster {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("tresor-pg")
            .tempdir_in("/tmp")
            .unwrap();
        if let Some((uid, gid)) = system_user() {
            chown(dir.path(), Some(uid), Some(gid)).unwrap();
        }
        let cluster = Cluster {
            dir,
            bin,
            owner_password: random(24),
        };
        // The superuser's password goes in a file, never on a command line.
        let pwfile = cluster.path("owner-password");
        std::fs::write(&pwfile, &cluster.owner_password).unwrap();
        if let Some((uid, gid)) = system_user() {
            chown(&pwfile, Some(uid), Some(gid)).unwrap();
        }
        cluster.run(
            "initdb",
            &[
                "-D",
                "data",
                "--auth=scram-sha-256",
                "--username",
                SUPERUSER,
                "--pwfile",
                "owner-password",
                "--no-sync",
                "--encoding=UTF8",
                "--locale=C",
            ],
        );
        std::fs::remove_file(&pwfile).unwrap();
        // Every statement is logged, so a test can show no password ever reached the server.
        let options = format!(
            "-k {} -h '' -c fsync=off -c log_statement=all",
            cluster.socket_dir().display()
        );
        cluster.run(
            "pg_ctl",
            &[
                "-D",
                "data",
                "-l",
                "server.log",
                "-w",
                "-t",
                "60",
                "-s",
                "-o",
                &options,
                "start",
            ],
        );
        cluster
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// What the server logged so far: every statement it ran, every failed login.
    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.path("server.log")).unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A URI for `user` over the cluster's socket, to its `postgres` database.
    pub fn uri(&self, user: &str, password: &str) -> String {
        format!(
            "postgresql://{user}:{password}@/postgres?host={}",
            self.socket_dir().display()
        )
    }

    /// A session of the cluster's superuser.
    pub fn superuser(&self) -> postgres::Client {
        self.connect(SUPERUSER, &self.owner_password).unwrap()
    }

    /// A plain client session, as an application would open one.
    pub fn connect(&self, user: &str, password: &str) -> Result<postgres::Client, postgres::Error> {
        let mut config = postgres::Config::new();
        config
            .host_path(self.socket_dir())
            .dbname("postgres")
            .user(user)
            .password(password);
        config.connect(postgres::NoTls)
    }

    /// `program` run from the cluster's folder, as the system user when we are root.
    fn command(&self, program: &str, args: &[&str]) -> Command {
        let program = self.bin.join(program);
        let mut command = match system_user() {
            Some(_) => {
                let mut command = Command::new("runuser");
                command.args(["-u", SYSTEM_USER, "--"]).arg(&program);
                command
            }
            None => Command::new(&program),
        };
        command.args(args).current_dir(self.dir.path());
        command
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        let output = self.command(program, args).output().unwrap();
        if !output.status.success() {
            let log = std::fs::read_to_string(self.path("server.log")).unwrap_or_default();
            panic!(
                "{program} {args:?} failed: {}{}\n{log}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        output
    }
}

impl Drop for Cluster {
    /// Never panics: it also runs while a failed test unwinds.
    fn drop(&mut self) {
        let stop = ["-D", "data", "-m", "immediate", "-w", "-s", "stop"];
        let _ = self.command("pg_ctl", &stop).output();
    }
}

pub fn random(length: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(length)
        .map(char::from)
        .collect()
}

/// The folder holding `initdb` and `pg_ctl`: on PATH (or /usr/local/bin), else the
/// newest /usr/lib/postgresql/*/bin, where Debian's `postgresql` package puts them.
fn bin_dir() -> PathBuf {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    let found = DIR.get_or_init(|| {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut versioned: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                Some((
                    entry.file_name().to_str()?.parse().ok()?,
                    entry.path().join("bin"),
                ))
            })
            .collect();
        versioned.sort();
        std::env::split_paths(&path)
            .chain([PathBuf::from("/usr/local/bin")])
            .chain(versioned.into_iter().rev().map(|(_, dir)| dir))
            .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
    });
    found.clone().unwrap_or_else(|| {
        panic!(
            "PostgreSQL's initdb and pg_ctl are not on PATH, in /usr/local/bin or in /usr/lib/postgresql/*/bin: install the postgresql package (.ci/run does)"
        )
    })
}

/// The uid and gid to run the cluster as: `tresor-test` when we are root, else `None`.
fn system_user() -> Option<(u32, u32)> {
    static USER: OnceLock<Option<(u32, u32)>> = OnceLock::new();
    *USER.get_or_init(|| {
        if id(&["-u"]) != Some(0) {
            return None;
        }
        if id(&["-u", SYSTEM_USER]).is_none() {
            // Status 9: another test run created it in the meantime.
            let status = Command::new("useradd")
                .args([
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    SYSTEM_USER,
                ])
                .status()
                .unwrap();
            assert!(
                status.success() || status.code() == Some(9),
                "useradd {SYSTEM_USER} failed: {status}"
            );
        }
        Some((
            id(&["-u", SYSTEM_USER]).unwrap(),
            id(&["-g", SYSTEM_USER]).unwrap(),
        ))
    })
}

fn id(args: &[&str]) -> Option<u32> {
    let output = Command::new("id").args(args).output().ok()?;
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .ok()
        .filter(|_| output.status.success())
}
