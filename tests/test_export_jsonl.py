"""JSON Lines: one record per line; ingest reads it back; export → ingest → export gives the same
bytes."""

from __future__ import annotations

import json

from tbdialogue.export import export
from tbdialogue.export.jsonl import line
from tbdialogue.model import Record
from tbdialogue.store import Corpus

from .conftest import run_cli
from .export_cases import HOSTILE, analysed_sample, excerpt_records, hostile_record


def test_one_record_per_line_as_parse_gives_it(tmp_path):
    records = [analysed_sample(), *excerpt_records()]
    out = tmp_path / "r.jsonl"
    assert export(records, "jsonl", out) == len(records)
    lines = out.read_bytes().splitlines()
    assert len(lines) == len(records)
    assert [Record.model_validate_json(x) for x in lines] == records


def test_round_trip_through_the_corpus_is_identical(tmp_path):
    first = tmp_path / "first.jsonl"
    export([analysed_sample(), *excerpt_records()], "jsonl", first)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    done = run_cli("ingest", str(first), "--db", db, "--quiet")
    assert done.returncode == 0, done.stderr
    corpus = Corpus(db)
    try:
        ids = corpus.record_ids()
        second = tmp_path / "second.jsonl"
        export(corpus.records(ids), "jsonl", second)
    finally:
        corpus.close()
    before = sorted(first.read_bytes().splitlines())
    after = sorted(second.read_bytes().splitlines())
    assert after == before


def test_a_bad_line_is_reported_and_the_others_stored(tmp_path):
    good = line(analysed_sample())
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(good + b'{"schema": "tbdialogue.record/1"}\n')
    db = f"sqlite:///{tmp_path / 'c.db'}"
    done = run_cli("ingest", str(f), "--db", db, "--quiet")
    assert done.returncode == 2
    err = done.stderr.decode()
    assert f"{f}, line 2: not a tbdialogue.record/1 record" in err and "Traceback" not in err
    corpus = Corpus(db)
    try:
        assert len(corpus.record_ids()) == 1
    finally:
        corpus.close()


def test_a_file_that_is_not_records_is_one_error(tmp_path):
    f = tmp_path / "other.jsonl"
    f.write_text('{"a": 1}\n{"a": 2}\n')
    done = run_cli("export", str(f), "--format", "csv", "--out", str(tmp_path / "t"))
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "not a JSON Lines file of tbdialogue records (line 1" in lines[0]


def test_parse_says_what_a_jsonl_file_is(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_bytes(line(analysed_sample()))
    done = run_cli("parse", str(f))
    assert done.returncode == 2 and "tbdialogue ingest" in done.stderr.decode()


def test_hostile_text_gives_valid_utf8_json(tmp_path):
    data = line(hostile_record())
    record = json.loads(data.decode("utf-8"))
    assert record["paragraphs"][5]["text"] == HOSTILE.replace("\ud800", "\ufffd")
