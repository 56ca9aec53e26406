"""The corpus: records in a database (SQLite by default, PostgreSQL for a team), searchable.

from tbdialogue.store import Corpus
corpus = Corpus("sqlite:///corpus.db")          # or postgresql://user@host/db
corpus.ingest(["records/"], jobs=2)
corpus.search("blacklist", state="Kyrgyzstan").hits
"""

from __future__ import annotations

from .corpus import Corpus, Hit, SearchResult
from .db import DEFAULT_URL, ENV_VAR, StoreError
from .query import QueryError, parse_query

__all__ = ["Corpus", "Hit", "SearchResult", "StoreError", "QueryError", "parse_query", "DEFAULT_URL", "ENV_VAR"]
