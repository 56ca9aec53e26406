"""Corpus benchmark: ingest and search at scale, SQLite and PostgreSQL in the same run, against grep.

    .venv/bin/python benchmarks/bench_corpus.py [--records 50000] [--jobs 2] [--queries 200]
        [--backends sqlite,postgresql] [--corpus DIR] [--workdir DIR] [--grep-queries 20] [--seed 7]

1. Builds the scale corpus (benchmarks/scale_corpus.py) in a temporary folder, unless --corpus.
2. Ingest: ``tbdialogue ingest DIR --jobs N --quiet`` per backend (text input: parse + store), wall
   time, records/s, the main process's peak resident memory (VmHWM, polled), database size per record.
   PostgreSQL is a throwaway server started here (initdb/pg_ctl, as in the tests).
3. Search: for each backend, ``Corpus.search(query, limit=20)`` — ranked top 20 with snippets, as the
   command gives them — for ``--queries`` one-, two- and three-word queries per document-frequency
   band (rare < 0.1 % of paragraphs, medium 0.1–1 %, common 1–10 %), drawn with a fixed seed from the
   corpus' own paragraphs (the words of a query come from one paragraph, so queries have hits), with
   and without a filter (the State, body or year of that paragraph's record). One untimed warm-up
   pass, then a timed pass: median, 95th percentile, mean hits.
4. grep: ``grep -ril W1 DIR | xargs grep -il W2 …`` for the first --grep-queries queries of each band.
5. Ingest with the dialogue analysis (--analyze) on --analyse-records records, when available.

The scale corpus is built from 16 source texts: its vocabulary is far smaller than the real
corpus', so the bands hold fewer distinct words than they would on real records.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

BANDS = {"rare": (0.0, 0.001), "medium": (0.001, 0.01), "common": (0.01, 0.10)}
TBD = str(ROOT / ".venv" / "bin" / "tbdialogue")


def ingest(corpus_dir: Path, url: str, jobs: int, extra: list[str] | None = None) -> dict:
    """Run the ingest command; wall time and the main process's peak RSS (VmHWM)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [TBD, "ingest", str(corpus_dir), "--db", url, "--jobs", str(jobs), "--quiet", *(extra or [])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    hwm = 0
    while proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            hwm = max(hwm, int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))
        except (OSError, AttributeError):
            pass
        time.sleep(0.2)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    return {
        "wall_s": round(wall, 1),
        "peak_rss_mb": round(hwm / 1024, 1),
        "summary": out.strip(),
        "stderr": err[-2000:],
    }


def db_size(url: str, corpus) -> int:
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    from sqlalchemy import text

    with corpus.engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def paragraph_sample(corpus, n: int, seed: int) -> list[tuple[str, str, str | None, str | None, int | None]]:
    """(text, language, state code, body, year) of n random current paragraphs (fixed seed)."""
    from sqlalchemy import func, select

    from tbdialogue.store.schema import paragraphs, record_versions

    p, v = paragraphs.c, record_versions.c
    with corpus.engine.connect() as conn:
        max_id = conn.execute(select(func.max(p.id))).scalar_one()
        rng = random.Random(seed)
        ids = sorted({rng.randint(1, max_id) for _ in range(n)})
        rows = conn.execute(
            select(p.text, v.language, v.state_party_code, v.body, v.year)
            .join(record_versions, v.id == p.version_id)
            .where(p.id.in_(ids), v.is_current)
        ).all()
    return [tuple(r) for r in rows]


def document_frequencies(sqlite_url: str) -> tuple[dict[str, int], int]:
    """Stem → number of paragraphs holding it (FTS5 vocabulary of the terms column)."""
    import sqlite3

    conn = sqlite3.connect(sqlite_url.split("///", 1)[1])
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'paragraph_fts', 'col')")
    df = {t: d for t, d in conn.execute("SELECT term, doc FROM temp.vocab WHERE col = 'terms'")}
    total = conn.execute("SELECT count(*) FROM paragraph_fts").fetchone()[0]
    conn.close()
    return df, total


def build_queries(sample, df: dict[str, int], total: int, per_band: int, seed: int, stop: set[str]) -> dict:
    """Per band: queries of 1, 2 and 3 words (a third each) whose every word is in the band."""
    from tbdialogue.lexicon.stem import stem
    from tbdialogue.lexicon.words import tokens as words

    rng = random.Random(seed)
    out: dict[str, list[dict]] = {}
    for band, (lo, hi) in BANDS.items():
        queries: list[dict] = []
        order = list(range(len(sample)))
        rng.shuffle(order)
        want = [1 + (k % 3) for k in range(per_band)]
        k = 0
        for idx in order * 3:
            if k >= per_band:
                break
            text, lang, state, body, year = sample[idx]
            cands = []
            for w in dict.fromkeys(words(text)):
                if len(w) < 3 or w.isdigit() or w in stop:
                    continue
                share = df.get(stem(w, lang), 0) / total
                if lo < share <= hi or (lo == 0 and 0 < share <= hi):
                    cands.append(w)
            if len(cands) < want[k]:
                continue
            picked = rng.sample(cands, want[k])
            filt_kind = rng.choice(
                [f for f, val in (("state", state), ("body", body), ("year", year)) if val] or ["body"]
            )
            filt = {"state": state, "body": body, "year": year}[filt_kind]
            queries.append({"words": picked, "filter": {filt_kind: filt} if filt else {}})
            k += 1
        out[band] = queries
    return out


def time_searches(corpus, queries: list[dict], filtered: bool) -> dict:
    from tbdialogue.store.query import And, Term

    def node(q):
        terms = tuple(Term(w) for w in q["words"])
        return terms[0] if len(terms) == 1 else And(terms)

    prepared = [(node(q), corpus.filters(**(q["filter"] if filtered else {}))) for q in queries]
    for n, f in prepared:  # warm-up
        corpus.search(n, filters=f, limit=20)
    times, hits = [], []
    for n, f in prepared:
        t0 = time.perf_counter()
        res = corpus.search(n, filters=f, limit=20)
        times.append((time.perf_counter() - t0) * 1000)
        hits.append(len(res.hits))
    times.sort()
    return {
        "queries": len(times),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(round(0.95 * len(times))) - 1)], 2),
        "max_ms": round(times[-1], 2),
        "mean_hits": round(statistics.mean(hits), 1),
    }


def time_grep(corpus_dir: Path, queries: list[dict]) -> dict:
    times = []
    for q in queries:
        cmd = f"grep -ril -- {q['words'][0]!r} {str(corpus_dir)!r}"
        for w in q["words"][1:]:
            cmd += f" | xargs -r grep -il -- {w!r}"
        t0 = time.perf_counter()
        subprocess.run(["bash", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"queries": len(times), "median_ms": round(statistics.median(times), 1), "max_ms": round(times[-1], 1)}


def pg_stopwords(url: str, candidates: set[str]) -> set[str]:
    """Words a PostgreSQL configuration drops (stop words): left out of the queries of both backends."""
    from sqlalchemy import create_engine, text

    from tbdialogue.store.db import resolve_url

    engine = create_engine(resolve_url(url))
    stop: set[str] = set()
    with engine.connect() as conn:
        for cfg in ("english", "french", "spanish"):
            rows = conn.execute(
                text("SELECT w FROM unnest(CAST(:ws AS text[])) AS w WHERE to_tsvector(CAST(:c AS regconfig), w) = ''"),
                {"ws": sorted(candidates), "c": cfg},
            )
            stop.update(r[0] for r in rows)
    engine.dispose()
    return stop


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=50000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--queries", type=int, default=200, help="queries per band")
    ap.add_argument("--grep-queries", type=int, default=20, help="queries per band also run with grep")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--corpus", type=Path, help="an existing scale corpus folder")
    ap.add_argument("--workdir", type=Path, help="where databases go (default: a temporary folder)")
    ap.add_argument("--analyse-records", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    from benchmarks.scale_corpus import generate

    from tbdialogue.store import Corpus

    work = args.workdir or Path(tempfile.mkdtemp(prefix="tbd-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_dir = args.corpus
    if corpus_dir is None:
        corpus_dir = work / "corpus"
        t0 = time.perf_counter()
        generate(corpus_dir, args.records, seed=5)
        print(f"scale corpus: {args.records} records in {corpus_dir} ({time.perf_counter() - t0:.0f} s)", flush=True)
    n_files = sum(1 for _ in corpus_dir.rglob("*.*"))
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": os.getloadavg(),
        "records": n_files,
        "corpus_mb": round(sum(p.stat().st_size for p in corpus_dir.rglob("*.*")) / 1e6),
        "jobs": args.jobs,
        "backends": {},
    }
    server = None
    urls: dict[str, str] = {}
    for backend in args.backends.split(","):
        if backend == "sqlite":
            urls[backend] = f"sqlite:///{work / 'corpus.db'}"
        else:
            from tests.pg import PgServer, find_pg_bin

            server = PgServer(find_pg_bin())
            server.start()
            urls[backend] = server.new_database()
    try:
        for backend, url in urls.items():
            print(f"[{backend}] ingest …", flush=True)
            r = ingest(corpus_dir, url, args.jobs)
            print(f"[{backend}] {r['summary']} peak RSS {r['peak_rss_mb']} MB", flush=True)
            m = re.search(r"\(([\d.]+) records/s\)", r["summary"])
            corpus = Corpus(url)
            size = db_size(url, corpus)
            results["backends"][backend] = {
                "ingest": {**r, "records_per_s": float(m.group(1)) if m else None},
                "db_mb": round(size / 1e6),
                "db_kb_per_record": round(size / 1024 / n_files, 1),
                "paragraphs": corpus.stats()["paragraphs"],
            }
            corpus.close()
        # Queries: drawn once (from the SQLite vocabulary when there, else PostgreSQL's), run on every backend.
        first_url = urls.get("sqlite") or next(iter(urls.values()))
        base = Corpus(first_url)
        sample = paragraph_sample(base, 30000, args.seed)
        if "sqlite" in urls:
            df, total = document_frequencies(urls["sqlite"])
        else:
            raise SystemExit("the query bands are computed from the SQLite index: include sqlite in --backends")
        base.close()
        from tbdialogue.lexicon.words import tokens as words

        vocab = {w for s in sample for w in words(s[0])}
        stop = pg_stopwords(urls["postgresql"], vocab) if "postgresql" in urls else set()
        queries = build_queries(sample, df, total, args.queries, args.seed, stop)
        results["queries"] = {b: len(q) for b, q in queries.items()}
        results["query_examples"] = {b: [" ".join(q["words"]) for q in qs[:6]] for b, qs in queries.items()}
        for backend, url in urls.items():
            corpus = Corpus(url)
            out = {}
            for band, qs in queries.items():
                for filtered in (False, True):
                    key = f"{band}{' + filter' if filtered else ''}"
                    out[key] = time_searches(corpus, qs, filtered)
                    print(f"[{backend}] {key}: {out[key]}", flush=True)
            results["backends"][backend]["search"] = out
            corpus.close()
        results["grep"] = {}
        for band, qs in queries.items():
            results["grep"][band] = time_grep(corpus_dir, qs[: args.grep_queries])
            print(f"[grep] {band}: {results['grep'][band]}", flush=True)
        from tbdialogue.store.analysis import available

        if available() and args.analyse_records:
            sub = work / "analyse-corpus"
            generate(sub, args.analyse_records, seed=11)
            r = ingest(sub, f"sqlite:///{work / 'analysed.db'}", args.jobs, ["--analyze"])
            results["ingest_with_analysis"] = r
            print(f"[analysis] {r['summary']}", flush=True)
        else:
            results["ingest_with_analysis"] = "not available: tbdialogue.analyse is not installed"
        results["load_after"] = os.getloadavg()
    finally:
        if server is not None:
            server.stop()
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2, default=str))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
