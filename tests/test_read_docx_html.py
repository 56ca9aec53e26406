"""DOCX and HTML readers: formatting through styles and CSS, numbering, hidden and tracked text,
headers, footers and notes — on documents built in the test."""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tbdialogue.read import read_bytes


def _docx(build) -> bytes:
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _read(build):
    return read_bytes(_docx(build), path="test.docx")


def test_bold_and_italic_through_the_style_chain():
    def build(d):
        base = d.styles.add_style("Label base", WD_STYLE_TYPE.CHARACTER)
        base.font.bold = True
        label = d.styles.add_style("Label", WD_STYLE_TYPE.CHARACTER)
        label.base_style = base  # bold only through the base style
        heading = d.styles.add_style("Agenda", WD_STYLE_TYPE.PARAGRAPH)
        heading.base_style = d.styles["Normal"]
        heading.font.bold = True
        p = d.add_paragraph()
        r = p.add_run("Mr. Ünver")
        r.style = label
        assert r.bold is None  # what python-docx says: the reader must look further
        p.add_run(" said that…")
        p = d.add_paragraph("Second periodic report of Kyrgyzstan", style=heading)
        p.add_run(" (not bold)").bold = False  # direct formatting switches the style's bold off
        p = d.add_paragraph()
        p.add_run("Ms. Dzumhur").style = d.styles["Strong"]
        p.add_run(" asked.").italic = True

    blocks = _read(build).blocks
    assert blocks[0].bold_prefix() == "Mr. Ünver" and not blocks[0].runs[-1].bold
    assert blocks[1].runs[0].bold and blocks[1].runs[0].text == "Second periodic report of Kyrgyzstan"
    assert not blocks[1].runs[1].bold
    assert blocks[2].bold_prefix() == "Ms. Dzumhur" and blocks[2].runs[-1].italic


def test_document_default_italic():
    def build(d):
        rpr = d.styles.element.find(f"{{{d.styles.element.nsmap['w']}}}docDefaults")
        rpr.append(parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr><w:i/></w:rPr></w:rPrDefault>"))
        for rd in rpr.findall(f"{{{d.styles.element.nsmap['w']}}}rPrDefault")[:-1]:
            rpr.remove(rd)
        d.add_paragraph("The meeting rose at 1 p.m.")

    (block,) = _read(build).blocks
    assert block.is_all_italic()


def _numbering(d, start: int, with_override: bool) -> tuple[str, str]:
    numbering = d.part.numbering_part.element
    w = numbering.nsmap["w"]
    aid = 1 + max(int(a.get(f"{{{w}}}abstractNumId")) for a in numbering.findall(f"{{{w}}}abstractNum"))
    nid = 1 + max((int(n.get(f"{{{w}}}numId")) for n in numbering.findall(f"{{{w}}}num")), default=0)
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
            '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'
        ),
    )
    override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>' if with_override else ""
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>')
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid + 1}"><w:abstractNumId w:val="{aid}"/></w:num>'))
    return str(nid), str(nid + 1)


def _numbered(d, text: str, num_id: str, ilvl: int = 0):
    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_word_numbering_is_counted_as_word_displays_it():
    """One counter per abstract list, shared by its instances; startOverride restarts it once;
    sub-levels print their label; a stage direction between items does not break the count."""

    def build(d):
        first, second = _numbering(d, 25, with_override=True)
        _numbered(d, "She wished to know …", first)
        _numbered(d, "Mr. Babacar said …", second)
        _numbered(d, "first point", second, ilvl=1)
        _numbered(d, "second point", second, ilvl=1)
        d.add_paragraph("The meeting was suspended at 11.25 a.m.")
        _numbered(d, "A representative said …", second)

    blocks = _read(build).blocks
    assert [b.list_number for b in blocks] == [25, 26, None, None, None, 27]
    assert [b.text for b in blocks[2:4]] == ["(a) first point", "(b) second point"]


def test_hidden_deleted_and_inserted_text():
    def build(d):
        p = d.add_paragraph("Mr. Charef said that ")
        hidden = p.add_run("HIDDEN NOTE ")
        hidden.font.hidden = True
        w = nsdecls("w")
        p._p.append(
            parse_xml(f'<w:del {w} w:id="1" w:author="x"><w:r><w:delText>deleted words </w:delText></w:r></w:del>')
        )
        p._p.append(
            parse_xml(
                f'<w:ins {w} w:id="2" w:author="x"><w:r><w:t xml:space="preserve">remittances </w:t></w:r></w:ins>'
            )
        )
        p._p.append(parse_xml(f"<w:hyperlink {w}><w:r><w:t>mattered.</w:t></w:r></w:hyperlink>"))

    (block,) = _read(build).blocks
    assert block.text == "Mr. Charef said that remittances mattered."


def test_headers_footers_line_breaks_and_tables():
    def build(d):
        section = d.sections[0]
        section.header.paragraphs[0].text = "CMW/C/SR.537"
        section.footer.paragraphs[0].text = "GE.23-23775"
        p = d.add_paragraph("Distr.: General")
        p.add_run().add_break()
        p.add_run("5 December 2023")
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Chair:"
        table.cell(0, 1).text = "Mr. Corzo Sosa"

    doc = _read(build)
    assert [(b.text, b.gap_before) for b in doc.blocks] == [
        ("Distr.: General", True),
        ("5 December 2023", False),
        ("Chair:", True),
        ("Mr. Corzo Sosa", True),
    ]
    assert ("symbol", "CMW/C/SR.537", None) in doc.furniture
    assert ("job_number", "GE.23-23775", None) in doc.furniture
    assert doc.header_symbol == "CMW/C/SR.537"
    assert all(b.page is None for b in doc.blocks)  # no page breaks recorded by Word: no pages


def _html(markup: str, **kw):
    return read_bytes(markup.encode(kw.get("encoding", "utf-8")), path="test.html")


def test_html_bold_italic_from_tags_inline_css_and_classes():
    doc = _html(
        "<!DOCTYPE html><html><head><style>span.Speaker { font-weight: bold } .sd {font-style: italic}</style>"
        "<script>document.write('The meeting rose at 9 p.m.')</script></head><body>"
        "<nav>Home | Bodies</nav>"
        "<p><span class=Speaker>Mr. Ünver</span> said that …</p>"
        "<p><span style='font-weight:700'>Ms. Dzumhur</span> said that <b style='font-weight: normal'>x</b></p>"
        "<p class=sd>The meeting rose at 1 p.m.</p>"
        "<p><span style='font: italic bold 10pt Times'>The Chair</span> said<br>that it<br/>would</p>"
        "</body></html>"
    )
    assert [b.text for b in doc.blocks] == [
        "Mr. Ünver said that …",
        "Ms. Dzumhur said that x",
        "The meeting rose at 1 p.m.",
        "The Chair said",
        "that it",
        "would",
    ]
    assert doc.blocks[0].bold_prefix() == "Mr. Ünver"
    assert doc.blocks[1].bold_prefix() == "Ms. Dzumhur" and not doc.blocks[1].runs[-1].bold
    assert doc.blocks[2].is_all_italic()
    assert doc.blocks[3].bold_prefix() == "The Chair" and [b.gap_before for b in doc.blocks[3:]] == [True, False, False]


def test_html_lists_footnotes_and_word_markup():
    doc = _html(
        "<html><body><ol start=24><li><p>Ms. Dzumhur said …</p></li><li>She wished …</li></ol>"
        "<p><i>The meeting was suspended.</i></p>"
        "<ol start=24><li>Resumed list</li></ol>"
        "<ol><li>first</li></ol>"
        '<p>Decision No. 169<sup><a class="sdfootnoteanc" href="#sdfootnote1sym"><sup>1</sup></a></sup> on</p>'
        "<p>Act<a style='mso-footnote-id:ftn2' href='#_ftn2' name='_ftnref2'><sup>2</sup></a> of 2017</p>"
        '<div id="sdfootnote1"><p><a class="sdfootnotesym" href="#sdfootnote1anc">1</a>A note.</p></div>'
        "<div style='mso-element:footnote' id=ftn2><p>2 Another note.</p></div>"
        "<footer>Site footer</footer></body></html>"
    )
    assert [(b.text, b.list_number) for b in doc.blocks] == [
        ("Ms. Dzumhur said …", 24),
        ("She wished …", 25),
        ("The meeting was suspended.", None),
        ("Resumed list", 26),  # an interrupted list exported with the same start continues
        ("first", 1),
        ("Decision No. 169 on", None),
        ("Act of 2017", None),
    ]
    assert doc.footnotes == [("1A note.", None), ("2 Another note.", None)]
    assert doc.furniture == [("site", "Site footer", None)]


def test_html_in_windows_1252_without_a_charset():
    doc = read_bytes("<html><body><p>Mr. Ünver said – yes.</p></body></html>".encode("cp1252"), path="x.html")
    assert doc.blocks[0].text == "Mr. Ünver said – yes."


def test_docx_pages_where_word_recorded_its_page_breaks():
    def build(d):
        w = nsdecls("w")
        d.add_paragraph("1. A paragraph on page one.")
        p = d.add_paragraph("2. A paragraph that runs ")
        p._p.append(parse_xml(f"<w:r {w}><w:lastRenderedPageBreak/><w:t>over the break.</w:t></w:r>"))
        p = d.add_paragraph()
        p._p.append(parse_xml(f"<w:r {w}><w:lastRenderedPageBreak/><w:t>3. On page three.</w:t></w:r>"))

    doc = _read(build)
    assert [b.pages for b in doc.blocks] == [[1], [1, 2], [3]]
    assert doc.page_count == 3
