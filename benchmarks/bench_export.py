"""Export benchmark: the sample record in every format, and a large corpus to CSV and Parquet.

    .venv/bin/python benchmarks/bench_export.py [--records 50000] [--jobs 2] [--db URL] [--repeat 20]
        [--formats csv,parquet,jsonl] [--workdir DIR]

1. The sample record (parsed and analysed once, without embeddings) written in each format
   (akn, tei, jsonl, csv, parquet, xlsx) through ``tbdialogue.export.export``, ``--repeat`` times
   in this process: median wall time per format, and the sum (what "the sample to all formats"
   costs once the program runs). The first call of each format is timed apart: it includes
   importing its library (lxml's writer, pyarrow, openpyxl).
2. A corpus of ``--records`` records (``--db``; else built here: ``benchmarks/scale_corpus.py``
   then ``tbdialogue ingest --jobs N`` into a SQLite file in ``--workdir``) exported with
   ``tbdialogue export --db … --format F --out …`` as a user would run it, one run per format: wall
   time, records/s, and the export process's peak resident memory (VmHWM, polled), together with
   its memory after the first 10 % of the records, to show whether it grows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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
BIN = Path(sys.executable).parent


def sample_formats(repeat: int, workdir: Path) -> dict:
    from tbdialogue import parse_file
    from tbdialogue.analyse import analyse_records
    from tbdialogue.export import export

    record = parse_file(ROOT / "samples" / "CMW-C-SR.537.md")
    analyse_records([record], ["sample"], use_embeddings=False)
    targets = {"akn": "x.xml", "tei": "x.tei.xml", "jsonl": "x.jsonl", "csv": "csv", "parquet": "pq", "xlsx": "x.xlsx"}
    out: dict[str, dict] = {}
    for fmt, name in targets.items():
        t0 = time.perf_counter()
        export([record], fmt, workdir / name)
        first = time.perf_counter() - t0
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            export([record], fmt, workdir / name)
            times.append(time.perf_counter() - t0)
        out[fmt] = {"first_ms": round(first * 1000, 1), "median_ms": round(statistics.median(times) * 1000, 2)}
    out["all_formats_median_ms"] = round(sum(v["median_ms"] for v in out.values()), 1)
    out["all_formats_first_ms"] = round(sum(v["first_ms"] for v in out.values() if isinstance(v, dict)), 1)
    return out


def build_corpus(records: int, jobs: int, workdir: Path) -> str:
    texts = workdir / "texts"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale_corpus.py"), str(texts), "--records", str(records)], check=True)
    url = f"sqlite:///{workdir / 'corpus.db'}"
    t0 = time.perf_counter()
    subprocess.run([str(BIN / "tbdialogue"), "ingest", str(texts), "--recursive", "--db", url, "--jobs", str(jobs), "--quiet"], check=True)
    print(f"ingested {records} records in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    shutil.rmtree(texts)
    return url


def _rss(pid: int) -> tuple[int, int]:
    with open(f"/proc/{pid}/status") as fh:
        status = fh.read()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    hwm = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
    return rss, hwm


def export_corpus(url: str, fmt: str, workdir: Path, total: int) -> dict:
    out = workdir / f"out-{fmt}"
    shutil.rmtree(out, ignore_errors=True)
    target = out / "all.jsonl" if fmt == "jsonl" else out
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN / "tbdialogue"), "export", "--db", url, "--format", fmt, "--out", str(target), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    hwm = 0
    samples: list[tuple[float, int]] = []
    while proc.poll() is None:
        try:
            rss, hwm = _rss(proc.pid)
            samples.append((time.perf_counter() - t0, rss))
        except (OSError, AttributeError):
            pass
        time.sleep(0.1)
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"export {fmt} failed: {err.decode()}")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    early = [rss for t, rss in samples if t <= wall * 0.1] or [samples[0][1] if samples else 0]
    late = [rss for t, rss in samples if t >= wall * 0.9] or [samples[-1][1] if samples else 0]
    return {
        "seconds": round(wall, 1),
        "records_per_s": round(total / wall),
        "peak_rss_mb": round(hwm / 1024),
        "rss_at_10pct_mb": round(max(early) / 1024),
        "rss_at_90pct_mb": round(max(late) / 1024),
        "output_mb": round(size / 1e6),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=50000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--db", help="an existing corpus (else one is built)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--formats", default="csv,parquet,jsonl")
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--skip-sample", action="store_true")
    args = ap.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tbd-bench-export-"))
    workdir.mkdir(parents=True, exist_ok=True)
    result: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_start": os.getloadavg()[0],
    }
    if not args.skip_sample:
        result["sample"] = sample_formats(args.repeat, workdir)
        print(json.dumps(result["sample"], indent=2), file=sys.stderr)
    url = args.db or build_corpus(args.records, args.jobs, workdir)
    from tbdialogue.store import Corpus

    with Corpus(url, create=False) as corpus:
        total = len(corpus.record_ids())
    result["corpus_records"] = total
    for fmt in args.formats.split(","):
        result[f"corpus_{fmt}"] = export_corpus(url, fmt, workdir, total)
        print(fmt, json.dumps(result[f"corpus_{fmt}"]), file=sys.stderr)
    result["load_average_end"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
