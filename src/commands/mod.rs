//! One module per command family. Each command takes the resolved `Context` and its
//! own arguments, and returns a `Result`; only `main` prints errors.

mod alias;
mod audit;
mod break_glass;
mod check;
mod edit;
mod export;
mod git;
mod identity;
mod import;
mod import_sops;
mod init;
mod inject;
mod inventory;
mod lease;
mod meta;
mod policy;
mod recipient;
mod rename;
mod resolve;
mod rotation;
mod run;
mod secret;
mod state;
mod trust;
mod upgrade;
mod value;

use crate::cli::ReportFormat;
use crate::cli::{
    AliasCommand, AuditCommand, BreakGlassCommand, Cli, Command, GitCommand, IdentityCommand,
    ImportCommand, PolicyCommand, RecipientCommand, RotationCommand, TrustCommand,
};
use crate::context::Context;
use crate::error::{Error, Result};

pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context::from_args(&cli.global)?;
    dispatch(&ctx, cli.command).map_err(|err| suggest_a_name(&ctx, err))
}

/// A secret not found among those a command loaded may be a typo of one it did not
/// load: the whole vault's names are read then (only on this error path) for a
/// "did you mean".
fn suggest_a_name(ctx: &Context, err: Error) -> Error {
    let Some(missing) = err.missing_secret() else {
        return err;
    };
    let Ok(path) = ctx.vault_path() else {
        return err;
    };
    let Ok((vault, _)) = crate::vault::store::load(&path, crate::vault::store::Scope::All) else {
        return err;
    };
    match crate::vault::model::closest(missing, vault.secrets.keys().map(|n| n.as_str())) {
        Some(near) => Error::not_found(format!(
            "No secret named '{missing}' in the vault; did you mean '{near}'? `tresor list` shows what there is."
        )),
        None => err,
    }
}

fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Identity(IdentityCommand::New(args)) => identity::new(ctx, &args),
        Command::Identity(IdentityCommand::Show) => identity::show(ctx),
        Command::Init(args) => init::init(ctx, &args),
        Command::Recipient(RecipientCommand::Add {
            name,
            recipient,
            signing,
        }) => recipient::add(ctx, &name, &recipient, signing.as_deref()),
        Command::Recipient(RecipientCommand::List) => recipient::list(ctx),
        Command::Recipient(RecipientCommand::Remove { name }) => recipient::remove(ctx, &name),
        Command::Create(args) => secret::create(ctx, &args),
        Command::Meta(args) => meta::meta(ctx, &args),
        Command::Get(args) => secret::get(ctx, &args),
        Command::Edit(args) => edit::edit(ctx, &args),
        Command::Rotate(args) => secret::rotate(ctx, &args),
        Command::Promote(args) => alias::promote(ctx, &args),
        Command::Rollback(args) => alias::rollback(ctx, &args.name),
        Command::Alias(AliasCommand::Set {
            name,
            alias,
            version,
            expect,
        }) => alias::set(ctx, &name, &alias, version, expect),
        Command::Alias(AliasCommand::Rm { name, alias }) => alias::remove(ctx, &name, &alias),
        Command::Disable(args) => state::disable(ctx, &args),
        Command::Enable(args) => state::enable(ctx, &args),
        Command::Destroy(args) => state::destroy(ctx, &args),
        Command::Delete(args) => state::delete(ctx, &args),
        Command::Rename(args) => rename::rename(ctx, &args),
        Command::List(args) => inventory::list(ctx, args.prefix.as_deref()),
        Command::Show(args) => inventory::show(ctx, &args.name),
        Command::Audit(AuditCommand::Verify { expect_head }) => {
            audit::verify(ctx, expect_head.as_deref())
        }
        Command::Audit(AuditCommand::Head) => audit::head(ctx),
        Command::Audit(AuditCommand::Log(args)) => audit::log(ctx, &args),
        Command::Audit(AuditCommand::Summary { since, format }) => {
            audit::summary(ctx, since.as_deref(), format)
        }
        Command::Policy(PolicyCommand::Show) => policy::show(ctx),
        Command::Policy(PolicyCommand::Set { file }) => policy::set(ctx, &file),
        Command::Policy(PolicyCommand::Check {
            principal,
            action,
            name,
        }) => policy::check(ctx, &principal, &action, &name),
        Command::BreakGlass(BreakGlassCommand::Open(args)) => break_glass::open(ctx, &args),
        Command::BreakGlass(BreakGlassCommand::Close { grant }) => {
            break_glass::close(ctx, grant.as_deref())
        }
        Command::BreakGlass(BreakGlassCommand::List) => break_glass::list(ctx),
        Command::Check(args) => check::check(ctx, &args),
        Command::Git(GitCommand::Setup) => git::setup(ctx),
        Command::Git(GitCommand::Resolve) => git::resolve(ctx),
        Command::Git(GitCommand::Merge {
            audit,
            base,
            ours,
            theirs,
            path,
        }) => git::merge(ctx, audit, &base, &ours, &theirs, path.as_deref()),
        Command::Git(GitCommand::Textconv { audit, file }) => git::textconv(ctx, audit, &file),
        Command::Recipient(RecipientCommand::Request { name }) => recipient::request(ctx, &name),
        Command::Recipient(RecipientCommand::Approve {
            name,
            fingerprint,
            groups,
        }) => recipient::approve(ctx, &name, &fingerprint, &groups),
        Command::Upgrade => upgrade::upgrade(ctx),
        Command::Trust(TrustCommand::Show) => trust::show(ctx),
        Command::Trust(TrustCommand::Forget { vault_id }) => {
            trust::forget(ctx, vault_id.as_deref())
        }
        Command::Rotation(RotationCommand::Set(args)) => rotation::set(ctx, &args),
        Command::Rotation(RotationCommand::Status { name }) => rotation::status(ctx, &name),
        Command::Rotation(RotationCommand::Resume { name }) => rotation::resume(ctx, &name),
        Command::Rotation(RotationCommand::Abort { name }) => rotation::abort(ctx, &name),
        Command::Rotation(RotationCommand::Finish { name }) => rotation::finish(ctx, &name),
        Command::Lease(args) => lease::lease(ctx, &args),
        Command::Run(args) => run::run(ctx, &args),
        Command::Inject(args) => inject::inject(ctx, &args),
        Command::Export(args) => export::export(ctx, &args),
        Command::Import(ImportCommand::Dotenv(args)) => import::dotenv(ctx, &args),
        Command::Import(ImportCommand::Sops(args)) => import_sops::import(ctx, &args),
        Command::Completions(args) => {
            let script = crate::docs::completion(args.shell);
            ctx.output.bytes(&script)
        }
    }
}

/// `--format` of a report, with `--json` as `--format json`; the two may not disagree.
fn report_format(ctx: &Context, format: Option<ReportFormat>) -> Result<ReportFormat> {
    match (format, ctx.output.json) {
        (None, false) => Ok(ReportFormat::Text),
        (None | Some(ReportFormat::Json), true) => Ok(ReportFormat::Json),
        (Some(format), false) => Ok(format),
        (Some(_), true) => Err(Error::usage(
            "--json asks for JSON and --format for another format; give one of them.",
        )),
    }
}
