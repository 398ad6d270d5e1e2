//! The vault parser on arbitrary text: it returns a vault or an error, never panics,
//! and what it accepts renders to a file that reads back as the same vault.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tresor::vault::format::{parse, render};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(vault) = parse(text, "fuzz") {
        let again = parse(&render(&vault), "fuzz").expect("a rendered vault parses");
        assert_eq!(again, vault, "render then parse changed the vault");
    }
});
