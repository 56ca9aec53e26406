"""Text normalisation, the one place for it: spaces, dashes, broken words, accents and case.

Every stage uses these: the parser to read covers and labels, the analysis to compare words, the
store to index and search. ``fold`` is the only accent-folding function of the package.
"""

from __future__ import annotations

import re
import unicodedata

#: Every dash-like character the UN's documents use, normalised to "-" in symbols and cover fields.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_TABLE = str.maketrans({c: "-" for c in DASHES})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_SPACED_APOSTROPHE = re.compile(r"(\w) ?([’']) (?=\w)")
_SPACED_HYPHEN = re.compile(r"(\w) ?- (?=\w)|(\w) -(?=\w)")
_BROKEN_SUFFIX = re.compile(r"(\w) (i?ème|ième)\b")
_SPLIT_HOUR = re.compile(r"(?<!\d)(\d) (\d)(?=\s?[.:]\s?\d)")
_SPACED_POINT = re.compile(r"(\d) ?([.:]) ?(\d)")
_SPACED_PARENS = re.compile(r"\(\s+|\s+\)")
TERMINAL = tuple(".!?…:;")


def clean(text: str) -> str:
    """Collapse spaces, drop soft hyphens and zero-width characters, expand ligatures."""
    if text.isascii():
        if "  " not in text and "\t" not in text:
            return text.strip()
    else:
        text = _INVISIBLE.sub("", text).translate(_LIGATURES)
    return _SPACES.sub(" ", text).strip()


def ascii_dashes(text: str) -> str:
    return text.translate(_DASH_TABLE)


def repair(text: str) -> str:
    """Repair spacing defects of converted records, for cover fields and names (not speech text):
    "l ’ élimination" → "l’élimination", "Ninety- fifth" → "Ninety-fifth", "deux ième" → "deuxième".
    """
    text = ascii_dashes(clean(text))
    text = _SPACED_APOSTROPHE.sub(r"\1\2", text)
    text = _SPACED_HYPHEN.sub(lambda m: (m.group(1) or m.group(2)) + "-", text)
    text = _SPLIT_HOUR.sub(r"\1\2", text)  # "1 0. 20 horas" → "10. 20 horas"
    text = _SPACED_POINT.sub(r"\1\2\3", text)  # "12 . 45 horas" → "12.45 horas"
    text = _SPACED_PARENS.sub(lambda m: m.group(0).strip(), text)  # "( pública )" → "(pública)"
    return _BROKEN_SUFFIX.sub(r"\1\2", text)


def squash(text: str) -> str:
    """Lower case without any spaces: matches words broken by stray spaces ("p artial", "P residente")."""
    return re.sub(r"\s+", "", text).lower()


def ends_open(text: str) -> bool:
    """True when a paragraph's text stops mid-sentence (no terminal punctuation)."""
    t = text.rstrip(" *\"'”’»)]")
    return bool(t) and not t.endswith(TERMINAL)


_ENUMERATOR = re.compile(r"^\s*\(?(?:[a-z]|[ivx]{1,4})\)\s")
_SENTENCE_BREAK = re.compile(r"[a-z\d)][.!?]\s+[A-Z]")


def starts_lower(text: str) -> bool:
    """True when the text opens with a lower-case word (a continuation), not "(a) …"."""
    if _ENUMERATOR.match(text):
        return False
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not (ch.isspace() or ch in "\"'“‘«(—–-"):
            return False
    return False


def is_upper_line(text: str) -> bool:
    """All letters upper case (headings of older records)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def has_sentence_break(text: str) -> bool:
    """True when the text holds more than one sentence (headings never do)."""
    return bool(_SENTENCE_BREAK.search(text))


_FOLD_EXTRA = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
    }
)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str, *, lower: bool = False) -> str:
    """Without accents and ligatures ("séance" → "seance", "œuvre" → "oeuvre"), lower-cased when
    ``lower``. Stage directions are matched accent-blind, since upper-case and mistyped records drop
    or misplace accents; search matches "detention" and "détention" alike."""
    if lower:
        text = text.lower()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA)))
