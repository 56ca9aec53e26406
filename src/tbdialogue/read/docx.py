"""DOCX reader on python-docx: paragraphs with bold/italic resolved through the style chain.

``run.bold`` is ``None`` when bold comes from a style ("Strong", a speaker style based on it, a
heading style): the reader resolves each property through run formatting → character style and its
base styles → paragraph style and its base styles → document defaults. Word auto-numbering is
counted (``Block.list_number``), headers and footers go to the furniture layer, footnotes to the
notes; hidden and deleted text is left out, inserted text and hyperlinks are kept.
"""

from __future__ import annotations

import gc
import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from ..document import Block, Document, Run
from ..errors import UnreadableInput
from .furniture import header_symbol, symbols_of, zone_kind
from .safezip import check_xml, open_checked

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (W + t for t in ("p", "r", "tbl", "tr", "tc", "sdt", "sdtContent"))
_VAL = W + "val"
#: Elements whose runs are printed (descended into); everything else inside a paragraph is not.
_RUN_CONTAINERS = {
    W + t
    for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "sdt", "sdtContent", "dir", "bdo")
}
_FALSE = {"0", "false", "off", "none"}
_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _on(el) -> bool | None:
    """A toggle property element (<w:b/>, <w:i w:val="0"/>) → True/False; None when absent."""
    if el is None:
        return None
    return el.get(_VAL, "true").lower() not in _FALSE


class _Styles:
    """Bold/italic of styles, resolved through their base styles, computed once per style."""

    def __init__(self, document):
        self.by_id = {s.style_id: s for s in document.styles if s.style_id}
        self.cache: dict[tuple[str, str], bool | None] = {}
        self.default_para = next(
            (s for s in document.styles if s.type == 1 and getattr(s.element, "default", False)), None
        )
        defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = {
            "b": _on(defaults.find(W + "b")) if defaults is not None else None,
            "i": _on(defaults.find(W + "i")) if defaults is not None else None,
        }

    def prop(self, style_id: str | None, tag: str) -> bool | None:
        """The first value of ``tag`` (b/i) met walking up from ``style_id`` through its bases."""
        if not style_id:
            return None
        key = (style_id, tag)
        if key in self.cache:
            return self.cache[key]
        value = None
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid not in seen:
            seen.add(sid)
            style = self.by_id.get(sid)
            if style is None:
                break
            rpr = style.element.find(W + "rPr")
            if rpr is not None:
                value = _on(rpr.find(W + tag))
                if value is not None:
                    break
            based = style.element.find(W + "basedOn")
            sid = based.get(_VAL) if based is not None else None
        self.cache[key] = value
        return value

    def para_numbering(self, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) a paragraph style applies (list styles such as "List Number")."""
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen:
            seen.add(sid)
            style = self.by_id.get(sid)
            if style is None:
                return None
            num = style.element.find(f"{W}pPr/{W}numPr")
            if num is not None:
                return _num_pr(num)
            based = style.element.find(W + "basedOn")
            sid = based.get(_VAL) if based is not None else None
        return None


def _num_pr(num) -> tuple[str, int] | None:
    num_id = num.find(W + "numId")
    if num_id is None:
        return None
    ilvl = num.find(W + "ilvl")
    return num_id.get(_VAL, "0"), int(ilvl.get(_VAL, "0")) if ilvl is not None else 0


class _Numbering:
    """Word auto-numbering, counted as Word does: one counter per abstract list, shared by every
    list instance (``w:num``) that points to it; an instance's ``startOverride`` restarts the
    count the first time the instance is used."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, tuple[int, str, str]]] = {}  # id → ilvl → (start, fmt, text)
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, tuple[int, str, str]]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for a in root.findall(W + "abstractNum"):
            levels = {int(lvl.get(W + "ilvl", "0")): _level(lvl) for lvl in a.findall(W + "lvl")}
            self.abstract.setdefault(a.get(W + "abstractNumId", ""), levels)  # the first definition wins
        for n in root.findall(W + "num"):
            ref = n.find(W + "abstractNumId")
            starts: dict[int, int] = {}
            own: dict[int, tuple[int, str, str]] = {}
            for override in n.findall(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    own[ilvl] = _level(lvl)
                    starts[ilvl] = own[ilvl][0]
                start = override.find(W + "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start.get(_VAL), 1)
            self.nums.setdefault(n.get(W + "numId", ""), (ref.get(_VAL, "") if ref is not None else "", starts, own))

    def next(self, num_id: str, ilvl: int) -> tuple[int, str, str] | None:
        """Advance the list and return (number, format, label) for this paragraph."""
        if num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, starts, own = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **own}
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for level, start in starts.items():
                counters[level] = start - 1  # the instance restarts its list here
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a higher level restarts the levels below it

        def value(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            lstart, lfmt, _ = levels.get(level, (1, "decimal", ""))
            return format_number(counters.get(level, lstart), lfmt)

        return counters[ilvl], fmt, re.sub(r"%(\d)", value, text)


def _int(value: str | None, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _level(lvl) -> tuple[int, str, str]:
    start = lvl.find(W + "start")
    fmt = lvl.find(W + "numFmt")
    text = lvl.find(W + "lvlText")
    return (
        _int(start.get(_VAL), 1) if start is not None else 1,
        fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
        text.get(_VAL, "") if text is not None else "",
    )


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * (1 + (n - 1) // 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        out, k = "", n
        for value, numeral in _ROMAN:
            while k >= value:
                out, k = out + numeral, k - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "bullet":
        return "•"
    return str(n)


def _paragraphs(parent) -> Iterator:
    """Paragraphs in reading order, into tables (each merged cell once) and content controls."""
    for child in parent:
        tag = child.tag
        if tag == _P:
            yield child
        elif tag == _TBL:
            for row in child.iter(_TR):
                seen: set[int] = set()
                for cell in row.findall(_TC):
                    if id(cell) not in seen:
                        seen.add(id(cell))
                        yield from _paragraphs(cell)
        elif tag in (_SDT, _SDT_CONTENT):
            yield from _paragraphs(child)


def _runs(p) -> Iterator:
    for child in p:
        if child.tag == _R:
            yield child
        elif child.tag in _RUN_CONTAINERS:
            yield from _runs(child)


_TEXT_OF = {W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-", W + "softHyphen": "\u00ad"}


class _Reader:
    def __init__(self, document):
        self.styles = _Styles(document)
        self.numbering = _Numbering(document)
        self.page = 1
        self.paged = False

    def paragraph_blocks(self, p) -> list[Block]:
        ppr = p.find(W + "pPr")
        style_id = None
        num = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            style_id = ps.get(_VAL) if ps is not None else None
            numpr = ppr.find(W + "numPr")
            num = _num_pr(numpr) if numpr is not None else None
        if style_id is None and self.styles.default_para is not None:
            style_id = self.styles.default_para.style_id
        if num is None:
            num = self.styles.para_numbering(style_id)
        para_b = self.styles.prop(style_id, "b")
        para_i = self.styles.prop(style_id, "i")
        lines: list[list[Run]] = [[]]
        pages = [self.page]
        for r in _runs(p):
            rpr = r.find(W + "rPr")
            b = i = None
            rstyle = None
            if rpr is not None:
                if _on(rpr.find(W + "vanish")) or _on(rpr.find(W + "webHidden")):
                    continue  # hidden text is not printed
                b, i = _on(rpr.find(W + "b")), _on(rpr.find(W + "i"))
                rs = rpr.find(W + "rStyle")
                rstyle = rs.get(_VAL) if rs is not None else None
            bold = _first(b, self.styles.prop(rstyle, "b"), para_b, self.styles.defaults["b"])
            italic = _first(i, self.styles.prop(rstyle, "i"), para_i, self.styles.defaults["i"])
            for el in r:
                tag = el.tag
                if tag == W + "t":
                    text = el.text or ""
                elif tag in _TEXT_OF:
                    text = _TEXT_OF[tag]
                elif tag == W + "br" and el.get(W + "type") == "page" or tag == W + "lastRenderedPageBreak":
                    self.paged = self.paged or tag == W + "lastRenderedPageBreak"
                    self.page += 1
                    if any(r.text.strip() for line in lines for r in line):
                        pages.append(self.page)  # the paragraph runs over the break
                    else:
                        pages = [self.page]  # the paragraph starts on the new page
                    continue
                elif tag == W + "br":
                    text = "\n" if el.get(W + "type") in (None, "textWrapping") else ""
                else:
                    continue  # field codes, deleted text, footnote references, drawings
                for k, piece in enumerate(text.split("\n")):
                    if k:
                        lines.append([])
                    if piece:
                        _append(lines[-1], piece, bool(bold), bool(italic))
        list_number = None
        if num is not None:
            counted = self.numbering.next(*num)
            if counted is not None:
                n, fmt, label = counted
                if fmt == "decimal" and num[1] == 0:
                    list_number = n
                elif label:
                    lines[0].insert(0, Run(label + " "))
        blocks = []
        for k, runs in enumerate(lines):
            if not any(r.text.strip() for r in runs):
                continue
            block = Block(runs=runs, gap_before=k == 0, list_number=list_number if k == 0 else None)
            block.page, block.page_end = pages[0], (pages[-1] if pages[-1] != pages[0] else None)
            blocks.append(block)
        return blocks


def _first(*values: bool | None) -> bool:
    return next((v for v in values if v is not None), False)


def _append(runs: list[Run], text: str, bold: bool, italic: bool) -> None:
    if runs and runs[-1].bold == bold and runs[-1].italic == italic:
        runs[-1].text += text
    else:
        runs.append(Run(text, bold, italic))


def _texts(element) -> list[str]:
    """Printed text of the paragraphs under ``element`` (headers, footers, notes)."""
    out = []
    for p in element.iter(_P):
        parts = []
        for r in _runs(p):
            for el in r:
                if el.tag == W + "t":
                    parts.append(el.text or "")
                elif el.tag in _TEXT_OF:
                    parts.append(" ")
        text = " ".join("".join(parts).split())
        if text:
            out.append(text)
    return out


def _furniture(document) -> list[tuple[str, str, int | None]]:
    out: list[tuple[str, str, int | None]] = []
    seen: set[int] = set()
    for section in document.sections:
        for zone, parts in (
            ("header", (section.first_page_header, section.header, section.even_page_header)),
            ("footer", (section.first_page_footer, section.footer, section.even_page_footer)),
        ):
            for part in parts:
                if part.is_linked_to_previous:
                    continue
                element = part._element
                if id(element) in seen:
                    continue
                seen.add(id(element))
                out.extend((zone, text, None) for text in _texts(element))
    return out


def _notes(document) -> list[tuple[str, int | None]]:
    """Footnotes and endnotes, each with its printed mark (1, 2, … in document order)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    out: list[tuple[str, int | None]] = []
    for reltype, tag in ((RT.FOOTNOTES, "footnote"), (RT.ENDNOTES, "endnote")):
        rel = next((r for r in document.part.rels.values() if r.reltype == reltype), None)
        if rel is None:
            continue
        root = check_xml(rel.target_part.blob, str(rel.target_part.partname).lstrip("/"), "DOCX")
        mark = 0
        for note in root.iter(W + tag):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            mark += 1
            text = " ".join(_texts(note))
            if text:
                out.append((f"{mark} {text}", None))
    return out


def read_docx(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    """Read a Word document (.docx/.docm)."""
    try:
        return _read_docx(data, path)
    finally:
        # python-docx's parts and package refer to each other: without a collection of the young
        # generations their XML trees (C memory) pile up when many files are read in a row.
        gc.collect(1)


def _read_docx(data: bytes, path: str | None) -> Document:
    open_checked(data, "DOCX")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a dependency of the default install
        raise UnreadableInput("reading DOCX needs python-docx: pip install python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, zlib.error) as exc:
        raise UnreadableInput(f"not a readable Word document ({type(exc).__name__}); download it again") from None
    except Exception as exc:  # lxml syntax errors and the like
        if type(exc).__name__ in ("XMLSyntaxError", "ParseError"):
            raise UnreadableInput("not a readable Word document (damaged XML); download it again") from None
        raise
    reader = _Reader(document)
    blocks: list[Block] = []
    for p in _paragraphs(document.element.body):
        blocks.extend(reader.paragraph_blocks(p))
    if not reader.paged:
        for b in blocks:  # a DOCX has pages only where Word recorded its page breaks
            b.page = b.page_end = None
    furniture = _furniture(document)
    warnings = [] if blocks else ["the Word document has no text"]
    return Document(
        blocks=blocks,
        format="docx",
        path=path,
        page_count=reader.page if reader.paged else None,
        furniture=[(zone_kind(zone, text), text, page) for zone, text, page in furniture],
        footnotes=_notes(document),
        warnings=warnings,
        header_symbol=header_symbol([(z, s, 0) for z, text, _ in furniture for s in symbols_of(text)]),
    )
