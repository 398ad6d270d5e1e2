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

/// The root man page, as committed.
fn root_page() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("man/tresor.1")).unwrap()
}

/// The text of the man page section `name`, up to the next section.
fn section(page: &str, name: &str) -> String {
    let start = page
        .find(&format!(".SH {name}\n"))
        .or_else(|| page.find(&format!(".SH \"{name}\"\n")))
        .unwrap_or_else(|| panic!("man/tresor.1 has no {name} section"));
    let rest = &page[start + 4..];
    let end = rest.find("\n.SH ").map_or(rest.len(), |at| at + 1);
    rest[..end].to_string()
}

#[test]
fn the_man_page_lists_every_exit_code() {
    let exit = section(&root_page(), "EXIT STATUS");
    for code in 0..=8 {
        assert!(
            exit.contains(&format!("\\fB{code}\\fR\n")),
            "exit {code}:\n{exit}"
        );
    }
    for kind in [
        "not_found",
        "denied",
        "integrity",
        "conflict",
        "no_identity",
    ] {
        assert!(exit.contains(kind), "{kind}:\n{exit}");
    }
}

/// Every environment variable the code reads: `env::var("X")`, `var_os("X")` and
/// clap's `env = "X"`, in every source file.
fn variables_read(folder: &std::path::Path, found: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            variables_read(&path, found);
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for opening in ["var(\"", "var_os(\"", "env = \""] {
            for (at, _) in text.match_indices(opening) {
                let rest = &text[at + opening.len()..];
                let name = &rest[..rest.find('"').unwrap()];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                    found.insert(name.to_string());
                }
            }
        }
    }
}

#[test]
fn the_man_page_names_every_variable_tresor_reads() {
    let environment = section(&root_page(), "ENVIRONMENT");
    let mut read = std::collections::BTreeSet::new();
    variables_read(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut read,
    );
    // TRESOR_FAULT and TRESOR_CRASH_AFTER exist only in test builds with the
    // fault-injection feature.
    read.remove("TRESOR_FAULT");
    read.remove("TRESOR_CRASH_AFTER");
    for wanted in [
        "TRESOR_VAULT",
        "TRESOR_IDENTITY_KEY",
        "TRESOR_LOCK_TIMEOUT",
        "PATH",
    ] {
        assert!(read.contains(wanted), "the scan missed {wanted}: {read:?}");
    }
    for name in &read {
        assert!(
            environment.contains(&format!("\\fB{name}\\fR")),
            "the ENVIRONMENT section does not name {name}:\n{environment}"
        );
    }
}

/// What real bash offers at Tab after sourcing `tresor completions bash`, in `env`'s
/// folder (its vault.toml is the one found).
fn bash_completes(env: &crate::support::Env, words: &[&str]) -> Vec<String> {
    let bin = std::path::Path::new(crate::support::TRESOR)
        .parent()
        .unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let script = format!(
        "source <(tresor completions bash)\nCOMP_WORDS=({words})\nCOMP_CWORD={cword}\nCOMP_TYPE=9\n_clap_complete_tresor tresor \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = words.join(" "),
        cword = words.len() - 1
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .current_dir(env.root())
        .env_clear()
        .env("PATH", path)
        .env("HOME", env.path("home"))
        .env("XDG_CONFIG_HOME", env.path("config"))
        .env("XDG_DATA_HOME", env.path("data"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn completion_offers_the_vaults_secret_names() {
    let env = crate::support::Env::with_vault();
    env.create("prod/db/password", "CANARY-1");
    env.create("prod/api/token", "CANARY-2");
    env.create("dev/x", "CANARY-3");
    assert_eq!(
        bash_completes(&env, &["tresor", "get", "prod/"]),
        ["prod/api/token", "prod/db/password"]
    );
    assert_eq!(bash_completes(&env, &["tresor", "rotate", "d"]), ["dev/x"]);
    assert_eq!(
        bash_completes(&env, &["tresor", "list", "prod/d"]),
        ["prod/db/password"]
    );
    // Commands and flags still complete; a new name for `create` offers nothing.
    assert!(bash_completes(&env, &["tresor", "ed"]).contains(&"edit".to_string()));
    assert!(bash_completes(&env, &["tresor", "create", "prod/"]).is_empty());
    // Away from any vault, nothing, and no error.
    std::fs::remove_file(env.vault()).unwrap();
    assert!(bash_completes(&env, &["tresor", "get", "prod/"]).is_empty());
}
