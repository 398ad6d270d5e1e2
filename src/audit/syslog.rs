//! Forwarding audit events to the system log (DESIGN.md section 11): each line, once
//! it is on disk in its own log, also goes as one RFC 5424 message over a unix
//! datagram socket (`/dev/log`, or `TRESOR_SYSLOG_SOCKET`), so a team collects the
//! reads of every laptop and runner with the log pipeline it already runs.
//!
//! The message: `<PRI>1 TIMESTAMP HOSTNAME tresor PID EVENT - BOM LINE`, facility
//! authpriv, severity warning for denials and break-glass, notice otherwise, and the
//! audit line exactly as written (so its hash and signature check out downstream).
//! The local logs stay the record: a system log that cannot be reached is a warning,
//! never a lost event or a refused read.

use crate::error::{Error, Result};
use crate::time::Timestamp;
use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;
use std::time::Duration;

pub const DEFAULT_SOCKET: &str = "/dev/log";

/// authpriv: security messages, kept apart from ordinary logs by most setups.
const FACILITY: u8 = 10;
const WARNING: u8 = 4;
const NOTICE: u8 = 5;
/// How long a send may wait for a system log that does not drain its socket.
const SEND_TIMEOUT: Duration = Duration::from_secs(2);

/// Where events are forwarded, as the environment says: `TRESOR_AUDIT_SYSLOG` turns
/// forwarding on for this machine whatever the policy says; `[audit] syslog = true`
/// in the policy turns it on for everyone.
#[derive(Debug, Clone)]
pub struct Forwarding {
    pub forced: bool,
    pub socket: PathBuf,
}

impl Forwarding {
    /// From `TRESOR_AUDIT_SYSLOG` (`1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`)
    /// and `TRESOR_SYSLOG_SOCKET`.
    pub fn from_env() -> Result<Forwarding> {
        let forced = match std::env::var("TRESOR_AUDIT_SYSLOG") {
            Err(_) => false,
            Ok(text) => match text.trim().to_ascii_lowercase().as_str() {
                "" | "0" | "false" | "no" | "off" => false,
                "1" | "true" | "yes" | "on" => true,
                _ => {
                    return Err(Error::usage(format!(
                        "TRESOR_AUDIT_SYSLOG is '{}'; set it to 1 to send every audit event to the system log, or 0.",
                        text.trim()
                    )));
                }
            },
        };
        let socket = std::env::var_os("TRESOR_SYSLOG_SOCKET")
            .filter(|path| !path.is_empty())
            .map_or_else(|| PathBuf::from(DEFAULT_SOCKET), PathBuf::from);
        Ok(Forwarding { forced, socket })
    }

    /// Sends every line of `lines` (audit lines, `\n`-terminated) when forwarding is
    /// on (by the environment or by `policy_says`). `Err` says why the system log did
    /// not take them, for a warning: the lines are already in their log.
    pub fn forward(&self, policy_says: bool, lines: &[u8]) -> std::result::Result<(), String> {
        if !(self.forced || policy_says) || lines.is_empty() {
            return Ok(());
        }
        let failed = |err: std::io::Error| {
            format!(
                "The audit events are recorded in their log here but did not reach the system log at {} ({err}); check that a syslog daemon listens there (TRESOR_SYSLOG_SOCKET names another socket).",
                self.socket.display()
            )
        };
        let socket = UnixDatagram::unbound().map_err(failed)?;
        socket
            .set_write_timeout(Some(SEND_TIMEOUT))
            .map_err(failed)?;
        let header = Header::of_this_process();
        for line in lines.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            socket
                .send_to(&header.message(line), &self.socket)
                .map_err(failed)?;
        }
        Ok(())
    }
}

/// The parts of a message that are the same for every line a process sends.
struct Header {
    hostname: String,
    pid: u32,
}

impl Header {
    fn of_this_process() -> Header {
        let uname = rustix::system::uname();
        let hostname = printable(&uname.nodename().to_string_lossy(), 255);
        Header {
            hostname: if hostname.is_empty() {
                "-".to_string()
            } else {
                hostname
            },
            pid: std::process::id(),
        }
    }

    /// One RFC 5424 message carrying `line`.
    fn message(&self, line: &[u8]) -> Vec<u8> {
        #[derive(serde::Deserialize)]
        struct Fields {
            #[serde(default)]
            event: String,
            #[serde(default)]
            grant: Option<String>,
        }
        let fields: Option<Fields> = serde_json::from_slice(line).ok();
        let event = fields
            .as_ref()
            .map(|f| printable(&f.event, 32))
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| "-".to_string());
        let urgent = event == "deny"
            || event.starts_with("break_glass")
            || fields.as_ref().is_some_and(|f| f.grant.is_some());
        let severity = if urgent { WARNING } else { NOTICE };
        let mut message = format!(
            "<{}>1 {} {} tresor {} {event} - \u{feff}",
            FACILITY * 8 + severity,
            Timestamp::now(),
            self.hostname,
            self.pid,
        )
        .into_bytes();
        message.extend_from_slice(line);
        message
    }
}

/// `text` as a header field: printable US-ASCII only (RFC 5424's PRINTUSASCII), at
/// most `max` characters.
fn printable(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| c.is_ascii_graphic())
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_rfc_5424_with_the_line_verbatim() {
        let header = Header {
            hostname: "runner-7".into(),
            pid: 42,
        };
        let line = br#"{"seq":3,"ts":"2026-11-22T00:00:00Z","prev":"ab","event":"read","principal":"ci","secret":"prod/db"}"#;
        let message = header.message(line);
        let text = String::from_utf8(message).unwrap();
        let (head, body) = text.split_once('\u{feff}').unwrap();
        assert_eq!(body.as_bytes(), line);
        let fields: Vec<&str> = head.split(' ').collect();
        assert_eq!(fields[0], "<85>1");
        assert!(Timestamp::parse(fields[1]).is_ok(), "{head}");
        assert_eq!(&fields[2..7], ["runner-7", "tresor", "42", "read", "-"]);
        let deny = header.message(br#"{"event":"deny","principal":"ci"}"#);
        assert!(deny.starts_with(b"<84>1 "));
        let glass = header.message(br#"{"event":"read","grant":"g1"}"#);
        assert!(glass.starts_with(b"<84>1 "));
        let odd = header.message(b"not json");
        assert!(String::from_utf8_lossy(&odd).contains(" tresor 42 - - "));
    }

    #[test]
    fn header_fields_hold_printable_ascii_only() {
        assert_eq!(printable("a b\u{e9}c\n", 32), "abc");
        assert_eq!(printable(&"x".repeat(40), 32).len(), 32);
    }

    #[test]
    fn an_unreachable_system_log_is_an_error_to_warn_about() {
        let dir = tempfile::tempdir().unwrap();
        let forwarding = Forwarding {
            forced: true,
            socket: dir.path().join("no-daemon"),
        };
        let err = forwarding
            .forward(false, b"{\"event\":\"read\"}\n")
            .unwrap_err();
        assert!(err.contains("no-daemon"), "{err}");
        let off = Forwarding {
            forced: false,
            socket: dir.path().join("no-daemon"),
        };
        assert!(off.forward(false, b"{\"event\":\"read\"}\n").is_ok());
        let listener = UnixDatagram::bind(dir.path().join("log")).unwrap();
        let on = Forwarding {
            forced: false,
            socket: dir.path().join("log"),
        };
        on.forward(true, b"{\"event\":\"a\"}\n{\"event\":\"b\"}\n")
            .unwrap();
        let mut buffer = [0u8; 512];
        for event in ["a", "b"] {
            let n = listener.recv(&mut buffer).unwrap();
            let text = String::from_utf8_lossy(&buffer[..n]).into_owned();
            assert!(
                text.ends_with(&format!("{{\"event\":\"{event}\"}}")),
                "{text}"
            );
        }
    }
}
