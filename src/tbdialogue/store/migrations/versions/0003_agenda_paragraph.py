"""Where each agenda item's discussion starts in the body (issue 11: an Akoma Ntoso debateSection per
agenda item needs it).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agenda_items") as batch:
        batch.add_column(
            sa.Column(
                "paragraph_idx",
                sa.Integer,
                comment="1-based index of the first paragraph after the item's heading in the body; null when not printed",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("agenda_items") as batch:
        batch.drop_column("paragraph_idx")
