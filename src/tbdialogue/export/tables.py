"""The records as tables — one definition that the CSV, Parquet and Excel writers and the data
dictionary (``docs/data-dictionary.md``) share, so that they cannot drift apart.

Every table is keyed by citable ids (``CMW/C/SR.537``, ``CMW/C/SR.537/t8``, ``CMW/C/SR.537/p24``,
``CMW/C/SR.537/q3``) and the record's ``language``: one symbol is issued in several languages, so a
join on ids alone would mix the English and French versions of a record. ``rows(table, record)``
gives a table's rows for one record, in column order, so that writers stream record by record.

Column types are the writers' and pandas' types: ``string``, ``int`` (nullable: pandas ``Int64``),
``bool`` (pandas ``boolean``), ``date`` (ISO 8601 in CSV; a date in Parquet and Excel).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Paragraph, Question, Record

DTYPES = ("string", "int", "bool", "date")

#: pandas dtypes for each column type (``pandas.read_csv(path, dtype=…, parse_dates=…)``).
PANDAS_DTYPES = {"string": "string", "int": "Int64", "bool": "boolean", "date": "string"}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: Callable[[Record], Iterator[tuple[Any, ...]]]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def record_id(record: Record) -> str:
    """The record's citable id: its symbol, or the prefix its paragraph ids carry (a record whose
    symbol could not be read)."""
    if record.symbol:
        return record.symbol
    first = record.paragraphs[0].id if record.paragraphs else "record"
    return first.rsplit("/", 1)[0]


def _pages(p: Paragraph) -> str | None:
    if not p.pages:
        return None
    return str(p.pages[0]) if len(p.pages) == 1 else f"{p.pages[0]}-{p.pages[-1]}"


def _c(name: str, dtype: str, description: str) -> Column:
    assert dtype in DTYPES, dtype
    return Column(name, dtype, description)


_RECORD = _c("record", "string", "Citable id of the record: its symbol (CMW/C/SR.537)")
_LANGUAGE = _c("language", "string", "ISO 639 code of the language of this version of the record")


# --- records -------------------------------------------------------------------------------------


def _record_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    qs = r.questions
    yield (
        record_id(r),
        r.language,
        r.symbol_inferred,
        r.body,
        r.session,
        r.meeting,
        r.part,
        r.date,
        r.time,
        r.place,
        r.chair,
        r.state_party,
        r.state_party_code,
        r.committee,
        r.distribution_date,
        r.original_language,
        len(r.turns),
        len(r.paragraphs),
        None if qs is None else len(qs),
        "; ".join(r.warnings) or None,
        r.source.format if r.source else None,
        r.source.sha256 if r.source else None,
    )


RECORDS = Table(
    "records",
    "One row per record (one language version of a meeting's summary record): its cover.",
    ("record", "language"),
    (
        _RECORD,
        _LANGUAGE,
        _c("symbol_inferred", "bool", "True when the symbol was not printed and was inferred from the meeting number"),
        _c("body", "string", "Treaty body (CMW, CERD, CCPR …)"),
        _c("session", "int", "Session number"),
        _c("meeting", "int", "Meeting number"),
        _c("part", "string", "Part of the meeting (public, closed), as printed"),
        _c("date", "date", "Date the meeting was held"),
        _c("time", "string", 'Time the meeting was held, as printed ("10 a.m.")'),
        _c("place", "string", "Where the meeting was held"),
        _c("chair", "string", "Who presided"),
        _c("state_party", "string", "State party whose report was considered"),
        _c("state_party_code", "string", "ISO 3166-1 alpha-3 code of the State party"),
        _c("committee", "string", "Committee name as printed"),
        _c("distribution_date", "date", "Date of issue (Distr.)"),
        _c("original_language", "string", 'As printed after "Original:"'),
        _c("turns", "int", "Number of speaker turns"),
        _c("paragraphs", "int", "Number of paragraphs of the body"),
        _c("questions", "int", "Number of questions found; empty when the record was not analysed"),
        _c("warnings", "string", "What could not be read, separated by '; '"),
        _c("source_format", "string", "Format of the file it was read from (pdf, docx, markdown …)"),
        _c("source_sha256", "string", "SHA-256 of the file it was read from"),
    ),
    _record_rows,
)


# --- agenda and documents ------------------------------------------------------------------------


def _paragraph_cid(r: Record, index: int | None) -> str | None:
    if index is None or not 1 <= index <= len(r.paragraphs):
        return None
    return r.paragraphs[index - 1].id


def _agenda_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    rid = record_id(r)
    for i, item in enumerate(r.agenda, start=1):
        yield (rid, r.language, str(i), item.number, item.title, item.continued,
               _paragraph_cid(r, item.paragraph), "; ".join(item.documents) or None)  # fmt: skip
        for j, sub in enumerate(item.items, start=1):
            yield (rid, r.language, f"{i}.{j}", None, sub.title, sub.continued,
                   _paragraph_cid(r, sub.paragraph), "; ".join(sub.documents) or None)  # fmt: skip


AGENDA = Table(
    "agenda",
    "One row per agenda item and sub-item of a record.",
    ("record", "language", "position"),
    (
        _RECORD,
        _LANGUAGE,
        _c("position", "string", 'Position in the agenda: "1" for an item, "1.2" for its second sub-item'),
        _c("number", "string", "Agenda item number, when printed"),
        _c("title", "string", "Title as printed, less '(continued)'"),
        _c("continued", "bool", "True when printed '(continued)'"),
        _c("first_paragraph", "string", "Citable id of the paragraph where its discussion starts, when its heading is printed in the body"),
        _c("documents", "string", "Document symbols listed under it, separated by '; '"),
    ),
    _agenda_rows,
)  # fmt: skip


def _document_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    rid = record_id(r)
    seen: set[str] = set()
    for i, item in enumerate(r.agenda, start=1):
        for pos, docs in [(str(i), item.documents)] + [(f"{i}.{j}", s.documents) for j, s in enumerate(item.items, 1)]:
            for d in docs:
                seen.add(d)
                yield (rid, r.language, d, pos)
    for d in r.documents:
        if d not in seen:
            yield (rid, r.language, d, None)


DOCUMENTS = Table(
    "documents",
    "One row per document under consideration (the State party's report, the list of issues …).",
    ("record", "language", "document"),
    (
        _RECORD,
        _LANGUAGE,
        _c("document", "string", "Symbol of the document (CMW/C/KGZ/2)"),
        _c("agenda_position", "string", "Position of the agenda item it is listed under (see agenda.position)"),
    ),
    _document_rows,
)


# --- turns, paragraphs, events -------------------------------------------------------------------


def _turn_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    rid = record_id(r)
    paras = r.paragraphs
    for t in r.turns:
        s = t.speaker
        first = paras[t.paragraphs[0] - 1].id if t.paragraphs else None
        last = paras[t.paragraphs[-1] - 1].id if t.paragraphs else None
        words = sum(len(paras[i - 1].text.split()) for i in t.paragraphs)
        yield (t.id, rid, r.language, t.index, s.name, s.title, s.role, s.affiliation, s.side,
               first, last, len(t.paragraphs), words)  # fmt: skip


TURNS = Table(
    "turns",
    "One row per speaker turn: who spoke, on which side, over which paragraphs.",
    ("turn", "language"),
    (
        _c("turn", "string", "Citable id of the turn (CMW/C/SR.537/t8)"),
        _RECORD,
        _LANGUAGE,
        _c("index", "int", "0-based position among the record's turns"),
        _c("speaker", "string", "The speaker as the label prints it"),
        _c("title", "string", "Honorific (Mr., Ms., M., Mme, Sr., Sra. …)"),
        _c("role", "string", '"Chair" for whoever presides, else the role printed in the label'),
        _c("affiliation", "string", "The State or body in the label's parentheses"),
        _c("side", "string", "committee | state | secretariat | other"),
        _c("first_paragraph", "string", "Citable id of its first paragraph"),
        _c("last_paragraph", "string", "Citable id of its last paragraph"),
        _c("paragraphs", "int", "Number of paragraphs"),
        _c("words", "int", "Number of words (whitespace-separated) in its paragraphs"),
    ),
    _turn_rows,
)


def _paragraph_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    rid = record_id(r)
    turns = r.turns
    for p in r.paragraphs:
        t = turns[p.turn] if p.turn is not None else None
        yield (p.id, rid, r.language, p.index, p.number, t.id if t else None,
               t.speaker.name if t else None, t.speaker.side if t else None, t is None, _pages(p), p.text)  # fmt: skip


PARAGRAPHS = Table(
    "paragraphs",
    "One row per paragraph of the body, page furniture left out.",
    ("paragraph", "language"),
    (
        _c("paragraph", "string", "Citable id of the paragraph (CMW/C/SR.537/p24)"),
        _RECORD,
        _LANGUAGE,
        _c("index", "int", "1-based position among the record's paragraphs"),
        _c("number", "int", "Printed paragraph number; empty in unnumbered records"),
        _c("turn", "string", "Citable id of its turn; empty for a stage direction"),
        _c("speaker", "string", "The speaker as the label prints it"),
        _c("side", "string", "committee | state | secretariat | other"),
        _c("stage_direction", "bool", "True for a paragraph that belongs to no speaker (a stage direction)"),
        _c("pages", "string", 'Source pages ("3" or "3-4"), when the file is paged'),
        _c("text", "string", "The paragraph's text"),
    ),
    _paragraph_rows,
)


def _event_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    rid = record_id(r)
    for i, e in enumerate(r.events):
        yield (rid, r.language, i, e.kind, e.time, e.text,
               _paragraph_cid(r, e.paragraph), _paragraph_cid(r, e.before_paragraph))  # fmt: skip


EVENTS = Table(
    "events",
    "One row per event of the meeting: called to order, suspended, resumed, rose …",
    ("record", "language", "position"),
    (
        _RECORD,
        _LANGUAGE,
        _c("position", "int", "0-based position among the record's events"),
        _c("kind", "string", "called_to_order | suspended | resumed | rose | adjourned | … (see the record schema)"),
        _c("time", "string", 'Time as printed ("10.10 a.m.")'),
        _c("text", "string", "The sentence as printed"),
        _c("paragraph", "string", "Citable id of the paragraph when the event is itself a numbered paragraph"),
        _c("before_paragraph", "string", "Citable id of the paragraph that follows it; empty at the end"),
    ),
    _event_rows,
)


# --- questions, links, reviews -------------------------------------------------------------------


def _questions(r: Record) -> list[Question]:
    return r.questions or []


def _question_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    rid = record_id(r)
    turns = r.turns
    for q in _questions(r):
        turn = turns[q.asked_by].id if q.asked_by is not None and q.asked_by < len(turns) else None
        pid = q.paragraph_id or _paragraph_cid(r, q.paragraph)
        yield (q.id, rid, r.language, pid, turn, q.asker, q.asker_role, q.topic, q.text, q.start, q.end,
               q.status, q.confidence, q.confidence_reason, q.shown_as(), q.same_as,
               len(q.answers) + len(q.answers_elsewhere), q.review is not None)  # fmt: skip


QUESTIONS = Table(
    "questions",
    "One row per question the Committee asked, with what the analysis found.",
    ("question", "language"),
    (
        _c("question", "string", "Citable id of the question (CMW/C/SR.537/q3)"),
        _RECORD,
        _LANGUAGE,
        _c("paragraph", "string", "Citable id of the paragraph where it was asked"),
        _c("turn", "string", "Citable id of the asker's turn"),
        _c("asker", "string", "The asker, as the turn's label prints the name"),
        _c("asker_role", "string", 'Role of the asker ("Chair", "Country Rapporteur")'),
        _c("topic", "string", "Short topic label, for readers"),
        _c("text", "string", "The request, as printed"),
        _c("start", "int", "Offset of its first character in the paragraph's text"),
        _c("end", "int", "Offset just past its last character"),
        _c("status", "string", "answered | partial | unanswered, as the analysis found (never overwritten by a review)"),
        _c("confidence", "string", 'high | low: "low" is shown as "check"'),
        _c("confidence_reason", "string", "Why the confidence is what it is"),
        _c("shown_as", "string", "What readers are shown: the reviewer's status when reviewed, else answered | check | partial | unanswered"),
        _c("same_as", "string", "Citable id of an earlier question asking the same thing"),
        _c("answers", "int", "Number of answering paragraphs (see links)"),
        _c("reviewed", "bool", "True when a reviewer decided on it (see reviews)"),
    ),
    _question_rows,
)  # fmt: skip


def _link_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    rid = record_id(r)
    for q in _questions(r):
        targets = [_paragraph_cid(r, i) for i in q.answers] + list(q.answers_elsewhere)
        quotes = {qt.paragraph: qt for qt in q.quotes}
        for rank, pid in enumerate(t for t in targets if t):
            quote = quotes.get(pid)
            yield (q.id, rid, r.language, rank, pid, pid.rsplit("/", 1)[0], q.status, q.confidence,
                   quote.text if quote else None, quote.start if quote else None, quote.end if quote else None)  # fmt: skip


LINKS = Table(
    "links",
    "One row per answer link: a question and a paragraph of the delegation that answers it.",
    ("question", "language", "paragraph"),
    (
        _c("question", "string", "Citable id of the question"),
        _RECORD,
        _LANGUAGE,
        _c("rank", "int", "0-based position among the question's answering paragraphs"),
        _c("paragraph", "string", "Citable id of the answering paragraph (possibly in another record of the dialogue)"),
        _c("paragraph_record", "string", "Citable id of the record the answering paragraph belongs to"),
        _c("status", "string", "answered | partial: the question's status as the analysis found"),
        _c("confidence", "string", "high | low"),
        _c("quote", "string", "The answering sentence quoted as evidence"),
        _c("quote_start", "int", "Offset of the quote in the answering paragraph's text"),
        _c("quote_end", "int", "Offset just past the quote's last character"),
    ),
    _link_rows,
)  # fmt: skip


def _review_rows(r: Record) -> Iterator[tuple[Any, ...]]:
    rid = record_id(r)
    for q in _questions(r):
        v = q.review
        if v is None:
            continue
        yield (q.id, rid, r.language, v.reviewer, v.reviewed_at, v.decision, q.status, v.status,
               "; ".join(v.answers) or None, v.note)  # fmt: skip


REVIEWS = Table(
    "reviews",
    "One row per reviewed question: the latest reviewer's decision, beside the automatic result.",
    ("question", "language"),
    (
        _c("question", "string", "Citable id of the question"),
        _RECORD,
        _LANGUAGE,
        _c("reviewer", "string", "Who reviewed it"),
        _c("reviewed_at", "string", "When (ISO 8601, UTC)"),
        _c("decision", "string", "confirm | reject | change"),
        _c("automatic_status", "string", "The status the analysis found"),
        _c("status", "string", "The status the reviewer gives"),
        _c("answers", "string", "Citable ids of the answering paragraphs the reviewer gives, separated by '; '"),
        _c("note", "string", "The reviewer's note"),
    ),
    _review_rows,
)

#: Every table, in the order writers write them.
TABLES: tuple[Table, ...] = (RECORDS, AGENDA, DOCUMENTS, TURNS, PARAGRAPHS, EVENTS, QUESTIONS, LINKS, REVIEWS)


def table(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)


def data_dictionary() -> str:
    """The data dictionary in Markdown (``docs/data-dictionary.md`` is this text; a test keeps them
    equal: regenerate with ``tbdialogue export --data-dictionary > docs/data-dictionary.md``)."""
    out = [
        "# Data dictionary of the table exports",
        "",
        "`tbdialogue export --format csv|parquet|xlsx` writes these tables (one CSV or Parquet file, or one",
        "Excel sheet, each). This page is generated from the definition the writers use",
        "(`src/tbdialogue/export/tables.py`); a test fails when they differ.",
        "",
        "Rows join on citable ids **and** `language`: one symbol is issued in several languages, and each",
        "language version is a record of its own. Types: `string`; `int` (pandas `Int64`, nullable);",
        "`bool` (pandas `boolean`); `date` (ISO 8601 `YYYY-MM-DD` text in CSV, a date in Parquet and Excel).",
        "An empty cell is a missing value.",
        "",
        "Reading them in pandas with these types:",
        "",
        "```python",
        "import pandas as pd",
        "from tbdialogue.export.tables import pandas_dtypes",
        "",
        'turns = pd.read_csv("out/turns.csv", dtype=pandas_dtypes("turns"))',
        'paragraphs = pd.read_parquet("out/paragraphs.parquet", dtype_backend="numpy_nullable")',
        "```",
        "",
    ]
    for t in TABLES:
        out += [f"## {t.name}", "", t.description, "", f"Key: {', '.join(f'`{k}`' for k in t.key)}.", ""]
        out += ["| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | {c.dtype} | {_cell(c.description)} |" for c in t.columns]
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def pandas_dtypes(name: str) -> dict[str, str]:
    """The pandas dtypes of a table's columns, for ``pandas.read_csv(…, dtype=…)``."""
    return {c.name: PANDAS_DTYPES[c.dtype] for c in table(name).columns}
