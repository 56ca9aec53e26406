"""Page layout → blocks (the PDF reader's second half), on synthetic pages, and the PDF reader's
font reading on the fixtures."""

from __future__ import annotations

import re

from tbdialogue.read import read_path
from tbdialogue.read.layout import (
    Chunk,
    Page,
    Rule,
    clean_text,
    join_hyphenated,
    lay_out,
    make_lines,
    page_blocks,
    page_gutters,
    page_lines,
    split_furniture,
)

from .test_formats_parity import FIXTURES


def line(text: str, y: float, x0: float = 100.0, x1: float | None = None, size: float = 10.0, **style) -> Chunk:
    return Chunk(text, x0, x1 if x1 is not None else x0 + 4.6 * len(text), y, size, **style)


def page(number: int, chunks: list[Chunk], rules: list[Rule] | None = None) -> Page:
    return Page(number, 595.0, 842.0, make_lines(chunks), rules or [])


def test_hyphen_at_line_end_is_decided_by_the_document_own_words():
    words = {"government", "awareness", "raising"}
    compounds = {"awareness-raising"}
    assert join_hyphenated("the Gov-", "ernment said", words, compounds) == ""  # a broken word
    assert join_hyphenated("Joint awareness-", "raising events", words, compounds) == "-"  # a compound
    assert join_hyphenated("a well-", "known fact", words, compounds) == "-"  # unknown: keep the hyphen
    assert join_hyphenated("co\u00ad", "operation", words, compounds) == ""  # soft hyphen: always dropped
    assert join_hyphenated("2021\u2013", "2030", words, compounds) == "\u2013"  # closed dash: no space
    assert join_hyphenated("CMW/C/", "KGZ/2", words, compounds) == "/"
    assert join_hyphenated("ends here.", "Next", words, compounds) is None
    assert join_hyphenated("a dash \u2013", "then", words, compounds) is None  # spaced dash: a space


def test_ligatures_and_soft_hyphens_are_repaired():
    assert clean_text("e\ufb03cient o\ufb00ice \ufb01nal") == "efficient office final"
    assert clean_text("co\u00adoperation") == "cooperation"


def test_lines_rejoin_hyphenated_words_and_paragraphs():
    chunks = [
        line("1. The Gov-", 700, x1=480),
        line("ernment had adopted the plan.", 687, x1=300),
        line("2. Government representatives", 660, x1=480),
        line("said so.", 647, x1=150),
    ]
    blocks = page_blocks([page(1, chunks)])
    assert [b.text for b in blocks] == [
        "1. The Government had adopted the plan.",
        "2. Government representatives said so.",
    ]


def test_superscript_note_marks_are_left_out_of_the_text():
    chunks = [
        Chunk("Decision No. 169", 100, 190, 700, 10),
        Chunk("1", 191, 194, 703.5, 6),  # raised and small: a footnote mark
        Chunk(" on measures", 195, 250, 700, 10),
    ]
    (ln,) = make_lines(chunks)
    assert ln.text == "Decision No. 169 on measures" and ln.refs == ["1"]


def test_running_headers_and_footers_go_by_position_and_repetition():
    pages = []
    for n in (1, 2, 3):
        chunks = [
            line("CMW/C/SR.537", 800, x0=450 if n % 2 else 60),
            line(f"Body text of page {n} that is long enough to be a line.", 700, x1=480),
            line("The body quotes CMW/C/SR.537 too.", 687, x1=300),
            line(str(n), 40, x0=60),
            line("GE.23-23775", 40, x0=260),
        ]
        if n == 1:
            chunks.append(line("*2323775*", 28, x0=60))  # beyond the footer: furniture too
        pages.append(page(n, chunks))
    furniture = split_furniture(pages)
    assert ("header", "CMW/C/SR.537", 2) in furniture and ("footer", "3", 3) in furniture
    assert ("footer", "*2323775*", 1) in furniture
    assert all(len(p.lines) == 2 for p in pages)  # the body lines stay
    assert all(not re.search(r"GE\.23|^\d$", ln.text) for p in pages for ln in p.lines)


def test_a_single_page_keeps_its_body_and_loses_a_page_number_by_form():
    chunks = [line("A body line that is long enough to matter here.", 700, x1=480), line("7", 40, x0=290)]
    laid = lay_out([page(1, chunks)], re.compile(r"^\d{1,3}$"))
    assert [b.text for b in laid.blocks] == ["A body line that is long enough to matter here."]
    assert laid.furniture == [("footer", "7", 1)]


def test_footnotes_under_a_separator_rule_go_to_the_notes():
    chunks = [
        line("17. A paragraph of the record, set in the body size.", 700, x1=480),
        line("* No summary record was prepared for the rest of the meeting.", 90, size=9, x1=400),
    ]
    laid = lay_out([page(1, chunks, [Rule(100, 200, 100)])])
    assert [b.text for b in laid.blocks] == ["17. A paragraph of the record, set in the body size."]
    assert laid.footnotes == [("* No summary record was prepared for the rest of the meeting.", 1)]


def test_a_paragraph_running_over_a_page_break_is_one_block_with_both_pages():
    first = page(1, [line("9. The economically active population stood at about", 100, x1=480)])
    second = page(2, [line("2.6 million people.", 760, x1=200), line("10. Next paragraph.", 730, x1=200)])
    blocks = page_blocks([first, second])
    assert blocks[0].text == "9. The economically active population stood at about 2.6 million people."
    assert blocks[0].pages == [1, 2]
    assert blocks[1].text == "10. Next paragraph." and blocks[1].pages == [2]


def test_bold_from_weight_or_from_the_font_name():
    """LibreOffice's embedded subsets report weight 400 for bold fonts and reportlab's base-14
    fonts weight 0: the font name tells. Italic from the italic angle or the name."""
    for name in ("CMW-C-SR.537.pdf", "CMW-C-SR.537-base14.pdf"):
        doc = read_path(FIXTURES / name)
        labels = [b.bold_prefix() for b in doc.blocks if b.bold_prefix()]
        assert labels.count("Mr. Bazarbaev") == 6, (name, labels)
        assert "Mr. Babacar" in labels and "The Chair" in labels
        italic = [b.text for b in doc.blocks if b.is_all_italic()]
        assert "The meeting rose at 1 p.m." in italic, name
        assert doc.header_symbol == "CMW/C/SR.537"
        assert doc.page_count == 8


def test_two_columns_side_by_side_are_read_column_by_column():
    """The UN cover sets the treaty's name (bold, 14 pt) beside "Distr.: General / date / Original"."""
    chunks = [
        line("International Convention on the", 745, x0=56, x1=300, size=14, bold=True),
        line("Distr.: General", 745, x0=400, x1=470),
        line("5 December 2023", 733, x0=400, x1=478),
        line("Protection of the Rights of All", 727, x0=56, x1=290, size=14, bold=True),
        line("Migrant Workers", 709, x0=56, x1=180, size=14, bold=True),
        line("Original: English", 709, x0=400, x1=476),
        line("Chair:", 650, x0=56, x1=84),
        line("Mr. Corzo Sosa", 650, x0=142, x1=210),  # after a wide tab: one line all the same
    ]
    assert [b.text for b in page_blocks([page(1, chunks)])] == [
        "International Convention on the Protection of the Rights of All Migrant Workers",
        "Distr.: General 5 December 2023",  # a small line beside a big one is no superscript of it
        "Original: English",
        "Chair: Mr. Corzo Sosa",
    ]


def _column(lines: list[str], x0: float, top: float = 700.0, indent: set[int] = frozenset()) -> list[Chunk]:
    """A justified column 240 pt wide (last line of each paragraph short), 12 pt leading."""
    return [
        line(t, top - 12 * i, x0=x0 + (24 if i in indent else 0), x1=x0 + (240 if not t.endswith(".") else 120))
        for i, t in enumerate(lines)
    ]


def _two_column_page(
    number: int, left: list[str], right: list[str], indents: tuple[set[int], set[int]] = (set(), set())
) -> Page:
    chunks = _column(left, 60, indent=indents[0]) + _column(right, 312, indent=indents[1])
    (gutter,) = page_gutters([(chunks, 595.0, 842.0)])
    return Page(number, 595.0, 842.0, page_lines(chunks, 595.0, 842.0, gutter), [], gutter)


def test_two_columns_of_running_text_are_read_one_after_the_other():
    """Baselines aligned across the gutter: read across, each line would join its neighbour's."""
    left = [f"left line {i} of the speech goes on" for i in range(30)]
    right = [f"right line {i} of another speech" for i in range(30)]
    page = _two_column_page(1, left, right)
    assert page.gutter is not None and 300 <= page.gutter[0] < page.gutter[1] <= 312
    assert [ln.text for ln in page.lines] == left + right


def test_a_title_across_both_columns_stays_between_them():
    chunks = _column([f"before {i}" for i in range(15)], 60) + _column([f"beside {i}" for i in range(15)], 312)
    chunks.append(line("A heading set across the page over both columns", 500, x0=150, x1=450))
    chunks += _column([f"after {i}" for i in range(15)], 60, top=480) + _column(
        [f"next {i}" for i in range(15)], 312, top=480
    )
    (gutter,) = page_gutters([(chunks, 595.0, 842.0)])
    texts = [ln.text for ln in page_lines(chunks, 595.0, 842.0, gutter)]
    heading = texts.index("A heading set across the page over both columns")
    assert texts[:heading] == [f"before {i}" for i in range(15)] + [f"beside {i}" for i in range(15)]
    assert texts[heading + 1 :] == [f"after {i}" for i in range(15)] + [f"next {i}" for i in range(15)]


def test_a_short_last_page_is_read_in_the_document_columns():
    """Four lines a column are too few to show a gutter; the other pages show where it is. A short
    page of one column (a line across the middle) keeps its rows."""
    full = [
        (
            _column([f"l{i} words" for i in range(30)], 60) + _column([f"r{i} words" for i in range(30)], 312),
            595.0,
            842.0,
        )
    ]
    short = _column(["a", "b", "c", "d"], 60) + _column(["e", "f", "g", "h"], 312)
    single = [line("one line across the middle of the page", 700 - 12 * i, x0=60, x1=552) for i in range(4)]
    gutters = page_gutters([*full, (short, 595.0, 842.0), (single, 595.0, 842.0)])
    assert gutters[0] is not None and gutters[1] == (300.0, 312.0) and gutters[2] is None
    assert [ln.text for ln in page_lines(short, 595.0, 842.0, gutters[1])] == list("abcdefgh")
    assert page_gutters([(short, 595.0, 842.0)]) == [None]  # alone, nothing says it has columns


def test_a_paragraph_goes_on_from_the_left_column_to_the_right_one():
    """At the head of the right column, a line at the margin after an unfinished sentence goes on
    with the paragraph; a line at the first-line indent opens a new one, and so does a line after a
    finished sentence."""
    left = [f"Mr. Smith said that the first column runs on {i}" for i in range(29)] + ["and runs on to the right"]
    right = ["column where the sentence ends."] + [f"Then a new paragraph {i}" for i in range(29)]
    blocks = page_blocks([_two_column_page(1, left, right, ({0}, {1}))])
    assert blocks[0].text.endswith("and runs on to the right column where the sentence ends.")
    assert blocks[1].text.startswith("Then a new paragraph 0")
    right[0] = "The right column opens a paragraph."
    blocks = page_blocks([_two_column_page(1, left, right, ({0}, {0, 1}))])
    assert blocks[0].text.endswith("and runs on to the right") and blocks[1].text == right[0]
    # A full last line that ends its sentence: the paragraph ends with it.
    left[-1] = "and ends its sentence at the foot."
    page = _two_column_page(1, left, ["A new paragraph at the margin."] + right[1:], ({0}, {1}))
    foot = next(ln for ln in page.lines if ln.text == left[-1])
    foot.x1 = 300.0
    blocks = page_blocks([page])
    assert blocks[0].text.endswith(left[-1]) and blocks[1].text == "A new paragraph at the margin."


def _glyph_by_glyph_pdf() -> bytes:
    """A PDF whose every letter is its own text object and whose words are only placed apart (no
    space characters), as some generators write them; built with PDFium itself."""
    import ctypes
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    lines = [
        ("Summary record of the 537th meeting", ()),
        ("1. The meeting was called to order at 10.10 a.m.", ()),
        ("2. Mr. Bazarbaev (Kyrgyzstan) said that treatment was free.", ("Mr.", "Bazarbaev")),
    ]
    y = 750.0
    for text, bold_words in lines:
        x = 72.0
        for word in text.split(" "):
            for ch in word:
                obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Times-Bold" if word in bold_words else b"Times-Roman", 10.0)
                units = (ch + "\0").encode("utf-16-le")
                raw.FPDFText_SetText(obj, (ctypes.c_ushort * (len(units) // 2)).from_buffer_copy(units))
                raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
                raw.FPDFPage_InsertObject(page.raw, obj)
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                x = right.value + 0.6  # the next letter just after this one
            x += 3.5  # a word space, with no space character
        y -= 20
    raw.FPDFPage_GenerateContent(page.raw)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def test_letters_placed_one_by_one_make_words_and_spaces():
    from tbdialogue.read import read_bytes

    doc = read_bytes(_glyph_by_glyph_pdf(), path="glyphs.pdf")
    assert [b.text for b in doc.blocks] == [
        "Summary record of the 537th meeting",
        "1. The meeting was called to order at 10.10 a.m.",
        "2. Mr. Bazarbaev (Kyrgyzstan) said that treatment was free.",
    ]
    assert doc.blocks[2].bold_prefix() == "Mr. Bazarbaev"


def _widest_gap_point_by_point(body: list[Chunk], lo: int, hi: int, allowed: float) -> tuple[float, float] | None:
    """The gutter's gap as first counted (one counter per point of the middle half), to check the
    step-by-step count against."""
    from tbdialogue.read.layout import GUTTER_MIN

    delta = [0] * (hi - lo + 2)
    for c in body:
        a, b = max(lo, int(c.x0)), min(hi, int(c.x1))
        if a <= b:
            delta[a - lo] += 1
            delta[b - lo + 1] -= 1
    cover, running = [], 0
    for d in delta[:-1]:
        running += d
        cover.append(running)
    best, start = None, None
    for i, n in enumerate([*cover, allowed + 1]):
        if n <= allowed and start is None:
            start = i
        elif n > allowed and start is not None:
            g0, g1 = float(lo + start), float(lo + i - 1)
            if g1 - g0 >= GUTTER_MIN and (best is None or g1 - g0 > best[1] - best[0]):
                best = (g0, g1)
            start = None
    return best


def test_the_gutter_counted_from_the_chunks_edges_is_the_one_counted_point_by_point():
    """On 600 random pages — two columns, one, lines across, lines crossing the middle, chunks
    past the page's edges — the gap found from the chunks' edges is the one every point gives."""
    import random

    from tbdialogue.read.layout import GUTTER_CROSSING, _widest_gap

    draw = random.Random(7)
    found = 0
    for _ in range(600):
        width = draw.choice([595.0, 612.0, 842.0])
        split = draw.uniform(0.35, 0.6) * width
        body = []
        for i in range(draw.randint(0, 120)):
            kind = draw.random()
            if kind < 0.45:
                x0, x1 = draw.uniform(-20, 80), split - draw.uniform(0, 30)
            elif kind < 0.9:
                x0, x1 = split + draw.uniform(0, 30), width - draw.uniform(-20, 80)
            else:
                x0 = draw.uniform(0, width)
                x1 = x0 + draw.uniform(0, width / 2)
            body.append(Chunk(f"w{i}", x0, x1, draw.uniform(60, 800), 10.0))
        lo, hi = int(width * 0.25), int(width * 0.75)
        allowed = GUTTER_CROSSING * len(body)
        got = _widest_gap(body, lo, hi, allowed)
        assert got == _widest_gap_point_by_point(body, lo, hi, allowed)
        found += got is not None
    assert 100 < found < 500, found  # pages with a gutter and pages without

def test_a_page_millions_of_points_wide_costs_no_more_than_a_normal_one():
    """Regression: `make fuzz` (seed 1, input 53570) damaged a PDF's page size; a page millions of
    points wide took 6 s (one counter per point of its middle half). The work now follows the
    chunks, whatever the width."""
    import time

    from tbdialogue.read.layout import _gutter

    chunks = _column([f"left line {i} of the speech goes on" for i in range(40)], 60) + _column(
        [f"right line {i} of another speech" for i in range(40)], 312
    )

    def cpu(width: float) -> float:
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            for _ in range(20):
                _gutter(chunks, width, 842.0)
            best = min(best, time.process_time() - t0)
        return best

    assert cpu(5_000_000.0) < 8 * max(cpu(595.0), 1e-4)
