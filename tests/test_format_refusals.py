"""Files the document readers refuse: one line saying why, exit code 2, no traceback; and files
whose name lies about their format, read by their content."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from tbdialogue import UnreadableInput, parse_bytes, parse_file
from tbdialogue.read import safezip

from .conftest import run_cli
from .test_bad_input import _one_line_error
from .test_formats_parity import FIXTURES

PDF = FIXTURES / "CMW-C-SR.537.pdf"
DOCX = FIXTURES / "CMW-C-SR.537.docx"


def _refused(path, *fragments: str, env: dict | None = None) -> str:
    return _one_line_error(run_cli("parse", str(path), env=env), *fragments)


def test_scanned_pdf_without_text_layer():
    _refused(FIXTURES / "refused" / "scanned.pdf", "scanned PDF without a text layer", "OCR is not supported")


def test_encrypted_pdf():
    _refused(FIXTURES / "refused" / "encrypted.pdf", "encrypted", "password")


def test_truncated_pdf(tmp_path):
    data = PDF.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    _refused(path, "not a readable PDF", "corrupt or truncated")


def test_pdf_without_any_text(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    path = tmp_path / "blank.pdf"
    path.write_bytes(buf.getvalue())
    _refused(path, "no text")


def test_truncated_docx(tmp_path):
    data = DOCX.read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    _refused(path, "corrupt or truncated")


def _docx_with(document_xml: bytes) -> bytes:
    """The DOCX fixture with its main part replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_docx_with_external_entity(tmp_path):
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "xxe.docx"
    path.write_bytes(_docx_with(xml))
    _refused(path, "DTD with entity declarations", "refusing it")


def test_docx_with_entity_expansion_bomb(tmp_path):
    lol = b'<!ENTITY a "lollollollollollollollollol">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + i, b"".join(b"&%c;" % (ord("a") + i) for _ in range(10))) for i in range(8)
    )
    xml = (
        b'<?xml version="1.0"?>\n<!DOCTYPE w:document [' + lol + b"]>\n"
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "laughs.docx"
    path.write_bytes(_docx_with(xml))
    _refused(path, "DTD with entity declarations")


def test_docx_zip_bomb(tmp_path):
    """A member that would expand past the cap (257 MB of zeros, 250 KB on disk)."""
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            for _ in range(safezip.MAX_UNCOMPRESSED_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert path.stat().st_size < 2_000_000
    _refused(path, "would expand to", "zip bomb")


def test_file_over_the_size_limit():
    result = run_cli("parse", str(PDF), "--max-size", "0.05")
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1
    assert "over the 0 MB limit" in err or "limit" in err and "--max-size" in err


def test_doc_without_libreoffice_says_how_to_enable_it(tmp_path):
    env = {"PATH": str(tmp_path)}  # no soffice on this PATH
    _refused(FIXTURES / "CMW-C-SR.537.doc", "LibreOffice", "apt-get install libreoffice-writer-nogui", env=env)
    rtf = tmp_path / "record.rtf"
    rtf.write_bytes(rb"{\rtf1\ansi Summary record of the 537th meeting\par}")
    _refused(rtf, "RTF", "LibreOffice", env=env)
    odt = FIXTURES / "CMW-C-SR.537.odt"
    _refused(odt, "OpenDocument", "LibreOffice", env=env)


def test_ole_file_that_is_not_word(tmp_path):
    path = tmp_path / "sheet.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le") + b"\0" * 600)
    _refused(path, "not a Word document")


def test_html_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<!DOCTYPE html><html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>")
    _refused(path, "no text")


@pytest.mark.parametrize(
    ("fixture", "name", "fmt"),
    [
        ("CMW-C-SR.537.pdf", "record.txt", "pdf"),
        ("CMW-C-SR.537.docx", "record.pdf", "docx"),
        ("CMW-C-SR.537.html", "record.docx", "html"),
    ],
)
def test_format_is_decided_by_content_not_name(tmp_path, fixture, name, fmt):
    path = tmp_path / name
    shutil.copy(FIXTURES / fixture, path)
    record = parse_file(path)
    assert record.source.format == fmt
    assert record.symbol == "CMW/C/SR.537" and len(record.paragraphs) == 48


def test_library_raises_typed_errors():
    with pytest.raises(UnreadableInput, match="encrypted"):
        parse_file(FIXTURES / "refused" / "encrypted.pdf")
    with pytest.raises(UnreadableInput, match="corrupt or truncated"):
        parse_bytes(PDF.read_bytes()[:5000], name="cut.pdf")


def test_folder_is_parsed_file_by_file(tmp_path):
    """One unreadable file is reported and does not stop the others; the exit code says it."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(PDF, folder / "a.pdf")
    shutil.copy(DOCX, folder / "b.docx")
    (folder / "c-broken.pdf").write_bytes(PDF.read_bytes()[:4000])
    (folder / ".hidden").write_text("ignored")
    result = run_cli("parse", str(folder), "--format", "json")
    err = result.stderr.decode()
    assert result.returncode == 2, err
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2 and all('"symbol":"CMW/C/SR.537"' in line for line in lines)
    assert "c-broken.pdf: not a readable PDF" in err
    assert "3 files: 2 parsed, 1 failed" in err
    assert ".hidden" not in err
    ok = run_cli("parse", str(folder / "a.pdf"), str(folder / "b.docx"))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.decode().count("== ") == 2


def test_docx_whose_first_members_are_large_is_still_a_docx(tmp_path):
    """The format is read from the archive's central directory too, not only its first bytes."""
    import random

    out = io.BytesIO()
    noise = random.Random(3).randbytes(200_000)  # incompressible, stored first
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("docProps/thumbnail.bin", noise)
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    record = parse_bytes(out.getvalue(), name="record.docx")
    assert record.source.format == "docx" and len(record.paragraphs) == 48


@pytest.mark.parametrize(
    "name", ["CMW-C-SR.537.pdf", "CMW-C-SR.537-base14.pdf", "CMW-C-SR.537.docx", "CMW-C-SR.537.html"]
)
def test_damaged_files_give_a_record_or_a_clear_error(name):
    """Cut, overwritten or scribbled-on copies of each fixture: a record (with warnings) or an
    UnreadableInput/NotASummaryRecord, never another exception."""
    import contextlib
    import random

    from tbdialogue import TbdError

    data = (FIXTURES / name).read_bytes()
    rng = random.Random(name)
    for k in range(24):
        damaged = bytearray(data)
        if k % 3 == 0:
            damaged = damaged[: rng.randrange(10, len(damaged))]
        elif k % 3 == 1:
            for _ in range(20):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        else:
            at = rng.randrange(len(damaged))
            damaged[at : at + 500] = bytes(500)
        with contextlib.suppress(TbdError):
            parse_bytes(bytes(damaged), name=name)
