//! Tampering with the vault file by hand, as someone who can write it but holds no key:
//! moved ciphertexts, re-pointed aliases, resurrected versions, edited metadata, deleted
//! secrets, edited keys and MACs, changed formats. Each is refused with the documented
//! exit code, nothing on stdout and no value anywhere.

use crate::support::edit::{
    body, field, remove_tables, replace_once, secret_table, set_body, set_field, set_version_body,
    set_version_entry, version_body, version_entry, version_key,
};
use crate::support::{Env, all_values};

mod byte_flips;

/// One way to alter the vault's text.
type Edit<'a> = Box<dyn Fn(&str) -> String + 'a>;

const NEW_VALUE: &str = "canary-new-0d17";

/// Every command that authenticates the vault, as alice, with a value on stdin for the
/// writers.
const GET_A: &[&str] = &["get", "s/a"];
const GET_B: &[&str] = &["get", "s/b"];
const GET_A1: &[&str] = &["get", "s/a", "--version", "1"];
const GET_B1: &[&str] = &["get", "s/b", "--version", "1"];
const GET_B2: &[&str] = &["get", "s/b", "--version", "2"];
const CREATE_C: &[&str] = &["create", "s/c"];
const ROTATE_A: &[&str] = &["rotate", "s/a"];
const ROTATE_B: &[&str] = &["rotate", "s/b"];

/// Writes `edit(original)` over the vault and insists that every command is refused
/// with `code`, leaves the vault and audit log as they were, and discloses nothing.
/// Restores the original vault afterwards.
fn refused(env: &Env, edit: impl Fn(&str) -> String, commands: &[&[&str]], code: i32) {
    let original = env.read_vault();
    let tampered = edit(&original);
    assert_ne!(tampered, original, "the edit changed nothing");
    env.write_vault(&tampered);
    for command in commands {
        let log = env.read_log();
        let mut secrets = all_values();
        secrets.push(NEW_VALUE);
        env.as_("alice.key")
            .args(*command)
            .stdin(NEW_VALUE)
            .fails_closed(code)
            .assert_discloses_none(&secrets);
        assert_eq!(env.read_vault(), tampered, "{command:?} rewrote the vault");
        assert_eq!(env.read_log(), log, "{command:?} extended the audit log");
    }
    env.write_vault(&original);
    println!(
        "tamper: an edit refused by {} commands with exit {code}, nothing disclosed or written",
        commands.len()
    );
}

/// `text` with the entries `keys` of version `from` copied over the same entries of `to`.
fn copy_entries(text: &str, keys: &[&str], from: (&str, u32), to: (&str, u32)) -> String {
    keys.iter().fold(text.to_string(), |text, key| {
        let entry = version_entry(&text, from.0, from.1, key);
        set_version_entry(&text, to.0, to.1, key, &entry)
    })
}

#[test]
fn a_ciphertext_moved_to_another_place_does_not_open() {
    let env = Env::with_two_secrets();
    let (a1, a2, b1) = (("s/a", 1), ("s/a", 2), ("s/b", 1));
    let moves: [(&[&str], _, _, &[&str]); 5] = [
        (&["value"], a1, b1, GET_B1),
        (&["dek"], a1, b1, GET_B1),
        (&["dek", "value"], a1, b1, GET_B1),
        (&["value"], a1, a2, GET_A),
        (&["dek", "value"], a1, a2, GET_A),
    ];
    let mut cases: Vec<(String, Edit, &[&str])> = moves
        .into_iter()
        .map(|(keys, from, to, get)| {
            let edit: Edit = Box::new(move |t| copy_entries(t, keys, from, to));
            (format!("{keys:?} of {from:?} -> {to:?}"), edit, get)
        })
        .collect();
    cases.extend::<Vec<(String, Edit, &[&str])>>(vec![
        (
            "version line a2 -> b2".into(),
            Box::new(|t| set_version_body(t, "s/b", 2, &version_body(t, "s/a", 2))),
            GET_B2,
        ),
        (
            "version lines a1 <-> a2".into(),
            Box::new(|t| {
                let swapped = set_version_body(t, "s/a", 1, &version_body(t, "s/a", 2));
                set_version_body(&swapped, "s/a", 2, &version_body(t, "s/a", 1))
            }),
            GET_A,
        ),
    ]);
    for (what, edit, get) in cases {
        eprintln!("case: {what}");
        refused(&env, edit, &[get], 5);
    }
    // The untouched secret still reads: the damage is contained to the record edited.
    let out = env.as_("alice.key").args(GET_A).ok();
    assert_eq!(out.stdout, b"canary-a2-9c41");
}

#[test]
fn an_alias_re_pointed_in_the_file_is_refused() {
    let env = Env::with_two_secrets();
    let alias = |t: &str| {
        set_field(
            t,
            &secret_table("s/a"),
            "aliases",
            "aliases = { current = 1, previous = 1 }",
        )
    };
    refused(
        &env,
        alias,
        &[
            GET_A,
            GET_A1,
            &["get", "s/a", "--alias", "previous"],
            ROTATE_A,
        ],
        5,
    );
    let pending = |t: &str| {
        set_field(
            t,
            &secret_table("s/a"),
            "aliases",
            "aliases = { current = 2, pending = 1, previous = 1 }",
        )
    };
    refused(&env, pending, &[GET_A, &["promote", "s/a", "1"]], 5);
}

/// The vault's text before version 1 of s/a is destroyed; then destroys it.
fn copy_then_destroy_a1(env: &Env) -> String {
    let before = env.read_vault();
    env.as_("alice.key")
        .args(["destroy", "s/a", "--version", "1", "--yes"])
        .ok();
    before
}

#[test]
fn a_destroyed_version_pasted_back_is_refused() {
    let env = Env::with_two_secrets();
    let before = copy_then_destroy_a1(&env);
    let (table, line) = (secret_table("s/a"), version_key(1));
    // Only the state: the parser sees an active version without ciphertext.
    let state = |t: &str| set_version_entry(t, "s/a", 1, "state", "");
    refused(&env, state, &[GET_A1, GET_A], 5);
    // An explicit active state, which tresor never writes.
    let active = |t: &str| set_version_entry(t, "s/a", 1, "state", "state = \"active\"");
    refused(&env, active, &[GET_A1, GET_A], 5);
    // The old line, state and ciphertext, from the copy taken before destroy.
    let resurrected = |t: &str| set_field(t, &table, &line, &field(&before, &table, &line));
    refused(&env, resurrected, &[GET_A1, GET_A, ROTATE_A], 5);
    // The whole old record of s/a (signed once): its last signed change names another.
    let old_record = |t: &str| set_body(t, &table, &body(&before, &table));
    refused(&env, old_record, &[GET_A1, GET_A, &["list"]], 5);
    env.as_("alice.key").args(GET_A1).fails_closed(3);
}

#[test]
fn edited_metadata_is_refused() {
    let env = Env::with_two_secrets();
    env.as_("alice.key")
        .args(["rotate", "s/b", "--generate"])
        .ok();
    let a = secret_table("s/a");
    // A line put before `aliases`, the first line tresor writes in s/a's table.
    let before_aliases = |t: &str, line: &str| {
        let aliases = field(t, &a, "aliases");
        set_field(t, &a, "aliases", &format!("{line}\n{aliases}"))
    };
    let edits: Vec<Edit> = vec![
        Box::new(|t| before_aliases(t, "owner = \"mallory\"")),
        // A creation time of the secret's own (tresor wrote none: its first version's).
        Box::new(|t| before_aliases(t, "created = \"2020-01-01T00:00:00Z\"")),
        // The first version's time stated again: not what tresor writes.
        Box::new(|t| {
            let created = version_entry(t, "s/a", 1, "created");
            before_aliases(t, &created)
        }),
        Box::new(|t| before_aliases(t, "description = \"x\"")),
        Box::new(|t| before_aliases(t, "rotate_every = \"900d\"")),
        // Someone marked as exposed, or an expiry moved.
        Box::new(|t| {
            let aliases = field(t, &a, "aliases");
            set_field(
                t,
                &a,
                "aliases",
                &format!("{aliases}\nexposed = {{ bob = \"2020-01-01T00:00:00Z\" }}"),
            )
        }),
        Box::new(|t| {
            let author = version_entry(t, "s/a", 2, "author");
            set_version_entry(
                t,
                "s/a",
                2,
                "author",
                &format!("{author}, expires = \"2099-01-01T00:00:00Z\""),
            )
        }),
        Box::new(|t| set_version_entry(t, "s/a", 1, "author", "author = \"bob\"")),
        Box::new(|t| {
            set_version_entry(t, "s/a", 2, "created", "created = \"2020-01-01T00:00:00Z\"")
        }),
        // The first version's time moved: the secret's, which the file takes from it, too.
        Box::new(|t| {
            set_version_entry(t, "s/a", 1, "created", "created = \"2020-01-01T00:00:00Z\"")
        }),
        Box::new(|t| {
            let author = version_entry(t, "s/a", 1, "author");
            set_version_entry(
                t,
                "s/a",
                1,
                "author",
                &format!("{author}, state = \"disabled\""),
            )
        }),
        // A version sealed to another keyring line (the data key unchanged).
        Box::new(|t| set_version_entry(t, "s/a", 1, "keyring", "keyring = \"k-000000000000\"")),
    ];
    for edit in edits {
        refused(&env, edit, &[GET_A, GET_A1], 5);
    }
}

#[test]
fn an_edited_owner_is_refused() {
    let env = Env::new();
    env.identity("alice");
    env.as_("alice.key").args(["init", "--name", "alice"]).ok();
    env.as_("alice.key")
        .args(["create", "s/a", "--owner", "payments"])
        .stdin("canary-a1-7f3e")
        .ok();
    let owner = |t: &str| replace_once(t, "owner = \"payments\"", "owner = \"mallory\"");
    refused(&env, owner, &[GET_A, GET_A1, ROTATE_A], 5);
    let dropped = |t: &str| replace_once(t, "owner = \"payments\"\n", "");
    refused(&env, dropped, &[GET_A], 5);
}

#[test]
fn a_deleted_secret_breaks_every_authenticated_command() {
    let env = Env::with_two_secrets();
    // Every command that relies on the secret: a read of another one does not.
    let deleted = |t: &str| remove_tables(t, &secret_table("s/a"));
    refused(
        &env,
        deleted,
        &[
            GET_A,
            ROTATE_A,
            &["create", "s/a"],
            &["list"],
            &["check"],
            &["export"],
        ],
        5,
    );
    let last_deleted = |t: &str| remove_tables(t, &secret_table("s/b"));
    refused(&env, last_deleted, &[GET_B, ROTATE_B, &["list"]], 5);
    let version_deleted = |t: &str| set_field(t, &secret_table("s/a"), &version_key(1), "");
    refused(&env, version_deleted, &[GET_A, GET_A1], 5);
    let latest_deleted = |t: &str| set_field(t, &secret_table("s/a"), &version_key(2), "");
    refused(&env, latest_deleted, &[GET_A, GET_A1], 5);
}

/// A second vault, whose admin is mallory: a source of well-formed blobs that alice's
/// vault never held.
fn mallory_vault() -> Env {
    let env = Env::with_vault_of("mallory");
    env.as_("mallory.key")
        .args(["create", "s/a"])
        .stdin("mallory-value")
        .ok();
    env
}

/// The name of the first keyring in the vault's text.
fn first_keyring(text: &str) -> String {
    let at = text.find("\n[keyrings.").expect("a keyring") + "\n[keyrings.".len();
    text[at..].split(']').next().unwrap().to_string()
}

#[test]
fn edited_keys_and_recipients_are_refused() {
    let env = Env::with_two_secrets();
    let mallory = mallory_vault();
    let theirs = mallory.read_vault();
    let mallory_recipient = field(&theirs, "principals.mallory", "recipient");
    let mallory_signing = field(&theirs, "principals.mallory", "signing");
    let ours = first_keyring(&env.read_vault());
    let their_keyring = first_keyring(&theirs);
    let (keyring, wrapped) = (
        format!("keyrings.{ours}"),
        format!("keyrings.{ours}.wrapped"),
    );
    let edits: Vec<Edit> = vec![
        // A keyring public key that its wrapped secret does not match.
        Box::new(|t| {
            set_field(
                t,
                &keyring,
                "public",
                &field(&theirs, &format!("keyrings.{their_keyring}"), "public"),
            )
        }),
        // A well-formed age blob to alice, holding another vault's keyring secret.
        Box::new(|t| {
            let line = field(
                &theirs,
                &format!("keyrings.{their_keyring}.wrapped"),
                "mallory",
            )
            .replacen("mallory", "alice", 1);
            set_field(t, &wrapped, "alice", &line)
        }),
        // A reader added to a keyring, a maker changed.
        Box::new(|t| set_field(t, &keyring, "readers", "readers = [\"alice\", \"mallory\"]")),
        Box::new(|t| set_field(t, &keyring, "signer", "signer = \"mallory\"")),
        Box::new(|t| {
            set_field(
                t,
                "principals.alice",
                "added",
                "added = \"2020-01-01T00:00:00Z\"",
            )
        }),
        // Alice's keys replaced by mallory's.
        Box::new(|t| set_field(t, "principals.alice", "recipient", &mallory_recipient)),
        Box::new(|t| set_field(t, "principals.alice", "signing", &mallory_signing)),
        // A principal added, with keys of its own.
        Box::new(|t| {
            let extra = format!(
                "\n[principals.mallory]\n{mallory_recipient}\n{mallory_signing}\nadded = \"2020-01-01T00:00:00Z\"\n"
            );
            replace_once(
                t,
                &format!("\n[{keyring}]\n"),
                &format!("{extra}\n[{keyring}]\n"),
            )
        }),
        // The root's key, or the id it signs.
        Box::new(|t| set_field(t, "root", "signing", &mallory_signing)),
        Box::new(|t| set_field(t, "", "id", "id = \"00000000000000000000000000000000\"")),
    ];
    for edit in edits {
        refused(&env, edit, &[GET_A, CREATE_C, ROTATE_A], 5);
    }
}

#[test]
fn a_dropped_or_zeroed_signature_or_head_is_refused() {
    let env = Env::with_two_secrets();
    let zeros = format!("sig = \"{}==\"", "A".repeat(86));
    let log = env.read_log();
    let line1 = log.lines().nth(1).unwrap();
    let earlier = format!(
        "head = \"1:{}\"",
        tresor::audit::hash_line(line1.as_bytes())
    );
    let edits: Vec<Edit> = vec![
        Box::new(|t| set_field(t, "root", "sig", "")),
        Box::new(|t| set_field(t, "root", "sig", &zeros)),
        Box::new(|t| set_field(t, "", "head", "")),
        Box::new(|t| set_field(t, "", "head", &format!("head = \"0:{}\"", "0".repeat(64)))),
        // The head of an earlier write: the vault claims to be older than its log.
        Box::new(|t| set_field(t, "", "head", &earlier)),
    ];
    for edit in edits {
        refused(&env, edit, &[GET_A, GET_B], 5);
    }
}

#[test]
fn a_changed_format_is_refused() {
    let env = Env::with_two_secrets();
    let format =
        |n: &'static str| move |t: &str| set_field(t, "", "format", &format!("format = {n}"));
    for old in ["0", "-1", "1", "\"2\"", "2.0"] {
        refused(&env, format(old), &[GET_A, CREATE_C], 5);
    }
    env.write_vault(&set_field(&env.read_vault(), "", "format", "format = 3"));
    let out = env.as_("alice.key").args(GET_A).fails_closed(1);
    assert!(out.stderr.contains("upgrade"), "{}", out.stderr);
}

#[test]
fn a_vault_rolled_back_to_an_older_copy_is_detected() {
    let env = Env::with_two_secrets();
    let before = copy_then_destroy_a1(&env);
    env.rotate("s/a", NEW_VALUE);
    env.write_vault(&before);
    // The log records a destroy and a rotate of s/a after the write the vault remembers.
    env.as_("alice.key")
        .args(["audit", "verify"])
        .fails_closed(5);
}

#[test]
fn audit_verify_with_an_identity_the_edited_vault_disowns_fails() {
    let env = Env::with_two_secrets();
    let mallory = Env::with_vault_of("mallory");
    let recipient = field(&mallory.read_vault(), "principals.mallory", "recipient");
    let tampered = set_field(
        &env.read_vault(),
        "principals.alice",
        "recipient",
        &recipient,
    );
    env.write_vault(&tampered);
    env.as_("alice.key").args(["get", "s/a"]).fails_closed(5);
    let out = env.as_("alice.key").args(["audit", "verify"]).run();
    assert_ne!(out.code, Some(0), "{}", out.stdout_text());
}
