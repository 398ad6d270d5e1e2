//! The policy parser on arbitrary text, with the principals of the seed vaults: a
//! policy or an error, never a panic; an accepted policy renders to the canonical
//! text, which parses back to the same policy.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tresor::policy::document::{parse, render};
use tresor::vault::PrincipalName;

fn principals() -> &'static [PrincipalName] {
    static NAMES: OnceLock<Vec<PrincipalName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        ["alice", "bob", "carol", "ci-deploy", "tester"]
            .iter()
            .map(|name| name.parse().expect("a valid principal name"))
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(policy) = parse(text, principals()) {
        let canonical = render(&policy);
        let again = parse(&canonical, principals()).expect("a rendered policy parses");
        assert_eq!(again, policy, "render then parse changed the policy");
    }
});
