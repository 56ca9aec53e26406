"""The export registry: every output is a serializer found by (kind, format), as every input is a
reader found by format."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tbdialogue.analyse import analyse_records
from tbdialogue.export import ExportError, formats, serialize, serializer
from tbdialogue.model import Record


def test_the_built_in_serializers_are_registered():
    assert formats("record") == ["json", "text"]
    assert formats("questions") == ["csv", "json", "md", "docx", "html"]
    assert formats("hits") == ["csv", "json"]
    assert formats("stored-questions") == ["csv", "json"]
    for kind in ("record", "questions", "hits", "stored-questions"):
        for fmt in formats(kind):
            s = serializer(kind, fmt)
            assert s.media_type and s.extension.startswith(".") and s.description


def test_an_unknown_format_is_one_line_naming_the_formats_there_are():
    with pytest.raises(ExportError, match=r"no 'akn' output for record: use json, text"):
        serializer("record", "akn")
    with pytest.raises(ExportError, match="nothing can export 'slides'"):
        serializer("slides", "json")


def test_the_record_in_json_is_the_record(sample_record):
    text = serialize("record", "json", sample_record)
    assert text.endswith("\n")
    assert Record.model_validate_json(text) == sample_record
    one_line = serialize("record", "json", sample_record, indent=None)
    assert one_line.count("\n") == 1  # one record per line (JSON Lines) when there are several


def test_the_outline_cites_every_turn(sample_record):
    text = serialize("record", "text", sample_record)
    assert text.startswith("symbol:") and "CMW/C/SR.537" in text
    assert sum(1 for line in text.splitlines() if line.startswith("  t")) == len(sample_record.turns)


@pytest.fixture(scope="module")
def analyses(sample_record):
    return analyse_records([sample_record.model_copy(deep=True)], ["sample"], use_embeddings=False)


def test_questions_as_csv_json_and_brief(analyses):
    rows = list(csv.DictReader(io.StringIO(serialize("questions", "csv", analyses))))
    assert len(rows) == 36 and rows[0]["id"] == "CMW/C/SR.537/q1"
    data = json.loads(serialize("questions", "json", analyses))
    assert len(data["questions"]) == 36 and data["summary"].startswith("36 questions")
    brief = serialize("questions", "md", analyses, statuses={"unanswered"})
    assert brief.startswith("# CMW dialogue with Kyrgyzstan") and "## Questions answered" not in brief


def test_filtered_questions_keep_the_header(analyses):
    """A filter that keeps nothing still gives a CSV with its header, not an empty string."""
    text = serialize("questions", "csv", analyses, statuses={"no such status"})
    assert text.splitlines()[0].startswith("id,asked_in,asked_by,question")


def test_a_format_whose_package_is_missing_says_what_to_install():
    from tbdialogue.export import Exporter, MissingExtra, exporter

    missing = Exporter("nope", "a test format", "file", ".x", lambda *a: 0, extra="nope", requires="no_such_module_tbd")
    with pytest.raises(MissingExtra, match=r"nope export needs the optional package no_such_module_tbd: pip install 'tbdialogue\[nope\]'"):
        missing.check()
    assert exporter("parquet").requires == "pyarrow" and exporter("xlsx").requires == "openpyxl"
    exporter("csv").check()  # needs nothing beyond the default install
