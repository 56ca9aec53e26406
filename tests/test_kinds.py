"""Knowing a summary record from other UN documents (issue 14): a verbatim record, a resolution, a
UPR document … is refused in one line that names what it is (from its own symbol, or its title),
and a summary record is never refused for the documents it cites."""

from __future__ import annotations

import pytest

from tbdialogue import NotASummaryRecord, parse_text
from tbdialogue.lexicon.kinds import document_kind

from .conftest import SAMPLE, run_cli, shared_path

#: Every real UN PDF of ../shared, and what it is (see its MANIFEST.md).
UN_PDFS = {
    "A_61_PV.107_en.pdf": "a verbatim record (A/61/PV.107)",
    "A_79_PV.29_en.pdf": "a verbatim record (A/79/PV.29)",
    "S_PV.10100_en.pdf": "a verbatim record (S/PV.10100)",
    "A_RES_48_161_en.pdf": "a resolution (A/RES/48/161)",
    "A_RES_48_161_fr.pdf": "a resolution (A/RES/48/161)",
    "A_RES_48_246_en.pdf": "a resolution (A/RES/48/246)",
    "A_RES_48_246_es.pdf": "a resolution (A/RES/48/246)",
    "A_HRC_WG.6_34_ITA_3_en.pdf": "a Universal Periodic Review document (A/HRC/WG.6/34/ITA/3)",
    "A_HRC_WG.6_34_ITA_3_ru.pdf": "a Universal Periodic Review document (A/HRC/WG.6/34/ITA/3)",
    "A_HRC_WG.6_7_ITA_1_en.pdf": "a Universal Periodic Review document (A/HRC/WG.6/7/ITA/1)",
    "A_INF_76_1_en.pdf": "an information document (A/INF/76/1)",
}


@pytest.mark.parametrize(("name", "kind"), UN_PDFS.items())
def test_each_real_un_pdf_is_refused_with_its_kind_named(name, kind):
    result = run_cli("parse", str(shared_path("corpus", "un-pdfs", name)))
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert f"this is {kind}, not a summary record" in err


def test_every_shared_un_pdf_is_listed():
    folder = shared_path("corpus", "un-pdfs")
    assert {p.name for p in folder.glob("*.pdf")} == set(UN_PDFS)


VERBATIM_TITLELESS = """General Assembly
Seventy-ninth session
29th plenary meeting
Tuesday, 29 October 2024, 3 p.m.
New York

The meeting was called to order at 3.05 p.m.

Mr. Smith (Ruritania): I thank the President for convening this meeting.

Mr. Jones (Freedonia): My delegation aligns itself with the statement.

Mrs. Brown (Sylvania): We welcome the report.
"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (VERBATIM_TITLELESS, "a verbatim record (29th plenary meeting)"),
        (VERBATIM_TITLELESS.replace("29th plenary meeting", "12e séance plénière"), "a verbatim record (12e séance"),
        ("A/79/PV.29\n\n" + VERBATIM_TITLELESS, "a verbatim record (A/79/PV.29)"),
        (
            "CCPR/C/KGZ/Q/3\n\nList of issues in relation to the third periodic report of Kyrgyzstan\n\n1. Please provide information.",
            "a list of issues (CCPR/C/KGZ/Q/3)",
        ),
        ("Resolución aprobada por la Asamblea General\n\n1. Decide convocar.", "a resolution (Resolución aprobada"),
        (VERBATIM_TITLELESS.replace("29th plenary meeting", "29-е пленарное заседание"), "a verbatim record (29-е"),
        ("Резолюция, принятая Генеральной Ассамблеей\n\n1. Постановляет созвать.", "a resolution (Резолюция"),
    ],
    ids=[
        "verbatim, title",
        "verbatim, French title",
        "verbatim, symbol",
        "list of issues",
        "resolution, Spanish",
        "verbatim, Russian title",
        "resolution, Russian",
    ],
)
def test_hand_made_documents_are_named(text, kind):
    with pytest.raises(NotASummaryRecord) as err:
        parse_text(text)
    assert f"this is {kind}" in str(err.value)


def test_a_summary_record_is_never_refused_for_what_it_cites():
    """The sample cites resolutions, lists of issues and reports: it stays a summary record, with or
    without its cover (then the body's first lines cite CMW/C/KGZ/QPR/2)."""
    text = SAMPLE.read_text("utf-8")
    assert parse_text(text).symbol == "CMW/C/SR.537"
    body_only = text[text.index("The meeting was called to order") :]
    assert "CMW/C/KGZ/QPR/2" in body_only[:2000]
    assert len(parse_text(body_only).turns) == 24


def test_a_summary_record_opening_with_verbatim_or_resolution_words_is_not_refused():
    """Without its cover, the sample's body opens with paragraphs that start as a verbatim record's
    or a resolution's title would: sentences, not titles."""
    text = SAMPLE.read_text("utf-8")
    body_only = text[text.index("The meeting was called to order") :]
    opening, rest = body_only.split("\n", 1)
    doctored = (
        f"{opening}\n\nVerbatim records of the Committee's meetings are not kept; this record stands for them.\n\n"
        "Resolution adopted by the General Assembly in 2014 (resolution 68/268) asked for shorter records.\n" + rest
    )
    assert document_kind([], doctored.split("\n\n")[:6]) is None
    assert len(parse_text(doctored).turns) == 24


def test_document_kind_reads_symbols_before_titles():
    found = document_kind(["CMW/C/SR.537"], ["Verbatim record of nothing"])
    assert found is not None and found.kind == "a summary record"
    assert document_kind([], ["The meeting was called to order at 10 a.m."]) is None
    assert document_kind(["1" * 50_000], ["1" * 50_000 + "th plenary meeting"]) is None
