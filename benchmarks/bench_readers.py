"""Document readers: speed and memory on the format fixtures, with pdfplumber as a yardstick.

    .venv/bin/pip install -c constraints.txt -e '.[bench]'    # pdfplumber, for the yardstick
    .venv/bin/python benchmarks/bench_readers.py [--runs 7] [--per-run 10]

Each case runs in its own process pinned to one core (so peak memory is the case's own): a
warm-up, then ``runs`` timed runs of ``per-run`` repetitions; the median time per record is
reported, with pages per second (the fixtures are 8 pages) and records per second. Cases:

- PDF reader alone, and end to end (read + parse), on the LibreOffice PDF (embedded fonts) and the
  reportlab PDF (base-14 fonts, not embedded);
- pdfplumber's plain ``extract_text()`` on every page of the same PDFs (no bold/italic, no
  furniture, no paragraphs): what a user would otherwise reach for;
- the same page loop asking pypdfium2 for font data character by character (weight, font name,
  box for every character), to show why the reader asks per text object instead;
- DOCX and HTML readers, alone and end to end;
- the real UN PDFs of ../shared/corpus/un-pdfs (11 files, 150 pages: verbatim records in one and
  two columns, resolutions, UPR documents; when ../shared is there): the PDF reader (columns,
  furniture, footnotes, bold and italic), against pypdfium2's own plain text
  (``get_text_range()``, nothing else) and pdfplumber's ``extract_text()``, in ms per page.

Memory: "peak +MB" is the rise of the process's peak resident set size during the timed runs over
its peak after imports and one warm-up run (C allocations of PDFium and lxml included); "RSS MB" is
the process's peak resident set size (interpreter and libraries included).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "formats"
PDF = FIX / "CMW-C-SR.537.pdf"
BASE14 = FIX / "CMW-C-SR.537-base14.pdf"
DOCX = FIX / "CMW-C-SR.537.docx"
HTML = FIX / "CMW-C-SR.537.html"
PAGES = 8  # every fixture lays the record out on 8 A4 pages
UN_PDFS = sorted((ROOT.parent / "shared" / "corpus" / "un-pdfs").glob("*.pdf"))

CASES = {
    "pdf-read": ("PDF reader (LibreOffice PDF, embedded fonts)", PDF),
    "pdf-parse": ("PDF read + parse, end to end", PDF),
    "base14-read": ("PDF reader (reportlab PDF, base-14 fonts)", BASE14),
    "base14-parse": ("PDF read + parse, end to end (base-14)", BASE14),
    "pdfplumber": ("pdfplumber extract_text(), every page", PDF),
    "pdfplumber-base14": ("pdfplumber extract_text() (base-14)", BASE14),
    "per-char": ("pypdfium2 font data per character", PDF),
    "docx-read": ("DOCX reader", DOCX),
    "docx-parse": ("DOCX read + parse, end to end", DOCX),
    "html-read": ("HTML reader (LibreOffice export)", HTML),
    "html-parse": ("HTML read + parse, end to end", HTML),
    "un-read": ("real UN PDFs: PDF reader", UN_PDFS),
    "un-plain": ("real UN PDFs: pypdfium2 get_text_range()", UN_PDFS),
    "un-pdfplumber": ("real UN PDFs: pdfplumber extract_text()", UN_PDFS),
}


def pages_of(case: str) -> int:
    """Pages processed by one run of ``case``."""
    if not case.startswith("un-"):
        return PAGES
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(str(p))) for p in UN_PDFS)


def _task(case: str, path: Path):
    """A function that processes ``path`` once, for ``case``."""
    sys.path.insert(0, str(ROOT / "src"))
    if case.startswith("un-"):
        if not path:
            raise SystemExit("../shared/corpus/un-pdfs is not there")
        if case == "un-plain":
            import pypdfium2 as pdfium

            def run():
                out = []
                for p in path:
                    pdf = pdfium.PdfDocument(str(p))
                    for i in range(len(pdf)):
                        page = pdf[i]
                        tp = page.get_textpage()
                        out.append(tp.get_text_range())
                        tp.close()
                        page.close()
                    pdf.close()
                return out

            return run
        if case == "un-pdfplumber":
            import pdfplumber

            def run():
                out = []
                for p in path:
                    with pdfplumber.open(p) as pdf:
                        out += [page.extract_text() for page in pdf.pages]
                return out

            return run
        from tbdialogue.read import read_path

        return lambda: [read_path(p) for p in path]
    if case.startswith("pdfplumber"):
        import pdfplumber

        def run():
            with pdfplumber.open(path) as pdf:
                return [page.extract_text() for page in pdf.pages]

        return run
    if case == "per-char":
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        def run():
            pdf = pdfium.PdfDocument(str(path))
            buf = ctypes.create_string_buffer(256)
            flags = ctypes.c_int()
            box = [ctypes.c_double() for _ in range(4)]
            out = []
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                for c in range(raw.FPDFText_CountChars(tp.raw)):
                    out.append(
                        (
                            raw.FPDFText_GetUnicode(tp.raw, c),
                            raw.FPDFText_GetFontWeight(tp.raw, c),
                            raw.FPDFText_GetFontInfo(tp.raw, c, buf, 256, flags),
                            raw.FPDFText_GetCharBox(tp.raw, c, *box),
                        )
                    )
                tp.close()
                page.close()
            pdf.close()
            return out

        return run
    from tbdialogue import parse_file
    from tbdialogue.read import read_path

    if case.endswith("-parse"):
        return lambda: parse_file(path)
    return lambda: read_path(path)


def run_case(case: str, runs: int, per_run: int) -> dict:
    """Measure one case (in this process)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    _, path = CASES[case]
    task = _task(case, path)
    t0 = time.perf_counter()
    task()
    first = time.perf_counter() - t0
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        for _ in range(per_run):
            task()
        times.append((time.perf_counter() - t) / per_run)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"case": case, "first_s": first, "times": times, "peak_rise_kb": peak - base_rss, "peak_kb": peak}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--per-run", type=int, default=10)
    ap.add_argument("--case", help=argparse.SUPPRESS)  # internal: run one case and print JSON
    args = ap.parse_args()
    if args.case:
        slow = ("pdfplumber", "per-char", "un-")
        per_run = max(1, args.per_run // 5) if args.case.startswith(slow) else args.per_run
        if args.case.startswith("un-"):
            per_run = 1
        print(json.dumps(run_case(args.case, args.runs, per_run)))
        return

    load_before = os.getloadavg()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or platform.machine(),
    )
    results = {}
    for case in CASES:
        proc = subprocess.run(
            [sys.executable, __file__, "--case", case, "--runs", str(args.runs), "--per-run", str(args.per_run)],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
            print(f"{case}: skipped ({last})", file=sys.stderr)
            continue
        results[case] = json.loads(proc.stdout)
    load_after = os.getloadavg()

    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}; each case pinned to 1 core")
    print(f"load average (1/5/15 min): before {load_before[0]:.2f}/{load_before[1]:.2f}/{load_before[2]:.2f}, "
          f"after {load_after[0]:.2f}/{load_after[1]:.2f}/{load_after[2]:.2f}")  # fmt: skip
    print(f"command: python benchmarks/bench_readers.py --runs {args.runs} --per-run {args.per_run}")
    print(f"fixtures: {PAGES}-page layouts of CMW/C/SR.537 (tests/fixtures/formats/)")
    print()
    header = (
        f"{'case':48} {'ms/record':>10} {'ms/page':>8} {'pages/s':>8} {'records/s':>10} {'peak +MB':>8} {'RSS MB':>7}"
    )
    print(header)
    print("-" * len(header))
    for case, r in results.items():
        med = statistics.median(r["times"])
        pages = pages_of(case)
        records = f"{1 / med:10.1f}" if not case.startswith("un-") else f"{'(11 files)':>10}"
        print(
            f"{CASES[case][0]:48} {med * 1000:10.1f} {med * 1000 / pages:8.2f} {pages / med:8.0f} "
            f"{records} {r['peak_rise_kb'] / 1024:8.1f} {r['peak_kb'] / 1024:7.0f}"
        )

    def ms(case: str) -> float | None:
        return statistics.median(results[case]["times"]) * 1000 if case in results else None

    print()
    for ours, theirs in (("pdf-parse", "pdfplumber"), ("base14-parse", "pdfplumber-base14")):
        a, b = ms(ours), ms(theirs)
        if a and b:
            print(f"{CASES[ours][0]} vs {CASES[theirs][0]}: {b / a:.1f}x faster")
    a, b = ms("pdf-read"), ms("per-char")
    if a and b:
        print(f"font data per text object vs per character: {b / a:.1f}x faster")
    a, b, c = ms("un-read"), ms("un-plain"), ms("un-pdfplumber")
    if a and b:
        print(f"real UN PDFs: the reader takes {a / b:.2f}x the time of pypdfium2's plain text (target: at most 2.5x)")
    if a and c:
        print(f"real UN PDFs: the reader is {c / a:.1f}x faster than pdfplumber extract_text()")


if __name__ == "__main__":
    main()
