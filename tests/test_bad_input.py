"""Bad input: one clear line on stderr, exit code 2, no traceback; the library raises typed errors."""

from __future__ import annotations

import pytest

from tbdialogue import NotASummaryRecord, UnreadableInput, parse_bytes, parse_file, parse_text

from .conftest import SAMPLE, run_cli

PRESS_RELEASE = """GENEVA (30 November 2023) – The Committee on Migrant Workers today concluded its consideration
of the second periodic report of Kyrgyzstan.

Presenting the report, Kanybek Bazarbaev, Deputy Minister of Labour of Kyrgyzstan, said the country
had adopted a Migration Policy Framework for 2021–2030.

In the ensuing discussion, Committee Experts raised questions about remittances and consular services.
Produced by the United Nations Information Service in Geneva for use of the information media; not an official record.
"""
REPORT = """Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families

Second periodic report submitted by Kyrgyzstan under article 73 of the Convention, due in 2020

I. Introduction
1. The present report was prepared by the Ministry of Labour, Social Security and Migration.
2. The report covers the period from 2015 to 2020.
"""
CONCLUDING = """Concluding observations on the second periodic report of Kyrgyzstan*

1. The Committee considered the second periodic report of Kyrgyzstan at its 536th and 537th meetings.
2. The Committee welcomes the submission of the second periodic report.
3. The Committee recommends that the State party ratify the ILO Domestic Workers Convention, 2011 (No. 189).
"""


def _one_line_error(result, *fragments: str) -> str:
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, (result.returncode, err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err
    return err


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("press-release.txt", PRESS_RELEASE, "does not look like a UN summary record"),
        ("report.txt", REPORT, "does not look like a UN summary record"),
        ("concluding.txt", CONCLUDING, "this is concluding observations (Concluding observations on the"),
    ],
)
def test_documents_that_are_not_summary_records(tmp_path, name, content, said):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    _one_line_error(run_cli("parse", str(path)), said)
    with pytest.raises(NotASummaryRecord):
        parse_file(path)


def test_random_text(tmp_path):
    path = tmp_path / "random.txt"
    path.write_text("lorem ipsum dolor sit amet\n" * 50, "utf-8")
    _one_line_error(run_cli("parse", str(path)), "not look like a UN summary record")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _one_line_error(run_cli("parse", str(path)), "empty")
    path.write_bytes(b"  \n\n\t \n")
    _one_line_error(run_cli("parse", str(path)), "empty")


def test_binary_file(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 20)
    _one_line_error(run_cli("parse", str(path)), "binary")
    with pytest.raises(UnreadableInput):
        parse_file(path)


def test_image_file(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    _one_line_error(run_cli("parse", str(path)), "image")


def test_pdf_named_txt_is_not_read_as_text(tmp_path):
    """Detected by content: a PDF named .txt is read as a PDF (or refused as one), never as text."""
    path = tmp_path / "record.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntruncated")
    err = _one_line_error(run_cli("parse", str(path)))
    assert "PDF" in err or "pdf" in err


def test_missing_file_and_folder(tmp_path):
    _one_line_error(run_cli("parse", str(tmp_path / "nope.txt")), "no such file")


def test_cp1252_needs_its_encoding(tmp_path):
    text = SAMPLE.read_text("utf-8").replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    _one_line_error(run_cli("parse", str(path)), "not UTF-8", "--encoding cp1252")
    ok = run_cli("parse", str(path), "--encoding", "cp1252", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert b'"Mr. \\u00dcnver"' in ok.stdout or "Mr. Ünver".encode() in ok.stdout


def test_utf16_with_bom_is_read():
    data = SAMPLE.read_text("utf-8").encode("utf-16")  # with BOM
    record = parse_bytes(data, name="sample-utf16.md")
    assert record.symbol == "CMW/C/SR.537" and len(record.turns) == 24


def test_unknown_encoding_and_language(tmp_path):
    _one_line_error(run_cli("parse", str(SAMPLE), "--encoding", "klingon"), "unknown encoding")
    _one_line_error(run_cli("parse", str(SAMPLE), "--language", "de"), "unknown language")


def test_file_over_size_limit():
    _one_line_error(run_cli("parse", str(SAMPLE), "--max-size", "0.01"), "limit", "--max-size")


def test_bad_option_is_one_line():
    _one_line_error(run_cli("parse", str(SAMPLE), "--format", "xml"), "--format")


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing here", "utf-8")
    result = run_cli("parse", str(bad), str(SAMPLE), "--format", "json")
    assert result.returncode == 2
    assert b'"CMW/C/SR.537"' in result.stdout
    assert "bad.txt" in result.stderr.decode()


def test_partial_record_says_what_is_missing():
    """A record whose cover is cut off is parsed, but never presented as complete."""
    text = SAMPLE.read_text("utf-8")
    body_only = text[text.index("The meeting was called to order") :]
    record = parse_text(body_only)
    assert len(record.turns) == 24
    assert record.date is None and record.chair is None
    assert any(w.startswith("date:") for w in record.warnings)
    assert any(w.startswith("symbol:") for w in record.warnings)


def test_a_text_that_only_mentions_summary_records(tmp_path):
    """Regression: "…the way the UN lays out its summary records…" in a README is not a title."""
    path = tmp_path / "README.md"
    path.write_text(
        "# Fixtures\n\nThese files are not issued by the UN: they lay the sample's text out the way the UN\n"
        "lays out its summary records, so that the readers can be tested.\n",
        "utf-8",
    )
    _one_line_error(run_cli("parse", str(path)), "does not look like a UN summary record")


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_only_regular_files_are_read(tmp_path, kind):
    """/dev/zero or a named pipe has no size to check and may never end: refused at once, one line."""
    import os

    if kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    else:
        path = "/dev/zero"
    result = run_cli("parse", str(path))
    _one_line_error(result)
    assert "not a regular file" in result.stderr.decode()


def test_half_a_utf16_pair_from_the_given_encoding_is_replaced_and_said(tmp_path):
    """UTF-7 (and UTF-16 without pairs) can decode to a lone surrogate, which no JSON can hold: it is
    replaced by U+FFFD with a warning, and the JSON output is written (it failed with exit 3)."""
    import json

    text = SAMPLE.read_text("utf-8")
    at = text.index("blacklist")
    path = tmp_path / "utf7.md"
    path.write_bytes(text[:at].encode("utf-7") + b"+2D8-" + text[at:].encode("utf-7"))
    result = run_cli("parse", str(path), "--encoding", "utf-7", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert any("half a UTF-16 pair" in w for w in record["warnings"])
    assert any("\ufffdblacklist" in p["text"] for p in record["paragraphs"])


def test_a_text_far_longer_than_any_record_is_refused_before_it_is_read(tmp_path):
    """62 MB of text took 97 s and 392 MB to be refused by the parser; now its size refuses it."""
    path = tmp_path / "huge.txt"
    line = SAMPLE.read_text("utf-8")
    with path.open("w", encoding="utf-8") as f:
        for _ in range(5_000_000 // len(line) + 1):
            f.write(line)
    err = _one_line_error(run_cli("parse", str(path)), "far longer than any summary record")
    assert "MB of text" in err
