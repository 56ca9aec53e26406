"""Words, the two ways the package needs them, in one place.

- :func:`tokens`: what search indexes and matches — every run of letters or digits, folded (lower
  case, no accents); apostrophes, hyphens and punctuation separate tokens, so "l'État" gives "l",
  "etat" and "2023" is a token. The same function serves indexing, queries and highlighting.
- :func:`words`: what the dialogue analysis compares — words of letters only, lower-cased, accents
  kept, hyphenated words whole ("ill-treatment"), with the clitics of the language profiles
  removed ("delegation's" → "delegation", "l'État" → "état"), so that a stop list can catch them.
"""

from __future__ import annotations

import re
from functools import cache

from .cues import all_clitics
from .normalize import fold

_TOKEN = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Folded tokens of ``text``, in order (see the module's docstring)."""
    return _TOKEN.findall(fold(text, lower=True))


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) for every token of the original ``text``, for highlighting."""
    # Folding can change a string's length (ligatures, decomposed accents): fold token by token.
    return [(m.start(), m.end(), fold(m.group(0), lower=True)) for m in _TOKEN.finditer(text)]


@cache
def _clitics() -> re.Pattern[str] | None:
    patterns = all_clitics()
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def strip_clitics(word: str) -> str:
    """One word without the clitics of any profile ("l'homme" → "homme", "State's" → "State")."""
    clitics = _clitics()
    w = word.lower().replace("’", "'")
    return clitics.sub("", w) if clitics is not None and "'" in w else word


def words(text: str) -> list[str]:
    """Lower-case words of letters, clitics removed (see the module's docstring)."""
    out = []
    clitics = _clitics()
    for w in _WORD.findall(text):
        w = w.lower().replace("’", "'")
        if "'" in w and clitics is not None:
            w = clitics.sub("", w)
        out.append(w)
    return out


@cache
def search_stop_words(code: str) -> frozenset[str]:
    """Folded words a search query in this language drops (the profile's ``[search] stop_words``)."""
    from .languages import raw_profile

    return frozenset(fold(w, lower=True) for w in raw_profile(code).get("search", {}).get("stop_words", []))


def query_stop_words(words: list[str], language: str | None = None) -> frozenset[str]:
    """Which of a query's folded ``words`` are stop words of the query's language.

    The language is the one asked for, or else the one(s) whose stop list holds most of the words
    ("droits de l'homme": French); a word is dropped only when it is a stop word in every language
    tied at the top, so that a query in no known language, or in two at once, keeps its words.
    """
    from .languages import codes

    langs = (language,) if language else codes()
    lists = {code: search_stop_words(code) for code in langs}
    counts = {code: sum(w in stops for w in words) for code, stops in lists.items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return frozenset()
    tied = [lists[code] for code, n in counts.items() if n == best]
    return frozenset(w for w in words if all(w in stops for stops in tied))
