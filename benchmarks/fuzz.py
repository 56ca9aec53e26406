"""Mutation fuzzing of the readers and the parser, seeded with real records (issue 13).

    .venv/bin/python benchmarks/fuzz.py [--inputs 100000] [--workers 2] [--seed 1]      (make fuzz)

Seeds: the shipped sample record, the real record openings of ../shared/corpus/excerpts and its real
UN PDFs (when there), and the format fixtures (PDF, DOCX, HTML). Each input is a seed with 1 to 8
random mutations: for text, spans deleted, repeated (up to 10,000 times) or moved, and inserted
fragments that the parser reacts to (emphasis marks, speaker labels, parentheses, numbers, symbols,
stage directions, control characters, long lines); for binary files, bytes flipped, spans cut or
repeated, the file truncated. Every input is read and parsed in a worker process; the outcome must be
a record or a one-line refusal (a ``TbdError``): any other exception, or a worker that dies, is a
crash; an input that takes over 2 s of CPU is a hang (one still running after 10 s of CPU is stopped
by an alarm); inputs over 2 s of wall-clock time are counted apart, with the load average (the machine may
be shared). ``--save DIR`` keeps the inputs that crash or hang, to be replayed. Printed as JSON:
inputs, crashes (with the first inputs' descriptions), hangs, the slowest input and its CPU time, and
the workers' peak memory; progress every 5,000 inputs on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path(os.environ.get("TBDIALOGUE_SHARED") or ROOT.parent / "shared")
HANG_SECONDS = 2.0

FRAGMENTS = [
    "**", "*", "***", "_", "__", "\\", "(", ")", "[", "]", "\n", "\n\n", " ", "\t", "\u00a0", "\u2011", "\ufffd",
    "\x0c", "\x00", "\u202e", "é", "’", "…", "Mr. ", "Ms. ", "M. ", "Mme ", "Sr. ", "Sra. ", "The Chair", "La Presidenta",
    " (Kyrgyzstan): ", " said that ", " dit que ", " dice que ", "The meeting was suspended at ", "11.25 a.m.",
    "The meeting rose at 1 p.m.", "Summary record of the 537th meeting", "CMW/C/SR.", "CERD/ C/", "C AT/C/SR.1924",
    " and Add.1", "Held at the Palais Wilson, Geneva, on ", "30 November 2023", "Chair:", "Contents", "SOMMAIRE",
    "(continued)", "1.", "2.", "37.", "# ", "> ", "- ", "|", "<b>", "</b>", "<script>", "&amp;", "&#0;", "1" * 200,
    "A" * 5000, "(" * 300, "Mr. X " * 200,
]  # fmt: skip


def seeds() -> list[tuple[str, bytes]]:
    """(name, bytes) of every seed: the name's ending tells the reader what the bytes claim to be."""
    out = [("sample.md", (ROOT / "samples" / "CMW-C-SR.537.md").read_bytes())]
    formats = ROOT / "tests" / "fixtures" / "formats"
    for name in ("CMW-C-SR.537.pdf", "CMW-C-SR.537.docx", "CMW-C-SR.537.html"):
        out.append((name, (formats / name).read_bytes()))
    if (SHARED / "corpus" / "excerpts").is_dir():
        out += [(p.name, p.read_bytes()) for p in sorted((SHARED / "corpus" / "excerpts").glob("*.txt"))]
    if (SHARED / "corpus" / "un-pdfs").is_dir():
        out += [(p.name, p.read_bytes()) for p in sorted((SHARED / "corpus" / "un-pdfs").glob("*.pdf"))[:3]]
    return out


def mutate(data: bytes, rng: random.Random, binary: bool) -> tuple[bytes, str]:
    """The seed with 1–8 random mutations, and a short description of them."""
    done = []
    for _ in range(rng.randint(1, 8)):
        n = len(data)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.choice((1, 2, 8, 64, 512)))
        op = rng.choice(
            ("flip", "cut", "truncate", "repeat") if binary else ("cut", "insert", "repeat", "move", "insert")
        )
        if op == "flip" and n:
            k = rng.randrange(n)
            data = data[:k] + bytes([data[k] ^ (1 << rng.randrange(8))]) + data[k + 1 :]
        elif op == "cut":
            data = data[:i] + data[j:]
        elif op == "truncate":
            data = data[: rng.randrange(n + 1)]
        elif op == "repeat":
            times = rng.choice((2, 10, 100, 1000, 10_000)) if not binary else rng.choice((2, 10))
            data = data[:i] + data[i:j] * times + data[j:]
            data = data[:600_000]  # a little over what the parser accepts (parse.MAX_CHARS)
        elif op == "insert":
            data = data[:i] + rng.choice(FRAGMENTS).encode() * rng.choice((1, 1, 3, 50)) + data[i:]
        elif op == "move" and n:
            k = rng.randrange(len(data[:i] + data[j:]) + 1)
            rest = data[:i] + data[j:]
            data = rest[:k] + data[i:j] + rest[k:]
        done.append(f"{op}@{i}")
    return data, " ".join(done)


def inputs(n: int, seed: int):
    """``n`` inputs: (index, name, bytes, description), reproducible from ``seed``."""
    rng = random.Random(seed)
    pool = seeds()
    texts = [s for s in pool if not s[0].endswith((".pdf", ".docx"))]
    binaries = [s for s in pool if s[0].endswith((".pdf", ".docx"))]
    for k in range(n):
        # One input in ten is a binary format (PDF, DOCX): slower to read, and C code underneath.
        name, data = rng.choice(binaries if k % 10 == 0 else texts)
        mutated, how = mutate(data, rng, binary=name.endswith((".pdf", ".docx")))
        yield k, name, mutated, f"{name}: {how}"


class _Runaway(BaseException):
    """The fuzzer's alarm: a BaseException, so that no ``except Exception`` in the code under test
    takes it for an ordinary error."""


_armed = False


def _alarm(*_):
    if _armed:  # a signal seen late (after a long call into C code) once the input is done is ignored
        raise _Runaway


def run_one(name: str, data: bytes) -> tuple[str, float, str]:
    """('ok' | 'refused' | 'crash' | 'hang', seconds, detail) for one input, in this process. The
    seconds are CPU seconds: on a machine shared with other work, wall-clock time measures the
    neighbours (a hang is over 2 s of CPU, or stopped by the alarm at 10 s of CPU)."""
    global _armed
    from tbdialogue.errors import TbdError
    from tbdialogue.pipeline import parse_bytes

    # An alarm on the CPU time this process spends (SIGPROF), not on the wall clock: on a shared
    # machine a niced worker may wait seconds for a core; waiting is not hanging.
    signal.signal(signal.SIGPROF, _alarm)
    t0 = time.process_time()
    try:
        _armed = True
        signal.setitimer(signal.ITIMER_PROF, HANG_SECONDS * 5)  # stop a runaway input long after 2 s
        try:
            parse_bytes(data, name=name)
            outcome, detail = "ok", ""
        except TbdError as exc:
            outcome, detail = "refused", str(exc)
            if "\n" in detail:
                outcome = "crash"  # a refusal must be one line
        except RecursionError as exc:
            outcome, detail = "crash", f"RecursionError: {exc}"[:200]
        except Exception as exc:  # noqa: BLE001 - any other exception is what the fuzzer looks for
            outcome, detail = "crash", f"{type(exc).__name__}: {exc}"[:200]
        finally:
            _armed = False
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _Runaway:
        outcome, detail = "hang", "stopped by the alarm"
    seconds = time.process_time() - t0
    if outcome != "crash" and seconds > HANG_SECONDS:
        outcome = "hang"
    return outcome, seconds, detail


def _batch(items: list[tuple[int, str, bytes, str]]) -> tuple[list, tuple[int, str]]:
    """Each input's outcome (the bytes of those that crashed or hung come back, to be saved), and
    the worker's peak memory (KB) with the input that last raised it: a high-water mark only moves
    up, so the input that raised it last is the one that needed the most."""
    out = []
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "")
    for k, name, data, how in items:
        t0 = time.perf_counter()
        outcome, seconds, detail = run_one(name, data)
        wall = time.perf_counter() - t0
        out.append((k, outcome, seconds, wall, detail, how, data if outcome in ("crash", "hang") else b""))
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if kb > peak[0]:
            peak = (kb, f"#{k} {how[:120]} ({len(data):,} bytes, {outcome})")
    return out, peak


def _warm() -> None:
    """Import every reader and load the language profiles once per worker, so that the first input
    of each kind is not charged with the imports (0.5 s for the PDF reader)."""
    from tbdialogue.errors import TbdError
    from tbdialogue.pipeline import parse_bytes

    for name, data in seeds():
        if not name.endswith((".md", ".pdf", ".docx", ".html")):
            continue
        with contextlib.suppress(TbdError):
            parse_bytes(data, name=name)
    for lang in ("en", "fr", "es"):
        with contextlib.suppress(TbdError):
            parse_bytes(f"{lang} Summary record of the 1st meeting\nMr. X said that.".encode(), language=lang)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--save", type=Path, help="folder where the inputs that crash or hang are written")
    args = ap.parse_args()
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    counts = {"ok": 0, "refused": 0, "crash": 0, "hang": 0}
    crashes: list[str] = []
    hangs: list[str] = []
    slowest = (0.0, "")
    wall_over = 0  # inputs over 2 s of wall-clock time (CPU time is what is counted as a hang)
    peak_kb, peak_by = 0, "the worker's start (imports, the seeds read once)"
    t0 = time.perf_counter()
    gen = inputs(args.inputs, args.seed)
    done = 0

    def batches():
        while True:
            items = [x for _, x in zip(range(args.batch), gen, strict=False)]
            if not items:
                return
            yield items

    def take(fut) -> None:
        nonlocal peak_kb, peak_by, slowest, done, wall_over
        results, (kb, by) = fut.result()
        if kb > peak_kb:
            peak_kb, peak_by = kb, by or peak_by
        for k, outcome, seconds, wall, detail, how, data in results:
            wall_over += wall > HANG_SECONDS
            counts[outcome] += 1
            done += 1
            if done % 5000 == 0:  # progress on stderr: a long run shows where it stands
                print(f"{done} inputs, {time.perf_counter() - t0:.0f} s: {counts}", file=sys.stderr, flush=True)
            if data and args.save:
                (args.save / f"{outcome}-{k}-{Path(how.split(':')[0]).name}").write_bytes(data)
            if seconds > slowest[0]:
                slowest = (seconds, how[:200])
            if outcome == "crash" and len(crashes) < 20:
                crashes.append(f"#{k} {how[:120]} → {detail}")
            if outcome == "hang" and len(hangs) < 20:
                hangs.append(f"#{k} {how[:120]} ({seconds:.1f} s CPU, {wall:.1f} s wall-clock)")

    pending = batches()
    while True:
        try:
            with ProcessPoolExecutor(args.workers, mp_context=get_context("spawn"), initializer=_warm) as pool:
                futures = []
                for items in pending:
                    futures.append(pool.submit(_batch, items))
                    if len(futures) >= 4 * args.workers:
                        take(futures.pop(0))
                for fut in futures:
                    take(fut)
            break
        except BrokenProcessPool:
            counts["crash"] += 1  # a worker died (a crash in C code): counted, and the pool restarted
            crashes.append("a worker process died (its batch is lost)")
    print(
        json.dumps(
            {
                "command": f"python benchmarks/fuzz.py --inputs {args.inputs} --workers {args.workers} --seed {args.seed}",
                "inputs": done,
                "seconds": round(time.perf_counter() - t0),
                "outcomes": counts,
                "crashes": crashes,
                "hangs_over_2s": hangs,
                "slowest_cpu_s": round(slowest[0], 3),
                "slowest_input": slowest[1],
                "inputs_over_2s_wall_clock": wall_over,
                "load_average": [round(x, 1) for x in os.getloadavg()],
                "worker_peak_mb": round(peak_kb / 1024),
                "worker_peak_reached_at": peak_by,
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
