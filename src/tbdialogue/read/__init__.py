"""Read stage: a file of any supported format → a :class:`Document` of blocks.

Readers are registered per format; the format is decided from the content (magic bytes), so a PDF
named ``.txt`` is still read as a PDF. Every failure is an :class:`~tbdialogue.errors.UnreadableInput`
with a one-line reason.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..document import Block, Document, Run
from ..errors import UnreadableInput
from .detect import sniff

__all__ = ["Block", "Document", "Run", "read_bytes", "read_path", "reader", "READERS", "DEFAULT_MAX_BYTES"]

#: Refuse files larger than this (bytes) unless the caller raises the limit.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
#: Lines or paragraphs beyond which a document cannot be one summary record: a record has a few
#: hundred paragraphs (a 38-page UN PDF: 330 blocks), about 2,000 lines even as text with a line per
#: printed line. Every block costs the parser 0.1–0.3 ms (its labels, headings, stage directions),
#: so 9,000 to 24,000 short lines took 2–4 s; past 5,000 the file is refused at once.
MAX_BLOCKS = 5_000

Reader = Callable[..., Document]

#: format → "module:function" of its reader, ``reader(data, path=..., encoding=...)``; formats
#: without a reader are refused clearly. A reader's module is imported when a file of its format
#: comes (reading a text file does not load the PDF layout code).
READERS: dict[str, str] = {
    "text": "text:read_text",
    "pdf": "pdf:read_pdf",
    "docx": "docx:read_docx",
    "html": "html:read_html",
    "ole": "office:read_doc",
    "odt": "office:read_odt",
    "rtf": "office:read_rtf",
}


def reader(fmt: str) -> Reader | None:
    """The reader of a format, or None."""
    entry = READERS.get(fmt)
    if entry is None:
        return None
    module, function = entry.split(":")
    return getattr(import_module(f".{module}", __name__), function)


_REFUSALS = {
    "binary": "a binary file, not a text document",
    "png": "an image (PNG), not a document with text; OCR is not supported",
    "jpeg": "an image (JPEG), not a document with text; OCR is not supported",
    "gif": "an image (GIF), not a document with text",
    "tiff": "an image (TIFF), not a document with text; OCR is not supported",
    "gzip": "a compressed archive; extract it first",
    "zip": "a ZIP archive that is not a Word or OpenDocument file; extract it first",
    "xlsx": "a spreadsheet, not a summary record",
}


def read_bytes(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    """Read a document from bytes, choosing the reader by content."""
    if not data.strip():
        raise UnreadableInput("the file is empty")
    fmt = sniff(data, path)
    read = reader(fmt)
    if read is None:
        reason = _REFUSALS.get(fmt, f"{fmt.upper()} files are not supported yet")
        raise UnreadableInput(reason)
    doc = read(data, path=path, encoding=encoding)
    if len(doc.blocks) > MAX_BLOCKS:
        raise UnreadableInput(
            f"{len(doc.blocks):,} lines or paragraphs, far more than any summary record "
            f"(at most {MAX_BLOCKS:,}; a record has a few hundred, 2,000 lines as text): not one record"
        )
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


#: Bytes read first, to tell the format (and its size limit) before the rest is read.
_HEAD = 1 << 16


def _refuse_oversized(fmt: str, size: int) -> None:
    """Refuse, from its size on disk, a file larger than its format allows one record to be — before
    it is read: a 62 MB text or a 240 MB DOCX is refused without being loaded (the readers check the
    same limits on bytes given them, e.g. standard input or an upload)."""
    if fmt == "text":
        from .text import check_size
    elif fmt == "html":
        from .html import check_size
    elif fmt in ("docx", "odt"):
        from .safezip import check_file_size

        check_file_size(size, fmt.upper())
        return
    else:
        return
    check_size(size)


def read_path(
    path: str | os.PathLike[str], encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read a file from disk."""
    p = Path(path)
    if not p.exists():
        raise UnreadableInput(f"no such file: {p}")
    if p.is_dir():
        raise UnreadableInput(f"{p} is a folder, not a file")
    if not p.is_file():
        # A FIFO, a device or a socket has no size to check and may never end (/dev/zero).
        raise UnreadableInput("not a regular file (a pipe, device or socket): save the record to a file first")
    size = p.stat().st_size
    try:
        with p.open("rb") as f:
            head = f.read(_HEAD)
            sample = head
            if head.startswith(b"PK") and size > _HEAD:  # a ZIP's kind may show only in its directory, at the end
                f.seek(max(size - _HEAD, _HEAD))
                sample = head + f.read(_HEAD)
                f.seek(len(head))
            _refuse_oversized(sniff(sample, str(p)), size)  # before --max-size: raising it would not help
            if size > max_bytes:
                raise UnreadableInput(
                    f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; raise it with --max-size"
                )
            data = head + f.read(max_bytes + 1 - len(head))  # the file may have grown since its size was read
    except OSError as exc:
        raise UnreadableInput(f"cannot read {p}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise UnreadableInput(f"file is over the {max_bytes / 1e6:.0f} MB limit; raise it with --max-size")
    return read_bytes(data, path=str(p), encoding=encoding)
