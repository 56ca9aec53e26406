"""Reviewers' decisions: a sheet to fill in, its decisions stored beside the automatic results.

A review sheet has one row per question of the analysed records chosen: the question, what the
tool found (status, confidence, the quoted answer, its citation) and empty columns for the
reviewer: ``decision`` (confirm, reject, change), ``status`` and ``answers`` (for a change), and
``note``. Imported, each decided row becomes a row of ``reviews``: who, when, what was decided, and
the automatic result at that moment — which stays in ``questions``, never overwritten. The latest
review of a question is what outputs show, and what ``tbdialogue eval --from-db`` takes as gold.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from ..errors import TbdError
from ..model import QUESTION_STATUSES, Question, Record, Review
from .load import load_record
from .schema import record_versions, records, reviews

DECISIONS = ("confirm", "reject", "change")
#: The columns of a review sheet; the reviewer fills in the last four.
SHEET_FIELDS = [
    "question_id", "record", "language", "asked_in", "asked_by", "question", "status", "confidence", "shown_as",
    "why", "answered_in", "quote", "decision", "correct_status", "correct_answers", "note",
]  # fmt: skip


class ReviewError(TbdError):
    """A review sheet that cannot be imported as it is (the row and the reason are named)."""


def sheet(dialogues: Iterable[list[Record]]) -> str:
    """The review sheet (CSV) of analysed records, one row per question, decision columns empty."""
    buf = io.StringIO()
    out = csv.DictWriter(buf, fieldnames=SHEET_FIELDS, lineterminator="\n")
    out.writeheader()
    for group in dialogues:
        for rec in group:
            for q in rec.questions or []:
                answers = [rec.paragraphs[i - 1].id for i in q.answers] + list(q.answers_elsewhere)
                out.writerow(
                    {
                        "question_id": q.id,
                        "record": rec.symbol or "",
                        "language": rec.language,
                        "asked_in": q.paragraph_id or "",
                        "asked_by": q.asker or "",
                        "question": q.text,
                        "status": q.status,
                        "confidence": q.confidence or "",
                        "shown_as": q.shown_as(),
                        "why": q.confidence_reason or "",
                        "answered_in": "; ".join(answers),
                        "quote": " … ".join(x.text for x in q.quotes),
                        "decision": q.review.decision if q.review else "",
                        "correct_status": q.review.status if q.review and q.review.decision == "change" else "",
                        "correct_answers": "; ".join(q.review.answers)
                        if q.review and q.review.decision == "change"
                        else "",
                        "note": (q.review.note or "") if q.review else "",
                    }
                )
    return buf.getvalue()


@dataclass
class ImportReport:
    stored: int = 0
    undecided: int = 0
    by_decision: dict[str, int] = field(default_factory=dict)


def read_sheet(text: str, name: str) -> list[tuple[int, dict[str, str]]]:
    """The sheet's rows with their line numbers; a sheet without the expected columns is refused."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [
        f for f in ("question_id", "record", "language", "question", "decision") if f not in (reader.fieldnames or [])
    ]
    if missing:
        raise ReviewError(
            f"{name}: not a review sheet (no column {', '.join(missing)}); write one with `tbdialogue review export`"
        )
    return [(n, row) for n, row in enumerate(reader, start=2)]


def import_rows(
    conn: Connection, rows: list[tuple[int, dict[str, str]]], reviewer: str, name: str, now: str | None = None
) -> ImportReport:
    """Store the decided rows (all of them or none: the first wrong row stops the import)."""
    report = ImportReport()
    now = now or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    pending = []
    cache: dict[tuple[str, str], Record | None] = {}
    for line, row in rows:
        decision = (row.get("decision") or "").strip().lower()
        if not decision:
            report.undecided += 1
            continue
        where = f"{name}, line {line}"
        if decision not in DECISIONS:
            raise ReviewError(f"{where}: decision {decision!r}: use confirm, reject or change (or leave it empty)")
        key = ((row.get("record") or "").strip(), (row.get("language") or "").strip())
        if key not in cache:
            cache[key] = _current_record(conn, *key)
        rec = cache[key]
        if rec is None:
            raise ReviewError(f"{where}: record {key[0]!r} ({key[1]}) is not in the corpus, or not analysed")
        q = next((x for x in rec.questions or [] if x.id == row["question_id"].strip()), None)
        if q is None or q.text != row.get("question", q.text if q else "").strip():
            q = next((x for x in rec.questions or [] if x.text == (row.get("question") or "").strip()), q)
        if q is None:
            raise ReviewError(f"{where}: question {row['question_id']!r} is not a question of {key[0]}")
        automatic = [rec.paragraphs[i - 1].id for i in q.answers] + list(q.answers_elsewhere)
        status, answers = _decided(decision, row, q, automatic, rec, where)
        pending.append(
            {
                "record_key": key[0],
                "language": key[1],
                "question_cid": q.id,
                "question_text": q.text,
                "reviewer": reviewer,
                "reviewed_at": now,
                "decision": decision,
                "status": status,
                "answers": answers,
                "automatic": {"status": q.status, "answers": automatic, "confidence": q.confidence},
                "note": (row.get("note") or "").strip() or None,
            }
        )
        report.by_decision[decision] = report.by_decision.get(decision, 0) + 1
    if pending:
        conn.execute(insert(reviews), pending)
    report.stored = len(pending)
    return report


def _decided(
    decision: str, row: dict[str, str], q: Question, automatic: list[str], rec: Record, where: str
) -> tuple[str, list[str]]:
    """(status, answers) a decision gives: confirm keeps the automatic result, reject makes the
    question unanswered, change takes the reviewer's status and answering paragraphs."""
    if decision == "confirm":
        return q.status, automatic
    if decision == "reject":
        return "unanswered", []
    status = (row.get("correct_status") or "").strip().lower()
    if status not in QUESTION_STATUSES:
        raise ReviewError(f"{where}: a change needs correct_status: {', '.join(QUESTION_STATUSES)}")
    answers = [a.strip() for a in (row.get("correct_answers") or "").replace(",", ";").split(";") if a.strip()]
    known = {p.id for p in rec.paragraphs}
    foreign = [a for a in answers if a not in known and "/p" not in a]
    if foreign:
        raise ReviewError(f"{where}: {foreign[0]!r} is not a citable paragraph id (e.g. {rec.paragraphs[0].id})")
    if (status == "unanswered") != (not answers):
        raise ReviewError(f"{where}: 'unanswered' has no answers; 'answered' and 'partial' need correct_answers")
    return status, answers


def _current_record(conn: Connection, key: str, language: str) -> Record | None:
    v, r = record_versions.c, records.c
    vid = conn.execute(
        select(v.id)
        .join(records, r.id == v.record_id)
        .where(r.record_key == key, r.language == language, v.is_current, v.analysed)
    ).scalar()
    return load_record(conn, vid) if vid is not None else None


def latest_reviews(conn: Connection, record_key: str, language: str) -> dict[str, Review]:
    """The latest review of each question of a record (by citable id)."""
    rv = reviews.c
    out: dict[str, Review] = {}
    for row in conn.execute(
        select(reviews).where(rv.record_key == record_key, rv.language == language).order_by(rv.reviewed_at, rv.id)
    ).mappings():
        out[row["question_cid"]] = Review(
            reviewer=row["reviewer"],
            reviewed_at=row["reviewed_at"],
            decision=row["decision"],
            status=row["status"],
            answers=list(row["answers"] or []),
            note=row["note"],
        )
    return out


def with_reviews(conn: Connection, rec: Record) -> Record:
    """The record with each reviewed question's latest review attached (``Question.review``)."""
    if not rec.questions or not rec.symbol:
        return rec
    found = latest_reviews(conn, rec.symbol, rec.language)
    for q in rec.questions:
        q.review = found.get(q.id)
    return rec
