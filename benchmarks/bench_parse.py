"""Parsing speed and memory on the sample record (CMW/C/SR.537), on one core.

    .venv/bin/python benchmarks/bench_parse.py [--runs 7] [--per-run 200]

Prints records per second (median over runs, with min and max), time per record, the peak memory
Python allocates while parsing one record (tracemalloc), and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tbdialogue import parse_file  # noqa: E402
from tbdialogue.parse import parse_document  # noqa: E402
from tbdialogue.read import read_path  # noqa: E402

SAMPLE = ROOT / "samples" / "CMW-C-SR.537.md"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--per-run", type=int, default=200)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    t0 = time.perf_counter()
    parse_file(SAMPLE)  # warm-up: compiles profiles, loads the country table
    first = time.perf_counter() - t0

    rates, parse_only = [], []
    doc = read_path(SAMPLE)
    for _ in range(args.runs):
        t = time.perf_counter()
        for _ in range(args.per_run):
            parse_file(SAMPLE)
        rates.append(args.per_run / (time.perf_counter() - t))
        t = time.perf_counter()
        for _ in range(args.per_run):
            parse_document(doc)
        parse_only.append(args.per_run / (time.perf_counter() - t))

    tracemalloc.start()
    parse_file(SAMPLE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    size_kb = SAMPLE.stat().st_size / 1024
    med = statistics.median(rates)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, pinned to 1 core"
    )
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    print(f"sample: {SAMPLE.name} ({size_kb:.0f} KB, 48 paragraphs)")
    print(f"first parse (cold: profiles, country table): {first * 1000:.0f} ms")
    print(
        f"read + parse: median {med:.0f} records/s (min {min(rates):.0f}, max {max(rates):.0f}) = {1000 / med:.2f} ms/record"
    )
    print(f"parse only:   median {statistics.median(parse_only):.0f} records/s")
    print(
        f"peak memory: {peak / 1e6:.1f} MB allocated while parsing one record; process peak RSS {rss_kb / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
