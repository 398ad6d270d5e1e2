#!/usr/bin/env python3
"""Grow a real tresor read log to a given number of events, quickly.

A read log is this machine's record of reads of one vault (format 2): unsigned lines,
chained like the committed log, `{"seq":N,"ts":"…","prev":"…",…}` with `prev` the
SHA-256 of the previous line's exact bytes without its newline. The log must already end
with a line tresor wrote (run one `tresor get` first): every appended line repeats that
line's members after `prev` byte for byte, under the next seq, a later time and the
chained `prev`, so the grown log holds exactly what tresor would have written for as
many reads. A signed template (a committed log's write) is refused: signed events
cannot be grown without the signer's key; have tresor write those.

    gen_audit.py READS.jsonl --total 1000000
"""

import argparse
import datetime
import hashlib
import json
import os
import re
import sys

HEAD = re.compile(rb'^\{"seq":(0|[1-9][0-9]*),"ts":"([^"]+)","prev":"([0-9a-f]{64})"(,.*\})$')


def last_line(path):
    """The last complete line of the file (bytes, without its newline)."""
    with open(path, "rb") as log:
        log.seek(0, os.SEEK_END)
        size = log.tell()
        if size == 0:
            sys.exit(f"{path}: the log is empty; let tresor write its first line (one `tresor get`)")
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
    parser.add_argument("log", help="a read log that ends with a line tresor wrote")
    parser.add_argument("--total", type=int, required=True, help="events the log ends with")
    args = parser.parse_args()

    if not os.path.isfile(args.log):
        sys.exit(f"{args.log}: no such file; let tresor write its first line (one `tresor get`)")
    have = count_lines(args.log)
    if have >= args.total:
        print(f"{args.log}: already {have} events")
        return
    tail = last_line(args.log)
    match = HEAD.match(tail)
    if not match:
        sys.exit(f"{args.log}: the last line does not start with seq, ts and prev as tresor writes them")
    event = json.loads(tail)
    if "sig" in event:
        sys.exit(f"{args.log}: the last line is signed; only unsigned (read-log) events can be grown")
    seq = int(match.group(1)) + 1
    if seq != have:
        sys.exit(f"{args.log}: the last line says seq {seq - 1} but the log has {have} lines")
    rest = match.group(4)
    prev = hashlib.sha256(tail).hexdigest()
    # One millisecond apart, from the last event's time on: tresor prints whole seconds
    # without a fraction, and anything between with three digits.
    ts = match.group(2).decode().rstrip("Z")
    moment = datetime.datetime.fromisoformat(ts).replace(tzinfo=datetime.timezone.utc)
    millis = int(moment.timestamp() * 1000)
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
