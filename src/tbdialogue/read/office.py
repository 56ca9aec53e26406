"""Legacy Word (.doc), OpenDocument (.odt) and RTF: converted to DOCX by LibreOffice, then read.

LibreOffice is optional: when ``soffice`` is not on the machine the reader says how to install it
(or which format to save the file in instead). The conversion runs headless, in a private profile
and a temporary folder, with a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import UnreadableInput
from .docx import read_docx
from .safezip import open_checked

#: Seconds one conversion may take.
TIMEOUT = 180
_NAMES = {"doc": "legacy Word (.doc)", "odt": "OpenDocument (.odt)", "rtf": "RTF"}
_SUFFIX = {"doc": ".doc", "odt": ".odt", "rtf": ".rtf"}
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def soffice() -> str | None:
    """Path of LibreOffice's command-line program, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, kind: str) -> bytes:
    """Convert a .doc/.odt/.rtf file's bytes to DOCX bytes with LibreOffice."""
    program = soffice()
    if program is None:
        raise UnreadableInput(
            f"{_NAMES[kind]} files are converted with LibreOffice, which is not installed: install it "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or save the file as DOCX or PDF"
        )
    with tempfile.TemporaryDirectory(prefix="tbdialogue-") as tmp:
        src = Path(tmp) / f"record{_SUFFIX[kind]}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(src),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False, env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise UnreadableInput(f"LibreOffice took over {TIMEOUT} s to convert the {_NAMES[kind]} file") from None
        except OSError as exc:
            raise UnreadableInput(f"could not run LibreOffice ({exc.strerror or exc})") from None
        result = out / "record.docx"
        if not result.is_file():
            raise UnreadableInput(f"LibreOffice could not convert the {_NAMES[kind]} file (corrupt or not a document)")
        return result.read_bytes()


def _read(kind: str, data: bytes, path: str | None) -> Document:
    doc = read_docx(convert_to_docx(data, kind), path=path)
    doc.format = kind  # the record's source says what the file was; the conversion is no defect
    return doc


def read_doc(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    """A legacy Word file (OLE compound document with a WordDocument stream)."""
    if _WORD_STREAM not in data[:1_000_000] and _WORD_STREAM not in data:
        raise UnreadableInput("an Office file that is not a Word document (a spreadsheet or presentation?)")
    return _read("doc", data, path)


def read_odt(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    open_checked(data, "ODT")
    return _read("odt", data, path)


def read_rtf(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    return _read("rtf", data, path)
