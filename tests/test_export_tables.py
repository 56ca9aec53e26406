"""Tables (CSV): one definition for the writers and the data dictionary; keys that join; every
paragraph once; hostile text kept; pandas reads them with the documented dtypes."""

from __future__ import annotations

import csv

import pytest

from tbdialogue.export import export
from tbdialogue.export.tables import TABLES, data_dictionary, pandas_dtypes

from .conftest import ROOT, require_extra, run_cli
from .export_cases import HOSTILE, analysed_sample, excerpt_records, hostile_record


def read(folder, name):
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv")
    assert export([analysed_sample()], "csv", out) == 1
    return out


def test_one_file_per_table_with_the_defined_columns(tables):
    assert sorted(p.name for p in tables.iterdir()) == sorted(f"{t.name}.csv" for t in TABLES)
    for t in TABLES:
        with open(tables / f"{t.name}.csv", encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == t.names


def test_rows_hold_the_record(tables):
    record = analysed_sample()
    paragraphs = read(tables, "paragraphs")
    assert [p["text"] for p in paragraphs] == [p.text for p in record.paragraphs]
    assert [p["paragraph"] for p in paragraphs] == [p.id for p in record.paragraphs]
    assert len(read(tables, "turns")) == len(record.turns)
    assert len(read(tables, "events")) == len(record.events)
    assert len(read(tables, "questions")) == len(record.questions) == 36
    (rec,) = read(tables, "records")
    assert rec["record"] == "CMW/C/SR.537" and rec["date"] == "2023-11-30" and rec["questions"] == "36"
    assert [d["document"] for d in read(tables, "documents")] == ["CMW/C/KGZ/2", "CMW/C/KGZ/QPR/2"]
    assert read(tables, "reviews") == []  # none reviewed


def test_keys_join(tables):
    turns = {t["turn"] for t in read(tables, "turns")}
    paragraphs = {p["paragraph"]: p for p in read(tables, "paragraphs")}
    questions = {q["question"]: q for q in read(tables, "questions")}
    assert all(p["turn"] in turns for p in paragraphs.values() if p["turn"])
    assert all(q["paragraph"] in paragraphs and q["turn"] in turns for q in questions.values())
    links = read(tables, "links")
    assert links and all(link["question"] in questions and link["paragraph"] in paragraphs for link in links)
    # The quote is a sentence of the answering paragraph, at its offsets.
    for link in links:
        if link["quote"]:
            text = paragraphs[link["paragraph"]]["text"]
            assert text[int(link["quote_start"]) : int(link["quote_end"])] == link["quote"]
    # A link's status is its question's; "check" is what readers are shown for a low-confidence one.
    assert {link["status"] for link in links} <= {"answered", "partial"}


def test_excerpts_export(tmp_path):
    records = excerpt_records()
    assert export(records, "csv", tmp_path) == len(records)
    assert len(read(tmp_path, "records")) == len(records)
    assert len(read(tmp_path, "paragraphs")) == sum(len(r.paragraphs) for r in records)


def test_hostile_text_round_trips(tmp_path):
    export([hostile_record()], "csv", tmp_path)
    texts = [p["text"] for p in read(tmp_path, "paragraphs")]
    assert texts[5] == HOSTILE.replace("\ud800", "\ufffd")  # controls kept; a lone surrogate cannot be UTF-8


def test_the_data_dictionary_is_the_definition():
    doc = (ROOT / "docs" / "data-dictionary.md").read_text("utf-8")
    assert doc == data_dictionary(), "regenerate: tbdialogue export --data-dictionary > docs/data-dictionary.md"
    for t in TABLES:
        assert f"## {t.name}" in doc
        for c in t.columns:
            assert f"| `{c.name}` | {c.dtype} |" in doc


def test_the_command_prints_the_data_dictionary():
    done = run_cli("export", "--data-dictionary")
    assert done.returncode == 0 and done.stdout.decode() == data_dictionary()


def test_pandas_reads_the_csv_with_the_documented_dtypes(tables):
    require_extra("pandas", "dev")
    import pandas as pd

    for t in TABLES:
        frame = pd.read_csv(tables / f"{t.name}.csv", dtype=pandas_dtypes(t.name), keep_default_na=False, na_values=[""])
        assert list(frame.columns) == t.names
        assert {c: str(frame[c].dtype) for c in frame.columns} == pandas_dtypes(t.name)
    paragraphs = pd.read_csv(tables / "paragraphs.csv", dtype=pandas_dtypes("paragraphs"), keep_default_na=False, na_values=[""])
    assert paragraphs["number"].tolist() == [p.number for p in analysed_sample().paragraphs]
    assert paragraphs["stage_direction"].sum() == sum(p.turn is None for p in analysed_sample().paragraphs)
