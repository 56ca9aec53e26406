"""The question analysis of dialogues as rows (for a table), CSV, JSON and a Markdown brief.

The brief is meant to be pasted into an NGO's follow-up report: the unanswered questions first,
then those to check (a link the tool does not trust), then the partly answered and the answered
ones, each with who asked, the answering sentence quoted and its citation as people cite ("CMW/C/
SR.537, para. 36", linked to the UN document); a question two members asked is listed once, with
both askers; the caveats (incomplete dialogue, automatic method, development-set accuracy) are
stated, not hidden.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Question, Record
from . import Serializer, register

if TYPE_CHECKING:
    from ..analyse import DialogueAnalysis

#: What a reader sees of a question: its status, or "check" when the tool does not trust a link.
BUCKETS = ("answered", "check", "partial", "unanswered")
_BUCKET_WORDS = {"answered": "answered", "check": "to check", "partial": "partial", "unanswered": "unanswered"}
_HEADINGS = {
    "unanswered": "Not answered in the records supplied",
    "check": "To check: a possible answer the tool does not trust",
    "partial": "Answered in part",
    "answered": "Answered",
}
_ORDER = ("unanswered", "check", "partial", "answered")
_PARA_ID = re.compile(r"^(?P<symbol>.+)/p(?P<n>\d+)$")


def bucket(q: Question) -> str:
    """answered | check | partial | unanswered: a link with low confidence is "check"."""
    return q.shown_as()


def summary_line(questions: Iterable[Question]) -> str:
    """'36 questions: 14 answered, 9 to check, 1 partial, 12 unanswered (1 of them to check)'."""
    qs = list(questions)
    counts = Counter(bucket(q) for q in qs)
    parts = ", ".join(f"{counts.get(b, 0)} {_BUCKET_WORDS[b]}" for b in BUCKETS)
    doubtful = sum(1 for q in qs if q.status == "unanswered" and q.confidence == "low")
    tail = f" ({doubtful} of them to check)" if doubtful else ""
    return f"{len(qs)} question{'s' if len(qs) != 1 else ''}: {parts}{tail}"


def cite(paragraph_id: str) -> str:
    """How people cite a paragraph: CMW/C/SR.537/p36 → "CMW/C/SR.537, para. 36"."""
    m = _PARA_ID.match(paragraph_id)
    return f"{m.group('symbol')}, para. {m.group('n')}" if m else paragraph_id


def document_url(paragraph_id: str) -> str | None:
    """The UN document system's address of the record a citable id belongs to."""
    m = _PARA_ID.match(paragraph_id) or re.match(r"^(?P<symbol>[A-Z].+?)/[pqti]\d+$", paragraph_id)
    symbol = m.group("symbol") if m else None
    return f"https://undocs.org/{symbol}" if symbol and not symbol.startswith(("~", "record")) else None


def filtered(a: DialogueAnalysis, statuses: set[str] | None) -> list[tuple[Record, Question]]:
    """The questions whose status or bucket ("check") is among ``statuses`` (all without)."""
    return [(r, q) for r, q in a.questions if not statuses or q.status in statuses or bucket(q) in statuses]


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


def reviewed(q: Question) -> str:
    """ "change by A. Reviewer on 2026-12-05: partial" — or "" when not reviewed."""
    if q.review is None:
        return ""
    r = q.review
    return f"{r.decision} by {r.reviewer} on {r.reviewed_at[:10]}: {r.status}"


def quoted(q: Question) -> str:
    """The answering sentence(s), each with its citation: 'A law … had been adopted' (CMW/C/SR.537, para. 42)."""
    return " ".join(f"“{x.text}” ({cite(x.paragraph)})" for x in q.quotes)


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
                    "confidence": q.confidence or "",
                    "shown_as": bucket(q),
                    "why": q.confidence_reason or "",
                    "answered_in": "; ".join(where(q, rec)),
                    "citation": "; ".join(cite(p) for p in where(q, rec)),
                    "quote": " … ".join(x.text for x in q.quotes),
                    "score": f"{q.evidence.get('best_score', 0):.3f}",
                    "matched_terms": matched_terms(q),
                    "same_as": q.same_as or "",
                    "reviewed": reviewed(q),
                    "reviewed_answers": "; ".join(q.review.answers) if q.review else "",
                    "answers_before": "; ".join(q.answers_before),
                    "nearest_unlinked": nearest(q),
                }
            )
    return out


_CSV_FIELDS = [
    "id", "asked_in", "asked_by", "question", "topic", "status", "confidence", "shown_as", "why", "answered_in",
    "citation", "quote", "score", "matched_terms", "same_as", "reviewed", "reviewed_answers", "answers_before",
    "nearest_unlinked",
]  # fmt: skip


def to_csv(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=_CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(analyses, statuses))
    return buf.getvalue()


def to_json(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> str:
    out = []
    for a in analyses:
        qs = filtered(a, statuses)
        everything = [q for _, q in a.questions]
        out.append(
            {
                "dialogue": a.dialogue.title,
                "records": [r.symbol for r in a.dialogue.records],
                "summary": summary_line(everything),
                "counts": dict(Counter(bucket(q) for q in everything)),
                "method": a.method,
                "warnings": [{"code": w.code, "message": w.message} for w in a.warnings],
                "notes": a.notes,
                "questions": [q.model_dump(mode="json") for _, q in qs],
            }
        )
    return json.dumps(out if len(out) != 1 else out[0], indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_cite(paragraph_id: str) -> str:
    url = document_url(paragraph_id)
    return f"[{cite(paragraph_id)}]({url})" if url else cite(paragraph_id)


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


LEGEND = (
    "How to read this brief. **Answered**: a delegation paragraph after the question addresses it, "
    "and the tool trusts the link (the paragraph shares at least two informative words with the "
    "question, or scores high). **To check**: a possible answer rests on one informative word or on "
    'generic words only ("law", "measures"): read the quoted sentence before counting it as an '
    "answer. **Answered in part**: the paragraph addresses the topic but not all that was asked. "
    "**Not answered**: no delegation paragraph in the records supplied addresses it; the closest one "
    "is named so that it can be checked. Quotes are the answering paragraph's best-matching sentence; "
    "citations link to the UN document."
)


def _askers(qs: list[Question], twins: dict[str, list[Question]]) -> str:
    return "; ".join(dict.fromkeys(asker(x) for q in qs for x in [q, *twins.get(q.id, [])]))


@dataclass
class BriefRow:
    askers: str
    question: str
    asked_in: str  # citable paragraph id
    answer: str = ""  # the quoted answering sentence(s), or "" for an unanswered question
    cited: list[str] = field(default_factory=list)  # citable ids of the answering paragraphs
    note: str = ""  # why to check; the closest paragraph; the review
    note_cites: list[str] = field(default_factory=list)  # citable ids the note names
    flag: str = ""  # "check" or "reviewed"


@dataclass
class BriefSection:
    bucket: str
    heading: str
    rows: list[BriefRow]


@dataclass
class BriefDialogue:
    """One dialogue's brief, whatever it is written in (Markdown, HTML, Word)."""

    title: str
    subtitle: str | None
    records: str
    summary: str
    warnings: list[str]
    sections: list[BriefSection]
    merged: int
    notes: list[str]


FOOTER = (
    "Produced automatically by tbdialogue from the summary records (a précis, not a verbatim record). "
    "Questions, statuses and links are machine-made: check each cited paragraph before relying on it. "
    "Measured accuracy so far is on one annotated record only (see the README)."
)


def brief(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> list[BriefDialogue]:
    """The brief's content: per dialogue, the unanswered questions first, then those to check, the
    partly answered and the answered; a question two members asked is one row with both askers."""
    out: list[BriefDialogue] = []
    for a in analyses:
        rec0 = a.dialogue.records[0]
        everything = [q for _, q in a.questions]
        twins: dict[str, list[Question]] = {}
        for q in everything:
            if q.same_as:
                twins.setdefault(q.same_as, []).append(q)
        sub = next((s.title for item in rec0.agenda for s in item.items), None)
        sections = []
        for b in _ORDER:
            if statuses and b not in statuses:
                continue
            qs = [q for q in everything if bucket(q) == b and not q.same_as]
            if qs:
                sections.append(BriefSection(b, f"{_HEADINGS[b]} ({len(qs)})", [_row(q, b, twins) for q in qs]))
        out.append(
            BriefDialogue(
                title=f"{rec0.body or 'Committee'} dialogue with {rec0.state_party or 'the State party'}",
                subtitle=(f"{sub} — session {rec0.session}" if rec0.session else sub) if sub else None,
                records=_records_line(a),
                summary=summary_line(everything),
                warnings=[w.message for w in a.warnings],
                sections=sections,
                merged=sum(len(v) for v in twins.values()),
                notes=list(a.notes),
            )
        )
    return out


def _row(q: Question, b: str, twins: dict[str, list[Question]]) -> BriefRow:
    row = BriefRow(_askers([q], twins), q.text, q.paragraph_id or "")
    if b == "unanswered":
        if q.answers_before:
            row.note = "compare, earlier: " + ", ".join(cite(x) for x in q.answers_before)
            row.note_cites = list(q.answers_before)
        near = nearest(q)
        if near:
            pid, words = near.split(" ", 1)
            row.note = (row.note + "; " if row.note else "") + f"closest, not linked: {cite(pid)} {words}"
            row.note_cites.append(pid)
        if q.confidence == "low" and q.review is None:
            row.flag = "check"
    else:
        row.answer = " ".join(f"“{x.text}”" for x in q.quotes)
        row.cited = [x.paragraph for x in q.quotes]
        if b == "check":
            row.note, row.flag = f"check: the link {q.confidence_reason or ''}", "check"
    if q.review is not None:
        if q.review.decision == "change":
            row.answer, row.cited = "", list(q.review.answers)
        row.note, row.flag = f"reviewed: {reviewed(q)}", "reviewed"
    return row


def to_markdown(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> str:
    """The brief in Markdown, to paste into a report."""
    out: list[str] = []
    for d in brief(analyses, statuses):
        out += [f"# {d.title}", ""]
        if d.subtitle:
            out.append(f"*{d.subtitle}*.")
        out += [f"Records analysed: {d.records}.", "", f"**{d.summary}.**", ""]
        if d.warnings:
            out.append("> **The records supplied do not show the whole dialogue.**")
            out += [f"> - {_md(w)}." for w in d.warnings]
            out += [">", '> "Not answered" means that no answer was found in the records supplied.', ""]
        out += [f"*{LEGEND}*", ""]
        for sec in d.sections:
            out += [f"## {sec.heading}", ""]
            if sec.bucket == "unanswered":
                out += [
                    "| Asked by | Question | Asked in | Closest paragraph, not linked (check it) |",
                    "|---|---|---|---|",
                ]
                for r in sec.rows:
                    note = _md_note(r) or "—"
                    out.append(f"| {_md(r.askers)} | {_md(r.question)} | {_md_cite(r.asked_in)} | {note} |")
            else:
                why = " | Why to check" if sec.bucket == "check" else ""
                out += [f"| Asked by | Question | Asked in | Answer (quoted) | Cited{why} |"]
                out += ["|---|---|---|---|---|" + ("---|" if sec.bucket == "check" else "")]
                for r in sec.rows:
                    cited = ", ".join(_md_cite(c) for c in r.cited) or "—"
                    if r.flag == "reviewed":
                        cited += f" *({_md(r.note)})*"
                    reason = (
                        f" | {_md(r.note)}"
                        if sec.bucket == "check" and r.flag != "reviewed"
                        else (" | —" if sec.bucket == "check" else "")
                    )
                    out.append(
                        f"| {_md(r.askers)} | {_md(r.question)} | {_md_cite(r.asked_in)} | {_md(r.answer) or '—'} | "
                        f"{cited}{reason} |"
                    )
            out.append("")
        if d.merged:
            out += [f"*{d.merged} question(s) asked again by another member are listed once, with both askers.*", ""]
        out.append(f"*{FOOTER}*")
        if d.notes:
            out.append("")
            out += [f"*Note: {n}.*" for n in d.notes]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_note(r: BriefRow) -> str:
    """A row's note in Markdown, its citations linked."""
    text = _md(r.note)
    for pid in r.note_cites:
        text = text.replace(_md(cite(pid)), _md_cite(pid), 1)
    if r.flag == "reviewed":
        return f"*{text}*"
    return f"**check:** {text}" if r.flag == "check" else text


def counts_of(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> list[Question]:
    """The questions shown (for the summary line)."""
    return [q for a in analyses for _, q in filtered(a, statuses)]


register(Serializer("questions", "csv", to_csv, "text/csv", ".csv", "one row per question"))
register(Serializer("questions", "json", to_json, "application/json", ".json", "each dialogue with its questions"))
register(Serializer("questions", "md", to_markdown, "text/markdown", ".md", "a brief for a follow-up report"))
