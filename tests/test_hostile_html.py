"""Hostile HTML (issue 13): one refusal path whatever the page's encoding or what comes before its
DOCTYPE; bounded memory and linear time on dense, deep or huge markup. Built from the shipped HTML
fixture (a real record's conversion) in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tbdialogue.read import read_bytes
from tbdialogue.read.html import MAX_ELEMENTS, MAX_HTML_BYTES, _css_classes

from .conftest import shared_path
from .test_format_refusals import _refused
from .test_hostile_docx import LAUGHS, _peak_mb
from .test_hostile_text import _slowest_ratio

HTML = Path(__file__).resolve().parent / "fixtures" / "formats" / "CMW-C-SR.537.html"
PAGE = HTML.read_text(encoding="utf-8")
BODY = PAGE[PAGE.index("<html") :]  # the page past its own DOCTYPE


def _paragraphs(data: bytes, name: str = "page.html") -> list[str]:
    return [b.text for b in read_bytes(data, path=name).blocks]


@pytest.mark.parametrize(
    "data",
    [
        (b"<!DOCTYPE html [" + LAUGHS + b"]>\n" + BODY.encode()),
        (b"<!-- saved -->\n<!DOCTYPE html [" + LAUGHS + b"]>\n" + BODY.encode()),
        ("<!DOCTYPE html [" + LAUGHS.decode() + "]>\n" + BODY).encode("utf-16"),
        (b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + BODY.encode()),
        (b"\xef\xbb\xbf<!-- a -->  <!-- b --><!DOCTYPE html [<!ENTITY y 'z'>]>" + BODY.encode()),
    ],
    ids=["internal subset", "after a comment", "UTF-16", "external entity", "BOM and two comments"],
)
def test_a_dtd_of_its_own_is_refused_whatever_the_encoding_or_place(tmp_path, data):
    path = tmp_path / "dtd.html"
    path.write_bytes(data)
    _refused(path, "the HTML page carries a DTD with declarations of its own", "refusing it")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (PAGE.encode("utf-16"), "utf16.html"),
        (("<!-- saved from a browser -->\n" + PAGE).encode(), "commented.html"),
        (b"\xef\xbb\xbf" + PAGE.encode(), "bom.html"),
        (PAGE.encode("utf-16"), "utf16.txt"),  # the format is told by content, not by name
    ],
)
def test_the_same_page_in_utf16_or_after_a_comment_reads_the_same(data, name):
    assert _paragraphs(data, name) == _paragraphs(HTML.read_bytes())


def test_markup_nested_past_the_parsers_limit_is_refused_not_emptied(tmp_path):
    """lxml's HTML parser drops what is nested over 255 deep, silently: the page is refused rather
    than read without its text (it said "the HTML page has no text")."""
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * 300 + "Summary record of the 1st meeting" + "</div>" * 300 + "</body></html>"
    )
    _refused(path, "nests its elements 255 deep", "refusing it")


def test_dense_markup_is_refused_while_parsed_with_little_memory(tmp_path):
    """250,000 one-letter paragraphs (2 MB): refused when the element count passes the limit, before
    the tree grows (8 MB of them took 570 MB)."""
    path = tmp_path / "dense.html"
    path.write_text("<html><body>" + "<p>a</p>" * (MAX_ELEMENTS + 50_000) + "</body></html>")
    mb, message = _peak_mb(path)
    assert f"over {MAX_ELEMENTS:,} elements" in message, message
    assert mb < 300, f"peak {mb} MB"


def test_a_page_over_the_byte_limit_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.html"
    para = "<p>Mr. Smith (Kyrgyzstan) said that the State party had taken measures.</p>\n"
    path.write_text("<html><body>" + para * (MAX_HTML_BYTES // len(para) + 1000) + "</body></html>")
    mb, message = _peak_mb(path)
    assert "far larger than any record saved as HTML" in message, message
    assert mb < 300, f"peak {mb} MB"


def test_css_without_braces_or_with_unclosed_comments_is_read_in_linear_time():
    """Regression: `make fuzz` (seed 3) found mutated pages whose <style> ran on without braces — 37 KB
    took 10 s: the rule pattern scanned to the end of the text from every character."""
    from lxml import html

    def root(css: str):
        return html.document_fromstring(f"<html><head><style>{css}</style></head><body><p>x</p></body></html>")

    for unit in ("a ", "/* ", "p.x { font-weight: bold "):
        n = 20_000 // len(unit)
        assert _slowest_ratio(_css_classes, root(unit * n), root(unit * 4 * n)) < 8, unit
    assert _css_classes(root("/* c */ span.Speaker { font-weight: bold } p.i{font-style:italic}")) == {
        "Speaker": (True, None),
        "i": (None, True),
    }


@pytest.mark.parametrize("k", [86, 182, 605, 2967])
def test_pages_that_made_fuzz_hang_are_read_at_once(k):
    """Regression: the four mutated HTML pages of `make fuzz` (seed 3) stopped by its 10 s alarm."""
    shared_path("corpus", "excerpts")
    from benchmarks.fuzz import inputs, run_one

    _, name, data, _ = next(item for item in inputs(k + 1, 3) if item[0] == k)
    outcome, _, detail = run_one(name, data)  # 'hang' when its alarm stops it
    assert name.endswith(".html") and outcome in ("ok", "refused"), (outcome, detail)
