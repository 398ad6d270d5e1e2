//! `run`: a command with secrets in its environment. The values are read (each read
//! authorized and audited), a `run` event is written, the vault is closed, and only
//! then does the command start.

use super::resolve::{self, Resolved};
use crate::audit::AuditEvent;
use crate::cli::RunArgs;
use crate::context::{CREDENTIAL_VARIABLES, Context};
use crate::crypto::SecretBytes;
use crate::deliver::Reference;
use crate::deliver::child::{self, Launch};
use crate::deliver::env_name::{self, Prefix};
use crate::error::{Error, ErrorKind, Result};
use crate::rotation::{LeaseId, Leaser};
use crate::session::Session;
use crate::vault::SecretName;
use crate::vault::store::Scope;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStringExt;
use std::time::Duration;

/// How long a lease for a child lasts unless `--lease VAR=NAME:TTL` says: it is
/// revoked when the child exits, so this bounds only a tresor killed meanwhile.
const DEFAULT_LEASE: Duration = Duration::from_secs(3600);

pub fn run(ctx: &Context, args: &RunArgs) -> Result<()> {
    if ctx.output.json {
        return Err(Error::usage(
            "run prints the command's own output, which is not JSON; leave out --json.",
        ));
    }
    let Some((program, arguments)) = args.command.split_first() else {
        return Err(Error::usage("Name the command to run after --."));
    };
    let explicit = explicit_variables(&args.env)?;
    let leased = lease_variables(&args.lease, &explicit)?;
    let passed = passed_variables(&args.pass_env, &explicit)?;
    let prefix = args.prefix.as_deref().map(Prefix::new).transpose()?;
    let inherited = ctx.environment();
    // Later sources win: references in the environment, then --prefix, then --env.
    // A reference is an explicit mapping, so it is honoured even in a credential variable.
    let mut wanted = environment_references(&inherited)?;
    let mut environment: Vec<(OsString, OsString)> = inherited
        .into_iter()
        .filter(|(key, _)| !is_credential(key) || passed.contains(key))
        .collect();

    let mut scope = Scope::names(
        wanted
            .values()
            .chain(explicit.values())
            .map(|reference| reference.name.clone()),
    );
    if let Some(prefix) = &prefix {
        scope = scope.with_prefix(&prefix.loads());
    }
    // A lease is a write: it needs the vault locked for one, and its admin secret.
    let mut session = if leased.is_empty() {
        Session::read(ctx, scope)?
    } else {
        Session::open(ctx)?
    };
    if let Some(prefix) = &prefix {
        let names: Vec<_> = session
            .vault()
            .secrets
            .keys()
            .filter(|name| prefix.covers(name))
            .collect();
        if names.is_empty() {
            return Err(Error::not_found(format!(
                "No secret under '{}'; `tresor list` shows what there is.",
                prefix.as_str()
            )));
        }
        for (variable, name) in env_name::variables_for(names, prefix, args.strip_prefix)? {
            wanted.insert(OsString::from(variable), Reference::current(name));
        }
    }
    for (variable, reference) in explicit {
        wanted.insert(OsString::from(variable), reference);
    }
    let references: Vec<Reference> = wanted.values().cloned().collect();
    let mut event = AuditEvent::new("run", Some(session.principal.as_str()))
        .reason(ctx.reason())
        .detail(format!(
            "{} argument(s), {} variable(s)",
            arguments.len(),
            wanted.len()
        ));
    // The program, never its arguments: they may hold what the user would not log.
    event.command = Some(program.to_string_lossy().into_owned());
    let resolved = resolve::read_all(ctx, &mut session, &references, event)?;
    // Each lease is recorded and its login made before the child starts.
    let mut leases = Vec::with_capacity(leased.len());
    let mut lease_values = Vec::with_capacity(leased.len());
    {
        let mut leaser = Leaser::new(&mut session, ctx.reason());
        for (variable, name, ttl) in &leased {
            match leaser.lease(name, *ttl) {
                Ok((id, _, uri)) => {
                    leases.push(id);
                    lease_values.push((variable.clone(), name.to_string(), uri));
                }
                Err(err) => {
                    revoke_all(&mut leaser, &leases, ctx);
                    return Err(err);
                }
            }
        }
    }
    // Never hold the vault lock while the child runs: it may run for hours.
    drop(session);

    for (variable, reference) in &wanted {
        let value = resolve::value_of(&resolved, reference);
        if value.contains(&0) {
            return Err(Error::usage(format!(
                "The value of '{}' holds a NUL byte, which an environment variable cannot carry.",
                reference.name
            )));
        }
        let value = OsString::from_vec(value.to_vec());
        match environment.iter_mut().find(|(key, _)| key == variable) {
            Some(entry) => entry.1 = value,
            None => environment.push((variable.clone(), value)),
        }
    }
    let mut mask = masked_values(&resolved);
    for (variable, name, uri) in lease_values {
        let value = OsString::from_vec(uri.expose().to_vec());
        match environment.iter_mut().find(|(key, _)| *key == *variable) {
            Some(entry) => entry.1 = value,
            None => environment.push((OsString::from(variable), value)),
        }
        mask.push((name, uri));
    }
    let code = child::run(Launch {
        program: program.clone(),
        args: arguments.to_vec(),
        env: environment,
        mask: (!args.no_mask).then_some(mask),
    });
    if !leases.is_empty() {
        // The child is gone: so are its logins. A lease that cannot be revoked now
        // still ends at its time, in the database itself.
        match Session::open(ctx) {
            Ok(mut session) => revoke_all(&mut Leaser::new(&mut session, ctx.reason()), &leases, ctx),
            Err(err) => ctx.output.warn(&format!(
                "The child's leases could not be revoked ({}); they end by themselves, or `tresor lease revoke`.",
                err.message()
            )),
        }
    }
    let code = code?;
    match u8::try_from(code) {
        Ok(0) => Ok(()),
        Ok(code) => Err(Error::new(ErrorKind::Exit(code), "")),
        Err(_) => Err(Error::new(ErrorKind::Exit(1), "")),
    }
}

fn revoke_all(leaser: &mut Leaser<'_>, leases: &[LeaseId], ctx: &Context) {
    for id in leases {
        if let Err(err) = leaser.revoke(id) {
            ctx.output.warn(&format!(
                "Lease {id} could not be revoked ({}); it ends by itself, or `tresor lease revoke {id}`.",
                err.message()
            ));
        }
    }
}

/// `--lease VAR=NAME[:TTL]` (an hour unless given), each variable once and not also
/// set by `--env`.
fn lease_variables(
    specs: &[String],
    explicit: &BTreeMap<String, Reference>,
) -> Result<Vec<(String, SecretName, Duration)>> {
    let mut leases: Vec<(String, SecretName, Duration)> = Vec::with_capacity(specs.len());
    for spec in specs {
        let (variable, rest) = spec.split_once('=').ok_or_else(|| {
            Error::usage(format!(
                "--lease '{spec}' is not VAR=NAME[:TTL] (for example DATABASE_URL=prod/app/db:30m)."
            ))
        })?;
        if !env_name::is_variable(variable) {
            return Err(Error::usage(format!(
                "--lease '{spec}': '{variable}' is not a variable name (letters, digits and '_', not starting with a digit)."
            )));
        }
        let (name, ttl) = match rest.split_once(':') {
            Some((name, ttl)) => (name, crate::time::parse_duration(ttl)?),
            None => (rest, DEFAULT_LEASE),
        };
        if explicit.contains_key(variable) || leases.iter().any(|(v, _, _)| v == variable) {
            return Err(Error::usage(format!(
                "{variable} is set twice by --env or --lease; keep one."
            )));
        }
        leases.push((variable.to_string(), name.parse()?, ttl));
    }
    Ok(leases)
}

fn masked_values(resolved: &[Resolved]) -> Vec<(String, SecretBytes)> {
    resolved
        .iter()
        .map(|read| (read.reference.name.to_string(), read.value.clone()))
        .collect()
}

/// `--env VAR=NAME[@VERSION|#ALIAS]`, each variable once.
fn explicit_variables(specs: &[String]) -> Result<BTreeMap<String, Reference>> {
    let mut variables = BTreeMap::new();
    for spec in specs {
        let (variable, reference) = spec.split_once('=').ok_or_else(|| {
            Error::usage(format!(
                "--env '{spec}' is not VAR=NAME (for example DATABASE_URL=prod/app/db-url)."
            ))
        })?;
        if !env_name::is_variable(variable) {
            return Err(Error::usage(format!(
                "--env '{spec}': '{variable}' is not a variable name (letters, digits and '_', not starting with a digit)."
            )));
        }
        let reference = reference
            .strip_prefix(crate::deliver::reference::SCHEME)
            .unwrap_or(reference)
            .parse()?;
        if variables.insert(variable.to_string(), reference).is_some() {
            return Err(Error::usage(format!(
                "--env sets {variable} twice; keep one."
            )));
        }
    }
    Ok(variables)
}

/// `--pass-env VAR` (clap admits only credential variables): a variable cannot come
/// from two places.
fn passed_variables(
    names: &[String],
    explicit: &BTreeMap<String, Reference>,
) -> Result<Vec<OsString>> {
    let mut passed = Vec::with_capacity(names.len());
    for name in names {
        if explicit.contains_key(name) {
            return Err(Error::usage(format!(
                "{name} is both passed on with --pass-env and set from a secret with --env; keep one."
            )));
        }
        passed.push(OsString::from(name));
    }
    Ok(passed)
}

fn is_credential(variable: &OsStr) -> bool {
    CREDENTIAL_VARIABLES.iter().any(|name| variable == *name)
}

/// Variables already in the environment whose value is `tresor://NAME…`.
fn environment_references(
    environment: &[(OsString, OsString)],
) -> Result<BTreeMap<OsString, Reference>> {
    let mut found = BTreeMap::new();
    for (key, value) in environment {
        let Some(text) = value.to_str() else { continue };
        if let Some(parsed) = Reference::from_url(text) {
            let reference = parsed.map_err(|err| {
                Error::usage(format!(
                    "The variable {} holds a tresor:// reference that is not valid: {}",
                    key.to_string_lossy(),
                    err.message()
                ))
            })?;
            found.insert(key.clone(), reference);
        }
    }
    Ok(found)
}
