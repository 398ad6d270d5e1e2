//! Shell completions and man pages, generated from the clap definition; the committed
//! copies under `completions/` and `man/` are checked against these by a test.

use crate::cli::{Cli, Shell};
use clap::CommandFactory;

pub fn completion(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    match shell {
        Shell::Bash => {
            clap_complete::generate(clap_complete::Shell::Bash, &mut command, "tresor", &mut out)
        }
        Shell::Zsh => {
            clap_complete::generate(clap_complete::Shell::Zsh, &mut command, "tresor", &mut out)
        }
        Shell::Fish => {
            clap_complete::generate(clap_complete::Shell::Fish, &mut command, "tresor", &mut out)
        }
        Shell::Powershell => clap_complete::generate(
            clap_complete::Shell::PowerShell,
            &mut command,
            "tresor",
            &mut out,
        ),
        Shell::Elvish => clap_complete::generate(
            clap_complete::Shell::Elvish,
            &mut command,
            "tresor",
            &mut out,
        ),
    }
    out
}

/// The file name each completion script is committed under.
pub fn completion_files() -> Vec<(String, Shell)> {
    vec![
        ("tresor.bash".into(), Shell::Bash),
        ("_tresor".into(), Shell::Zsh),
        ("tresor.fish".into(), Shell::Fish),
        ("_tresor.ps1".into(), Shell::Powershell),
        ("tresor.elv".into(), Shell::Elvish),
    ]
}

/// One man page per command and subcommand: `tresor.1`, `tresor-get.1`, `tresor-audit-verify.1`.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut pages = Vec::new();
    let mut root = Cli::command();
    root.build();
    collect(&root, "tresor", &mut pages);
    pages
}

fn collect(command: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) {
    let source = format!("{name} {}", command.get_version().unwrap_or_default());
    let page_command = command.clone().display_name(name);
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(page_command).source(source);
    if page.render(&mut out).is_ok() {
        pages.push((format!("{name}.1"), out));
    }
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        collect(sub, &format!("{name}-{}", sub.get_name()), pages);
    }
}
