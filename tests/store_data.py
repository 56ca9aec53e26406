"""Real data for the corpus tests: the sample, a corrected reissue of it, the gold questions, copies."""

from __future__ import annotations

import json
from pathlib import Path

from tbdialogue.model import Question, Record

from .conftest import ROOT, SAMPLE

GOLD = ROOT / "tests" / "gold" / "CMW-C-SR.537.questions.json"
#: Paragraph 24 of the sample, and the corrected wording a reissue prints instead.
P24_OLD = "including institutional capacities and procedures in that regard"
P24_NEW = "including institutional capacities, budgets and procedures in that regard"


def corrected_copy(folder: Path) -> Path:
    """The sample with one sentence of paragraph 24 corrected, as a reissue would print it."""
    text = SAMPLE.read_text("utf-8")
    assert text.count(P24_OLD) == 1
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "CMW-C-SR.537-corrected.md"
    out.write_text(text.replace(P24_OLD, P24_NEW), "utf-8")
    return out


def retyped_copy(folder: Path) -> Path:
    """The sample with other typography only (straight quotes, spaces, line ends): the same content."""
    text = SAMPLE.read_text("utf-8").replace("’", "'").replace("\n", "\r\n").replace(". ", ".  ")
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "CMW-C-SR.537-retyped.md"
    out.write_bytes(text.encode("utf-8"))
    return out


def with_gold_questions(record: Record) -> Record:
    """The record with the hand-annotated questions of tests/gold (issue 4's development set)."""
    gold = json.loads(GOLD.read_text("utf-8"))
    index = {p.id: p.index for p in record.paragraphs}
    turn = {t.id: t.index for t in record.turns}
    questions = [
        Question(
            id=q["id"],
            paragraph=index[q["paragraph"]],
            asked_by=turn.get(q.get("turn")),
            text=q["text"],
            status=q["status"],
            answers=[index[a] for a in q.get("answers", []) if a in index],
            answers_elsewhere=[a for a in q.get("answers", []) if a not in index],
        )
        for q in gold["questions"]
    ]
    return record.model_copy(update={"questions": questions})
