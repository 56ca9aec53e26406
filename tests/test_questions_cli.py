"""`tbdialogue questions`, `tbdialogue eval` and `tbdialogue parse --analyze` from the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from .conftest import ROOT, SAMPLE, require_extra, run_cli

GOLD = ROOT / "tests" / "gold" / "CMW-C-SR.537.questions.json"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbdialogue", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_questions_table_and_summary():
    r = _run("questions", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith("36 questions: ") and "answered" in last and "unanswered" in last
    assert "Dzumhur" in r.stdout and "CMW/C/SR.537/p32" in r.stdout
    assert "previous meeting (536) was not supplied" in r.stderr
    assert "the last 10 question(s)" in r.stderr


def test_questions_every_format_and_status_filter():
    js = json.loads(_run("questions", str(SAMPLE), "--format", "json").stdout)
    assert len(js["questions"]) == 36 and js["summary"].startswith("36 questions")
    assert {w["code"] for w in js["warnings"]} == {"previous_meeting_missing", "ends_with_questions"}
    un = json.loads(_run("questions", str(SAMPLE), "-f", "json", "--status", "unanswered").stdout)
    assert un["questions"] and all(q["status"] == "unanswered" for q in un["questions"])
    rows = list(csv.DictReader(io.StringIO(_run("questions", str(SAMPLE), "--format", "csv").stdout)))
    assert len(rows) == 36 and rows[0]["asked_by"] == "Ms. Dzumhur (Country Rapporteur)"
    md = _run("questions", str(SAMPLE), "--format", "md").stdout
    assert md.startswith("# CMW dialogue with Kyrgyzstan")
    assert "## Not answered in the records supplied" in md
    assert "do not show the whole dialogue" in md and "| Asked by | Question |" in md


def test_questions_bad_input_is_one_line():
    r = _run("questions", "no-such-file.md")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and r.stderr.startswith("error: no-such-file.md")
    assert "Traceback" not in r.stderr


def test_questions_reports_a_bad_file_among_good_ones(tmp_path):
    bad = tmp_path / "press-release.txt"
    bad.write_text("The Committee welcomed the new law.\n", "utf-8")
    r = _run("questions", str(SAMPLE), str(bad))
    assert r.returncode == 2
    assert "36 questions" in r.stdout and f"error: {bad}" in r.stderr


def test_eval_command_prints_baselines():
    require_extra("numpy", "embeddings")
    r = _run("eval", str(GOLD))
    assert r.returncode == 0, r.stderr
    for label in (
        "questions: precision",
        "full linker",
        "baseline: lexical-only",
        "baseline: order-only",
        "development-set",
    ):
        assert label in r.stdout


def test_eval_rejects_a_bad_gold_file(tmp_path):
    bad = tmp_path / "g.json"
    bad.write_text("{not json", "utf-8")
    r = _run("eval", str(bad))
    assert r.returncode == 2 and "not JSON" in r.stderr and "Traceback" not in r.stderr


def test_parse_analyze_adds_questions():
    r = _run("parse", str(SAMPLE), "--format", "json", "--analyze")
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert len(rec["questions"]) == 36
    assert rec["questions"][0]["status"] in ("answered", "partial", "unanswered")
    plain = json.loads(_run("parse", str(SAMPLE), "--format", "json").stdout)
    assert plain["questions"] is None


def test_unanswered_questions_name_the_closest_paragraph_to_check():
    """'Unanswered' is the worst error to get wrong: the brief names the closest delegation paragraph
    that shares words with the question (not linked), and says so; none when nothing is shared."""
    from tbdialogue.export.brief import nearest
    from tbdialogue.model import Question

    def q(status: str, candidates: list[dict]) -> Question:
        return Question(
            id="X/q1", paragraph=1, asked_by=None, text="t", status=status, evidence={"candidates": candidates}
        )

    cands = [
        {"paragraph": "X/p9", "terms": [], "names_numbers": []},
        {"paragraph": "X/p7", "terms": ["quota"], "names_numbers": ["190"]},
    ]
    assert nearest(q("unanswered", cands)) == "X/p7 (quota, 190)"
    assert nearest(q("unanswered", cands[:1])) == ""
    assert nearest(q("answered", cands)) == ""

    r = _run("questions", str(SAMPLE), "--format", "md", "--status", "unanswered")
    assert r.returncode == 0, r.stderr
    assert "| Closest paragraph, not linked (check it) |" in r.stdout
    rows = [line for line in r.stdout.splitlines() if line.startswith("| ") and "CMW/C/SR.537, para." in line]
    assert rows and all(line.count("|") == 5 for line in rows)
    # Questions after the delegation's last answers share no word with paragraph 48: no closest paragraph.
    assert any(line.endswith("| — |") for line in rows)
    r = _run("questions", str(SAMPLE), "--format", "csv", "--status", "unanswered")
    assert "nearest_unlinked" in r.stdout.splitlines()[0]


def test_eval_refuses_a_gold_file_that_does_not_fit_its_records(tmp_path):
    """A wrong paragraph id, span or answer would otherwise be scored silently as a miss."""
    gold_path = ROOT / "tests/gold/CMW-C-SR.537.questions.json"
    base = json.loads(gold_path.read_text("utf-8"))
    base["records"] = [str((gold_path.parent / r).resolve()) for r in base["records"]]

    def broken(change) -> str:
        raw = json.loads(json.dumps(base))
        change(raw["questions"][0])
        p = tmp_path / "g.json"
        p.write_text(json.dumps(raw), "utf-8")
        r = _run("eval", str(p), "--no-embeddings")
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
        return r.stderr

    assert "paragraph CMW/C/SR.537/p999 is not in the records" in broken(
        lambda q: q.update(paragraph="CMW/C/SR.537/p999")
    )
    assert "is not the paragraph's text" in broken(lambda q: q.update(start=q["start"] + 1))
    assert "answer CMW/C/SR.537/p77 is not a paragraph" in broken(lambda q: q.update(answers=["CMW/C/SR.537/p77"]))
    assert "status 'answered' with 0 answer(s)" in broken(lambda q: q.update(answers=[]))


def test_eval_without_numpy_is_one_line(tmp_path):
    """`pip install .` has no numpy: `eval` says what to install, in one line, exit 2."""
    fake = tmp_path / "numpy"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('numpy is not installed (test)')\n")
    r = run_cli("eval", str(GOLD), env={"PYTHONPATH": str(tmp_path)})
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "numpy" in err and "tbdialogue[embeddings]" in err and len(err.strip().splitlines()) == 1
