//! The vault parser on arbitrary text: it returns a vault or an error, never panics,
//! and a file it accepts in the current format renders to a file that reads back as the
//! same vault (a format-1 file is only read, to be upgraded).

#![no_main]

use libfuzzer_sys::fuzz_target;
use tresor::vault::format::{Parsed, parse, render};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(Parsed::Current(vault)) = parse(text, "fuzz") {
        let Ok(Parsed::Current(again)) = parse(&render(&vault), "fuzz") else {
            panic!("a rendered vault does not parse");
        };
        assert_eq!(again, vault, "render then parse changed the vault");
    }
});
