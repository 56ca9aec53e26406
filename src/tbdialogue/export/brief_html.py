"""The brief as one self-contained HTML page: no script, no external file, printable (A4)."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from . import Serializer, register
from .brief import FOOTER, LEGEND, BriefRow, brief, cite, document_url

if TYPE_CHECKING:
    from ..analyse import DialogueAnalysis

_CSS = """
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #999; }
.summary { font-weight: bold; } .legend, .footer { font-size: .9rem; color: #333; }
.warnings { border-left: 4px solid #b35900; background: #fff6ea; padding: .5rem 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; } th, td { border: 1px solid #bbb; padding: .35rem .45rem; vertical-align: top; text-align: left; }
th { background: #eee; } .check { background: #fff3cd; } .reviewed { background: #e8f4ea; }
.flag { font-weight: bold; color: #8a4b00; } a { color: #0b4f8a; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } tr { page-break-inside: avoid; } @page { size: A4; margin: 18mm; } }
"""


def _cite(pid: str) -> str:
    url = document_url(pid)
    text = escape(cite(pid))
    return f'<a href="{escape(url)}">{text}</a>' if url else text


def _note(r: BriefRow) -> str:
    text = escape(r.note)
    for pid in r.note_cites:
        text = text.replace(escape(cite(pid)), _cite(pid), 1)
    if r.flag == "check":
        return f'<span class="flag">check:</span> {text}' if text else '<span class="flag">check</span>'
    return f"<em>{text}</em>" if r.flag == "reviewed" else text


def to_html(analyses: list[DialogueAnalysis], statuses: set[str] | None = None) -> str:
    """The brief (see ``brief``) as an HTML page."""
    dialogues = brief(analyses, statuses)
    title = dialogues[0].title if len(dialogues) == 1 else "Questions and answers"
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
    ]
    for d in dialogues:
        out.append(f"<h1>{escape(d.title)}</h1>")
        if d.subtitle:
            out.append(f"<p><em>{escape(d.subtitle)}</em>.</p>")
        out.append(f"<p>Records analysed: {escape(d.records)}.</p>")
        out.append(f'<p class="summary">{escape(d.summary)}.</p>')
        if d.warnings:
            items = "".join(f"<li>{escape(w)}.</li>" for w in d.warnings)
            out.append(
                '<div class="warnings"><p><strong>The records supplied do not show the whole dialogue.</strong></p>'
                f"<ul>{items}</ul><p>“Not answered” means that no answer was found in the records supplied.</p></div>"
            )
        legend = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escape(LEGEND))
        out.append(f'<p class="legend">{legend}</p>')
        for sec in d.sections:
            out.append(f"<h2>{escape(sec.heading)}</h2>")
            if sec.bucket == "unanswered":
                head = ["Asked by", "Question", "Asked in", "Closest paragraph, not linked (check it)"]
            else:
                head = ["Asked by", "Question", "Asked in", "Answer (quoted)", "Cited"] + (
                    ["Why to check"] if sec.bucket == "check" else []
                )
            out.append("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>")
            for r in sec.rows:
                cls = f' class="{r.flag}"' if r.flag else ""
                cells = [escape(r.askers), escape(r.question), _cite(r.asked_in)]
                if sec.bucket == "unanswered":
                    cells.append(_note(r) or "—")
                else:
                    cited = ", ".join(_cite(c) for c in r.cited) or "—"
                    if r.flag == "reviewed":
                        cited += f" ({_note(r)})"
                    cells += [escape(r.answer) or "—", cited]
                    if sec.bucket == "check":
                        cells.append("—" if r.flag == "reviewed" else escape(r.note))
                out.append(f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            out.append("</tbody></table>")
        if d.merged:
            out.append(
                f"<p><em>{d.merged} question(s) asked again by another member are listed once, with both askers.</em></p>"
            )
        out.append(f'<p class="footer">{escape(FOOTER)}</p>')
        out += [f'<p class="footer">Note: {escape(n)}.</p>' for n in d.notes]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


register(Serializer("questions", "html", to_html, "text/html", ".html", "the brief as one printable HTML page"))
