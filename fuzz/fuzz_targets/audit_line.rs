//! One audit line as JSON: parsed into an `AuditLine` or refused, never a panic; a
//! parsed line serializes back to a line that parses to the same event.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tresor::audit::AuditLine;

fuzz_target!(|data: &[u8]| {
    if let Ok(line) = serde_json::from_slice::<AuditLine>(data) {
        let text = serde_json::to_string(&line).expect("an audit line serializes");
        let again: AuditLine = serde_json::from_str(&text).expect("a written line parses");
        assert_eq!(again, line);
    }
});
