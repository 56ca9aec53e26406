"""The command line from the shell, start to finish: `parse`, `questions` and `--help` on the sample.

    .venv/bin/python benchmarks/bench_cli.py [--runs 15] [--compare PATH/TO/OTHER/src]

Each command runs in a fresh process (as a user types it), `--runs` times, alternating with the
other commands so that a change in the machine's load touches them alike; prints the median, min
and max wall time and the peak resident memory, with the machine's load average. `--compare`
runs the same commands with another checkout's `src` first on PYTHONPATH (the same interpreter
and libraries), to compare two versions in one run. Modules are compiled first and cached, as after
a user's first run (PYTHONDONTWRITEBYTECODE is removed for the runs).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "CMW-C-SR.537.md"
COMMANDS = {
    "parse (outline)": ["parse", str(SAMPLE)],
    "parse --format json": ["parse", str(SAMPLE), "--format", "json"],
    "questions --no-embeddings": ["questions", str(SAMPLE), "--no-embeddings"],
    "questions (as shipped)": ["questions", str(SAMPLE)],
    "--help": ["--help"],
}


def run_once(args: list[str], src: Path) -> tuple[float, float]:
    # As on a user's machine: compiled modules cached (a session may set PYTHONDONTWRITEBYTECODE,
    # which makes every run compile the package again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tbdialogue", *args], env=env, capture_output=True)
    elapsed = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"tbdialogue {' '.join(args)} failed: {done.stderr.decode()[-300:]}")
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--compare", type=Path, help="another checkout's src folder, run alongside")
    args = ap.parse_args()
    versions = {"this checkout": ROOT / "src"}
    if args.compare:
        versions[f"{args.compare}"] = args.compare.resolve()
    for src in versions.values():  # compile every module once, as a first run does
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(src / "tbdialogue")], check=True, capture_output=True
        )
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    times: dict[tuple[str, str], list[float]] = {}
    rss: dict[tuple[str, str], float] = {}
    for _ in range(args.runs):
        for name, cmd in COMMANDS.items():
            for version, src in versions.items():
                t, m = run_once(cmd, src)
                times.setdefault((version, name), []).append(t)
                rss[(version, name)] = m
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print(f"{'version':<28} {'command':<32} {'median':>8} {'min':>7} {'max':>7}")
    for (version, name), ts in times.items():
        print(f"{version[:28]:<28} {name:<32} {statistics.median(ts):7.3f}s {min(ts):6.3f}s {max(ts):6.3f}s")
    print(f"(peak RSS of the children, largest seen: {max(rss.values()):.0f} MB; {args.runs} runs each)")


if __name__ == "__main__":
    main()
