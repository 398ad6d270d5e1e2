//! The merged trust state: principals by name, groups member by member, rules as a
//! list where each side's added, changed and removed rules are kept (rule order
//! decides nothing, so both sides' additions are kept side by side), and the other
//! settings whole. The same rule, group or principal changed two ways is a conflict
//! that names both versions. The result must be a valid policy for the merged
//! principals (a rule may not name someone the other side removed).

use super::conflict;
use super::records::{pick, pick_map};
use crate::error::Result;
use crate::policy::decide::describe_rule;
use crate::policy::readers::administers;
use crate::policy::{Policy, Rule};
use crate::vault::{PrincipalName, Trust, Vault};
use std::collections::{BTreeMap, BTreeSet};

/// Merges the trust states of two branches descended from `base`.
fn merge(base: &Trust, ours: &Trust, theirs: &Trust) -> Result<Trust> {
    let principals = pick_map(
        "The principal",
        &base.principals,
        &ours.principals,
        &theirs.principals,
    )?;
    let (b, o, t) = (&base.policy, &ours.policy, &theirs.policy);
    let policy = Policy {
        groups: merge_groups(&b.groups, &o.groups, &t.groups)?,
        rules: merge_rules(&b.rules, &o.rules, &t.rules)?,
        keyrings: pick(
            || "The [keyrings] table".to_string(),
            &b.keyrings,
            &o.keyrings,
            &t.keyrings,
        )?,
        break_glass: pick(
            || "The [break_glass] settings".to_string(),
            &b.break_glass,
            &o.break_glass,
            &t.break_glass,
        )?,
        audit: pick(
            || "The [audit] settings".to_string(),
            &b.audit,
            &o.audit,
            &t.audit,
        )?,
    };
    // Checked as `policy set` checks a document: every name known, admins not empty.
    let known: Vec<PrincipalName> = principals.keys().cloned().collect();
    let text = crate::policy::document::render(&policy);
    let policy = crate::policy::document::parse(&text, &known).map_err(|err| {
        conflict(format!(
            "The two branches' policies do not fit together: {} Merge one, then make the other change again.",
            err.message()
        ))
    })?;
    Ok(Trust { principals, policy })
}

/// Both branches changed the trust state: the merged one is a state neither side's
/// admin signed, so the merger signs it in the merge event, which only an admin of
/// ours may do (as for any trust change).
pub(super) fn merged_by(
    base: &Vault,
    ours: &Vault,
    theirs: &Vault,
    merger: &PrincipalName,
) -> Result<Trust> {
    let merged = merge(&base.trust, &ours.trust, &theirs.trust)?;
    if !administers(ours.policy(), merger) {
        return Err(conflict(format!(
            "The principals or the policy changed on both branches; the merged policy is a new trust state that only an admin may sign, and '{merger}' is not an admin. An admin must merge (`git merge`, then `tresor git resolve`)."
        )));
    }
    Ok(merged)
}

/// Groups member by member: a member added on either side is in, one removed on
/// either side is out. A group removed on one side and changed on the other conflicts.
fn merge_groups(
    base: &BTreeMap<String, Vec<PrincipalName>>,
    ours: &BTreeMap<String, Vec<PrincipalName>>,
    theirs: &BTreeMap<String, Vec<PrincipalName>>,
) -> Result<BTreeMap<String, Vec<PrincipalName>>> {
    let names: BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let empty = Vec::new();
    let mut merged = BTreeMap::new();
    for name in names {
        let (b, o, t) = (base.get(name), ours.get(name), theirs.get(name));
        let members = match (o, t) {
            (None, None) => continue,
            (Some(kept), None) | (None, Some(kept)) if b.is_none() => kept.clone(),
            (Some(kept), None) | (None, Some(kept)) => {
                if b.is_some_and(|b| same_members(b, kept)) {
                    continue;
                }
                return Err(conflict(format!(
                    "The group '{name}' was removed on one branch and changed on the other; merge one, then make the other change again."
                )));
            }
            (Some(o), Some(t)) => {
                let b = b.unwrap_or(&empty);
                let gone = |m: &PrincipalName| !o.contains(m) || !t.contains(m);
                let mut members: Vec<PrincipalName> =
                    b.iter().filter(|m| !gone(m)).cloned().collect();
                for added in o.iter().chain(t) {
                    if !b.contains(added) && !members.contains(added) {
                        members.push(added.clone());
                    }
                }
                members
            }
        };
        merged.insert(name.clone(), members);
    }
    Ok(merged)
}

fn same_members(a: &[PrincipalName], b: &[PrincipalName]) -> bool {
    a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>()
}

/// A run of base rules `[start, end)` that one side replaced by `rules` (an addition
/// when the run is empty, a removal when `rules` is).
#[derive(Debug, PartialEq, Eq)]
struct Hunk {
    start: usize,
    end: usize,
    rules: Vec<Rule>,
}

/// The hunks that turn `base` into `side`, from their longest common subsequence.
fn hunks(base: &[Rule], side: &[Rule]) -> Vec<Hunk> {
    let (n, m) = (base.len(), side.len());
    // lcs[i][j]: the longest common subsequence of base[i..] and side[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if base[i] == side[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut found = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut start, mut from) = (0, 0);
    let flush = |i: usize, j: usize, start: usize, from: usize, found: &mut Vec<Hunk>| {
        if start < i || from < j {
            found.push(Hunk {
                start,
                end: i,
                rules: side[from..j].to_vec(),
            });
        }
    };
    while i < n || j < m {
        if i < n && j < m && base[i] == side[j] {
            flush(i, j, start, from, &mut found);
            i += 1;
            j += 1;
            (start, from) = (i, j);
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            j += 1;
        } else {
            i += 1;
        }
    }
    flush(i, j, start, from, &mut found);
    found
}

/// Rules merged: every base rule kept unless a side changed or removed it; each
/// side's hunks applied; the same base rule changed by both sides in different ways
/// is a conflict, except that both sides removing it agree.
fn merge_rules(base: &[Rule], ours: &[Rule], theirs: &[Rule]) -> Result<Vec<Rule>> {
    let (o, t) = (hunks(base, ours), hunks(base, theirs));
    let at = |side: &[Hunk], i: usize| side.iter().position(|h| h.start <= i && i < h.end);
    let added = |side: &[Hunk], i: usize| -> Vec<Rule> {
        side.iter()
            .filter(|h| h.start == i && h.end == i)
            .flat_map(|h| h.rules.clone())
            .collect()
    };
    let mut merged = Vec::new();
    for i in 0..=base.len() {
        let (ours_added, theirs_added) = (added(&o, i), added(&t, i));
        merged.extend(ours_added.iter().cloned());
        merged.extend(
            theirs_added
                .into_iter()
                .filter(|rule| !ours_added.contains(rule)),
        );
        if i == base.len() {
            break;
        }
        match (at(&o, i), at(&t, i)) {
            (None, None) => merged.push(base[i].clone()),
            (Some(h), None) if o[h].start == i => merged.extend(o[h].rules.iter().cloned()),
            (None, Some(h)) if t[h].start == i => merged.extend(t[h].rules.iter().cloned()),
            (Some(_), None) | (None, Some(_)) => {}
            (Some(a), Some(b)) if o[a] == t[b] => {
                if o[a].start == i {
                    merged.extend(o[a].rules.iter().cloned());
                }
            }
            (Some(a), Some(b)) if o[a].rules.is_empty() && t[b].rules.is_empty() => {}
            (Some(a), Some(b)) => {
                let made = |rules: &[Rule]| {
                    if rules.is_empty() {
                        "removes it".to_string()
                    } else {
                        let list: Vec<String> = rules
                            .iter()
                            .map(|r| format!("[{}]", describe_rule(r)))
                            .collect();
                        format!("makes it {}", list.join(" and "))
                    }
                };
                return Err(conflict(format!(
                    "Rule {} of the policy [{}] was changed on both branches: ours {}, theirs {}; merge one, then make the other change again.",
                    i + 1,
                    describe_rule(&base[i]),
                    made(&o[a].rules),
                    made(&t[b].rules)
                )));
            }
        }
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::document;

    fn principals() -> Vec<PrincipalName> {
        ["alice", "bob", "carol"]
            .iter()
            .map(|p| p.parse().unwrap())
            .collect()
    }

    fn policy(rules: &[&str]) -> Policy {
        let mut text = "[groups]\nadmins = [\"alice\"]\n".to_string();
        for on in rules {
            text.push_str(&format!(
                "\n[[rule]]\nwho = [\"bob\"]\ncan = [\"read\"]\non = [\"{on}\"]\n"
            ));
        }
        document::parse(&text, &principals()).unwrap()
    }

    fn ons(rules: &[Rule]) -> Vec<String> {
        rules.iter().map(|r| r.on[0].as_str().to_string()).collect()
    }

    #[test]
    fn additions_on_both_sides_are_both_kept() {
        let base = policy(&["a/**"]);
        let merged = merge_rules(
            &base.rules,
            &policy(&["a/**", "b/**"]).rules,
            &policy(&["a/**", "c/**"]).rules,
        )
        .unwrap();
        assert_eq!(ons(&merged), ["a/**", "b/**", "c/**"]);
    }

    #[test]
    fn one_side_changes_the_other_adds_and_removes() {
        let base = policy(&["a/**", "b/**", "c/**"]);
        let merged = merge_rules(
            &base.rules,
            &policy(&["a/**", "B/**", "c/**"]).rules,
            &policy(&["b/**", "c/**", "d/**"]).rules,
        )
        .unwrap();
        assert_eq!(ons(&merged), ["B/**", "c/**", "d/**"]);
    }

    #[test]
    fn the_same_rule_changed_two_ways_names_both() {
        let base = policy(&["a/**", "b/**"]);
        let err = merge_rules(
            &base.rules,
            &policy(&["a/**", "x/**"]).rules,
            &policy(&["a/**", "y/**"]).rules,
        )
        .unwrap_err();
        let message = err.message();
        assert_eq!(err.exit_code(), 6);
        assert!(message.contains("Rule 2"), "{message}");
        assert!(
            message.contains("b/**") && message.contains("x/**") && message.contains("y/**"),
            "{message}"
        );
        // Changed on one side, removed on the other: a conflict too.
        let err = merge_rules(
            &base.rules,
            &policy(&["a/**", "x/**"]).rules,
            &policy(&["a/**"]).rules,
        )
        .unwrap_err();
        assert!(err.message().contains("removes it"), "{}", err.message());
        // Removed on both sides, or changed the same way: no conflict.
        assert_eq!(
            ons(&merge_rules(
                &base.rules,
                &policy(&["a/**"]).rules,
                &policy(&["a/**"]).rules
            )
            .unwrap()),
            ["a/**"]
        );
        let same = policy(&["a/**", "x/**"]);
        assert_eq!(
            ons(&merge_rules(&base.rules, &same.rules, &same.rules).unwrap()),
            ["a/**", "x/**"]
        );
    }

    #[test]
    fn groups_merge_member_by_member() {
        let name = |n: &str| -> PrincipalName { n.parse().unwrap() };
        let group = |members: &[&str]| {
            BTreeMap::from([(
                "ops".to_string(),
                members.iter().map(|m| name(m)).collect::<Vec<_>>(),
            )])
        };
        let merged = merge_groups(
            &group(&["alice", "bob"]),
            &group(&["alice", "bob", "carol"]),
            &group(&["alice"]),
        )
        .unwrap();
        assert_eq!(merged["ops"], vec![name("alice"), name("carol")]);
        assert!(
            merge_groups(
                &group(&["alice"]),
                &BTreeMap::new(),
                &group(&["alice", "bob"])
            )
            .unwrap_err()
            .message()
            .contains("'ops'")
        );
        assert!(
            merge_groups(&group(&["alice"]), &BTreeMap::new(), &group(&["alice"]))
                .unwrap()
                .is_empty()
        );
    }
}
