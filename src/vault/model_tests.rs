//! The version/alias state machine of `Secret` against a reference model written
//! straight from DESIGN.md: random sequences of operations run on both, and after
//! each one they must agree, and the laws of versions and aliases must hold.

use super::model::{SealedValue, Secret, Selector, VersionState};
use super::name::{AliasName, KeyringName, SecretName};
use crate::audit::EventRef;
use crate::time::Timestamp;
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};

const ALIASES: [&str; 4] = ["current", "previous", "pending", "canary"];

#[derive(Debug, Clone)]
enum Op {
    Add,
    MakeCurrent(u32),
    SetAlias(usize, u32),
    RemoveAlias(usize),
    Rollback,
    SetState(u32, VersionState),
    CheckExpect(usize, Option<u32>),
}

fn op() -> impl Strategy<Value = Op> {
    // Version numbers up to 8 reach past the versions a run adds, so missing ones are tried too.
    let number = 0u32..8;
    let alias = 0..ALIASES.len();
    let state = prop_oneof![
        Just(VersionState::Active),
        Just(VersionState::Disabled),
        Just(VersionState::Destroyed),
    ];
    prop_oneof![
        3 => Just(Op::Add),
        2 => number.clone().prop_map(Op::MakeCurrent),
        2 => (alias.clone(), number.clone()).prop_map(|(a, n)| Op::SetAlias(a, n)),
        1 => alias.clone().prop_map(Op::RemoveAlias),
        2 => Just(Op::Rollback),
        2 => (number.clone(), state).prop_map(|(n, s)| Op::SetState(n, s)),
        1 => (alias, proptest::option::of(number)).prop_map(|(a, n)| Op::CheckExpect(a, n)),
    ]
}

/// The reference: the state of version N at index N-1, and the aliases by name.
#[derive(Debug, Default, Clone)]
struct Model {
    states: Vec<VersionState>,
    aliases: HashMap<&'static str, u32>,
}

/// What an operation returned: success, or the exit code of its error.
type Outcome = Result<(), i32>;

impl Model {
    fn state(&self, number: u32) -> Option<VersionState> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.states.get(index).copied()
    }

    /// An alias may point at a version that exists and is not destroyed.
    fn pointable(&self, number: u32) -> Outcome {
        match self.state(number) {
            None | Some(VersionState::Destroyed) => Err(3),
            Some(_) => Ok(()),
        }
    }

    fn apply(&mut self, op: &Op) -> Outcome {
        match *op {
            Op::Add => {
                self.states.push(VersionState::Active);
                Ok(())
            }
            Op::MakeCurrent(number) => self.make_current(number),
            Op::SetAlias(0, number) => self.make_current(number),
            Op::SetAlias(alias, number) => {
                self.pointable(number)?;
                self.aliases.insert(ALIASES[alias], number);
                Ok(())
            }
            Op::RemoveAlias(0) => Err(2),
            Op::RemoveAlias(alias) => self.aliases.remove(ALIASES[alias]).map(|_| ()).ok_or(3),
            Op::Rollback => {
                let previous = *self.aliases.get("previous").ok_or(3)?;
                if self.state(previous) != Some(VersionState::Active) {
                    return Err(3);
                }
                let current = *self.aliases.get("current").ok_or(3)?;
                self.aliases.insert("current", previous);
                self.aliases.insert("previous", current);
                Ok(())
            }
            Op::SetState(number, state) => {
                let index = usize::try_from(number).ok().and_then(|n| n.checked_sub(1));
                let Some(slot) = index.and_then(|i| self.states.get_mut(i)) else {
                    return Err(3);
                };
                if *slot == VersionState::Destroyed && state != VersionState::Destroyed {
                    return Err(3);
                }
                *slot = state;
                Ok(())
            }
            Op::CheckExpect(_, None) => Ok(()),
            Op::CheckExpect(alias, Some(expected)) => {
                if self.aliases.get(ALIASES[alias]) == Some(&expected) {
                    Ok(())
                } else {
                    Err(6)
                }
            }
        }
    }

    fn make_current(&mut self, number: u32) -> Outcome {
        self.pointable(number)?;
        if let Some(old) = self.aliases.insert("current", number)
            && old != number
        {
            self.aliases.insert("previous", old);
        }
        if self.aliases.get("pending") == Some(&number) {
            self.aliases.remove("pending");
        }
        Ok(())
    }
}

fn name() -> SecretName {
    "prod/app/db".parse().unwrap()
}

fn alias(index: usize) -> AliasName {
    ALIASES[index].parse().unwrap()
}

fn empty_secret() -> Secret {
    Secret {
        keyring: KeyringName::default_keyring(),
        metadata: Default::default(),
        created: Timestamp::from_unix(0),
        aliases: BTreeMap::new(),
        versions: BTreeMap::new(),
        audit: EventRef::genesis(),
        mac: String::new(),
    }
}

/// Runs `op` on the secret; `added` receives the number a new version got.
fn apply(secret: &mut Secret, op: &Op, added: &mut Option<u32>) -> Outcome {
    let name = name();
    let code = |err: crate::Error| err.exit_code();
    match *op {
        Op::Add => {
            let sealed = SealedValue {
                dek: "dek".into(),
                value: "value".into(),
            };
            *added =
                Some(secret.add_version("alice".parse().unwrap(), Timestamp::from_unix(0), sealed));
            Ok(())
        }
        Op::MakeCurrent(number) => secret.make_current(&name, number).map_err(code),
        Op::SetAlias(a, number) => secret.set_alias(&name, &alias(a), number).map_err(code),
        Op::RemoveAlias(a) => secret
            .remove_alias(&name, &alias(a))
            .map(|_| ())
            .map_err(code),
        Op::Rollback => secret.rollback(&name).map(|_| ()).map_err(code),
        Op::SetState(number, state) => secret
            .set_state(&name, number, state)
            .map(|_| ())
            .map_err(code),
        Op::CheckExpect(a, expect) => secret.check_expect(&name, &alias(a), expect).map_err(code),
    }
}

fn check_agreement(secret: &Secret, model: &Model) -> Result<(), TestCaseError> {
    let states: Vec<(u32, VersionState)> =
        secret.versions.iter().map(|(n, v)| (*n, v.state)).collect();
    let expected: Vec<(u32, VersionState)> = (1..).zip(model.states.iter().copied()).collect();
    prop_assert_eq!(states, expected);
    let aliases: BTreeMap<String, u32> = secret
        .aliases
        .iter()
        .map(|(a, n)| (a.to_string(), *n))
        .collect();
    let expected: BTreeMap<String, u32> = model
        .aliases
        .iter()
        .map(|(a, n)| (a.to_string(), *n))
        .collect();
    prop_assert_eq!(aliases, expected);

    let name = name();
    for (number, version) in &secret.versions {
        // Destroyed versions hold no ciphertext; the others do.
        prop_assert_eq!(
            version.sealed.is_none(),
            version.state == VersionState::Destroyed
        );
        // Exactly the active versions are served.
        let served = secret.resolve(&name, &Selector::Version(*number));
        prop_assert_eq!(served.is_ok(), version.state == VersionState::Active);
        if let Err(err) = served {
            prop_assert_eq!(err.exit_code(), 3);
        }
    }
    prop_assert!(secret.resolve(&name, &Selector::Version(0)).is_err());
    prop_assert!(
        secret
            .resolve(&name, &Selector::Version(secret.latest_version() + 1))
            .is_err()
    );
    for (index, label) in ALIASES.iter().enumerate() {
        let target = model.aliases.get(label).copied();
        // Every alias points at a version the secret holds.
        if let Some(number) = target {
            prop_assert!(secret.versions.contains_key(&number));
        }
        let served = secret.resolve(&name, &Selector::Alias(alias(index)));
        let active = target.and_then(|n| model.state(n)) == Some(VersionState::Active);
        prop_assert_eq!(served.map(|(n, _)| n).ok(), target.filter(|_| active));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn secrets_follow_the_reference_model(ops in proptest::collection::vec(op(), 1..48)) {
        let mut secret = empty_secret();
        let mut model = Model::default();
        let mut highest = 0u32;
        for op in &ops {
            let before = secret.clone();
            let mut added = None;
            let outcome = apply(&mut secret, op, &mut added);
            prop_assert_eq!(outcome, model.apply(op), "{:?}", op);
            if outcome.is_err() {
                // A refused operation changes nothing.
                prop_assert_eq!(&secret, &before, "{:?}", op);
            }
            if let Some(number) = added {
                // Numbers only grow, so none is ever reused (destroyed ones included).
                prop_assert_eq!(number, highest + 1);
                highest = number;
            }
            prop_assert_eq!(secret.latest_version(), highest);
            if outcome.is_ok() && matches!(op, Op::MakeCurrent(_) | Op::SetAlias(0, _) | Op::Rollback) {
                let current = secret.current().and_then(|n| secret.versions.get(&n));
                prop_assert!(current.is_some_and(|v| v.state != VersionState::Destroyed));
            }
            if let (Op::CheckExpect(a, Some(expected)), Err(code)) = (op, outcome) {
                // Compare-and-swap fails exactly when the alias is elsewhere, as a conflict.
                prop_assert_eq!(code, 6);
                prop_assert_ne!(secret.alias(&alias(*a)), Some(*expected));
            }
            check_agreement(&secret, &model)?;
        }
    }
}
