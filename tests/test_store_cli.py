"""The corpus commands as a user runs them: ingest, search, stats, history — on both backends."""

from __future__ import annotations

import csv
import io
import json

from .conftest import SAMPLE, run_cli, shared_path
from .store_data import P24_NEW, corrected_copy


def _ok(*args: str):
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def test_ingest_search_stats_history(db_url, tmp_path):
    excerpts = shared_path("corpus", "excerpts")
    out = _ok("ingest", str(SAMPLE), str(excerpts), "--db", db_url, "--jobs", "2")
    assert "16 of 16 files" in out and "16 new records" in out and "0 errors" in out

    table = _ok("search", "blacklist", "--state", "Kyrgyzstan", "--db", db_url)
    for number in (8, 31, 40):
        assert f"CMW/C/SR.537/p{number} " in table
    assert "**blacklist**" in table and "3 of 3 paragraphs" in table

    hits = json.loads(_ok("search", "blacklist", "--state", "Kyrgyzstan", "--db", db_url, "--format", "json"))
    assert {h["id"] for h in hits["hits"]} == {"CMW/C/SR.537/p8", "CMW/C/SR.537/p31", "CMW/C/SR.537/p40"}
    assert hits["total"] == 3

    rows = list(
        csv.DictReader(io.StringIO(_ok("search", "blacklist", "--db", db_url, "--format", "csv", "--limit", "2")))
    )
    assert len(rows) == 2 and rows[0]["symbol"] == "CMW/C/SR.537" and "**" in rows[0]["snippet"]

    stats = _ok("stats", "--db", db_url)
    assert "records:     16 (16 versions" in stats and "CMW 3" in stats and "fr 3" in stats

    again = _ok("ingest", str(SAMPLE), "--db", db_url)
    assert "0 new records, 0 new versions, 1 unchanged" in again
    _ok("ingest", str(corrected_copy(tmp_path)), "--db", db_url)
    history = _ok("history", "CMW/C/SR.537", "--db", db_url)
    assert "2 versions" in history and "version 2  (current)" in history
    changed = [line for line in history.splitlines() if line.strip().startswith("changed ")]
    assert changed == ["    changed CMW/C/SR.537/p24:"]
    assert "{+budgets+}" in history or "budgets" in history and P24_NEW
    data = json.loads(_ok("history", "CMW/C/SR.537", "--db", db_url, "--json"))
    assert [c["new_id"] for c in data[0]["versions"][1]["changes"]] == ["CMW/C/SR.537/p24"]


def test_errors_are_one_line_with_exit_code_2(tmp_path):
    missing = tmp_path / "none.db"
    for args, message in [
        (("search", "x", "--db", str(missing)), "no corpus at"),
        (("stats", "--db", str(missing)), "no corpus at"),
        (("search", "x", "--db", "mysql://h/db"), "unsupported database"),
    ]:
        result = run_cli(*args)
        err = result.stderr.decode()
        assert result.returncode == 2 and message in err and err.count("\n") == 1, err
    assert not missing.exists()
    db = f"sqlite:///{tmp_path / 'c.db'}"
    _ok("ingest", str(SAMPLE), "--db", db)
    for args, message in [
        (("search", '"unclosed', "--db", db), "unclosed quote"),
        (("search", "--db", db, "--", "-only"), "only excludes"),
        (("search", "x", "--state", "Narnia", "--db", db), "unknown State party"),
        (("search", "x", "--side", "judges", "--db", db), "'judges' is not one of"),
        (("history", "CAT/C/SR.1", "--db", db), "no record CAT/C/SR.1"),
    ]:
        result = run_cli(*args)
        err = result.stderr.decode()
        assert result.returncode == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err, err


def test_failed_files_go_to_the_error_report(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Shopping list: eggs, milk.\n")
    report = tmp_path / "errors.tsv"
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = run_cli("ingest", str(SAMPLE), str(bad), "--db", db, "--errors", str(report))
    assert result.returncode == 2
    assert "1 new records" in result.stdout.decode() and "1 errors" in result.stdout.decode()
    lines = report.read_text().splitlines()
    assert lines[0] == "path\treason" and lines[1].startswith(f"{bad}\t") and len(lines) == 2


def test_questions_from_the_corpus(db_url):
    """`tbdialogue questions` without files lists the questions stored in the corpus."""
    from tbdialogue import parse_file
    from tbdialogue.store import Corpus

    from .store_data import with_gold_questions

    record = with_gold_questions(parse_file(SAMPLE))
    corpus = Corpus(db_url)
    corpus.add([record])
    corpus.close()
    out = _ok("questions", "--db", db_url, "--state", "Kyrgyzstan", "--status", "unanswered", "--format", "json")
    dialogue = json.loads(out)
    got = [q["id"] for q in dialogue["questions"]]
    assert got == [q.id for q in record.questions if q.status == "unanswered"] and got
    # The same analysis as from files: the dialogue's completeness warnings, the closest paragraph.
    assert {w["code"] for w in dialogue["warnings"]} == {"previous_meeting_missing", "ends_with_questions"}
    table = _ok("questions", "--db", db_url, "--state", "KGZ", "--status", "unanswered")
    assert f"{len(got)} questions: 0 answered, 0 to check, 0 partial, {len(got)} unanswered" in table
    md = _ok("questions", "--db", db_url, "--format", "md")
    assert md.startswith("# CMW dialogue with Kyrgyzstan") and "## Not answered in the records supplied" in md
    rows = _ok("questions", "--db", db_url, "--format", "csv").splitlines()
    from_files = _ok("questions", str(SAMPLE), "--format", "csv").splitlines()
    assert rows[0] == from_files[0]  # the same columns
    assert json.loads(_ok("questions", "--db", db_url, "--state", "Belgium", "--format", "json")) == []
