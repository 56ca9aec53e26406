"""Every command whose output is a table stays readable in an 80-column terminal: no line longer
than 80 characters, and citable ids whole (the text columns wrap, never an id)."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, SAMPLE, require_extra, run_cli, shared_path
from .store_data import corrected_copy

COLUMNS = {"COLUMNS": "80"}
ID = re.compile(r"CMW/C/SR\.537/[pqt]\d+")


def _narrow(*args: str) -> list[str]:
    result = run_cli(*args, env=COLUMNS)
    assert result.returncode in (0, 2), result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    too_long = [line for line in lines if len(line) > 80 and " " in line.strip()]
    assert not too_long, "\n".join(too_long)
    return lines


def _ids_whole(lines: list[str]) -> set[str]:
    """Ids found; a line that ends with the start of an id (cut by wrapping) fails."""
    for line in lines:
        assert not re.search(r"CMW/C/SR\.\d*$|CMW/C/SR\.537/[pqt]?$", line), line
    return {m.group(0) for line in lines for m in ID.finditer(line)}


def test_parse_outline():
    lines = _narrow("parse", str(SAMPLE))
    assert any(line.startswith("  t23  ¶48") for line in lines)


def test_questions_table():
    lines = _narrow("questions", str(SAMPLE))
    ids = _ids_whole(lines)
    assert {"CMW/C/SR.537/p24", "CMW/C/SR.537/p32"} <= ids
    assert lines[-1].startswith("36 questions")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("narrow")
    db = str(tmp / "c.db")
    assert run_cli("ingest", str(SAMPLE), "--db", db, "-q").returncode == 0
    assert run_cli("ingest", str(corrected_copy(tmp)), "--db", db, "-q").returncode == 0
    return db


def test_search_stats_history(corpus):
    hits = _narrow("search", "migrant workers", "--db", corpus, "--facets")
    assert len(_ids_whole(hits)) >= 5
    _narrow("stats", "--db", corpus)
    history = _narrow("history", "CMW/C/SR.537", "--db", corpus)
    assert any("changed CMW/C/SR.537/p24" in line for line in history)


def test_evaluation_tables():
    _narrow("eval-parse", str(shared_path("corpus", "excerpts", "expected.jsonl")))
    gold = ROOT / "tests/gold/CMW-C-SR.537.questions.json"
    second = ROOT / "tests/gold/agreement/CMW-C-SR.537.second.questions.json"
    _narrow("agreement", str(gold), str(second))
    require_extra("numpy", "embeddings")
    _narrow("eval", str(gold), "--no-embeddings")
