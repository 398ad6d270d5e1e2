//! Policy changes on two branches: unrelated ones merge through the driver, signed by
//! the admin who merges; the same rule changed two ways is a conflict naming both; a
//! merger who is not an admin cannot sign a combined policy.

use super::Repos;

/// Alice's policy with a `readers` group and bob in the vault (not in any group yet).
fn team() -> Repos {
    let repos = Repos::new();
    repos.env.identity("bob");
    let bob = repos.env.keys("bob");
    repos
        .tresor("a", "alice")
        .args(["recipient", "add", "bob", &bob.recipient, &bob.signing])
        .ok();
    let policy = repos.policy("a");
    repos.set_policy(
        "a",
        &format!(
            "{}\n[[rule]]\nwho = [\"group:readers\"]\ncan = [\"read\"]\non = [\"app/db\"]\n",
            policy.replace("[groups]\n", "[groups]\nreaders = []\n")
        ),
        "a readers group",
    );
    repos.push("a");
    let (pulled, output) = repos.pull("b", "alice");
    assert!(pulled, "{output}");
    repos
}

#[test]
fn unrelated_rules_groups_and_principals_merge_cleanly() {
    let repos = team();
    // a: bob joins the readers and may rotate app/api.
    let policy = repos.policy("a");
    repos.set_policy(
        "a",
        &format!(
            "{}\n[[rule]]\nwho = [\"bob\"]\ncan = [\"rotate\"]\non = [\"app/api\"]\n",
            policy.replace("readers = []", "readers = [\"bob\"]")
        ),
        "bob reads app/db and rotates app/api",
    );
    repos.push("a");
    // b: carol joins as a principal, a deploy group, and a rule of its own.
    repos.env.identity("carol");
    let carol = repos.env.keys("carol");
    repos
        .tresor("b", "alice")
        .args([
            "recipient",
            "add",
            "carol",
            &carol.recipient,
            &carol.signing,
        ])
        .ok();
    let policy = repos.policy("b");
    repos.set_policy(
        "b",
        &format!(
            "{}\n[[rule]]\nwho = [\"group:deploy\"]\ncan = [\"read\"]\non = [\"app/api\"]\n",
            policy.replace("[groups]\n", "[groups]\ndeploy = [\"carol\"]\n")
        ),
        "carol deploys",
    );
    let (merged, output) = repos.pull("b", "alice");
    assert!(merged, "{output}");
    let policy = repos.policy("b");
    for expected in [
        "readers = [\"bob\"]",
        "deploy = [\"carol\"]",
        "who = [\"bob\"]\ncan = [\"rotate\"]\non = [\"app/api\"]",
        "who = [\"group:deploy\"]\ncan = [\"read\"]\non = [\"app/api\"]",
        "who = [\"group:readers\"]\ncan = [\"read\"]\non = [\"app/db\"]",
    ] {
        assert!(policy.contains(expected), "{expected} missing:\n{policy}");
    }
    repos.tresor("b", "alice").args(["audit", "verify"]).ok();
    // The merge event holds the combined state and is signed by alice, who merged.
    let merge = repos
        .events("b")
        .into_iter()
        .rfind(|e| e["event"] == "merge")
        .unwrap();
    assert_eq!(merge["principal"], "alice");
    assert!(merge["trust"]["principals"]["carol"].is_object(), "{merge}");
    assert!(merge.get("trust_via").is_none(), "{merge}");
    // The combined policy holds: bob reads app/db and rotates app/api; carol reads app/api.
    repos
        .tresor("b", "bob")
        .args(["policy", "check", "bob", "rotate", "app/api"])
        .ok();
    assert_eq!(
        String::from_utf8(repos.tresor("b", "bob").args(["get", "app/db"]).ok().stdout).unwrap(),
        "db-v1"
    );
    assert_eq!(
        String::from_utf8(
            repos
                .tresor("b", "carol")
                .args(["get", "app/api"])
                .ok()
                .stdout
        )
        .unwrap(),
        "api-v1"
    );
    repos.tresor("b", "carol").args(["get", "app/db"]).fails(4);
    // Pushed, the other clone fast-forwards and verifies it on its own.
    repos.push("b");
    let (pulled, output) = repos.pull("a", "alice");
    assert!(pulled, "{output}");
    repos.tresor("a", "alice").args(["audit", "verify"]).ok();
}

#[test]
fn the_same_rule_changed_two_ways_is_a_conflict_that_names_both() {
    let repos = team();
    let policy = repos.policy("a");
    let changed = |path: &str| {
        policy.replace(
            "can = [\"read\"]\non = [\"app/db\"]",
            &format!("can = [\"read\"]\non = [\"{path}\"]"),
        )
    };
    repos.set_policy("a", &changed("app/from-a"), "readers read app/from-a");
    repos.push("a");
    repos.set_policy("b", &changed("app/from-b"), "readers read app/from-b");
    let ours = repos.vault_text("b");
    let (merged, output) = repos.pull("b", "alice");
    assert!(!merged, "{output}");
    for named in ["app/db", "app/from-a", "app/from-b", "both branches"] {
        assert!(output.contains(named), "{named} not named: {output}");
    }
    assert_eq!(repos.vault_text("b"), ours, "ours is left as it was");
}

#[test]
fn a_merger_who_is_not_an_admin_cannot_sign_a_combined_policy() {
    let repos = team();
    let policy = repos.policy("a");
    repos.set_policy(
        "a",
        &format!("{policy}\n[[rule]]\nwho = [\"bob\"]\ncan = [\"read\"]\non = [\"app/x\"]\n"),
        "a rule on a",
    );
    repos.push("a");
    repos.set_policy(
        "b",
        &format!("{policy}\n[[rule]]\nwho = [\"bob\"]\ncan = [\"read\"]\non = [\"app/y\"]\n"),
        "a rule on b",
    );
    let ours = repos.vault_text("b");
    let (merged, output) = repos.pull("b", "bob");
    assert!(!merged, "{output}");
    assert!(
        output.contains("'bob' is not an admin") && output.contains("An admin must merge"),
        "{output}"
    );
    assert_eq!(repos.vault_text("b"), ours, "ours is left as it was");
    // The admin merges the same branches cleanly.
    repos.git(&repos.dir("b"), &["merge", "--abort"]);
    let (merged, output) = repos.pull("b", "alice");
    assert!(merged, "{output}");
    let policy = repos.policy("b");
    assert!(
        policy.contains("app/x") && policy.contains("app/y"),
        "{policy}"
    );
}

#[test]
fn a_combined_policy_signed_by_a_non_admin_is_refused_by_every_reader() {
    // What a modified binary run by bob would push: alice's clean merge of two policy
    // branches, with its merge event re-signed in bob's name.
    let repos = team();
    let policy = repos.policy("a");
    repos.set_policy(
        "a",
        &format!("{policy}\n[[rule]]\nwho = [\"bob\"]\ncan = [\"*\"]\non = [\"**\"]\n"),
        "a rule on a",
    );
    repos.push("a");
    repos.set_policy(
        "b",
        &format!("{policy}\n[[rule]]\nwho = [\"bob\"]\ncan = [\"read\"]\non = [\"app/y\"]\n"),
        "a rule on b",
    );
    let (merged, output) = repos.pull("b", "alice");
    assert!(merged, "{output}");
    let log_path = repos.dir("b").join("vault.audit.jsonl");
    let log = std::fs::read_to_string(&log_path).unwrap();
    let (before, last) = log.trim_end().rsplit_once('\n').unwrap();
    let mut line: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(line["event"], "merge");
    line["principal"] = "bob".into();
    line.as_object_mut().unwrap().remove("sig");
    let bob = tresor::identity::Identity::parse_plain(
        &std::fs::read_to_string(repos.env.path("bob.key")).unwrap(),
        "bob",
    )
    .unwrap();
    let forged = tresor::audit::signature::sign_line(
        &serde_json::to_string(&line).unwrap(),
        &bob.signing_key(),
    );
    std::fs::write(&log_path, format!("{before}\n{forged}\n")).unwrap();
    let text = repos.vault_text("b");
    let mut vault = match tresor::vault::format::parse(&text, "b").unwrap() {
        tresor::vault::format::Parsed::Current(vault) => *vault,
        tresor::vault::format::Parsed::Legacy(_) => unreachable!(),
    };
    vault.head = tresor::audit::EventRef::of_line(vault.head.seq, forged.as_bytes());
    std::fs::write(
        repos.dir("b").join("vault.toml"),
        tresor::vault::format::render(&vault),
    )
    .unwrap();
    repos.git(
        &repos.dir("b"),
        &["commit", "-q", "--amend", "-a", "--no-edit"],
    );
    repos.push("b");
    // A machine that never saw either branch, and the one that made branch a.
    repos.clone_as("c");
    for clone in ["c", "a"] {
        let _ = repos.pull(clone, "alice");
        repos
            .tresor(clone, "alice")
            .args(["list"])
            .fails(5)
            .error_says(&["'bob'", "not an admin"]);
    }
}
