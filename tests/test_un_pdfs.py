"""The PDF reader on the UN's own files (issue 14): pages set in two columns are read column by
column, and the job numbers, barcodes, running heads and page numbers stay in the furniture layer.

A/61/PV.107 (a General Assembly verbatim record of 2007, 28 pages, every page but the last in two
columns of the same measure with baselines often aligned across the gutter) is the real two-column
file of ../shared. Each sentence below runs over several lines of one column, on a line where the
other column has text on the same baseline: read line by line across the page, it comes out
interleaved with the other column's words (the fault of issue 14); read by column, whole.
"""

from __future__ import annotations

import re

import pytest

from tbdialogue.pipeline import read_file

from .conftest import shared_path

SENTENCES = {
    # Page 1, left column: the President's announcement, beside the right column's tribute.
    1: "It is my sad duty to inform members of the Assembly of the passing on 9 September 2007 of Ms. Angie "
    "Brooks-Randolph, former diplomat of Liberia and President of the General Assembly at its twenty-fourth session",
    # Page 1, right column, and the notice box set across both columns at the foot of the page.
    # ("Liberia, herself" and "Assembly at its": the record's words across the column's line breaks.)
    2: "Angie Brooks-Randolph’s achievements are best captured in the statement released by President Ellen "
    "Johnson-Sirleaf of Liberia, herself a trailblazer and continental pace-setter",
    3: "This record contains the text of speeches delivered in English and of the interpretation of speeches "
    "delivered in the other languages.",
    # Page 2: the last lines of a paragraph in the left column; a whole sentence of the right one.
    4: "Africa joins the rest of the world in paying tribute for the loss of such a quintessential talent.",
    5: "As the international political arena was mired in the conflicts in South-East Asia and the Middle East in "
    "1969, it was only fitting that this warm, nurturing and powerful soul, the mother of two sons and the delight "
    "of 47 other youngsters, should bring order to chaos and preside over the General Assembly at its "
    "twenty-fourth session.",
    # Pages 5, 14, 21, 27: one sentence each, from the middle of the record to its end.
    6: "After working with the Justice Department of Liberia, Ms. Brooks was appointed to the Liberian delegation "
    "to the United Nations in 1954.",
    7: "New Zealand is proud of our role in improving the text over the past three years, with the objective of "
    "turning the draft declaration into one that States would be able to uphold, implement and promote.",
    8: "It is one we consider to be important in ensuring that individuals within groups are not left vulnerable "
    "or unprotected by allowing rights of the groups to supersede the human rights of the individual.",
    9: "We find it a great pity that the Declaration, which should have been adopted unanimously, has become the "
    "source of division.",
    # Sentences running from the foot of the left column to the head of the right one: the
    # paragraph goes on across the column break (pages 3, 5, 12, 16), in one block.
    10: "Ms. Brooks and Mr. Thorn are no longer with us, but they will be remembered for the examples that they set "
    "throughout their lives of hard work and dedication to the goals of the United Nations.",
    11: "In 1958, she represented Liberia and the Federation at the first session of the United Nations Economic "
    "Commission for Africa.",
    12: "We recognize that the situation of indigenous peoples around the world warrants concerted and concrete "
    "international action.",
    13: "Having assumed a responsible approach to this important aspect of the United Nations work, the Russian "
    "Federation nevertheless notes with regret that, in the light of the foregoing, we cannot support the draft "
    "United Nations declaration on the rights of indigenous peoples",
    # Page 28, the last: two short columns of six lines (too short to show a gutter by themselves,
    # read in the document's columns); its first line ends a paragraph of page 27, and the
    # President's last sentence crosses its column break.
    14: "We also recognize the Declaration as an instrument for raising awareness and as a reference document on "
    "international issues pertaining to indigenous peoples.",
    15: "I would also like to inform members that immediately following the adjournment of this afternoon’s "
    "plenary meeting, there will be an informal segment to hear statements by two representatives of the "
    "indigenous community.",
}


@pytest.fixture(scope="module")
def pv107():
    return read_file(shared_path("corpus", "un-pdfs", "A_61_PV.107_en.pdf"))


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("key", SENTENCES)
def test_a_sentence_of_one_column_comes_out_whole(pv107, key):
    sentence = SENTENCES[key]
    assert any(sentence in _flat(b.text) for b in pv107.blocks), sentence[:60]


def _squeezed(text: str) -> str:
    """Text without spaces and hyphens: the two readers break lines and words differently."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011\ufffe]+", "", text)


def test_every_page_reads_in_the_order_of_pypdfium2s_own_text(pv107):
    """Each page after the cover, as pypdfium2's plain text gives it (column by column, running
    head first), split into sentences: every sentence over two lines or more comes out in the body
    in that order, words unmixed with the other column's (the cover interleaves its own notice
    box in that text, and is checked by the sentences above)."""
    pdfium = pytest.importorskip("pypdfium2")
    body = _squeezed(" ".join(b.text for b in pv107.blocks))
    pdf = pdfium.PdfDocument(str(shared_path("corpus", "un-pdfs", "A_61_PV.107_en.pdf")))
    checked, out_of_order = 0, []
    try:
        for i in range(1, len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            lines = textpage.get_text_range().split("\r\n")[2:]  # the running head's two lines
            textpage.close()
            page.close()
            for sentence in re.split(r"(?<=[a-z)”][.;?!])\s+(?=[A-Z“(])", "\n".join(lines)):
                if len(sentence) >= 80 and "\n" in sentence.strip():
                    checked += 1
                    if _squeezed(sentence) not in body:
                        out_of_order.append((i + 1, sentence[:80]))
    finally:
        pdf.close()
    assert checked > 500 and not out_of_order, out_of_order[:3]


@pytest.mark.parametrize(
    ("name", "furniture", "page_numbers"),
    [
        # New York, 2007: symbol and page number swap sides on odd and even pages, job number beside;
        # the job number with its language and the barcode at the foot of the cover.
        (
            "A_61_PV.107_en.pdf",
            {"A/61/PV.107", "07-50429", "07-50429 (E)", "*0750429*"},
            [str(n) for n in range(2, 29)],
        ),
        # New York today: symbol, date and job number in the head, "n/38" at the foot.
        (
            "A_79_PV.29_en.pdf",
            {"A/79/PV.29", "29/10/2024", "24-19856", "24-19856 (E)", "*2419856*"},
            [f"{n}/38" for n in range(2, 39)],
        ),
        ("S_PV.10100_en.pdf", {"S/PV.10100", "30/01/2026", "26-01225", "26-01225 (E)", "*2601225*"}, ["2/3", "3/3"]),
        # Geneva: "GE.19-13879(E)" on the cover, plain page numbers after.
        ("A_HRC_WG.6_34_ITA_3_en.pdf", {"A/HRC/WG.6/34/ITA/3", "GE.19-13879(E)"}, [str(n) for n in range(2, 17)]),
    ],
)
def test_job_numbers_barcodes_running_heads_and_page_numbers_are_furniture(name, furniture, page_numbers):
    doc = read_file(shared_path("corpus", "un-pdfs", name))
    found = {_flat(t) for _, t, _ in doc.furniture}
    assert furniture | set(page_numbers) <= found
    for b in doc.blocks:
        text = _flat(b.text)
        assert not any(f in text for f in furniture), text[:80]
        assert not re.fullmatch(r"\d+(?:/\d+)?", text), text


@pytest.mark.parametrize(
    "name",
    ["A_79_PV.29_en.pdf", "S_PV.10100_en.pdf", "A_HRC_WG.6_34_ITA_3_en.pdf", "A_RES_48_161_fr.pdf"],
)
def test_single_column_pages_and_tables_are_read_row_by_row(name):
    """No gutter is seen where there is none: a one-column record, a Council cover whose members'
    list is set as a table ("Bahrain …… Mr. Alrowaiei"), a UPR annex of labels and values."""
    from tbdialogue.read import layout

    seen = []
    real = layout._gutter

    def spy(chunks, width, height):
        seen.append(real(chunks, width, height))
        return seen[-1]

    layout._gutter = spy
    try:
        read_file(shared_path("corpus", "un-pdfs", name))
    finally:
        layout._gutter = real
    assert seen and not any(seen)
