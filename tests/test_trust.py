"""Answers a follow-up officer can trust (issue 10): a confidence for every status, "check" for a
link on one informative word or on generic words only, the answering sentence quoted, citations as
people write them, and a question two members asked listed once."""

from __future__ import annotations

import pytest

from tbdialogue import parse_file, parse_text
from tbdialogue.analyse import analyse_records
from tbdialogue.export import serialize
from tbdialogue.export.brief import bucket, cite, summary_line

from .conftest import SAMPLE, run_cli


@pytest.fixture(scope="module")
def analysis():
    return analyse_records([parse_file(SAMPLE)], ["sample"], use_embeddings=False)[0]


def _q(analysis, n: int):
    return next(q for _, q in analysis.questions if q.id == f"CMW/C/SR.537/q{n}")


def test_every_question_has_a_confidence_and_a_reason(analysis):
    for _, q in analysis.questions:
        assert q.confidence in ("high", "low") and q.confidence_reason


def test_a_weak_link_is_to_check(analysis):
    """ "incitement to hatred under the Criminal Code and the Mass Media Act" is unanswered in the gold;
    the paragraph linked shares at most one informative word with it ("criminal", "code"): the kind of
    link that made a silence look answered is shown as "check"."""
    q = next(q for _, q in analysis.questions if "incitement" in q.text)
    assert q.status != "unanswered" and bucket(q) == "check"
    assert q.confidence_reason.startswith("rests on")


def test_a_link_on_two_informative_words_is_trusted(analysis):
    q = _q(analysis, 1)  # corruption → ¶32 "combating corruption"
    assert bucket(q) == "answered" and q.confidence == "high" and "corruption" in q.confidence_reason


def test_the_answering_sentence_is_quoted_exactly(analysis, sample_record):
    q = _q(analysis, 1)
    (quote,) = q.quotes
    para = sample_record.paragraph_by_number(32)
    assert quote.paragraph == para.id and para.text[quote.start : quote.end] == quote.text
    assert "corruption" in quote.text


def test_two_members_asking_the_same_thing_share_one_answer(analysis):
    """Ms. Dzumhur (¶25: "what trade union-related rights migrants had") and Mr. Babacar (¶26:
    "whether labour migrants had the right to join … trade unions")."""
    later = _q(analysis, 8)
    assert later.same_as == "CMW/C/SR.537/q4"
    first = _q(analysis, 4)
    assert first.answers == later.answers == [33] and first.confidence == later.confidence == "high"


def test_the_summary_line_counts_what_to_check():
    line = summary_line([])
    assert line == "0 questions: 0 answered, 0 to check, 0 partial, 0 unanswered"


def test_citations_are_written_as_people_cite():
    assert cite("CMW/C/SR.537/p36") == "CMW/C/SR.537, para. 36"
    assert cite("E/C.12/2017/SR.27/p4") == "E/C.12/2017/SR.27, para. 4"


def test_the_brief_from_a_fresh_clone():
    """issue 10, done when: quoted answers, "check" flags, para. citations and merged duplicates."""
    r = run_cli("questions", str(SAMPLE), "--format", "md")
    md = r.stdout.decode()
    assert r.returncode == 0
    assert "to check" in md.splitlines()[5] and "## To check" in md
    assert "“There were no restrictions on the formation of trade unions by migrant workers.”" in md
    assert "[CMW/C/SR.537, para. 33](https://undocs.org/CMW/C/SR.537)" in md
    assert "Ms. Dzumhur (Country Rapporteur); Mr. Babacar" in md  # one row, both askers
    assert "listed once, with both askers" in md
    assert "samples/" not in md  # no local file paths


def test_status_check_filters_the_links_to_check():
    import json

    r = run_cli("questions", str(SAMPLE), "--format", "json", "--status", "check")
    qs = json.loads(r.stdout)["questions"]
    assert qs and all(q["confidence"] == "low" and q["status"] != "unanswered" for q in qs)


def test_an_unanswered_question_with_a_close_paragraph_is_to_check():
    """A question whose only later delegation paragraph shares two informative words with it, but
    scores too low to be linked, is unanswered *with low confidence*: the brief says to check it."""
    text = SAMPLE.read_text("utf-8")
    record = parse_text(text)
    analysis = analyse_records([record], ["x"], use_embeddings=False)[0]
    low = [q for _, q in analysis.questions if q.status == "unanswered" and q.confidence == "low"]
    for q in low:
        assert "shares informative words" in q.confidence_reason
    md = serialize("questions", "md", [analysis])
    assert md.count("**check:**") == len(low)


def test_the_brief_as_html_is_self_contained(analysis, tmp_path):
    from lxml import html as lxml_html

    page = serialize("questions", "html", [analysis])
    root = lxml_html.fromstring(page)
    assert not root.xpath("//script") and not root.xpath("//link[@rel='stylesheet']") and not root.xpath("//img")
    assert root.xpath("//h1")[0].text == "CMW dialogue with Kyrgyzstan"
    assert [h.text.split(" (")[0] for h in root.xpath("//h2")] == [
        "Not answered in the records supplied", "To check: a possible answer the tool does not trust",
        "Answered in part", "Answered",
    ]  # fmt: skip
    links = {a.get("href") for a in root.xpath("//a")}
    assert links == {"https://undocs.org/CMW/C/SR.537"}
    assert len(root.xpath("//tr[@class='check']")) >= 9 and "@media print" in page


def test_the_brief_as_word(tmp_path):
    import docx

    out = tmp_path / "brief.docx"
    r = run_cli("questions", str(SAMPLE), "--format", "docx", "--out", str(out))
    assert r.returncode == 0, r.stderr
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "CMW dialogue with Kyrgyzstan" in text and "to check" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "CMW/C/SR.537, para. 33" in cells and any(
        c == "Ms. Dzumhur (Country Rapporteur); Mr. Babacar" for c in cells
    )
    assert len(document.tables) == 4


def test_a_word_document_is_not_written_to_a_terminal(tmp_path):
    """Without --out and with standard output a file (not a terminal), the bytes go there."""
    r = run_cli("questions", str(SAMPLE), "--format", "docx")
    assert r.returncode == 0 and r.stdout[:2] == b"PK"
