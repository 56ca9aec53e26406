"""The corpus: records in a database (SQLite by default, PostgreSQL for a team), searchable.

from tbdialogue.store import Corpus
corpus = Corpus("sqlite:///corpus.db")          # or postgresql://user@host/db
corpus.ingest(["records/"], jobs=2)
corpus.search("blacklist", state="Kyrgyzstan").hits
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .names import DEFAULT_URL, ENV_VAR

if TYPE_CHECKING:
    from .corpus import Corpus, Hit, SearchResult
    from .db import StoreError
    from .query import QueryError, parse_query

__all__ = ["Corpus", "Hit", "SearchResult", "StoreError", "QueryError", "parse_query", "DEFAULT_URL", "ENV_VAR"]

# Imported on first use, so that the command line starts without SQLAlchemy.
_LAZY = {
    "Corpus": "corpus",
    "Hit": "corpus",
    "SearchResult": "corpus",
    "StoreError": "db",
    "QueryError": "query",
    "parse_query": "query",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
