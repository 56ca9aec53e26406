"""Records the export tests share: the sample analysed, the real openings, the format fixtures and
a record full of hostile text."""

from __future__ import annotations

from functools import cache

from tbdialogue import parse_file
from tbdialogue.model import Record

from .conftest import ROOT, SAMPLE, shared_path

FORMAT_FIXTURES = ROOT / "tests" / "fixtures" / "formats"
#: Fixtures read without LibreOffice (the .doc and .odt ones need it: test_formats_parity covers them).
DIRECT_FIXTURES = ("CMW-C-SR.537.pdf", "CMW-C-SR.537-base14.pdf", "CMW-C-SR.537.docx", "CMW-C-SR.537.html", "CMW-C-SR.537-plain.html")
#: Text no XML or CSV writer may choke on: markup characters, quotes, a CDATA end, controls, a lone
#: surrogate, a formula.
HOSTILE = "=SUM(A1) & <b>bold</b> \"quoted\" 'single' ]]> \x00 \x0b \x1f \ud800 end"


@cache
def analysed_sample() -> Record:
    """The sample record with its questions (no embeddings: the same questions, faster)."""
    from tbdialogue.analyse import analyse_records

    record = parse_file(SAMPLE)
    analyse_records([record], ["sample"], use_embeddings=False)
    return record


def excerpt_records() -> list[Record]:
    """The real record openings of ../shared (skipped, or failed under CI, when it is absent)."""
    folder = shared_path("corpus", "excerpts")
    return [parse_file(p) for p in sorted(folder.glob("*.txt"))]


def fixture_records() -> list[Record]:
    return [parse_file(FORMAT_FIXTURES / name) for name in DIRECT_FIXTURES]


def hostile_record() -> Record:
    """The analysed sample with hostile text in a paragraph, a speaker's name and the place."""
    record = analysed_sample().model_copy(deep=True)
    record.paragraphs[5].text = HOSTILE
    record.turns[0].speaker.name = "Mr. <Bazarbaev> & \"Co\""
    record.place = HOSTILE
    return record
