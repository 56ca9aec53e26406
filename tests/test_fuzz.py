"""Fuzzing as a habit (issue 13): a few hundred mutated real records and a hypothesis property on
every run of the suite; `make fuzz` runs 100,000 (benchmarks/fuzz.py, figures in the README).

Every input must give a record or a one-line refusal (a ``TbdError``), never another exception.
PDF inputs are left to `make fuzz`, which runs them in worker processes (a crash in PDFium's C code
would take the test run with it); here: text, Markdown, HTML and DOCX.
"""

from __future__ import annotations

import os

from benchmarks.fuzz import FRAGMENTS, inputs, run_one
from hypothesis import given, settings
from hypothesis import strategies as st

from tbdialogue import parse_text
from tbdialogue.errors import TbdError

from .conftest import SAMPLE

#: Inputs per run of the suite; CI may ask for more (TBDIALOGUE_FUZZ_INPUTS).
INPUTS = int(os.environ.get("TBDIALOGUE_FUZZ_INPUTS", "300"))


def test_mutated_real_records_are_parsed_or_refused_in_one_line():
    seed = int(os.environ.get("TBDIALOGUE_FUZZ_SEED", "7"))
    crashes, slow = [], []
    for k, name, data, how in inputs(INPUTS, seed):
        if name.endswith(".pdf"):
            continue
        outcome, seconds, detail = run_one(name, data)
        if outcome == "crash":
            crashes.append(f"#{k} {how[:100]}: {detail}")
        if seconds > 30:  # far beyond the 2 s target of `make fuzz`: a hang, not a busy machine
            slow.append(f"#{k} {how[:100]}: {seconds:.1f} s")
    assert crashes == [] and slow == [], (crashes[:5], slow[:5])


LINES = SAMPLE.read_text("utf-8").splitlines()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(LINES)), min_size=1, max_size=40))
def test_any_mix_of_record_lines_and_fragments(parts):
    text = "".join(parts)
    try:
        record = parse_text(text)
    except TbdError as exc:
        assert "\n" not in str(exc)
    else:
        assert record.paragraphs
