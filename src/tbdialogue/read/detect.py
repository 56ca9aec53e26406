"""Tell a file's format from its content (magic bytes), not from its name."""

from __future__ import annotations

import re

# Order matters: the first signature that matches wins.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # legacy .doc/.xls (Compound File)
    (b"{\\rtf", "rtf"),
    (b"PK\x03\x04", "zip"),  # docx, odt, ... (decided by the zip's content)
    (b"\x1f\x8b", "gzip"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
]
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_MARKDOWN = re.compile(
    r"\*\*[^\W\d_][^*\n]{0,120}\*\*|^#{1,6} \S|\\[$*_#\[\]]|^\s{0,3}\*[A-Z][^*\n]{3,300}\*\s*$", re.M
)


def sniff(data: bytes, name: str | None = None) -> str:
    """Return the format of ``data``: pdf, ole, rtf, zip, html, text, markdown, binary, ..."""
    head = data[:4096]
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return _zip_kind(data) if fmt == "zip" else fmt
    for bom, codec in _BOMS:
        if head.startswith(bom):
            # decoded later; markdown is decided on the decoded text, HTML here on the decoded start
            start = data[:65536].decode(codec, "ignore").encode("utf-8", "ignore")
            return "html" if _HTML.match(_past_comments(start)) else "text"
    if b"\x00" in head:
        return "binary"
    if _HTML.match(_past_comments(data[:65536])):
        return "html"
    return "text"


def _past_comments(start: bytes) -> bytes:
    """The start of a file past the comments that open it: a page may begin with one before its
    DOCTYPE, and must still be read (and checked) as HTML."""
    start = start.lstrip()
    while start.startswith(b"<!--"):
        end = start.find(b"-->", 4)
        if end == -1:
            break
        start = start[end + 3 :].lstrip()
    return start


def _zip_kind(data: bytes) -> str:
    """docx / odt / xlsx / zip, from the member names at the start of the archive or in its
    central directory (at the end), so that a DOCX whose media come first is still a DOCX."""
    head = data[:65536] + data[-65536:]
    if b"word/" in head:
        return "docx"
    if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:
        return "odt"
    if b"xl/" in head:
        return "xlsx"
    return "zip"


def looks_like_markdown(text: str, name: str | None = None) -> bool:
    """True for a Markdown conversion (``**bold**`` labels, ``\\$`` escapes, ``#`` headings)."""
    if name and name.lower().endswith((".md", ".markdown")):
        return True
    return len(_MARKDOWN.findall(text[:200_000])) >= 2
