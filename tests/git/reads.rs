//! Reading never changes a tracked file: after `get`, `run`, `inject` and `export` in
//! a clone, `git status` is clean and `git pull` takes upstream changes; the reads are
//! in that machine's `audit log`, marked local.

use super::Repos;

#[test]
fn reads_leave_the_tree_clean_and_pull_works() {
    let repos = Repos::new();
    let b = |args: &[&str]| repos.tresor("b", "alice").args(args);
    b(&["get", "app/db"]).ok();
    b(&[
        "run",
        "--env",
        "DB=app/db",
        "--",
        "sh",
        "-c",
        "test -n \"$DB\"",
    ])
    .ok();
    b(&["inject"]).stdin("url={{ tresor://app/api }}\n").ok();
    b(&["export", "app", "--format", "json"]).ok();
    let status = repos.git(&repos.dir("b"), &["status", "--porcelain"]);
    assert_eq!(status, "", "reading changed the work tree");
    // Upstream moves on; the pull is a plain fast-forward.
    repos
        .tresor("a", "alice")
        .args(["rotate", "app/db"])
        .stdin("db-v2")
        .ok();
    repos.commit("a", "rotate");
    repos.push("a");
    let (pulled, output) = repos.pull("b", "alice");
    assert!(pulled, "{output}");
    assert_eq!(repos.get("b", &["app/db"]), "db-v2");
    // Each read is in b's audit log, from b's local read log.
    let log = b(&["audit", "log", "--json"]).ok().stdout_text();
    let local: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["log"] == "local")
        .collect();
    for event in ["read", "run", "export"] {
        assert!(
            local.iter().any(|e| e["event"] == event),
            "no local {event} event: {log}"
        );
    }
    assert!(
        local.iter().filter(|e| e["event"] == "read").count() >= 4,
        "{log}"
    );
    // The other clone holds none of them.
    let a_log = repos
        .tresor("a", "alice")
        .args(["audit", "log", "--event", "read"])
        .ok()
        .stdout_text();
    assert_eq!(a_log, "", "{a_log}");
}
