//! Every audit event to the system log (DESIGN.md section 11): with
//! `TRESOR_AUDIT_SYSLOG=1` or `[audit] syslog = true` in the policy, each committed
//! write and each local read or denial also goes, once it is in its own log, as an
//! RFC 5424 message to a unix datagram socket (here one the test listens on). A
//! system log out of reach is a warning: the read goes on and its local record stays.

use crate::support::Env;
use std::os::unix::net::UnixDatagram;
use std::time::Duration;

/// A system log of the test's own: a datagram socket in the temp folder.
struct Listener {
    socket: UnixDatagram,
}

impl Listener {
    fn new(env: &Env) -> Listener {
        let socket = UnixDatagram::bind(env.path("log.sock")).unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Listener { socket }
    }

    /// The next message: its header fields and the audit line it carries.
    fn next(&self) -> (Vec<String>, String) {
        let mut buffer = vec![0u8; 65536];
        let n = self.socket.recv(&mut buffer).expect("a message arrives");
        let text = String::from_utf8(buffer[..n].to_vec()).unwrap();
        let (header, line) = text
            .split_once(" \u{feff}")
            .expect("the message is the header, a BOM and the line");
        (
            header.split(' ').map(str::to_string).collect(),
            line.to_string(),
        )
    }

    fn nothing_more(&self) {
        self.socket.set_nonblocking(true).unwrap();
        let mut buffer = [0u8; 1024];
        assert!(self.socket.recv(&mut buffer).is_err(), "an extra message");
        self.socket.set_nonblocking(false).unwrap();
    }
}

fn forwarding(env: &Env) -> impl Fn(crate::support::Run) -> crate::support::Run + '_ {
    move |run| {
        run.env("TRESOR_AUDIT_SYSLOG", "1")
            .env("TRESOR_SYSLOG_SOCKET", env.path("log.sock"))
    }
}

#[test]
fn writes_reads_and_denials_reach_the_system_log_verbatim() {
    let env = Env::with_vault();
    let listener = Listener::new(&env);
    let on = forwarding(&env);
    on(env.alice(["create", "app/db"]).stdin("db-v1")).ok();
    let (header, line) = listener.next();
    // <authpriv.notice>1 TIMESTAMP HOST tresor PID MSGID -
    assert_eq!(header[0], "<85>1", "{header:?}");
    assert!(
        header[1].ends_with('Z') && header[1].contains('T'),
        "{header:?}"
    );
    assert_eq!(header[3], "tresor");
    assert!(header[4].parse::<u32>().is_ok(), "{header:?}");
    assert_eq!(&header[5..], ["create", "-"]);
    // The committed line, byte for byte (signature and hash intact).
    let committed = env.read_log();
    assert_eq!(Some(line.as_str()), committed.lines().last());

    let value = on(env.alice(["get", "app/db"])).ok();
    assert_eq!(value.stdout, b"db-v1");
    let (header, line) = listener.next();
    assert_eq!(&header[5..], ["read", "-"]);
    let local = std::fs::read_to_string(env.reads_path()).unwrap();
    assert_eq!(Some(line.as_str()), local.lines().last());

    env.admit("bob");
    on(env.as_("bob.key").args(["get", "app/db"])).fails(4);
    let (header, line) = listener.next();
    assert_eq!(header[0], "<84>1", "a denial is a warning: {header:?}");
    assert_eq!(&header[5..], ["deny", "-"]);
    assert!(line.contains("\"principal\":\"bob\""), "{line}");
    listener.nothing_more();
    // Without the variable and without the policy saying so, nothing is sent.
    env.alice(["get", "app/db"]).ok();
    listener.nothing_more();
}

#[test]
fn the_policy_turns_forwarding_on_for_everyone() {
    let env = Env::with_vault();
    env.create("app/db", "db-v1");
    let listener = Listener::new(&env);
    let policy = env.alice(["policy", "show"]).ok().stdout_text();
    std::fs::write(
        env.path("p.toml"),
        format!("{policy}\n[audit]\nsyslog = true\n"),
    )
    .unwrap();
    let socket = env.path("log.sock");
    env.alice(["policy", "set"])
        .arg(env.path("p.toml"))
        .env("TRESOR_SYSLOG_SOCKET", &socket)
        .ok();
    let (header, line) = listener.next();
    assert_eq!(header[5], "policy");
    assert!(line.contains("syslog = true"), "{line}");
    assert!(
        env.alice(["policy", "show"])
            .ok()
            .stdout_text()
            .ends_with("[audit]\nsyslog = true\n")
    );
    // No TRESOR_AUDIT_SYSLOG: the policy alone sends the read.
    env.alice(["get", "app/db"])
        .env("TRESOR_SYSLOG_SOCKET", &socket)
        .ok();
    let (header, _) = listener.next();
    assert_eq!(header[5], "read");
}

#[test]
fn a_system_log_out_of_reach_warns_and_loses_nothing() {
    let env = Env::with_vault();
    env.create("app/db", "db-v1");
    let out = env
        .alice(["get", "app/db"])
        .env("TRESOR_AUDIT_SYSLOG", "1")
        .env("TRESOR_SYSLOG_SOCKET", env.path("nobody-listens.sock"))
        .ok();
    assert_eq!(out.stdout, b"db-v1", "the read is not blocked");
    assert!(
        out.stderr.contains("warning:")
            && out.stderr.contains("nobody-listens.sock")
            && out.stderr.contains("system log"),
        "{}",
        out.stderr
    );
    assert_eq!(env.reads_of("read").len(), 1, "the local record is kept");
    // A write too: done, recorded, and a warning.
    let out = env
        .alice(["rotate", "app/db"])
        .stdin("db-v2")
        .env("TRESOR_AUDIT_SYSLOG", "1")
        .env("TRESOR_SYSLOG_SOCKET", env.path("nobody-listens.sock"))
        .ok();
    assert!(out.stderr.contains("warning:"), "{}", out.stderr);
    assert_eq!(env.get("app/db", &[]), b"db-v2");
    env.alice(["audit", "verify"]).ok();
}

#[test]
fn a_bad_setting_is_a_usage_error() {
    let env = Env::with_vault();
    env.alice(["list"])
        .env("TRESOR_AUDIT_SYSLOG", "maybe")
        .fails(2)
        .error_says(&["TRESOR_AUDIT_SYSLOG", "maybe"]);
}
