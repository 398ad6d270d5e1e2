//! Deciding one request: deny rules win, then an allow rule whose requirements the
//! command meets; with no matching allow, the answer is deny.

use super::{Action, Effect, Policy, Requirement, Rule};
use crate::vault::PrincipalName;

/// Who wants to do what, where, and what the command carries.
pub struct Request<'a> {
    pub principal: &'a PrincipalName,
    pub action: Action,
    /// The secret path; `None` for vault-wide actions (admin), which only rules
    /// on `**` cover.
    pub secret: Option<&'a str>,
    pub has_reason: bool,
    pub has_ticket: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Allow {
        rule: usize,
    },
    /// `rule` is the 0-based index of the deciding rule, if one decided.
    Deny {
        rule: Option<usize>,
        why: String,
    },
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow { .. })
    }
}

fn applies(policy: &Policy, rule: &Rule, request: &Request) -> bool {
    rule.who
        .iter()
        .any(|subject| policy.names(subject, request.principal))
        && rule
            .can
            .iter()
            .any(|can| can.is_none_or(|action| action == request.action))
        && match request.secret {
            Some(path) => rule.on.iter().any(|glob| glob.is_match(path)),
            None => rule.on.iter().any(|glob| glob.matches_everything()),
        }
}

fn missing(rule: &Rule, request: &Request) -> Option<Requirement> {
    rule.require
        .iter()
        .copied()
        .find(|requirement| match requirement {
            Requirement::Reason => !request.has_reason,
            Requirement::Ticket => !request.has_ticket,
        })
}

pub fn decide(policy: &Policy, request: &Request) -> Decision {
    let applicable: Vec<(usize, &Rule)> = policy
        .rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| applies(policy, rule, request))
        .collect();
    if let Some((index, _)) = applicable
        .iter()
        .find(|(_, rule)| rule.effect == Effect::Deny)
    {
        return Decision::Deny {
            rule: Some(*index),
            why: format!("rule {} denies it", index + 1),
        };
    }
    let allows: Vec<&(usize, &Rule)> = applicable
        .iter()
        .filter(|(_, rule)| rule.effect == Effect::Allow)
        .collect();
    if let Some((index, _)) = allows
        .iter()
        .find(|(_, rule)| missing(rule, request).is_none())
    {
        return Decision::Allow { rule: *index };
    }
    if let Some((index, rule)) = allows.first()
        && let Some(requirement) = missing(rule, request)
    {
        return Decision::Deny {
            rule: Some(*index),
            why: format!(
                "rule {} allows it only with --{}",
                index + 1,
                requirement.as_str()
            ),
        };
    }
    Decision::Deny {
        rule: None,
        why: "no rule allows it".to_string(),
    }
}

/// What a rule says, on one line, for messages and `policy check`.
pub fn describe(policy: &Policy, index: usize) -> String {
    policy
        .rules
        .get(index)
        .map(describe_rule)
        .unwrap_or_default()
}

/// One rule on one line.
pub fn describe_rule(rule: &Rule) -> String {
    let list = |items: Vec<String>| items.join(", ");
    let mut text = format!(
        "{} who = [{}], can = [{}], on = [{}]",
        if rule.effect == Effect::Deny {
            "deny"
        } else {
            "allow"
        },
        list(rule.who.iter().map(|s| s.to_string()).collect()),
        list(
            rule.can
                .iter()
                .map(|c| c.map_or("*".to_string(), |a| a.to_string()))
                .collect()
        ),
        list(rule.on.iter().map(|g| g.as_str().to_string()).collect()),
    );
    if !rule.require.is_empty() {
        text.push_str(&format!(
            ", require = [{}]",
            list(
                rule.require
                    .iter()
                    .map(|r| r.as_str().to_string())
                    .collect()
            )
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::document;

    const POLICY: &str = r#"
[groups]
admins = ["alice"]
payments-oncall = ["bob"]

[[rule]]
who = ["group:admins"]
can = ["*"]
on  = ["**"]

[[rule]]
who = ["bob", "group:payments-oncall"]
can = ["read", "rotate"]
on  = ["dev/**", "prod/payments/*"]
require = ["reason"]

[[rule]]
effect = "deny"
who = ["ci-deploy"]
can = ["read"]
on  = ["prod/payments/admin-*"]

[[rule]]
who = ["ci-deploy"]
can = ["read"]
on  = ["prod/**"]

[keyrings]
prod = ["prod/**"]
default = ["**"]
"#;

    fn policy() -> Policy {
        let principals: Vec<PrincipalName> = ["alice", "bob", "ci-deploy"]
            .iter()
            .map(|p| p.parse().unwrap())
            .collect();
        document::parse(POLICY, &principals).unwrap()
    }

    fn ask(policy: &Policy, who: &str, action: Action, secret: &str, reason: bool) -> Decision {
        let principal: PrincipalName = who.parse().unwrap();
        decide(
            policy,
            &Request {
                principal: &principal,
                action,
                secret: Some(secret),
                has_reason: reason,
                has_ticket: false,
            },
        )
    }

    #[test]
    fn the_design_example() {
        let policy = policy();
        assert!(ask(&policy, "alice", Action::Destroy, "prod/x", false).is_allowed());
        assert!(ask(&policy, "bob", Action::Read, "prod/payments/stripe", true).is_allowed());
        let without_reason = ask(&policy, "bob", Action::Read, "prod/payments/stripe", false);
        assert!(matches!(
            without_reason,
            Decision::Deny { rule: Some(1), .. }
        ));
        assert!(!ask(&policy, "bob", Action::Read, "prod/payments/a/b", true).is_allowed());
        assert!(!ask(&policy, "bob", Action::Destroy, "dev/x", true).is_allowed());
        assert!(
            ask(
                &policy,
                "ci-deploy",
                Action::Read,
                "prod/payments/user-key",
                false
            )
            .is_allowed()
        );
        assert_eq!(
            ask(
                &policy,
                "ci-deploy",
                Action::Read,
                "prod/payments/admin-key",
                false
            ),
            Decision::Deny {
                rule: Some(2),
                why: "rule 3 denies it".into()
            }
        );
    }

    #[test]
    fn admin_actions_need_a_rule_on_everything() {
        let policy = policy();
        let alice: PrincipalName = "alice".parse().unwrap();
        let bob: PrincipalName = "bob".parse().unwrap();
        let request = |principal| Request {
            principal,
            action: Action::Admin,
            secret: None,
            has_reason: true,
            has_ticket: true,
        };
        assert!(decide(&policy, &request(&alice)).is_allowed());
        assert!(!decide(&policy, &request(&bob)).is_allowed());
    }
}
