//! Keys as the file states them, forged: a keyring's wrapped secret swapped for a key
//! pair of the attacker's own, and signing keys that are not points of the curve. A read
//! compares a keyring's opened secret with its stated public key only to explain a data
//! key that does not open, and decompresses a signing key only to verify with it: these
//! show that the ledger, not those checks, is what refuses the forgeries.

use super::{PLANTED, every_command_refuses, forge, keys_of, refused, team};
use crate::support::Env;
use base64::Engine;
use tresor::policy::Action;
use tresor::vault::digest::RecordKey;
use tresor::vault::{KeyringName, SecretName, Vault};

/// alice's wrap of prod/db/password's keyring replaced by a wrap (to alice's public
/// recipient, from the file) of a key pair mallory made, and a new current version whose
/// data key is sealed to that pair under the keyring's name. Returns the keyring's name.
fn swap_wrap_and_plant(vault: &mut Vault, name: &SecretName) -> KeyringName {
    let alice = forge::principal("alice");
    let keyring = vault.secrets[name].versions[&1]
        .sealed
        .clone()
        .unwrap()
        .keyring;
    let recipients = [(
        alice.clone(),
        vault.trust.principals[&alice].recipient.clone(),
    )]
    .into();
    let (_, mallorys, _) =
        tresor::vault::seal::new_keyring(&[alice.clone()].into(), &recipients, &alice).unwrap();
    vault
        .keyrings
        .get_mut(&keyring)
        .unwrap()
        .wrapped
        .insert(alice.clone(), mallorys.wrapped[&alice].clone());
    let number = vault.secrets[name].latest_version() + 1;
    let sealed = tresor::vault::seal::seal_value(
        &vault.id,
        keyring.clone(),
        &mallorys,
        name,
        number,
        PLANTED.as_bytes(),
    )
    .unwrap();
    let secret = vault.secrets.get_mut(name).unwrap();
    secret.add_version(alice, tresor::time::Timestamp::now(), None, sealed);
    secret.make_current(name, number).unwrap();
    keyring
}

#[test]
fn a_keyring_wrap_swapped_for_a_key_pair_of_the_attackers_is_refused() {
    let env = team();
    let original_vault = env.read_vault();
    let original_log = env.read_log();
    let restore = |env: &Env| {
        env.write_vault(&original_vault);
        env.write_log(&original_log);
    };
    let name: SecretName = "prod/db/password".parse().unwrap();

    // The forgery is potent: opened as a reader opens it, with nothing but the keys,
    // alice's identity gets mallory's value under the prod keyring's name.
    let mut vault = forge::vault(&env);
    let keyring = swap_wrap_and_plant(&mut vault, &name);
    let alice = forge::identity(&env, "alice.key");
    let key =
        tresor::vault::seal::open_keyring(&vault, &keyring, &forge::principal("alice"), &alice)
            .unwrap();
    let number = vault.secrets[&name].latest_version();
    let sealed = vault.secrets[&name].versions[&number]
        .sealed
        .clone()
        .unwrap();
    let opened = tresor::vault::seal::open_value(&vault.id, &key, &name, number, &sealed).unwrap();
    assert_eq!(opened.expose(), PLANTED.as_bytes());

    // In the file alone: every command refuses, and nothing is printed.
    forge::save(&env, &vault);
    every_command_refuses(&env);
    restore(&env);

    // With a line in alice's name signed by mallory's key.
    let mut vault = forge::vault(&env);
    let keyring = swap_wrap_and_plant(&mut vault, &name);
    let mallory = forge::signing_key(&env, "mallory.key");
    forge::sign_write(
        &env,
        &mut vault,
        "alice",
        &mallory,
        &[
            (RecordKey::keyring(&keyring), Action::Admin),
            (RecordKey::secret(&name), Action::Admin),
        ],
        false,
    );
    every_command_refuses(&env);
    restore(&env);

    // With carol's own signature: she may create and rotate prod/**, not change a
    // keyring an admin made.
    let mut vault = forge::vault(&env);
    let keyring = swap_wrap_and_plant(&mut vault, &name);
    let carol = forge::signing_key(&env, "carol.key");
    forge::sign_write(
        &env,
        &mut vault,
        "carol",
        &carol,
        &[
            (RecordKey::keyring(&keyring), Action::Create),
            (RecordKey::secret(&name), Action::Rotate),
        ],
        false,
    );
    every_command_refuses(&env);
    restore(&env);
    assert_eq!(env.get("prod/db/password", &[]), super::PROD.as_bytes());
}

/// `ed25519:` and 32 bytes that are not a point of the curve.
fn not_a_point() -> String {
    (0u8..=255)
        .map(|byte| {
            format!(
                "ed25519:{}",
                base64::engine::general_purpose::STANDARD.encode([byte; 32])
            )
        })
        .find(|text| {
            text.parse::<tresor::crypto::sign::PublicKey>()
                .is_ok_and(|key| !key.is_point())
        })
        .expect("some 32-byte string is not a point")
}

#[test]
fn a_signing_key_that_is_not_a_point_verifies_nothing() {
    let env = team();
    let original_vault = env.read_vault();
    let key: tresor::crypto::sign::PublicKey = not_a_point().parse().unwrap();

    // In the root: on this machine (pinned), and on a fresh one that trusts on first use.
    let mut vault = forge::vault(&env);
    vault.root.signing = key;
    forge::save(&env, &vault);
    every_command_refuses(&env);
    std::fs::create_dir_all(env.path("fresh-data")).unwrap();
    refused(
        &env,
        env.alice(["get", "prod/db/password"])
            .env("XDG_DATA_HOME", env.path("fresh-data")),
    );
    env.write_vault(&original_vault);

    // As a principal's key: the trust state is not the one an admin signed.
    let mut vault = forge::vault(&env);
    vault
        .trust
        .principals
        .get_mut(&forge::principal("bob"))
        .unwrap()
        .signing = Some(key);
    forge::save(&env, &vault);
    every_command_refuses(&env);
    refused(&env, env.as_("bob.key").args(["get", "dev/app/token"]));
    env.write_vault(&original_vault);

    // Given by a person, it is not a key: exit 2, nothing written.
    let (recipient, _) = keys_of(&env, "dave");
    env.refuses(
        env.alice(["recipient", "add", "dave", &recipient, &not_a_point()]),
        2,
    )
    .error_says(&["not a signing key"]);
}
