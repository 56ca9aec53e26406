"""Races, kills and searches during an ingest, counted (issues 13 and 15), on SQLite and on a
throwaway PostgreSQL server (tests/pg.py; skipped when its programs are not installed).

    .venv/bin/python benchmarks/bench_races.py [--races 20] [--kills 20] [--searchers 20] [--files 60]
                                               [--backend sqlite --backend postgresql] [--seed 7]

- races: ingests started at once into an empty database, in turn two of the same folder and three
  of overlapping folders (its first two thirds, its last two thirds, all of it). A race fails on a
  non-zero exit, an error line, or a store that does not hold every record exactly once.
- kills: ``--kills`` kill -9 and ``--kills`` Ctrl-C (SIGINT to the whole process group, as a
  terminal sends it) of an ingest (--jobs 2) of ``--files`` × 4 records at a random moment: one in four in its first second
  (workers starting), the others anywhere in the time an uninterrupted ingest takes (measured first). Counted: processes of the ingest alive 2 s later (orphans); a traceback or "internal
  error" in its output (for Ctrl-C also: an exit code other than 130); the database inconsistent
  (SQLite ``PRAGMA integrity_check`` and FTS5 ``integrity-check``; on both, one current version per
  record, every version's paragraphs and turns, the index matching: tests/test_store_interrupt.py)
  after the kill or after the same ingest run again; records lost or duplicated after that run.
- searchers: ``--searchers`` client processes search in a loop (counts and facets, four queries),
  all of them searching before an ingest of ``--files`` × 4 records starts; counted: errors, and the
  searches made while the ingest ran, their median and slowest time.

Printed as JSON: per backend, the counts and the failures' first lines (stderr: progress).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.ingests import counts, group_alive, ingest_process  # noqa: E402

SEARCHER = """
import json, sys, time
from pathlib import Path
from tbdialogue.store import Corpus
url, stop, ready = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
queries = ["migrants", "workers OR women", '"trade union"', "detention -Russia"]
searches, errors = [], []
with Corpus(url, create=False) as corpus:
    ready.touch()
    while not stop.exists():
        t0 = time.time()
        try:
            corpus.search(queries[len(searches) % 4], count=True, facets=True)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
        searches.append((t0, time.time() - t0))
print(json.dumps({"searches": searches, "errors": errors}))
"""


def _inconsistency(url: str) -> str | None:
    """None when the database is consistent, else what is wrong."""
    from tests.test_store_interrupt import assert_consistent

    from tbdialogue.store import Corpus

    try:
        with Corpus(url) as corpus:
            assert_consistent(corpus)
    except Exception as exc:  # noqa: BLE001 - any failure is the finding
        return f"{type(exc).__name__}: {exc}"[:300]
    return None


def _unclean(text: str) -> bool:
    return "Traceback" in text or "internal error" in text


def races(new_db: Callable[[], str], folders: dict[str, Path], files: int, n: int) -> dict:
    failures = []
    for i in range(n):
        url = new_db()
        kind = ("all", "all") if i % 2 == 0 else ("first", "last", "all")
        procs = [ingest_process(folders[k], url, group=True) for k in kind]
        outs = [p.communicate(timeout=900) for p in procs]
        for p, (out, err) in zip(procs, outs, strict=True):
            if p.returncode != 0 or "0 errors" not in out or _unclean(err):
                failures.append(f"race {i} {kind}: exit {p.returncode}: {(err or out).strip().splitlines()[-1:]}")
        if (got := counts(url)) != (files, files):
            failures.append(f"race {i} {kind}: stored {got}, expected {files} records once")
        if bad := _inconsistency(url):
            failures.append(f"race {i} {kind}: {bad}")
        print(f"  race {i}: {len(failures)} failures so far", file=sys.stderr, flush=True)
    return {"races": n, "kinds": "2 ingests of one folder, 3 of overlapping folders, in turn", "failed": len(failures),
            "failures": failures[:5]}  # fmt: skip


def duration(new_db: Callable[[], str], folder: Path) -> float:
    """Seconds an uninterrupted ingest of ``folder`` (--jobs 2) takes: the window kills are drawn in."""
    t0 = time.perf_counter()
    proc = ingest_process(folder, new_db(), jobs=2, group=True)
    proc.communicate(timeout=900)
    return time.perf_counter() - t0


def kills(
    new_db: Callable[[], str], folder: Path, files: int, n: int, how: signal.Signals, seed: int, window: float
) -> dict:
    """``n`` interruptions, one in four in the ingest's first second, the others anywhere in ``window``."""
    rng = random.Random(f"{seed}{how.name}")
    orphans = unclean = inconsistent = lost = duplicated = stored_before = midway = 0
    moments: list[float] = []
    notes: list[str] = []
    for i in range(n):
        url = new_db()
        proc = ingest_process(folder, url, jobs=2, group=True)
        moments.append(rng.uniform(0, 1.0) if i % 4 == 0 else rng.uniform(1.0, window))
        time.sleep(moments[-1])
        with contextlib.suppress(ProcessLookupError):
            if how == signal.SIGINT:
                os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole group
            else:
                os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=120)  # ends when every holder of its pipes is gone
        end = time.monotonic() + 2
        while group_alive(proc.pid) and time.monotonic() < end:
            time.sleep(0.05)
        if group_alive(proc.pid):
            orphans += 1
            notes.append(f"{how.name} {i} at {moments[-1]:.2f} s: processes left after 2 s")
            os.killpg(proc.pid, signal.SIGKILL)
        # Ctrl-C: 130 from the command, or -2 (ended by SIGINT itself) when it came as the ingest was exiting
        if _unclean(err) or (how == signal.SIGINT and proc.returncode not in (0, 130, -2)):
            unclean += 1
            notes.append(f"{how.name} {i} at {moments[-1]:.2f} s: exit {proc.returncode}: {err.strip()[-200:]}")
        if bad := _inconsistency(url):
            inconsistent += 1
            notes.append(f"{how.name} {i} after the kill: {bad}")
        stored_now = counts(url)[0]
        stored_before += stored_now
        midway += 0 < stored_now < files
        rerun = ingest_process(folder, url, jobs=2, group=True)
        out, err = rerun.communicate(timeout=900)
        if rerun.returncode != 0 or _unclean(err):
            notes.append(f"{how.name} {i}: rerun exit {rerun.returncode}: {err.strip().splitlines()[-1:]}")
        if bad := _inconsistency(url):
            inconsistent += 1
            notes.append(f"{how.name} {i} after the rerun: {bad}")
        records, versions = counts(url)
        lost += max(0, files - records)
        duplicated += max(0, versions - records)
        print(f"  {how.name} {i} at {moments[-1]:.2f} s: {records} records", file=sys.stderr, flush=True)
    return {
        "kills": n,
        "window_s": round(window, 1),
        "in_first_second": sum(m < 1 for m in moments),
        "records_stored_when_killed": stored_before,
        "killed_between_batches": midway,
        "orphans_after_2s": orphans,
        "tracebacks_or_bad_exit": unclean,
        "inconsistent": inconsistent,
        "lost": lost,
        "duplicated": duplicated,
        "notes": notes[:5],
    }


def searching(url: str, folder: Path, files: int, clients: int) -> dict:
    """``clients`` processes search while one ingest (--jobs 2) stores ``folder``."""
    from tbdialogue.store import Corpus

    Corpus(url).close()  # the schema exists, as on a server the clients already use
    flags = Path(tempfile.mkdtemp(prefix="tbd-flags-"))
    searchers = [
        subprocess.Popen(
            [sys.executable, "-c", SEARCHER, url, str(flags / "stop"), str(flags / f"ready{i}")],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(clients)
    ]
    end = time.monotonic() + 300
    while len(list(flags.glob("ready*"))) < clients and time.monotonic() < end:
        time.sleep(0.1)  # every client started and searching before the ingest starts
    started = time.time()
    ingest = ingest_process(folder, url, jobs=2, group=True)
    out, err = ingest.communicate(timeout=1800)
    ended = time.time()
    (flags / "stop").touch()
    times: list[float] = []
    errors: list[str] = []
    for s in searchers:
        got, _ = s.communicate(timeout=120)
        if s.returncode != 0 or not got.strip():
            errors.append(f"a client ended with exit {s.returncode}")
            continue
        result = json.loads(got)
        times += [took for t0, took in result["searches"] if started <= t0 <= ended]
        errors += result["errors"]
    return {
        "clients": clients,
        "ingest_exit": ingest.returncode,
        "ingest_errors": "" if ingest.returncode == 0 else err.strip()[-200:],
        "ingest_seconds": round(ended - started, 1),
        "records_stored": counts(url),
        "expected": files,
        "searches_during_ingest": len(times),
        "search_errors": len(errors),
        "errors": errors[:5],
        "search_ms_median": round(statistics.median(times) * 1000, 1) if times else None,
        "search_ms_max": round(max(times) * 1000, 1) if times else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--races", type=int, default=20)
    ap.add_argument("--kills", type=int, default=20, help="kill -9 this many times, and Ctrl-C as many")
    ap.add_argument("--searchers", type=int, default=20)
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    # Started as a shell's background job (`nohup … &`), this process ignores SIGINT, and so would every
    # ingest it starts (an ignored signal stays ignored through exec): each Ctrl-C would be a no-op.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from benchmarks.scale_corpus import generate
    from tests.pg import PgServer, find_pg_bin

    work = Path(tempfile.mkdtemp(prefix="tbd-races-"))
    generate(work / "all", args.files, seed=args.seed)
    every = sorted(p for p in (work / "all").rglob("*") if p.is_file())
    for name, part in (("first", every[: len(every) * 2 // 3]), ("last", every[len(every) // 3 :])):
        (work / name).mkdir()
        for f in part:
            (work / name / f.name).write_bytes(f.read_bytes())
    generate(work / "big", args.files * 4, seed=args.seed + 1)
    folders = {name: work / name for name in ("all", "first", "last")}
    counter = iter(range(10**6))
    backends: dict[str, Callable[[], str]] = {}
    wanted = args.backend or ["sqlite", "postgresql"]
    if "sqlite" in wanted:
        backends["sqlite"] = lambda: f"sqlite:///{work / f'c{next(counter)}.db'}"
    server = None
    if "postgresql" in wanted and find_pg_bin() is not None:
        server = PgServer(find_pg_bin())
        server.start()
        backends["postgresql"] = server.new_database
    out: dict = {"machine": f"{os.cpu_count()} cores", "files": args.files, "seed": args.seed}
    try:
        for name, new_db in backends.items():
            t0 = time.perf_counter()
            print(f"{name}:", file=sys.stderr, flush=True)
            big, n_big = work / "big", args.files * 4
            window = duration(new_db, big) if args.kills else 0.0
            out[name] = {
                "races": races(new_db, folders, args.files, args.races) if args.races else None,
                "kill -9": kills(new_db, big, n_big, args.kills, signal.SIGKILL, args.seed, window)
                if args.kills
                else None,
                "Ctrl-C": kills(new_db, big, n_big, args.kills, signal.SIGINT, args.seed, window)
                if args.kills
                else None,
                "searching while ingesting": searching(new_db(), big, n_big, args.searchers)
                if args.searchers
                else None,
            }
            out[name]["seconds"] = round(time.perf_counter() - t0)
            print(json.dumps({name: out[name]}), file=sys.stderr, flush=True)
    finally:
        if server is not None:
            server.stop()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
