//! The first use, end to end: identity, init, create, get, audit verify.

use crate::support::Env;

#[test]
fn first_use_round_trip() {
    let env = Env::with_vault();
    env.create("prod/db/password", "hunter2");
    let out = env.alice(["get", "prod/db/password"]).ok();
    assert_eq!(out.stdout, b"hunter2");
    env.alice(["audit", "verify"]).ok();
}
