
use builtin;
use str;

set edit:completion:arg-completer[tresor] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tresor'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tresor'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand identity 'Create or show the identity (an age key) that tresor acts with'
            cand init 'Create a new vault and its audit log; the creator is its admin'
            cand recipient 'Manage the principals (named age recipients) of the vault'
            cand create 'Create a secret with its first version'
            cand meta 'Change a secret''s metadata (owner, description, rotation period, tags) or its current version''s expiry'
            cand get 'Print a secret''s value, exactly its bytes'
            cand rotate 'Add a new version; it becomes current (or pending with --stage)'
            cand promote 'Point an alias (current by default) at a version, compare-and-swap with --expect'
            cand rollback 'Make the previous version current again (and the current one previous)'
            cand alias 'Set or remove an alias of a secret'
            cand disable 'Keep a version but stop serving it'
            cand enable 'Serve a disabled version again'
            cand destroy 'Delete a version''s ciphertext and key for good (asks first on a terminal)'
            cand delete 'Destroy every version of a secret and remove its name, which is then free again (asks first on a terminal)'
            cand rename 'Give a secret a new name: its versions, aliases and metadata move, each value re-sealed to the new name'
            cand list 'List secrets: name, owner, current version, age, rotation due'
            cand show 'Show a secret''s metadata, aliases and versions; never a value'
            cand policy 'Show, set or test the access policy'
            cand break-glass 'Open, close or list break-glass grants'
            cand audit 'Verify and read the audit log'
            cand git 'Keep the vault in git: merge drivers, readable diffs'
            cand check 'Report what must be acted on: overdue rotations, expiries, open grants, exposure (exit 8)'
            cand rotation 'Rotation that reaches the database: a secret''s plan, and its rotation''s state'
            cand lease 'A fresh database login for a planned secret, that the database itself expires'
            cand run 'Run a command with secrets in its environment; its output is masked'
            cand inject 'Fill the {{ tresor://NAME }} references of a template with their values'
            cand export 'Print secrets under a prefix as dotenv, JSON or shell assignments'
            cand import 'Bring secrets in from other tools'' files'
            cand upgrade 'Convert a format-1 vault to format 2 (signed records), in one audited write; an admin runs it'
            cand trust 'The vault''s root and what this machine verified of it'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;identity'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand new 'Write a new identity and print its recipient'
            cand show 'Print the recipient and principal of the identity in use'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;identity;new'= {
            cand --out 'Where to write it (default: the identity in the user''s config folder)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --passphrase 'Seal it under a passphrase (Argon2id)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;identity;show'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;identity;help'= {
            cand new 'Write a new identity and print its recipient'
            cand show 'Print the recipient and principal of the identity in use'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;identity;help;new'= {
        }
        &'tresor;identity;help;show'= {
        }
        &'tresor;identity;help;help'= {
        }
        &'tresor;init'= {
            cand --name 'The creator''s principal name (default: the user name)'
            cand --recipient 'More admins (a backup key, a second person), as NAME=age1…[,ed25519:…] or age1…; without a signing key they can read but not write until one is registered'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;recipient'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)'
            cand list 'List the principals'
            cand remove 'Remove a principal, re-keying every keyring it could open'
            cand request 'Ask to join: record your identity''s recipient as a pending request (commit it in a pull request)'
            cand approve 'Approve a pending request by its key''s fingerprint (shown in the pull request''s diff and by `recipient list`): add the principal, optionally into groups'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;recipient;add'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;recipient;list'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;recipient;remove'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;recipient;request'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;recipient;approve'= {
            cand --group 'Add it to this policy group (repeatable)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;recipient;help'= {
            cand add 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)'
            cand list 'List the principals'
            cand remove 'Remove a principal, re-keying every keyring it could open'
            cand request 'Ask to join: record your identity''s recipient as a pending request (commit it in a pull request)'
            cand approve 'Approve a pending request by its key''s fingerprint (shown in the pull request''s diff and by `recipient list`): add the principal, optionally into groups'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;recipient;help;add'= {
        }
        &'tresor;recipient;help;list'= {
        }
        &'tresor;recipient;help;remove'= {
        }
        &'tresor;recipient;help;request'= {
        }
        &'tresor;recipient;help;approve'= {
        }
        &'tresor;recipient;help;help'= {
        }
        &'tresor;create'= {
            cand --from-file 'Read the value from a file, exactly its bytes'
            cand --generate 'Generate a random value of LEN characters (default 32)'
            cand --charset 'The characters of a generated value [default: alnum]'
            cand --owner 'The team or person responsible for it'
            cand --description 'description'
            cand --rotate-every 'How often it should be rotated (90d, 12h)'
            cand --expires 'When it expires: an RFC 3339 time or a duration from now'
            cand --tag 'A tag, as key=value (repeatable)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;meta'= {
            cand --owner 'The team or person responsible for it'
            cand --description 'description'
            cand --rotate-every 'How often it should be rotated (90d, 12h)'
            cand --expires 'When the current version expires: an RFC 3339 time or a duration from now'
            cand --tag 'A tag to set, as key=value (repeatable)'
            cand --untag 'A tag to remove, by key (repeatable)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --no-rotate 'It needs no scheduled rotation'
            cand --no-expiry 'The current version does not expire'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;get'= {
            cand --version 'A version number'
            cand --alias 'An alias (current, previous, pending, or your own)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rotate'= {
            cand --from-file 'Read the value from a file, exactly its bytes'
            cand --generate 'Generate a random value of LEN characters (default 32)'
            cand --charset 'The characters of a generated value [default: alnum]'
            cand --expires 'When the new version expires: an RFC 3339 time or a duration from now'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --stage 'Stage the new version as `pending` instead of making it current'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;promote'= {
            cand --alias 'The alias to move'
            cand --expect 'Fail unless the alias is at this version now (compare-and-swap)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rollback'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;alias'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand set 'Point an alias at a version'
            cand rm 'Remove an alias'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;alias;set'= {
            cand --expect 'Fail unless the alias is at this version now (compare-and-swap)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;alias;rm'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;alias;help'= {
            cand set 'Point an alias at a version'
            cand rm 'Remove an alias'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;alias;help;set'= {
        }
        &'tresor;alias;help;rm'= {
        }
        &'tresor;alias;help;help'= {
        }
        &'tresor;disable'= {
            cand --version 'version'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;enable'= {
            cand --version 'version'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;destroy'= {
            cand --version 'version'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --all 'Destroy every version'
            cand --yes 'Do not ask (required when not on a terminal)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;delete'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --yes 'Do not ask (required when not on a terminal)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rename'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;list'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;show'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;policy'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Print the policy as TOML that `policy set` accepts back'
            cand set 'Apply a policy document (admins only); re-keys keyrings someone leaves'
            cand check 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;policy;show'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;policy;set'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;policy;check'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;policy;help'= {
            cand show 'Print the policy as TOML that `policy set` accepts back'
            cand set 'Apply a policy document (admins only); re-keys keyrings someone leaves'
            cand check 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;policy;help;show'= {
        }
        &'tresor;policy;help;set'= {
        }
        &'tresor;policy;help;check'= {
        }
        &'tresor;policy;help;help'= {
        }
        &'tresor;break-glass'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand open 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)'
            cand close 'Close your open grants (or one by id)'
            cand list 'List grants: open, expired and closed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;break-glass;open'= {
            cand --ticket 'The incident or change ticket this access is for'
            cand --duration 'How long the grant lasts (at most the policy''s max_duration)'
            cand --on 'Which secrets it covers (default: everything [break_glass] allows)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;break-glass;close'= {
            cand --grant 'grant'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;break-glass;list'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;break-glass;help'= {
            cand open 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)'
            cand close 'Close your open grants (or one by id)'
            cand list 'List grants: open, expired and closed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;break-glass;help;open'= {
        }
        &'tresor;break-glass;help;close'= {
        }
        &'tresor;break-glass;help;list'= {
        }
        &'tresor;break-glass;help;help'= {
        }
        &'tresor;audit'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Verify the hash chain, and that every write the vault records is in it'
            cand head 'Print the head of the log, SEQ:HASH'
            cand log 'Print events, filtered'
            cand summary 'Reads by principal and by secret, denials, break-glass use, rotations by owner'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;audit;verify'= {
            cand --expect-head 'A head published earlier (SEQ:HASH) that must still be in the log'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;audit;head'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;audit;log'= {
            cand --secret 'Only events on secrets matching this glob (* one segment, ** any)'
            cand --principal 'principal'
            cand --event 'event'
            cand --since 'Only events since a duration ago (24h) or an RFC 3339 time'
            cand --grant 'Only events under this break-glass grant'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;audit;summary'= {
            cand --since 'Only events since a duration ago (7d) or an RFC 3339 time'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;audit;help'= {
            cand verify 'Verify the hash chain, and that every write the vault records is in it'
            cand head 'Print the head of the log, SEQ:HASH'
            cand log 'Print events, filtered'
            cand summary 'Reads by principal and by secret, denials, break-glass use, rotations by owner'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;audit;help;verify'= {
        }
        &'tresor;audit;help;head'= {
        }
        &'tresor;audit;help;log'= {
        }
        &'tresor;audit;help;summary'= {
        }
        &'tresor;audit;help;help'= {
        }
        &'tresor;git'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand setup 'Register tresor''s merge drivers and diff textconvs in .gitattributes and the repository''s config'
            cand merge 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor'
            cand resolve 'Finish a merge that ran without tresor''s drivers (a fresh clone, a forge''s merge button): merge the conflicted vault and log from git''s index, as the driver would, and stage them'
            cand textconv 'The diff textconv git calls: a readable view without values, keys or base64'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;git;setup'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;git;merge'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --audit 'Merge audit logs instead of vaults'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;git;resolve'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;git;textconv'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --audit 'Show an audit log instead of a vault'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;git;help'= {
            cand setup 'Register tresor''s merge drivers and diff textconvs in .gitattributes and the repository''s config'
            cand merge 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor'
            cand resolve 'Finish a merge that ran without tresor''s drivers (a fresh clone, a forge''s merge button): merge the conflicted vault and log from git''s index, as the driver would, and stage them'
            cand textconv 'The diff textconv git calls: a readable view without values, keys or base64'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;git;help;setup'= {
        }
        &'tresor;git;help;merge'= {
        }
        &'tresor;git;help;resolve'= {
        }
        &'tresor;git;help;textconv'= {
        }
        &'tresor;git;help;help'= {
        }
        &'tresor;check'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rotation'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand set 'Record (or change) how `rotate` changes the secret''s login in its database'
            cand status 'Show the secret''s plan and where its last rotation stands'
            cand resume 'Carry on a rotation that a crash or an error stopped'
            cand abort 'Undo a rotation whose new login is not current yet: drop it, discard its version'
            cand finish 'End the overlap now: drop the previous login and disable its version'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;rotation;set'= {
            cand --postgres 'The secret holding the admin''s PostgreSQL connection URI'
            cand --role 'The family of login roles: versions log in as ROLE_vN, leases as ROLE_l<id>'
            cand --group 'The group role that owns the privileges; every login joins it'
            cand --overlap 'How long the previous login keeps working after a rotation'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rotation;status'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rotation;resume'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rotation;abort'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rotation;finish'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rotation;help'= {
            cand set 'Record (or change) how `rotate` changes the secret''s login in its database'
            cand status 'Show the secret''s plan and where its last rotation stands'
            cand resume 'Carry on a rotation that a crash or an error stopped'
            cand abort 'Undo a rotation whose new login is not current yet: drop it, discard its version'
            cand finish 'End the overlap now: drop the previous login and disable its version'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;rotation;help;set'= {
        }
        &'tresor;rotation;help;status'= {
        }
        &'tresor;rotation;help;resume'= {
        }
        &'tresor;rotation;help;abort'= {
        }
        &'tresor;rotation;help;finish'= {
        }
        &'tresor;rotation;help;help'= {
        }
        &'tresor;lease'= {
            cand --ttl 'How long the login works (the database refuses it after)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the leases the vault records: live and expired'
            cand revoke 'Drop a lease''s login now'
            cand sweep 'Drop every expired lease''s login and forget it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;lease;list'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;lease;revoke'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;lease;sweep'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;lease;help'= {
            cand list 'List the leases the vault records: live and expired'
            cand revoke 'Drop a lease''s login now'
            cand sweep 'Drop every expired lease''s login and forget it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;lease;help;list'= {
        }
        &'tresor;lease;help;revoke'= {
        }
        &'tresor;lease;help;sweep'= {
        }
        &'tresor;lease;help;help'= {
        }
        &'tresor;run'= {
            cand -e 'A variable for the command: VAR=NAME, VAR=NAME@VERSION or VAR=NAME#ALIAS (repeatable)'
            cand --env 'A variable for the command: VAR=NAME, VAR=NAME@VERSION or VAR=NAME#ALIAS (repeatable)'
            cand --prefix 'Every secret under this path, as a variable (prod/app/db-url is PROD_APP_DB_URL)'
            cand --lease 'A fresh login for the command''s lifetime: VAR=NAME or VAR=NAME:TTL (default 1h); revoked when the command exits (repeatable)'
            cand --pass-env 'Pass this credential variable of tresor''s own on to the command; they are withheld otherwise (repeatable)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --strip-prefix 'Name variables by the path below the prefix (DB_URL)'
            cand --no-mask 'Pass the command''s output through as is: values are NOT masked (binary output)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;inject'= {
            cand -i 'The template (default: stdin)'
            cand --in-file 'The template (default: stdin)'
            cand -o 'Where to write the result, atomically and mode 0600 (default: stdout)'
            cand --out-file 'Where to write the result, atomically and mode 0600 (default: stdout)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;export'= {
            cand --format 'The format [default: dotenv, or json with --json]'
            cand -o 'Where to write, atomically and mode 0600 (default: stdout)'
            cand --out-file 'Where to write, atomically and mode 0600 (default: stdout)'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --strip-prefix 'Name variables by the path below the prefix (DB_URL)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;import'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand dotenv 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url'
            cand sops 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;import;dotenv'= {
            cand --prefix 'Where the secrets go: KEY becomes PREFIX/key'
            cand --owner 'The team or person responsible for the secrets created'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --rotate-existing 'Add a new version to secrets that exist (else an existing one is an error)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;import;sops'= {
            cand --prefix 'Create the secrets under this path'
            cand --input-type 'The file''s format (default: from its name, as sops decides)'
            cand --age-key-file 'A file of age identities that may open the file'
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --rotate-existing 'Add a version to secrets that exist already, instead of failing'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;import;help'= {
            cand dotenv 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url'
            cand sops 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;import;help;dotenv'= {
        }
        &'tresor;import;help;sops'= {
        }
        &'tresor;import;help;help'= {
        }
        &'tresor;upgrade'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;trust'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Print the root fingerprint, its admin, and the head this machine last verified'
            cand forget 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;trust;show'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;trust;forget'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;trust;help'= {
            cand show 'Print the root fingerprint, its admin, and the head this machine last verified'
            cand forget 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;trust;help;show'= {
        }
        &'tresor;trust;help;forget'= {
        }
        &'tresor;trust;help;help'= {
        }
        &'tresor;completions'= {
            cand --vault 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)'
            cand --audit-log 'The audit log (default: beside the vault, NAME.audit.jsonl)'
            cand --identity 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)'
            cand --passphrase-file 'A file holding the passphrase of a protected identity'
            cand --reason 'Why you act (recorded in the audit log; some policies require it)'
            cand --expect-root 'Refuse any vault whose root is not this one (`tresor trust show` prints it)'
            cand --json 'Machine-readable output on stdout'
            cand -q 'Print nothing but what was asked for'
            cand --quiet 'Print nothing but what was asked for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;help'= {
            cand identity 'Create or show the identity (an age key) that tresor acts with'
            cand init 'Create a new vault and its audit log; the creator is its admin'
            cand recipient 'Manage the principals (named age recipients) of the vault'
            cand create 'Create a secret with its first version'
            cand meta 'Change a secret''s metadata (owner, description, rotation period, tags) or its current version''s expiry'
            cand get 'Print a secret''s value, exactly its bytes'
            cand rotate 'Add a new version; it becomes current (or pending with --stage)'
            cand promote 'Point an alias (current by default) at a version, compare-and-swap with --expect'
            cand rollback 'Make the previous version current again (and the current one previous)'
            cand alias 'Set or remove an alias of a secret'
            cand disable 'Keep a version but stop serving it'
            cand enable 'Serve a disabled version again'
            cand destroy 'Delete a version''s ciphertext and key for good (asks first on a terminal)'
            cand delete 'Destroy every version of a secret and remove its name, which is then free again (asks first on a terminal)'
            cand rename 'Give a secret a new name: its versions, aliases and metadata move, each value re-sealed to the new name'
            cand list 'List secrets: name, owner, current version, age, rotation due'
            cand show 'Show a secret''s metadata, aliases and versions; never a value'
            cand policy 'Show, set or test the access policy'
            cand break-glass 'Open, close or list break-glass grants'
            cand audit 'Verify and read the audit log'
            cand git 'Keep the vault in git: merge drivers, readable diffs'
            cand check 'Report what must be acted on: overdue rotations, expiries, open grants, exposure (exit 8)'
            cand rotation 'Rotation that reaches the database: a secret''s plan, and its rotation''s state'
            cand lease 'A fresh database login for a planned secret, that the database itself expires'
            cand run 'Run a command with secrets in its environment; its output is masked'
            cand inject 'Fill the {{ tresor://NAME }} references of a template with their values'
            cand export 'Print secrets under a prefix as dotenv, JSON or shell assignments'
            cand import 'Bring secrets in from other tools'' files'
            cand upgrade 'Convert a format-1 vault to format 2 (signed records), in one audited write; an admin runs it'
            cand trust 'The vault''s root and what this machine verified of it'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;help;identity'= {
            cand new 'Write a new identity and print its recipient'
            cand show 'Print the recipient and principal of the identity in use'
        }
        &'tresor;help;identity;new'= {
        }
        &'tresor;help;identity;show'= {
        }
        &'tresor;help;init'= {
        }
        &'tresor;help;recipient'= {
            cand add 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)'
            cand list 'List the principals'
            cand remove 'Remove a principal, re-keying every keyring it could open'
            cand request 'Ask to join: record your identity''s recipient as a pending request (commit it in a pull request)'
            cand approve 'Approve a pending request by its key''s fingerprint (shown in the pull request''s diff and by `recipient list`): add the principal, optionally into groups'
        }
        &'tresor;help;recipient;add'= {
        }
        &'tresor;help;recipient;list'= {
        }
        &'tresor;help;recipient;remove'= {
        }
        &'tresor;help;recipient;request'= {
        }
        &'tresor;help;recipient;approve'= {
        }
        &'tresor;help;create'= {
        }
        &'tresor;help;meta'= {
        }
        &'tresor;help;get'= {
        }
        &'tresor;help;rotate'= {
        }
        &'tresor;help;promote'= {
        }
        &'tresor;help;rollback'= {
        }
        &'tresor;help;alias'= {
            cand set 'Point an alias at a version'
            cand rm 'Remove an alias'
        }
        &'tresor;help;alias;set'= {
        }
        &'tresor;help;alias;rm'= {
        }
        &'tresor;help;disable'= {
        }
        &'tresor;help;enable'= {
        }
        &'tresor;help;destroy'= {
        }
        &'tresor;help;delete'= {
        }
        &'tresor;help;rename'= {
        }
        &'tresor;help;list'= {
        }
        &'tresor;help;show'= {
        }
        &'tresor;help;policy'= {
            cand show 'Print the policy as TOML that `policy set` accepts back'
            cand set 'Apply a policy document (admins only); re-keys keyrings someone leaves'
            cand check 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)'
        }
        &'tresor;help;policy;show'= {
        }
        &'tresor;help;policy;set'= {
        }
        &'tresor;help;policy;check'= {
        }
        &'tresor;help;break-glass'= {
            cand open 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)'
            cand close 'Close your open grants (or one by id)'
            cand list 'List grants: open, expired and closed'
        }
        &'tresor;help;break-glass;open'= {
        }
        &'tresor;help;break-glass;close'= {
        }
        &'tresor;help;break-glass;list'= {
        }
        &'tresor;help;audit'= {
            cand verify 'Verify the hash chain, and that every write the vault records is in it'
            cand head 'Print the head of the log, SEQ:HASH'
            cand log 'Print events, filtered'
            cand summary 'Reads by principal and by secret, denials, break-glass use, rotations by owner'
        }
        &'tresor;help;audit;verify'= {
        }
        &'tresor;help;audit;head'= {
        }
        &'tresor;help;audit;log'= {
        }
        &'tresor;help;audit;summary'= {
        }
        &'tresor;help;git'= {
            cand setup 'Register tresor''s merge drivers and diff textconvs in .gitattributes and the repository''s config'
            cand merge 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor'
            cand resolve 'Finish a merge that ran without tresor''s drivers (a fresh clone, a forge''s merge button): merge the conflicted vault and log from git''s index, as the driver would, and stage them'
            cand textconv 'The diff textconv git calls: a readable view without values, keys or base64'
        }
        &'tresor;help;git;setup'= {
        }
        &'tresor;help;git;merge'= {
        }
        &'tresor;help;git;resolve'= {
        }
        &'tresor;help;git;textconv'= {
        }
        &'tresor;help;check'= {
        }
        &'tresor;help;rotation'= {
            cand set 'Record (or change) how `rotate` changes the secret''s login in its database'
            cand status 'Show the secret''s plan and where its last rotation stands'
            cand resume 'Carry on a rotation that a crash or an error stopped'
            cand abort 'Undo a rotation whose new login is not current yet: drop it, discard its version'
            cand finish 'End the overlap now: drop the previous login and disable its version'
        }
        &'tresor;help;rotation;set'= {
        }
        &'tresor;help;rotation;status'= {
        }
        &'tresor;help;rotation;resume'= {
        }
        &'tresor;help;rotation;abort'= {
        }
        &'tresor;help;rotation;finish'= {
        }
        &'tresor;help;lease'= {
            cand list 'List the leases the vault records: live and expired'
            cand revoke 'Drop a lease''s login now'
            cand sweep 'Drop every expired lease''s login and forget it'
        }
        &'tresor;help;lease;list'= {
        }
        &'tresor;help;lease;revoke'= {
        }
        &'tresor;help;lease;sweep'= {
        }
        &'tresor;help;run'= {
        }
        &'tresor;help;inject'= {
        }
        &'tresor;help;export'= {
        }
        &'tresor;help;import'= {
            cand dotenv 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url'
            cand sops 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC'
        }
        &'tresor;help;import;dotenv'= {
        }
        &'tresor;help;import;sops'= {
        }
        &'tresor;help;upgrade'= {
        }
        &'tresor;help;trust'= {
            cand show 'Print the root fingerprint, its admin, and the head this machine last verified'
            cand forget 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose'
        }
        &'tresor;help;trust;show'= {
        }
        &'tresor;help;trust;forget'= {
        }
        &'tresor;help;completions'= {
        }
        &'tresor;help;help'= {
        }
    ]
    $completions[$command]
}
