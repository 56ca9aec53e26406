"""The record: the one contract between reading, parsing, analysis, storage and export.

Field names and meanings follow ``shared/spec/record-contract.md`` (schema ``tbdialogue.record/1``);
everything beyond that minimum (furniture, notes, provenance, cover extras) is additive. The model
holds data only: no parsing logic lives here, so every stage can depend on it cheaply.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "tbdialogue.record/1"

Side = Literal["committee", "state", "secretariat", "other"]
EventKind = Literal[
    "called_to_order",
    "suspended",
    "resumed",
    "rose",
    "adjourned",
    "public_part_began",
    "public_part_ended",
    "private_part",
    "discussion_began",
    "delegation_joined",
    "delegation_withdrew",
    "chair_taken",
    "decision",
    "other",
]
EVENT_KINDS: tuple[str, ...] = EventKind.__args__  # type: ignore[attr-defined]
SIDES: tuple[str, ...] = Side.__args__  # type: ignore[attr-defined]
QuestionStatus = Literal["answered", "partial", "unanswered"]
#: A question's status, in the order summaries list them.
QUESTION_STATUSES: tuple[str, ...] = QuestionStatus.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Speaker(_Model):
    """Who speaks in a turn, as the label prints it."""

    name: str = Field(description="Label as printed, less markup and leading article, spacing repaired")
    title: str | None = Field(None, description="Honorific as printed: Mr., Ms., M., Mme, Sr., Sra. ...")
    role: str | None = Field(
        None, description='"Chair" for whoever presides; else the role printed in the label; else null'
    )
    affiliation: str | None = Field(None, description="The State or body in the label's parentheses")
    side: Side | None = Field(None, description="committee | state | secretariat | other")


class Turn(_Model):
    index: int = Field(description="0-based position among turns")
    id: str = Field(description="Citable id, e.g. CMW/C/SR.537/t9")
    speaker: Speaker
    paragraphs: list[int] = Field(description="1-based paragraph indexes of this turn")


class Paragraph(_Model):
    index: int = Field(description="1-based position among the body's paragraphs")
    number: int | None = Field(description="Printed paragraph number, or null in unnumbered records")
    id: str = Field(description="Citable id: CMW/C/SR.537/p24 (printed number, else index)")
    text: str = Field(description="Text with page-break splits rejoined and markup removed")
    turn: int | None = Field(description="Index into turns[], or null for a stage direction")
    pages: list[int] | None = Field(None, description="Source pages this paragraph came from, when paged")


class Event(_Model):
    kind: EventKind
    time: str | None = Field(description='Time as printed, e.g. "10.10 a.m.", or null')
    text: str = Field(description="The sentence as printed")
    paragraph: int | None = Field(description="Index when the event is itself a numbered paragraph")
    before_paragraph: int | None = Field(description="Index of the next paragraph, or null at the end")


_AGENDA_PARAGRAPH = (
    "1-based index of the first paragraph after this item's heading in the body (where its discussion "
    "starts), or null when the heading is not printed in the body"
)


class AgendaSubItem(_Model):
    title: str
    continued: bool = False
    documents: list[str] = Field(default_factory=list)
    paragraph: int | None = Field(None, description=_AGENDA_PARAGRAPH)


class AgendaItem(_Model):
    title: str
    continued: bool = False
    number: str | None = Field(None, description='Agenda item number when printed ("agenda item 5")')
    documents: list[str] = Field(default_factory=list)
    items: list[AgendaSubItem] = Field(default_factory=list)
    paragraph: int | None = Field(None, description=_AGENDA_PARAGRAPH)


class Furniture(_Model):
    """Text that belongs to the page, not the record: headers, footers, page numbers, job numbers."""

    kind: Literal["header", "footer", "page_number", "job_number", "symbol", "separator", "site", "other"]
    text: str
    page: int | None = None


class Note(_Model):
    """Footnotes and notices printed with the record but outside its speech."""

    kind: Literal["footnote", "notice", "other"]
    text: str
    page: int | None = None


class Quote(_Model):
    """A sentence of an answering paragraph, quoted as the evidence of a link."""

    paragraph: str = Field(description="Citable id of the paragraph, e.g. CMW/C/SR.537/p36")
    start: int = Field(description="Offset of the sentence's first character in the paragraph's text")
    end: int = Field(description="Offset just past its last character")
    text: str = Field(description="The sentence, as printed (text == paragraph text[start:end])")


class Review(_Model):
    """A reviewer's decision on a question (stored beside the automatic result, never over it)."""

    reviewer: str
    reviewed_at: str = Field(description="ISO 8601, UTC")
    decision: Literal["confirm", "reject", "change"]
    status: QuestionStatus = Field(description="The status the reviewer gives")
    answers: list[str] = Field(default_factory=list, description="Citable ids of the answering paragraphs given")
    note: str | None = None


class Question(_Model):
    """An atomic request for information by a committee member (added by analysis)."""

    id: str = Field(description="Citable id, e.g. CMW/C/SR.537/q12")
    paragraph: int = Field(description="Paragraph index where it was asked")
    asked_by: int | None = Field(description="Turn index of the asker")
    text: str = Field(description="The atomic request, as printed")
    status: QuestionStatus
    answers: list[int] = Field(default_factory=list, description="Paragraph indexes in this record")
    answers_elsewhere: list[str] = Field(
        default_factory=list, description="Citable paragraph ids in other records of the dialogue"
    )
    evidence: dict[str, Any] = Field(default_factory=dict, description="Scores and matched terms")
    # Beyond the minimum contract (issue 4).
    paragraph_id: str | None = Field(None, description="Citable id of the paragraph where it was asked")
    asker: str | None = Field(None, description="Name of the asker, as in the turn's label")
    asker_role: str | None = Field(None, description='Role of the asker ("Chair", "Country Rapporteur") or null')
    start: int | None = Field(None, description="Offset of the question's first character in the paragraph's text")
    end: int | None = Field(None, description="Offset just past its last character (text == paragraph text[start:end])")
    topic: str | None = Field(None, description="Short topic label, for readers")
    answers_before: list[str] = Field(
        default_factory=list,
        description="Citable ids of delegation paragraphs BEFORE the question that match it well (flagged, not answers)",
    )
    confidence: Literal["high", "low"] | None = Field(
        None,
        description='How far the status and its answer can be trusted: "low" is shown as "check" (a link on one '
        "informative word or on generic words only; an unanswered question with a close paragraph)",
    )
    confidence_reason: str | None = Field(None, description="Why the confidence is what it is, in words")
    quotes: list[Quote] = Field(
        default_factory=list, description="The answering sentence(s): the best-matching sentence of each answer"
    )
    same_as: str | None = Field(
        None, description="Citable id of an earlier question asking the same thing (a duplicate, another asker)"
    )

    review: Review | None = Field(
        None, description="The latest reviewer's decision, when reviewed (the fields above stay the automatic result)"
    )

    def shown_as(self) -> str:
        """answered | check | partial | unanswered: a reviewed question shows the reviewer's status; a
        link with low confidence is shown as "check"."""
        if self.review is not None:
            return self.review.status
        if self.status != "unanswered" and self.confidence == "low":
            return "check"
        return self.status


class Source(_Model):
    path: str | None = None
    format: str | None = Field(None, description="text | markdown | pdf | docx | html ...")
    sha256: str | None = None
    pages: int | None = None


class Record(_Model):
    """A parsed summary record."""

    schema_: Literal["tbdialogue.record/1"] = Field(SCHEMA_ID, alias="schema")
    symbol: str | None = None
    symbol_inferred: bool = False
    body: str | None = None
    language: str = Field(
        pattern=r"^[a-z]{2,3}$",
        description="ISO 639 code of the language the record is written in (one with a language profile: en, fr, es …)",
    )
    session: int | None = None
    meeting: int | None = None
    part: str | None = None
    date: str | None = Field(None, description="YYYY-MM-DD, the date the meeting was held")
    time: str | None = None
    place: str | None = None
    chair: str | None = None
    chair_note: str | None = None
    state_party: str | None = None
    state_party_printed: str | None = None
    state_party_code: str | None = None
    documents: list[str] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    turns: list[Turn] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # Beyond the minimum contract.
    committee: str | None = Field(None, description="Committee name as printed")
    treaty: str | None = Field(None, description="Treaty name as printed on the cover")
    distribution_date: str | None = Field(None, description="YYYY-MM-DD of issue (Distr.)")
    original_language: str | None = Field(None, description='As printed after "Original:"')
    furniture: list[Furniture] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    source: Source | None = None
    questions: list[Question] | None = Field(
        None, description="Added by analysis (tbdialogue.analyse); null when not analysed"
    )

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent, exclude_none=False)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    def paragraph_by_number(self, number: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    def speaker_of(self, paragraph: Paragraph) -> Speaker | None:
        return None if paragraph.turn is None else self.turns[paragraph.turn].speaker


def record_json_schema() -> dict[str, Any]:
    """The published JSON Schema of the record, generated from the model."""
    schema = Record.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://tbdialogue.org/schema/record-1.json"
    schema["title"] = SCHEMA_ID
    return schema
