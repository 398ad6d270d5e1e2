//! Arbitrary bytes as an audit log file, verified as `tresor audit verify` does: first
//! alone, then (if the chain holds) against its own head as the vault's last write.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn log_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        // Memory, not disk: ext4 flushes a file rewritten in place on every close.
        let shm = PathBuf::from("/dev/shm");
        let dir = if shm.is_dir() {
            shm
        } else {
            std::env::temp_dir()
        };
        dir.join(format!("tresor-fuzz-{}.audit.jsonl", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = log_path();
    std::fs::write(path, data).expect("write the log under test");
    let Ok(first) = tresor::audit::verify(path, None, None, &[]) else {
        return;
    };
    if let Some(head) = first.head {
        let required = [(head.clone(), "the head".to_string())];
        let vault_id = data
            .split(|b| *b == b'\n')
            .next()
            .and_then(|line| serde_json::from_slice::<serde_json::Value>(line).ok())
            .and_then(|line| line.get("vault")?.as_str().map(str::to_string));
        let _ = tresor::audit::verify(path, vault_id.as_deref(), Some(&head), &required);
    }
});
