//! What people read, as reviewed snapshots (tests/snapshots/): tables, `show`, `check`,
//! `audit summary` and error lines. Paths, times, digests and ids are filtered, so a
//! changed message is one diff to review (`INSTA_UPDATE=always` rewrites them).

use crate::support::{Env, Outcome};

/// The filters every snapshot goes through.
fn settings(env: &Env) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.add_filter(&regex_escape(&env.root().display().to_string()), "[ROOT]");
    // Each stand-in is as wide as what it replaces, so columns stay aligned.
    settings.add_filter(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z",
        "YYYY-MM-DDThh:mm:ss.mmmZ",
    );
    settings.add_filter(r"\b[0-9a-f]{12}\b", "DIGEST000000");
    settings.add_filter(r"\bg-[0-9a-f]{8}\b", "g-GRANT000");
    settings.add_filter(r"\bage1[0-9a-z]{58}\b", "age1[RECIPIENT]");
    settings.add_filter(r"SHA256:[0-9A-Za-z+/=]+", "SHA256:[FINGERPRINT]");
    // Ages and durations measured against now: a second here or there.
    settings.add_filter(r"\b\d{1,2}s\b", "Ns");
    settings.add_filter(r"\b(89d 23h|89d)\b", "90d");
    settings
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}

/// A team's vault: three secrets in different states, bob denied once, a grant open.
fn team() -> Env {
    let env = Env::with_vault();
    env.alice(["create", "prod/payments/stripe-key", "--owner", "payments"])
        .args([
            "--rotate-every",
            "90d",
            "--tag",
            "tier=1",
            "--description",
            "Stripe live key",
        ])
        .stdin("CANARY-stripe")
        .ok();
    env.rotate("prod/payments/stripe-key", "CANARY-stripe-2");
    env.alice([
        "rotate",
        "prod/payments/stripe-key",
        "--generate",
        "--stage",
    ])
    .ok();
    env.alice(["create", "prod/db/password", "--generate", "--owner", "dba"])
        .ok();
    env.alice(["create", "dev/app/token", "--generate"]).ok();
    env.admit("bob");
    let policy = env.tresor().args(["policy", "show"]).ok().stdout_text();
    let policy = format!(
        "{policy}\n[break_glass]\nwho = [\"bob\"]\non = [\"prod/**\"]\nmax_duration = \"1h\"\nrequire = [\"reason\", \"ticket\"]\n"
    );
    std::fs::write(env.path("policy.toml"), policy).unwrap();
    env.alice(["policy", "set", "policy.toml"]).ok();
    env.as_("bob.key").args(["get", "dev/app/token"]).fails(4);
    env.as_("bob.key")
        .args([
            "break-glass",
            "open",
            "--reason",
            "payments down",
            "--ticket",
            "INC-42",
        ])
        .ok();
    env.as_("bob.key")
        .args(["get", "prod/payments/stripe-key"])
        .ok();
    env
}

/// stdout, then stderr when there is any, as one reviewed text.
fn shown(out: &Outcome) -> String {
    let mut text = out.stdout_text();
    if !out.stderr.is_empty() {
        text.push_str("--- stderr ---\n");
        text.push_str(&out.stderr);
    }
    text
}

#[test]
fn tables_show_check_and_summary_for_people() {
    let env = team();
    let settings = settings(&env);
    let _guard = settings.bind_to_scope();
    insta::assert_snapshot!("list", shown(&env.tresor().arg("list").ok()));
    insta::assert_snapshot!(
        "show",
        shown(&env.tresor().args(["show", "prod/payments/stripe-key"]).ok())
    );
    insta::assert_snapshot!("check", shown(&env.tresor().arg("check").fails(8)));
    insta::assert_snapshot!(
        "break_glass_list",
        shown(&env.tresor().args(["break-glass", "list"]).ok())
    );
    insta::assert_snapshot!(
        "audit_summary",
        shown(&env.tresor().args(["audit", "summary"]).ok())
    );
}

#[test]
fn error_lines_for_people() {
    let env = team();
    let settings = settings(&env);
    let _guard = settings.bind_to_scope();
    let cases: [(&str, &[&str], i32); 7] = [
        ("typo", &["get", "prod/db/pasword"], 3),
        ("list_nomatch", &["list", "prod/paymnts"], 0),
        (
            "destroy_current",
            &["destroy", "prod/db/password", "--version", "1"],
            2,
        ),
        (
            "disable_current",
            &["disable", "prod/db/password", "--version", "1"],
            2,
        ),
        ("bad_reference", &["get", "prod/db/password@x"], 2),
        ("check_bad_kind", &["check", "--ignore", "stale"], 2),
        ("edit_without_editor", &["edit", "prod/db/password"], 2),
    ];
    for (name, args, code) in cases {
        let run = env.alice(args);
        let out = if code == 0 { run.ok() } else { run.fails(code) };
        insta::assert_snapshot!(name, shown(&out));
    }
}
