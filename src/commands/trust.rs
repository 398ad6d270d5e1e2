//! `trust show | forget`: the vault's root, and what this machine pinned of it.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::session::View;
use crate::trust::pin;
use crate::vault::{format, store};
use serde_json::json;

pub fn show(ctx: &Context) -> Result<()> {
    let open = View::open(ctx)?;
    let vault = &open.vault;
    let pinned = pin::load(&vault.id)?;
    let head = pinned.as_ref().map(|p| p.ledger.last.to_string());
    let signing = vault.root.signing.fingerprint();
    if ctx.output.json {
        return ctx.output.json(&json!({
            "vault": vault.id,
            "root": open.root,
            "admin": vault.root.admin.as_str(),
            "admin_signing_key": signing,
            "created": vault.root.created.to_string(),
            "verified_head": head,
            "pin": pin::folder().map(|f| f.display().to_string()),
        }));
    }
    ctx.output.line(&format!(
        "vault:          {}\nroot:           {}\nroot admin:     {} (signing key {signing})\ncreated:        {}\nverified head:  {}\n\nPin it in CI:   TRESOR_EXPECT_ROOT={}",
        vault.id,
        open.root,
        vault.root.admin,
        vault.root.created,
        head.as_deref().unwrap_or("-"),
        open.root
    ))
}

pub fn forget(ctx: &Context, vault_id: Option<&str>) -> Result<()> {
    let id = match vault_id {
        Some(id) => id.to_string(),
        // The vault in use, read without verifying it: it may be the one refused.
        None => match store::load_any(&ctx.vault_path()?)? {
            format::Parsed::Current(vault) => vault.id,
            format::Parsed::Legacy(vault) => vault.id,
        },
    };
    if pin::forget(&id)? {
        ctx.output.done(
            &format!("Forgot the pinned root and head of vault {id}; the next command verifies it from its root and pins what it finds."),
            &json!({"vault": id, "forgotten": true}),
        )
    } else {
        Err(Error::not_found(format!(
            "This machine has pinned nothing for vault {id}."
        )))
    }
}
