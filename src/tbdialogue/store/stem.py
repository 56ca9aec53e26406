"""What the search index is given, per backend: the lexicon's tokens, stemmed for SQLite.

FTS5's own ``porter`` tokenizer only stems English, so the SQLite index holds tokens already folded
(lower case, accents removed; ``lexicon.words.tokens``) and stemmed in Python with the Snowball
stemmer of the paragraph's language (``lexicon.stem``). PostgreSQL stems with its own text search
configuration of that language (the profile's ``text_search``: the same Snowball algorithms) and is
given the same folded tokens, so both backends match the same words, accent-insensitively.
"""

from __future__ import annotations

from ..lexicon.languages import language
from ..lexicon.stem import stem_words
from ..lexicon.words import tokens


def text_search_config(code: str) -> str:
    """PostgreSQL text search configuration of a language ("english", or "simple")."""
    return language(code).text_search


def index_terms(text: str, code: str) -> str:
    """The text as the SQLite index stores it: folded, stemmed tokens separated by spaces."""
    return " ".join(stem_words(tokens(text), code))


def index_text(text: str, code: str, backend: str) -> str:
    """What a backend's index is given: stems for SQLite (FTS5), folded tokens for PostgreSQL (which
    stems them with its own configuration)."""
    return index_terms(text, code) if backend == "sqlite" else " ".join(tokens(text))
