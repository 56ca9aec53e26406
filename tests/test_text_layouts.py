"""The same record in the layouts text converters produce gives the same record.

Markdown with bold labels, plain text without any markup, text hard-wrapped at 78 columns
(pdftotext, pandoc), Windows line endings, no blank lines between paragraphs: the wording must
suffice when the markup is absent, and line layout must not change a single field.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from tbdialogue import parse_text
from tbdialogue.evaluation.parsing import Report, load_expected, score

from .conftest import SAMPLE, shared_path


def strip_markdown(text: str) -> str:
    text = text.replace("\\$", "$")
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    return re.sub(r"\*(.+?)\*", r"\1", text)


def hard_wrap(text: str, width: int = 78) -> str:
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False)) if line.strip() else ""
        for line in text.split("\n")
    )


def _key(record):
    return {
        "cover": (record.symbol, record.session, record.meeting, record.date, record.time, record.chair),
        "state": (record.state_party, record.state_party_code, record.documents),
        "agenda": [a.model_dump() for a in record.agenda],
        "turns": [(t.speaker.model_dump(), t.paragraphs) for t in record.turns],
        "events": [(e.kind, e.time, e.paragraph, e.before_paragraph) for e in record.events],
        "paragraphs": [(p.number, p.text, p.turn) for p in record.paragraphs],
    }


SAMPLE_TEXT = SAMPLE.read_text("utf-8")
LAYOUTS = {
    "plain text": strip_markdown,
    "markdown hard-wrapped": hard_wrap,
    "plain text hard-wrapped": lambda t: hard_wrap(strip_markdown(t)),
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "no blank lines": lambda t: re.sub(r"\n\n+", "\n", strip_markdown(t)),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_sample_in_every_layout(layout):
    expected = _key(parse_text(SAMPLE_TEXT))
    got = _key(parse_text(LAYOUTS[layout](SAMPLE_TEXT)))
    for part in expected:
        assert got[part] == expected[part], part


@pytest.mark.parametrize("layout", ["hard-wrapped", "CRLF"])
def test_excerpts_in_other_layouts(layout):
    path = shared_path("corpus", "excerpts", "expected.jsonl")
    transform = hard_wrap if layout == "hard-wrapped" else (lambda t: t.replace("\n", "\r\n"))
    report = Report()
    for row in load_expected(path):
        text = (path.parent / f"{row['id']}.txt").read_text("utf-8")
        score(report, row["id"], row, parse_text(transform(text)))
    assert [f"{m.record} {m.field}: {m.expected!r} / {m.got!r}" for m in report.mismatches] == []


def test_label_split_by_a_page_break_is_still_a_label():
    text = SAMPLE_TEXT.replace(
        "**Mr. Ceriani Cernadas** said that he would appreciate",
        "Mr. Ceriani Cernadas, having thanked the delegation for its replies and\n\nwelcomed its efforts, said that he would appreciate",
    )
    record = parse_text(strip_markdown(text))
    speaker = record.speaker_of(record.paragraph_by_number(28))
    assert speaker is not None and speaker.name == "Mr. Ceriani Cernadas"
    assert record.paragraph_by_number(28).text.startswith("Mr. Ceriani Cernadas, having thanked")


def test_text_that_lost_its_line_breaks():
    """OCR and web extractions of old records run a whole record into one line."""
    plain = strip_markdown(SAMPLE_TEXT)
    body = plain[plain.index("The meeting was called to order") :]
    flat = plain[: plain.index("The meeting was called to order")] + " ".join(body.split())
    record = parse_text(flat)
    expected = parse_text(plain)
    assert [(t.speaker.name, t.paragraphs) for t in record.turns][:10] == [
        (t.speaker.name, t.paragraphs) for t in expected.turns
    ][:10]
    assert len(record.turns) == 24
