"""The full-text index, whichever the backend: what goes in it and who renders queries for it."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from sqlalchemy.engine import Connection


@dataclass
class IndexRow:
    """One current paragraph as the search index holds it (denormalised, for filtering in the index)."""

    paragraph_id: int
    version_id: int
    language: str
    terms: str  # the text as the index takes it (stem.index_text): stems (SQLite), folded words (PostgreSQL)
    speaker: str  # folded words of the speaker's label and affiliation
    body: str | None
    session: int | None
    year: int | None
    state_code: str | None
    side: str | None
    statuses: tuple[str, ...]  # statuses of questions asked in this paragraph


def backend(conn: Connection) -> ModuleType:
    """The module that implements the index on this connection's database."""
    if conn.dialect.name == "sqlite":
        from . import fts_sqlite

        return fts_sqlite
    from . import fts_postgres

    return fts_postgres
