"""Each question's confidence as a column (issue 12): the pages count "to check" beside answered,
partial and unanswered without reading every question's details.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.add_column(sa.Column("confidence", sa.String, comment="high | low (low is shown as 'check'); null when not given"))
    conn = op.get_bind()
    q = sa.table("questions", sa.column("id", sa.Integer), sa.column("details", sa.JSON), sa.column("confidence", sa.String))
    rows = conn.execute(sa.select(q.c.id, q.c.details)).all()
    for qid, details in rows:  # questions stored before: their confidence is in their details
        confidence = (details or {}).get("confidence")
        if confidence:
            conn.execute(sa.update(q).where(q.c.id == qid).values(confidence=confidence))


def downgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("confidence")
