//! A rotation killed with SIGKILL right after each step it records (the test-only
//! `TRESOR_CRASH_AFTER` of the `fault-injection` build), then resumed or aborted: the
//! database holds exactly the logins the vault serves, and `current` logs in.

use super::cli::Setup;
use std::collections::BTreeSet;

/// Steps a second rotation records with a zero overlap: create, prove, store, promote
/// and drop the old login, each begun and done.
const STEPS: u32 = 10;

fn consistent(s: &Setup, name: &str, family: &str) {
    assert_eq!(s.known_roles(name), s.roles(family), "{name}");
    assert_eq!(s.login(&s.uri(name)).unwrap(), "gear", "{name}");
    let state = s.status(name)["rotation"]["state"].clone();
    assert!(state == "finished" || state == "aborted", "{name}: {state}");
}

#[test]
fn a_rotation_killed_after_any_step_resumes_or_aborts_cleanly() {
    let s = Setup::new();
    for k in 1..=STEPS {
        for recover in ["resume", "abort"] {
            let name = format!("app/{recover}{k}");
            let family = format!("{recover}{k}");
            s.plan(&name, &family, "0s");
            s.env.alice(["rotate", &name]).ok();
            let killed = s
                .env
                .alice(["rotate", &name])
                .env("TRESOR_CRASH_AFTER", k.to_string())
                .run();
            assert_eq!(killed.code, None, "step {k}: not killed: {}", killed.stderr);
            assert!(killed.stderr.contains(&format!("crash point {k}")));
            let status = s.status(&name);
            assert_eq!(status["rotation"]["version"], 2, "{status}");
            assert_eq!(
                status["rotation"]["entries"].as_array().unwrap().len(),
                k as usize
            );
            if recover == "resume" {
                s.env.alice(["rotation", "resume", &name]).ok();
            } else {
                let aborted = s.env.alice(["rotation", "abort", &name]).run();
                if aborted.code == Some(6) && k == STEPS {
                    assert!(
                        aborted.error().contains("is finished"),
                        "{}",
                        aborted.stderr
                    );
                } else if aborted.code == Some(6) {
                    // Past the promotion only finishing is left.
                    assert!(
                        aborted.error().contains("rotation finish"),
                        "{}",
                        aborted.stderr
                    );
                    s.env.alice(["rotation", "finish", &name]).ok();
                } else {
                    assert_eq!(aborted.code, Some(0), "step {k}: {}", aborted.stderr);
                }
            }
            consistent(&s, &name, &family);
            // And the secret rotates on from there, dropping the login it replaces.
            s.env.alice(["rotate", &name]).ok();
            consistent(&s, &name, &family);
            assert_eq!(s.roles(&family).len(), 1, "{name}: {:?}", s.roles(&family));
            let expected: BTreeSet<String> = s.known_roles(&name);
            assert_eq!(s.roles(&family), expected);
        }
    }
    s.env.alice(["audit", "verify"]).ok();
    let check = s.env.alice(["check", "--json"]).run();
    assert!(!check.stdout_text().contains("rotation-stopped"));
}
