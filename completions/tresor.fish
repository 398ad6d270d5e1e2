# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tresor_global_optspecs
    string join \n vault= audit-log= identity= passphrase-file= reason= expect-root= json q/quiet h/help V/version
end

function __fish_tresor_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tresor_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tresor_using_subcommand
    set -l cmd (__fish_tresor_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tresor -n "__fish_tresor_needs_command" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_needs_command" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_needs_command" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_needs_command" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_needs_command" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_needs_command" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_needs_command" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_needs_command" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_needs_command" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_needs_command" -s V -l version -d 'Print version'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "identity" -d 'Create or show the identity (an age key) that tresor acts with'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "init" -d 'Create a new vault and its audit log; the creator is its admin'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "recipient" -d 'Manage the principals (named age recipients) of the vault'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "create" -d 'Create a secret with its first version'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "meta" -d 'Change a secret\'s metadata (owner, description, rotation period, tags) or its current version\'s expiry'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "get" -d 'Print a secret\'s value, exactly its bytes'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "rotate" -d 'Add a new version; it becomes current (or pending with --stage)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "promote" -d 'Point an alias (current by default) at a version, compare-and-swap with --expect'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "rollback" -d 'Make the previous version current again (and the current one previous)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "alias" -d 'Set or remove an alias of a secret'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "disable" -d 'Keep a version but stop serving it'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "enable" -d 'Serve a disabled version again'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "destroy" -d 'Delete a version\'s ciphertext and key for good (asks first on a terminal)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "delete" -d 'Destroy every version of a secret and remove its name, which is then free again (asks first on a terminal)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "rename" -d 'Give a secret a new name: its versions, aliases and metadata move, each value re-sealed to the new name'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "list" -d 'List secrets: name, owner, current version, age, rotation due'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "show" -d 'Show a secret\'s metadata, aliases and versions; never a value'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "policy" -d 'Show, set or test the access policy'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "break-glass" -d 'Open, close or list break-glass grants'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "audit" -d 'Verify and read the audit log'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "git" -d 'Keep the vault in git: merge drivers, readable diffs'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "check" -d 'Report what must be acted on: overdue rotations, expiries, open grants, exposure (exit 8)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "rotation" -d 'Rotation that reaches the database: a secret\'s plan, and its rotation\'s state'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "lease" -d 'A fresh database login for a planned secret, that the database itself expires'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "run" -d 'Run a command with secrets in its environment; its output is masked'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "inject" -d 'Fill the {{ tresor://NAME }} references of a template with their values'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "export" -d 'Print secrets under a prefix as dotenv, JSON or shell assignments'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "import" -d 'Bring secrets in from other tools\' files'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "upgrade" -d 'Convert a format-1 vault to format 2 (signed records), in one audited write; an admin runs it'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "trust" -d 'The vault\'s root and what this machine verified of it'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -f -a "new" -d 'Write a new identity and print its recipient'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -f -a "show" -d 'Print the recipient and principal of the identity in use'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l out -d 'Where to write it (default: the identity in the user\'s config folder)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l passphrase -d 'Seal it under a passphrase (Argon2id)'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "new" -d 'Write a new identity and print its recipient'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the recipient and principal of the identity in use'
complete -c tresor -n "__fish_tresor_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand init" -l name -d 'The creator\'s principal name (default: the user name)' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l recipient -d 'More admins (a backup key, a second person), as NAME=age1…[,ed25519:…] or age1…; without a signing key they can read but not write until one is registered' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand init" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand init" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand init" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand init" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand init" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand init" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -f -a "add" -d 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -f -a "list" -d 'List the principals'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -f -a "remove" -d 'Remove a principal, re-keying every keyring it could open'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -f -a "request" -d 'Ask to join: record your identity\'s recipient as a pending request (commit it in a pull request)'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -f -a "approve" -d 'Approve a pending request by its key\'s fingerprint (shown in the pull request\'s diff and by `recipient list`): add the principal, optionally into groups'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and not __fish_seen_subcommand_from add list remove request approve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from request" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -l group -d 'Add it to this policy group (repeatable)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the principals'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a principal, re-keying every keyring it could open'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from help" -f -a "request" -d 'Ask to join: record your identity\'s recipient as a pending request (commit it in a pull request)'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Approve a pending request by its key\'s fingerprint (shown in the pull request\'s diff and by `recipient list`): add the principal, optionally into groups'
complete -c tresor -n "__fish_tresor_using_subcommand recipient; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand create" -l from-file -d 'Read the value from a file, exactly its bytes' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand create" -l generate -d 'Generate a random value of LEN characters (default 32)' -r
complete -c tresor -n "__fish_tresor_using_subcommand create" -l charset -d 'The characters of a generated value [default: alnum]' -r -f -a "alnum\t'Letters and digits'
hex\t'Lowercase hexadecimal digits'
base64\t'Letters, digits, \'+\' and \'/\''
symbols\t'Letters, digits and punctuation (no quotes, backslash or space)'"
complete -c tresor -n "__fish_tresor_using_subcommand create" -l owner -d 'The team or person responsible for it' -r
complete -c tresor -n "__fish_tresor_using_subcommand create" -l description -r
complete -c tresor -n "__fish_tresor_using_subcommand create" -l rotate-every -d 'How often it should be rotated (90d, 12h)' -r
complete -c tresor -n "__fish_tresor_using_subcommand create" -l expires -d 'When it expires: an RFC 3339 time or a duration from now' -r
complete -c tresor -n "__fish_tresor_using_subcommand create" -l tag -d 'A tag, as key=value (repeatable)' -r
complete -c tresor -n "__fish_tresor_using_subcommand create" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand create" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand create" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand create" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand create" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand create" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand create" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand create" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l owner -d 'The team or person responsible for it' -r
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l description -r
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l rotate-every -d 'How often it should be rotated (90d, 12h)' -r
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l expires -d 'When the current version expires: an RFC 3339 time or a duration from now' -r
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l tag -d 'A tag to set, as key=value (repeatable)' -r
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l untag -d 'A tag to remove, by key (repeatable)' -r
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l no-rotate -d 'It needs no scheduled rotation'
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l no-expiry -d 'The current version does not expire'
complete -c tresor -n "__fish_tresor_using_subcommand meta" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand meta" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand meta" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand get" -l version -d 'A version number' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l alias -d 'An alias (current, previous, pending, or your own)' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand get" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand get" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l from-file -d 'Read the value from a file, exactly its bytes' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l generate -d 'Generate a random value of LEN characters (default 32)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l charset -d 'The characters of a generated value [default: alnum]' -r -f -a "alnum\t'Letters and digits'
hex\t'Lowercase hexadecimal digits'
base64\t'Letters, digits, \'+\' and \'/\''
symbols\t'Letters, digits and punctuation (no quotes, backslash or space)'"
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l expires -d 'When the new version expires: an RFC 3339 time or a duration from now' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l stage -d 'Stage the new version as `pending` instead of making it current'
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l alias -d 'The alias to move' -r
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l expect -d 'Fail unless the alias is at this version now (compare-and-swap)' -r
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand promote" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand promote" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand promote" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rollback" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -f -a "set" -d 'Point an alias at a version'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -f -a "rm" -d 'Remove an alias'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and not __fish_seen_subcommand_from set rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -l expect -d 'Fail unless the alias is at this version now (compare-and-swap)' -r
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from help" -f -a "set" -d 'Point an alias at a version'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove an alias'
complete -c tresor -n "__fish_tresor_using_subcommand alias; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand disable" -l version -r
complete -c tresor -n "__fish_tresor_using_subcommand disable" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand disable" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand disable" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand disable" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand disable" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand disable" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand disable" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand disable" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand disable" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand enable" -l version -r
complete -c tresor -n "__fish_tresor_using_subcommand enable" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand enable" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand enable" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand enable" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand enable" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand enable" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand enable" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand enable" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand enable" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l version -r
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l all -d 'Destroy every version'
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l yes -d 'Do not ask (required when not on a terminal)'
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand destroy" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand delete" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand delete" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand delete" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand delete" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand delete" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand delete" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand delete" -l yes -d 'Do not ask (required when not on a terminal)'
complete -c tresor -n "__fish_tresor_using_subcommand delete" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand delete" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand delete" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rename" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rename" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rename" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rename" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rename" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rename" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rename" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rename" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rename" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand list" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand list" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand list" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand list" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand list" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand show" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand show" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand show" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand show" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand show" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand show" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand show" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand show" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand show" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -f -a "show" -d 'Print the policy as TOML that `policy set` accepts back'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -f -a "set" -d 'Apply a policy document (admins only); re-keys keyrings someone leaves'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -f -a "check" -d 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and not __fish_seen_subcommand_from show set check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the policy as TOML that `policy set` accepts back'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "set" -d 'Apply a policy document (admins only); re-keys keyrings someone leaves'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "check" -d 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)'
complete -c tresor -n "__fish_tresor_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -f -a "open" -d 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -f -a "close" -d 'Close your open grants (or one by id)'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -f -a "list" -d 'List grants: open, expired and closed'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and not __fish_seen_subcommand_from open close list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l ticket -d 'The incident or change ticket this access is for' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l duration -d 'How long the grant lasts (at most the policy\'s max_duration)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l on -d 'Which secrets it covers (default: everything [break_glass] allows)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from open" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -l grant -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from help" -f -a "open" -d 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from help" -f -a "close" -d 'Close your open grants (or one by id)'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from help" -f -a "list" -d 'List grants: open, expired and closed'
complete -c tresor -n "__fish_tresor_using_subcommand break-glass; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -f -a "verify" -d 'Verify the hash chain, and that every write the vault records is in it'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -f -a "head" -d 'Print the head of the log, SEQ:HASH'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -f -a "log" -d 'Print events, filtered'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -f -a "summary" -d 'Reads by principal and by secret, denials, break-glass use, rotations by owner'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify head log summary help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l expect-head -d 'A head published earlier (SEQ:HASH) that must still be in the log' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from head" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l secret -d 'Only events on secrets matching this glob (* one segment, ** any)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l principal -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l event -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l since -d 'Only events since a duration ago (24h) or an RFC 3339 time' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l grant -d 'Only events under this break-glass grant' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -l since -d 'Only events since a duration ago (7d) or an RFC 3339 time' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from summary" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify the hash chain, and that every write the vault records is in it'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "head" -d 'Print the head of the log, SEQ:HASH'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "log" -d 'Print events, filtered'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "summary" -d 'Reads by principal and by secret, denials, break-glass use, rotations by owner'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -f -a "setup" -d 'Register tresor\'s merge drivers and diff textconvs in .gitattributes and the repository\'s config'
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -f -a "merge" -d 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor'
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -f -a "resolve" -d 'Finish a merge that ran without tresor\'s drivers (a fresh clone, a forge\'s merge button): merge the conflicted vault and log from git\'s index, as the driver would, and stage them'
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -f -a "textconv" -d 'The diff textconv git calls: a readable view without values, keys or base64'
complete -c tresor -n "__fish_tresor_using_subcommand git; and not __fish_seen_subcommand_from setup merge resolve textconv help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from setup" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -l audit -d 'Merge audit logs instead of vaults'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -l audit -d 'Show an audit log instead of a vault'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from textconv" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "setup" -d 'Register tresor\'s merge drivers and diff textconvs in .gitattributes and the repository\'s config'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "merge" -d 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "resolve" -d 'Finish a merge that ran without tresor\'s drivers (a fresh clone, a forge\'s merge button): merge the conflicted vault and log from git\'s index, as the driver would, and stage them'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "textconv" -d 'The diff textconv git calls: a readable view without values, keys or base64'
complete -c tresor -n "__fish_tresor_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand check" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand check" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand check" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand check" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand check" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand check" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand check" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand check" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand check" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -f -a "set" -d 'Record (or change) how `rotate` changes the secret\'s login in its database'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -f -a "status" -d 'Show the secret\'s plan and where its last rotation stands'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -f -a "resume" -d 'Carry on a rotation that a crash or an error stopped'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -f -a "abort" -d 'Undo a rotation whose new login is not current yet: drop it, discard its version'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -f -a "finish" -d 'End the overlap now: drop the previous login and disable its version'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and not __fish_seen_subcommand_from set status resume abort finish help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l postgres -d 'The secret holding the admin\'s PostgreSQL connection URI' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l role -d 'The family of login roles: versions log in as ROLE_vN, leases as ROLE_l<id>' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l group -d 'The group role that owns the privileges; every login joins it' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l overlap -d 'How long the previous login keeps working after a rotation' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from abort" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from finish" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from help" -f -a "set" -d 'Record (or change) how `rotate` changes the secret\'s login in its database'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the secret\'s plan and where its last rotation stands'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Carry on a rotation that a crash or an error stopped'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from help" -f -a "abort" -d 'Undo a rotation whose new login is not current yet: drop it, discard its version'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from help" -f -a "finish" -d 'End the overlap now: drop the previous login and disable its version'
complete -c tresor -n "__fish_tresor_using_subcommand rotation; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -l ttl -d 'How long the login works (the database refuses it after)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -a "list" -d 'List the leases the vault records: live and expired'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -a "revoke" -d 'Drop a lease\'s login now'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -a "sweep" -d 'Drop every expired lease\'s login and forget it'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and not __fish_seen_subcommand_from list revoke sweep help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from sweep" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the leases the vault records: live and expired'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Drop a lease\'s login now'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from help" -f -a "sweep" -d 'Drop every expired lease\'s login and forget it'
complete -c tresor -n "__fish_tresor_using_subcommand lease; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand run" -s e -l env -d 'A variable for the command: VAR=NAME, VAR=NAME@VERSION or VAR=NAME#ALIAS (repeatable)' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l prefix -d 'Every secret under this path, as a variable (prod/app/db-url is PROD_APP_DB_URL)' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l lease -d 'A fresh login for the command\'s lifetime: VAR=NAME or VAR=NAME:TTL (default 1h); revoked when the command exits (repeatable)' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l pass-env -d 'Pass this credential variable of tresor\'s own on to the command; they are withheld otherwise (repeatable)' -r -f -a "TRESOR_IDENTITY\t''
TRESOR_IDENTITY_KEY\t''
TRESOR_PASSPHRASE_FILE\t''
SOPS_AGE_KEY\t''
SOPS_AGE_KEY_FILE\t''"
complete -c tresor -n "__fish_tresor_using_subcommand run" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l strip-prefix -d 'Name variables by the path below the prefix (DB_URL)'
complete -c tresor -n "__fish_tresor_using_subcommand run" -l no-mask -d 'Pass the command\'s output through as is: values are NOT masked (binary output)'
complete -c tresor -n "__fish_tresor_using_subcommand run" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand run" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand run" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand inject" -s i -l in-file -d 'The template (default: stdin)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -s o -l out-file -d 'Where to write the result, atomically and mode 0600 (default: stdout)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand inject" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand inject" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand export" -l format -d 'The format [default: dotenv, or json with --json]' -r -f -a "dotenv\t'KEY="value" lines that dotenv readers load'
json\t'One JSON object'
shell\t'export KEY=\'value\' lines for sh, bash and zsh'"
complete -c tresor -n "__fish_tresor_using_subcommand export" -s o -l out-file -d 'Where to write, atomically and mode 0600 (default: stdout)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand export" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand export" -l strip-prefix -d 'Name variables by the path below the prefix (DB_URL)'
complete -c tresor -n "__fish_tresor_using_subcommand export" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand export" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -f -a "dotenv" -d 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url'
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -f -a "sops" -d 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC'
complete -c tresor -n "__fish_tresor_using_subcommand import; and not __fish_seen_subcommand_from dotenv sops help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l prefix -d 'Where the secrets go: KEY becomes PREFIX/key' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l owner -d 'The team or person responsible for the secrets created' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l rotate-existing -d 'Add a new version to secrets that exist (else an existing one is an error)'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from dotenv" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l prefix -d 'Create the secrets under this path' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l input-type -d 'The file\'s format (default: from its name, as sops decides)' -r -f -a "yaml\t''
json\t''
dotenv\t''"
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l age-key-file -d 'A file of age identities that may open the file' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l rotate-existing -d 'Add a version to secrets that exist already, instead of failing'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from sops" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "dotenv" -d 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "sops" -d 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC'
complete -c tresor -n "__fish_tresor_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand upgrade" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -f -a "show" -d 'Print the root fingerprint, its admin, and the head this machine last verified'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -f -a "forget" -d 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and not __fish_seen_subcommand_from show forget help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from forget" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the root fingerprint, its admin, and the head this machine last verified'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "forget" -d 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose'
complete -c tresor -n "__fish_tresor_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l vault -d 'The vault file (default: the nearest vault.toml upward, else the user\'s default vault)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l audit-log -d 'The audit log (default: beside the vault, NAME.audit.jsonl)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l identity -d 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l passphrase-file -d 'A file holding the passphrase of a protected identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l reason -d 'Why you act (recorded in the audit log; some policies require it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l expect-root -d 'Refuse any vault whose root is not this one (`tresor trust show` prints it)' -r
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l json -d 'Machine-readable output on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand completions" -s q -l quiet -d 'Print nothing but what was asked for'
complete -c tresor -n "__fish_tresor_using_subcommand completions" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "identity" -d 'Create or show the identity (an age key) that tresor acts with'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "init" -d 'Create a new vault and its audit log; the creator is its admin'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "recipient" -d 'Manage the principals (named age recipients) of the vault'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "create" -d 'Create a secret with its first version'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "meta" -d 'Change a secret\'s metadata (owner, description, rotation period, tags) or its current version\'s expiry'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "get" -d 'Print a secret\'s value, exactly its bytes'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "rotate" -d 'Add a new version; it becomes current (or pending with --stage)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "promote" -d 'Point an alias (current by default) at a version, compare-and-swap with --expect'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "rollback" -d 'Make the previous version current again (and the current one previous)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "alias" -d 'Set or remove an alias of a secret'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "disable" -d 'Keep a version but stop serving it'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "enable" -d 'Serve a disabled version again'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "destroy" -d 'Delete a version\'s ciphertext and key for good (asks first on a terminal)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "delete" -d 'Destroy every version of a secret and remove its name, which is then free again (asks first on a terminal)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "rename" -d 'Give a secret a new name: its versions, aliases and metadata move, each value re-sealed to the new name'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "list" -d 'List secrets: name, owner, current version, age, rotation due'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "show" -d 'Show a secret\'s metadata, aliases and versions; never a value'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "policy" -d 'Show, set or test the access policy'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "break-glass" -d 'Open, close or list break-glass grants'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "audit" -d 'Verify and read the audit log'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "git" -d 'Keep the vault in git: merge drivers, readable diffs'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "check" -d 'Report what must be acted on: overdue rotations, expiries, open grants, exposure (exit 8)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "rotation" -d 'Rotation that reaches the database: a secret\'s plan, and its rotation\'s state'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "lease" -d 'A fresh database login for a planned secret, that the database itself expires'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "run" -d 'Run a command with secrets in its environment; its output is masked'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "inject" -d 'Fill the {{ tresor://NAME }} references of a template with their values'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "export" -d 'Print secrets under a prefix as dotenv, JSON or shell assignments'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "import" -d 'Bring secrets in from other tools\' files'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "upgrade" -d 'Convert a format-1 vault to format 2 (signed records), in one audited write; an admin runs it'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "trust" -d 'The vault\'s root and what this machine verified of it'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from identity init recipient create meta get rotate promote rollback alias disable enable destroy delete rename list show policy break-glass audit git check rotation lease run inject export import upgrade trust completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from identity" -f -a "new" -d 'Write a new identity and print its recipient'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from identity" -f -a "show" -d 'Print the recipient and principal of the identity in use'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from recipient" -f -a "add" -d 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from recipient" -f -a "list" -d 'List the principals'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from recipient" -f -a "remove" -d 'Remove a principal, re-keying every keyring it could open'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from recipient" -f -a "request" -d 'Ask to join: record your identity\'s recipient as a pending request (commit it in a pull request)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from recipient" -f -a "approve" -d 'Approve a pending request by its key\'s fingerprint (shown in the pull request\'s diff and by `recipient list`): add the principal, optionally into groups'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from alias" -f -a "set" -d 'Point an alias at a version'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from alias" -f -a "rm" -d 'Remove an alias'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "show" -d 'Print the policy as TOML that `policy set` accepts back'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "set" -d 'Apply a policy document (admins only); re-keys keyrings someone leaves'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "check" -d 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from break-glass" -f -a "open" -d 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from break-glass" -f -a "close" -d 'Close your open grants (or one by id)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from break-glass" -f -a "list" -d 'List grants: open, expired and closed'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Verify the hash chain, and that every write the vault records is in it'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "head" -d 'Print the head of the log, SEQ:HASH'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "log" -d 'Print events, filtered'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "summary" -d 'Reads by principal and by secret, denials, break-glass use, rotations by owner'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from git" -f -a "setup" -d 'Register tresor\'s merge drivers and diff textconvs in .gitattributes and the repository\'s config'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from git" -f -a "merge" -d 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from git" -f -a "resolve" -d 'Finish a merge that ran without tresor\'s drivers (a fresh clone, a forge\'s merge button): merge the conflicted vault and log from git\'s index, as the driver would, and stage them'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from git" -f -a "textconv" -d 'The diff textconv git calls: a readable view without values, keys or base64'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from rotation" -f -a "set" -d 'Record (or change) how `rotate` changes the secret\'s login in its database'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from rotation" -f -a "status" -d 'Show the secret\'s plan and where its last rotation stands'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from rotation" -f -a "resume" -d 'Carry on a rotation that a crash or an error stopped'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from rotation" -f -a "abort" -d 'Undo a rotation whose new login is not current yet: drop it, discard its version'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from rotation" -f -a "finish" -d 'End the overlap now: drop the previous login and disable its version'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from lease" -f -a "list" -d 'List the leases the vault records: live and expired'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from lease" -f -a "revoke" -d 'Drop a lease\'s login now'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from lease" -f -a "sweep" -d 'Drop every expired lease\'s login and forget it'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "dotenv" -d 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "sops" -d 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from trust" -f -a "show" -d 'Print the root fingerprint, its admin, and the head this machine last verified'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from trust" -f -a "forget" -d 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose'
