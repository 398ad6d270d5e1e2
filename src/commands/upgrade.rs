//! `upgrade`: a format-1 vault converted to format 2 in one audited write, by an
//! admin. Its MACs are verified first; every record is then signed by that admin,
//! whose key becomes the vault's root. Other principals keep reading; each writes
//! again once its signing key is registered (`tresor recipient add NAME age1… ed25519:…`).

use crate::audit::{AuditEvent, AuditLog, Change};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::fs::VaultLock;
use crate::policy::Action;
use crate::policy::readers::administers;
use crate::trust::{self, document::to_document};
use crate::vault::legacy::{self, Opened};
use crate::vault::seal::{new_keyring, seal_value};
use crate::vault::{
    KeyringName, Principal, PrincipalName, SealedValue, Secret, SecretName, Trust, Vault, digest,
    format::Parsed, store,
};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

pub fn upgrade(ctx: &Context) -> Result<()> {
    let identity = ctx.identity()?;
    let vault_path = ctx.vault_path()?;
    let audit_path = ctx.audit_path(&vault_path);
    let _lock = VaultLock::acquire(&vault_path, ctx.lock_timeout)?;
    let old = match store::load_any(&vault_path)? {
        Parsed::Legacy(old) => old,
        Parsed::Current(_) => {
            return Err(Error::other(format!(
                "The vault {} is already in format 2.",
                vault_path.display()
            )));
        }
    };
    let opened = Opened::open(*old, identity)?;
    if !administers(&opened.vault.policy, &opened.principal) {
        return Err(Error::denied(format!(
            "'{}' is not an admin of the vault; an admin runs `tresor upgrade`.",
            opened.principal
        )));
    }
    let vault = convert(&opened)?;
    let admin = opened.principal.clone();
    let mut event = AuditEvent::new("upgrade", Some(admin.as_str())).detail(format!(
        "format 1 to format 2: {} secret(s), {} principal(s) without a signing key yet",
        vault.secrets.len(),
        vault
            .trust
            .principals
            .values()
            .filter(|p| p.signing.is_none())
            .count()
    ));
    event.vault = Some(vault.id.clone());
    event.root = Some(digest::root_fingerprint(&vault.id, &vault.root));
    event.trust = Some(to_document(&vault.trust));
    event.changes = digest::records(&vault)
        .into_iter()
        .map(|(key, digest)| Change {
            kind: key.kind.as_str().to_string(),
            key: key.key,
            action: Action::Admin.to_string(),
            digest: Some(digest),
            via: None,
        })
        .collect();
    let signer = opened.identity().signing_key();
    let (heads, lines) = AuditLog::open(&audit_path)?.append_lines(vec![event], Some(&signer))?;
    let head = heads
        .into_iter()
        .last()
        .ok_or_else(|| Error::other("No audit event was written."))?;
    let vault = Vault { head, ..vault };
    store::save_whole(&vault_path, &vault)?;
    if let Err(why) = ctx.syslog.forward(vault.policy().audit.syslog, &lines) {
        ctx.output.warn(&why);
    }
    let verified = trust::verify(
        &vault,
        &audit_path,
        None,
        trust::From::Root,
        &store::Scope::All,
    )?;
    let without: Vec<String> = vault
        .trust
        .principals
        .iter()
        .filter(|(_, p)| p.signing.is_none())
        .map(|(name, _)| name.to_string())
        .collect();
    let next = if without.is_empty() {
        String::new()
    } else {
        format!(
            " {} can read but not write until each registers its signing key: they run `tresor identity show`, and an admin runs `tresor recipient add NAME age1… ed25519:…`.",
            without.join(", ")
        )
    };
    ctx.output.done(
        &format!(
            "Upgraded {} to format 2; its root is {} (pin it with TRESOR_EXPECT_ROOT).{next}",
            vault_path.display(),
            verified.root
        ),
        &json!({"vault": vault.id, "root": verified.root, "without_signing_key": without}),
    )
}

/// The format-2 vault of an opened format-1 vault: the same id, principals and policy,
/// the upgrading admin's key as root, and every version's value sealed again under a
/// fresh data key, sealed to the keyring of its secret's reader set.
fn convert(opened: &Opened) -> Result<Vault> {
    let old = &opened.vault;
    let admin = &opened.principal;
    let identity = opened.identity();
    let mut principals = BTreeMap::new();
    for (name, principal) in &old.principals {
        let signing = (name == admin).then(|| identity.signing_key().public());
        principals.insert(
            name.clone(),
            Principal {
                recipient: principal.recipient.clone(),
                signing,
                added: principal.added,
            },
        );
    }
    let mut policy = old.policy.clone();
    policy.keyrings.clear();
    let trust = Trust { principals, policy };
    let root = trust::new_root(&old.id, admin, identity);
    let mut vault = Vault {
        id: old.id.clone(),
        root,
        head: crate::audit::EventRef::genesis(),
        trust,
        keyrings: BTreeMap::new(),
        grants: old.grants.clone(),
        requests: BTreeMap::new(),
        leases: BTreeMap::new(),
        secrets: BTreeMap::new(),
    };
    let recipients: BTreeMap<PrincipalName, String> = vault
        .trust
        .principals
        .iter()
        .map(|(name, p)| (name.clone(), p.recipient.clone()))
        .collect();
    for (name, old_secret) in &old.secrets {
        let readers = crate::keyring::reader_set(&vault, name);
        let keyring = keyring_of(&mut vault, &readers, &recipients, admin)?;
        let mut secret = Secret {
            metadata: old_secret.metadata.clone(),
            created: old_secret.created,
            aliases: old_secret.aliases.clone(),
            versions: BTreeMap::new(),
            exposed: exposures(old, name),
            plan: None,
            journal: None,
        };
        for (number, version) in &old_secret.versions {
            let mut version = version.clone();
            if old_secret.aliases.get(&crate::vault::AliasName::current()) == Some(number) {
                version.expires = old_secret.expires;
            }
            if let Some(sealed) = &version.sealed {
                version.sealed = Some(reseal_value(
                    opened, &vault, name, *number, sealed, &keyring,
                )?);
            }
            secret.versions.insert(*number, version);
        }
        vault.secrets.insert(name.clone(), secret);
    }
    Ok(vault)
}

/// The admin's keyring for `readers`, made on first use.
fn keyring_of(
    vault: &mut Vault,
    readers: &BTreeSet<PrincipalName>,
    recipients: &BTreeMap<PrincipalName, String>,
    admin: &PrincipalName,
) -> Result<KeyringName> {
    if let Some(name) = crate::keyring::usable(vault, readers, admin) {
        return Ok(name);
    }
    let (name, keyring, _) = new_keyring(readers, recipients, admin)?;
    vault.keyrings.insert(name.clone(), keyring);
    Ok(name)
}

/// A format-1 value opened with its format-1 data key and sealed under a fresh one:
/// format 2 seals one value per data key, with no nonce stored.
fn reseal_value(
    opened: &Opened,
    vault: &Vault,
    name: &SecretName,
    number: u32,
    sealed: &SealedValue,
    keyring: &KeyringName,
) -> Result<SealedValue> {
    let value = opened.value(name, number, sealed)?;
    seal_value(
        &vault.id,
        keyring.clone(),
        vault.keyring(keyring)?,
        name,
        number,
        value.expose(),
    )
}

/// Format 1 recorded who left which keyring; format 2 records it on each secret.
fn exposures(
    old: &legacy::Vault,
    name: &SecretName,
) -> BTreeMap<PrincipalName, crate::time::Timestamp> {
    let Some(secret) = old.secrets.get(name) else {
        return BTreeMap::new();
    };
    old.departed
        .iter()
        .filter(|((_, keyring), _)| *keyring == secret.keyring)
        .map(|((principal, _), when)| (principal.clone(), *when))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Identity;
    use crate::vault::seal::{data_key_for_tests, open_keyring, open_value};

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/format-v1");

    /// Every upgraded value opens to its format-1 plaintext, under a data key of its own
    /// that is not the format-1 one (a data key seals one value, under one nonce).
    #[test]
    fn every_upgraded_value_has_a_fresh_data_key() {
        let text = std::fs::read_to_string(format!("{FIXTURES}/vault.toml")).unwrap();
        let key = std::fs::read_to_string(format!("{FIXTURES}/alice.key")).unwrap();
        let identity = Identity::parse_plain(&key, "alice.key").unwrap();
        let old = legacy::parse(&text, "vault.toml").unwrap();
        let opened = Opened::open(old, identity).unwrap();
        let vault = convert(&opened).unwrap();
        let mut checked = 0;
        for (name, old_secret) in &opened.vault.secrets {
            for (number, old_version) in &old_secret.versions {
                let Some(old_sealed) = &old_version.sealed else {
                    continue;
                };
                let sealed = vault.secrets[name].versions[number].sealed.clone().unwrap();
                let keyring = open_keyring(
                    &vault,
                    &sealed.keyring,
                    &opened.principal,
                    opened.identity(),
                )
                .unwrap();
                let value = open_value(&vault.id, &keyring, name, *number, &sealed).unwrap();
                let old_value = opened.value(name, *number, old_sealed).unwrap();
                assert_eq!(value.expose(), old_value.expose());
                let old_key = opened
                    .data_key(name, &old_sealed.keyring, *number, old_sealed)
                    .unwrap();
                let new_key = data_key_for_tests(&keyring, &sealed).unwrap();
                assert_ne!(new_key.as_bytes(), old_key.as_bytes(), "{name} {number}");
                checked += 1;
            }
        }
        assert!(checked >= 8, "only {checked} versions checked");
    }
}
