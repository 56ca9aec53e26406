"""Hostile and costly search queries: each answered or refused, and how fast (issue 15).

    .venv/bin/python benchmarks/bench_queries.py --db sqlite:///big.db [--db postgresql://…] [--repeat 3]

Every query goes through ``Corpus.search`` with the limits the command line and the web app use
(``COUNT_LIMIT`` matches counted and ranked, ``SEARCH_SECONDS`` before the database stops it), and
with facets as on the web's search page. Printed per query: answered (with the hits counted) or the
one-line refusal, and the median wall time of ``--repeat`` runs. The target: every query of up to
10,000 characters answered or refused in under 1 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

COMMON = [
    "state",
    "committee",
    "rights",
    "women",
    "children",
    "migrants",
    "report",
    "measures",
    "information",
    "delegation",
    "convention",
    "law",
    "national",
    "government",
    "country",
    "persons",
    "health",
    "education",
    "work",
    "labour",
    "social",
    "training",
    "court",
    "police",
    "protection",
]

QUERIES = {
    "one very common word": "State",
    "a common word, excluded another": "state -rights",
    "25 common words, OR": " OR ".join(COMMON),
    "25 common words, AND": " ".join(COMMON),
    "a 2-letter prefix": "co*",
    "a 3-letter prefix": "pro*",
    "25 3-letter prefixes, OR": " OR ".join(w[:3] + "*" for w in COMMON),
    "5 3-letter prefixes, OR": " OR ".join(w[:3] + "*" for w in COMMON[:5]),
    "phrase of common words": '"of the"',
    "phrase of one word 60 times": '"' + " ".join(["the"] * 60) + '"',
    "one word 400 times": "ban " * 400,
    "16 nested groups": "(" * 16 + "rights" + ")" * 16,
    "400 nested groups": "(" * 400 + "rights" + ")" * 400,
    "10,000 characters": ("migrants " * 1200)[:10_000],
    "64 different words": " ".join(f"word{i}" for i in range(64)),
    "65 different words": " ".join(f"word{i}" for i in range(65)),
}


def run(db: str, repeat: int) -> dict:
    from tbdialogue.errors import TbdError
    from tbdialogue.store import Corpus
    from tbdialogue.store.deadline import COUNT_LIMIT, SEARCH_SECONDS

    out = {}
    with Corpus(db, create=False) as corpus:
        corpus.search("warm up", count=True)
        for name, query in QUERIES.items():
            times, outcome = [], ""
            for _ in range(repeat):
                t0 = time.perf_counter()
                try:
                    r = corpus.search(
                        query, count=True, facets=True, count_limit=COUNT_LIMIT, time_limit=SEARCH_SECONDS
                    )
                    outcome = f"answered: {'over ' if r.capped else ''}{r.total:,} paragraphs"
                except TbdError as exc:
                    outcome = f"refused: {exc}"
                times.append((time.perf_counter() - t0) * 1000)
            out[name] = {
                "median_ms": round(statistics.median(times), 1),
                "max_ms": round(max(times), 1),
                "outcome": outcome,
            }
            print(f"{name:34} {out[name]['median_ms']:8.1f} ms  {outcome[:110]}", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", action="append", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(json.dumps({db.split("@")[-1]: run(db, args.repeat) for db in args.db}, indent=2))


if __name__ == "__main__":
    main()
