"""The parser never crashes and never hangs: for any text it returns a record or raises the typed error.

Hangs are failures: property tests run with a generous deadline, and pathological inputs (long runs
that make backtracking regular expressions explode) run under an alarm.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tbdialogue import NotASummaryRecord, parse_text
from tbdialogue.model import Record

from .conftest import SAMPLE

SAMPLE_LINES = SAMPLE.read_text("utf-8").splitlines()
FRAGMENTS = [
    "Mr. ", "Ms. ", "M me ", "La Sra . ", "(", ")", "The Chair", "said that", "dit que", "dice que",
    "The meeting was suspended at ", "11.25 a.m.", " and resumed at ", "**", "*", "\\$", "1.", "2.",
    "CMW/C/SR.", "CERD/ C/", "C AT/C/SR.1924", " and Add.1", "Summary record of the ", "537th meeting",
    "Held at the Palais Wilson, Geneva, on ", "30 November 2023", "Chair:", "Contents", "(continued)",
    "\n", "\n\n", " ", "é", "’", "…", "\u2011", "\u00a0",
]  # fmt: skip


def _check(text: str) -> None:
    try:
        record = parse_text(text)
    except NotASummaryRecord:
        return
    assert isinstance(record, Record)
    for p in record.paragraphs:
        assert p.turn is None or 0 <= p.turn < len(record.turns)
    record.to_json()


@contextmanager
def alarm(seconds: int):
    def handler(signum, frame):
        raise TimeoutError(f"parser still running after {seconds} s: catastrophic backtracking?")

    old = signal.signal(signal.SIGALRM, handler)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@settings(max_examples=300, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_text(text):
    _check(text)


@settings(max_examples=300, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=300).map("".join))
def test_record_like_fragments(text):
    _check(text)


@settings(max_examples=150, deadline=10000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SAMPLE_LINES), max_size=120).map("\n".join))
def test_shuffled_real_lines(text):
    _check(text)


@settings(max_examples=100, deadline=10000, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_real_record_with_random_damage(data):
    lines = list(SAMPLE_LINES)
    for _ in range(data.draw(st.integers(0, 20))):
        i = data.draw(st.integers(0, len(lines) - 1))
        lines[i] = data.draw(st.sampled_from(["", lines[i][: len(lines[i]) // 2], lines[i].upper(), "*" + lines[i]]))
    _check("\n".join(lines))


@pytest.mark.parametrize(
    "text",
    [
        "Mr. " + "A " * 20000,
        "Mr. X " + "(" * 20000,
        "The meeting was suspended at " + "1" * 50000,
        "Held at " + "x, " * 20000,
        "Chair:" + " Chair:" * 10000,
        "At the invitation of the Chair, " + "the delegation " * 5000,
        "CMW/C/" + "1/" * 20000,
        "1. " + "a" * 500000,
        ("Summary record of the 1st meeting\n" + "x" * 200 + "\n") * 2000,
        "*" * 100000,
        "\n" * 100000,
        "Mr. Smith said that " + "word " * 200000,
    ],
    ids=lambda t: repr(t[:24]),
)
def test_pathological_inputs_finish(text):
    with alarm(30):
        _check(text)
