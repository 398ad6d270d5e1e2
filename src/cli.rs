//! The command line, as clap structs and nothing else. `context` resolves them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tresor",
    version,
    about = "Versioned secrets in one encrypted vault file, with aliases, policies and a hash-chained audit log",
    after_help = "Examples:\n  tresor identity new && tresor init\n  printf %s \"$TOKEN\" | tresor create prod/api/token --owner payments\n  tresor get prod/api/token\n  tresor rotate prod/api/token --generate --stage && tresor promote prod/api/token 2 --expect 1\n  tresor audit verify",
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The vault file (default: the nearest vault.toml upward, else the user's default vault)
    #[arg(long, global = true, value_name = "PATH", env = "TRESOR_VAULT")]
    pub vault: Option<PathBuf>,
    /// The audit log (default: beside the vault, NAME.audit.jsonl)
    #[arg(long, global = true, value_name = "PATH", env = "TRESOR_AUDIT_LOG")]
    pub audit_log: Option<PathBuf>,
    /// The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)
    #[arg(long, global = true, value_name = "FILE", env = "TRESOR_IDENTITY")]
    pub identity: Option<PathBuf>,
    /// A file holding the passphrase of a protected identity
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "TRESOR_PASSPHRASE_FILE"
    )]
    pub passphrase_file: Option<PathBuf>,
    /// Why you act (recorded in the audit log; some policies require it)
    #[arg(long, global = true, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Refuse any vault whose root is not this one (`tresor trust show` prints it)
    #[arg(
        long,
        global = true,
        value_name = "FINGERPRINT",
        env = "TRESOR_EXPECT_ROOT"
    )]
    pub expect_root: Option<String>,
    /// Machine-readable output on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// Print nothing but what was asked for
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or show the identity (an age key) that tresor acts with
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor identity new\n  tresor identity show"
    )]
    Identity(IdentityCommand),
    /// Create a new vault and its audit log; the creator is its admin
    #[command(
        after_help = "Examples:\n  tresor init --name alice\n  tresor init --vault secrets/vault.toml --recipient ci=age1…"
    )]
    Init(InitArgs),
    /// Manage the principals (named age recipients) of the vault
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor recipient add bob age1…\n  tresor recipient list"
    )]
    Recipient(RecipientCommand),
    /// Create a secret with its first version
    #[command(
        after_help = "Examples:\n  printf %s \"$KEY\" | tresor create prod/payments/stripe-key --owner payments --rotate-every 90d\n  tresor create dev/db/password --generate=40 --charset symbols --tag env=dev\n  tresor create prod/tls/key --from-file key.pem --expires 2027-06-30T00:00:00Z"
    )]
    Create(CreateArgs),
    /// Change a secret's metadata (owner, description, rotation period, tags) or its current version's expiry
    #[command(
        after_help = "Examples:\n  tresor meta prod/payments/stripe-key --owner payments --rotate-every 90d\n  tresor meta dev/app/token --untag temp --no-expiry"
    )]
    Meta(MetaArgs),
    /// Print a secret's value, exactly its bytes
    #[command(
        after_help = "Examples:\n  tresor get prod/payments/stripe-key\n  tresor get prod/payments/stripe-key@3\n  tresor get 'prod/payments/stripe-key#previous' --reason \"incident 42\"\n  tresor get tresor://prod/payments/stripe-key --version 3"
    )]
    Get(GetArgs),
    /// Edit the current value in $VISUAL or $EDITOR; a change becomes a new current version
    #[command(
        after_help = "Examples:\n  tresor edit prod/tls/config\n  EDITOR='code --wait' tresor edit dev/app/settings.json\n\nThe value is written to a file only you can read (0600, in a private folder, on a tmpfs\nwhere there is one), which is removed when the editor exits, whatever happens. A file\nsaved unchanged adds no version. A newline the editor adds at the end of a value that\nhad none is dropped. The vault is not locked while you edit: if someone else changes\nthe secret meanwhile, nothing is written (exit 6)."
    )]
    Edit(NameArgs),
    /// Add a new version; it becomes current (or pending with --stage)
    #[command(
        after_help = "Examples:\n  printf %s \"$NEW\" | tresor rotate prod/payments/stripe-key\n  tresor rotate prod/db/password --generate --stage\n  tresor rotate prod/api/hmac-key --generate=64 --charset hex"
    )]
    Rotate(RotateArgs),
    /// Point an alias (current by default) at a version, compare-and-swap with --expect
    #[command(
        after_help = "Examples:\n  tresor promote prod/db/password 4 --expect 3\n  tresor promote prod/db/password 5 --alias canary"
    )]
    Promote(PromoteArgs),
    /// Make the previous version current again (and the current one previous)
    #[command(after_help = "Example:\n  tresor rollback prod/db/password")]
    Rollback(NameArgs),
    /// Set or remove an alias of a secret
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor alias set prod/db/password canary 5\n  tresor alias rm prod/db/password canary"
    )]
    Alias(AliasCommand),
    /// Keep a version but stop serving it (the current one only with confirmation)
    #[command(
        after_help = "Examples:\n  tresor disable prod/db/password --version 2\n  tresor disable prod/db/password --version 3 --yes   # 3 is current: nothing is served after"
    )]
    Disable(DisableArgs),
    /// Serve a disabled version again
    #[command(after_help = "Example:\n  tresor enable prod/db/password --version 2")]
    Enable(VersionArgs),
    /// Delete a version's ciphertext and key for good (asks first on a terminal, and says so when it is current)
    #[command(
        after_help = "Examples:\n  tresor destroy prod/db/password --version 1 --yes\n  tresor destroy dev/old-token --all"
    )]
    Destroy(DestroyArgs),
    /// Destroy every version of a secret and remove its name, which is then free again (asks first on a terminal)
    #[command(after_help = "Example:\n  tresor delete dev/old-token --yes")]
    Delete(DeleteArgs),
    /// Give a secret a new name: its versions, aliases and metadata move, each value re-sealed to the new name
    #[command(after_help = "Example:\n  tresor rename dev/db-pass dev/db/password")]
    Rename(RenameArgs),
    /// List secrets: name, owner, current version, age, rotation due
    #[command(after_help = "Examples:\n  tresor list\n  tresor list prod/payments --json")]
    List(ListArgs),
    /// Show a secret's metadata, aliases and versions; never a value
    #[command(after_help = "Example:\n  tresor show prod/payments/stripe-key")]
    Show(NameArgs),
    /// Show, set or test the access policy
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor policy show > policy.toml\n  tresor policy set policy.toml\n  tresor policy check bob read prod/payments/stripe-key"
    )]
    Policy(PolicyCommand),
    /// Open, close or list break-glass grants
    #[command(
        subcommand,
        name = "break-glass",
        after_help = "Examples:\n  tresor break-glass open --reason \"payments down\" --ticket INC-42\n  tresor break-glass list"
    )]
    BreakGlass(BreakGlassCommand),
    /// Verify and read the audit log
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor audit verify\n  tresor audit log --secret 'prod/**' --since 24h"
    )]
    Audit(AuditCommand),
    /// Keep the vault in git: merge drivers, readable diffs
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor git setup\n  git diff vault.toml   # readable through tresor's textconv"
    )]
    Git(GitCommand),
    /// Report what must be acted on: overdue rotations, expiries, open grants, exposure (exit 8)
    #[command(
        after_help = "Examples:\n  tresor check\n  tresor check --json   # in CI: fails with exit 8 when something is due\n  tresor check prod/payments --ignore no-owner --within 30d\n  tresor check --format prometheus > tresor.prom.tmp; mv tresor.prom.tmp /var/lib/node_exporter/textfile/tresor.prom\n\nEvery finding names the command that clears it. The exit code is 8 whenever something is\nfound, whatever the format."
    )]
    Check(CheckArgs),
    /// Rotation that reaches the database: a secret's plan, and its rotation's state
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor rotation set prod/app/db --postgres prod/db/admin --role app --group app_rw --overlap 1h\n  tresor rotate prod/app/db\n  tresor rotation status prod/app/db\n  tresor rotation finish prod/app/db\n\nA planned rotation needs the right to rotate the secret and to read its admin secret,\nnot to read the secret itself. See docs/rotation.md."
    )]
    Rotation(RotationCommand),
    /// A fresh database login for a planned secret, that the database itself expires
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = "Examples:\n  tresor lease prod/app/db --ttl 1h\n  tresor lease list\n  tresor lease revoke k3x9a0b1c2d3e4f5\n  tresor lease sweep\n\nA lease needs the right to read the secret and its admin secret."
    )]
    Lease(LeaseArgs),
    /// Run a command with secrets in its environment; its output is masked
    #[command(
        after_help = "Examples:\n  tresor run --env DATABASE_URL=prod/app/db-url -- ./migrate\n  tresor run --prefix prod/app --strip-prefix -- ./server --port 8080\n  DB_URL=tresor://prod/app/db-url#previous tresor run -- ./migrate\n\ntresor's options come before the command; everything after -- (or after the command's\nname) is the command's. Variables whose value is tresor://NAME (also #ALIAS or @VERSION)\nare resolved too.\n\nOutput is masked: every value printed becomes <redacted:NAME>; --no-mask for binary output.\nThe vault is closed before the command starts; tresor exits with its exit code (128+N\nafter signal N) as soon as it exits, and passes SIGINT, SIGTERM and SIGHUP on. What\nprocesses it left in the background write after that is not shown.\n\ntresor's own credentials (TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, TRESOR_PASSPHRASE_FILE,\nSOPS_AGE_KEY, SOPS_AGE_KEY_FILE) are not passed on, unless named with --pass-env or\nset from a secret with --env. --json is refused: the output is the command's own."
    )]
    Run(RunArgs),
    /// Fill the {{ tresor://NAME }} references of a template with their values
    #[command(
        after_help = "Examples:\n  tresor inject -i config.yml.tpl -o config.yml\n  echo 'url: {{ tresor://prod/app/db-url }}' | tresor inject\n\nA reference may name a version (NAME@3) or an alias (NAME#previous). If any reference\ncannot be read, nothing is written. -o writes the file atomically, readable only by you.\nWith --json and -o, the confirmation on stdout is JSON ({\"path\", \"references\"}); --json\nwithout -o is refused, as the filled template is not JSON."
    )]
    Inject(InjectArgs),
    /// Print secrets under a prefix as dotenv, JSON or shell assignments
    #[command(
        after_help = "Examples:\n  tresor export prod/app --strip-prefix -o .env\n  tresor export prod/app --format json\n  eval \"$(tresor export prod/app --format shell --strip-prefix)\"\n\nNames become variables: prod/app/db-url is PROD_APP_DB_URL, or DB_URL with --strip-prefix.\nThe format is --format, else json with --json, else dotenv. Without -o, --json prints one\nJSON object (variable -> value) and refuses --format dotenv or shell; with -o, stdout gets\na JSON confirmation. A dotenv file reads back exactly with python-dotenv, except\n'${', which it always expands (a warning names such values); a value ending in a\nbackslash that needs quotes, which it cannot read back, is refused."
    )]
    Export(ExportArgs),
    /// Bring secrets in from other tools' files
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor import dotenv .env --prefix dev/app\n  tresor import sops secrets.enc.yaml --prefix prod/app"
    )]
    Import(ImportCommand),
    /// Convert a format-1 vault to format 2 (signed records), in one audited write; an admin runs it
    #[command(after_help = "Example:\n  tresor upgrade && git commit -am 'vault: format 2'")]
    Upgrade,
    /// The vault's root and what this machine verified of it
    #[command(
        subcommand,
        after_help = "Examples:\n  tresor trust show\n  TRESOR_EXPECT_ROOT=SHA256:… tresor check   # in CI"
    )]
    Trust(TrustCommand),
    /// Print a shell completion script (it completes secret names too)
    #[command(
        after_help = "Examples:\n  tresor completions bash > /etc/bash_completion.d/tresor\n  source <(tresor completions bash)\n  tresor completions fish > ~/.config/fish/completions/tresor.fish\n\nThe script asks tresor itself what to offer (COMPLETE=SHELL tresor …): commands, flags,\nand the names of the secrets in the vault the command would open (TRESOR_VAULT, else the\nnearest vault.toml upward, else the default vault), read without a key."
    )]
    Completions(CompletionsArgs),
}

#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Write a new identity and print its recipient
    #[command(
        after_help = "Examples:\n  tresor identity new\n  tresor identity new --out ci.key\n  tresor identity new --passphrase"
    )]
    New(IdentityNewArgs),
    /// Print the recipient and principal of the identity in use
    #[command(after_help = "Example:\n  tresor identity show")]
    Show,
}

#[derive(Debug, Args)]
pub struct IdentityNewArgs {
    /// Where to write it (default: the identity in the user's config folder)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Seal it under a passphrase (Argon2id)
    #[arg(long)]
    pub passphrase: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The creator's principal name (default: the user name)
    #[arg(long, value_name = "PRINCIPAL")]
    pub name: Option<String>,
    /// More admins (a backup key, a second person), as NAME=age1…[,ed25519:…] or age1…; without a signing key they can read but not write until one is registered
    #[arg(long = "recipient", value_name = "[NAME=]age1…[,ed25519:…]")]
    pub recipients: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum RecipientCommand {
    /// Add a principal with its age recipient and signing key (as `tresor identity show` prints them)
    #[command(
        after_help = "Examples:\n  tresor recipient add bob age1… ed25519:…\n  tresor recipient add auditor age1…   # may read what it is granted, cannot write"
    )]
    Add {
        name: String,
        recipient: String,
        /// Its signing key (`ed25519:…`); without one it can read but not write. Given for an existing principal with the same recipient, it registers the key.
        signing: Option<String>,
    },
    /// List the principals
    #[command(after_help = "Example:\n  tresor recipient list --json")]
    List,
    /// Remove a principal, re-keying every keyring it could open
    #[command(after_help = "Example:\n  tresor recipient remove bob")]
    Remove { name: String },
    /// Ask to join: record your identity's recipient as a pending request (commit it in a pull request)
    #[command(
        after_help = "Example:\n  tresor recipient request bob && git commit -am 'bob asks for access'"
    )]
    Request { name: String },
    /// Approve a pending request by its key's fingerprint (shown in the pull request's diff and by `recipient list`): add the principal, optionally into groups
    #[command(
        after_help = "Example:\n  tresor recipient approve bob SHA256:3q2+7w… --group payments-oncall"
    )]
    Approve {
        name: String,
        /// The fingerprint of the request's signing key, as reviewed
        fingerprint: String,
        /// Add it to this policy group (repeatable)
        #[arg(long = "group", value_name = "GROUP")]
        groups: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    /// Print the root fingerprint, its admin, and the head this machine last verified
    #[command(after_help = "Example:\n  tresor trust show --json")]
    Show,
    /// Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose
    #[command(after_help = "Example:\n  tresor trust forget 3f2a9c1e…")]
    Forget {
        /// The vault id (default: the vault in use)
        vault_id: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Register tresor's merge drivers and diff textconvs in .gitattributes and the repository's config
    #[command(after_help = "Example:\n  tresor git setup")]
    Setup,
    /// The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor
    #[command(
        after_help = "Example (registered by `tresor git setup`, run by git):\n  tresor git merge %O %A %B %P"
    )]
    Merge {
        /// Merge audit logs instead of vaults
        #[arg(long)]
        audit: bool,
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The path of the merged file in the repository
        path: Option<String>,
    },
    /// Finish a merge that ran without tresor's drivers (a fresh clone, a forge's merge button): merge the conflicted vault and log from git's index, as the driver would, and stage them
    #[command(
        after_help = "Example:\n  git merge origin/main   # conflicts in vault.toml and vault.audit.jsonl\n  tresor git resolve && git commit"
    )]
    Resolve,
    /// The diff textconv git calls: a readable view without values, keys or base64
    #[command(after_help = "Example:\n  tresor git textconv vault.toml")]
    Textconv {
        /// Show an audit log instead of a vault
        #[arg(long)]
        audit: bool,
        file: PathBuf,
    },
}

/// Where a new value comes from; with none, stdin (or a hidden prompt on a terminal).
#[derive(Debug, Args)]
pub struct ValueSource {
    /// Read the value from a file, exactly its bytes
    #[arg(long, value_name = "FILE", conflicts_with = "generate")]
    pub from_file: Option<PathBuf>,
    /// Generate a random value of LEN characters (default 32)
    #[arg(long, value_name = "LEN", num_args = 0..=1, require_equals = true, default_missing_value = "32")]
    pub generate: Option<usize>,
    /// The characters of a generated value [default: alnum]
    #[arg(long, value_enum, value_name = "CHARSET", requires = "generate")]
    pub charset: Option<Charset>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Charset {
    /// Letters and digits
    Alnum,
    /// Lowercase hexadecimal digits
    Hex,
    /// Letters, digits, '+' and '/'
    Base64,
    /// Letters, digits and punctuation (no quotes, backslash or space)
    Symbols,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    pub name: String,
    #[command(flatten)]
    pub source: ValueSource,
    #[command(flatten)]
    pub metadata: MetadataArgs,
}

/// What `create` and the importers record about a new secret.
#[derive(Debug, Args)]
pub struct MetadataArgs {
    /// The team or person responsible for it
    #[arg(long, value_name = "TEAM")]
    pub owner: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// How often it should be rotated (90d, 12h)
    #[arg(long, value_name = "DURATION")]
    pub rotate_every: Option<String>,
    /// When it expires: an RFC 3339 time or a duration from now
    #[arg(long, value_name = "RFC3339|DURATION")]
    pub expires: Option<String>,
    /// A tag, as key=value (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct MetaArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// The team or person responsible for it
    #[arg(long, value_name = "TEAM")]
    pub owner: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// How often it should be rotated (90d, 12h)
    #[arg(long, value_name = "DURATION", conflicts_with = "no_rotate")]
    pub rotate_every: Option<String>,
    /// It needs no scheduled rotation
    #[arg(long)]
    pub no_rotate: bool,
    /// When the current version expires: an RFC 3339 time or a duration from now
    #[arg(long, value_name = "RFC3339|DURATION", conflicts_with = "no_expiry")]
    pub expires: Option<String>,
    /// The current version does not expire
    #[arg(long)]
    pub no_expiry: bool,
    /// A tag to set, as key=value (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,
    /// A tag to remove, by key (repeatable)
    #[arg(long = "untag", value_name = "KEY")]
    pub untags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// NAME, NAME@VERSION, NAME#ALIAS, or any of them as tresor://… (what run and inject take)
    #[arg(value_name = "REF", add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub reference: String,
    /// A version number
    #[arg(long, conflicts_with = "alias")]
    pub version: Option<u32>,
    /// An alias (current, previous, pending, or your own)
    #[arg(long)]
    pub alias: Option<String>,
}

#[derive(Debug, Args)]
pub struct RotateArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    #[command(flatten)]
    pub source: ValueSource,
    /// Stage the new version as `pending` instead of making it current
    #[arg(long)]
    pub stage: bool,
    /// When the new version expires: an RFC 3339 time or a duration from now
    #[arg(long, value_name = "TIME|DURATION")]
    pub expires: Option<String>,
}

#[derive(Debug, Args)]
pub struct PromoteArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    pub version: u32,
    /// The alias to move
    #[arg(long, default_value = "current")]
    pub alias: String,
    /// Fail unless the alias is at this version now (compare-and-swap)
    #[arg(long, value_name = "N")]
    pub expect: Option<u32>,
}

#[derive(Debug, Args)]
pub struct NameArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum AliasCommand {
    /// Point an alias at a version
    #[command(after_help = "Example:\n  tresor alias set prod/db/password canary 5 --expect 4")]
    Set {
        #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
        name: String,
        alias: String,
        version: u32,
        /// Fail unless the alias is at this version now (compare-and-swap)
        #[arg(long, value_name = "N")]
        expect: Option<u32>,
    },
    /// Remove an alias
    #[command(after_help = "Example:\n  tresor alias rm prod/db/password canary")]
    Rm {
        #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
        name: String,
        alias: String,
    },
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    #[arg(long)]
    pub version: u32,
}

#[derive(Debug, Args)]
pub struct DisableArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    #[arg(long)]
    pub version: u32,
    /// Do not ask before disabling the current version (required when not on a terminal)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["version", "all"]))]
pub struct DestroyArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    #[arg(long)]
    pub version: Option<u32>,
    /// Destroy every version
    #[arg(long)]
    pub all: bool,
    /// Do not ask (required when not on a terminal)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Its new name
    pub new: String,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Do not ask (required when not on a terminal)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only secrets at or under this path (and the grants that reach one of them)
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub prefix: Option<String>,
    /// Leave out findings of this kind (repeatable)
    #[arg(
        long = "ignore",
        value_name = "KIND",
        value_parser = clap::builder::PossibleValuesParser::new(crate::check::Kind::NAMES)
    )]
    pub ignore: Vec<String>,
    /// How far ahead an expiry is reported as `expiring` [default: 7d]
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,
    /// The output: text, json (as --json), or prometheus (text exposition format)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people
    Text,
    /// One JSON document, as --json
    Json,
    /// The Prometheus text format, for node_exporter's textfile collector
    Prometheus,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only secrets whose name starts with this path
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub prefix: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the policy as TOML that `policy set` accepts back
    #[command(after_help = "Example:\n  tresor policy show > policy.toml")]
    Show,
    /// Apply a policy document (admins only); re-keys keyrings someone leaves
    #[command(after_help = "Example:\n  tresor policy set policy.toml --reason \"onboard bob\"")]
    Set { file: PathBuf },
    /// Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)
    #[command(after_help = "Example:\n  tresor policy check bob read prod/payments/stripe-key")]
    Check {
        principal: String,
        action: String,
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RotationCommand {
    /// Record (or change) how `rotate` changes the secret's login in its database
    #[command(
        after_help = "Example:\n  tresor rotation set prod/app/db --postgres prod/db/admin --role app --group app_rw --overlap 1h\n\nADMIN_SECRET holds a connection URI of a role with CREATEROLE (and ADMIN OPTION on\nGROUP, and pg_signal_backend); the logins are ROLE_v1, ROLE_v2, ... and leases ROLE_l<id>."
    )]
    Set(RotationSetArgs),
    /// Show the secret's plan and where its last rotation stands
    #[command(after_help = "Example:\n  tresor rotation status prod/app/db")]
    Status { name: String },
    /// Carry on a rotation that a crash or an error stopped
    #[command(after_help = "Example:\n  tresor rotation resume prod/app/db")]
    Resume { name: String },
    /// Undo a rotation whose new login is not current yet: drop it, discard its version
    #[command(after_help = "Example:\n  tresor rotation abort prod/app/db")]
    Abort { name: String },
    /// End the overlap now: drop the previous login and disable its version
    #[command(after_help = "Example:\n  tresor rotation finish prod/app/db")]
    Finish { name: String },
}

#[derive(Debug, Args)]
pub struct RotationSetArgs {
    pub name: String,
    /// The secret holding the admin's PostgreSQL connection URI
    #[arg(long, value_name = "ADMIN_SECRET")]
    pub postgres: String,
    /// The family of login roles: versions log in as ROLE_vN, leases as ROLE_l<id>
    #[arg(long, value_name = "ROLE")]
    pub role: String,
    /// The group role that owns the privileges; every login joins it
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// How long the previous login keeps working after a rotation
    #[arg(long, value_name = "DURATION", default_value = "1h")]
    pub overlap: String,
}

#[derive(Debug, Args)]
pub struct LeaseArgs {
    /// The planned secret to lease a login of
    #[arg(required = true)]
    pub name: Option<String>,
    /// How long the login works (the database refuses it after)
    #[arg(long, value_name = "DURATION", required = true)]
    pub ttl: Option<String>,
    #[command(subcommand)]
    pub command: Option<LeaseCommand>,
}

#[derive(Debug, Subcommand)]
pub enum LeaseCommand {
    /// List the leases the vault records: live and expired
    #[command(after_help = "Example:\n  tresor lease list --json")]
    List,
    /// Drop a lease's login now
    #[command(after_help = "Example:\n  tresor lease revoke k3x9a0b1c2d3e4f5")]
    Revoke { id: String },
    /// Drop every expired lease's login and forget it
    #[command(after_help = "Example:\n  tresor lease sweep")]
    Sweep,
}

#[derive(Debug, Subcommand)]
pub enum BreakGlassCommand {
    /// Open a time-limited grant to read what your rules deny (needs --reason and --ticket)
    #[command(
        after_help = "Example:\n  tresor break-glass open --reason \"payments down\" --ticket INC-42 --duration 30m --on 'prod/payments/**'"
    )]
    Open(BreakGlassOpenArgs),
    /// Close your open grants (or one by id)
    #[command(
        after_help = "Examples:\n  tresor break-glass close\n  tresor break-glass close --grant g-1a2b3c4d"
    )]
    Close {
        #[arg(long, value_name = "ID")]
        grant: Option<String>,
    },
    /// List grants: open, expired and closed
    #[command(after_help = "Example:\n  tresor break-glass list --json")]
    List,
}

#[derive(Debug, Args)]
pub struct BreakGlassOpenArgs {
    /// The incident or change ticket this access is for
    #[arg(long, value_name = "ID")]
    pub ticket: Option<String>,
    /// How long the grant lasts (at most the policy's max_duration)
    #[arg(long, value_name = "DURATION", default_value = "30m")]
    pub duration: String,
    /// Which secrets it covers (default: everything [break_glass] allows)
    #[arg(long, value_name = "GLOB", default_value = "**")]
    pub on: String,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify the hash chain, and that every write the vault records is in it
    #[command(
        after_help = "Examples:\n  tresor audit verify\n  tresor audit verify --expect-head 41:9c1f…"
    )]
    Verify {
        /// A head published earlier (SEQ:HASH) that must still be in the log
        #[arg(long, value_name = "SEQ:HASH")]
        expect_head: Option<String>,
    },
    /// Print the head of the log, SEQ:HASH
    #[command(after_help = "Example:\n  tresor audit head")]
    Head,
    /// Print events, filtered
    #[command(
        after_help = "Examples:\n  tresor audit log --secret 'prod/**' --since 24h\n  tresor audit log --principal bob --event read --json"
    )]
    Log(AuditLogArgs),
    /// Reads by principal and by secret, denials, break-glass use, rotations by owner
    #[command(
        after_help = "Examples:\n  tresor audit summary\n  tresor audit summary --since 7d --json\n  tresor audit summary --format prometheus > tresor_audit.prom.tmp; mv tresor_audit.prom.tmp /var/lib/node_exporter/textfile/tresor_audit.prom"
    )]
    Summary {
        /// Only events since a duration ago (7d) or an RFC 3339 time
        #[arg(long, value_name = "DURATION|RFC3339")]
        since: Option<String>,
        /// The output: text, json (as --json), or prometheus (text exposition format)
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<ReportFormat>,
    },
}

#[derive(Debug, Args)]
pub struct AuditLogArgs {
    /// Only events on secrets matching this glob (* one segment, ** any)
    #[arg(long, value_name = "GLOB")]
    pub secret: Option<String>,
    #[arg(long, value_name = "PRINCIPAL")]
    pub principal: Option<String>,
    #[arg(long, value_name = "EVENT")]
    pub event: Option<String>,
    /// Only events since a duration ago (24h) or an RFC 3339 time
    #[arg(long, value_name = "DURATION|RFC3339")]
    pub since: Option<String>,
    /// Only events under this break-glass grant
    #[arg(long, value_name = "ID")]
    pub grant: Option<String>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// A variable for the command: VAR=NAME, VAR=NAME@VERSION or VAR=NAME#ALIAS (repeatable)
    #[arg(long = "env", short = 'e', value_name = "VAR=NAME[@VERSION|#ALIAS]")]
    pub env: Vec<String>,
    /// Every secret under this path, as a variable (prod/app/db-url is PROD_APP_DB_URL)
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// Name variables by the path below the prefix (DB_URL)
    #[arg(long, requires = "prefix")]
    pub strip_prefix: bool,
    /// A fresh login for the command's lifetime: VAR=NAME or VAR=NAME:TTL (default 1h);
    /// revoked when the command exits (repeatable)
    #[arg(long = "lease", value_name = "VAR=NAME[:TTL]")]
    pub lease: Vec<String>,
    /// Pass the command's output through as is: values are NOT masked (binary output)
    #[arg(long)]
    pub no_mask: bool,
    /// Pass this credential variable of tresor's own on to the command; they are withheld
    /// otherwise (repeatable)
    #[arg(
        long = "pass-env",
        value_name = "VAR",
        value_parser = clap::builder::PossibleValuesParser::new(crate::context::CREDENTIAL_VARIABLES)
    )]
    pub pass_env: Vec<String>,
    /// The command and its arguments (after --)
    #[arg(value_name = "CMD", required = true, trailing_var_arg = true)]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct InjectArgs {
    /// The template (default: stdin)
    #[arg(short = 'i', long = "in-file", value_name = "TEMPLATE")]
    pub in_file: Option<PathBuf>,
    /// Where to write the result, atomically and mode 0600 (default: stdout)
    #[arg(short = 'o', long = "out-file", value_name = "OUT")]
    pub out_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only secrets under this path (default: every secret)
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub prefix: Option<String>,
    /// The format [default: dotenv, or json with --json]
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Name variables by the path below the prefix (DB_URL)
    #[arg(long, requires = "prefix")]
    pub strip_prefix: bool,
    /// Where to write, atomically and mode 0600 (default: stdout)
    #[arg(short = 'o', long = "out-file", value_name = "OUT")]
    pub out_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// KEY="value" lines that dotenv readers load
    Dotenv,
    /// One JSON object
    Json,
    /// export KEY='value' lines for sh, bash and zsh
    Shell,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// One secret per key of a .env file: DB_URL becomes PREFIX/db-url
    #[command(
        after_help = "Examples:\n  tresor import dotenv .env --prefix dev/app --owner web\n  tresor import dotenv prod.env --prefix prod/app --rotate-existing\n\nQuotes, escapes, `export ` and comments are read as dotenv does; ${VARS} are not expanded.\nEmpty values are skipped. Nothing is written unless every key can be. --owner, --description,\n--rotate-every and --tag set the metadata of the secrets created (`tresor meta` changes\nthose that exist); --expires applies to every version added."
    )]
    Dotenv(ImportDotenvArgs),
    /// Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC
    #[command(
        after_help = "The file's data key must be wrapped to an age key you hold: from SOPS_AGE_KEY_FILE\n(or --age-key-file, default ~/.config/sops/age/keys.txt), SOPS_AGE_KEY, or your tresor identity.\nA key `db.password` becomes PREFIX/db/password, a list item `hosts.0` PREFIX/hosts/0. Keys\nare named as `import dotenv` names them: DB_URL becomes PREFIX/db-url. --owner, --description,\n--rotate-every and --tag set the metadata of the secrets created; --expires applies to every\nversion added.\n\nExamples:\n  tresor import sops secrets.enc.yaml --prefix prod/app --owner payments\n  SOPS_AGE_KEY_FILE=keys.txt tresor import sops prod.env --prefix prod/api --rotate-existing"
    )]
    Sops(ImportSopsArgs),
}

#[derive(Debug, Args)]
pub struct ImportDotenvArgs {
    /// The .env file ('-' for stdin)
    pub file: PathBuf,
    /// Where the secrets go: KEY becomes PREFIX/key
    #[arg(long, value_name = "PREFIX")]
    pub prefix: String,
    /// Add a new version to secrets that exist (else an existing one is an error)
    #[arg(long)]
    pub rotate_existing: bool,
    /// The metadata of the secrets created (--expires: of every version added)
    #[command(flatten)]
    pub metadata: MetadataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ImportSopsArgs {
    /// The SOPS-encrypted file
    pub file: PathBuf,
    /// Create the secrets under this path
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// The file's format (default: from its name, as sops decides)
    #[arg(long, value_name = "FORMAT")]
    pub input_type: Option<SopsFormat>,
    /// Add a version to secrets that exist already, instead of failing
    #[arg(long)]
    pub rotate_existing: bool,
    /// A file of age identities that may open the file
    #[arg(long, value_name = "FILE", env = "SOPS_AGE_KEY_FILE")]
    pub age_key_file: Option<PathBuf>,
    /// The metadata of the secrets created (--expires: of every version added)
    #[command(flatten)]
    pub metadata: MetadataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SopsFormat {
    Yaml,
    Json,
    Dotenv,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_shows_an_example() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for sub in command.get_subcommands() {
                let path = format!("{path} {}", sub.get_name());
                let help = sub
                    .get_after_help()
                    .map(|h| h.to_string())
                    .unwrap_or_default();
                if !help.contains("Example") {
                    missing.push(path.clone());
                }
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "tresor", &mut missing);
        assert!(missing.is_empty(), "no example in --help of: {missing:?}");
    }
}
