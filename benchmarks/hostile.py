"""Hostile files (issue 13): built here, each parsed by the command line in a fresh process; its exit
code, wall-clock and CPU seconds, peak memory and first line of output.

    .venv/bin/python benchmarks/hostile.py [--only NAME] [--keep DIR]

The files are those the issue lists (unclosed emphasis, a DOCX whose headers lie about sizes, a
240 MB DOCX, a 62 MB text, /dev/zero) and their kin (10,000 labels, a 1 MB line, deep and dense
HTML, a DTD in UTF-16 footnotes, a FIFO, an encoding that yields half a UTF-16 pair). Every one
must end in a record or a one-line refusal, exit 0 or 2, in bounded time and memory (the targets:
under 1 s for the 64 KB emphasis file, under 300 MB for every refused file). Peak memory is the
process's own high-water mark (VmHWM), read as it exits.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "CMW-C-SR.537.md"
DOCX = ROOT / "tests" / "fixtures" / "formats" / "CMW-C-SR.537.docx"
HTML = ROOT / "tests" / "fixtures" / "formats" / "CMW-C-SR.537.html"
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = b'<!ENTITY a "lollollollollollollollollol">' + b"".join(
    b'<!ENTITY %c "%s">' % (ord("b") + i, b"".join(b"&%c;" % (ord("a") + i) for _ in range(10))) for i in range(8)
)
#: Runs the command line in this process and prints its peak memory last, on stderr.
PROBE = (
    "import atexit, re, runpy, sys\n"
    "def peak():\n"
    "    kb = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "    print(f'@@peak_kb {kb}', file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['tbdialogue', *sys.argv[1:]]\n"
    "runpy.run_module('tbdialogue', run_name='__main__')\n"
)


def docx_with(replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The DOCX fixture with parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def lying_docx(size: int) -> bytes:
    """A DOCX whose document.xml inflates to ``size`` bytes (spaces after the real text) while both
    zip headers declare its real 42 KB. Streamed: no big bytes are held here."""
    with zipfile.ZipFile(DOCX) as src:
        real = src.read("word/document.xml")
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info))
                continue
            with dst.open(info.filename, "w", force_zip64=True) as member:
                member.write(real)
                chunk = b" " * (1 << 20)
                for _ in range((size - len(real)) // len(chunk)):
                    member.write(chunk)
    data = bytearray(out.getvalue())
    # The declared (uncompressed) size, in the local header and in the central directory.
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(sig, at)) != -1:
            name_len = struct.unpack_from("<H", data, at + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at : name_at + name_len]) == b"word/document.xml":
                struct.pack_into("<I", data, at + offset, len(real))
            at += 4
    return bytes(data)


def big_docx(path: Path, megabytes: int) -> None:
    """The fixture with a stored picture of ``megabytes`` MB: a DOCX that large on disk."""
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        with dst.open("word/media/image9.png", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(os.urandom(1 << 20))


def bomb(path: Path) -> None:
    """Honest headers: a document.xml of 600 MB of spaces (600 KB compressed)."""
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                with dst.open(info.filename, "w", force_zip64=True) as member:
                    for _ in range(600):
                        member.write(b" " * (1 << 20))
            else:
                dst.writestr(info.filename, src.read(info))


def write_lines(path: Path, line: str, total: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for _ in range(total // len(line) // 1000):
            out.write(line * 1000)


def _sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def _utf16_footnotes() -> bytes:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE w:footnotes [' + LAUGHS.decode() + "]>\n"
    return text.encode("utf-16") + "<w:footnotes ".encode("utf-16")[2:] + W.decode().encode("utf-16")[2:]


#: name → (builder of the file in a folder, extra arguments of `tbdialogue parse`)
CASES: dict[str, tuple[Callable[[Path], Path], list[str]]] = {}


def case(name: str, *args: str):
    def add(build: Callable[[Path], Path]) -> Callable[[Path], Path]:
        CASES[name] = (build, list(args))
        return build

    return add


@case("emphasis: 64 KB, an unclosed ** before 1,300 lines")
def _(d: Path) -> Path:
    p = d / "emphasis.md"
    head = _sample()[:2_000]  # the sample's cover, then the unclosed emphasis
    p.write_text(head + "\n\n**" + "Mr. Smith said that the State party had acted.\n" * 1_300)
    return p


@case("emphasis: '**a ' 16,000 times on one line (64 KB)")
def _(d: Path) -> Path:
    p = d / "emphasis-line.md"
    p.write_text("**a " * 16_000)
    return p


@case("the sample record with 4,000 labels (under the block limit)")
def _(d: Path) -> Path:
    p = d / "labels-4000.md"
    p.write_text(_sample() + "\n\n" + "**Mr. Smith** (Kyrgyzstan) said that the State party had acted.\n\n" * 4_000)
    return p


@case("10,000 repeated labels")
def _(d: Path) -> Path:
    p = d / "labels-10000.txt"
    p.write_text("Summary record of the 1st meeting\n" + "Mr. Smith (Kyrgyzstan): said that\n" * 10_000)
    return p


@case("a 1 MB line")
def _(d: Path) -> Path:
    p = d / "line.txt"
    p.write_text("Summary record of the 1st meeting\n1. Mr. X said " + "that the State " * 70_000 + "\n")
    return p


@case("a heading of 140 KB: an unclosed '(' and 14,000 symbols")
def _(d: Path) -> Path:
    p = d / "heading.md"
    p.write_text(_sample().replace("\n\n", "\n\n(b) Second periodic report (" + "CMW/C/SR. " * 14_000 + "\n\n", 1))
    return p


@case("3.9 MB of text hard-wrapped at 70 columns (one paragraph)")
def _(d: Path) -> Path:
    p = d / "wrapped.txt"
    write_lines(p, "Mr. Smith (Kyrgyzstan) said that the State party had taken measures\n", 3_900_000)
    return p


@case("a 62 MB text")
def _(d: Path) -> Path:
    p = d / "big.txt"
    write_lines(p, "Mr. Smith (Kyrgyzstan) said that the State party had taken measures.\n", 62_000_000)
    return p


@case("HTML nested 100,000 deep")
def _(d: Path) -> Path:
    p = d / "nested.html"
    p.write_text("<html><body>" + "<div>" * 100_000 + "Summary record" + "</div>" * 100_000 + "</body></html>")
    return p


@case("HTML: 8 MB of '<p>a</p>' (a million elements)")
def _(d: Path) -> Path:
    p = d / "dense.html"
    p.write_text("<html><body>" + "<p>a</p>" * 1_000_000 + "</body></html>")
    return p


@case("HTML: a 60 MB page")
def _(d: Path) -> Path:
    p = d / "big.html"
    para = "<p>Mr. Smith (Kyrgyzstan) said that the State party had taken measures to protect them.</p>\n"
    p.write_text("<html><body>" + para * (60_000_000 // len(para)) + "</body></html>")
    return p


@case("HTML in UTF-16 with a DTD of its own")
def _(d: Path) -> Path:
    p = d / "dtd.html"
    page = HTML.read_text(encoding="utf-8")
    p.write_bytes(("<!DOCTYPE html [" + LAUGHS.decode() + "]>\n" + page[page.index("<html") :]).encode("utf-16"))
    return p


@case("DOCX whose headers lie: 600 MB declared as 42 KB")
def _(d: Path) -> Path:
    p = d / "liar.docx"
    p.write_bytes(lying_docx(600 << 20))
    return p


@case("DOCX zip bomb: 600 MB of XML declared honestly")
def _(d: Path) -> Path:
    p = d / "bomb.docx"
    bomb(p)
    return p


@case("a 240 MB DOCX")
def _(d: Path) -> Path:
    p = d / "big.docx"
    big_docx(p, 229)  # MiB
    return p


@case("the 240 MB DOCX with --max-size 300", "--max-size", "300")
def _(d: Path) -> Path:
    p = d / "big.docx"
    if not p.exists():
        big_docx(p, 229)
    return p


@case("DOCX: billion laughs in UTF-16 footnotes")
def _(d: Path) -> Path:
    p = d / "laughs.docx"
    p.write_bytes(docx_with({"word/footnotes.xml": _utf16_footnotes()}))
    return p


@case("DOCX: unclosed footnotes")
def _(d: Path) -> Path:
    p = d / "footnotes.docx"
    p.write_bytes(docx_with({"word/footnotes.xml": b"<w:footnotes " + W + b"><w:footnote><w:p>"}))
    return p


@case("/dev/zero")
def _(d: Path) -> Path:
    return Path("/dev/zero")


@case("a FIFO")
def _(d: Path) -> Path:
    p = d / "fifo.txt"
    os.mkfifo(p)
    return p


@case("the sample in UTF-7 with half a UTF-16 pair", "--encoding", "utf-7")
def _(d: Path) -> Path:
    p = d / "utf7.md"
    text = _sample()
    at = text.index("blacklist")
    p.write_bytes(text[:at].encode("utf-7") + b"+2D8-" + text[at:].encode("utf-7"))
    return p


def run(path: Path, args: list[str]) -> dict:
    cmd = [sys.executable, "-c", PROBE, "parse", str(path), *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    out, err = proc.communicate(timeout=900)
    wall = time.perf_counter() - t0
    text = err.decode("utf-8", "replace")
    peak = re.search(r"@@peak_kb (\d+)", text)
    lines = [line for line in text.splitlines() if not line.startswith("@@peak_kb")]
    first = lines[0] if lines else (out.decode("utf-8", "replace").splitlines() or [""])[0]
    return {
        "exit": proc.returncode,
        "seconds": round(wall, 2),
        "peak_mb": round(int(peak.group(1)) / 1024) if peak else None,
        "stderr_lines": len(lines),
        "first_line": first[:160],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="run the cases whose name contains this")
    ap.add_argument("--keep", type=Path, help="build the files in this folder and keep them")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print("| file | size | exit | seconds | peak MB | first line of output |")
        print("|---|---:|---:|---:|---:|---|")
        for name, (build, extra) in CASES.items():
            if args.only and args.only not in name:
                continue
            path = build(folder)
            size = path.stat().st_size if path.is_file() else 0
            r = run(path, extra)
            shown = r["first_line"].replace(str(path), path.name).replace("|", "\\|")
            print(
                f"| {name} | {size / 1e6:,.1f} MB | {r['exit']} | {r['seconds']} | {r['peak_mb']} | {shown} |",
                flush=True,
            )
            if path.is_file() and path.parent == folder and not args.keep and path.name != "big.docx":
                path.unlink()


if __name__ == "__main__":
    main()
