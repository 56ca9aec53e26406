"""Page furniture, notices and footnotes: text printed with a record that is not its content."""

from __future__ import annotations

import re
from functools import cache

from .languages import union
from .profile import Profile
from .symbols import SYMBOL, is_record_symbol

_JOB_NUMBER = re.compile(r"^(?:GE|NY|V)\.\d{2}-\d{4,6}\b|^\d{2}-\d{5}\s*\([EFS]\)")
_BARCODE = re.compile(r"^\*\d{5,10}\*$")
_SEPARATOR = re.compile(r"^[\s_\-–—=*.·•~]{3,}$")


def _words(values: tuple[str, ...]) -> str:
    return "|".join(re.escape(v) for v in values) or "(?!)"


@cache
def _page_number() -> re.Pattern[str]:
    """ "3", "- 3 -", "3/12", "Page 3 of 12", "página 3 de 12": the page words of every profile."""
    words, of = _words(union("notes.page_words")), _words(union("notes.page_of"))
    return re.compile(
        rf"^(?:-\s*)?\d{{1,3}}(?:\s*-)?$|^\d{{1,3}}\s*/\s*\d{{1,3}}$|^(?:{words})\s+\d{{1,3}}(?:\s+(?:{of})\s+\d{{1,3}})?$",
        re.I,
    )


@cache
def _recycle() -> re.Pattern[str]:
    """The recycling notice printed on UN documents, in every profile's words."""
    return re.compile(rf"^(?:{'|'.join(union('notes.recycle')) or '(?!)'})\W*$", re.I)


def furniture_kind(text: str) -> str | None:
    """Kind of page furniture a line is (page number, job number, separator…), or None."""
    t = text.strip()
    if _page_number().match(t):
        return "page_number"
    if _JOB_NUMBER.match(t):
        return "job_number"
    if _BARCODE.match(t):
        return "other"
    if _SEPARATOR.match(t):
        return "separator"
    if _recycle().match(t):
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
    if profile.notices.match(t):
        return "notice"
    if profile.footnotes.match(t):
        return "footnote"
    return None


def is_site_line(text: str, profile: Profile) -> bool:
    """Lines added by a web archive around the record ("Convention Abbreviation: CERD")."""
    t = text.strip()
    return any(rx.search(t) for rx in profile.site_lines)


_GLUED = re.compile(r"(GE\.\d{2}-\d{4,6}(?:\s*\([A-Z]{1,4}\))?(?:\s+\d{6}){0,2}|_{4,})")


def split_glued(text: str) -> list[str]:
    """Pieces of a line in which a conversion ran page furniture and text together:
    "…session.GE.08-44893 (EXT)Se declara abierta la sesión a las 10.15 horas." → the notice, the job
    number, the stage direction. A line without a job number or a rule inside it stays whole."""
    if len(text) < 40 or ("GE." not in text and "____" not in text) or not _GLUED.search(text):
        return [text]
    pieces = [p.strip() for p in _GLUED.split(text)]
    return [p for p in pieces if p]


#: A block longer than this, holding several numbered paragraphs, lost its line breaks.
FLAT_BLOCK_CHARS = 1500
_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,3})\.\s+(?=[A-Z“\"(])")
#: Stage directions that, in flattened text, are cut out of the run of text around them.
_CUTS = ("called_to_order", "public_part_began", "discussion_began", "suspended", "resumed", "rose", "adjourned")


def split_flattened(text: str, profile: Profile) -> list[str] | None:
    """Pieces of a text whose line breaks were lost (OCR and web extractions of old records): cut
    before each paragraph number of the sequence 1., 2., 3. … and around opening and closing stage
    directions. None when the text is not such a run."""
    if len(text) < FLAT_BLOCK_CHARS:
        return None
    cuts: list[int] = []
    expected = None
    for m in _INLINE_NUMBER.finditer(text):
        n = int(m.group(1))
        if (expected is None and n == 1) or n == expected:
            cuts.append(m.start())
            expected = n + 1
    if len(cuts) < 3:
        return None
    for kind, rx in profile.events:
        if kind in _CUTS and not rx.pattern.startswith("(?:."):
            for m in rx.finditer(text):
                cuts += [m.start(), m.end()]
    bounds = sorted({0, *cuts, len(text)})
    return [piece for a, b in zip(bounds, bounds[1:], strict=False) if (piece := text[a:b].strip())]
