#!/usr/bin/env python3
"""Summarise bench/results/ (hyperfine JSON, rss.tsv, callgrind.tsv, machine.txt,
load.txt) as Markdown tables and the targets, each met or missed."""

import json
import pathlib
import sys

results = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results")


def group(name):
    path = results / f"{name}.json"
    if not path.exists():
        return None
    return {r["command"]: r for r in json.loads(path.read_text())["results"]}


def ms(seconds):
    return f"{seconds * 1000:.1f}" if seconds >= 0.01 else f"{seconds * 1000:.2f}"


def median(g, command):
    return g[command]["median"] if g and command in g else None


def table(rows, header):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


sizes = sorted(
    int(p.stem.split("-n")[1]) for p in results.glob("read-n*.json")
)
logs = sorted(int(p.stem.split("-e")[1]) for p in results.glob("verify-e*.json"))
lines = []

machine = results / "machine.txt"
if machine.exists():
    lines += ["## Machine and tools", "", "```", machine.read_text().strip(), "```", ""]

lines += ["## Read one secret (median ms; ratio = tool / tresor get)", ""]
rows = []
for n in sizes:
    g = group(f"read-n{n}")
    t = median(g, "tresor get")
    for command, r in g.items():
        rows.append(
            [f"{n:,}", f"`{command}`", ms(r["median"]), f"± {ms(r['stddev'])}",
             len(r["times"]), f"{r['median'] / t:.2f}"]
        )
    shm = group(f"read-tmpfs-n{n}")
    if shm:
        for command, r in shm.items():
            rows.append(
                [f"{n:,}", f"`{command}`", ms(r["median"]), f"± {ms(r['stddev'])}",
                 len(r["times"]), f"{r['median'] / t:.2f}"]
            )
lines += [table(rows, ["N", "command", "median ms", "σ", "runs", "÷ tresor get"]), ""]

lines += ["## Update one secret (median ms)", ""]
rows = []
for n in sizes:
    g = group(f"update-n{n}")
    if not g:
        continue
    t = median(g, "tresor rotate")
    for command, r in g.items():
        rows.append([f"{n:,}", f"`{command}`", ms(r["median"]), f"± {ms(r['stddev'])}",
                     len(r["times"]), f"{r['median'] / t:.2f}"])
lines += [table(rows, ["N", "command", "median ms", "σ", "runs", "÷ tresor rotate"]), ""]

lines += ["## Audit verify (median ms, throughput over the log's bytes)", ""]
rows = []
for events in logs:
    g = group(f"verify-e{events}")
    size = int((results / f"verify-e{events}.bytes").read_text())
    for command, r in g.items():
        rows.append([f"{events:,}", f"{size / 2**20:.1f}", f"`{command}`", ms(r["median"]),
                     f"± {ms(r['stddev'])}", f"{size / r['median'] / 2**20:.0f}"])
lines += [table(rows, ["events", "log MiB", "command", "median ms", "σ", "MiB/s"]), ""]

rss_rows = []
rss_file = results / "rss.tsv"
if rss_file.exists():
    lines += ["## Peak RSS of `tresor get`", ""]
    for row in rss_file.read_text().splitlines()[1:]:
        n, size, peak, mid = (int(x) for x in row.split("\t"))
        limit = 2 * size + 8 * 2**20
        rss_rows.append((n, size, peak * 1024, limit))
    lines += [table(
        [[f"{n:,}", f"{size / 2**20:.2f}", f"{peak / 2**20:.1f}", f"{limit / 2**20:.1f}"]
         for n, size, peak, limit in rss_rows],
        ["N", "vault MiB", "peak RSS MiB (max of 5)", "limit 2×vault+8 MiB"]), ""]

cg = results / "callgrind.tsv"
if cg.exists():
    lines += ["## Instructions (callgrind; repeatable)", ""]
    rows = [r.split("\t") for r in cg.read_text().splitlines()[1:]]
    lines += [table([[f"`{w}`", f"{int(i):,}" if i else "?"] for w, i in rows],
                    ["command", "instructions"]), ""]

# --- targets -----------------------------------------------------------------------
targets = []


def verdict(ok):
    return "met" if ok else "**missed**"


g = group("read-n20")
if g:
    r = median(g, "tresor get") / median(g, "rage -d (whole store)")
    targets.append(["`get` ≤ 1.0 × `rage -d` (N = 20)", f"{r:.2f} ×", verdict(r <= 1.0)])
big = max(sizes) if sizes else None
g = group(f"read-n{big}") if big else None
if g:
    r = median(g, "sops -d --extract") / median(g, "tresor get")
    targets.append([f"`get` ≥ 50 × faster than `sops -d --extract` (N = {big:,})",
                    f"{r:.0f} ×", verdict(r >= 50)])
u = group(f"update-n{big}") if big else None
if u:
    r = median(u, "sops set") / median(u, "tresor rotate")
    targets.append([f"`rotate` ≥ 10 × faster than `sops set` (N = {big:,})", f"{r:.1f} ×",
                    verdict(r >= 10)])
if g:
    r = median(g, "tresor get") / median(g, "cat vault.toml")
    targets.append([f"`get` ≤ 5 × `cat` (N = {big:,})", f"{r:.1f} ×", verdict(r <= 5)])
    shm = group(f"read-tmpfs-n{big}")
    if shm:
        r = median(shm, "tresor get (tmpfs)") / median(shm, "cat vault.toml (tmpfs)")
        targets.append([f"  the same on tmpfs (no fsync cost; N = {big:,})", f"{r:.1f} ×",
                        verdict(r <= 5)])
for events in logs:
    v = group(f"verify-e{events}")
    r = median(v, "sha256sum") / median(v, "tresor audit verify")
    targets.append([f"`audit verify` ≥ 0.7 × `sha256sum` throughput ({events:,} events)",
                    f"{r:.2f} ×", verdict(r >= 0.7)])
for n, size, peak, limit in rss_rows:
    targets.append([f"peak RSS of `get` ≤ 2 × vault + 8 MiB (N = {n:,})",
                    f"{peak / 2**20:.1f} MiB ≤ {limit / 2**20:.1f} MiB", verdict(peak <= limit)])
lines = ["## Targets", "", table(targets, ["target", "measured", ""]), ""] + lines

load = results / "load.txt"
if load.exists():
    lines += ["## Load while measuring (`uptime` before each group)", "", "```",
              load.read_text().strip(), "```", ""]

print("\n".join(lines))
