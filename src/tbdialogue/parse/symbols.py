"""UN document symbols: find, repair, expand ("and Add.1", "et 4") and infer them."""

from __future__ import annotations

import re

from .normalize import ascii_dashes

#: Symbol stem of each body's meeting records, and the body each stem belongs to.
RECORD_STEMS = {
    "CMW": "CMW/C",
    "CERD": "CERD/C",
    "CCPR": "CCPR/C",
    "CEDAW": "CEDAW/C",
    "CAT": "CAT/C",
    "CRC": "CRC/C",
    "CRPD": "CRPD/C",
    "CED": "CED/C",
    "SPT": "CAT/OP",
    "CESCR": "E/C.12",
}
_KNOWN_FIRST = ("CMW", "CERD", "CCPR", "CEDAW", "CAT", "CRC", "CRPD", "CED", "HRI", "SPT", "E", "A", "S")

_COMP = r"(?:[A-Z][A-Za-z]{0,11}(?:\.\d{1,6})?(?:-\d{1,4})?|\d{1,4}(?:-\d{1,4})?)"
SYMBOL = re.compile(rf"(?<![\w/.])[A-Z]{{1,8}}(?:/{_COMP}){{2,9}}")
_ADDENDUM = re.compile(r"\s*(?:,\s*)?(?:and|et|y|e|&)\s+((?:Add|Corr|Rev)\.\d{1,3})\b")
_SIBLING = re.compile(r"\s*(?:and|et|y|e|&)\s+(\d{1,3}(?:-\d{1,3})?)(?![\w/.])")
_SPACE_AFTER_SLASH = re.compile(r"(?<=[A-Z0-9.]/) +(?=[A-Z0-9])")
_SPACE_BEFORE_SLASH = re.compile(r"(?<=[A-Z0-9]) +(?=/[A-Z0-9])")
_SPACE_AFTER_DOT = re.compile(r"(?<=/)(SR|Add|Rev|Corr|CRP|L|R)\.\s+(?=\d)")
_SPLIT_DIGITS = re.compile(r"(/\d{1,4}) (\d{1,3})(?=\s*[);,\]])")
_BROKEN_STEM = re.compile(r"\b([A-Z]{1,3}) ([A-Z]{1,4})(?=/)")


def repair_symbols(text: str) -> str:
    """Repair the spacing of symbols in text: "C AT/C/SR.1924", "CERD/ C/NZL/18-20"; ASCII dashes."""
    text = ascii_dashes(text)
    text = _SPACE_AFTER_SLASH.sub("", text)
    text = _SPACE_BEFORE_SLASH.sub("", text)
    text = _SPACE_AFTER_DOT.sub(r"\1.", text)  # "CAT/C/SR. 865" → "CAT/C/SR.865"
    text = _SPLIT_DIGITS.sub(r"\1\2", text)  # "HRI/CORE/LKA/200 8 )" → "HRI/CORE/LKA/2008)"

    def join(m: re.Match[str]) -> str:
        joined = m.group(1) + m.group(2)
        return joined if joined in _KNOWN_FIRST else m.group(0)

    return _BROKEN_STEM.sub(join, text)


def symbols_in(text: str) -> list[str]:
    """Document symbols cited in ``text``, in order, without duplicates, with addenda expanded:
    "CCPR/C/SVK/Q/4 and Add.1" → CCPR/C/SVK/Q/4, CCPR/C/SVK/Q/4/Add.1;
    "CEDAW/C/LKA/3 et 4" → CEDAW/C/LKA/3, CEDAW/C/LKA/4.
    """
    text = repair_symbols(text)
    out: list[str] = []
    for m in SYMBOL.finditer(text):
        sym = m.group(0)
        if sym.split("/", 1)[0] not in _KNOWN_FIRST and len(sym.split("/")) < 3:
            continue
        _add(out, sym)
        rest = text[m.end() :]
        pos = 0
        while True:
            add = _ADDENDUM.match(rest, pos)
            if add:
                _add(out, f"{sym}/{add.group(1)}")
                pos = add.end()
                continue
            sib = _SIBLING.match(rest, pos)
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
    """The body a symbol belongs to: CMW/C/SR.537 → CMW, E/C.12/2017/SR.27 → CESCR, A/C.3/55/SR.39 → A/C.3."""
    if sym.startswith("E/C.12/"):
        return "CESCR"
    if sym.startswith("CAT/OP/"):
        return "SPT"
    m = re.match(r"A/C\.\d|[A-Z]{2,6}/SP(?=/)", sym)  # GA committees; meetings of States parties
    if m:
        return m.group(0)
    first = sym.split("/", 1)[0]
    return first if first in RECORD_STEMS else None


def record_number(sym: str) -> int | None:
    m = re.search(r"/SR\.(\d+)", sym)
    return int(m.group(1)) if m else None


def infer_symbol(
    body: str | None, meeting: int | None, part: str | None, year: int | None, session: int | None
) -> tuple[str | None, str | None]:
    """The record's symbol from body and meeting, when that is unambiguous; else (None, reason)."""
    if not body or not meeting:
        return None, "body or meeting number unknown"
    if part and not part.startswith("first") and part not in ("partial", "public part"):
        return None, f"a {part} may carry an /Add. suffix"
    if body == "CESCR":
        if not year:
            return None, "CESCR symbols carry the year, and the date is unknown"
        return f"E/C.12/{year}/SR.{meeting}", None
    if body.startswith("A/C."):
        if not session:
            return None, "General Assembly symbols carry the session, which is unknown"
        return f"{body}/{session}/SR.{meeting}", None
    if body == "CRPD":
        return None, "CRPD symbols carry the session in some years (CRPD/C/6/SR.1) and not in others"
    stem = RECORD_STEMS.get(body)
    if stem is None or body == "SPT":
        return None, f"no known symbol pattern for {body}"
    return f"{stem}/SR.{meeting}", None


def country_code_in(symbols: list[str]) -> str | None:
    """ISO alpha-3 code in a State party document symbol: CMW/C/KGZ/2 → KGZ, E/C.12/LKA/5 → LKA."""
    for sym in symbols:
        parts = sym.split("/")
        for part in parts[1:4]:
            if re.fullmatch(r"[A-Z]{3}", part) and part not in ("SPT", "CRC", "CAT", "CED", "CMW", "HRC", "PSWG"):
                return part
    return None
