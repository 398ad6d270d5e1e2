#!/usr/bin/env bash
# Writes the seed corpus (corpus/<target>/) from files the tresor binary makes, plus
# the frozen format-1 vectors and a few hand-written templates. Run from the repository:
#   cargo build && fuzz/make-corpus.sh
# Re-running replaces the seeds with equivalent ones (keys and times differ).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tresor="$(realpath "${TRESOR:-$repo/target/debug/tresor}")"
corpus="$repo/fuzz/corpus"
vectors="$repo/tests/fixtures/format-v1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir home config data
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" CI=1
export TRESOR_VAULT="$work/vault.toml"
as() { local who="$1"; shift; TRESOR_IDENTITY="$work/$who.key" "$tresor" "$@"; }
recipient() { sed -n 's/^# public key: //p' "$1.key"; }
# A principal's signing key, which a member needs to write (bob opens a grant below).
signing() { TRESOR_IDENTITY="$work/$1.key" "$tresor" identity show --json | sed -n 's/.*"signing":"\([^"]*\)".*/\1/p'; }
rm -rf "$corpus"
mkdir -p "$corpus"/{vault_parse,audit_verify,audit_line,policy_parse,inject_template}

for who in alice bob ci-deploy; do "$tresor" identity new --out "$who.key" >/dev/null; done
as alice init --name alice >/dev/null
cp vault.toml "$corpus/vault_parse/init.toml"
cp vault.audit.jsonl "$corpus/audit_verify/init.jsonl"
as alice policy show > "$corpus/policy_parse/initial.toml"

as alice recipient add bob "$(recipient bob)" "$(signing bob)" >/dev/null
as alice recipient add ci-deploy "$(recipient ci-deploy)" "$(signing ci-deploy)" >/dev/null
cat > policy.toml <<'POLICY'
[groups]
admins = ["alice"]
payments-oncall = ["bob"]

[[rule]]
who = ["group:admins"]
can = ["*"]
on = ["**"]

[[rule]]
who = ["bob", "group:payments-oncall"]
can = ["read", "rotate"]
on = ["dev/**", "prod/payments/*"]
require = ["reason"]

[[rule]]
effect = "deny"
who = ["ci-deploy"]
can = ["read"]
on = ["prod/payments/admin-*"]

[break_glass]
who = ["group:payments-oncall"]
on = ["prod/**"]
max_duration = "1h"
require = ["reason", "ticket"]
POLICY
as alice policy set policy.toml >/dev/null
as alice policy show > "$corpus/policy_parse/design.toml"
printf 'v1' | as alice create prod/payments/stripe-key --owner payments --rotate-every 90d --tag env=prod >/dev/null
printf 'v2' | as alice rotate prod/payments/stripe-key --stage >/dev/null
as alice promote prod/payments/stripe-key 2 --expect 1 >/dev/null
as alice destroy prod/payments/stripe-key --version 1 --yes >/dev/null
as alice create dev/token --generate=16 --description 'a "quoted" description' >/dev/null
as alice get dev/token >/dev/null
as bob break-glass open --reason outage --ticket INC-1 --duration 10m >/dev/null 2>&1
cp vault.toml "$corpus/vault_parse/small.toml"
cp vault.audit.jsonl "$corpus/audit_verify/small.jsonl"

cp "$vectors/vault.toml" "$corpus/vault_parse/format-v1.toml"
cp "$vectors/vault.audit.jsonl" "$corpus/audit_verify/format-v1.jsonl"
sed -n "/^policy = '''$/,/^'''$/p" "$vectors/vault.toml" | sed '1d;$d' > "$corpus/policy_parse/format-v1.toml"
# One line of each kind of event, from both logs.
cat vault.audit.jsonl "$vectors/vault.audit.jsonl" | jq -c -r '.event' | sort -u | while read -r event; do
  cat vault.audit.jsonl "$vectors/vault.audit.jsonl" \
    | grep -m1 "\"event\":\"$event\"" | tr -d '\n' > "$corpus/audit_line/$event.json"
done

t="$corpus/inject_template"
printf 'DATABASE_URL=postgres://app:{{ tresor://prod/db/password }}@db:5432/app\nSTRIPE_KEY={{tresor://prod/payments/stripe-key}}\n' > "$t/dotenv.env"
printf 'image: {{ .Values.image }}\nsecrets:\n  api: "{{ tresor://dev/app/api-token#previous }}"\n  pinned: "{{\ttresor://dev/app/api-token@2\t}}"\n  helm: "{{ .Values.api | quote }}"\n' > "$t/helm.yaml"
printf '{"key": "{{ tresor://prod/payments/stripe-key#canary }}", "braces": "{{}} {{ tresor }}"}\n' > "$t/config.json"
printf 'ok\n{{ tresor://a/b \n}}\n' > "$t/unclosed.txt"
printf '{{ tresor://bad name }} {{ tresor:// }} {{ tresor://x@0 }} {{ tresor://x#Bad }}\n' > "$t/malformed.txt"
du -sh "$corpus"
