"""The question analysis of dialogues as rows (for a table), CSV, JSON and a Markdown brief.

The brief is meant to be pasted into an NGO's follow-up report: the unanswered questions first,
then the partly answered ones with where the delegation touched on them, then the answered ones,
each with who asked and citable paragraph ids; the caveats (incomplete dialogue, automatic
method, development-set accuracy) are stated, not hidden.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import TYPE_CHECKING

from ..model import QUESTION_STATUSES as STATUSES
from ..model import Question, Record
from . import Serializer, register

if TYPE_CHECKING:
    from ..analyse import DialogueAnalysis


def summary_line(counts: Counter[str]) -> str:
    """'36 questions: 12 answered, 7 partial, 17 unanswered'."""
    n = sum(counts.values())
    parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
    return f"{n} question{'s' if n != 1 else ''}: {parts}"


_HEADINGS = {
    "unanswered": "Questions not answered in the records supplied",
    "partial": "Questions answered in part",
    "answered": "Questions answered",
}
_ORDER = ("unanswered", "partial", "answered")


def filtered(a: DialogueAnalysis, statuses: set[str] | None) -> list[tuple[Record, Question]]:
    return [(r, q) for r, q in a.questions if not statuses or q.status in statuses]


def asker(q: Question) -> str:
    if not q.asker:
        return "—"
    role = q.asker_role if q.asker_role and q.asker_role.lower() not in q.asker.lower() else None
    return q.asker + (f" ({role})" if role else "")


def where(q: Question, record: Record) -> list[str]:
    """Citable ids of the answering paragraphs, this record's first."""
    ids = [record.paragraphs[i - 1].id for i in q.answers]
    return ids + list(q.answers_elsewhere)


def matched_terms(q: Question) -> str:
    cands = q.evidence.get("candidates") or []
    if not cands or q.status == "unanswered":
        return ""
    best = cands[0]
    terms = list(dict.fromkeys(best.get("terms", []) + best.get("names_numbers", [])))[:5]
    return ", ".join(terms)


def nearest(q: Question) -> str:
    """For an unanswered question, the best-scoring later delegation paragraph that shares words or
    names with it, and those words: "no answer found" is the worst error to make, so the reader gets
    the one paragraph to check."""
    if q.status != "unanswered":
        return ""
    for c in q.evidence.get("candidates") or []:
        terms = list(dict.fromkeys(c.get("terms", []) + c.get("names_numbers", [])))[:4]
        if terms:
            return f"{c['paragraph']} ({', '.join(terms)})"
    return ""


def rows(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> list[dict[str, str]]:
    out = []
    for a in analyses:
        for rec, q in filtered(a, statuses):
            out.append(
                {
                    "id": q.id,
                    "asked_in": q.paragraph_id or "",
                    "asked_by": asker(q),
                    "question": q.text,
                    "topic": q.topic or "",
                    "status": q.status,
                    "answered_in": "; ".join(where(q, rec)),
                    "score": f"{q.evidence.get('best_score', 0):.3f}",
                    "matched_terms": matched_terms(q),
                    "answers_before": "; ".join(q.answers_before),
                    "nearest_unlinked": nearest(q),
                }
            )
    return out


def to_csv(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> str:
    buf = io.StringIO()
    data = rows(analyses, statuses)
    fields = list(data[0]) if data else ["id", "asked_in", "asked_by", "question", "topic", "status", "answered_in"]
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(data)
    return buf.getvalue()


def to_json(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> str:
    out = []
    for a in analyses:
        qs = filtered(a, statuses)
        out.append(
            {
                "dialogue": a.dialogue.title,
                "records": [r.symbol for r in a.dialogue.records],
                "summary": summary_line(a.counts()),
                "counts": {s: a.counts().get(s, 0) for s in STATUSES},
                "method": a.method,
                "warnings": [{"code": w.code, "message": w.message} for w in a.warnings],
                "notes": a.notes,
                "questions": [q.model_dump(mode="json") for _, q in qs],
            }
        )
    return json.dumps(out if len(out) != 1 else out[0], indent=2, ensure_ascii=False) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _records_line(a: DialogueAnalysis) -> str:
    parts = []
    for r in a.dialogue.records:
        bits = [r.symbol or "record without symbol"]
        if r.meeting:
            bits.append(f"{r.meeting}th meeting")
        if r.date:
            bits.append(r.date)
        parts.append(", ".join(bits))
    return "; ".join(parts)


def to_markdown(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> str:
    """The brief: one section per dialogue, unanswered questions first."""
    out: list[str] = []
    for a in analyses:
        rec0 = a.dialogue.records[0]
        sub = next((s.title for item in rec0.agenda for s in item.items), None)
        out.append(f"# {rec0.body or 'Committee'} dialogue with {rec0.state_party or 'the State party'}")
        out.append("")
        if sub:
            out.append(f"*{sub}* — session {rec0.session}." if rec0.session else f"*{sub}*.")
        out.append(f"Records analysed: {_records_line(a)}.")
        out.append("")
        out.append(f"**{summary_line(a.counts())}.**")
        out.append("")
        if a.warnings:
            out.append("> **The records supplied do not show the whole dialogue.**")
            for w in a.warnings:
                out.append(f"> - {_md_escape(w.message)}.")
            out.append(">")
            out.append('> "Unanswered" means that no answer was found in the records supplied.')
            out.append("")
        for status in _ORDER:
            if statuses and status not in statuses:
                continue
            qs = [(r, q) for r, q in a.questions if q.status == status]
            if not qs:
                continue
            out.append(f"## {_HEADINGS[status]} ({len(qs)})")
            out.append("")
            if status == "unanswered":
                out.append(
                    "No delegation paragraph after these questions scored as an answer. The last column "
                    "names the closest one that shares words with the question, to check before "
                    "reporting the question as unanswered."
                )
                out.append("")
                out.append("| Asked by | Question | Asked in | Closest paragraph (not linked) |")
                out.append("|---|---|---|---|")
                for _, q in qs:
                    note = f" (compare {', '.join(q.answers_before)}, earlier)" if q.answers_before else ""
                    out.append(
                        f"| {_md_escape(asker(q))} | {_md_escape(q.text)} | {q.paragraph_id}{note} | "
                        f"{_md_escape(nearest(q)) or '—'} |"
                    )
            else:
                out.append("| Asked by | Question | Asked in | Answered in | Matching terms |")
                out.append("|---|---|---|---|---|")
                for r, q in qs:
                    out.append(
                        f"| {_md_escape(asker(q))} | {_md_escape(q.text)} | {q.paragraph_id} | "
                        f"{', '.join(where(q, r))} | {_md_escape(matched_terms(q))} |"
                    )
            out.append("")
        out.append(
            "*Produced automatically by tbdialogue from the summary records (a précis, not a verbatim "
            "record). Questions, statuses and links are machine-made: check each cited paragraph before "
            "relying on it. Measured accuracy so far is on one annotated record only (see the README).*"
        )
        if a.notes:
            out.append("")
            out.extend(f"*Note: {n}.*" for n in a.notes)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def counts_of(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> Counter[str]:
    c: Counter[str] = Counter()
    for a in analyses:
        c.update(q.status for _, q in filtered(a, statuses))
    return c


register(Serializer("questions", "csv", to_csv, "text/csv", ".csv", "one row per question"))
register(Serializer("questions", "json", to_json, "application/json", ".json", "each dialogue with its questions"))
register(Serializer("questions", "md", to_markdown, "text/markdown", ".md", "a brief for a follow-up report"))
