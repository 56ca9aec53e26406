"""The brief as a Word document (python-docx), to edit and send on."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from . import Serializer, register
from .brief import FOOTER, LEGEND, brief, cite

if TYPE_CHECKING:
    from ..analyse import DialogueAnalysis


def to_docx(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> bytes:
    """The brief (see ``brief``) as DOCX bytes: headings, the summary, the warnings, one table per section."""
    import docx  # python-docx, a dependency: imported here only because it is slow to import
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    for n, d in enumerate(brief(analyses, statuses)):
        if n:
            document.add_page_break()
        document.add_heading(d.title, level=1)
        if d.subtitle:
            document.add_paragraph().add_run(f"{d.subtitle}.").italic = True
        document.add_paragraph(f"Records analysed: {d.records}.")
        document.add_paragraph().add_run(f"{d.summary}.").bold = True
        if d.warnings:
            document.add_paragraph().add_run("The records supplied do not show the whole dialogue.").bold = True
            for w in d.warnings:
                document.add_paragraph(f"{w}.", style="List Bullet")
            document.add_paragraph("“Not answered” means that no answer was found in the records supplied.")
        document.add_paragraph(LEGEND.replace("**", "")).runs[0].italic = True
        for sec in d.sections:
            document.add_heading(sec.heading, level=2)
            if sec.bucket == "unanswered":
                head = ["Asked by", "Question", "Asked in", "Closest paragraph, not linked (check it)"]
            else:
                head = ["Asked by", "Question", "Asked in", "Answer (quoted)", "Cited"] + (
                    ["Why to check"] if sec.bucket == "check" else []
                )
            table = document.add_table(rows=1, cols=len(head))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, head, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for r in sec.rows:
                cells = [r.askers, r.question, cite(r.asked_in)]
                if sec.bucket == "unanswered":
                    cells.append(("check: " if r.flag == "check" else "") + (r.note or "—"))
                else:
                    cited = ", ".join(cite(c) for c in r.cited) or "—"
                    if r.flag == "reviewed":
                        cited += f" ({r.note})"
                    cells += [r.answer or "—", cited]
                    if sec.bucket == "check":
                        cells.append("—" if r.flag == "reviewed" else r.note)
                for cell, text in zip(table.add_row().cells, cells, strict=True):
                    cell.text = text
        if d.merged:
            document.add_paragraph(
                f"{d.merged} question(s) asked again by another member are listed once, with both askers."
            )
        document.add_paragraph(FOOTER).runs[0].italic = True
        for note in d.notes:
            document.add_paragraph(f"Note: {note}.").runs[0].italic = True
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


register(
    Serializer(
        "questions",
        "docx",
        to_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
        "the brief as a Word document",
    )
)
