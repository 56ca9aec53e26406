"""What a UN document is — summary record, verbatim record, resolution, report … — from its own
symbol or its title (``kinds.toml``), so that a file that is not a summary record is refused with
its kind named instead of being parsed into a record with a wrong agenda."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: A document symbol as printed: "S/PV.10100", "A/HRC/WG.6/34/ITA/3", "CMW/C/SR.537".
_SYMBOL = re.compile(r"\b[A-Z][A-Z0-9.]{0,10}(?:/[A-Za-z0-9.\-]+)+")
#: Longest line read as a title ("List of issues in relation to the third periodic report of …").
TITLE_MAX = 120
#: The kind this package reads (as ``kinds.toml`` names it).
SUMMARY_RECORD = "a summary record"


@dataclass(frozen=True)
class Kind:
    kind: str  # as it reads after "this is": "a verbatim record"
    symbol: re.Pattern[str] | None
    titles: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Found:
    kind: str
    evidence: str  # the symbol, or the title line, that told it


@cache
def kinds() -> tuple[Kind, ...]:
    data = tomllib.loads(resources.files(__package__).joinpath("kinds.toml").read_text("utf-8"))
    return tuple(
        Kind(
            k["kind"],
            re.compile(k["symbol"]) if k.get("symbol") else None,
            tuple(re.compile(t, re.IGNORECASE) for t in k.get("titles", [])),
        )
        for k in data["kinds"]
    )


def document_kind(own_lines: list[str], first_lines: list[str]) -> Found | None:
    """The kind of a document from the lines that carry its own symbol (the first lines and running
    heads of its first pages) and, failing a symbol, from its first lines' titles. None: unknown."""
    symbols = [s for line in own_lines for s in _SYMBOL.findall(line)]
    for k in kinds():
        if k.symbol is not None and (hit := next((s for s in symbols if k.symbol.search(s)), None)):
            return Found(k.kind, hit)
    # A title is a short line that ends no sentence: a body's first paragraph may open with
    # "Verbatim records of …" or "Resolution adopted by …" and is no title.
    titles = [flat for flat in (" ".join(line.split()) for line in first_lines) if _is_title(flat)]
    for k in kinds():
        for flat in titles:
            if any(t.search(flat) for t in k.titles):
                return Found(k.kind, flat if len(flat) <= 60 else flat[:57] + "...")
    return None


def _is_title(line: str) -> bool:
    return 0 < len(line) <= TITLE_MAX and not line.endswith((".", ";", "?", "!"))
