"""Regression tests for the wrong answers the command line used to accept (issue 9): each bad input
a newcomer gave, and the one line (exit 2) or the warning it now gets."""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import ROOT, SAMPLE, run_cli, shared_path


def _one_line_error(result, *needles: str) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, (result.returncode, err)
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors and "Traceback" not in err and "internal error" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


# --- what is not a record ---------------------------------------------------------------------


def test_a_readme_is_not_a_record():
    result = run_cli("parse", "samples/README.md")
    _one_line_error(result, "samples/README.md", "does not look like a UN summary record")
    assert result.stdout == b"" and len(result.stderr.decode().strip().splitlines()) == 1


def test_questions_refuses_a_readme_too():
    _one_line_error(run_cli("questions", "samples/README.md"), "does not look like a UN summary record")


def test_a_folder_stands_for_its_record_files_and_counts_the_others(tmp_path):
    """`parse` of a folder holding expected.jsonl and an image: those are counted by kind, not parsed."""
    shutil.copy(SAMPLE, tmp_path / "537.md")
    (tmp_path / "expected.jsonl").write_text('{"id": "537"}\n')
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "sub").mkdir()
    shutil.copy(SAMPLE, tmp_path / "sub" / "again.md")
    result = run_cli("parse", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["symbol"] == "CMW/C/SR.537"  # one record (not the jsonl), pretty-printed
    err = result.stderr.decode()
    assert "2 files skipped (not a record format): .jsonl, .png" in err
    assert "1 sub-folder not read (add --recursive" in err
    deep = run_cli("parse", str(tmp_path), "--recursive", "--format", "json")
    assert deep.returncode == 0 and len(deep.stdout.decode().strip().splitlines()) == 2


def test_ingest_stores_no_readme_and_no_false_reissue(tmp_path):
    """The README's own example: `ingest samples/ <excerpts>` stored samples/README.md as version 1
    of CMW/C/SR.537, so that the real record showed as a corrected reissue."""
    excerpts = shared_path("corpus", "excerpts")
    db = tmp_path / "x.db"
    result = run_cli("ingest", "samples/", str(excerpts), "--db", str(db), "--format", "json",
                     "--errors", str(tmp_path / "errors.tsv"))  # fmt: skip
    assert result.returncode == 2  # the README is reported, not stored
    figures = json.loads(result.stdout)
    assert figures["new_versions"] == 0 and figures["new_records"] == 16
    assert [e["path"].endswith("samples/README.md") for e in figures["errors"]] == [True]
    assert figures["not_records"] == {".jsonl": 1}
    history = run_cli("history", "CMW/C/SR.537", "--db", str(db))
    assert b"1 version" in history.stdout and b"README" not in history.stdout


# --- options checked by the option ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args, needles",
    [
        (("parse", str(SAMPLE), "--max-size", "-1"), ("--max-size", "above 0")),
        (("parse", str(SAMPLE), "--language", "xx"), ("--language", "unknown language 'xx'", "en")),
        (("questions", "--db", "x.db", "--body", "XYZ"), ("--body", "unknown body 'XYZ'", "CMW")),
        (("search", "x", "--year", "20x3"), ("--year", "2013-2023")),
        (("search", "x", "--status", "maybe"), ("--status", "'maybe' is not one of")),
        (("ingest", str(SAMPLE), "--jobs", "0"), ("--jobs",)),
        (("search", "x", "--limit", "0"), ("--limit",)),
    ],
)
def test_a_wrong_option_value_is_a_usage_error(args, needles):
    err = _one_line_error(run_cli(*args), *needles)
    assert "--help" in err  # the command's own help is named


def test_a_contradicted_language_is_named():
    """`--language fr` on an English record gave 14 turns instead of 24, silently."""
    result = run_cli("parse", str(SAMPLE), "--language", "fr")
    err = result.stderr.decode()
    assert "fr was forced, but the text reads as English (en)" in err.splitlines()[0]


# --- the database --------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"hello, not a database\n", bytes(range(256)) * 8])
@pytest.mark.parametrize("command", ["stats", "ingest", "search", "history", "questions"])
def test_a_file_that_is_not_a_database(tmp_path, content, command):
    db = tmp_path / "notes.db"
    db.write_bytes(content)
    args = {
        "stats": ("stats",),
        "ingest": ("ingest", str(SAMPLE), "-q"),
        "search": ("search", "x"),
        "history": ("history", "CMW/C/SR.537"),
        "questions": ("questions",),
    }[command]
    _one_line_error(run_cli(*args, "--db", str(db)), "is not a tbdialogue database")
    assert db.read_bytes() == content  # nothing written into it


def test_a_folder_or_another_programs_database(tmp_path):
    import sqlite3

    _one_line_error(run_cli("stats", "--db", str(tmp_path)), "is a folder, not a database file")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table invoices (n)")
    _one_line_error(run_cli("ingest", str(SAMPLE), "--db", str(other)), "holds other tables (invoices)")


# --- standard input, case ------------------------------------------------------------------------


def test_standard_input():
    result = run_cli("parse", "-", "--format", "json", input=SAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["symbol"] == "CMW/C/SR.537"
    q = run_cli("questions", "-", "--format", "json", input=SAMPLE.read_bytes())
    assert q.returncode == 0 and len(json.loads(q.stdout)["questions"]) == 36
    _one_line_error(run_cli("ingest", "-", "--db", "unused.db"), "not standard input")
    assert not (ROOT / "unused.db").exists()


def test_history_and_state_match_whatever_the_case(db_url):
    assert run_cli("ingest", str(SAMPLE), "--db", db_url, "-q").returncode == 0
    for symbol in ("CMW/C/SR.537", "cmw/c/sr.537", "Cmw/C/Sr.537"):
        result = run_cli("history", symbol, "--db", db_url)
        assert result.returncode == 0 and result.stdout.startswith(b"CMW/C/SR.537 (en): 1 version"), result.stderr
    for state in ("Kyrgyzstan", "kyrgyzstan", "KGZ", "kgz", "Kirghizistan"):
        hits = run_cli("search", "blacklist", "--state", state, "--db", db_url, "--format", "json")
        assert json.loads(hits.stdout)["total"] == 3, (state, hits.stderr)
    assert json.loads(run_cli("stats", "--db", db_url, "--json").stdout)["records"] == 1  # the old flag


def test_math_threads_follow_the_cores_given():
    """numpy's math library is limited to the cores the process may use (1.3 s became 7.8 s on a
    busy machine otherwise); a user's own setting is kept."""
    import os
    import subprocess
    import sys

    code = (
        "import os\n"
        "os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})\n"
        "from tbdialogue.cli.common import limit_math_threads\n"
        "limit_math_threads()\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
    assert out.stdout.split() == [b"1", b"1"]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env={**env, "OMP_NUM_THREADS": "7"})
    assert out.stdout.split() == [b"1", b"7"]


def test_nothing_to_ingest_creates_no_database(tmp_path):
    db = tmp_path / "new.db"
    result = run_cli("ingest", str(tmp_path / "missing"), "--db", str(db))
    _one_line_error(result, "no such file or folder", "no record files to ingest")
    assert not db.exists()
