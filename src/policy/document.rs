//! The policy as a TOML document: parsed strictly (an unknown principal, group, action
//! or pattern is refused with the line at fault) and rendered canonically, so
//! `policy show` prints what `policy set` accepts back unchanged.

use super::glob::PathGlob;
use super::{
    ADMINS, Action, AuditSettings, BreakGlass, Effect, Policy, Requirement, Rule, Subject,
};
use crate::error::{Error, Result};
use crate::vault::{KeyringName, PrincipalName};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use toml::Spanned;

type Text = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    #[serde(default)]
    groups: BTreeMap<Text, Vec<Text>>,
    #[serde(default)]
    rule: Vec<RuleFile>,
    #[serde(default)]
    keyrings: BTreeMap<Text, Vec<Text>>,
    break_glass: Option<BreakGlassFile>,
    audit: Option<AuditFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditFile {
    #[serde(default)]
    syslog: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    effect: Option<Text>,
    who: Vec<Text>,
    can: Vec<Text>,
    on: Vec<Text>,
    #[serde(default)]
    require: Vec<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BreakGlassFile {
    who: Vec<Text>,
    on: Vec<Text>,
    max_duration: Text,
    #[serde(default)]
    require: Vec<Text>,
}

/// Reads a policy document; `principals` are the vault's principals, which every name
/// in it must be.
pub fn parse(text: &str, principals: &[PrincipalName]) -> Result<Policy> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let at = |item: &Text, why: String| {
        Error::usage(format!(
            "Line {} of the policy: {why}",
            line_of(item.span().start)
        ))
    };
    let file: PolicyFile = toml::from_str(text).map_err(|err| {
        let line = err
            .span()
            .map(|span| format!("Line {} of the policy: ", line_of(span.start)))
            .unwrap_or_default();
        Error::usage(format!("{line}{}", err.message().trim_end_matches('\n')))
    })?;

    let mut groups = BTreeMap::new();
    for (group, members) in &file.groups {
        valid_group_name(group.get_ref()).map_err(|why| at(group, why))?;
        let mut names = Vec::new();
        for member in members {
            let name =
                known_principal(member.get_ref(), principals).map_err(|why| at(member, why))?;
            if !names.contains(&name) {
                names.push(name);
            }
        }
        groups.insert(group.get_ref().clone(), names);
    }
    let subjects = |items: &[Text]| -> Result<Vec<Subject>> {
        items
            .iter()
            .map(|item| match item.get_ref().strip_prefix("group:") {
                Some(group) if groups.contains_key(group) => Ok(Subject::Group(group.to_string())),
                Some(group) => Err(at(
                    item,
                    format!("the group '{group}' is not defined in [groups]."),
                )),
                None => known_principal(item.get_ref(), principals)
                    .map(Subject::Principal)
                    .map_err(|why| at(item, why)),
            })
            .collect()
    };
    let globs = |items: &[Text]| -> Result<Vec<PathGlob>> {
        if items.is_empty() {
            return Err(Error::usage(
                "A rule, keyring or [break_glass] has an empty list of patterns.",
            ));
        }
        items
            .iter()
            .map(|item| {
                PathGlob::parse(item.get_ref()).map_err(|err| at(item, err.message().to_string()))
            })
            .collect()
    };
    let requirements = |items: &[Text], allowed: &[Requirement]| -> Result<Vec<Requirement>> {
        let mut list = Vec::new();
        for item in items {
            let requirement = allowed
                .iter()
                .copied()
                .find(|r| r.as_str() == item.get_ref())
                .ok_or_else(|| {
                    at(
                        item,
                        format!(
                            "'{}' is not a requirement here (use {}).",
                            item.get_ref(),
                            names_of(allowed)
                        ),
                    )
                })?;
            if !list.contains(&requirement) {
                list.push(requirement);
            }
        }
        list.sort();
        Ok(list)
    };

    let mut rules = Vec::new();
    for rule in &file.rule {
        let effect = match &rule.effect {
            None => Effect::Allow,
            Some(effect) if effect.get_ref() == "allow" => Effect::Allow,
            Some(effect) if effect.get_ref() == "deny" => Effect::Deny,
            Some(effect) => {
                return Err(at(
                    effect,
                    format!(
                        "effect '{}' is neither \"allow\" nor \"deny\".",
                        effect.get_ref()
                    ),
                ));
            }
        };
        let mut can = Vec::new();
        for action in &rule.can {
            let parsed = match action.get_ref().as_str() {
                "*" => None,
                other => Some(Action::parse(other).ok_or_else(|| {
                    at(action, format!("'{other}' is not an action (read, create, rotate, destroy, admin, break-glass or *)."))
                })?),
            };
            if !can.contains(&parsed) {
                can.push(parsed);
            }
        }
        if rule.who.is_empty() || can.is_empty() {
            return Err(Error::usage(
                "A rule must name at least one principal in `who` and one action in `can`.",
            ));
        }
        rules.push(Rule {
            effect,
            who: subjects(&rule.who)?,
            can,
            on: globs(&rule.on)?,
            require: requirements(&rule.require, &[Requirement::Reason])?,
        });
    }

    // Format 1 only (format 2 derives keyrings from reader sets): table order is match
    // order, the first keyring that matches holds a new secret.
    let mut ordered: Vec<(&Text, &Vec<Text>)> = file.keyrings.iter().collect();
    ordered.sort_by_key(|(name, _)| name.span().start);
    let mut keyrings = Vec::new();
    for (name, patterns) in ordered {
        let keyring: KeyringName = name
            .get_ref()
            .parse()
            .map_err(|err: Error| at(name, err.message().to_string()))?;
        keyrings.push((keyring, globs(patterns)?));
    }

    let break_glass = match &file.break_glass {
        None => None,
        Some(bg) => {
            crate::time::parse_duration(bg.max_duration.get_ref())
                .map_err(|err| at(&bg.max_duration, err.message().to_string()))?;
            Some(BreakGlass {
                who: subjects(&bg.who)?,
                on: globs(&bg.on)?,
                max_duration: bg.max_duration.get_ref().trim().to_string(),
                require: requirements(&bg.require, &[Requirement::Reason, Requirement::Ticket])?,
            })
        }
    };

    if groups
        .get(ADMINS)
        .is_none_or(|members: &Vec<PrincipalName>| members.is_empty())
    {
        return Err(Error::usage(
            "The policy leaves the group 'admins' empty; someone must remain able to administer the vault.",
        ));
    }
    Ok(Policy {
        groups,
        rules,
        keyrings,
        break_glass,
        audit: AuditSettings {
            syslog: file.audit.as_ref().is_some_and(|audit| audit.syslog),
        },
    })
}

fn names_of(requirements: &[Requirement]) -> String {
    requirements
        .iter()
        .map(|r| format!("\"{}\"", r.as_str()))
        .collect::<Vec<_>>()
        .join(" or ")
}

fn valid_group_name(name: &str) -> std::result::Result<(), String> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if valid {
        Ok(())
    } else {
        Err(format!("'{name}' is not a valid group name."))
    }
}

fn known_principal(
    name: &str,
    principals: &[PrincipalName],
) -> std::result::Result<PrincipalName, String> {
    let parsed: PrincipalName = name
        .parse()
        .map_err(|err: Error| err.message().to_string())?;
    if principals.contains(&parsed) {
        Ok(parsed)
    } else {
        Err(format!(
            "'{name}' is not a principal of this vault; add it first with `tresor recipient add {name} age1…`."
        ))
    }
}

/// The canonical text of a policy.
pub fn render(policy: &Policy) -> String {
    let list = |items: Vec<String>| {
        format!(
            "[{}]",
            items
                .iter()
                .map(|i| format!("\"{i}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let mut out = String::new();
    out.push_str("[groups]\n");
    for (group, members) in &policy.groups {
        let _ = writeln!(
            out,
            "{} = {}",
            key(group),
            list(members.iter().map(|m| m.to_string()).collect())
        );
    }
    for rule in &policy.rules {
        out.push_str("\n[[rule]]\n");
        if rule.effect == Effect::Deny {
            out.push_str("effect = \"deny\"\n");
        }
        let _ = writeln!(
            out,
            "who = {}",
            list(rule.who.iter().map(|s| s.to_string()).collect())
        );
        let _ = writeln!(
            out,
            "can = {}",
            list(
                rule.can
                    .iter()
                    .map(|c| c.map_or("*".to_string(), |a| a.to_string()))
                    .collect()
            )
        );
        let _ = writeln!(
            out,
            "on = {}",
            list(rule.on.iter().map(|g| g.as_str().to_string()).collect())
        );
        if !rule.require.is_empty() {
            let _ = writeln!(
                out,
                "require = {}",
                list(
                    rule.require
                        .iter()
                        .map(|r| r.as_str().to_string())
                        .collect()
                )
            );
        }
    }
    if !policy.keyrings.is_empty() {
        out.push_str("\n[keyrings]\n");
    }
    for (keyring, patterns) in &policy.keyrings {
        let _ = writeln!(
            out,
            "{} = {}",
            key(keyring.as_str()),
            list(patterns.iter().map(|g| g.as_str().to_string()).collect())
        );
    }
    if let Some(bg) = &policy.break_glass {
        out.push_str("\n[break_glass]\n");
        let _ = writeln!(
            out,
            "who = {}",
            list(bg.who.iter().map(|s| s.to_string()).collect())
        );
        let _ = writeln!(
            out,
            "on = {}",
            list(bg.on.iter().map(|g| g.as_str().to_string()).collect())
        );
        let _ = writeln!(out, "max_duration = \"{}\"", bg.max_duration);
        if !bg.require.is_empty() {
            let _ = writeln!(
                out,
                "require = {}",
                list(bg.require.iter().map(|r| r.as_str().to_string()).collect())
            );
        }
    }
    // Only when set, so a policy without it keeps the text (and digests) it had.
    if policy.audit.syslog {
        out.push_str("\n[audit]\nsyslog = true\n");
    }
    out
}

fn key(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        text.to_string()
    } else {
        format!("\"{text}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principals() -> Vec<PrincipalName> {
        ["alice", "bob"]
            .iter()
            .map(|p| p.parse().unwrap())
            .collect()
    }

    const TEXT: &str = "[groups]\nadmins = [\"alice\"]\noncall = [\"bob\"]\n\n[[rule]]\nwho = [\"group:admins\"]\ncan = [\"*\"]\non = [\"**\"]\n\n[[rule]]\neffect = \"deny\"\nwho = [\"bob\"]\ncan = [\"read\"]\non = [\"prod/payments/admin-*\"]\n\n[[rule]]\nwho = [\"group:oncall\"]\ncan = [\"read\", \"rotate\"]\non = [\"dev/**\", \"prod/payments/*\"]\nrequire = [\"reason\"]\n\n[keyrings]\nprod = [\"prod/**\"]\ndefault = [\"**\"]\n\n[break_glass]\nwho = [\"group:oncall\"]\non = [\"prod/**\"]\nmax_duration = \"1h\"\nrequire = [\"reason\", \"ticket\"]\n";

    #[test]
    fn canonical_text_round_trips() {
        let policy = parse(TEXT, &principals()).unwrap();
        assert_eq!(render(&policy), TEXT);
        assert_eq!(policy.keyrings[0].0.as_str(), "prod");
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                TEXT.replace("oncall = [\"bob\"]", "oncall = [\"mallory\"]"),
                "Line 3",
                "mallory",
            ),
            (
                TEXT.replace("\"read\", \"rotate\"", "\"read\", \"fly\""),
                "Line 18",
                "fly",
            ),
            (TEXT.replace("dev/**", "dev/**x"), "Line 19", "pattern"),
            (
                TEXT.replace(
                    "group:oncall\"]\ncan = [\"read\", \"rotate\"]",
                    "group:nobody\"]\ncan = [\"read\", \"rotate\"]",
                ),
                "Line 17",
                "nobody",
            ),
            (
                TEXT.replace("[[rule]]\neffect", "[[rule]]\neffekt"),
                "Line 11",
                "",
            ),
        ];
        for (text, line, word) in cases {
            let err = parse(&text, &principals()).unwrap_err();
            assert_eq!(err.exit_code(), 2);
            assert!(err.message().starts_with(line), "{}", err.message());
            assert!(err.message().contains(word), "{}", err.message());
        }
    }

    #[test]
    fn an_empty_admins_group_is_refused() {
        let text = TEXT.replace("admins = [\"alice\"]", "admins = []");
        assert!(
            parse(&text, &principals())
                .unwrap_err()
                .message()
                .contains("admins")
        );
    }
}
