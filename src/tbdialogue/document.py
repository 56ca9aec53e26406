"""What every reader yields: blocks of text with their bold/italic runs and page provenance.

A block is one paragraph-like unit as the source lays it out (a Markdown paragraph, a line of a
single-newline text, a PDF text paragraph, a DOCX paragraph). Readers do not interpret blocks:
deciding what is a speaker label, a heading or a page-break split is the parser's job, so that all
formats share one parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(slots=True)
class Block:
    """A paragraph-like unit of the source, in reading order."""

    runs: list[Run]
    page: int | None = None
    #: Last page the block reaches when it runs over a page break (paged sources only).
    page_end: int | None = None
    #: True when a blank line, a page break or a paragraph boundary precedes it in the source.
    gap_before: bool = True
    #: Number that the source's automatic numbering gave this paragraph (DOCX lists), if any.
    list_number: int | None = None
    #: Reader's hint of the block's layer: "body", "header", "footer", "footnote".
    layer: str = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def pages(self) -> list[int] | None:
        if self.page is None:
            return None
        end = self.page_end if self.page_end is not None else self.page
        return list(range(self.page, end + 1))

    def bold_prefix(self) -> str:
        """The bold text at the very start of the block (leading spaces and numbers allowed)."""
        out: list[str] = []
        started = False
        for run in self.runs:
            if run.bold and run.text.strip():
                out.append(run.text)
                started = True
            elif not started and not run.text.strip(" \t0123456789.").strip():
                continue  # paragraph number or spaces before the label
            elif started and not run.text.strip():
                out.append(run.text)
            else:
                break
        return "".join(out).strip()

    def is_all_italic(self) -> bool:
        """True when every letter of the block is italic (a stage direction, typographically)."""
        letters = [r for r in self.runs if any(c.isalpha() for c in r.text)]
        return bool(letters) and all(r.italic for r in letters)


@dataclass(slots=True)
class Document:
    """A read file: body blocks in order, plus what the reader already knows is not body."""

    blocks: list[Block]
    format: str
    path: str | None = None
    sha256: str | None = None
    page_count: int | None = None
    #: Page furniture the reader removed by position/repetition: (kind, text, page).
    furniture: list[tuple[str, str, int | None]] = field(default_factory=list)
    #: Footnotes the reader found: (text, page).
    footnotes: list[tuple[str, int | None]] = field(default_factory=list)
    #: Problems met while reading (passed on to the record's warnings).
    warnings: list[str] = field(default_factory=list)
    #: Symbol printed in the running header of a paged source, when the reader saw one.
    header_symbol: str | None = None
