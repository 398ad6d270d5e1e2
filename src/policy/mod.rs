//! Access control (DESIGN.md section 7): the policy document (`document`), path
//! patterns (`glob`), decisions (`decide`), keyring membership (`keyrings`) and
//! break-glass grants (`grant`).

pub mod decide;
pub mod document;
pub mod glob;
pub mod grant;
pub mod readers;

use crate::vault::{KeyringName, PrincipalName};
use glob::PathGlob;
use std::collections::BTreeMap;
use std::fmt;

/// What a rule can allow or deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    Read,
    Create,
    Rotate,
    Destroy,
    Admin,
    BreakGlass,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::Read,
        Action::Create,
        Action::Rotate,
        Action::Destroy,
        Action::Admin,
        Action::BreakGlass,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Create => "create",
            Action::Rotate => "rotate",
            Action::Destroy => "destroy",
            Action::Admin => "admin",
            Action::BreakGlass => "break-glass",
        }
    }

    pub fn parse(text: &str) -> Option<Action> {
        Action::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// Who a rule names: a principal or a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Principal(PrincipalName),
    Group(String),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Principal(name) => write!(f, "{name}"),
            Subject::Group(group) => write!(f, "group:{group}"),
        }
    }
}

/// A condition the command must meet for a rule to allow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Requirement {
    Reason,
    Ticket,
}

impl Requirement {
    pub fn as_str(self) -> &'static str {
        match self {
            Requirement::Reason => "reason",
            Requirement::Ticket => "ticket",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub effect: Effect,
    pub who: Vec<Subject>,
    /// `None` in the list stands for `*`, every action.
    pub can: Vec<Option<Action>>,
    pub on: Vec<PathGlob>,
    pub require: Vec<Requirement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakGlass {
    pub who: Vec<Subject>,
    pub on: Vec<PathGlob>,
    /// As written (`1h`), validated.
    pub max_duration: String,
    pub require: Vec<Requirement>,
}

/// The policy of a vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub groups: BTreeMap<String, Vec<PrincipalName>>,
    pub rules: Vec<Rule>,
    /// In order: the first keyring whose patterns match a new secret's name holds it.
    pub keyrings: Vec<(KeyringName, Vec<PathGlob>)>,
    pub break_glass: Option<BreakGlass>,
    pub audit: AuditSettings,
}

/// `[audit]`: where events go besides the logs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditSettings {
    /// Every event also goes to the system log (RFC 5424 over `/dev/log`).
    pub syslog: bool,
}

pub const ADMINS: &str = "admins";

impl Policy {
    /// The policy of a new vault: its creator administers everything; one keyring.
    pub fn initial(admin: &PrincipalName) -> Result<Policy, crate::Error> {
        let everything = PathGlob::parse("**")?;
        Ok(Policy {
            groups: BTreeMap::from([(ADMINS.to_string(), vec![admin.clone()])]),
            rules: vec![Rule {
                effect: Effect::Allow,
                who: vec![Subject::Group(ADMINS.to_string())],
                can: vec![None],
                on: vec![everything.clone()],
                require: Vec::new(),
            }],
            keyrings: Vec::new(),
            break_glass: None,
            audit: AuditSettings::default(),
        })
    }

    /// Whether `subject` names `principal`, directly or through a group.
    pub fn names(&self, subject: &Subject, principal: &PrincipalName) -> bool {
        match subject {
            Subject::Principal(name) => name == principal,
            Subject::Group(group) => self
                .groups
                .get(group)
                .is_some_and(|members| members.contains(principal)),
        }
    }

    /// Removes a principal from every group and rule (when its recipient is removed).
    /// Rules left naming nobody are dropped.
    pub fn forget(&mut self, principal: &PrincipalName) {
        for members in self.groups.values_mut() {
            members.retain(|member| member != principal);
        }
        for rule in &mut self.rules {
            rule.who
                .retain(|subject| *subject != Subject::Principal(principal.clone()));
        }
        self.rules.retain(|rule| !rule.who.is_empty());
        if let Some(break_glass) = &mut self.break_glass {
            break_glass
                .who
                .retain(|subject| *subject != Subject::Principal(principal.clone()));
        }
    }
}
