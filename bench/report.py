#!/usr/bin/env python3
"""Summarise one run of bench/run.sh (the JSON of bench/measure.py and the small files
beside it) as Markdown: the machine, every target of "The vault at scale" with its
verdict, the tables behind them, the commands and the load.

    report.py RESULTS                      # the figures only (summary.md)
    report.py RESULTS --template T.md      # T.md with its {{figures}} line replaced

Every ratio is of CPU-time medians (user + system of the process and its children),
except the parallel-get target, which is about wall time by its own words.
"""

import argparse
import json
import pathlib
import re
import statistics

SIZES = [20, 1000, 10000, 100000]  # the store sizes the targets name
PARALLEL_SIZES = [20, 10000]
FRESH_SIZES = [1000, 10000]  # get with no pin, on a machine that never opened the vault
RUN_N = 10000
MASK_N = 3000
MIB = 2**20

MET, MISSED = "met", "**missed**"


def verdict(ok):
    return MET if ok else MISSED


def median(result, key="cpu"):
    return statistics.median(result[key])


def ms(seconds):
    value = seconds * 1000
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def ratio(x):
    return f"{x:.2f} ×"


def table(rows, header):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def openssl_verify_per_second(text):
    """Ed25519 verifications per second from `openssl speed ed25519` output, or None.

    The line looks like ` 253 bits EdDSA (Ed25519)   0.0001s   0.0002s  18592.7   5704.3`:
    sign time, verify time, sign/s, verify/s."""
    for line in text.splitlines():
        if "Ed25519" in line:
            numbers = re.findall(r"\d+(?:\.\d+)?", line.split(")", 1)[-1])
            if len(numbers) >= 4:
                return float(numbers[3])
    return None


def key_values(path):
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            key, _, value = line.partition(": ")
            out[key] = value
    return out


def tsv(path):
    if not path.exists():
        return []
    lines = path.read_text().splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


class Run:
    """One run's results folder."""

    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        self.machine = key_values(self.folder / "machine.txt")
        self.groups = {}
        groups = [json.loads(path.read_text()) for path in sorted(self.folder.glob("*.json"))]
        for data in sorted(groups, key=lambda g: g["started"]):  # in the order they ran
            self.groups[data["group"]] = data
        self.sizes = {int(r["n"]): r for r in tsv(self.folder / "sizes.tsv")}
        self.logs = tsv(self.folder / "logs.tsv")
        self.quick = self.machine.get("mode") == "quick"

    def result(self, group, label=None, suffix=None):
        data = self.groups.get(group)
        if not data:
            return None
        for r in data["results"]:
            if r["label"] == label or (suffix and r["label"].endswith(suffix)):
                return r
        return None

    def decrypter(self, n):
        return self.result(f"read-n{n}", suffix="-d (whole store)")

    def short(self, text):
        root = self.machine.get("root")
        return text.replace(root + "/", "") if root else text

    def absent(self, n):
        if self.quick and n not in self.sizes:
            return "not measured (--quick run)"
        return "not measured"


def targets(run):
    rows = []
    get = {n: run.result(f"read-n{n}", "tresor get") for n in SIZES}
    rotate = {n: run.result(f"update-n{n}", "tresor rotate") for n in SIZES}

    # get does not grow with N.
    big, small = get[100000], get[20]
    if big and small:
        r = median(big) / median(small)
        rows.append(["`get` at N = 100,000 ≤ 1.5 × `get` at N = 20",
                     f"{ratio(r)} ({ms(median(big))} / {ms(median(small))} ms)", verdict(r <= 1.5)])
    else:
        rows.append(["`get` at N = 100,000 ≤ 1.5 × `get` at N = 20", run.absent(100000), ""])
    for n in SIZES:
        dec = run.decrypter(n)
        name = (dec["label"].split(" ", 1)[0] if dec else "rage")
        what = f"`get` ≤ 1.0 × `{name} -d` of the whole store, N = {n:,}"
        if get[n] and dec:
            r = median(get[n]) / median(dec)
            rows.append([what, f"{ratio(r)} ({ms(median(get[n]))} / {ms(median(dec))} ms)",
                         verdict(r <= 1.0)])
        else:
            rows.append([what, run.absent(n), ""])

    # rotate.
    big, small = rotate[100000], rotate[20]
    what = "`rotate` at N = 100,000 ≤ 10 × `rotate` at N = 20"
    if big and small:
        r = median(big) / median(small)
        rows.append([what, f"{ratio(r)} ({ms(median(big))} / {ms(median(small))} ms)",
                     verdict(r <= 10)])
    else:
        rows.append([what, run.absent(100000), ""])
    what = "peak RSS of `rotate` ≤ 32 MiB at N = 100,000"
    if big and big["maxrss_kib"]:
        peak = max(big["maxrss_kib"]) / 1024
        rows.append([what, f"{peak:.1f} MiB (largest of {len(big['maxrss_kib'])})",
                     verdict(peak <= 32)])
    else:
        rows.append([what, run.absent(100000), ""])

    # run --prefix against run -e.
    prefix = run.result(f"run-n{RUN_N}", "run --prefix (10 secrets)")
    env = run.result(f"run-n{RUN_N}", "run -e (the same 10)")
    what = f"`run --prefix` of 10 secrets ≤ 1.3 × `run -e` of the same 10, N = {RUN_N:,}"
    if prefix and env:
        r = median(prefix) / median(env)
        rows.append([what, f"{ratio(r)} ({ms(median(prefix))} / {ms(median(env))} ms)",
                     verdict(r <= 1.3)])
    else:
        rows.append([what, "not measured", ""])

    # 8 parallel gets: wall time, as the target says.
    for n in PARALLEL_SIZES:
        par = run.result(f"parallel-n{n}", "8 gets at once")
        seq = run.result(f"parallel-n{n}", "8 gets, one after another")
        what = f"8 parallel `get`s ≤ 0.75 × the same 8 in sequence, wall time, tmpfs, N = {n:,}"
        if par and seq:
            r = median(par, "wall") / median(seq, "wall")
            rows.append([what, f"{ratio(r)} ({ms(median(par, 'wall'))} / {ms(median(seq, 'wall'))} ms wall)",
                         verdict(r <= 0.75)])
        else:
            rows.append([what, "not measured", ""])

    # masking.
    quiet = run.result(f"mask-n{MASK_N}", "run, the child prints nothing")
    loud = run.result(f"mask-n{MASK_N}", "run, the child prints 1 MiB")
    what = f"masking {MASK_N:,} values over 1 MiB of output adds ≤ 0.2 s of CPU"
    if quiet and loud:
        added = median(loud) - median(quiet)
        sign = "+" if added >= 0 else "−"  # noise can make the output run cheaper
        rows.append([what, f"{sign}{ms(abs(added))} ms ({ms(median(loud))} − {ms(median(quiet))} ms)",
                     verdict(added <= 0.2)])
    else:
        rows.append([what, "not measured", ""])

    # audit verify.
    speed_file = run.folder / "openssl-speed.txt"
    ed25519 = openssl_verify_per_second(speed_file.read_text()) if speed_file.exists() else None
    what = "`audit verify` of signed events ≥ 0.5 × `openssl speed ed25519` verify/s"
    signed = [log for log in run.logs if log["signed"] == "yes"]
    if signed and ed25519:
        for log in signed:
            r = run.result(f"verify-{log['log']}", "tresor audit verify")
            per_second = int(log["events"]) / median(r)
            x = per_second / ed25519
            rows.append([f"{what} ({int(log['events']):,} events)",
                         f"{ratio(x)} ({per_second:,.0f} events/s; openssl {ed25519:,.0f}/s)",
                         verdict(x >= 0.5)])
    else:
        shown = f"openssl: {ed25519:,.0f} verify/s; " if ed25519 else ""
        rows.append([what, shown + ("no log of signed events measured" if ed25519
                                    else "`openssl speed ed25519` gave no figure"), ""])
    # This machine's read log: unsigned, chained lines.
    for log in run.logs:
        if log.get("kind") != "reads" or log["signed"] == "yes":
            continue
        group = f"verify-{log['log']}"
        tresor, sha = run.result(group, "tresor audit verify"), run.result(group, "sha256sum")
        if not (tresor and sha):
            continue
        r = median(sha) / median(tresor)
        size = int(log["bytes"])
        origin = "written by tresor" if log["log"] == "written" else "generated"
        rows.append([f"`audit verify` of unsigned read events ≥ 0.7 × `sha256sum` throughput "
                     f"({int(log['events']):,} events, {origin})",
                     f"{ratio(r)} ({size / MIB / median(tresor):,.0f} / "
                     f"{size / MIB / median(sha):,.0f} MiB/s)", verdict(r >= 0.7)])

    # vault bytes per secret, at the largest store.
    if run.sizes:
        n = max(run.sizes)
        per = int(run.sizes[n]["vault_bytes"]) / n
        rows.append([f"vault bytes per secret ≤ 400 (N = {n:,})", f"{per:,.0f} bytes",
                     verdict(per <= 400)])
    return rows


def figures(run):
    m = run.machine
    lines = []
    # The stores' imports ran when each store was built, maybe in an earlier run.
    measured = [g for name, g in run.groups.items() if not name.startswith("import-")]
    loads = [float(g[k].split()[0]) for g in measured for k in ("load_before", "load_after")]
    started = min((g["started"] for g in measured), default="?")
    lines += [
        "## The run", "",
        f"{'A quick run (`--quick`: no N = 100,000)' if run.quick else 'A full run'} of "
        f"`bench/run.sh`, {started} to {m.get('date', '?')}: {m.get('runs', '?')} timed "
        f"runs of each measurement after {m.get('warmup', '?')} warm-up runs unless the "
        "commands below say otherwise, interleaved. "
        "Load average (1 min) from "
        f"{min(loads, default=0):.2f} to {max(loads, default=0):.2f} while measuring.", "",
        "```",
        *[f"{k}: {m[k]}" for k in ("nproc", "cpu", "memory", "kernel", "filesystem", "data",
                                    "tresor",
                                    "rustc", "sops", "rage", "age", "openssl", "sha256sum",
                                    "python3", "valgrind") if k in m],
        "```", "",
    ]

    lines += ["## Targets", "",
              "CPU time is user + system of the process and its children, median of the runs.",
              "", table(targets(run), ["target", "measured (CPU medians)", "verdict"]), ""]

    rows = []
    for n in SIZES:
        get = run.result(f"read-n{n}", "tresor get")
        if not get:
            continue
        dec, cat = run.decrypter(n), run.result(f"read-n{n}", "cat vault.toml")
        tmpfs = run.result(f"read-n{n}", "tresor get, read log on tmpfs")
        sops = run.result(f"read-n{n}", "sops -d --extract")
        size = int(run.sizes[n]["vault_bytes"]) / MIB if n in run.sizes else 0
        rows.append([
            f"{n:,}", f"{size:.2f}", f"{ms(median(get))} ({ms(median(get, 'wall'))})",
            f"{max(get['maxrss_kib']) / 1024:.1f}" if get["maxrss_kib"] else "",
            f"{ms(median(tmpfs))} ({ms(median(tmpfs, 'wall'))})" if tmpfs else "",
            f"{ms(median(dec))} ({ms(median(dec, 'wall'))})" if dec else "",
            f"{ms(median(cat))} ({ms(median(cat, 'wall'))})" if cat else "",
            f"{ms(median(sops))} ({ms(median(sops, 'wall'))}); {median(sops) / median(get):.1f} ×"
            if sops else "not run",
        ])
    name = (run.decrypter(20) or {"label": "rage"})["label"].split(" ", 1)[0]
    lines += ["## Read one secret", "",
              "Median CPU ms (median wall ms in brackets). The secret is in the middle of the "
              f"store; `{name} -d` decrypts the whole dotenv store, `cat` reads the vault's bytes. "
              "The column `get`, read log on tmpfs is the same `get` with its read log on tmpfs: the difference is "
              "what fsyncing the read record to disk costs.",
              "", table(rows, ["N", "vault MiB", "`tresor get`", "peak RSS MiB",
                               "`get`, read log on tmpfs", f"`{name} -d`", "`cat`",
                               "`sops -d --extract`; ÷ get"]), ""]

    rows = []
    for n in FRESH_SIZES:
        fresh = run.result(f"fresh-n{n}", "tresor get, fresh machine")
        if not fresh:
            continue
        pinned = run.result(f"read-n{n}", "tresor get")
        rows.append([
            f"{n:,}", f"{ms(median(fresh))} ({ms(median(fresh, 'wall'))})",
            f"{max(fresh['maxrss_kib']) / 1024:.1f}" if fresh["maxrss_kib"] else "",
            f"{ms(median(pinned))}; {median(fresh) / median(pinned):.1f} ×" if pinned else "",
        ])
    if rows:
        lines += ["## Read one secret on a fresh machine (no pin)", "",
                  "Every row above runs as on a machine that has verified the vault before "
                  "(its pin put back with the store). A machine that never opened it, a fresh "
                  "clone, has no pin: its first `get` verifies the whole history from the root "
                  "and pins it. Median CPU ms (wall); the trust folder emptied before each run. "
                  "Not a target.", "",
                  table(rows, ["N", "`get`, fresh machine", "peak RSS MiB",
                               "`get` with a pin; fresh ÷ pinned"]), ""]

    rows = []
    for n in SIZES:
        rot = run.result(f"update-n{n}", "tresor rotate")
        if not rot:
            continue
        sops = run.result(f"update-n{n}", "sops set")
        rows.append([
            f"{n:,}", f"{ms(median(rot))} ({ms(median(rot, 'wall'))})",
            f"{max(rot['maxrss_kib']) / 1024:.1f}" if rot["maxrss_kib"] else "",
            f"{ms(median(sops))} ({ms(median(sops, 'wall'))}); {median(sops) / median(rot):.1f} ×"
            if sops else "not run",
        ])
    lines += ["## Update one secret", "",
              "Median CPU ms (wall). Each run starts from the cached store and its pin, "
              "copied back and synced to disk untimed.", "",
              table(rows, ["N", "`tresor rotate`", "peak RSS MiB",
                           "`sops set`; ÷ rotate"]), ""]

    rows = []
    for n in SIZES:
        data = run.groups.get(f"import-n{n}")
        if not data:
            continue
        r = data["results"][0]
        rows.append([f"{n:,}", f"`{r['label']}`", f"{median(r, 'wall'):.2f}",
                     f"{median(r):.2f}", data["started"]])
    lines += ["## Building the stores (kept out of the targets)", "",
              "One timed `tresor import dotenv` of a generated file per store, when the store "
              "was built (the stores are cached in `bench/work/`).", "",
              table(rows, ["N", "command", "wall s", "CPU s", "built"]), ""]

    rows = []
    for n in PARALLEL_SIZES:
        for label in ("8 gets, one after another", "8 gets at once"):
            r = run.result(f"parallel-n{n}", label)
            if r:
                rows.append([f"{n:,}", label, ms(median(r, "wall")), ms(median(r))])
    lines += ["## Parallel reads (vault on tmpfs)", "",
              table(rows, ["N", "what", "wall ms", "CPU ms"]), ""]

    rows = []
    for group, n in ((f"run-n{RUN_N}", RUN_N), (f"mask-n{MASK_N}", MASK_N)):
        for r in (run.groups.get(group) or {"results": []})["results"]:
            rows.append([f"{n:,}", r["label"], ms(median(r)), ms(median(r, "wall"))])
    mask_file = run.folder / "mask.tsv"
    mask = dict(line.split("\t", 1) for line in mask_file.read_text().splitlines()) \
        if mask_file.exists() else {}
    planted = mask.get("planted")
    lines += ["## run", "",
              "The child is `true` for `--prefix` against `-e`, `head -c` of a 1 MiB log-like "
              "file for masking"
              + (f" ({planted} of the store's values planted in it, all checked masked)"
                 if planted else "")
              + ".", "", table(rows, ["N", "what", "CPU ms", "wall ms"]), ""]

    rows = []
    kinds = {"reads": "read log", "committed": "committed log"}
    for log in run.logs:
        group = f"verify-{log['log']}"
        size = int(log["bytes"])
        for label in ("tresor audit verify", "sha256sum"):
            r = run.result(group, label)
            if r:
                rows.append([log["log"], kinds.get(log.get("kind"), log.get("kind", "")),
                             f"{int(log['events']):,}", f"{size / MIB:.1f}",
                             log["signed"], label, ms(median(r)), ms(median(r, "wall")),
                             f"{size / MIB / median(r):,.0f}",
                             f"{int(log['events']) / median(r):,.0f}"])
    speed = run.folder / "openssl-speed.txt"
    ed = openssl_verify_per_second(speed.read_text()) if speed.exists() else None
    lines += ["## Audit verify", "",
              "`tresor audit verify` replays the committed log from its root (chain, Ed25519 "
              "signature and rights of every write, the vault against the result) and checks "
              "the chain of this machine's read log. Each log is in a copy of the N = 20 store "
              "with its own pin and read log. `reads-e…`: a read log begun by one `tresor get`, "
              "grown with that line's event, chained, by `bench/gen_audit.py`; `written`: a "
              "read log tresor wrote itself (`run --prefix` of 20 secrets, again and again); "
              "`signed-e…`: a committed log of signed writes tresor made itself (`tresor meta` "
              "of one secret, one write a call). `sha256sum` hashes the log in the row."
              + (f" `openssl speed -seconds 1 ed25519` in the same run: {ed:,.0f} verify/s."
                 if ed else ""), "",
              table(rows, ["log", "file", "events", "MiB", "signed", "command", "CPU ms",
                           "wall ms", "MiB/CPU s", "events/CPU s"]), ""]

    rows = []
    pins = all("pin_bytes" in s for s in run.sizes.values())
    for n, s in sorted(run.sizes.items()):
        vault = int(s["vault_bytes"])
        rows.append([f"{n:,}", f"{vault:,}", f"{vault / n:,.0f}", f"{int(s['audit_bytes']):,}"]
                    + ([f"{int(s['pin_bytes']):,}"] if pins else []))
    ns = sorted(run.sizes)
    marginal = ""
    if len(ns) >= 2:
        a, b = ns[0], ns[-1]
        grow = (int(run.sizes[b]["vault_bytes"]) - int(run.sizes[a]["vault_bytes"])) / (b - a)
        marginal = f" Each secret beyond the first {a} adds {grow:,.0f} bytes."
    lines += ["## Vault size", "",
              "One version per secret, a 64-character value each, after `import dotenv`."
              + marginal, "",
              table(rows, ["N", "vault bytes", "bytes per secret", "audit log bytes"]
                    + (["pin bytes (this machine)"] if pins else [])), ""]

    cg = tsv(run.folder / "callgrind.tsv")
    if cg:
        lines += ["## Instructions (callgrind; repeatable where timings are not)", "",
                  table([[f"`{r['what']}`", f"{int(r['instructions']):,}"
                          if r["instructions"] else "?"] for r in cg],
                        ["command", "instructions"]), ""]

    lines += ["## Commands", "",
              "As measured (paths relative to the checkout; stdout to /dev/null). "
              "`before` runs untimed before each run.", ""]
    for name, data in run.groups.items():
        runs = ("1 run" if data["runs"] == 1 else f"{data['runs']} runs") + (
            f" after {data['warmup']} warm-up" if data["warmup"] else "")
        lines.append(f"- `{name}`, {runs} (load {data['load_before']} → {data['load_after']}):")
        for r in data["results"]:
            mode = " (at once)" if r["parallel"] else ""
            commands = r["commands"] if len(r["commands"]) <= 2 else r["commands"][:1] + [
                f"… {len(r['commands']) - 1} more like it"]
            lines.append(f"  - {r['label']}{mode}: "
                         + "; ".join(f"`{run.short(c)}`" for c in commands))
            if r.get("before"):
                lines.append(f"    before: `{run.short(r['before'])}`")
    load = run.folder / "openssl-speed.load"
    if load.exists():
        lines.append(f"- `openssl speed -seconds 1 ed25519` (load {load.read_text().strip()})")
    lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results")
    parser.add_argument("--template")
    args = parser.parse_args()
    body = figures(Run(args.results))
    if args.template:
        text = pathlib.Path(args.template).read_text()
        if "{{figures}}\n" not in text:
            raise SystemExit(f"{args.template} has no {{{{figures}}}} line")
        body = text.replace("{{figures}}\n", body)
    print(body, end="")


if __name__ == "__main__":
    main()
