//! The layout of a secret's section: one line per version, what is left out, and the
//! reader refusing what tresor never writes.

use super::format::{parse_section, render_section};
use super::secret::{Metadata, SealedValue, Secret, Version, VersionState};
use super::{AliasName, SecretName};
use crate::rotation::{RotationPlan, System};
use crate::time::Timestamp;
use std::collections::BTreeMap;

fn sealed(tag: &str) -> Option<SealedValue> {
    Some(SealedValue {
        keyring: "k-0123456789ab".parse().unwrap(),
        dek: format!("dek-{tag}"),
        value: format!("value-{tag}"),
    })
}

fn version(at: i64, state: VersionState, expires: Option<i64>) -> Version {
    Version {
        state,
        created: Timestamp::from_unix(at),
        author: "alice".parse().unwrap(),
        expires: expires.map(Timestamp::from_unix),
        sealed: (state != VersionState::Destroyed)
            .then(|| sealed(&at.to_string()))
            .flatten(),
    }
}

/// A secret whose versions 1 to 3 are destroyed, disabled (with an expiry) and active.
fn secret() -> Secret {
    Secret {
        metadata: Metadata {
            owner: Some("payments".to_string()),
            ..Metadata::default()
        },
        created: Timestamp::from_unix(1_000),
        aliases: BTreeMap::from([(AliasName::current(), 3), (AliasName::previous(), 2)]),
        versions: BTreeMap::from([
            (1, version(1_000, VersionState::Destroyed, None)),
            (2, version(2_000, VersionState::Disabled, Some(9_000))),
            (3, version(3_000, VersionState::Active, None)),
        ]),
        exposed: BTreeMap::new(),
        plan: None,
        journal: None,
    }
}

fn name() -> SecretName {
    "prod/db".parse().unwrap()
}

fn round_trip(secret: &Secret) -> String {
    let text = render_section(&name(), secret);
    assert_eq!(render_section(&name(), secret), text, "deterministic");
    let (parsed_name, parsed) = parse_section(&text, "vault.toml").unwrap();
    assert_eq!((parsed_name, &parsed), (name(), secret), "{text}");
    text
}

#[test]
fn each_version_is_one_line_and_what_goes_without_saying_is_left_out() {
    let text = round_trip(&secret());
    let t1 = Timestamp::from_unix(1_000);
    let t2 = Timestamp::from_unix(2_000);
    let t3 = Timestamp::from_unix(3_000);
    let t9 = Timestamp::from_unix(9_000);
    assert_eq!(
        text,
        format!(
            "[secrets.\"prod/db\"]\n\
             owner = \"payments\"\n\
             aliases = {{ current = 3, previous = 2 }}\n\
             versions.1 = {{ created = \"{t1}\", author = \"alice\", state = \"destroyed\" }}\n\
             versions.2 = {{ created = \"{t2}\", author = \"alice\", state = \"disabled\", expires = \"{t9}\", keyring = \"k-0123456789ab\", dek = \"dek-2000\", value = \"value-2000\" }}\n\
             versions.3 = {{ created = \"{t3}\", author = \"alice\", keyring = \"k-0123456789ab\", dek = \"dek-3000\", value = \"value-3000\" }}\n\
             \n"
        )
    );
}

#[test]
fn a_creation_time_of_its_own_is_written_and_read_back() {
    let mut secret = secret();
    secret.created = Timestamp::from_unix(500);
    let text = round_trip(&secret);
    assert!(
        text.contains(&format!("\ncreated = \"{}\"\n", secret.created)),
        "{text}"
    );
    // A secret without versions (a plan set before its first rotation) states its own.
    secret.versions.clear();
    secret.aliases.clear();
    let text = round_trip(&secret);
    assert!(text.contains("\ncreated = "), "{text}");
}

#[test]
fn versions_come_before_the_rotation_tables() {
    let mut secret = secret();
    secret.plan = Some(RotationPlan {
        system: System::Postgres,
        admin: "db/admin".parse().unwrap(),
        family: "app".parse().unwrap(),
        group: None,
        overlap: std::time::Duration::from_secs(3600),
    });
    let text = round_trip(&secret);
    assert!(
        text.find("versions.3 = ").unwrap() < text.find("[secrets.\"prod/db\".plan]").unwrap(),
        "{text}"
    );
}

#[test]
fn what_tresor_leaves_out_is_refused_when_stated() {
    let text = render_section(&name(), &secret());
    let t3 = Timestamp::from_unix(3_000);
    let t1 = Timestamp::from_unix(1_000);
    let edits = [
        text.replace(
            &format!("created = \"{t3}\", author = \"alice\","),
            &format!("created = \"{t3}\", author = \"alice\", state = \"active\","),
        ),
        text.replace(
            "owner = \"payments\"\n",
            &format!("owner = \"payments\"\ncreated = \"{t1}\"\n"),
        ),
        text.replace(", state = \"disabled\"", ", state = \"paused\""),
    ];
    for edited in edits {
        assert_ne!(edited, text);
        let err = parse_section(&edited, "vault.toml").err().unwrap();
        assert_eq!(err.exit_code(), 5, "{edited}");
    }
}
