#!/usr/bin/env python3
"""Time commands by wall clock and by CPU, run after run, and write every sample as JSON.

Each measurement is one or more processes started without a shell (`posix_spawnp`),
stdout to /dev/null, stderr inherited. Per run it records the wall time (from the first
spawn to the last exit) and the user and system CPU time of the processes and of every
descendant they waited for (`wait4`'s rusage: a `tresor run` child counts).
Measurements are interleaved (warm-up rounds, then run 1 of every measurement, run 2 of
every measurement, ...) so a change of load on a shared machine falls on all of them
alike. A non-zero exit fails the whole group.

Peak RSS comes from extra, untimed runs of each one-process measurement under
`/usr/bin/time -f %M`: `wait4` cannot give it here, since a process spawned from Python
starts its peak at the Python process's size (the kernel carries the high-water mark of
the address space it replaced across exec).

    measure.py OUT.json --group read-n20 --runs 10 --warmup 3 \\
        --cmd "tresor get" "target/release/tresor get --vault v.toml bench/key-00010" \\
        --cmd "rotate" "tresor rotate --quiet --vault v.toml NAME < value.txt" \\
        --before "rotate" "cp -p clean/vault.toml v.toml && sync v.toml"

--cmd LABEL ARGV     ARGV is split like a shell would (shlex); a trailing `< FILE` is its
                     stdin (else /dev/null). The same LABEL again adds one more process to
                     that measurement, run after the previous one (a sequence).
--parallel LABEL     the processes of LABEL start at once instead.
--before LABEL SH    a shell command run, untimed, before every run of LABEL.
--env LABEL VAR=VAL  an environment variable set for the processes of LABEL only.
--rss-runs K         the untimed peak-RSS runs per one-process measurement (default 3).
"""

import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import statistics
import time


class Measurement:
    def __init__(self, label):
        self.label = label
        self.processes = []  # (argv, stdin path)
        self.parallel = False
        self.before = None
        self.environment = dict(os.environ)
        self.overrides = {}
        self.samples = {"wall": [], "user": [], "system": [], "cpu": []}
        self.maxrss_kib = []

    def add(self, text):
        words = shlex.split(text)
        stdin = os.devnull
        if len(words) >= 2 and words[-2] == "<":
            stdin, words = words[-1], words[:-2]
        if not words:
            sys.exit(f"measure.py: '{self.label}' has an empty command")
        self.processes.append((words, stdin))

    def spawn(self, argv, stdin):
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, stdin, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        ]
        return os.posix_spawnp(argv[0], argv, self.environment, file_actions=actions)

    def reap(self, pid, argv):
        _, status, usage = os.wait4(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"measure.py: '{self.label}': `{shlex.join(argv)}` exited with {code}")
        return usage

    def run_once(self, keep):
        if self.before:
            subprocess.run(self.before, shell=True, check=True, stdout=subprocess.DEVNULL)
        usages = []
        start = time.perf_counter()
        if self.parallel:
            pids = [(self.spawn(argv, stdin), argv) for argv, stdin in self.processes]
            usages = [self.reap(pid, argv) for pid, argv in pids]
        else:
            for argv, stdin in self.processes:
                usages.append(self.reap(self.spawn(argv, stdin), argv))
        wall = time.perf_counter() - start
        if not keep:
            return
        user = sum(u.ru_utime for u in usages)
        system = sum(u.ru_stime for u in usages)
        self.samples["wall"].append(wall)
        self.samples["user"].append(user)
        self.samples["system"].append(system)
        self.samples["cpu"].append(user + system)

    def peak_rss(self, out):
        """One untimed run under /usr/bin/time: the process's peak RSS in KiB."""
        if self.before:
            subprocess.run(self.before, shell=True, check=True, stdout=subprocess.DEVNULL)
        argv, stdin = self.processes[0]
        self.reap(self.spawn(["/usr/bin/time", "-f", "%M", "-o", out, *argv], stdin), argv)
        with open(out) as f:
            self.maxrss_kib.append(int(f.read().split()[-1]))

    def as_json(self):
        return {
            "label": self.label,
            "commands": [
                shlex.join(argv) + ("" if stdin == os.devnull else f" < {stdin}")
                for argv, stdin in self.processes
            ],
            "env": self.overrides,
            "parallel": self.parallel,
            "before": self.before,
            **self.samples,
            "maxrss_kib": self.maxrss_kib,
        }


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out")
    parser.add_argument("--group", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--cmd", nargs=2, action="append", default=[], metavar=("LABEL", "ARGV"))
    parser.add_argument("--parallel", action="append", default=[], metavar="LABEL")
    parser.add_argument("--before", nargs=2, action="append", default=[], metavar=("LABEL", "SH"))
    parser.add_argument("--env", nargs=2, action="append", default=[], metavar=("LABEL", "VAR=VAL"))
    parser.add_argument("--rss-runs", type=int, default=3, metavar="K")
    args = parser.parse_args()

    measurements = {}
    for label, text in args.cmd:
        measurements.setdefault(label, Measurement(label)).add(text)
    for label in args.parallel:
        measurements[label].parallel = True
    for label, shell in args.before:
        measurements[label].before = shell
    for label, setting in args.env:
        name, _, value = setting.partition("=")
        if not name:
            sys.exit(f"measure.py: --env {label!r} {setting!r} is not VAR=VALUE")
        measurements[label].environment[name] = value
        measurements[label].overrides[name] = value
    if not measurements or args.runs < 1:
        sys.exit("measure.py: nothing to measure")

    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    load_before = load_average()
    print(f"== {args.group} (load {load_before})", file=sys.stderr)
    for _ in range(args.warmup):
        for m in measurements.values():
            m.run_once(keep=False)
    for _ in range(args.runs):
        for m in measurements.values():
            m.run_once(keep=True)
    rss_file = args.out + ".rss"
    for m in measurements.values():
        if len(m.processes) == 1:
            for _ in range(args.rss_runs):
                m.peak_rss(rss_file)
    if os.path.exists(rss_file):
        os.remove(rss_file)
    result = {
        "group": args.group,
        "started": started,
        "load_before": load_before,
        "load_after": load_average(),
        "runs": args.runs,
        "warmup": args.warmup,
        "results": [m.as_json() for m in measurements.values()],
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    for m in measurements.values():
        wall = statistics.median(m.samples["wall"])
        cpu = statistics.median(m.samples["cpu"])
        rss = f"   peak {max(m.maxrss_kib) / 1024:6.1f} MiB" if m.maxrss_kib else ""
        print(f"   {m.label:<36} wall {wall * 1000:9.2f} ms   cpu {cpu * 1000:9.2f} ms{rss}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
