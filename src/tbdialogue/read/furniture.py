"""Page furniture seen by every reader: what kind a header or footer line is, and the record's
symbol printed in the running header. The forms themselves are the lexicon's (``lexicon.layers``)."""

from __future__ import annotations

from collections import Counter

from ..lexicon.layers import furniture_kind, is_symbol_line
from ..lexicon.symbols import SYMBOL


def symbols_of(text: str) -> list[str]:
    """Every document symbol in a header or footer line."""
    return [m.group(0) for m in SYMBOL.finditer(text)]


def symbol_of(text: str) -> str | None:
    """The line itself when it is only a record's symbol."""
    t = " ".join(text.split())
    return t if is_symbol_line(t) else None


def zone_kind(zone: str, text: str) -> str:
    """The furniture kind of a line found in a page zone ("header", "footer"): its form's kind
    (page number, job number …), "symbol", or the zone."""
    return furniture_kind(text) or ("symbol" if symbol_of(text) else zone)


def header_symbol(furniture: list[tuple[str, str, int]]) -> str | None:
    """The record symbol printed in the running header (the most frequent one)."""
    found = Counter(s for zone, text, _ in furniture if zone == "header" and (s := symbol_of(text)))
    return found.most_common(1)[0][0] if found else None
