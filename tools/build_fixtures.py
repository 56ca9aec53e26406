"""Build the document-format test fixtures from the sample record (``samples/CMW-C-SR.537.md``).

The UN publishes summary records as Word and PDF files; this script lays the sample's text out the
way the UN does and writes, under ``tests/fixtures/formats/``:

- ``CMW-C-SR.537.docx``: A4, symbol top right in the running header (left on even pages), "GE.23-…"
  job number and page number in the footer, the "United Nations" header and barcode line on the
  first page, bold speaker names both as direct run formatting (paragraphs 1-24) and through a
  character style based on "Strong" (25-48), italic stage directions both direct and through a
  paragraph style, paragraph numbers typed (1-24) and as Word auto-numbering (25-48), one footnote;
- ``CMW-C-SR.537.pdf``: that DOCX converted by LibreOffice (fonts embedded, paragraphs flowing
  across page breaks);
- ``CMW-C-SR.537-base14.pdf``: the same text drawn by reportlab with the non-embedded base-14
  Times fonts (their weight reads 0: only the font name says Bold/Italic);
- ``CMW-C-SR.537.html``: the DOCX saved as HTML by LibreOffice;
- ``refused/scanned.pdf`` (a page image without a text layer) and ``refused/encrypted.pdf``
  (password-protected), which the PDF reader must refuse;
- ``CMW-C-SR.537-plain.html``: a hand-written HTML page with ``<p>``/``<b>``/``<em>``, navigation,
  a script and a style that must be ignored;
- ``CMW-C-SR.537.odt``: the DOCX saved as OpenDocument by LibreOffice (for the conversion path);
- ``CMW-C-SR.537.doc``: the same layout with every paragraph number typed, saved as legacy Word 97.

Needs LibreOffice (``apt-get install -y libreoffice-writer-nogui``), python-docx and reportlab
(``pip install -e '.[build]'``). The tests read the committed outputs and need neither.

    python tools/build_fixtures.py [--out tests/fixtures/formats]
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tbdialogue.read.text import blocks_from_text  # noqa: E402

SAMPLE = ROOT / "samples" / "CMW-C-SR.537.md"
SYMBOL = "CMW/C/SR.537"
JOB = "GE.23-23775"
FOOTNOTE_AFTER = "Government Decision No. 169"
FOOTNOTE_TEXT = (
    "Footnote added by tools/build_fixtures.py to test footnote handling; it is not part of the official record."
)
#: Paragraphs from this number on use Word auto-numbering and the "Speaker" character style.
AUTO_FROM = 25
STEM = "CMW-C-SR.537"


@dataclass
class Item:
    """One paragraph of the laid-out record."""

    kind: str  # treaty, distr, committee, session, title, held, chair, contents, contents_item,
    # notice, direction, heading, para
    runs: list[tuple[str, bool, bool]] = field(default_factory=list)  # (text, bold, italic)
    number: int | None = None

    @property
    def text(self) -> str:
        return "".join(t for t, _, _ in self.runs)


# -- the record's structure, from the Markdown -------------------------------------------------------
_NUMBERED = re.compile(r"^(\d{1,3})\.\s+")
_SESSION = re.compile(r"^(Committee .*?)\s+(\S+ session)$")


def record_items(path: Path = SAMPLE) -> list[Item]:
    """The sample's paragraphs with their roles; page-break splits of the conversion rejoined."""
    blocks = blocks_from_text(path.read_text(encoding="utf-8"), markdown=True)
    items: list[Item] = []
    stage = "cover"
    for block in blocks:
        runs = [(r.text, r.bold, r.italic) for r in block.runs]
        text = block.text.strip()
        m = _NUMBERED.match(text)
        if stage == "body" and not m and text[:1].islower():
            prev = items[-1]  # a paragraph the conversion split at a page break
            prev.runs.append((" ", False, False))
            prev.runs.extend(runs)
            continue
        if items and not block.gap_before and items[-1].kind in ("contents_item", "heading"):
            items[-1].runs.append((" ", False, False))
            items[-1].runs.extend(runs)
            continue
        if stage == "cover":
            if text.startswith("International Convention"):
                items.append(Item("treaty", runs))
            elif text.startswith(("Distr.", "Original:")) or re.fullmatch(r"\d{1,2} \w+ \d{4}", text):
                items.append(Item("distr", runs))
            elif sm := _SESSION.match(text):
                items.append(Item("committee", [(sm.group(1), False, False)]))
                items.append(Item("session", [(sm.group(2), False, False)]))
            elif text.startswith("Summary record"):
                items.append(Item("title", runs))
            elif text.startswith("Held at"):
                items.append(Item("held", runs))
            elif text.startswith("Chair:"):
                items.append(Item("chair", runs))
            elif text == "Contents":
                items.append(Item("contents", runs))
                stage = "contents"
            continue
        if stage == "contents":
            if text.startswith(("This record is subject", "Any corrected records")):
                items.append(Item("notice", runs))
            elif text.startswith("The meeting"):
                stage = "body"
            else:
                level = 1 if any(i.kind == "contents_item" for i in items) else None
                items.append(Item("contents_item", runs, level))  # number: the item's level
            if stage != "body":
                continue
        if m:
            number = int(m.group(1))
            rest = _strip_number(runs, m.end())
            italic = all(i for t, _, i in rest if t.strip())
            items.append(Item("direction" if italic else "para", rest, number))
        elif text.startswith("The meeting"):
            items.append(Item("direction", [(text, False, False)]))
        else:
            items.append(Item("heading", [(text, False, False)]))
    return items


def _strip_number(runs: list[tuple[str, bool, bool]], n: int) -> list[tuple[str, bool, bool]]:
    out = []
    for text, b, i in runs:
        if n >= len(text):
            n -= len(text)
            continue
        out.append((text[n:], b, i))
        n = 0
    return out


# -- DOCX ------------------------------------------------------------------------------------------
def build_docx(items: list[Item], out: Path, auto_from: int | None = AUTO_FROM) -> None:
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm, Pt

    d = docx.Document()
    styles = d.styles
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(0)

    single = styles.add_style("SingleTxt", WD_STYLE_TYPE.PARAGRAPH)
    single.base_style = normal
    pf = single.paragraph_format
    pf.left_indent, pf.right_indent = Cm(2.3), Cm(2.0)
    pf.space_after = Pt(6)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.tab_stops.add_tab_stop(Cm(3.3))
    pf.first_line_indent = Cm(0)
    h1 = styles.add_style("H1", WD_STYLE_TYPE.PARAGRAPH)  # bold comes from this base style only
    h1.base_style = normal
    h1.font.bold = True
    h1.font.size = Pt(12)
    h1.paragraph_format.space_before = Pt(12)
    h1.paragraph_format.space_after = Pt(6)
    h23 = styles.add_style("H23", WD_STYLE_TYPE.PARAGRAPH)
    h23.base_style = h1
    h23.font.size = Pt(10)
    h23.paragraph_format.left_indent = Cm(2.3)
    direction = styles.add_style("Stage direction", WD_STYLE_TYPE.PARAGRAPH)
    direction.base_style = single
    direction.font.italic = True
    speaker = styles.add_style("Speaker", WD_STYLE_TYPE.CHARACTER)
    speaker.base_style = styles["Strong"]  # bold only through the base character style
    small = styles.add_style("Notice", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = single
    small.font.size = Pt(9)

    section = d.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.left_margin, section.right_margin = Cm(1.9), Cm(1.9)
    section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)
    section.start_type = WD_SECTION.NEW_PAGE
    section.different_first_page_header_footer = True
    d.settings.odd_and_even_pages_header_footer = True

    def page_field(paragraph) -> None:
        paragraph._p.append(
            parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        )

    def tabbed(paragraph, right: bool) -> None:
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(17.2), alignment=2 if right else 0)

    # First page: "United Nations" and the symbol; job number and barcode line in the footer.
    hp = section.first_page_header.paragraphs[0]
    tabbed(hp, True)
    hp.add_run("United Nations").bold = True
    hp.add_run("\t")
    r = hp.add_run(SYMBOL)
    r.font.size = Pt(14)
    fp = section.first_page_footer.paragraphs[0]
    fp.add_run(f"{JOB}  (E)    041223    051223")
    fp.style = styles["Footer"]
    section.first_page_footer.add_paragraph("*2323775*").style = styles["Footer"]
    # Odd pages: symbol right, page number right; even pages: both left.
    hp = section.header.paragraphs[0]
    hp.add_run(SYMBOL).bold = True
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fp = section.footer.paragraphs[0]
    tabbed(fp, True)
    fp.add_run(JOB + "\t")
    page_field(fp)
    hp = section.even_page_header.paragraphs[0]
    hp.add_run(SYMBOL).bold = True
    fp = section.even_page_footer.paragraphs[0]
    tabbed(fp, True)
    page_field(fp)
    fp.add_run("\t" + JOB)

    # Auto-numbering for the second half of the paragraphs.
    numbering = d.part.numbering_part.element
    abstract_id = 1 + max(int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum")))
    num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0)
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="{AUTO_FROM}"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:suff w:val="tab"/>'
            '<w:pPr><w:tabs><w:tab w:val="num" w:pos="1871"/></w:tabs><w:ind w:left="1304" w:firstLine="0"/></w:pPr>'
            "</w:lvl></w:abstractNum>"
        )
    )
    # abstractNum elements must precede num elements.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(numbering[-1])
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{AUTO_FROM}"/></w:lvlOverride></w:num>'
        )
    )

    footnote_done = False
    numpr = f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    for item in items:
        k = item.kind
        if k == "treaty":
            p = d.add_paragraph(style=h1)
            p.paragraph_format.right_indent = Cm(7)
            p.add_run(item.text).font.size = Pt(14)
            continue
        if k == "distr":
            p = d.add_paragraph(item.text, style=normal)
            p.paragraph_format.left_indent = Cm(12.5)
            if item.text.startswith("Original"):
                p.paragraph_format.space_before = Pt(10)
            continue
        if k in ("committee", "session"):
            p = d.add_paragraph(style=normal)
            p.paragraph_format.space_before = Pt(12 if k == "committee" else 0)
            p.add_run(item.text).bold = True
            continue
        if k == "title":
            d.add_paragraph(item.text, style=h1)
            continue
        if k in ("held", "chair"):
            p = d.add_paragraph(style=normal)
            p.paragraph_format.space_after = Pt(6)
            if k == "chair":
                p.paragraph_format.tab_stops.add_tab_stop(Cm(1.5))
                p.add_run(item.text.replace(": ", ":\t", 1))
            else:
                p.add_run(item.text)
            continue
        if k == "contents":
            d.add_paragraph(item.text, style=h1)
            continue
        if k == "contents_item":
            p = d.add_paragraph(style=normal)
            # The agenda item, then its sub-item further in, as the UN's contents lay them out.
            p.paragraph_format.left_indent = Cm(0.5 if item.number is None else 1.0)
            _add_runs(p, item.runs, None)
            continue
        if k == "notice":
            d.add_paragraph(item.text, style=small)
            continue
        if k == "heading":
            d.add_paragraph(item.text, style=h23)
            continue
        # Body paragraphs and stage directions.
        auto = item.number is not None and auto_from is not None and item.number >= auto_from
        if k == "direction" and item.number is None:
            p = d.add_paragraph(item.text, style=direction)  # italic from the style only
            continue
        p = d.add_paragraph(style=single)
        if auto:
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(numpr))
        elif item.number is not None:
            p.add_run(f"{item.number}.\t")
        runs = item.runs
        if k == "direction":
            runs = [(t, b, True) for t, b, _ in runs]
        before_note = None
        if not footnote_done and FOOTNOTE_AFTER in item.text:
            before_note = FOOTNOTE_AFTER
            footnote_done = True
        _add_runs(p, runs, styles["Speaker"] if auto else None, footnote_after=before_note)
    if not footnote_done:
        raise SystemExit(f"footnote anchor {FOOTNOTE_AFTER!r} not found in the sample")
    _add_footnotes_part(d)
    d.save(out)


def _add_runs(p, runs, bold_style, footnote_after: str | None = None) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for text, bold, italic in runs:
        if footnote_after and footnote_after in text:
            head, tail = text.split(footnote_after, 1)
            _add_run(p, head + footnote_after, bold, italic, bold_style)
            ref = p.add_run()
            ref._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
            ref.font.superscript = True
            _add_run(p, tail, bold, italic, bold_style)
            footnote_after = None
            continue
        _add_run(p, text, bold, italic, bold_style)


def _add_run(p, text: str, bold: bool, italic: bool, bold_style) -> None:
    if not text:
        return
    run = p.add_run(text)
    if bold and bold_style is not None:
        run.style = bold_style  # run.bold stays None: bold comes from the style chain
    elif bold:
        run.bold = True
    if italic:
        run.italic = True


def _add_footnotes_part(d) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:pPr><w:ind w:left="1304" w:hanging="227"/></w:pPr>'
        '<w:r><w:rPr><w:sz w:val="18"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {html.escape(FOOTNOTE_TEXT)}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode("utf-8"),
        d.part.package,
    )
    d.part.relate_to(part, RT.FOOTNOTES)


# -- LibreOffice conversions -----------------------------------------------------------------------
def soffice_convert(src: Path, target: str, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice is needed to build the fixtures: apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        produced = sorted(Path(tmp).iterdir())
        if not produced:
            raise SystemExit(f"LibreOffice produced nothing converting {src} to {target}")
        result = produced[0]
        dest = outdir / (src.stem + result.suffix)
        shutil.move(result, dest)
        return dest


# -- reportlab PDF with non-embedded base-14 fonts ---------------------------------------------------
def build_base14_pdf(items: list[Item], out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

    width, height = A4
    notes_on_page: dict[int, list[str]] = {}

    class NoteMark(Flowable):
        """Zero-size flowable that records the page its footnote belongs to."""

        def __init__(self, text: str):
            super().__init__()
            self.text = text

        def wrap(self, *_):
            return 0, 0

        def draw(self):
            notes_on_page.setdefault(self.canv.getPageNumber(), []).append(self.text)

    def decorate(canvas, doc) -> None:
        page = canvas.getPageNumber()
        canvas.saveState()
        if page == 1:
            canvas.setFont("Times-Bold", 10)
            canvas.drawString(1.9 * cm, height - 1.5 * cm, "United Nations")
            canvas.setFont("Times-Roman", 14)
            canvas.drawRightString(width - 1.9 * cm, height - 1.5 * cm, SYMBOL)
            canvas.setFont("Times-Roman", 8)
            canvas.drawString(1.9 * cm, 1.4 * cm, f"{JOB}  (E)    041223    051223")
            canvas.drawString(1.9 * cm, 1.0 * cm, "*2323775*")
        else:
            canvas.setFont("Times-Bold", 9)
            odd = page % 2 == 1
            if odd:
                canvas.drawRightString(width - 1.9 * cm, height - 1.5 * cm, SYMBOL)
            else:
                canvas.drawString(1.9 * cm, height - 1.5 * cm, SYMBOL)
            canvas.setFont("Times-Roman", 8)
            if odd:
                canvas.drawString(1.9 * cm, 1.2 * cm, JOB)
                canvas.drawRightString(width - 1.9 * cm, 1.2 * cm, str(page))
            else:
                canvas.drawString(1.9 * cm, 1.2 * cm, str(page))
                canvas.drawRightString(width - 1.9 * cm, 1.2 * cm, JOB)
        notes = notes_on_page.get(page, [])
        if notes:
            canvas.setLineWidth(0.5)
            y = 2.6 * cm
            canvas.line(4.2 * cm, y + 0.5 * cm, 8.2 * cm, y + 0.5 * cm)
            for i, note in enumerate(notes, start=1):
                canvas.setFont("Times-Roman", 6)
                canvas.drawString(4.0 * cm, y + 3, str(i))
                canvas.setFont("Times-Roman", 9)
                canvas.drawString(4.2 * cm, y, note)
                y -= 11
        canvas.restoreState()

    base = ParagraphStyle("base", fontName="Times-Roman", fontSize=10, leading=12)
    styles = {
        "treaty": ParagraphStyle("treaty", base, fontName="Times-Bold", fontSize=14, leading=17, rightIndent=7 * cm),
        "distr": ParagraphStyle("distr", base, leftIndent=12.5 * cm),
        "committee": ParagraphStyle("committee", base, fontName="Times-Bold", spaceBefore=12),
        "session": ParagraphStyle("session", base, fontName="Times-Bold"),
        "title": ParagraphStyle(
            "title", base, fontName="Times-Bold", fontSize=12, leading=15, spaceBefore=12, spaceAfter=6
        ),
        "held": ParagraphStyle("held", base, spaceAfter=6),
        "chair": ParagraphStyle("chair", base, spaceAfter=6),
        "contents": ParagraphStyle(
            "contents", base, fontName="Times-Bold", fontSize=12, leading=15, spaceBefore=12, spaceAfter=6
        ),
        "contents_item": ParagraphStyle("contents_item", base, leftIndent=0.5 * cm),
        "contents_subitem": ParagraphStyle("contents_subitem", base, leftIndent=1.0 * cm),
        "notice": ParagraphStyle(
            "notice", base, fontSize=9, leading=11, leftIndent=2.3 * cm, rightIndent=2 * cm, spaceAfter=6
        ),
        "heading": ParagraphStyle(
            "heading", base, fontName="Times-Bold", leftIndent=2.3 * cm, spaceBefore=12, spaceAfter=6
        ),
        "para": ParagraphStyle("para", base, leftIndent=2.3 * cm, rightIndent=2 * cm, spaceAfter=6, alignment=4),
    }
    styles["direction"] = ParagraphStyle("direction", styles["para"], fontName="Times-Italic")

    story: list = []
    for item in items:
        style = styles["contents_subitem" if item.kind == "contents_item" and item.number else item.kind]
        markup = "".join(_markup(t, b, i) for t, b, i in item.runs)
        if FOOTNOTE_AFTER in markup and not notes_on_page:
            markup = markup.replace(FOOTNOTE_AFTER, FOOTNOTE_AFTER + "<super>1</super>", 1)
            story.append(NoteMark(FOOTNOTE_TEXT))
        if item.number is not None and item.kind != "contents_item":
            markup = f"{item.number}.&nbsp;&nbsp;&nbsp;{markup}"
        story.append(Paragraph(markup, style))
    doc = BaseDocTemplate(
        str(out),
        pagesize=A4,
        title=f"{SYMBOL} (fixture)",
        author="tbdialogue tools/build_fixtures.py",
        invariant=1,
    )
    frame = Frame(1.9 * cm, 3.4 * cm, width - 3.8 * cm, height - 3.4 * cm - 2.3 * cm, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=decorate)])
    doc.build(copy.copy(story))


def _markup(text: str, bold: bool, italic: bool) -> str:
    s = html.escape(text, quote=False)
    if bold:
        s = f"<b>{s}</b>"
    if italic:
        s = f"<i>{s}</i>"
    return s


# -- files the readers must refuse ----------------------------------------------------------------------
def build_refusal_fixtures(out: Path) -> None:
    """A scanned PDF (a page image, no text layer) and a password-protected PDF."""
    import io

    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out.mkdir(parents=True, exist_ok=True)
    image = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(image)
    for y in range(60, 560, 14):  # grey bars where a scan would show lines of text
        draw.rectangle((40, y, 380 - (y * 7) % 90, y + 6), fill=90)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    c = canvas.Canvas(str(out / "scanned.pdf"), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    c = canvas.Canvas(str(out / "encrypted.pdf"), pagesize=A4, invariant=1, encrypt="open-sesame")
    c.setFont("Times-Roman", 10)
    c.drawString(72, 760, "Summary record of the 537th meeting")
    c.showPage()
    c.save()


# -- hand-written HTML -----------------------------------------------------------------------------
def build_plain_html(items: list[Item], out: Path) -> None:
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{SYMBOL}</title>",
        "<style>p { margin: 0 0 .5em } .sr b { font-weight: bold }</style>",
        "<script>var tracking = 'The meeting rose at 9 p.m.';</script>",
        "</head><body>",
        '<nav><a href="/">Home</a> | <a href="/bodies">Treaty bodies</a> | <a href="/search">Search</a></nav>',
        '<main class="sr">',
    ]
    tags = {
        "treaty": "h1",
        "title": "h2",
        "contents": "h3",
        "heading": "h4",
    }
    for item in items:
        inner = "".join(_html_run(t, b, i) for t, b, i in item.runs)
        if item.number is not None and item.kind != "contents_item":
            inner = f"{item.number}. {inner}"
        tag = tags.get(item.kind, "p")
        lines.append(f"<{tag}>{inner}</{tag}>")
    lines += [
        "</main>",
        "<footer>Page generated for tbdialogue tests. <a href='#top'>Top</a></footer>",
        "</body></html>",
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _html_run(text: str, bold: bool, italic: bool) -> str:
    s = html.escape(text, quote=False)
    if bold:
        s = f"<strong>{s}</strong>"
    if italic:
        s = f"<em>{s}</em>"
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "formats")
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    items = record_items()
    docx_path = out / f"{STEM}.docx"
    build_docx(items, docx_path)
    soffice_convert(docx_path, "pdf", out)
    soffice_convert(docx_path, "html", out)
    soffice_convert(docx_path, "odt", out)
    # Legacy .doc: typed paragraph numbers throughout, as in the older records that come as .doc
    # (LibreOffice's Word 97 export renumbers a Word list interrupted by a stage direction).
    with tempfile.TemporaryDirectory() as tmp:
        typed = Path(tmp) / f"{STEM}.docx"
        build_docx(items, typed, auto_from=None)
        soffice_convert(typed, "doc", out)
    build_base14_pdf(items, out / f"{STEM}-base14.pdf")
    build_plain_html(items, out / f"{STEM}-plain.html")
    build_refusal_fixtures(out / "refused")
    for path in sorted(out.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
