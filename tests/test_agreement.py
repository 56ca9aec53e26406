"""Inter-annotator agreement (``tbdialogue agreement``): the second annotation of the sample record,
Cohen's kappa, and the differences listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tbdialogue.errors import UnreadableInput
from tbdialogue.evaluation.agreement import agreement_of_files, cohen_kappa

from .conftest import ROOT, run_cli


def _cli(*args: str) -> tuple[int, str, str]:
    r = run_cli(*args)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


GOLD = ROOT / "tests/gold/CMW-C-SR.537.questions.json"
SECOND = ROOT / "tests/gold/agreement/CMW-C-SR.537.second.questions.json"


def test_second_annotation_is_valid_against_the_parser(sample_record):
    """Every span of the second annotation is the paragraph's text, every answer a delegation paragraph."""
    raw = json.loads(SECOND.read_text("utf-8"))
    paras = {p.id: p for p in sample_record.paragraphs}
    for q in raw["questions"]:
        assert paras[q["paragraph"]].text[q["start"] : q["end"]] == q["text"], q["id"]
        assert (q["status"] == "unanswered") == (not q["answers"]), q["id"]
        for a in q["answers"]:
            turn = sample_record.turns[paras[a].turn]
            assert turn.speaker.side == "state", (q["id"], a)


def test_agreement_of_the_two_annotations_of_the_sample():
    res = agreement_of_files(GOLD, SECOND)
    s = res.scores
    assert (s.q_tp, s.q_pred, s.q_gold) == (36, 36, 36)
    assert (s.l_tp, s.l_pred, s.l_gold) == (20, 20, 20)
    assert (s.status_ok, s.status_n) == (33, 36)
    assert res.confusion[("answered", "partial")] == 3
    assert [d.kind for d in res.differences] == ["status"] * 3
    assert res.kappa == pytest.approx(0.870, abs=0.001)


def test_an_annotation_agrees_with_itself():
    res = agreement_of_files(GOLD, GOLD)
    assert res.scores.links == (1.0, 1.0, 1.0)
    assert res.kappa == 1.0
    assert not res.differences
    assert "agree on every question" in res.text()


def test_differences_are_found(tmp_path: Path):
    """A copy with one link dropped, one status changed and one question removed."""
    raw = json.loads(GOLD.read_text("utf-8"))
    raw["records"] = [str((GOLD.parent / r).resolve()) for r in raw["records"]]
    linked = [q for q in raw["questions"] if q["answers"]]
    linked[0]["answers"] = []
    linked[0]["status"] = "unanswered"
    removed = raw["questions"].pop()
    b = tmp_path / "b.questions.json"
    b.write_text(json.dumps(raw), "utf-8")
    res = agreement_of_files(GOLD, b)
    kinds = {d.kind for d in res.differences}
    assert kinds == {"status and answers", "only in A"}
    assert res.scores.l_tp == 20 - 1 - len(removed["answers"])
    assert res.scores.unanswered[0] < 1.0  # B calls a question unanswered that A links


def test_kappa():
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None  # one label only: undefined
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "b"), ("b", "a")]) == -1.0


def test_different_records_are_refused(tmp_path: Path):
    raw = json.loads(GOLD.read_text("utf-8"))
    other = tmp_path / "other.md"
    other.write_text((ROOT / "samples/CMW-C-SR.537.md").read_text("utf-8") + "\nextra\n", "utf-8")
    raw["records"] = [str(other)]
    b = tmp_path / "b.questions.json"
    b.write_text(json.dumps(raw), "utf-8")
    with pytest.raises(UnreadableInput, match="annotate different records"):
        agreement_of_files(GOLD, b)
    code, _, err = _cli("agreement", str(GOLD), str(b))
    assert code == 2
    assert "annotate different records" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_cli_agreement_json_and_missing_file(tmp_path: Path):
    code, out_text, err = _cli("agreement", str(GOLD), str(SECOND), "--format", "json")
    assert code == 0, err
    out = json.loads(out_text)
    assert out["links"]["f1"] == 1.0 and out["status_kappa"] == pytest.approx(0.87, abs=0.001)
    assert len(out["differences"]) == 3
    code, _, err = _cli("agreement", str(GOLD), str(tmp_path / "nope.json"))
    assert code == 2 and "no such gold file" in err
