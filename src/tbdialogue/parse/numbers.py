"""Numbers written as words or figures ("Thirty-seventh", "Quatre-vingt-deuxième", "13º") and dates."""

from __future__ import annotations

import datetime as dt
import re

from .profiles import Profile

_DIGITS = re.compile(r"(?<!\d)(\d{1,5})(?!\d)")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_CONNECTORS = {"and", "et", "y"}


def number_words(text: str, profile: Profile) -> int | None:
    """The number spelled by the *last* run of number words in ``text`` ("of the twenty-seventh")."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    run: list[str] = []
    for tok in reversed(tokens):
        if tok in profile.units or tok in profile.tens or tok in profile.hundreds:
            run.append(tok)
        elif tok in _CONNECTORS and run:
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


def number_start(words: list[str], profile: Profile) -> int | None:
    """Index of the first of the trailing ``words`` that spell a number ("… Families Thirty-seventh")."""
    start = None
    for i in range(len(words) - 1, -1, -1):
        parts = [t.lower() for t in _TOKEN.findall(words[i])]
        is_num = bool(_DIGITS.search(words[i])) or (
            bool(parts)
            and all(t in profile.units or t in profile.tens or t in profile.hundreds or t in _CONNECTORS for t in parts)
        )
        if not is_num:
            break
        start = i
    return start


def ordinal(text: str, profile: Profile) -> int | None:
    """A number from figures ("537th", "2222 e", "13º") or, failing that, from words."""
    figures = _DIGITS.findall(text)
    if figures:
        return int(figures[-1])
    return number_words(text, profile)


def parse_date(text: str, profile: Profile) -> tuple[str | None, re.Match[str] | None]:
    """The first date in ``text`` as ``YYYY-MM-DD``, with its match."""
    for m in profile.date.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        month = profile.months.get(m.group("month").lower())
        if month is None:
            continue
        try:
            return dt.date(int(m.group("year")), month, int(m.group("day"))).isoformat(), m
        except ValueError:
            continue
    return None, None
