"""Parity: the sample record read from PDF, DOCX, HTML and Markdown gives the same record.

Every field of the record contract must be equal (cover, paragraphs and their text, turns and
speakers, events, documents, agenda), except ``symbol_inferred`` (a paged source prints the
symbol in its header, the Markdown does not) and what only a paged source has: furniture, notes,
page provenance. No header, footer, page number or footnote text may appear in a paragraph.
"""

from __future__ import annotations

import shutil

import pytest

from tbdialogue import parse_file
from tbdialogue.read import read_path

from .conftest import ROOT, SAMPLE

FIXTURES = ROOT / "tests" / "fixtures" / "formats"
SYMBOL = "CMW/C/SR.537"
#: fixture → (format read, symbol printed in its header, paged)
FORMATS = {
    "CMW-C-SR.537.pdf": ("pdf", True, True),  # LibreOffice: fonts embedded
    "CMW-C-SR.537-base14.pdf": ("pdf", True, True),  # reportlab: base-14 fonts, not embedded
    "CMW-C-SR.537.docx": ("docx", True, False),  # direct and style-based bold, typed and auto numbers
    "CMW-C-SR.537.html": ("html", True, False),  # LibreOffice's HTML export
    "CMW-C-SR.537-plain.html": ("html", False, False),  # hand-written
}
ONLY_PAGED = ("symbol_inferred", "furniture", "notes", "source", "warnings")


def contract(record) -> dict:
    data = record.to_dict()
    for key in ONLY_PAGED:
        data.pop(key)
    for p in data["paragraphs"]:
        p.pop("pages")
    return data


@pytest.fixture(scope="module")
def markdown_record():
    return parse_file(SAMPLE)


@pytest.fixture(scope="module", params=sorted(FORMATS))
def case(request):
    name = request.param
    return name, parse_file(FIXTURES / name)


def test_record_equals_the_markdown_record(case, markdown_record):
    name, record = case
    expected, got = contract(markdown_record), contract(record)
    for key in expected:
        if key in ("paragraphs", "turns"):
            assert len(got[key]) == len(expected[key]), (name, key)
            for a, b in zip(expected[key], got[key], strict=True):
                assert b == a, (name, key)
        else:
            assert got[key] == expected[key], (name, key)
    assert got == expected


def test_format_symbol_and_warnings(case):
    name, record = case
    fmt, printed, _ = FORMATS[name]
    assert record.source.format == fmt
    assert record.symbol == SYMBOL
    assert record.symbol_inferred is (not printed), name
    assert record.warnings == [], (name, record.warnings)


def test_no_page_furniture_or_footnote_text_in_paragraphs(case, markdown_record):
    name, record = case
    removed = [f.text for f in record.furniture] + [n.text for n in record.notes]
    speech = " ".join(p.text for p in markdown_record.paragraphs)
    # ("United Nations" is page furniture on the first page, and also a phrase of the speech.)
    long_pieces = {t for t in removed if len(t) >= 5 and t not in speech}
    for p in record.paragraphs:
        for piece in long_pieces:
            assert piece not in p.text, (name, p.index, piece)
        for marker in ("GE.23-23775", "*2323775*", "Footnote added by", "United Nations CMW"):
            assert marker not in p.text, (name, p.index, marker)
        assert SYMBOL not in p.text, (name, p.index)


def test_paged_sources_keep_furniture_notes_and_pages(case):
    name, record = case
    _, printed, paged = FORMATS[name]
    if not printed:
        assert record.furniture == [] or all(f.kind == "site" for f in record.furniture)
        return
    kinds = {f.kind for f in record.furniture}
    assert "job_number" in kinds and any(SYMBOL in f.text for f in record.furniture), (name, kinds)
    assert any("Footnote added by tools/build_fixtures.py" in n.text for n in record.notes), name
    if not paged:
        assert all(p.pages is None for p in record.paragraphs)
        return
    pages = record.source.pages
    assert pages == 8
    # Page numbers of pages 2..8 are furniture, each on its own page.
    numbers = {(f.text, f.page) for f in record.furniture if f.kind == "page_number"}
    assert numbers == {(str(n), n) for n in range(2, pages + 1)}, name
    assert {f.page for f in record.furniture if f.kind == "symbol"} == set(range(1, pages + 1))
    note = next(n for n in record.notes if "Footnote added" in n.text)
    decision = next(p for p in record.paragraphs if "Government Decision No. 169 on measures" in p.text)
    assert note.page in decision.pages  # the footnote sits on the page of its mark
    # Provenance: every paragraph has pages, in reading order, and some run across a page break.
    last = 1
    for p in record.paragraphs:
        assert p.pages and p.pages == list(range(p.pages[0], p.pages[-1] + 1)), (name, p.index)
        assert last <= p.pages[0] and p.pages[-1] <= pages, (name, p.index)
        last = p.pages[-1]
    assert sum(len(p.pages) > 1 for p in record.paragraphs) >= 3, name


def test_docx_bold_direct_and_through_styles():
    """Speaker names are bold as run formatting (¶2–24) and only through a character style based
    on "Strong" (¶25–48); paragraph numbers are typed (¶1–24) and Word numbering (¶25–48)."""
    doc = read_path(FIXTURES / "CMW-C-SR.537.docx")
    numbered = [b for b in doc.blocks if b.list_number is not None]
    assert [b.list_number for b in numbered] == list(range(25, 49))
    labels = {b.bold_prefix() for b in doc.blocks if b.bold_prefix()}
    assert {"Mr. Babacar", "Mr. Charef", "Mr. Ceriani Cernadas", "Mr. Taghi-Zada"} <= labels  # style-based
    assert {"Mr. Bazarbaev", "Ms. Dzumhur", "A representative of Kyrgyzstan"} <= labels  # direct
    directions = [b.text for b in doc.blocks if b.is_all_italic()]
    assert "The meeting was suspended at 11.25 a.m. and resumed at 12.10 p.m." in directions  # style-based
    assert any(t.startswith("1.") and "invitation of the Chair" in t for t in directions)  # direct


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", ["CMW-C-SR.537.odt", "CMW-C-SR.537.doc"])
def test_converted_formats_equal_the_markdown_record(name, markdown_record):
    record = parse_file(FIXTURES / name)
    assert record.source.format == name.rsplit(".", 1)[1]
    assert contract(record) == contract(markdown_record)
