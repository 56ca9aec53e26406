"""Question analysis speed and memory on the sample record (CMW/C/SR.537, 30 KB), on one core.

    .venv/bin/python benchmarks/bench_questions.py [--runs 7]

Measures, each as the median of ``--runs`` repetitions (min and max shown):
- model load: a fresh process imports the embedding package and loads its weights (``UseEmbedder()``);
- analysis after the model is loaded: extraction, dialogue, BM25, overlap, order and the
  embeddings of every question and every sentence of the delegation's paragraphs, with an empty
  embedding cache each time (the record is embedded from scratch), and the same with the cache warm;
- peak resident memory of the process, and of a whole ``tbdialogue questions`` run.
BLAS is limited to one thread (OPENBLAS_NUM_THREADS=1, set before numpy is imported).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SAMPLE = ROOT / "samples" / "CMW-C-SR.537.md"

_LOAD = """
import os, time
os.environ["OPENBLAS_NUM_THREADS"] = "1"
t = time.perf_counter()
from tbdialogue.analyse.embed import UseEmbedder
UseEmbedder()
print(time.perf_counter() - t)
"""


def _fmt(xs: list[float], unit: str = "s") -> str:
    return f"{statistics.median(xs):.3f} {unit} (min {min(xs):.3f}, max {max(xs):.3f}, n={len(xs)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    from tbdialogue import parse_file
    from tbdialogue.analyse import analyse_records
    from tbdialogue.analyse.embed import CachedEmbedder, UseEmbedder

    loads = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True, env=os.environ)
        loads.append(float(out.stdout.strip()))

    inner = UseEmbedder()
    record = parse_file(SAMPLE)
    cold, warm = [], []
    warm_cache = CachedEmbedder(inner)
    for _ in range(args.runs):
        rec = record.model_copy(deep=True)
        t = time.perf_counter()
        analyse_records([rec], ["sample"], embedder=CachedEmbedder(inner))  # empty cache: embeds everything
        cold.append(time.perf_counter() - t)
        rec = record.model_copy(deep=True)
        t = time.perf_counter()
        analyse_records([rec], ["sample"], embedder=warm_cache)
        warm.append(time.perf_counter() - t)
    n_questions = len(rec.questions or [])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    cli = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tbdialogue", "questions", str(SAMPLE), "--format", "csv"],
            capture_output=True,
            check=True,
            env=os.environ,
        )
        cli.append(time.perf_counter() - t)
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}"
    )
    print(f"embedder: {inner.name}; BLAS threads: {os.environ['OPENBLAS_NUM_THREADS']}")
    print(f"record: {SAMPLE.name}, {SAMPLE.stat().st_size / 1000:.1f} KB, {n_questions} questions")
    print(f"model load (fresh process, import + weights):   {_fmt(loads)}")
    print(f"analysis, embeddings computed (empty cache):     {_fmt(cold)}")
    print(f"analysis, embeddings cached:                     {_fmt(warm)}")
    print(f"peak resident memory of this process:            {peak:.0f} MB")
    print(f"`tbdialogue questions` from the shell:           {_fmt(cli)}; peak of a child process {child:.0f} MB")


if __name__ == "__main__":
    main()
