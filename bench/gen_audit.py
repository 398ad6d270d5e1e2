#!/usr/bin/env python3
"""Grow a real tresor audit log to a given number of events, quickly.

Appends `read` events chained exactly as tresor chains them: each line is
`{"seq":N,"ts":"…","prev":"…","event":"read","principal":"…","secret":"…","version":V}`
(the field order tresor writes), `prev` is the SHA-256 of the previous line's exact
bytes without its newline. Reads are not writes, so the vault needs no change: the
grown log still verifies with `tresor audit verify`, which run.sh checks before timing.

    gen_audit.py LOG --total 1000000 --principal bench --secret bench/key-00010 --version 1
"""

import argparse
import datetime
import hashlib
import json
import os
import sys


def last_line(path):
    """The last complete line of the file (bytes, without its newline)."""
    with open(path, "rb") as log:
        log.seek(0, os.SEEK_END)
        size = log.tell()
        window = 4096
        while True:
            start = max(0, size - window)
            log.seek(start)
            chunk = log.read(size - start)
            if not chunk.endswith(b"\n"):
                sys.exit(f"{path}: the last line is incomplete")
            body = chunk[:-1]
            cut = body.rfind(b"\n")
            if cut >= 0:
                return body[cut + 1 :]
            if start == 0:
                return body
            window *= 4


def count_lines(path):
    count = 0
    with open(path, "rb") as log:
        while True:
            block = log.read(1 << 20)
            if not block:
                return count
            count += block.count(b"\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log")
    parser.add_argument("--total", type=int, required=True, help="events the log ends with")
    parser.add_argument("--principal", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--version", type=int, default=1)
    args = parser.parse_args()

    have = count_lines(args.log)
    if have >= args.total:
        print(f"{args.log}: already {have} events")
        return
    tail = last_line(args.log)
    head = json.loads(tail)
    seq = head["seq"] + 1
    if seq != have:
        sys.exit(f"{args.log}: the last line says seq {head['seq']} but the log has {have} lines")
    prev = hashlib.sha256(tail).hexdigest()
    # One millisecond apart, from the last event's time on: tresor prints whole seconds
    # without a fraction, and anything between with three digits.
    ts = head["ts"].rstrip("Z")
    moment = datetime.datetime.fromisoformat(ts).replace(tzinfo=datetime.timezone.utc)
    millis = int(moment.timestamp() * 1000)
    rest = (
        ',"event":"read","principal":'
        + json.dumps(args.principal)
        + ',"secret":'
        + json.dumps(args.secret)
        + ',"version":'
        + str(args.version)
        + "}"
    ).encode()
    sha256 = hashlib.sha256
    utc = datetime.timezone.utc
    second, second_text = None, ""
    with open(args.log, "ab", buffering=1 << 22) as log:
        for seq in range(seq, args.total):
            millis += 1
            seconds, fraction = divmod(millis, 1000)
            if seconds != second:
                second = seconds
                second_text = datetime.datetime.fromtimestamp(seconds, utc).strftime(
                    "%Y-%m-%dT%H:%M:%S"
                )
            stamp = second_text
            if fraction:
                stamp += f".{fraction:03d}"
            line = b'{"seq":%d,"ts":"%sZ","prev":"%s"' % (seq, stamp.encode(), prev.encode()) + rest
            prev = sha256(line).hexdigest()
            log.write(line + b"\n")
        log.flush()
        os.fsync(log.fileno())
    print(f"{args.log}: {have} -> {args.total} events, head {args.total - 1}:{prev}")


if __name__ == "__main__":
    main()
