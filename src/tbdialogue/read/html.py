"""HTML reader on lxml: block elements → blocks, with bold/italic from tags and CSS.

Bold comes from ``<b>``/``<strong>``/headings or a CSS ``font-weight`` (inline, as Word and
LibreOffice write it, or from a class in the page's ``<style>``); italic likewise. Scripts, styles,
navigation and forms are ignored; a page's site header/footer and the running header/footer blocks
that office suites export go to the furniture layer; footnote marks are taken out of the text and
the notes into the notes layer. ``<ol>`` numbers become ``Block.list_number``.
"""

from __future__ import annotations

import re

from ..document import Block, Document, Run
from ..errors import UnreadableInput
from .docx import format_number
from .furniture import header_symbol, symbols_of, zone_kind

_IGNORED = {"script", "style", "noscript", "template", "head", "nav", "form", "button", "select", "textarea",
            "iframe", "svg", "object", "embed", "canvas", "map", "menu", "dialog", "title", "meta", "link"}  # fmt: skip
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "blockquote", "pre", "dt", "dd",
           "address", "caption", "center", "section", "article", "main", "body", "ol", "ul", "dl", "table",
           "tr", "tbody", "thead", "tfoot", "figure", "figcaption", "hr", "aside", "header", "footer", "fieldset"}  # fmt: skip
_BOLD_TAGS = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
_ITALIC_TAGS = {"i", "em", "cite", "var", "dfn"}
_WEIGHT = re.compile(r"font-weight\s*:\s*([a-z0-9]+)", re.I)
_STYLE = re.compile(r"font-style\s*:\s*([a-z]+)", re.I)
_FONT_SHORTHAND = re.compile(r"(?:^|;)\s*font\s*:([^;]+)", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_NOTE_REF_HREF = re.compile(
    r"^#(?:sdfootnote\d+sym|sdendnote\d+sym|_ftn\d+|_edn\d+|fn[:\-_]?\w+|footnote[-_]?\w+)$", re.I
)
_NOTE_BODY_ID = re.compile(
    r"^(?:sdfootnote\d+|sdendnote\d+|ftn\d+|_ftn\d+|edn\d+|fn[:\-_]?\w+|footnote[-_]?\d+)$", re.I
)


def _css_classes(root) -> dict[str, tuple[bool | None, bool | None]]:
    """Class → (bold, italic) from the page's <style> rules ("span.Speaker { font-weight: bold }")."""
    out: dict[str, tuple[bool | None, bool | None]] = {}
    for style in root.iter("style"):
        for selectors, body in _css_rules(_without_comments(style.text or "")):
            bold, italic = _declared(body)
            if bold is None and italic is None:
                continue
            for sel in selectors.split(","):
                m = re.fullmatch(r"\s*[a-z0-9]*\.([\w-]+)\s*", sel, re.I)
                if m:
                    out[m.group(1)] = (bold, italic)
    return out


def _without_comments(css: str) -> str:
    """CSS without its /* comments */ (an unclosed one is kept, as the pattern kept it), by string
    search: the lazy pattern scanned to the end of the text from every "/*" of an unclosed run."""
    out, at = [], 0
    while (start := css.find("/*", at)) != -1:
        end = css.find("*/", start + 2)
        if end == -1:
            break
        out.append(css[at:start])
        at = end + 2
    out.append(css[at:])
    return "".join(out)


def _css_rules(css: str) -> list[tuple[str, str]]:
    r"""(selectors, declarations) of each rule "selectors { declarations }": what the pattern
    ``([^{}]+)\{([^{}]*)\}`` finds, in one pass — from every character of a long text without
    braces, the pattern scanned to its end (10 s on 37 KB of mutated HTML)."""
    rules = []
    for chunk in css.split("}")[:-1]:  # the text after the last "}" closes no rule
        head, brace, body = chunk.rpartition("{")
        selectors = head.rpartition("{")[2]
        if brace and selectors:
            rules.append((selectors, body))
    return rules


def _declared(css: str) -> tuple[bool | None, bool | None]:
    bold = italic = None
    m = _WEIGHT.search(css)
    if m:
        v = m.group(1).lower()
        bold = v in ("bold", "bolder") or (v.isdigit() and int(v) >= 600)
    m = _STYLE.search(css)
    if m:
        italic = m.group(1).lower() in ("italic", "oblique")
    m = _FONT_SHORTHAND.search(css)
    if m:
        words = m.group(1).lower().split()
        if any(w in ("bold", "bolder") or w.isdigit() and int(w) >= 600 for w in words[:4]):
            bold = True
        if any(w in ("italic", "oblique") for w in words[:4]):
            italic = True
    return bold, italic


class _Walker:
    def __init__(self, classes):
        self.classes = classes
        self.blocks: list[Block] = []
        self.current: list[Run] = []
        self.new_line = False  # a <br> was met: the next text opens a block with no gap
        self.gap = True  # the current block follows a paragraph boundary
        self.list_number: int | None = None
        self.furniture: list[tuple[str, str, int | None]] = []
        self.footnotes: list[tuple[str, int | None]] = []
        self.last_list: tuple[int, int] | None = None  # (start, last number) of the previous <ol>

    # -- blocks ---------------------------------------------------------------------------------------
    def flush(self) -> None:
        """End the current block; the next one follows a paragraph boundary unless a <br> says not."""
        runs, gap = self.current, self.gap
        self.current = []
        self.gap = True
        text = "".join(r.text for r in runs)
        if text.strip():
            runs[0].text = runs[0].text.lstrip()
            runs[-1].text = runs[-1].text.rstrip()
            self.blocks.append(Block(runs=[r for r in runs if r.text], gap_before=gap, list_number=self.list_number))
            self.list_number = None  # only an item's first block carries its number

    def add_text(self, text: str, bold: bool, italic: bool, pre: bool) -> None:
        if not text:
            return
        if not pre:
            text = _SPACES.sub(" ", text)
            if not self.current or self.current[-1].text.endswith(" "):
                text = text.lstrip(" ")
            if not text:
                return
        if self.new_line:
            if self.current:
                self.flush()
                self.gap = False  # a line break, not a paragraph boundary
            self.new_line = False
        last = self.current[-1] if self.current else None
        if last is not None and (last.bold == bold and last.italic == italic or not text.strip()):
            last.text += text
        else:
            self.current.append(Run(text, bold, italic))

    # -- tree -------------------------------------------------------------------------------------------
    def walk(self, el, bold: bool, italic: bool, pre: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _IGNORED:
            if tag and el.tail:
                self.add_text(el.tail, bold, italic, pre)
            return
        classes = (el.get("class") or "").split()
        style = el.get("style") or ""
        title = (el.get("title") or "").lower()
        ident = el.get("id") or el.get("name") or ""
        if tag == "a" and (
            "sdfootnoteanc" in classes or "sdendnoteanc" in classes or _NOTE_REF_HREF.match(el.get("href") or "")
        ):
            self._tail(el, bold, italic, pre)  # a footnote mark in the text
            return
        if tag == "sup" and _is_note_mark(el):
            self._tail(el, bold, italic, pre)
            return
        if (
            _NOTE_BODY_ID.match(ident)
            and tag in ("div", "li", "p", "aside", "section")
            or "mso-element:footnote" in style.replace(" ", "")
        ):
            self.note(el)
            self._tail(el, bold, italic, pre)
            return
        if (
            title in ("header", "footer")
            or tag in ("header", "footer")
            or re.search(r"mso-element:\s*(header|footer)", style)
        ):
            zone = (
                title or tag if (title or tag) in ("header", "footer") else "header" if "header" in style else "footer"
            )
            kind = zone if title or "mso-element" in style else "site"
            for text in _block_texts(el):
                self.furniture.append((kind, text, None))
            self._tail(el, bold, italic, pre)
            return

        b, i = bold or tag in _BOLD_TAGS, italic or tag in _ITALIC_TAGS
        for cls in classes:
            cb, ci = self.classes.get(cls, (None, None))
            b = cb if cb is not None else b
            i = ci if ci is not None else i
        if style:
            sb, si = _declared(style)
            b = sb if sb is not None else b
            i = si if si is not None else i
        is_block = tag in _BLOCKS
        pre = pre or tag == "pre"
        if is_block:
            self.flush()
            self.new_line = False
        if tag == "br":
            self.new_line = True
        elif tag == "ol":
            self._ordered(el, b, i, pre)
            self._tail(el, bold, italic, pre)
            return
        if el.text:
            self.add_text(el.text, b, i, pre)
        for child in el:
            self.walk(child, b, i, pre)
        if is_block:
            self.flush()
        self._tail(el, bold, italic, pre)

    def _tail(self, el, bold: bool, italic: bool, pre: bool) -> None:
        if el.tail:
            self.add_text(el.tail, bold, italic, pre)

    def _ordered(self, ol, bold: bool, italic: bool, pre: bool) -> None:
        """Number the items of a list as a browser would; a decimal top-level list gives
        ``list_number``. A list that restarts at the same number as the list just before it
        continues that list (office suites export an interrupted Word list that way)."""
        self.flush()
        kind = (ol.get("type") or "1").strip()
        start = _int(ol.get("start"), 1)
        nested = any(a.tag in ("li", "ol", "ul") for a in ol.iterancestors())
        n = start - 1
        if self.last_list and start > 1 and start == self.last_list[0] and self.last_list[1] >= start:
            n = self.last_list[1]
        for li in ol:
            if not isinstance(li.tag, str) or li.tag.lower() != "li":
                self.walk(li, bold, italic, pre)
                continue
            n = _int(li.get("value"), n + 1)
            self.flush()
            if kind == "1" and not nested:
                self.list_number = n
            else:
                self.add_text(f"{_label(n, kind)}. ", bold, italic, pre)
            if li.text:
                self.add_text(li.text, bold, italic, pre)
            for child in li:
                self.walk(child, bold, italic, pre)
            self.flush()
            self.list_number = None
            self._tail(li, bold, italic, pre)
        if not nested and kind == "1":
            self.last_list = (start, n)

    def note(self, el) -> None:
        text = " ".join(" ".join(_block_texts(el)).split())
        if text:
            self.footnotes.append((text, None))


def _is_note_mark(el) -> bool:
    text = "".join(el.itertext()).strip()
    link = el.find(".//a")
    return (
        bool(re.fullmatch(r"\[?(?:\d{1,3}|[*†‡])\]?", text))
        and link is not None
        and (link.get("href") or "").startswith("#")
    )


def _block_texts(el) -> list[str]:
    out: list[str] = []
    for node in el.iter():
        if (
            isinstance(node.tag, str)
            and node.tag.lower() in ("p", "div", "li")
            and not any(isinstance(c.tag, str) and c.tag.lower() in ("p", "div", "li") for c in node)
        ):
            text = " ".join("".join(node.itertext()).split())
            if text:
                out.append(text)
    if not out:
        text = " ".join("".join(el.itertext()).split())
        if text:
            out.append(text)
    return out


def _label(n: int, kind: str) -> str:
    if kind in ("a", "A"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if kind == "A" else s
    if kind in ("i", "I"):
        return format_number(n, "upperRoman" if kind == "I" else "lowerRoman")
    return str(n)


def _int(value: str | None, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _encoding(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return codec  # a byte-order mark says more than a <meta> (which UTF-16 hides from the search)
    m = _CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        import codecs

        try:
            codecs.lookup(enc)
            return enc
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"  # Word's HTML without a declared charset


#: Bytes of HTML beyond which a page cannot be one record: a record saved from Word or LibreOffice
#: is 40 KB to 1 MB; lxml's tree costs 10 to 70 times the bytes (60 MB of paragraphs: 620 MB).
MAX_HTML_BYTES = 16_000_000
#: Elements beyond which a page cannot be one record (a record: a few thousand). Counted while the
#: page is parsed, so that dense markup (8 MB of "<p>a</p>": 570 MB) is refused before its tree grows.
MAX_ELEMENTS = 200_000
_FEED = 1 << 16
#: A DOCTYPE with an internal subset, or an entity declaration: no real page has one (lxml's HTML
#: parser expands no entity, but would put the subset's text in the page's).
_INTERNAL_DTD = re.compile(rb"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.I)
_WIDE = ("utf16", "utf16le", "utf16be", "utf32", "utf32le", "utf32be")


def check_size(size: int) -> None:
    """Refuse a page of ``size`` bytes that cannot be one record (also from a file's size on disk)."""
    if size > MAX_HTML_BYTES:
        raise UnreadableInput(
            f"the HTML page is {size / 1e6:.1f} MB, far larger than any record saved as HTML "
            f"(at most {MAX_HTML_BYTES / 1e6:.0f} MB): not one record"
        )


def _narrow(data: bytes, enc: str) -> bytes:
    """UTF-16/32 bytes as UTF-8, for the DTD check (the check reads ASCII)."""
    return data.decode(enc, "ignore").encode("utf-8")


def _parse(data: bytes, enc: str):
    """The page's tree, parsed in slices by one parser (no network, comments and processing
    instructions dropped, lxml's depth and size limits kept), counting elements as they come."""
    from lxml import etree

    try:
        parser = etree.HTMLPullParser(
            events=("start",), encoding=enc, remove_comments=True, remove_pis=True, no_network=True
        )
        count = 0
        for at in range(0, len(data), _FEED):
            parser.feed(data[at : at + _FEED])
            count += sum(1 for _ in parser.read_events())
            if count > MAX_ELEMENTS:
                raise UnreadableInput(
                    f"the HTML page has over {MAX_ELEMENTS:,} elements, far more than any record "
                    "(a few thousand): not one record"
                )
        root = parser.close()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, LookupError) as exc:
        raise UnreadableInput(f"not a readable HTML page ({exc})") from None
    if root is None:
        raise UnreadableInput("the HTML page has no text")
    if _depth(root) >= _MAX_DEPTH:
        raise UnreadableInput(
            f"the HTML page nests its elements {_MAX_DEPTH} deep, where the parser stops and drops "
            "what lies deeper (no record nests more than a few levels): refusing it"
        )
    return root


#: How deep lxml's HTML parser nests elements without its huge-tree option (which stays off):
#: deeper ones are dropped without an error, so a page that reaches it has lost text.
_MAX_DEPTH = 255


def _depth(root) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def read_html(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    """Read an HTML page (a record saved from Word, LibreOffice or a web archive)."""
    check_size(len(data))
    enc = encoding or _encoding(data)
    if _INTERNAL_DTD.search(data if enc.replace("-", "").lower() not in _WIDE else _narrow(data, enc)):
        raise UnreadableInput(
            "the HTML page carries a DTD with declarations of its own (an entity attack, or a damaged "
            "file): refusing it"
        )
    root = _parse(data, enc)
    walker = _Walker(_css_classes(root))
    body = root.find("body")
    walker.walk(body if body is not None else root, False, False)
    walker.flush()
    if not walker.blocks:
        raise UnreadableInput("the HTML page has no text")
    furniture = walker.furniture

    return Document(
        blocks=walker.blocks,
        format="html",
        path=path,
        furniture=[(zone_kind(zone, text), text, page) for zone, text, page in furniture],
        footnotes=walker.footnotes,
        header_symbol=header_symbol([(z, s, 0) for z, text, _ in furniture if z == "header" for s in symbols_of(text)]),
    )
