"""Markdown emphasis in linear time (issue 13): the spans of the regular expression below — which
the reader used until a line such as "**a " repeated took seconds (a lazy ``.+?`` tries every later
position for each opener without a closer) — found by bisecting the line's closers instead."""

from __future__ import annotations

import contextlib
import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from tbdialogue.errors import TbdError
from tbdialogue.pipeline import parse_bytes
from tbdialogue.read.text import Run, _append, _spans, inline_runs

#: The reference: the pattern the reader used, leftmost match first, shortest content.
SPANS = re.compile(
    r"(?=[*_])(?:(?P<bi>\*\*\*(?=\S)(?P<bi_t>.+?)(?<=\S)\*\*\*)"
    r"|(?P<b>\*\*(?=\S)(?P<b_t>.+?)(?<=\S)\*\*)"
    r"|(?P<b2>(?<!\w)__(?=\S)(?P<b2_t>.+?)(?<=\S)__(?!\w))"
    r"|(?P<i>(?<![\w*])\*(?=[^\s*])(?P<i_t>[^*]+?)(?<=[^\s*])\*(?![\w*]))"
    r"|(?P<i2>(?<!\w)_(?=[^\s_])(?P<i2_t>[^_]+?)(?<=[^\s_])_(?!\w)))"
)


def reference(text: str, bold: bool = False, italic: bool = False, out: list[Run] | None = None) -> list[Run]:
    out = [] if out is None else out
    pos = 0
    for m in SPANS.finditer(text):
        if m.start() > pos:
            _append(out, text[pos : m.start()], bold, italic)
        for group, b, i in (
            ("bi", True, True),
            ("b", True, italic),
            ("b2", True, italic),
            ("i", bold, True),
            ("i2", bold, True),
        ):
            if m.group(group) is not None:
                reference(m.group(group + "_t"), b, i, out)
                break
        pos = m.end()
    if pos < len(text):
        _append(out, text[pos:], bold, italic)
    return out


def runs(found: list[Run]) -> list[tuple[str, bool, bool]]:
    return [(r.text, r.bold, r.italic) for r in found]


PIECES = st.sampled_from(["*", "**", "***", "_", "__", " ", "a", "b", "é", ".", "1", "\u00a0", "word"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=16).map("".join))
def test_the_same_spans_as_the_regular_expression(line):
    found: list[Run] = []
    _spans(line, False, False, found)
    assert runs(found) == runs(reference(line))


def test_real_emphasis_is_unchanged():
    line = "**Mr. Ceriani Cernadas** said that *the* __Committee__ asked ***why*** a_b_c stayed"
    assert runs(inline_runs(line)) == runs([r for r in reference(line) if r.text])


def _seconds(line: str) -> float:
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        inline_runs(line)
        best = min(best, time.perf_counter() - t0)
    return best


def test_hostile_emphasis_is_linear():
    """Unclosed emphasis: four times the text costs about four times the time (the pattern cost
    sixteen: seconds at 16 KB), measured as a ratio so that a busy machine does not fail it."""
    for unit in ("**a ", "_a ", "*", "**Mr. X said "):
        small, large = unit * (16_000 // len(unit)), unit * (64_000 // len(unit))
        ratio = _seconds(large) / max(_seconds(small), 1e-6)
        assert ratio < 8, (unit, ratio)
    with contextlib.suppress(TbdError):  # and the whole pipeline takes 64 KB of it in one go
        parse_bytes(("**a " * 16_000).encode(), name="hostile.md")
