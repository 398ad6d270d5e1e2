//! What an attacker builds from the format's public description and keys of their own:
//! the vault parsed and rendered with the project's library, records sealed to keyrings
//! they make, audit lines signed with whatever key they hold.

use crate::support::Env;
use tresor::audit::{AuditEvent, AuditLog, Change};
use tresor::crypto::sign::SigningKey;
use tresor::identity::Identity;
use tresor::policy::Action;
use tresor::vault::digest::{self, RecordKey};
use tresor::vault::format::{self, Parsed};
use tresor::vault::{PrincipalName, Vault};

pub fn vault(env: &Env) -> Vault {
    match format::parse(&env.read_vault(), "vault").unwrap() {
        Parsed::Current(vault) => *vault,
        Parsed::Legacy(_) => panic!("a format-1 vault"),
    }
}

pub fn save(env: &Env, vault: &Vault) {
    env.write_vault(&format::render(vault));
}

pub fn identity(env: &Env, key: &str) -> Identity {
    let text = std::fs::read_to_string(env.path(key)).unwrap();
    Identity::parse_plain(&text, key).unwrap()
}

pub fn signing_key(env: &Env, key: &str) -> SigningKey {
    identity(env, key).signing_key()
}

/// A write event naming `changed` (each with the right claimed) and, when `trust`, the
/// vault's trust state, in the name of `actor`, signed with `signer`: appended to the
/// log, the vault's head moved to it, the vault saved. What a modified binary does.
pub fn sign_write(
    env: &Env,
    vault: &mut Vault,
    actor: &str,
    signer: &SigningKey,
    changed: &[(RecordKey, Action)],
    trust: bool,
) {
    let records = digest::records(vault);
    let mut event = AuditEvent::new("rotate", Some(actor));
    event.vault = Some(vault.id.clone());
    event.base = Some(vault.head.to_string());
    event.changes = changed
        .iter()
        .map(|(key, action)| Change {
            kind: key.kind.as_str().to_string(),
            key: key.key.clone(),
            action: action.to_string(),
            digest: records.get(key).cloned(),
            via: None,
        })
        .collect();
    if trust {
        event.trust = Some(tresor::trust::document::to_document(&vault.trust));
    }
    let head = AuditLog::open(&env.audit_log())
        .unwrap()
        .append(event, Some(signer))
        .unwrap();
    vault.head = head;
    save(env, vault);
}

pub fn principal(name: &str) -> PrincipalName {
    name.parse().unwrap()
}

/// Every age wrap of a keyring secret in the vault file: (keyring, reader, base64).
pub fn wraps(vault: &Vault) -> Vec<(String, String, String)> {
    vault
        .keyrings
        .iter()
        .flat_map(|(name, keyring)| {
            keyring
                .wrapped
                .iter()
                .map(move |(reader, wrap)| (name.to_string(), reader.to_string(), wrap.clone()))
        })
        .collect()
}

/// Whether the real `age` opens `wrap` (base64 of a binary age file) with `key`.
pub fn age_opens(env: &Env, key: &str, wrap: &str) -> bool {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(wrap)
        .unwrap();
    let file = env.path("wrap.age");
    std::fs::write(&file, bytes).unwrap();
    let status = std::process::Command::new("age")
        .args(["-d", "-i"])
        .arg(env.path(key))
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run age");
    status.success()
}

/// Seals `value` as the next version of `name` to `keyring` and makes it current, as
/// `author`: what a forger plants.
pub fn plant(
    vault: &mut Vault,
    name: &tresor::vault::SecretName,
    keyring: &tresor::vault::KeyringName,
    author: &str,
    value: &str,
) {
    let number = vault.secrets[name].latest_version() + 1;
    let sealed = tresor::vault::seal::seal_value(
        &vault.id,
        keyring.clone(),
        &vault.keyrings[keyring],
        name,
        number,
        value.as_bytes(),
    )
    .unwrap();
    let secret = vault.secrets.get_mut(name).unwrap();
    secret.add_version(
        principal(author),
        tresor::time::Timestamp::now(),
        None,
        sealed,
    );
    secret.make_current(name, number).unwrap();
}
