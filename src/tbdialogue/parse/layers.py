"""Page furniture, notices and footnotes: text printed with a record that is not its content."""

from __future__ import annotations

import re

from .profiles import Profile
from .symbols import SYMBOL, is_record_symbol

_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^\d{1,3}\s*/\s*\d{1,3}$|^(?:page|página)\s+\d{1,3}(?:\s+(?:of|de|sur)\s+\d{1,3})?$",
    re.I,
)
_JOB_NUMBER = re.compile(r"^(?:GE|NY|V)\.\d{2}-\d{4,6}\b|^\d{2}-\d{5}\s*\([EFS]\)")
_BARCODE = re.compile(r"^\*\d{5,10}\*$")
_SEPARATOR = re.compile(r"^[\s_\-–—=*.·•~]{3,}$")
_RECYCLE = re.compile(r"^(?:please\s+recycle|prière\s+de\s+recycler|se\s+ruega\s+reciclar)\W*$", re.I)


def furniture_kind(text: str) -> str | None:
    """Kind of page furniture a line is (page number, job number, separator…), or None."""
    t = text.strip()
    if _PAGE_NUMBER.match(t):
        return "page_number"
    if _JOB_NUMBER.match(t):
        return "job_number"
    if _BARCODE.match(t):
        return "other"
    if _SEPARATOR.match(t):
        return "separator"
    if _RECYCLE.match(t):
        return "other"
    return None


def is_symbol_line(text: str) -> bool:
    """A line that holds only the record's symbol (a running header inside the body)."""
    t = text.strip()
    m = SYMBOL.fullmatch(t)
    return bool(m) and is_record_symbol(t)


def note_kind(text: str, profile: Profile) -> str | None:
    """ "notice" for the correction notice, "footnote" for starred footnotes, else None."""
    t = text.strip()
    if any(rx.match(t) for rx in profile.notices):
        return "notice"
    if any(rx.match(t) for rx in profile.footnotes):
        return "footnote"
    return None


def is_site_line(text: str, profile: Profile) -> bool:
    """Lines added by a web archive around the record ("Convention Abbreviation: CERD")."""
    t = text.strip()
    return any(rx.search(t) for rx in profile.site_lines)
