//! A trust state as events carry it (`TrustDocument`): converted both ways, so the
//! state an admin signed is exactly the one replayed.

use crate::audit::{PrincipalKeys, TrustDocument};
use crate::time::Timestamp;
use crate::vault::{Principal, PrincipalName, Trust};
use std::collections::BTreeMap;

pub fn to_document(trust: &Trust) -> TrustDocument {
    TrustDocument {
        principals: trust
            .principals
            .iter()
            .map(|(name, principal)| {
                (
                    name.to_string(),
                    PrincipalKeys {
                        recipient: principal.recipient.clone(),
                        signing: principal.signing.map(|key| key.to_string()),
                        added: principal.added.to_string(),
                    },
                )
            })
            .collect(),
        policy: crate::policy::document::render(&trust.policy),
    }
}

/// The trust state a document describes; `Err` says what is invalid in it.
pub fn from_document(document: &TrustDocument) -> Result<Trust, String> {
    let mut principals = BTreeMap::new();
    for (name, keys) in &document.principals {
        let name: PrincipalName = name
            .parse()
            .map_err(|_| "it names an invalid principal".to_string())?;
        let signing = keys
            .signing
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|_| format!("the signing key of '{name}' is invalid"))?;
        let added =
            Timestamp::parse(&keys.added).map_err(|_| "it holds an invalid time".to_string())?;
        principals.insert(
            name,
            Principal {
                recipient: keys.recipient.clone(),
                signing,
                added,
            },
        );
    }
    let known: Vec<PrincipalName> = principals.keys().cloned().collect();
    let policy = crate::policy::document::parse(&document.policy, &known)
        .map_err(|err| format!("its policy is invalid ({})", err.message()))?;
    Ok(Trust { principals, policy })
}
