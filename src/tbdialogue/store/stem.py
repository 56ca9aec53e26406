"""Words and stems for full-text search, the same for indexing, querying and highlighting.

FTS5's own ``porter`` tokenizer only stems English, so the SQLite index holds words already folded
(lower case, accents removed) and stemmed in Python with the Snowball stemmers of PyStemmer, in the
paragraph's language. PostgreSQL stems with its own Snowball configurations (english, french,
spanish) — the same algorithms — and is given the same folded text, so both backends match the same
words and both are accent-insensitive.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import Stemmer

#: Record language → Snowball stemmer name (PyStemmer) = PostgreSQL text search configuration.
CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
LANGUAGES = tuple(CONFIGS)

_WORD = re.compile(r"[^\W_]+")
_FOLD_EXTRA = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower case without accents or ligatures: "Détention" → "detention", "œuvre" → "oeuvre"."""
    text = text.lower()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA)))


def words(text: str) -> list[str]:
    """Folded words of ``text``, in order (apostrophes, hyphens and punctuation separate words)."""
    return _WORD.findall(fold(text))


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for every word of the original ``text``, for highlighting."""
    # Folding can change a string's length (ligatures, decomposed accents), so fold word by word.
    return [(m.start(), m.end(), fold(m.group(0))) for m in _WORD.finditer(text)]


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(CONFIGS[language])


def stem_words(ws: list[str], language: str) -> list[str]:
    """Snowball stems of already folded words."""
    return _stemmer(language).stemWords(ws)


def stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def index_terms(text: str, language: str) -> str:
    """The text as the SQLite index stores it: folded, stemmed words separated by spaces."""
    return " ".join(stem_words(words(text), language))


def index_text(text: str, language: str, backend: str) -> str:
    """What a backend's index is given: stems for SQLite (FTS5), folded words for PostgreSQL (which
    stems them with its own configuration)."""
    return index_terms(text, language) if backend == "sqlite" else " ".join(words(text))
