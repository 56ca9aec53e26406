"""Reviewers' decisions on the questions found (issue 10): a table beside the automatic results.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "record_key", sa.String, nullable=False, comment="The record's key (its symbol): reviews outlive versions"
        ),
        sa.Column("language", sa.String, nullable=False),
        sa.Column("question_cid", sa.String, nullable=False, comment="Citable id of the question reviewed"),
        sa.Column(
            "question_text", sa.Text, nullable=False, comment="The question as reviewed, to find it in a later version"
        ),
        sa.Column("reviewer", sa.String, nullable=False),
        sa.Column("reviewed_at", sa.String, nullable=False, comment="ISO 8601, UTC"),
        sa.Column("decision", sa.String, nullable=False, comment="confirm | reject | change"),
        sa.Column(
            "status",
            sa.String,
            nullable=False,
            comment="The status the reviewer gives: answered | partial | unanswered",
        ),
        sa.Column(
            "answers", sa.JSON, nullable=False, comment="Citable ids of the answering paragraphs the reviewer gives"
        ),
        sa.Column(
            "automatic",
            sa.JSON,
            nullable=False,
            comment="The automatic result when reviewed: status, answers, confidence",
        ),
        sa.Column("note", sa.Text),
        comment="Reviewers' decisions on questions; the automatic result is kept beside them, never overwritten",
    )
    op.create_index("ix_reviews_record_key_language", "reviews", ["record_key", "language"])
    op.create_index("ix_reviews_question_cid", "reviews", ["question_cid"])


def downgrade() -> None:
    op.drop_index("ix_reviews_question_cid", table_name="reviews")
    op.drop_index("ix_reviews_record_key_language", table_name="reviews")
    op.drop_table("reviews")
