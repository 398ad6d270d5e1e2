//! `identity new` and `identity show`.

use crate::cli::IdentityNewArgs;
use crate::context::Context;
use crate::crypto::passphrase::KdfParams;
use crate::error::{Error, Result};
use crate::identity::Identity;
use crate::session::View;
use serde_json::json;
use std::os::unix::fs::DirBuilderExt;

pub fn new(ctx: &Context, args: &IdentityNewArgs) -> Result<()> {
    let path = match &args.out {
        Some(path) => path.clone(),
        None => {
            let path = ctx.default_identity_path()?;
            if let Some(folder) = path.parent() {
                std::fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(folder)
                    .map_err(|err| Error::io("Creating the folder", folder, &err))?;
            }
            path
        }
    };
    if path.exists() {
        return Err(Error::other(format!(
            "An identity already exists at {}; tresor never overwrites one. Pass --out FILE for another.",
            path.display()
        )));
    }
    let identity = Identity::generate();
    if args.passphrase {
        let passphrase = ctx.new_passphrase()?;
        let text = identity.to_protected_file(passphrase.expose(), KdfParams::RECOMMENDED)?;
        crate::fs::write_new(&path, text.as_bytes(), "the identity")?;
    } else {
        crate::fs::write_new(&path, identity.to_plain_file().expose(), "the identity")?;
    }
    let recipient = identity.recipient().to_string();
    if ctx.output.json {
        return ctx.output.json(&json!({"recipient": recipient, "signing": identity.signing_key().public().to_string(), "path": path.display().to_string(), "protected": args.passphrase}));
    }
    ctx.output.note(&format!(
        "Wrote a new identity to {}. Its recipient (public key):",
        path.display()
    ));
    ctx.output.line(&recipient)
}

pub fn show(ctx: &Context) -> Result<()> {
    let identity = ctx.identity()?;
    let recipient = identity.recipient().to_string();
    // The principal is known only where a vault is found; that is not an error here.
    let found = View::open(ctx).ok();
    let signing = identity.signing_key().public();
    let principal = found
        .as_ref()
        .and_then(|open| open.vault.principal_with_recipient(&recipient))
        .map(|name| name.to_string());
    if ctx.output.json {
        let vault = found
            .as_ref()
            .map(|open| open.vault_path.display().to_string());
        return ctx
            .output
            .json(&json!({"recipient": recipient, "signing": signing.to_string(), "fingerprint": signing.fingerprint(), "principal": principal, "vault": vault}));
    }
    let who = match (&principal, &found) {
        (Some(name), _) => name.clone(),
        (None, Some(_)) => "(not a principal of this vault)".to_string(),
        (None, None) => "(no vault found)".to_string(),
    };
    ctx.output.line(&format!(
        "{recipient}\t{who}\n{signing}\t(signing key {})",
        signing.fingerprint()
    ))
}
