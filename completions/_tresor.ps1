
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tresor' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tresor'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tresor' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('identity', 'identity', [CompletionResultType]::ParameterValue, 'Create or show the identity (an age key) that tresor acts with')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new vault and its audit log; the creator is its admin')
            [CompletionResult]::new('recipient', 'recipient', [CompletionResultType]::ParameterValue, 'Manage the principals (named age recipients) of the vault')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret with its first version')
            [CompletionResult]::new('meta', 'meta', [CompletionResultType]::ParameterValue, 'Change a secret''s metadata (owner, description, rotation period, tags) or its current version''s expiry')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value, exactly its bytes')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Add a new version; it becomes current (or pending with --stage)')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Point an alias (current by default) at a version, compare-and-swap with --expect')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Make the previous version current again (and the current one previous)')
            [CompletionResult]::new('alias', 'alias', [CompletionResultType]::ParameterValue, 'Set or remove an alias of a secret')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Keep a version but stop serving it')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Serve a disabled version again')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Delete a version''s ciphertext and key for good (asks first on a terminal)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Destroy every version of a secret and remove its name, which is then free again (asks first on a terminal)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Give a secret a new name: its versions, aliases and metadata move, each value re-sealed to the new name')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List secrets: name, owner, current version, age, rotation due')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a secret''s metadata, aliases and versions; never a value')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Show, set or test the access policy')
            [CompletionResult]::new('break-glass', 'break-glass', [CompletionResultType]::ParameterValue, 'Open, close or list break-glass grants')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Verify and read the audit log')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Keep the vault in git: merge drivers, readable diffs')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report what must be acted on: overdue rotations, expiries, open grants, exposure (exit 8)')
            [CompletionResult]::new('rotation', 'rotation', [CompletionResultType]::ParameterValue, 'Rotation that reaches the database: a secret''s plan, and its rotation''s state')
            [CompletionResult]::new('lease', 'lease', [CompletionResultType]::ParameterValue, 'A fresh database login for a planned secret, that the database itself expires')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with secrets in its environment; its output is masked')
            [CompletionResult]::new('inject', 'inject', [CompletionResultType]::ParameterValue, 'Fill the {{ tresor://NAME }} references of a template with their values')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print secrets under a prefix as dotenv, JSON or shell assignments')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Bring secrets in from other tools'' files')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Convert a format-1 vault to format 2 (signed records), in one audited write; an admin runs it')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'The vault''s root and what this machine verified of it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;identity' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new identity and print its recipient')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the recipient and principal of the identity in use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;identity;new' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write it (default: the identity in the user''s config folder)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal it under a passphrase (Argon2id)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;identity;show' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;identity;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new identity and print its recipient')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the recipient and principal of the identity in use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;identity;help;new' {
            break
        }
        'tresor;identity;help;show' {
            break
        }
        'tresor;identity;help;help' {
            break
        }
        'tresor;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The creator''s principal name (default: the user name)')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'More admins (a backup key, a second person), as NAME=age1…[,ed25519:…] or age1…; without a signing key they can read but not write until one is registered')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;recipient' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the principals')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a principal, re-keying every keyring it could open')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Ask to join: record your identity''s recipient as a pending request (commit it in a pull request)')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve a pending request by its key''s fingerprint (shown in the pull request''s diff and by `recipient list`): add the principal, optionally into groups')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;recipient;add' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;recipient;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;recipient;remove' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;recipient;request' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;recipient;approve' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Add it to this policy group (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;recipient;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the principals')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a principal, re-keying every keyring it could open')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Ask to join: record your identity''s recipient as a pending request (commit it in a pull request)')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve a pending request by its key''s fingerprint (shown in the pull request''s diff and by `recipient list`): add the principal, optionally into groups')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;recipient;help;add' {
            break
        }
        'tresor;recipient;help;list' {
            break
        }
        'tresor;recipient;help;remove' {
            break
        }
        'tresor;recipient;help;request' {
            break
        }
        'tresor;recipient;help;approve' {
            break
        }
        'tresor;recipient;help;help' {
            break
        }
        'tresor;create' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read the value from a file, exactly its bytes')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate a random value of LEN characters (default 32)')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'The characters of a generated value [default: alnum]')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'The team or person responsible for it')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--rotate-every', '--rotate-every', [CompletionResultType]::ParameterName, 'How often it should be rotated (90d, 12h)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'When it expires: an RFC 3339 time or a duration from now')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag, as key=value (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;meta' {
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'The team or person responsible for it')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--rotate-every', '--rotate-every', [CompletionResultType]::ParameterName, 'How often it should be rotated (90d, 12h)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'When the current version expires: an RFC 3339 time or a duration from now')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag to set, as key=value (repeatable)')
            [CompletionResult]::new('--untag', '--untag', [CompletionResultType]::ParameterName, 'A tag to remove, by key (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--no-rotate', '--no-rotate', [CompletionResultType]::ParameterName, 'It needs no scheduled rotation')
            [CompletionResult]::new('--no-expiry', '--no-expiry', [CompletionResultType]::ParameterName, 'The current version does not expire')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;get' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'A version number')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'An alias (current, previous, pending, or your own)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rotate' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read the value from a file, exactly its bytes')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate a random value of LEN characters (default 32)')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'The characters of a generated value [default: alnum]')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'When the new version expires: an RFC 3339 time or a duration from now')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Stage the new version as `pending` instead of making it current')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;promote' {
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'The alias to move')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'Fail unless the alias is at this version now (compare-and-swap)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rollback' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;alias' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Point an alias at a version')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an alias')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;alias;set' {
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'Fail unless the alias is at this version now (compare-and-swap)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;alias;rm' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;alias;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Point an alias at a version')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an alias')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;alias;help;set' {
            break
        }
        'tresor;alias;help;rm' {
            break
        }
        'tresor;alias;help;help' {
            break
        }
        'tresor;disable' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'version')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;enable' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'version')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;destroy' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'version')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Destroy every version')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask (required when not on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;delete' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask (required when not on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rename' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;show' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;policy' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the policy as TOML that `policy set` accepts back')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Apply a policy document (admins only); re-keys keyrings someone leaves')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;policy;show' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;policy;set' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;policy;check' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;policy;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the policy as TOML that `policy set` accepts back')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Apply a policy document (admins only); re-keys keyrings someone leaves')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;policy;help;show' {
            break
        }
        'tresor;policy;help;set' {
            break
        }
        'tresor;policy;help;check' {
            break
        }
        'tresor;policy;help;help' {
            break
        }
        'tresor;break-glass' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close your open grants (or one by id)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List grants: open, expired and closed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;break-glass;open' {
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'The incident or change ticket this access is for')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long the grant lasts (at most the policy''s max_duration)')
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'Which secrets it covers (default: everything [break_glass] allows)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;break-glass;close' {
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'grant')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;break-glass;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;break-glass;help' {
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close your open grants (or one by id)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List grants: open, expired and closed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;break-glass;help;open' {
            break
        }
        'tresor;break-glass;help;close' {
            break
        }
        'tresor;break-glass;help;list' {
            break
        }
        'tresor;break-glass;help;help' {
            break
        }
        'tresor;audit' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the hash chain, and that every write the vault records is in it')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the head of the log, SEQ:HASH')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Print events, filtered')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Reads by principal and by secret, denials, break-glass use, rotations by owner')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;audit;verify' {
            [CompletionResult]::new('--expect-head', '--expect-head', [CompletionResultType]::ParameterName, 'A head published earlier (SEQ:HASH) that must still be in the log')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;audit;head' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;audit;log' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Only events on secrets matching this glob (* one segment, ** any)')
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'principal')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'event')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events since a duration ago (24h) or an RFC 3339 time')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'Only events under this break-glass grant')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;audit;summary' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events since a duration ago (7d) or an RFC 3339 time')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;audit;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the hash chain, and that every write the vault records is in it')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the head of the log, SEQ:HASH')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Print events, filtered')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Reads by principal and by secret, denials, break-glass use, rotations by owner')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;audit;help;verify' {
            break
        }
        'tresor;audit;help;head' {
            break
        }
        'tresor;audit;help;log' {
            break
        }
        'tresor;audit;help;summary' {
            break
        }
        'tresor;audit;help;help' {
            break
        }
        'tresor;git' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Register tresor''s merge drivers and diff textconvs in .gitattributes and the repository''s config')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Finish a merge that ran without tresor''s drivers (a fresh clone, a forge''s merge button): merge the conflicted vault and log from git''s index, as the driver would, and stage them')
            [CompletionResult]::new('textconv', 'textconv', [CompletionResultType]::ParameterValue, 'The diff textconv git calls: a readable view without values, keys or base64')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;git;setup' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;git;merge' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--audit', '--audit', [CompletionResultType]::ParameterName, 'Merge audit logs instead of vaults')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;git;resolve' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;git;textconv' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--audit', '--audit', [CompletionResultType]::ParameterName, 'Show an audit log instead of a vault')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;git;help' {
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Register tresor''s merge drivers and diff textconvs in .gitattributes and the repository''s config')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Finish a merge that ran without tresor''s drivers (a fresh clone, a forge''s merge button): merge the conflicted vault and log from git''s index, as the driver would, and stage them')
            [CompletionResult]::new('textconv', 'textconv', [CompletionResultType]::ParameterValue, 'The diff textconv git calls: a readable view without values, keys or base64')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;git;help;setup' {
            break
        }
        'tresor;git;help;merge' {
            break
        }
        'tresor;git;help;resolve' {
            break
        }
        'tresor;git;help;textconv' {
            break
        }
        'tresor;git;help;help' {
            break
        }
        'tresor;check' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rotation' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record (or change) how `rotate` changes the secret''s login in its database')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the secret''s plan and where its last rotation stands')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Carry on a rotation that a crash or an error stopped')
            [CompletionResult]::new('abort', 'abort', [CompletionResultType]::ParameterValue, 'Undo a rotation whose new login is not current yet: drop it, discard its version')
            [CompletionResult]::new('finish', 'finish', [CompletionResultType]::ParameterValue, 'End the overlap now: drop the previous login and disable its version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;rotation;set' {
            [CompletionResult]::new('--postgres', '--postgres', [CompletionResultType]::ParameterName, 'The secret holding the admin''s PostgreSQL connection URI')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The family of login roles: versions log in as ROLE_vN, leases as ROLE_l<id>')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group role that owns the privileges; every login joins it')
            [CompletionResult]::new('--overlap', '--overlap', [CompletionResultType]::ParameterName, 'How long the previous login keeps working after a rotation')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rotation;status' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rotation;resume' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rotation;abort' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rotation;finish' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;rotation;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record (or change) how `rotate` changes the secret''s login in its database')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the secret''s plan and where its last rotation stands')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Carry on a rotation that a crash or an error stopped')
            [CompletionResult]::new('abort', 'abort', [CompletionResultType]::ParameterValue, 'Undo a rotation whose new login is not current yet: drop it, discard its version')
            [CompletionResult]::new('finish', 'finish', [CompletionResultType]::ParameterValue, 'End the overlap now: drop the previous login and disable its version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;rotation;help;set' {
            break
        }
        'tresor;rotation;help;status' {
            break
        }
        'tresor;rotation;help;resume' {
            break
        }
        'tresor;rotation;help;abort' {
            break
        }
        'tresor;rotation;help;finish' {
            break
        }
        'tresor;rotation;help;help' {
            break
        }
        'tresor;lease' {
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'How long the login works (the database refuses it after)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the leases the vault records: live and expired')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Drop a lease''s login now')
            [CompletionResult]::new('sweep', 'sweep', [CompletionResultType]::ParameterValue, 'Drop every expired lease''s login and forget it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;lease;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;lease;revoke' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;lease;sweep' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;lease;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the leases the vault records: live and expired')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Drop a lease''s login now')
            [CompletionResult]::new('sweep', 'sweep', [CompletionResultType]::ParameterValue, 'Drop every expired lease''s login and forget it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;lease;help;list' {
            break
        }
        'tresor;lease;help;revoke' {
            break
        }
        'tresor;lease;help;sweep' {
            break
        }
        'tresor;lease;help;help' {
            break
        }
        'tresor;run' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'A variable for the command: VAR=NAME, VAR=NAME@VERSION or VAR=NAME#ALIAS (repeatable)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'A variable for the command: VAR=NAME, VAR=NAME@VERSION or VAR=NAME#ALIAS (repeatable)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Every secret under this path, as a variable (prod/app/db-url is PROD_APP_DB_URL)')
            [CompletionResult]::new('--lease', '--lease', [CompletionResultType]::ParameterName, 'A fresh login for the command''s lifetime: VAR=NAME or VAR=NAME:TTL (default 1h); revoked when the command exits (repeatable)')
            [CompletionResult]::new('--pass-env', '--pass-env', [CompletionResultType]::ParameterName, 'Pass this credential variable of tresor''s own on to the command; they are withheld otherwise (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--strip-prefix', '--strip-prefix', [CompletionResultType]::ParameterName, 'Name variables by the path below the prefix (DB_URL)')
            [CompletionResult]::new('--no-mask', '--no-mask', [CompletionResultType]::ParameterName, 'Pass the command''s output through as is: values are NOT masked (binary output)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;inject' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The template (default: stdin)')
            [CompletionResult]::new('--in-file', '--in-file', [CompletionResultType]::ParameterName, 'The template (default: stdin)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the result, atomically and mode 0600 (default: stdout)')
            [CompletionResult]::new('--out-file', '--out-file', [CompletionResultType]::ParameterName, 'Where to write the result, atomically and mode 0600 (default: stdout)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The format [default: dotenv, or json with --json]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write, atomically and mode 0600 (default: stdout)')
            [CompletionResult]::new('--out-file', '--out-file', [CompletionResultType]::ParameterName, 'Where to write, atomically and mode 0600 (default: stdout)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--strip-prefix', '--strip-prefix', [CompletionResultType]::ParameterName, 'Name variables by the path below the prefix (DB_URL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;import' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('dotenv', 'dotenv', [CompletionResultType]::ParameterValue, 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url')
            [CompletionResult]::new('sops', 'sops', [CompletionResultType]::ParameterValue, 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;import;dotenv' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Where the secrets go: KEY becomes PREFIX/key')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'The team or person responsible for the secrets created')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--rotate-existing', '--rotate-existing', [CompletionResultType]::ParameterName, 'Add a new version to secrets that exist (else an existing one is an error)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;import;sops' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Create the secrets under this path')
            [CompletionResult]::new('--input-type', '--input-type', [CompletionResultType]::ParameterName, 'The file''s format (default: from its name, as sops decides)')
            [CompletionResult]::new('--age-key-file', '--age-key-file', [CompletionResultType]::ParameterName, 'A file of age identities that may open the file')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--rotate-existing', '--rotate-existing', [CompletionResultType]::ParameterName, 'Add a version to secrets that exist already, instead of failing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;import;help' {
            [CompletionResult]::new('dotenv', 'dotenv', [CompletionResultType]::ParameterValue, 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url')
            [CompletionResult]::new('sops', 'sops', [CompletionResultType]::ParameterValue, 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;import;help;dotenv' {
            break
        }
        'tresor;import;help;sops' {
            break
        }
        'tresor;import;help;help' {
            break
        }
        'tresor;upgrade' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;trust' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the root fingerprint, its admin, and the head this machine last verified')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;trust;show' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;trust;forget' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;trust;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the root fingerprint, its admin, and the head this machine last verified')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;trust;help;show' {
            break
        }
        'tresor;trust;help;forget' {
            break
        }
        'tresor;trust;help;help' {
            break
        }
        'tresor;completions' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file (default: the nearest vault.toml upward, else the user''s default vault)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'The audit log (default: beside the vault, NAME.audit.jsonl)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The identity file (else TRESOR_IDENTITY, TRESOR_IDENTITY_KEY, or the default identity)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A file holding the passphrase of a protected identity')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why you act (recorded in the audit log; some policies require it)')
            [CompletionResult]::new('--expect-root', '--expect-root', [CompletionResultType]::ParameterName, 'Refuse any vault whose root is not this one (`tresor trust show` prints it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but what was asked for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;help' {
            [CompletionResult]::new('identity', 'identity', [CompletionResultType]::ParameterValue, 'Create or show the identity (an age key) that tresor acts with')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new vault and its audit log; the creator is its admin')
            [CompletionResult]::new('recipient', 'recipient', [CompletionResultType]::ParameterValue, 'Manage the principals (named age recipients) of the vault')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret with its first version')
            [CompletionResult]::new('meta', 'meta', [CompletionResultType]::ParameterValue, 'Change a secret''s metadata (owner, description, rotation period, tags) or its current version''s expiry')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value, exactly its bytes')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Add a new version; it becomes current (or pending with --stage)')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Point an alias (current by default) at a version, compare-and-swap with --expect')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Make the previous version current again (and the current one previous)')
            [CompletionResult]::new('alias', 'alias', [CompletionResultType]::ParameterValue, 'Set or remove an alias of a secret')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Keep a version but stop serving it')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Serve a disabled version again')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Delete a version''s ciphertext and key for good (asks first on a terminal)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Destroy every version of a secret and remove its name, which is then free again (asks first on a terminal)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Give a secret a new name: its versions, aliases and metadata move, each value re-sealed to the new name')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List secrets: name, owner, current version, age, rotation due')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a secret''s metadata, aliases and versions; never a value')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Show, set or test the access policy')
            [CompletionResult]::new('break-glass', 'break-glass', [CompletionResultType]::ParameterValue, 'Open, close or list break-glass grants')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Verify and read the audit log')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Keep the vault in git: merge drivers, readable diffs')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report what must be acted on: overdue rotations, expiries, open grants, exposure (exit 8)')
            [CompletionResult]::new('rotation', 'rotation', [CompletionResultType]::ParameterValue, 'Rotation that reaches the database: a secret''s plan, and its rotation''s state')
            [CompletionResult]::new('lease', 'lease', [CompletionResultType]::ParameterValue, 'A fresh database login for a planned secret, that the database itself expires')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with secrets in its environment; its output is masked')
            [CompletionResult]::new('inject', 'inject', [CompletionResultType]::ParameterValue, 'Fill the {{ tresor://NAME }} references of a template with their values')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print secrets under a prefix as dotenv, JSON or shell assignments')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Bring secrets in from other tools'' files')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Convert a format-1 vault to format 2 (signed records), in one audited write; an admin runs it')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'The vault''s root and what this machine verified of it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;help;identity' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new identity and print its recipient')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the recipient and principal of the identity in use')
            break
        }
        'tresor;help;identity;new' {
            break
        }
        'tresor;help;identity;show' {
            break
        }
        'tresor;help;init' {
            break
        }
        'tresor;help;recipient' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a principal with its age recipient and signing key (as `tresor identity show` prints them)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the principals')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a principal, re-keying every keyring it could open')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Ask to join: record your identity''s recipient as a pending request (commit it in a pull request)')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve a pending request by its key''s fingerprint (shown in the pull request''s diff and by `recipient list`): add the principal, optionally into groups')
            break
        }
        'tresor;help;recipient;add' {
            break
        }
        'tresor;help;recipient;list' {
            break
        }
        'tresor;help;recipient;remove' {
            break
        }
        'tresor;help;recipient;request' {
            break
        }
        'tresor;help;recipient;approve' {
            break
        }
        'tresor;help;create' {
            break
        }
        'tresor;help;meta' {
            break
        }
        'tresor;help;get' {
            break
        }
        'tresor;help;rotate' {
            break
        }
        'tresor;help;promote' {
            break
        }
        'tresor;help;rollback' {
            break
        }
        'tresor;help;alias' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Point an alias at a version')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an alias')
            break
        }
        'tresor;help;alias;set' {
            break
        }
        'tresor;help;alias;rm' {
            break
        }
        'tresor;help;disable' {
            break
        }
        'tresor;help;enable' {
            break
        }
        'tresor;help;destroy' {
            break
        }
        'tresor;help;delete' {
            break
        }
        'tresor;help;rename' {
            break
        }
        'tresor;help;list' {
            break
        }
        'tresor;help;show' {
            break
        }
        'tresor;help;policy' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the policy as TOML that `policy set` accepts back')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Apply a policy document (admins only); re-keys keyrings someone leaves')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Tell whether PRINCIPAL may do ACTION on NAME, and which rule decides (exit 0 allow, 4 deny)')
            break
        }
        'tresor;help;policy;show' {
            break
        }
        'tresor;help;policy;set' {
            break
        }
        'tresor;help;policy;check' {
            break
        }
        'tresor;help;break-glass' {
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a time-limited grant to read what your rules deny (needs --reason and --ticket)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close your open grants (or one by id)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List grants: open, expired and closed')
            break
        }
        'tresor;help;break-glass;open' {
            break
        }
        'tresor;help;break-glass;close' {
            break
        }
        'tresor;help;break-glass;list' {
            break
        }
        'tresor;help;audit' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the hash chain, and that every write the vault records is in it')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the head of the log, SEQ:HASH')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Print events, filtered')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Reads by principal and by secret, denials, break-glass use, rotations by owner')
            break
        }
        'tresor;help;audit;verify' {
            break
        }
        'tresor;help;audit;head' {
            break
        }
        'tresor;help;audit;log' {
            break
        }
        'tresor;help;audit;summary' {
            break
        }
        'tresor;help;git' {
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Register tresor''s merge drivers and diff textconvs in .gitattributes and the repository''s config')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'The merge driver git calls: merges OTHER into OURS (written in place), BASE their ancestor')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Finish a merge that ran without tresor''s drivers (a fresh clone, a forge''s merge button): merge the conflicted vault and log from git''s index, as the driver would, and stage them')
            [CompletionResult]::new('textconv', 'textconv', [CompletionResultType]::ParameterValue, 'The diff textconv git calls: a readable view without values, keys or base64')
            break
        }
        'tresor;help;git;setup' {
            break
        }
        'tresor;help;git;merge' {
            break
        }
        'tresor;help;git;resolve' {
            break
        }
        'tresor;help;git;textconv' {
            break
        }
        'tresor;help;check' {
            break
        }
        'tresor;help;rotation' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record (or change) how `rotate` changes the secret''s login in its database')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the secret''s plan and where its last rotation stands')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Carry on a rotation that a crash or an error stopped')
            [CompletionResult]::new('abort', 'abort', [CompletionResultType]::ParameterValue, 'Undo a rotation whose new login is not current yet: drop it, discard its version')
            [CompletionResult]::new('finish', 'finish', [CompletionResultType]::ParameterValue, 'End the overlap now: drop the previous login and disable its version')
            break
        }
        'tresor;help;rotation;set' {
            break
        }
        'tresor;help;rotation;status' {
            break
        }
        'tresor;help;rotation;resume' {
            break
        }
        'tresor;help;rotation;abort' {
            break
        }
        'tresor;help;rotation;finish' {
            break
        }
        'tresor;help;lease' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the leases the vault records: live and expired')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Drop a lease''s login now')
            [CompletionResult]::new('sweep', 'sweep', [CompletionResultType]::ParameterValue, 'Drop every expired lease''s login and forget it')
            break
        }
        'tresor;help;lease;list' {
            break
        }
        'tresor;help;lease;revoke' {
            break
        }
        'tresor;help;lease;sweep' {
            break
        }
        'tresor;help;run' {
            break
        }
        'tresor;help;inject' {
            break
        }
        'tresor;help;export' {
            break
        }
        'tresor;help;import' {
            [CompletionResult]::new('dotenv', 'dotenv', [CompletionResultType]::ParameterValue, 'One secret per key of a .env file: DB_URL becomes PREFIX/db-url')
            [CompletionResult]::new('sops', 'sops', [CompletionResultType]::ParameterValue, 'Create a secret for each value of a SOPS-encrypted YAML, JSON or dotenv file, after checking its MAC')
            break
        }
        'tresor;help;import;dotenv' {
            break
        }
        'tresor;help;import;sops' {
            break
        }
        'tresor;help;upgrade' {
            break
        }
        'tresor;help;trust' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the root fingerprint, its admin, and the head this machine last verified')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Forget what this machine pinned for a vault id, to accept a new vault or an older state on purpose')
            break
        }
        'tresor;help;trust;show' {
            break
        }
        'tresor;help;trust;forget' {
            break
        }
        'tresor;help;completions' {
            break
        }
        'tresor;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
