"""The first corpus schema: records with versions, their contents, and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def upgrade() -> None:
    op.create_table(
        "dialogues",
        _id(),
        sa.Column("dialogue_key", sa.String, nullable=False, comment="body/session/ISO code of the State"),
        sa.Column("body", sa.String, nullable=False),
        sa.Column("session", sa.Integer),
        sa.Column("state_code", sa.String(3), nullable=False, comment="ISO 3166-1 alpha-3"),
        sa.Column("state_party", sa.String, comment="UN English short name at the date of the first record"),
        sa.Column("year", sa.Integer),
        sa.UniqueConstraint("dialogue_key", name="uq_dialogues_dialogue_key"),
        comment="A constructive dialogue: a body's review of one State party in one session (often 2 records)",
    )
    op.create_table(
        "records",
        _id(),
        sa.Column("record_key", sa.String, nullable=False, comment="The symbol; a stand-in when none was read"),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("symbol", sa.String),
        sa.Column("body", sa.String),
        sa.Column("current_version", sa.Integer, comment="record_versions.version of the current version"),
        sa.UniqueConstraint("record_key", "language", name="uq_records_record_key_language"),
        comment="One summary record in one language; its contents are in record_versions",
    )
    op.create_table(
        "record_versions",
        _id(),
        sa.Column(
            "record_id",
            sa.Integer,
            sa.ForeignKey("records.id", ondelete="CASCADE", name="fk_record_versions_record_id_records"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer, nullable=False, comment="1, 2, … in the order versions were ingested"),
        sa.Column("content_hash", sa.String(64), nullable=False, comment="sha256 of the normalised content"),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "dialogue_id",
            sa.Integer,
            sa.ForeignKey("dialogues.id", name="fk_record_versions_dialogue_id_dialogues"),
        ),
        sa.Column("symbol", sa.String),
        sa.Column("symbol_inferred", sa.Boolean, nullable=False),
        sa.Column("body", sa.String),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("session", sa.Integer),
        sa.Column("meeting", sa.Integer),
        sa.Column("part", sa.String),
        sa.Column("date", sa.String(10), comment="YYYY-MM-DD, the date the meeting was held"),
        sa.Column("year", sa.Integer),
        sa.Column("time", sa.String),
        sa.Column("place", sa.String),
        sa.Column("chair", sa.String),
        sa.Column("chair_note", sa.String),
        sa.Column("state_party", sa.String),
        sa.Column("state_party_printed", sa.String),
        sa.Column("state_party_code", sa.String(3)),
        sa.Column("committee", sa.String),
        sa.Column("treaty", sa.String),
        sa.Column("distribution_date", sa.String(10)),
        sa.Column("original_language", sa.String),
        sa.Column("paragraph_count", sa.Integer, nullable=False),
        sa.Column("turn_count", sa.Integer, nullable=False),
        sa.Column("analysed", sa.Boolean, nullable=False, comment="true when questions were analysed"),
        sa.Column("documents", sa.JSON, nullable=False),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("furniture", sa.JSON, nullable=False),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.UniqueConstraint("content_hash", name="uq_record_versions_content_hash"),
        sa.UniqueConstraint("record_id", "version", name="uq_record_versions_record_id_version"),
        comment="One version (distinct content) of a record, with its cover fields",
    )
    op.create_index("ix_record_versions_state_party_code", "record_versions", ["state_party_code"])
    op.create_index("ix_record_versions_body_session", "record_versions", ["body", "session"])
    op.create_index("ix_record_versions_year", "record_versions", ["year"])
    op.create_index("ix_record_versions_dialogue_id", "record_versions", ["dialogue_id"])
    op.create_table(
        "sources",
        _id(),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("record_versions.id", ondelete="CASCADE", name="fk_sources_version_id_record_versions"),
            nullable=False,
        ),
        sa.Column("path", sa.Text),
        sa.Column("format", sa.String),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("pages", sa.Integer),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("sha256", "version_id", name="uq_sources_sha256_version_id"),
        comment="Files a version was read from (a PDF and a DOCX of one record give one version, two sources)",
    )
    op.create_table(
        "agenda_items",
        _id(),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("record_versions.id", ondelete="CASCADE", name="fk_agenda_items_version_id_record_versions"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False, comment="0-based position of the item"),
        sa.Column(
            "sub_position", sa.Integer, comment="0-based position of a sub-item under its item; null for the item"
        ),
        sa.Column("number", sa.String),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("continued", sa.Boolean, nullable=False),
        sa.Column("documents", sa.JSON, nullable=False),
    )
    op.create_index("ix_agenda_items_version_id", "agenda_items", ["version_id"])
    op.create_table(
        "speakers",
        _id(),
        sa.Column("speaker_key", sa.String, nullable=False, comment="name|title|role|affiliation|side"),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("title", sa.String),
        sa.Column("role", sa.String),
        sa.Column("affiliation", sa.String),
        sa.Column("side", sa.String),
        sa.UniqueConstraint("speaker_key", name="uq_speakers_speaker_key"),
        comment="Distinct speaker labels (as printed) across the corpus",
    )
    op.create_index("ix_speakers_name", "speakers", ["name"])
    op.create_table(
        "turns",
        _id(),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("record_versions.id", ondelete="CASCADE", name="fk_turns_version_id_record_versions"),
            nullable=False,
        ),
        sa.Column("idx", sa.Integer, nullable=False, comment="0-based index, as turns[].index"),
        sa.Column("cid", sa.String, nullable=False, comment="Citable id, e.g. CMW/C/SR.537/t9"),
        sa.Column(
            "speaker_id",
            sa.Integer,
            sa.ForeignKey("speakers.id", name="fk_turns_speaker_id_speakers"),
            nullable=False,
        ),
        sa.Column("first_paragraph", sa.Integer, comment="Paragraph index (1-based)"),
        sa.Column("last_paragraph", sa.Integer),
        sa.UniqueConstraint("version_id", "idx", name="uq_turns_version_id_idx"),
    )
    op.create_index("ix_turns_speaker_id", "turns", ["speaker_id"])
    op.create_table(
        "paragraphs",
        _id(),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("record_versions.id", ondelete="CASCADE", name="fk_paragraphs_version_id_record_versions"),
            nullable=False,
        ),
        sa.Column("idx", sa.Integer, nullable=False, comment="1-based index, as paragraphs[].index"),
        sa.Column("number", sa.Integer, comment="Printed paragraph number"),
        sa.Column("cid", sa.String, nullable=False, comment="Citable id, e.g. CMW/C/SR.537/p24"),
        sa.Column("turn_idx", sa.Integer, comment="turns.idx of the speaker's turn; null for a stage direction"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("pages", sa.JSON, comment="Source pages, when read from a paged format"),
        sa.UniqueConstraint("version_id", "idx", name="uq_paragraphs_version_id_idx"),
        sa.ForeignKeyConstraint(
            ["version_id", "turn_idx"],
            ["turns.version_id", "turns.idx"],
            name="fk_paragraphs_version_id_turn_idx_turns",
        ),
    )
    op.create_index("ix_paragraphs_cid", "paragraphs", ["cid"])
    op.create_table(
        "events",
        _id(),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("record_versions.id", ondelete="CASCADE", name="fk_events_version_id_record_versions"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("time", sa.String),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("paragraph_idx", sa.Integer, comment="Index when the event is itself a numbered paragraph"),
        sa.Column("before_paragraph_idx", sa.Integer),
    )
    op.create_index("ix_events_version_id", "events", ["version_id"])
    op.create_table(
        "questions",
        _id(),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("record_versions.id", ondelete="CASCADE", name="fk_questions_version_id_record_versions"),
            nullable=False,
        ),
        sa.Column("cid", sa.String, nullable=False, comment="Citable id, e.g. CMW/C/SR.537/q12"),
        sa.Column("paragraph_idx", sa.Integer, nullable=False),
        sa.Column("asked_by_turn_idx", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String, nullable=False, comment="answered | partial | unanswered"),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("details", sa.JSON, nullable=False, comment="The whole question as the analysis gave it"),
        comment="Questions found by the dialogue analysis (present only for analysed records)",
    )
    op.create_index("ix_questions_version_id", "questions", ["version_id"])
    op.create_index("ix_questions_status", "questions", ["status"])
    op.create_table(
        "answer_links",
        _id(),
        sa.Column(
            "question_id",
            sa.Integer,
            sa.ForeignKey("questions.id", ondelete="CASCADE", name="fk_answer_links_question_id_questions"),
            nullable=False,
        ),
        sa.Column("paragraph_cid", sa.String, nullable=False, comment="Citable id of the answering paragraph"),
        sa.Column("in_record", sa.Boolean, nullable=False, comment="true: in the question's record; false: elsewhere"),
    )
    op.create_index("ix_answer_links_question_id", "answer_links", ["question_id"])
    op.create_index("ix_answer_links_paragraph_cid", "answer_links", ["paragraph_cid"])
    _create_search_index()


def _create_search_index() -> None:
    """The full-text index over current paragraphs (derived data; see store/fts_*.py)."""
    if op.get_bind().dialect.name == "sqlite":
        # terms: folded and stemmed words (store/stem.py); speaker: folded words of the label;
        # meta: filter tokens (body_cmw state_kgz year_2023 …) so that filters run inside the index.
        op.execute(
            "CREATE VIRTUAL TABLE paragraph_fts USING fts5("
            "terms, speaker, meta, tokenize = \"unicode61 remove_diacritics 2 tokenchars '_'\")"
        )
        return
    op.execute(
        """
        CREATE TABLE paragraph_search (
            paragraph_id integer PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
            version_id integer NOT NULL REFERENCES record_versions(id) ON DELETE CASCADE,
            tsv tsvector NOT NULL,
            language varchar(2) NOT NULL,
            body varchar,
            session integer,
            year integer,
            state_code varchar(3),
            side varchar,
            speaker varchar,
            statuses varchar[] NOT NULL DEFAULT '{}'
        )
        """
    )
    op.execute("COMMENT ON TABLE paragraph_search IS 'Full-text index of current paragraphs (derived)'")
    op.execute("CREATE INDEX ix_paragraph_search_tsv ON paragraph_search USING gin (tsv)")
    op.execute("CREATE INDEX ix_paragraph_search_version_id ON paragraph_search (version_id)")
    op.execute("CREATE INDEX ix_paragraph_search_state_code ON paragraph_search (state_code)")
    op.execute("CREATE INDEX ix_paragraph_search_body_year ON paragraph_search (body, year)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS paragraph_fts")
    else:
        op.execute("DROP TABLE IF EXISTS paragraph_search")
    for table in (
        "answer_links",
        "questions",
        "events",
        "paragraphs",
        "turns",
        "speakers",
        "agenda_items",
        "sources",
        "record_versions",
        "records",
        "dialogues",
    ):
        op.drop_table(table)
