"""The openings of 15 real summary records (../shared/corpus/excerpts) against their expected values."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tbdialogue import parse_file
from tbdialogue.cli import app
from tbdialogue.evaluation.parsing import Report, load_expected, score

from .conftest import SHARED, run_cli, shared_path

EXPECTED = SHARED / "corpus" / "excerpts" / "expected.jsonl"
ROWS = load_expected(EXPECTED) if EXPECTED.exists() else []


def _ids() -> list[str]:
    return [row["id"] for row in ROWS] or ["missing"]


@pytest.mark.parametrize("rid", _ids())
def test_excerpt(rid: str):
    path = shared_path("corpus", "excerpts", f"{rid}.txt")
    row = next(r for r in ROWS if r["id"] == rid)
    record = parse_file(path)
    report = Report()
    score(report, rid, row, record)
    problems = [f"{m.field}: expected {m.expected!r}, got {m.got!r}" for m in report.mismatches]
    assert not problems, "\n".join(problems)
    # Nothing is silently partial: every paragraph belongs to a turn or is a stage direction.
    assert all(p.turn is not None or any(e.paragraph == p.index for e in record.events) for p in record.paragraphs)


def test_eval_parse_command():
    path = shared_path("corpus", "excerpts", "expected.jsonl")
    result = CliRunner().invoke(app, ["eval-parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["records"] == 15
    assert report["speaker_sequences"]["accuracy"] == 1.0
    assert all(f["accuracy"] == 1.0 for f in report["fields"].values())


def test_eval_parse_rejects_bad_expected_file(tmp_path):
    bad = tmp_path / "expected.jsonl"
    bad.write_text("{not json\n", "utf-8")
    result = run_cli("eval-parse", str(bad))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "not a JSON line" in err and "Traceback" not in err
