"""The corpus tables (SQLAlchemy Core): plain, documented tables that other tools can read directly.

One row per thing the record contract names; citable ids (``cid``) are stored as printed in the
record JSON so that a paragraph found with Datasette or pandas can be cited the same way. Lists that
are never queried on their own (documents, warnings, furniture, notes, evidence) are JSON columns.

Versions: ``records`` has one row per (record_key, language); every distinct content of it is a row
of ``record_versions`` (identity = hash of symbol, language and normalised paragraph texts), and
everything below a version (paragraphs, turns, events, agenda, questions) belongs to that version.
Exactly one version of a record is current; only current versions are in the search index.

The search index itself is backend-specific and derived from ``paragraphs`` (see ``fts_sqlite`` and
``fts_postgres``): an FTS5 table ``paragraph_fts`` on SQLite, a table ``paragraph_search`` with a
``tsvector`` column and a GIN index on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

#: The alembic revision this code reads and writes (checked against the migration scripts by a test).
SCHEMA_REVISION = "0004"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

dialogues = Table(
    "dialogues",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dialogue_key", String, nullable=False, unique=True, comment="body/session/ISO code of the State"),
    Column("body", String, nullable=False),
    Column("session", Integer),
    Column("state_code", String(3), nullable=False, comment="ISO 3166-1 alpha-3"),
    Column("state_party", String, comment="UN English short name at the date of the first record"),
    Column("year", Integer),
    comment="A constructive dialogue: a body's review of one State party in one session (often 2 records)",
)

records = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("record_key", String, nullable=False, comment="The symbol; a stand-in when none was read"),
    Column("language", String(2), nullable=False),
    Column("symbol", String),
    Column("body", String),
    Column("current_version", Integer, comment="record_versions.version of the current version"),
    UniqueConstraint("record_key", "language"),
    comment="One summary record in one language; its contents are in record_versions",
)

record_versions = Table(
    "record_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("record_id", Integer, ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False, comment="1, 2, … in the order versions were ingested"),
    Column("content_hash", String(64), nullable=False, unique=True, comment="sha256 of the normalised content"),
    Column("is_current", Boolean, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("dialogue_id", Integer, ForeignKey("dialogues.id")),
    Column("symbol", String),
    Column("symbol_inferred", Boolean, nullable=False),
    Column("body", String),
    Column("language", String(2), nullable=False),
    Column("session", Integer),
    Column("meeting", Integer),
    Column("part", String),
    Column("date", String(10), comment="YYYY-MM-DD, the date the meeting was held"),
    Column("year", Integer),
    Column("time", String),
    Column("place", String),
    Column("chair", String),
    Column("chair_note", String),
    Column("state_party", String),
    Column("state_party_printed", String),
    Column("state_party_code", String(3)),
    Column("committee", String),
    Column("treaty", String),
    Column("distribution_date", String(10)),
    Column("original_language", String),
    Column("paragraph_count", Integer, nullable=False),
    Column("turn_count", Integer, nullable=False),
    Column("analysed", Boolean, nullable=False, comment="true when questions were analysed"),
    Column("documents", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("furniture", JSON, nullable=False),
    Column("notes", JSON, nullable=False),
    UniqueConstraint("record_id", "version"),
    Index(None, "state_party_code"),
    Index(None, "body", "session"),
    Index(None, "year"),
    Index(None, "dialogue_id"),
    comment="One version (distinct content) of a record, with its cover fields",
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("record_versions.id", ondelete="CASCADE"), nullable=False),
    Column("path", Text),
    Column("format", String),
    Column("sha256", String(64), nullable=False),
    Column("pages", Integer),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("sha256", "version_id"),
    comment="Files a version was read from (a PDF and a DOCX of one record give one version, two sources)",
)

agenda_items = Table(
    "agenda_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("record_versions.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, comment="0-based position of the item"),
    Column("sub_position", Integer, comment="0-based position of a sub-item under its item; null for the item"),
    Column("number", String),
    Column("title", Text, nullable=False),
    Column("continued", Boolean, nullable=False),
    Column("documents", JSON, nullable=False),
    Column(
        "paragraph_idx",
        Integer,
        comment="1-based index of the first paragraph after the item's heading in the body; null when not printed",
    ),
    Index(None, "version_id"),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_key", String, nullable=False, unique=True, comment="name|title|role|affiliation|side"),
    Column("name", String, nullable=False),
    Column("title", String),
    Column("role", String),
    Column("affiliation", String),
    Column("side", String),
    Index(None, "name"),
    comment="Distinct speaker labels (as printed) across the corpus",
)

turns = Table(
    "turns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("record_versions.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False, comment="0-based index, as turns[].index"),
    Column("cid", String, nullable=False, comment="Citable id, e.g. CMW/C/SR.537/t9"),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), nullable=False),
    Column("first_paragraph", Integer, comment="Paragraph index (1-based)"),
    Column("last_paragraph", Integer),
    UniqueConstraint("version_id", "idx"),
    Index(None, "speaker_id"),
)

paragraphs = Table(
    "paragraphs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("record_versions.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False, comment="1-based index, as paragraphs[].index"),
    Column("number", Integer, comment="Printed paragraph number"),
    Column("cid", String, nullable=False, comment="Citable id, e.g. CMW/C/SR.537/p24"),
    Column("turn_idx", Integer, comment="turns.idx of the speaker's turn; null for a stage direction"),
    Column("text", Text, nullable=False),
    Column("pages", JSON, comment="Source pages, when read from a paged format"),
    UniqueConstraint("version_id", "idx"),
    ForeignKeyConstraint(["version_id", "turn_idx"], ["turns.version_id", "turns.idx"]),
    Index(None, "cid"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("record_versions.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String, nullable=False),
    Column("time", String),
    Column("text", Text, nullable=False),
    Column("paragraph_idx", Integer, comment="Index when the event is itself a numbered paragraph"),
    Column("before_paragraph_idx", Integer),
    Index(None, "version_id"),
)

questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("record_versions.id", ondelete="CASCADE"), nullable=False),
    Column("cid", String, nullable=False, comment="Citable id, e.g. CMW/C/SR.537/q12"),
    Column("paragraph_idx", Integer, nullable=False),
    Column("asked_by_turn_idx", Integer),
    Column("text", Text, nullable=False),
    Column("status", String, nullable=False, comment="answered | partial | unanswered"),
    Column("evidence", JSON, nullable=False),
    Column("details", JSON, nullable=False, comment="The whole question as the analysis gave it"),
    Column("confidence", String, comment="high | low (low is shown as 'check'); null when not given"),
    Index(None, "version_id"),
    Index(None, "status"),
    comment="Questions found by the dialogue analysis (present only for analysed records)",
)

answer_links = Table(
    "answer_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("question_id", Integer, ForeignKey("questions.id", ondelete="CASCADE"), nullable=False),
    Column("paragraph_cid", String, nullable=False, comment="Citable id of the answering paragraph"),
    Column("in_record", Boolean, nullable=False, comment="true: in the question's record; false: elsewhere"),
    Index(None, "question_id"),
    Index(None, "paragraph_cid"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("record_key", String, nullable=False, comment="The record's key (its symbol): reviews outlive versions"),
    Column("language", String, nullable=False),
    Column("question_cid", String, nullable=False, comment="Citable id of the question reviewed"),
    Column("question_text", Text, nullable=False, comment="The question as reviewed, to find it in a later version"),
    Column("reviewer", String, nullable=False),
    Column("reviewed_at", String, nullable=False, comment="ISO 8601, UTC"),
    Column("decision", String, nullable=False, comment="confirm | reject | change"),
    Column("status", String, nullable=False, comment="The status the reviewer gives: answered | partial | unanswered"),
    Column("answers", JSON, nullable=False, comment="Citable ids of the answering paragraphs the reviewer gives"),
    Column(
        "automatic", JSON, nullable=False, comment="The automatic result when reviewed: status, answers, confidence"
    ),
    Column("note", Text),
    Index(None, "record_key", "language"),
    Index(None, "question_cid"),
    comment="Reviewers' decisions on questions; the automatic result is kept beside them, never overwritten",
)

#: Tables in the order rows must be deleted (children first) or created (reverse).
TABLES = [answer_links, questions, events, paragraphs, turns, agenda_items, sources, record_versions, records]
