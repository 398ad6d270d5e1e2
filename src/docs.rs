//! Shell completions and man pages, generated from the clap definition; the committed
//! copies under `completions/` and `man/` are checked against these by a test.

use crate::cli::{Cli, Shell};
use crate::error::ErrorKind;
use clap::CommandFactory;
use roff::{Roff, bold, roman};

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
    if let Some((_, page)) = pages.first_mut() {
        *page = with_sections(page, &exit_status_and_environment());
    }
    pages
}

/// The exit codes, in DESIGN.md's table, with the kind a `--json` error names.
const EXIT_CODES: [(ErrorKind, &str); 8] = [
    (ErrorKind::Other, "any other error"),
    (
        ErrorKind::Usage,
        "usage error: bad flags or arguments, or an invalid environment variable",
    ),
    (
        ErrorKind::NotFound,
        "not found: a secret, version or alias; a disabled or destroyed version is not served either",
    ),
    (
        ErrorKind::Denied,
        "denied by policy, or break-glass required",
    ),
    (
        ErrorKind::Integrity,
        "integrity failure: the vault or the audit log was altered or is corrupt",
    ),
    (
        ErrorKind::Conflict,
        "conflict: compare-and-swap mismatch, or the vault lock was not obtained in time",
    ),
    (
        ErrorKind::NoIdentity,
        "no usable identity: nothing the caller holds can open the keyring",
    ),
    (
        ErrorKind::CheckFailed,
        "check found a problem that must be acted on",
    ),
];

/// Every environment variable tresor reads, and what for.
const ENVIRONMENT: [(&str, &str); 18] = [
    ("TRESOR_VAULT", "The vault file, as --vault."),
    ("TRESOR_AUDIT_LOG", "The audit log, as --audit-log."),
    ("TRESOR_IDENTITY", "The identity file, as --identity."),
    (
        "TRESOR_IDENTITY_KEY",
        "The identity itself, when no identity file is given: an AGE-SECRET-KEY-1... line, or a whole age identity file pasted as it is. The command of tresor run does not see it.",
    ),
    (
        "TRESOR_PASSPHRASE_FILE",
        "The file holding the passphrase of a protected identity, as --passphrase-file.",
    ),
    (
        "TRESOR_EXPECT_ROOT",
        "The root fingerprint every vault opened must have (tresor trust show prints it), as --expect-root: a vault of another root is refused with exit 5. Set it in CI, where no pin of earlier runs is kept.",
    ),
    (
        "TRESOR_TRUST_DIR",
        "Where this machine keeps the root and the last verified state of each vault it opened (default: XDG_DATA_HOME/tresor/trust).",
    ),
    (
        "TRESOR_READ_LOG",
        "The file this machine records reads and denials of the vault in, before a value is released (default: XDG_DATA_HOME/tresor/reads/VAULT-ID.jsonl, outside the work tree).",
    ),
    (
        "TRESOR_AUDIT_SYSLOG",
        "1 sends every audit event (writes, and this machine's reads and denials) to the system log as well, as [audit] syslog = true in the policy does for everyone; 0 or unset leaves it to the policy. A system log out of reach is a warning: the event is in its log, and a read goes on.",
    ),
    (
        "TRESOR_SYSLOG_SOCKET",
        "The unix datagram socket of the system log (default: /dev/log); events go there as RFC 5424 messages, facility authpriv, the audit line as the message.",
    ),
    (
        "TRESOR_LOCK_TIMEOUT",
        "How long a command waits for the vault lock before it fails with exit 6: a number of seconds (10) or a duration (500ms, 2s, 1m). The default is 10 seconds; past one second of waiting, tresor says so on stderr unless --quiet.",
    ),
    (
        "SOPS_AGE_KEY",
        "Age identities, one a line, that tresor import sops tries, as sops does.",
    ),
    (
        "SOPS_AGE_KEY_FILE",
        "The age identity file that tresor import sops tries, as sops does (default: sops/age/keys.txt in the user's configuration folder).",
    ),
    (
        "CI",
        "When set (and not 0 or false), tresor never prompts: what it would ask for must come from a flag, a file or stdin.",
    ),
    (
        "USER",
        "The name tresor init gives the vault's creator when --name is not given (else LOGNAME, else the user database's name for the user, else admin).",
    ),
    ("LOGNAME", "Read when USER is not set, as USER."),
    (
        "HOME",
        "With XDG_CONFIG_HOME and XDG_DATA_HOME: where the default identity (XDG_CONFIG_HOME/tresor/identity.txt), the default vault (XDG_DATA_HOME/tresor/vault.toml), this machine's read logs (XDG_DATA_HOME/tresor/reads) and pins (XDG_DATA_HOME/tresor/trust) are.",
    ),
    (
        "PATH",
        "Where tresor run finds its command, and where git finds tresor for the merge drivers and diffs that tresor git setup registers.",
    ),
];

fn exit_status_and_environment() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    roff.control("TP", [])
        .text([bold("0")])
        .text([roman("success")]);
    for (kind, meaning) in EXIT_CODES {
        roff.control("TP", [])
            .text([bold(kind.exit_code().to_string())])
            .text([roman(format!("{meaning} (kind {})", kind.name()))]);
    }
    roff.control("PP", []).text([roman(
        "tresor run exits with the code of its command, 126 when the command cannot run and 127 when there is no such command. With --json, an error is one JSON object on stderr: {\"error\":{\"exit\":3,\"kind\":\"not_found\",\"message\":\"...\"}}.",
    )]);
    roff.control("SH", ["ENVIRONMENT"]);
    for (variable, meaning) in ENVIRONMENT {
        roff.control("TP", [])
            .text([bold(variable)])
            .text([roman(meaning)]);
    }
    roff
}

/// `page` with `sections` before its VERSION section (or at its end).
fn with_sections(page: &[u8], sections: &Roff) -> Vec<u8> {
    let page = String::from_utf8_lossy(page);
    let rendered = sections.render();
    // `render` starts with the apostrophe preamble the page already has.
    let body = rendered
        .find("\n.SH ")
        .map_or(rendered.as_str(), |at| &rendered[at + 1..]);
    let at = page.find(".SH VERSION\n").unwrap_or(page.len());
    format!("{}{body}{}", &page[..at], &page[at..]).into_bytes()
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
