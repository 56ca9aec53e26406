"""Web benchmark: page render times and 50 concurrent clients, over a large corpus, SQLite and/or
PostgreSQL.

    .venv/bin/python benchmarks/bench_web.py --db sqlite:///big.db [--db postgresql://…]
        [--pages 200] [--clients 50] [--seconds 60] [--analyse 40]

For each database (an existing corpus, e.g. the one ``benchmarks/bench_export.py`` or
``bench_corpus.py`` builds from ``scale_corpus.py``):

1. ``--analyse`` dialogues drawn with a fixed seed are analysed (``Corpus.analyse``), unless they
   already are, so that dialogue pages have questions to show.
2. The app runs in its own process (``tbdialogue serve``: uvicorn, one worker) on a free loopback
   port. Render times: ``--pages`` requests one after the other for each kind of page — record
   (random records), dialogue (the analysed dialogues), search (one word drawn from the corpus'
   paragraphs, with and without a State filter) — each at a new address, so built and not taken
   from the app's page cache; wall time per request as the client sees it (loopback HTTP
   included): median, 95th percentile.
3. Load: ``--clients`` concurrent clients (asyncio, httpx2), each requesting those pages in random
   order for ``--seconds``, waiting ``--think`` seconds (±50 %) between requests as a reader does
   (0: no pause, the server saturated): requests, errors, requests/s, median, p95, p99 latency.
   Pages asked for again at the same corpus generation come from the page cache, as in use.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(db: str, analyse: int, seed: int) -> dict[str, list[str]]:
    """URLs to request: records, analysed dialogues, searches."""
    from sqlalchemy import select

    from tbdialogue.store import Corpus
    from tbdialogue.store.schema import dialogues, paragraphs, record_versions

    rng = random.Random(seed)
    with Corpus(db, create=False) as corpus:
        with corpus.engine.connect() as conn:
            v, d = record_versions.c, dialogues.c
            symbols = [s for (s,) in conn.execute(select(v.symbol).where(v.is_current, v.symbol.is_not(None)))]
            keys = list(conn.execute(select(d.dialogue_key, d.body, d.session, d.state_code)))
            analysed = {
                k for (k,) in conn.execute(select(d.dialogue_key).join(record_versions, v.dialogue_id == d.id).where(v.analysed))
            }
            ids = [i for (i,) in conn.execute(select(paragraphs.c.id).order_by(paragraphs.c.id).limit(200_000))]
            texts = [t for (t,) in conn.execute(select(paragraphs.c.text).where(paragraphs.c.id.in_(rng.sample(ids, 300))))]
        todo = [k for k in rng.sample(keys, min(analyse, len(keys))) if k.dialogue_key not in analysed]
        t0 = time.perf_counter()
        for k in todo:
            corpus.analyse(state=k.state_code, body=k.body, session=k.session)
            analysed.add(k.dialogue_key)
        if todo:
            print(f"analysed {len(todo)} dialogues in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    # Search words: those of 300 random paragraphs that are in at most 10 % of them — the rare, medium
    # and common bands of bench_corpus.py; the very common (in more than 10 %) are timed apart.
    df: dict[str, int] = {}
    for t in texts:
        for w in {w.lower() for w in re.findall(r"[a-zA-Z]{4,}", t)}:
            df[w] = df.get(w, 0) + 1
    words = sorted(w for w, n in df.items() if n <= 0.10 * len(texts))
    very_common = sorted(w for w, n in df.items() if n > 0.10 * len(texts) and len(w) >= 6)
    states = [k.state_code for k in keys]
    searches = [f"/search?q={rng.choice(words)}" for _ in range(100)]
    searches += [f"/search?q={rng.choice(words)}&state={rng.choice(states)}" for _ in range(100)]
    return {
        "record": [f"/records/{s}" for s in rng.sample(symbols, min(300, len(symbols)))],
        "dialogue": [f"/dialogues/{k}" for k in sorted(analysed)],
        "search": searches,
        "search_very_common": [f"/search?q={w}" for w in very_common],
    }


def start_server(db: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN / "tbdialogue"), "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    import httpx2 as httpx

    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/api/dialogues", timeout=5)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"the server did not start: {proc.stderr.read().decode()}")


def render_times(base: str, urls: dict[str, list[str]], pages: int, seed: int) -> dict:
    import httpx2 as httpx

    rng = random.Random(seed)
    out = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for kind, choices in urls.items():
            if not choices:
                continue
            for u in choices[:5]:  # warm-up
                client.get(u)
            times, errors = [], 0
            for i in range(pages):
                u = rng.choice(choices)
                u += ("&" if "?" in u else "?") + f"cold={i}"  # a new address: built, not from the page cache
                t0 = time.perf_counter()
                r = client.get(u)
                times.append((time.perf_counter() - t0) * 1000)
                errors += r.status_code != 200
            times.sort()
            out[kind] = {
                "requests": pages,
                "errors": errors,
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(0.95 * len(times)) - 1], 1),
            }
    return out


async def _client(
    base: str, urls: list[str], until: float, seed: int, lat: list[tuple[float, str]], errs: list[str], think: float
) -> None:
    import httpx2 as httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await asyncio.sleep(rng.uniform(0, think))  # clients do not all start at the same instant
        while time.perf_counter() < until:
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
            u = rng.choice(urls)
            t0 = time.perf_counter()
            try:
                r = await client.get(u)
                if r.status_code != 200:
                    errs.append(f"{r.status_code} {u}")
            except httpx.HTTPError as exc:
                errs.append(f"{type(exc).__name__} {u}")
            lat.append(((time.perf_counter() - t0) * 1000, u))


def load(base: str, urls: dict[str, list[str]], clients: int, seconds: float, seed: int, think: float) -> dict:
    mixed = [u for kind, choices in urls.items() if kind != "search_very_common" for u in choices]
    kind_of = {u: kind for kind, choices in urls.items() for u in choices}
    timed: list[tuple[float, str]] = []
    errs: list[str] = []
    until = time.perf_counter() + seconds

    async def run() -> None:
        await asyncio.gather(*[_client(base, mixed, until, seed + i, timed, errs, think) for i in range(clients)])

    t0 = time.perf_counter()
    asyncio.run(run())
    wall = time.perf_counter() - t0
    lat = sorted(ms for ms, _ in timed)
    slowest = sorted(timed, reverse=True)[: max(1, len(timed) // 100)]  # the 1 % beyond p99, by kind of page
    pick = lambda q: round(lat[max(0, int(q * len(lat)) - 1)], 1)  # noqa: E731
    return {
        "clients": clients,
        "think_s": think,
        "seconds": round(wall, 1),
        "requests": len(lat),
        "errors": len(errs),
        "first_errors": errs[:5],
        "requests_per_s": round(len(lat) / wall, 1),
        "median_ms": pick(0.5),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
        "slowest_1pct_by_page": {k: sum(kind_of[u] == k for _, u in slowest) for k in urls if k != "search_very_common"},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", action="append", default=[])
    ap.add_argument(
        "--pg-records",
        type=int,
        default=0,
        help="also build a corpus of this many records (scale_corpus.py) in a throwaway PostgreSQL server and benchmark it",
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument(
        "--think", type=float, default=1.0, help="seconds a client waits between its requests (±50 %%); 0: none"
    )
    ap.add_argument("--analyse", type=int, default=40)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--workers", type=int, default=2, help="tbdialogue serve --workers (one per core)")
    args = ap.parse_args()
    result: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_start": os.getloadavg()[0],
    }
    server = None
    dbs = list(args.db)
    if args.pg_records:
        import tempfile

        sys.path.insert(0, str(ROOT))
        from tests.pg import PgServer, find_pg_bin

        server = PgServer(find_pg_bin())
        server.start()
        url = server.new_database()
        texts = Path(tempfile.mkdtemp(prefix="tbd-bench-web-")) / "texts"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale_corpus.py"), str(texts), "--records", str(args.pg_records)], check=True)
        t0 = time.perf_counter()
        subprocess.run([str(BIN / "tbdialogue"), "ingest", str(texts), "--recursive", "--db", url, "--jobs", str(args.jobs), "--quiet"], check=True)
        print(f"ingested {args.pg_records} records into PostgreSQL in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        dbs.append(url)
    if not dbs:
        raise SystemExit("give --db URL (a corpus) or --pg-records N")
    try:
        _run(dbs, args, result)
    finally:
        if server is not None:
            server.stop()
    result["load_average_end"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))


def _run(dbs: list[str], args, result: dict) -> None:
    for db in dbs:
        urls = prepare(db, args.analyse, args.seed)
        proc, base = start_server(db, args.workers)
        try:
            from tbdialogue.store import Corpus

            with Corpus(db, create=False) as corpus:
                records = corpus.stats()["records"]
            entry = {"records": records, "render": render_times(base, urls, args.pages, args.seed)}
            print(json.dumps(entry), file=sys.stderr)
            entry["load"] = load(base, urls, args.clients, args.seconds, args.seed, args.think)
            print(json.dumps(entry["load"]), file=sys.stderr)
        finally:
            proc.terminate()
            proc.wait(10)
        result[db.split("://")[0]] = entry


if __name__ == "__main__":
    main()
