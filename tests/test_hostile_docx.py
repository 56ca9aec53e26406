"""Hostile Word files (issue 13): every XML part goes through one hardened parser whatever its
encoding or where its DTD sits; damaged footnotes are "damaged", not an internal error; headers that
lie about sizes are refused with bounded memory. Built from the shipped DOCX fixture."""

from __future__ import annotations

import subprocess
import sys

import pytest
from benchmarks.hostile import big_docx, docx_with, lying_docx

from .test_format_refusals import _refused

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = b'<!ENTITY a "lollollollollollollollollol">' + b"".join(
    b'<!ENTITY %c "%s">' % (ord("b") + i, b"".join(b"&%c;" % (ord("a") + i) for _ in range(10))) for i in range(8)
)


def _with(part: str, data: bytes) -> bytes:
    """The DOCX fixture with one part replaced."""
    return docx_with({part: data})


def _document(prolog: bytes, encoding: str = "utf-8") -> bytes:
    text = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n'.encode()
        + prolog
        + b"<w:document "
        + W
        + b"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"
    )
    return text.decode("utf-8").encode(encoding)


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("word/document.xml", _document(b"<!-- " + b"x" * 10_000 + b" -->\n<!DOCTYPE w:document [" + LAUGHS + b"]>\n")),
        ("word/document.xml", _document(b'<!DOCTYPE w:document SYSTEM "http://example.org/x.dtd">\n')),
        ("word/document.xml", _document(b"<!DOCTYPE w:document [" + LAUGHS + b"]>\n", "utf-16")),
        ("word/footnotes.xml", _document(b"<!DOCTYPE w:document [" + LAUGHS + b"]>\n", "utf-16")),
        ("word/styles.xml", _document(b"<!-- c --><!DOCTYPE w:styles [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>")),
        ("word/numbering.xml", _document(b"<!DOCTYPE w:numbering>\n")),
    ],
    ids=["after a long comment", "external subset", "UTF-16 document", "UTF-16 footnotes", "styles", "bare"],
)
def test_a_dtd_is_refused_in_any_part_whatever_its_encoding_or_place(tmp_path, part, data):
    path = tmp_path / "dtd.docx"
    path.write_bytes(_with(part, data))
    _refused(path, "carries a DTD", "refusing it")


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("word/footnotes.xml", b'<?xml version="1.0"?><w:footnotes ' + W + b"><w:footnote><w:p>"),
        ("word/footnotes.xml", "<w:footnotes ".encode("utf-16") + W + b"/>"),
        ("word/document.xml", b"<w:document " + W + b"><w:body></w:document>"),
        ("word/header1.xml", b"\xff\xfe\x00garbage"),
    ],
    ids=["unclosed footnotes", "half UTF-16 footnotes", "unclosed body", "garbage header"],
)
def test_a_damaged_part_is_damaged_not_an_internal_error(tmp_path, part, data):
    path = tmp_path / "damaged.docx"
    path.write_bytes(_with(part, data))
    _refused(path, "damaged")


def _peak_mb(path) -> tuple[int, str]:
    """Parse in a fresh process; its peak memory (MB) and the error line."""
    # VmHWM, the process's own high-water mark: ru_maxrss keeps the parent's across fork and exec (the
    # test process's hundreds of MB in a full run).
    code = (
        "import re, sys\n"
        "from tbdialogue import parse_file\n"
        "from tbdialogue.errors import TbdError\n"
        "try:\n    parse_file(sys.argv[1]); msg = 'parsed'\n"
        "except TbdError as exc:\n    msg = str(exc)\n"
        "kb = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
        "print(kb // 1024, msg)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    mb, _, msg = out.stdout.strip().partition(" ")
    return int(mb), msg


def test_headers_that_lie_about_sizes_are_refused_with_bounded_memory(tmp_path):
    path = tmp_path / "liar.docx"
    path.write_bytes(lying_docx(600_000_000))  # 600 MB of spaces, declared as 42 KB: under 3 MB on disk
    assert path.stat().st_size < 4_000_000
    mb, message = _peak_mb(path)
    # zipfile stops at the declared size and then fails the CRC; either way, one line and little memory.
    assert "inflates beyond the size its archive declares" in message or "is damaged" in message, message
    assert mb < 300, f"peak {mb} MB"


def test_a_docx_larger_than_its_parts_may_expand_to_is_refused_unread(tmp_path):
    """A 70 MB DOCX (a stored 70 MB picture): refused from its size on disk, before it is read —
    a 240 MB one peaked at 2.3 GB when limits were checked after the text was built."""
    path = tmp_path / "big.docx"
    big_docx(path, 70)
    assert path.stat().st_size > 70_000_000
    mb, message = _peak_mb(path)
    assert "the DOCX file is 74 MB, more than its parts may expand to" in message, message
    assert mb < 100, f"peak {mb} MB"  # the interpreter and the reader, not the file
