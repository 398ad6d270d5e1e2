//! The committed completions and man pages match what the binary generates.
//! `TRESOR_REGENERATE=1 cargo test docs` rewrites them.

use std::path::PathBuf;

fn check_or_write(folder: &str, files: Vec<(String, Vec<u8>)>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder);
    let regenerate = std::env::var_os("TRESOR_REGENERATE").is_some();
    if regenerate {
        std::fs::create_dir_all(&root).unwrap();
    }
    let mut stale = Vec::new();
    for (name, bytes) in &files {
        let path = root.join(name);
        if regenerate {
            std::fs::write(&path, bytes).unwrap();
        } else if std::fs::read(&path).ok().as_ref() != Some(bytes) {
            stale.push(name.clone());
        }
    }
    let expected: std::collections::BTreeSet<&String> = files.iter().map(|(n, _)| n).collect();
    let extra: Vec<String> = std::fs::read_dir(&root)
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .filter(|n| !expected.contains(n))
                .collect()
        })
        .unwrap_or_default();
    if regenerate {
        for name in &extra {
            std::fs::remove_file(root.join(name)).unwrap();
        }
        return;
    }
    assert!(
        stale.is_empty() && extra.is_empty(),
        "{folder}/ is stale (changed: {stale:?}, extra: {extra:?}); run `TRESOR_REGENERATE=1 cargo test docs` and commit the result"
    );
}

#[test]
fn completions_are_up_to_date() {
    let files = tresor::docs::completion_files()
        .into_iter()
        .map(|(name, shell)| (name, tresor::docs::completion(shell)))
        .collect();
    check_or_write("completions", files);
}

#[test]
fn man_pages_are_up_to_date() {
    check_or_write("man", tresor::docs::man_pages());
}
