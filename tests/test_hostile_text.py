"""Hostile plain text (issue 13): a long text hard-wrapped at a fixed width is one paragraph, and
joining its lines must cost time linear in its length (joining line by line copied the paragraph so
far at every line: 1 MB wrapped at 70 columns took 8.6 s, a 4 MB one about two minutes)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tbdialogue.read import MAX_BLOCKS
from tbdialogue.read.text import MAX_TEXT_BYTES, blocks_from_text

from .conftest import shared_path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "CMW-C-SR.537.md"


def _words() -> str:
    """The sample record's words, one space apart, without Markdown or numbers (a line opening
    with a paragraph number after a full stop starts a paragraph)."""
    return " ".join(re.sub(r"[*#_>\d]+", " ", SAMPLE.read_text(encoding="utf-8")).split())


def _wrapped(chars: int) -> str:
    """The sample record's words again and again, hard-wrapped at 70 columns: one paragraph."""
    words = _words()
    return "\n".join(textwrap.wrap(((words + " ") * (chars // len(words) + 1))[:chars], 70))


def _best_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        blocks_from_text(text, False)
        best = min(best, time.process_time() - t0)
    return best


def test_a_wrapped_paragraph_is_joined_whole():
    """Lines wrapped at 70 columns come back as the text they were cut from: a space between
    lines, none after a hyphen ("non-" + "governmental")."""
    text = _words()[:20_000].strip()
    blocks = blocks_from_text("\n".join(textwrap.wrap(text, 70)), False)
    assert [b.text for b in blocks] == [text]


def test_joining_a_long_wrapped_paragraph_is_linear():
    """Four times the text costs about four times the time (line-by-line joining cost sixteen),
    measured as a ratio so that a busy machine does not fail it."""
    small, large = _wrapped(MAX_TEXT_BYTES // 4), _wrapped(MAX_TEXT_BYTES - 100_000)
    assert len(blocks_from_text(large, False)) == 1
    ratio = _best_seconds(large) / max(_best_seconds(small), 1e-6)
    assert ratio < 8, ratio


def test_a_text_just_under_the_byte_limit_is_refused_in_one_line_with_little_memory(tmp_path):
    """3.9 MB of wrapped text passes the reader's byte limit and is refused by the parser's
    character limit: in one line, exit 2, with the command's peak memory under 300 MB."""
    path = tmp_path / "wrapped.txt"
    path.write_text(_wrapped(MAX_TEXT_BYTES - 100_000), encoding="utf-8")
    probe = (
        "import resource, subprocess, sys\n"
        "out = subprocess.run([sys.executable, '-m', 'tbdialogue', 'parse', sys.argv[1]], capture_output=True, text=True)\n"
        "print(out.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
        "print(out.stderr.strip())\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=300)
    first, err = out.stdout.split("\n", 1)
    rc, mb = map(int, first.split())
    assert rc == 2 and err.strip().count("\n") == 0, (rc, err)
    assert "characters, far longer than any summary record" in err, err
    assert mb < 300, f"peak {mb} MB"


def test_thousands_of_short_lines_are_refused_at_once():
    """10,000 repeats of a real record's short line (too short to be taken for a wrapped text): past
    the block limit, refused before the parser spends 0.1–0.3 ms on each."""
    out = subprocess.run(
        [sys.executable, "-m", "tbdialogue", "parse", "-"],
        input="The meeting rose at 1 p.m.\n" * 10_000,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip().splitlines() == [
        f"error: standard input: 10,000 lines or paragraphs, far more than any summary record (at most "
        f"{MAX_BLOCKS:,}; a record has a few hundred, 2,000 lines as text): not one record"
    ]


def test_a_real_record_as_one_line_per_printed_line_is_within_the_block_limit():
    """The sample record cut at 60 columns (a text with no wrap detected, 1990s OCR style) stays far
    below the limit: the limit refuses no record."""
    lines = [line for para in SAMPLE.read_text(encoding="utf-8").splitlines() for line in textwrap.wrap(para, 60)]
    assert 300 < len(lines) < MAX_BLOCKS / 5


@pytest.mark.parametrize("k", [123, 299, 307])
def test_inputs_that_make_fuzz_found_slow_are_refused(k):
    """Regression: `make fuzz` (seed 1) found these three mutated openings of real records — 9,000 to
    24,000 short lines, 2 to 7 s each — now refused by the block limit in one line."""
    shared_path("corpus", "excerpts")
    from benchmarks.fuzz import inputs, run_one

    _, name, data, _ = next(item for item in inputs(k + 1, 1) if item[0] == k)
    outcome, _, detail = run_one(name, data)
    assert outcome == "refused" and "lines or paragraphs, far more than any summary record" in detail, detail


def _slowest_ratio(work, small, large) -> float:
    """How much longer ``work`` takes on ``large`` than on ``small``, in CPU time (best of three):
    a busy machine slows both alike."""

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            t0 = time.process_time()
            work(text)
            times.append(time.process_time() - t0)
        return min(times)

    return best(large) / max(best(small), 1e-6)


@pytest.mark.parametrize(
    "unit",
    ["CMW/C/SR. ", "A/C.3/55/L.30 and ", "x/"],
    ids=["symbols", "symbol list", "slashes"],
)
def test_headings_with_many_symbols_in_an_unclosed_parenthesis_are_linear(unit):
    """Regression: `make fuzz` (seed 2, input 2422) found a 140 KB heading line — an unclosed '('
    then 20,000 '/' — taking 10 s: the patterns that drop '(CMW/C/KGZ/2)' from an agenda title
    tried every '/' of the line once per '('. Four times the line now costs about four times."""
    from tbdialogue.lexicon.profile import profile
    from tbdialogue.parse.agenda import parse_heading
    from tbdialogue.parse.body import heading_key

    en = profile("en")
    for line in (lambda n: "(b) Second periodic report (" + unit * n, lambda n: "(" + unit * n + " (x"):
        n = 10_000 // len(unit)  # 10 KB against 40 KB: long enough to time, whatever the unit
        small, large = line(n), line(4 * n)
        assert _slowest_ratio(lambda t: heading_key(t, en), small, large) < 8, (unit, "heading_key")
        assert _slowest_ratio(lambda t: parse_heading(t, en), small, large) < 8, (unit, "parse_heading")


def test_a_long_run_of_capitals_on_a_cover_line_is_linear():
    """Regression: `make fuzz` (seed 1, inputs 7222, 17656, 35224, 65663) found cover lines with a
    run of 250,000 capital letters — "SUMMARY RECORD OF THE 1209th MEETIAAAA…" — taking 9.5 s: a
    heading glued to a name without a space ("M. BANTONSOMMAIRE") was looked for at every letter of
    the run, each time over the rest. Four times the run now costs about four times."""
    from tbdialogue.lexicon.profile import profile
    from tbdialogue.parse.cover import _split_heading

    en = profile("en")
    assert _split_heading("Chairperson: Mr. BANTONCONTENTS", en) == ["Chairperson: Mr. BANTON", "CONTENTS"]
    line = lambda n: "SUMMARY RECORD OF THE 1209th MEETI" + "A" * n  # noqa: E731
    assert _slowest_ratio(lambda t: _split_heading(t, en), line(20_000), line(80_000)) < 8


def test_a_62_mb_text_is_refused_from_its_size_unread(tmp_path):
    """The issue's 62 MB text (refused after 3 s and 395 MB): refused from its size on disk."""
    from .test_hostile_docx import _peak_mb

    path = tmp_path / "big.txt"
    line = "Mr. Smith (Kyrgyzstan) said that the State party had taken measures.\n"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(62_000_000 // len(line) // 1000):
            out.write(line * 1000)
    mb, message = _peak_mb(path)
    assert message.startswith("the text is 62.0 MB, far longer than any summary record"), message
    assert mb < 100, f"peak {mb} MB"  # the interpreter and the reader, not the file
