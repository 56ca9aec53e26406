"""UN document symbols: find, repair, expand ("and Add.1", "et 4") and infer them."""

from __future__ import annotations

import re
from functools import cache

from .bodies import registry
from .languages import union
from .normalize import ascii_dashes

_COMP = r"(?:[A-Z][A-Za-z]{0,11}(?:\.\d{1,6})?(?:-\d{1,4})?|\d{1,4}(?:-\d{1,4})?)"
SYMBOL = re.compile(rf"(?<![\w/.])[A-Z]{{1,8}}(?:/{_COMP}){{2,9}}")
_SPACE_AFTER_SLASH = re.compile(r"(?<=[A-Z0-9.]/) +(?=[A-Z0-9])")
_SPACE_BEFORE_SLASH = re.compile(r"(?<=[A-Z0-9]) +(?=/[A-Z0-9])")
_SPACE_AFTER_DOT = re.compile(r"(?<=/)(SR|Add|Rev|Corr|CRP|L|R)\.\s+(?=\d)")
_SPLIT_DIGITS = re.compile(r"(/\d{1,4}) (\d{1,3})(?=\s*[);,\]])")
_BROKEN_STEM = re.compile(r"\b([A-Z]{1,3}) ([A-Z]{1,4})(?=/)")


@cache
def _joins() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "… and Add.1" and "… et 4" after a symbol, with the conjunctions of every profile."""
    conj = "|".join(re.escape(c) for c in (*union("language.conjunctions"), "&"))
    addendum = re.compile(rf"\s*(?:,\s*)?(?:{conj})\s+((?:Add|Corr|Rev)\.\d{{1,3}})\b")
    sibling = re.compile(rf"\s*(?:{conj})\s+(\d{{1,3}}(?:-\d{{1,3}})?)(?![\w/.])")
    return addendum, sibling


def repair_symbols(text: str) -> str:
    """Repair the spacing of symbols in text: "C AT/C/SR.1924", "CERD/ C/NZL/18-20"; ASCII dashes."""
    text = ascii_dashes(text)
    text = _SPACE_AFTER_SLASH.sub("", text)
    text = _SPACE_BEFORE_SLASH.sub("", text)
    text = _SPACE_AFTER_DOT.sub(r"\1.", text)  # "CAT/C/SR. 865" → "CAT/C/SR.865"
    text = _SPLIT_DIGITS.sub(r"\1\2", text)  # "HRI/CORE/LKA/200 8 )" → "HRI/CORE/LKA/2008)"

    def join(m: re.Match[str]) -> str:
        joined = m.group(1) + m.group(2)
        return joined if joined in registry().known_first else m.group(0)

    return _BROKEN_STEM.sub(join, text)


def symbols_in(text: str) -> list[str]:
    """Document symbols cited in ``text``, in order, without duplicates, with addenda expanded:
    "CCPR/C/SVK/Q/4 and Add.1" → CCPR/C/SVK/Q/4, CCPR/C/SVK/Q/4/Add.1;
    "CEDAW/C/LKA/3 et 4" → CEDAW/C/LKA/3, CEDAW/C/LKA/4.
    """
    text = repair_symbols(text)
    out: list[str] = []
    known_first = registry().known_first
    addendum, sibling = _joins()
    for m in SYMBOL.finditer(text):
        sym = m.group(0)
        if sym.split("/", 1)[0] not in known_first and len(sym.split("/")) < 3:
            continue
        _add(out, sym)
        rest = text[m.end() :]
        pos = 0
        while True:
            add = addendum.match(rest, pos)
            if add:
                _add(out, f"{sym}/{add.group(1)}")
                pos = add.end()
                continue
            sib = sibling.match(rest, pos)
            if sib and "/" in sym:
                _add(out, sym.rsplit("/", 1)[0] + "/" + sib.group(1))
                pos = sib.end()
                continue
            break
    return out


def _add(out: list[str], sym: str) -> None:
    if sym not in out:
        out.append(sym)


def is_record_symbol(sym: str) -> bool:
    """A meeting record's own symbol (…/SR.537, …/SR.1955/Add.1), not a report's."""
    return bool(re.search(r"/SR\.\d", sym))


def body_of_symbol(sym: str) -> str | None:
    """The body a symbol belongs to (registry stems first): CMW/C/SR.537 → CMW, E/C.12/2017/SR.27 →
    CESCR, A/C.3/55/SR.39 → A/C.3, CAT/SP/… → CAT/SP (a meeting of States parties)."""
    reg = registry()
    for stem, body in reg.stems:
        if sym.startswith(stem):
            return body
    m = reg.states_parties.match(sym)
    if m:
        return m.group(0)
    first = sym.split("/", 1)[0]
    return first if first in reg.bodies else None


def record_number(sym: str) -> int | None:
    m = re.search(r"/SR\.(\d+)", sym)
    return int(m.group(1)) if m else None


def infer_symbol(
    body: str | None, meeting: int | None, part: str | None, year: int | None, session: int | None
) -> tuple[str | None, str | None]:
    """The record's symbol from body and meeting, when the registry says how and that is
    unambiguous; else (None, reason)."""
    if not body or not meeting:
        return None, "body or meeting number unknown"
    if part and not part.startswith("first") and part not in ("partial", "public part"):
        return None, f"a {part} may carry an /Add. suffix"
    entry = registry().get(body)
    if entry is None or entry.symbol_stem is None or entry.infer_symbol == "never":
        return None, (entry.infer_note if entry and entry.infer_note else f"no known symbol pattern for {body}")
    stem = entry.symbol_stem
    if entry.infer_symbol == "year":
        if not year:
            return None, f"{body} symbols carry the year, and the date is unknown"
        return f"{stem}/{year}/SR.{meeting}", None
    if entry.infer_symbol == "session":
        if not session:
            return None, f"{body} symbols carry the session, which is unknown"
        return f"{stem}/{session}/SR.{meeting}", None
    return f"{stem}/SR.{meeting}", None


def country_code_in(symbols: list[str]) -> str | None:
    """ISO alpha-3 code in a State party document symbol: CMW/C/KGZ/2 → KGZ, E/C.12/LKA/5 → LKA."""
    for sym in symbols:
        parts = sym.split("/")
        for part in parts[1:4]:
            if re.fullmatch(r"[A-Z]{3}", part) and part not in registry().not_country_codes:
                return part
    return None
