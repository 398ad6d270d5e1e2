#!/usr/bin/env python3
"""Tests of bench/report.py's verdicts on made-up results:

    python3 -m unittest bench/test_report.py
"""

import json
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import report  # noqa: E402

OPENSSL = """\
version: 3.0.19
                              sign    verify    sign/s verify/s
 253 bits EdDSA (Ed25519)   0.0001s   0.0002s  18592.7   5704.3
"""


def result(label, cpu, wall=None, rss=(), commands=("x",), parallel=False):
    # Wall time falls as CPU time grows, so a verdict taken from the wrong one flips.
    wall = wall or max(0.1 - cpu, 0.001)
    return {"label": label, "commands": list(commands), "parallel": parallel, "before": None,
            "wall": [wall] * 3, "user": [cpu] * 3, "system": [0] * 3, "cpu": [cpu] * 3,
            "maxrss_kib": list(rss)}


class Folder:
    def __init__(self, path):
        self.path = pathlib.Path(path)

    def group(self, name, *results):
        data = {"group": name, "started": "2026-01-01T00:00:00Z", "load_before": "1.00 1.00 1.00",
                "load_after": "1.50 1.00 1.00", "runs": 3, "warmup": 1, "results": list(results)}
        (self.path / f"{name}.json").write_text(json.dumps(data))

    def text(self, name, text):
        (self.path / name).write_text(text)


def full_run(folder, quick=False, signed="no"):
    f = Folder(folder)
    sizes = [20, 1000, 10000] if quick else [20, 1000, 10000, 100000]
    f.text("machine.txt", f"mode: {'quick' if quick else 'full'}\nroot: /r\nnproc: 2\n")
    f.text("sizes.tsv", "n\tvault_bytes\taudit_bytes\tpin_bytes\n"
           + "".join(f"{n}\t{n * 350 + 2000}\t{n * 200}\t{n * 90}\n" for n in sizes))
    for n in sizes:
        # get grows 1.4 × from 20 to 100,000; rage is slower than get at N = 20 only.
        get = 0.004 * (1.4 if n == 100000 else 1)
        f.group(f"read-n{n}", result("tresor get", get, rss=[6000]),
                result("rage -d (whole store)", 0.005 if n == 20 else 0.003),
                result("cat vault.toml", 0.001))
        f.group(f"update-n{n}", result("tresor rotate", 0.006 * (12 if n == 100000 else 1),
                                       rss=[20000, 41000, 30000]))
        if n in (1000, 10000):
            f.group(f"fresh-n{n}", result("tresor get, fresh machine", 0.02, rss=[9000]))
    for n in (20, 10000):
        f.group(f"parallel-n{n}",
                result("8 gets, one after another", 0.03, wall=0.1, commands=["a"] * 8),
                result("8 gets at once", 0.03, wall=0.07, commands=["a"] * 8, parallel=True))
    f.group("run-n10000", result("run --prefix (10 secrets)", 0.013),
            result("run -e (the same 10)", 0.010))
    f.text("mask.tsv", "values\t3000\nbytes\t1048576\nplanted\t197\n")
    f.group("mask-n3000", result("run, the child prints nothing", 0.4),
            result("run, the child prints 1 MiB", 0.65))
    logs = "log\tkind\tevents\tbytes\tsigned\nreads-e10000\treads\t10000\t2000000\tno\n"
    f.group("verify-reads-e10000", result("tresor audit verify", 0.02), result("sha256sum", 0.01))
    if signed == "yes":
        logs += "signed-e10000\tcommitted\t10000\t5000000\tyes\n"
        f.group("verify-signed-e10000", result("tresor audit verify", 4.0),
                result("sha256sum", 0.02))
    f.text("logs.tsv", logs)
    f.text("openssl-speed.txt", OPENSSL)


def verdicts(folder):
    return {row[0]: (row[1], row[2]) for row in report.targets(report.Run(folder))}


class Verdicts(unittest.TestCase):
    def test_openssl_speed_line(self):
        self.assertEqual(report.openssl_verify_per_second(OPENSSL), 5704.3)
        self.assertIsNone(report.openssl_verify_per_second("nothing here\n"))

    def test_full_run(self):
        with tempfile.TemporaryDirectory() as folder:
            full_run(folder)
            v = verdicts(folder)
        self.assertEqual(v["`get` at N = 100,000 ≤ 1.5 × `get` at N = 20"][1], report.MET)
        self.assertEqual(v["`get` ≤ 1.0 × `rage -d` of the whole store, N = 20"][1], report.MET)
        self.assertEqual(v["`get` ≤ 1.0 × `rage -d` of the whole store, N = 1,000"][1],
                         report.MISSED)
        self.assertEqual(v["`rotate` at N = 100,000 ≤ 10 × `rotate` at N = 20"][1],
                         report.MISSED)
        rss = v["peak RSS of `rotate` ≤ 32 MiB at N = 100,000"]
        self.assertEqual(rss, ("40.0 MiB (largest of 3)", report.MISSED))
        self.assertEqual(
            v["`run --prefix` of 10 secrets ≤ 1.3 × `run -e` of the same 10, N = 10,000"][1],
            report.MET)
        parallel = "8 parallel `get`s ≤ 0.75 × the same 8 in sequence, wall time, tmpfs, N = 20"
        self.assertEqual(v[parallel], ("0.70 × (70.0 / 100 ms wall)", report.MET))
        mask = v["masking 3,000 values over 1 MiB of output adds ≤ 0.2 s of CPU"]
        self.assertEqual(mask[1], report.MISSED)
        self.assertTrue(mask[0].startswith("+250 ms"))
        signed = v["`audit verify` of signed events ≥ 0.5 × `openssl speed ed25519` verify/s"]
        self.assertEqual(signed, ("openssl: 5,704 verify/s; no log of signed events measured", ""))
        unsigned = ("`audit verify` of unsigned read events ≥ 0.7 × `sha256sum` throughput "
                    "(10,000 events, generated)")
        self.assertEqual(v[unsigned][1], report.MISSED)  # 0.5 ×
        self.assertEqual(v["vault bytes per secret ≤ 400 (N = 100,000)"],
                         ("350 bytes", report.MET))

    def test_signed_events_are_judged_against_openssl(self):
        with tempfile.TemporaryDirectory() as folder:
            full_run(folder, signed="yes")
            v = verdicts(folder)
            text = report.figures(report.Run(folder))
        self.assertIn("| signed-e10000 | committed log | 10,000 | 4.8 | yes | tresor audit verify |",
                      text)
        self.assertIn("| reads-e10000 | read log | 10,000 | 1.9 | no | tresor audit verify |",
                      text)
        # 10,000 events in 4 s: 2,500/s against 0.5 × 5,704.3.
        row = v["`audit verify` of signed events ≥ 0.5 × `openssl speed ed25519` verify/s "
                "(10,000 events)"]
        self.assertEqual(row, ("0.44 × (2,500 events/s; openssl 5,704/s)", report.MISSED))
        # The read log is judged on its own, against sha256sum, whatever the signed log did.
        unsigned = [k for k in v if "unsigned" in k]
        self.assertEqual(unsigned, ["`audit verify` of unsigned read events ≥ 0.7 × `sha256sum` "
                                    "throughput (10,000 events, generated)"])

    def test_masking_cheaper_than_silence_reads_as_a_minus(self):
        with tempfile.TemporaryDirectory() as folder:
            full_run(folder)
            Folder(folder).group("mask-n3000", result("run, the child prints nothing", 0.65),
                                 result("run, the child prints 1 MiB", 0.62))
            v = verdicts(folder)
        mask = v["masking 3,000 values over 1 MiB of output adds ≤ 0.2 s of CPU"]
        self.assertEqual(mask, ("−30.0 ms (620 − 650 ms)", report.MET))

    def test_fresh_machine_and_pin_sizes_are_shown(self):
        with tempfile.TemporaryDirectory() as folder:
            full_run(folder)
            text = report.figures(report.Run(folder))
        self.assertIn("## Read one secret on a fresh machine (no pin)", text)
        # 20 ms with no pin against 4 ms with one, at N = 1,000 and 10,000.
        self.assertIn("| 1,000 | 20.0 (80.0) | 8.8 | 4.00; 5.0 × |", text)
        self.assertIn("| 10,000 | 20.0 (80.0) | 8.8 | 4.00; 5.0 × |", text)
        self.assertIn("| 100,000 | 35,002,000 | 350 | 20,000,000 | 9,000,000 |", text)

    def test_quick_run_says_what_it_left_out(self):
        with tempfile.TemporaryDirectory() as folder:
            full_run(folder, quick=True)
            v = verdicts(folder)
            text = report.figures(report.Run(folder))
        self.assertEqual(v["`get` at N = 100,000 ≤ 1.5 × `get` at N = 20"],
                         ("not measured (--quick run)", ""))
        self.assertEqual(v["peak RSS of `rotate` ≤ 32 MiB at N = 100,000"],
                         ("not measured (--quick run)", ""))
        self.assertIn("vault bytes per secret ≤ 400 (N = 10,000)", v)
        self.assertIn("A quick run", text)
        self.assertIn("(197 of the store's values planted in it, all checked masked)", text)

    def test_template(self):
        with tempfile.TemporaryDirectory() as folder:
            full_run(folder)
            template = pathlib.Path(folder) / "t.md"
            template.write_text("# Head\n\n{{figures}}\n## Tail\n")
            out = pathlib.Path(folder) / "out.md"
            sys.argv = ["report.py", folder, "--template", str(template)]
            with open(out, "w") as sink:
                stdout, sys.stdout = sys.stdout, sink
                try:
                    report.main()
                finally:
                    sys.stdout = stdout
            text = out.read_text()
        self.assertTrue(text.startswith("# Head\n\n## The run"))
        self.assertTrue(text.endswith("## Tail\n"))
        self.assertNotIn("{{figures}}", text)


if __name__ == "__main__":
    unittest.main()
