"""PDF reader on pypdfium2: text objects with their fonts → lines → blocks.

Font data is read once per text object (one font, one size, one baseline: a word, a run or a line)
and cached per font, not asked character by character, which keeps a page to a few milliseconds.
Bold is the font's weight (≥ 600) or, when a font is not embedded and its weight reads 0, its
name ("Times-Bold", "Arial,Bold", "…-Black"); italic is the italic angle, the font flags or the
name. Running headers, footers and footnotes are separated by :mod:`.layout`.
"""

from __future__ import annotations

import ctypes
import re

from ..document import Document
from ..errors import UnreadableInput
from .furniture import header_symbol, zone_kind
from .layout import Chunk, Page, Rule, clean_text, lay_out, page_gutters, page_lines

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|ultrabold|,b\b|-b\b|\bbd\b", re.I)
_ITALIC_NAME = re.compile(r"italic|oblique|slanted|,i\b|-it\b|,bi\b|-bi\b|bolditalic", re.I)
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_FONT_ITALIC_FLAG = 1 << 6
_FONT_FORCE_BOLD_FLAG = 1 << 18
#: Refuse PDFs with more pages than this (a summary record has a dozen or two).
MAX_PAGES = 2000


def _pdfium():
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError:  # pragma: no cover - a dependency of the default install
        raise UnreadableInput("reading PDF needs pypdfium2: pip install pypdfium2") from None
    return pdfium, raw


class _Fonts:
    """Bold/italic per font handle, computed once per font."""

    def __init__(self, raw):
        self.raw = raw
        self.cache: dict[int, tuple[bool, bool]] = {}
        self.buf = ctypes.create_string_buffer(256)
        self.angle = ctypes.c_int()

    def style(self, font) -> tuple[bool, bool]:
        key = ctypes.c_void_p.from_buffer(font).value or 0
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        raw = self.raw
        n = raw.FPDFFont_GetBaseFontName(font, self.buf, 256)
        name = _SUBSET.sub("", self.buf.raw[: max(n - 1, 0)].decode("latin-1", "replace"))
        if not name:
            n = raw.FPDFFont_GetFamilyName(font, self.buf, 256)
            name = self.buf.raw[: max(n - 1, 0)].decode("latin-1", "replace")
        weight = raw.FPDFFont_GetWeight(font)
        flags = raw.FPDFFont_GetFlags(font)
        angle = self.angle.value if raw.FPDFFont_GetItalicAngle(font, self.angle) else 0
        # Embedded subsets often report a default 400: the name is the better witness then.
        bold = weight >= 600 or bool(_BOLD_NAME.search(name)) or flags > 0 and bool(flags & _FONT_FORCE_BOLD_FLAG)
        italic = angle != 0 or bool(_ITALIC_NAME.search(name)) or flags > 0 and bool(flags & _FONT_ITALIC_FLAG)
        self.cache[key] = (bold, italic)
        return bold, italic


class _PageReader:
    def __init__(self, raw):
        self.raw = raw
        self.fonts = _Fonts(raw)
        self.l, self.b, self.r, self.t = (ctypes.c_float() for _ in range(4))
        self.size = ctypes.c_float()
        self.matrix = raw.FS_MATRIX()
        self.text_buf = (ctypes.c_ushort * 4096)()
        self.images = 0

    def read(self, page_handle, textpage_handle) -> tuple[list[Chunk], list[Rule]]:
        chunks: list[Chunk] = []
        rules: list[Rule] = []
        raw = self.raw
        n = raw.FPDFPage_CountObjects(page_handle)
        for i in range(n):
            self._object(raw.FPDFPage_GetObject(page_handle, i), textpage_handle, chunks, rules, None, 0)
        return chunks, rules

    def _object(self, obj, textpage, chunks, rules, form_matrix, depth: int) -> None:
        raw = self.raw
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            self._text(obj, textpage, chunks, form_matrix)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            if raw.FPDFPageObj_GetBounds(obj, self.l, self.b, self.r, self.t):
                x0, y0, x1, y1 = _transform(form_matrix, self.l.value, self.b.value, self.r.value, self.t.value)
                if y1 - y0 <= 2.0 and x1 - x0 >= 20:
                    rules.append(Rule(x0, x1, (y0 + y1) / 2))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            self.images += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
            m = raw.FS_MATRIX()
            raw.FPDFPageObj_GetMatrix(obj, m)
            inner = (m.a, m.b, m.c, m.d, m.e, m.f)
            combined = inner if form_matrix is None else _compose(inner, form_matrix)
            for j in range(raw.FPDFFormObj_CountObjects(obj)):
                self._object(raw.FPDFFormObj_GetObject(obj, j), textpage, chunks, rules, combined, depth + 1)

    def _text(self, obj, textpage, chunks: list[Chunk], form_matrix) -> None:
        raw = self.raw
        # One call with a large buffer (PDFium scans the page's characters on every call).
        size = len(self.text_buf) * 2
        need = raw.FPDFTextObj_GetText(obj, textpage, self.text_buf, size)
        if need <= 2:
            return
        if need > size:
            self.text_buf = (ctypes.c_ushort * (need // 2 + 1))()
            need = raw.FPDFTextObj_GetText(obj, textpage, self.text_buf, need)
        text = ctypes.string_at(self.text_buf, need - 2).decode("utf-16-le", "replace")
        text = text.replace("\x02", "-")  # PDFium marks a hyphen at a line end with U+0002
        if not text:
            return
        m = self.matrix
        raw.FPDFPageObj_GetMatrix(obj, m)
        if abs(m.b) > 0.2 * abs(m.a) + 1e-6 or abs(m.c) > 0.2 * abs(m.d) + 1e-6:
            return  # rotated text: a watermark or a margin note, not the record's lines
        raw.FPDFPageObj_GetBounds(obj, self.l, self.b, self.r, self.t)
        raw.FPDFTextObj_GetFontSize(obj, self.size)
        size = self.size.value * (abs(m.d) or 1.0)
        x0, _, x1, _ = self.l.value, self.b.value, self.r.value, self.t.value
        base = m.f
        if form_matrix is not None:
            x0, base, x1, _ = _transform(form_matrix, x0, m.f, x1, m.f)
            size *= abs(form_matrix[3]) or 1.0
        bold, italic = self.fonts.style(raw.FPDFTextObj_GetFont(obj))
        if not bold and raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_FILL_STROKE:
            bold = True  # "fake bold": glyphs filled and stroked
        chunks.append(Chunk(clean_text(text), x0, x1, base, size, bold, italic))


def _compose(inner, outer):
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _transform(matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """Bounds (x0, y0, x1, y1) in form space → page space (axis-aligned)."""
    if matrix is None:
        return x0, y0, x1, y1
    a, b, c, d, e, f = matrix
    xs = [a * x + c * y + e for x, y in ((x0, y0), (x1, y1))]
    ys = [b * x + d * y + f for x, y in ((x0, y0), (x1, y1))]
    return min(xs), min(ys), max(xs), max(ys)


def _open(pdfium, raw, data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise UnreadableInput(
                "the PDF is encrypted (password-protected); open it and save an unprotected copy"
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise UnreadableInput("the PDF uses an unsupported encryption scheme; save an unprotected copy") from None
        raise UnreadableInput("not a readable PDF (corrupt or truncated file); download it again") from None


def read_pdf(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    """Read a PDF: body blocks with bold/italic runs and pages; headers, footers, footnotes apart."""
    pdfium, raw = _pdfium()
    pdf = _open(pdfium, raw, data)
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadableInput("the PDF has no pages")
        if count > MAX_PAGES:
            raise UnreadableInput(f"the PDF has {count} pages, far more than any summary record (limit {MAX_PAGES})")
        reader = _PageReader(raw)
        # Every page's text objects first: a short page's columns are found from the others'.
        read: list[tuple[int, float, float, list[Chunk], list[Rule]]] = []
        empty: list[int] = []
        damaged: list[int] = []
        for i in range(count):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
            except pdfium.PdfiumError:
                damaged.append(i + 1)  # a damaged page: the others are still read
                continue
            try:
                width, height = page.get_size()
                images_before = reader.images
                chunks, rules = reader.read(page.raw, textpage.raw)
                if not chunks and reader.images > images_before:
                    empty.append(i + 1)
                read.append((i + 1, width, height, chunks, rules))
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    gutters = page_gutters([(chunks, width, height) for _, width, height, chunks, _ in read])
    pages = [
        Page(number, width, height, page_lines(chunks, width, height, gutter), rules, gutter)
        for (number, width, height, chunks, rules), gutter in zip(read, gutters, strict=True)
    ]
    if not any(p.lines for p in pages):
        if damaged:
            raise UnreadableInput("not a readable PDF (corrupt or truncated file); download it again")
        if reader.images:
            raise UnreadableInput("scanned PDF without a text layer: OCR is not supported; use a PDF with text")
        raise UnreadableInput("the PDF contains no text")
    warnings = []
    if damaged:
        warnings.append(f"page(s) {', '.join(map(str, damaged))} of the PDF are damaged and could not be read")
    if empty:
        listed = ", ".join(map(str, empty[:10])) + ("…" if len(empty) > 10 else "")
        warnings.append(f"page(s) {listed} have no text layer (scanned images): their content is missing")
    laid = lay_out(pages, _FURNITURE_FORM)
    furniture = [(zone_kind(zone, text), text, page) for zone, text, page in laid.furniture]
    return Document(
        blocks=laid.blocks,
        format="pdf",
        path=path,
        page_count=count,
        furniture=furniture,
        footnotes=laid.footnotes,
        warnings=warnings,
        header_symbol=header_symbol(laid.furniture),
    )


#: Margin lines that are furniture by their form alone (used when a document has one page, where
#: repetition cannot tell): page numbers, UN job numbers, a lone record symbol.
_FURNITURE_FORM = re.compile(
    r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^\d{1,3}\s*/\s*\d{1,3}$|^(?:GE|NY|V)\.\d{2}-\d{4,6}\b|^\*\d{5,10}\*$"
    # New York's job numbers: "07-50429 (E)", on the first page only.
    r"|^\d{2}-\d{5,6}\s*\([A-Z]\)$"
)
