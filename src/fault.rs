//! A test-only seam that makes chosen I/O points fail, so the reliability tests can
//! show what each failed write, fsync, rename or audit append leaves behind. Without
//! the `fault-injection` feature `check` does nothing and reads no environment.
//!
//! With the feature, `TRESOR_FAULT` says which point fails:
//! - `N:ERRNO` fails the Nth point of the process once (`3:EIO`);
//! - `N:ERRNO:persist` fails the Nth point and every one after it (`1:ENOSPC:persist`);
//! - `trace` fails nothing and prints `fault point N: NAME` on stderr for each point.
//!
//! ERRNO is one of EIO, ENOSPC, EDQUOT, EROFS, EFBIG.

#[cfg(all(feature = "fault-injection", not(debug_assertions)))]
compile_error!("the fault-injection feature is for test builds only, never for a release");

/// Called before each I/O step that can fail for want of a disk: fails when
/// `TRESOR_FAULT` names this point.
#[cfg(not(feature = "fault-injection"))]
#[inline(always)]
pub fn check(_point: &str) -> std::io::Result<()> {
    Ok(())
}

#[cfg(feature = "fault-injection")]
pub use injected::check;

/// Called after each recorded step of a multi-step change (a rotation): with the
/// feature, `TRESOR_CRASH_AFTER=K` kills the process with SIGKILL at the Kth call, so
/// a test sees what a crash right after that step leaves.
#[cfg(not(feature = "fault-injection"))]
#[inline(always)]
pub fn crash_point(_point: &str) {}

#[cfg(feature = "fault-injection")]
pub use injected::crash_point;

#[cfg(feature = "fault-injection")]
mod injected {
    use rustix::io::Errno;
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Plan {
        Nothing,
        Trace,
        Fail {
            at: u64,
            errno: Errno,
            persist: bool,
        },
    }

    static PLAN: OnceLock<Plan> = OnceLock::new();
    static POINTS: AtomicU64 = AtomicU64::new(0);
    static CRASH_POINTS: AtomicU64 = AtomicU64::new(0);

    pub fn crash_point(point: &str) {
        let at = std::env::var("TRESOR_CRASH_AFTER")
            .ok()
            .and_then(|k| k.parse::<u64>().ok());
        let n = CRASH_POINTS.fetch_add(1, Ordering::SeqCst) + 1;
        if at == Some(n) {
            eprintln!("crash point {n}: {point}");
            let me = rustix::process::getpid();
            let _ = rustix::process::kill_process(me, rustix::process::Signal::KILL);
        }
    }

    pub fn check(point: &str) -> std::io::Result<()> {
        let plan = *PLAN.get_or_init(|| {
            std::env::var("TRESOR_FAULT").map_or(Plan::Nothing, |spec| parse(&spec))
        });
        let n = POINTS.fetch_add(1, Ordering::SeqCst) + 1;
        match plan {
            Plan::Nothing => Ok(()),
            Plan::Trace => {
                eprintln!("fault point {n}: {point}");
                Ok(())
            }
            Plan::Fail { at, errno, persist } if n == at || (persist && n > at) => {
                Err(std::io::Error::from(errno))
            }
            Plan::Fail { .. } => Ok(()),
        }
    }

    /// An unreadable spec fails every point: a test that mistypes it must not pass.
    pub(super) fn parse(spec: &str) -> Plan {
        if spec == "trace" {
            return Plan::Trace;
        }
        let mut parts = spec.split(':');
        let at = parts.next().and_then(|n| n.parse::<u64>().ok());
        let errno = match parts.next() {
            Some("EIO") => Some(Errno::IO),
            Some("ENOSPC") => Some(Errno::NOSPC),
            Some("EDQUOT") => Some(Errno::DQUOT),
            Some("EROFS") => Some(Errno::ROFS),
            Some("EFBIG") => Some(Errno::FBIG),
            _ => None,
        };
        let persist = match parts.next() {
            None => Some(false),
            Some("persist") => Some(true),
            Some(_) => None,
        };
        match (at, errno, persist, parts.next()) {
            (Some(at), Some(errno), Some(persist), None) if at > 0 => {
                Plan::Fail { at, errno, persist }
            }
            _ => Plan::Fail {
                at: 1,
                errno: Errno::INVAL,
                persist: true,
            },
        }
    }
}

#[cfg(all(test, feature = "fault-injection"))]
mod tests {
    use super::injected::{Plan, parse};
    use rustix::io::Errno;

    #[test]
    fn specs_parse() {
        assert_eq!(parse("trace"), Plan::Trace);
        assert_eq!(
            parse("3:EIO"),
            Plan::Fail {
                at: 3,
                errno: Errno::IO,
                persist: false
            }
        );
        assert_eq!(
            parse("1:ENOSPC:persist"),
            Plan::Fail {
                at: 1,
                errno: Errno::NOSPC,
                persist: true
            }
        );
        let broken = Plan::Fail {
            at: 1,
            errno: Errno::INVAL,
            persist: true,
        };
        for spec in [
            "",
            "0:EIO",
            "x:EIO",
            "2:EWHAT",
            "2:EIO:once",
            "2:EIO:persist:x",
        ] {
            assert_eq!(parse(spec), broken, "{spec}");
        }
    }
}
