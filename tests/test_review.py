"""Reviewed decisions teach the linker (issue 10): review export → import → the outputs show the
reviewed status → eval --from-db takes the reviews as gold; on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import SAMPLE, require_extra, run_cli


def _ok(*args: str, env: dict | None = None) -> str:
    result = run_cli(*args, env=env)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def _fill(sheet: str, decisions: dict[str, dict[str, str]]) -> str:
    rows = list(csv.DictReader(io.StringIO(sheet)))
    for row in rows:
        row.update(decisions.get(row["question_id"].rsplit("/", 1)[-1], {}))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def analysed(db_url):
    _ok("ingest", str(SAMPLE), "--db", db_url, "--analyze", "-q", "--errors", "/dev/null")
    return db_url


def test_review_round_trip(analysed, tmp_path):
    db = analysed
    sheet = _ok("review", "export", "--db", db, "--state", "KGZ")
    rows = list(csv.DictReader(io.StringIO(sheet)))
    assert len(rows) == 36 and rows[0]["decision"] == "" and rows[0]["quote"]
    incitement = next(r for r in rows if "incitement" in r["question"])["question_id"].rsplit("/", 1)[-1]
    filled = tmp_path / "sheet.csv"
    filled.write_text(
        _fill(
            sheet,
            {
                "q1": {"decision": "confirm"},
                incitement: {"decision": "reject", "note": "not about incitement"},
                "q10": {"decision": "change", "correct_status": "partial", "correct_answers": "CMW/C/SR.537/p34"},
            },
        ),
        "utf-8",
    )
    out = _ok("review", "import", str(filled), "--reviewer", "A. Reviewer", "--db", db)
    assert out.startswith("3 decisions stored (1 change, 1 confirm, 1 reject); 33 rows without a decision")

    shown = json.loads(_ok("questions", "--db", db, "--format", "json"))
    by_id = {q["id"].rsplit("/", 1)[-1]: q for q in shown["questions"]}
    q10 = by_id["q10"]
    assert q10["status"] == "unanswered"  # the automatic result, kept
    assert q10["review"] == {
        "reviewer": "A. Reviewer", "reviewed_at": q10["review"]["reviewed_at"], "decision": "change",
        "status": "partial", "answers": ["CMW/C/SR.537/p34"], "note": None,
    }  # fmt: skip
    assert by_id[incitement]["review"]["status"] == "unanswered"
    table = _ok("questions", "--db", db)
    assert "reviewed: reject by A. Reviewer" in table and "reviewed: change by A. Reviewer" in table
    md = _ok("questions", "--db", db, "--format", "md")
    assert "*(reviewed: change by A. Reviewer" in md and "*reviewed: reject by A. Reviewer" in md
    again = list(csv.DictReader(io.StringIO(_ok("review", "export", "--db", db))))
    assert next(r for r in again if r["question_id"].endswith("/q10"))["correct_status"] == "partial"

    require_extra("numpy", "embeddings")
    report = json.loads(_ok("eval", "--from-db", db, "--format", "json"))
    full = report["methods"]["full linker"]
    assert full["questions"]["gold"] == 3 and full["links"]["gold"] == 2
    calibration = tmp_path / "calibration.toml"
    _ok("eval", "--from-db", db, "--write-calibration", str(calibration))
    assert "--from-db DB" in calibration.read_text("utf-8")


@pytest.mark.parametrize(
    "decisions, message",
    [
        ({"q1": {"decision": "maybe"}}, "line 2: decision 'maybe': use confirm, reject or change"),
        ({"q1": {"decision": "change"}}, "line 2: a change needs correct_status"),
        ({"q1": {"decision": "change", "correct_status": "answered"}}, "need correct_answers"),
        (
            {"q1": {"decision": "confirm", "question_id": "CMW/C/SR.537/q99", "question": "nothing"}},
            "not a question of",
        ),
    ],
)
def test_a_wrong_row_stores_nothing(analysed, tmp_path, decisions, message):
    sheet = tmp_path / "s.csv"
    sheet.write_text(_fill(_ok("review", "export", "--db", analysed), decisions), "utf-8")
    result = run_cli("review", "import", str(sheet), "--reviewer", "R", "--db", analysed)
    err = result.stderr.decode()
    assert result.returncode == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert "reviewed" not in _ok("questions", "--db", analysed)


def test_not_a_review_sheet(analysed, tmp_path):
    other = tmp_path / "x.csv"
    other.write_text("a,b\n1,2\n", "utf-8")
    result = run_cli("review", "import", str(other), "--reviewer", "R", "--db", analysed)
    assert result.returncode == 2 and b"not a review sheet" in result.stderr
    missing = run_cli("review", "import", str(tmp_path / "none.csv"), "--reviewer", "R", "--db", analysed)
    assert missing.returncode == 2 and b"no such file" in missing.stderr


def test_stats_counts_questions_as_readers_are_shown_them(analysed):
    text = _ok("stats", "--db", analysed)
    line = next(x for x in text.splitlines() if x.startswith("questions:"))
    assert line.startswith("questions:   36: ") and "to check" in line
    data = json.loads(_ok("stats", "--db", analysed, "--format", "json"))
    shown, raw = data["shown"], data["questions"]
    assert sum(shown.values()) == sum(raw.values()) == 36
    # A link the tool does not trust is never counted as answered.
    assert shown["answered"] + shown["check"] + shown["partial"] == raw.get("answered", 0) + raw.get("partial", 0)
    assert shown["answered"] <= raw.get("answered", 0)
