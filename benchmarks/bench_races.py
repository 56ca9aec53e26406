"""Races and kills, counted (issues 13 and 15): concurrent ingests and ingests killed at random
moments, on SQLite and on a throwaway PostgreSQL server.

    .venv/bin/python benchmarks/bench_races.py [--races 20] [--kills 20] [--files 60]

- races: two ingests of the same folder started at once into an empty database; a failure is a
  non-zero exit, an error line, or a record count other than the folder's.
- kills: an ingest (--jobs 2) killed with kill -9 or Ctrl-C at a random moment of its first 3 s
  (the first second included); then: is any of its processes alive 2 s later (an orphan), and
  after running the same ingest again, is every record stored once (none lost, none duplicated)?
Printed as JSON: per backend, the counts and the failures' first lines.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def _ingest(folder: Path, url: str, jobs: int = 1) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tbdialogue", "ingest", str(folder), "--recursive", "--db", url, "--jobs", str(jobs), "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip


def _counts(url: str) -> tuple[int, int]:
    from sqlalchemy import func, select

    from tbdialogue.store import Corpus
    from tbdialogue.store.schema import record_versions, records

    with Corpus(url) as corpus, corpus.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(records)).scalar_one(),
            conn.execute(select(func.count()).select_from(record_versions)).scalar_one(),
        )


def _alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def races(new_db, folder: Path, files: int, n: int) -> dict:
    failures = []
    for i in range(n):
        url = new_db()
        procs = [_ingest(folder, url) for _ in range(2)]
        outs = [p.communicate(timeout=600) for p in procs]
        for p, (out, err) in zip(procs, outs, strict=True):
            if p.returncode != 0 or "0 errors" not in out:
                failures.append(f"race {i}: exit {p.returncode}: {(err or out).strip().splitlines()[-1:]}")
        if _counts(url) != (files, files):
            failures.append(f"race {i}: stored {_counts(url)}, expected {files}")
    return {"races": n, "failed": len(failures), "failures": failures[:5]}


def kills(new_db, folder: Path, files: int, n: int, seed: int) -> dict:
    rng = random.Random(seed)
    orphans = lost = duplicated = 0
    notes = []
    for i in range(n):
        url = new_db()
        how = signal.SIGKILL if i % 2 == 0 else signal.SIGINT
        proc = _ingest(folder, url, jobs=2)
        time.sleep(rng.uniform(0, 3.0))
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, how)
        proc.communicate(timeout=60)
        end = time.monotonic() + 2
        while _alive(proc.pid) and time.monotonic() < end:
            time.sleep(0.05)
        if _alive(proc.pid):
            orphans += 1
            os.killpg(proc.pid, signal.SIGKILL)
        rerun = _ingest(folder, url, jobs=2)
        out, err = rerun.communicate(timeout=600)
        if rerun.returncode != 0:
            notes.append(f"kill {i}: rerun exit {rerun.returncode}: {err.strip().splitlines()[-1:]}")
        records, versions = _counts(url)
        lost += max(0, files - records)
        duplicated += max(0, versions - files)
    return {"kills": n, "orphans_after_2s": orphans, "lost": lost, "duplicated": duplicated, "notes": notes[:5]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--races", type=int, default=20)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    from benchmarks.scale_corpus import generate
    from tests.pg import PgServer, find_pg_bin

    work = Path(tempfile.mkdtemp(prefix="tbd-races-"))
    generate(work / "texts", args.files, seed=args.seed)
    counter = iter(range(10**6))
    backends = {"sqlite": lambda: f"sqlite:///{work / f'c{next(counter)}.db'}"}
    server = None
    if find_pg_bin() is not None:
        server = PgServer(find_pg_bin())
        server.start()
        backends["postgresql"] = server.new_database
    out = {"machine": f"{os.cpu_count()} cores", "files": args.files}
    try:
        for name, new_db in backends.items():
            t0 = time.perf_counter()
            out[name] = {
                **races(new_db, work / "texts", args.files, args.races),
                **kills(new_db, work / "texts", args.files, args.kills, args.seed),
                "seconds": round(time.perf_counter() - t0),
            }
            print(json.dumps({name: out[name]}), file=sys.stderr)
    finally:
        if server is not None:
            server.stop()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
