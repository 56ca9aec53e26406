"""tbdialogue: UN treaty-body summary records as structured, citable data.

Library first: ``parse_file(path)`` reads any supported file and returns a :class:`Record`;
the command line (``tbdialogue``) is a thin layer on top.
"""

from __future__ import annotations

import os

from .errors import NotASummaryRecord, TbdError, UnreadableInput
from .model import SCHEMA_ID, Record

__version__ = "0.1.0"
__all__ = [
    "parse_file",
    "parse_bytes",
    "parse_text",
    "Record",
    "SCHEMA_ID",
    "TbdError",
    "UnreadableInput",
    "NotASummaryRecord",
]


def parse_file(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    language: str | None = None,
    max_bytes: int | None = None,
) -> Record:
    """Read and parse one file (format detected from its content)."""
    from .parse import parse_document
    from .read import DEFAULT_MAX_BYTES, read_path

    doc = read_path(path, encoding=encoding, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    return parse_document(doc, language=language)


def parse_bytes(
    data: bytes, *, name: str | None = None, encoding: str | None = None, language: str | None = None
) -> Record:
    from .parse import parse_document
    from .read import read_bytes

    return parse_document(read_bytes(data, path=name, encoding=encoding), language=language)


def parse_text(text: str, *, markdown: bool | None = None, language: str | None = None) -> Record:
    """Parse a record given as a string (plain text, or Markdown when it looks like Markdown)."""
    from .parse import parse_document
    from .read.blocks import Document
    from .read.detect import looks_like_markdown
    from .read.text import blocks_from_text

    md = looks_like_markdown(text) if markdown is None else markdown
    doc = Document(blocks=blocks_from_text(text, md), format="markdown" if md else "text")
    return parse_document(doc, language=language)
