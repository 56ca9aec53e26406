"""Numbers written as words or figures ("Thirty-seventh", "Quatre-vingt-deuxième", "13º") and dates."""

from __future__ import annotations

import datetime as dt
import re

from .profile import Profile

_DIGITS = re.compile(r"(?<!\d)(\d{1,5})(?!\d)")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPACED_DIGITS = re.compile(r"(?<!\d)\d{1,5}(?: \d{1,4})*(?!\d)")


def number_words(text: str, profile: Profile) -> int | None:
    """The number spelled by the *last* run of number words in ``text`` ("of the twenty-seventh")."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    run: list[str] = []
    for tok in reversed(tokens):
        if tok in profile.units or tok in profile.tens or tok in profile.hundreds:
            run.append(tok)
        elif tok in profile.conjunctions and run:
            continue
        else:
            break
    if not run:
        return None
    total = 0
    for tok in reversed(run):
        if tok in profile.hundreds:
            total = max(total, 1) * 100
        elif tok in profile.tens:
            value = profile.tens[tok]
            # French "quatre-vingt(s)" = 4 × 20; "soixante-dix" = 60 + 10 falls out of addition.
            total = total * 20 if value == 20 and total in (4,) else total + value
        else:
            total += profile.units[tok]
    return total or None


def number_words_squashed(text: str, profile: Profile) -> int | None:
    """Number words broken or run together ("Fiftyfifth", "Quarante ‑ cin qu ième"): the longest
    tail of the text, starting at a word boundary, that splits wholly into number words."""
    words = [w for w in re.split(r"[\s\-\u2010-\u2015]+", text.lower()) if w]
    vocab = {**profile.units, **profile.tens, **profile.hundreds, **dict.fromkeys(profile.conjunctions, 0)}
    best = None
    for start in range(len(words) - 1, -1, -1):
        parts = _segment("".join(words[start:]), vocab)
        if parts is not None:
            best = parts
    if not best:
        return None
    return number_words(" ".join(best), profile)


def _segment(s: str, vocab: dict[str, int]) -> list[str] | None:
    """Split ``s`` wholly into vocabulary words (longest first), or None."""
    if not s:
        return []
    if len(s) > 60:
        return None
    for end in range(len(s), 0, -1):
        head = s[:end]
        if head in vocab:
            rest = _segment(s[end:], vocab)
            if rest is not None:
                return [head, *rest]
    return None


def number_start(words: list[str], profile: Profile) -> int | None:
    """Index of the first of the trailing ``words`` that spell a number ("… Families Thirty-seventh")."""
    start = None
    for i in range(len(words) - 1, -1, -1):
        parts = [t.lower() for t in _TOKEN.findall(words[i])]
        is_num = bool(_DIGITS.search(words[i])) or (
            bool(parts)
            and all(
                t in profile.units or t in profile.tens or t in profile.hundreds or t in profile.conjunctions
                for t in parts
            )
        )
        if not is_num:
            break
        start = i
    return start


def ordinal(text: str, profile: Profile) -> int | None:
    """A number from figures ("537th", "2222 e", "13º") or, failing that, from words."""
    spaced = _SPACED_DIGITS.findall(text)
    if spaced:
        return int(spaced[-1].replace(" ", ""))  # "2 7 th", "15 41 e": one number broken by spaces
    return number_words(text, profile) or number_words_squashed(text, profile)


def parse_date(text: str, profile: Profile, year: int | None = None) -> tuple[str | None, re.Match[str] | None]:
    """The first date in ``text`` as ``YYYY-MM-DD``, with its match. A date printed without its year
    ("on Wednesday, 23 October") takes ``year``, or is skipped when none is given."""
    for m in profile.date.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        month = profile.months.get(m.group("month").lower())
        if month is None or (m.group("year") is None and year is None):
            continue
        try:
            return dt.date(int(m.group("year") or year), month, int(m.group("day"))).isoformat(), m
        except ValueError:
            continue
    return None, None


# Times as records print them: "10.10 a.m." (English), "15 heures 5", "10 h 5" (French), "15.05 horas" (Spanish).
_CLOCK = re.compile(
    r"\s*(?P<h>\d{1,2})(?:\s*(?:[.:]|heures?|horas?|h)\s*(?P<m>\d{1,2})(?!\d))?"
    r"(?:\s*(?:(?P<am>a\.?\s?m\b\.?)|(?P<pm>p\.?\s?m\b\.?)))?",
    re.IGNORECASE,
)


def clock(time: str | None) -> str | None:
    """A time as printed → ``hh:mm:ss``: "10.10 a.m." → "10:10:00", "1 p.m." → "13:00:00",
    "15 heures 5" → "15:05:00", "10 h 5" → "10:05:00", "15.05 horas" → "15:05:00"; None when the
    time does not start with figures."""
    if not time:
        return None
    m = _CLOCK.match(time)
    if not m:
        return None
    h, minutes = int(m["h"]), int(m["m"] or 0)
    if m["pm"] and h < 12:
        h += 12
    elif m["am"] and h == 12:
        h = 0
    if h > 23 or minutes > 59:
        return None
    return f"{h:02d}:{minutes:02d}:00"
