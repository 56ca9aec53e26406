"""The PDF reader on the UN's own files (issue 14): pages set in two columns are read column by
column, and the job numbers, barcodes, running heads and page numbers stay in the furniture layer.

A/61/PV.107 (a General Assembly verbatim record of 2007, 28 pages, every page but the last in two
columns of the same measure with baselines often aligned across the gutter) is the real two-column
file of ../shared. Each sentence below runs over several lines of one column, on a line where the
other column has text on the same baseline: read line by line across the page, it comes out
interleaved with the other column's words (the fault of issue 14); read by column, whole.
"""

from __future__ import annotations

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


def test_job_numbers_barcodes_running_heads_and_page_numbers_are_furniture(pv107):
    furniture = {_flat(t) for _, t, _ in pv107.furniture}
    assert {"A/61/PV.107", "07-50429 (E)", "*0750429*"} <= furniture
    assert {str(n) for n in range(2, 28)} <= furniture  # the page numbers of pages 2–27
    for b in pv107.blocks:
        text = _flat(b.text)
        assert "A/61/PV.107" not in text and "07-50429" not in text and "*0750429*" not in text
        assert not text.isdigit(), text


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
