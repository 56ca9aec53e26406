"""The per-file time budget (issue 13), the last line of defence against an input that some step
handles in worse than linear time: past it, reading and parsing one file stops with a one-line
refusal, exit 2, in the command line, in ingest's worker processes and in the library — and a real
record run with a budget shorter than it needs is how the test makes it run out."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tbdialogue.pipeline import TIME_BUDGET_ENV, TookTooLong, parse_bytes, parse_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "CMW-C-SR.537.md"
FORMATS = ROOT / "tests" / "fixtures" / "formats"


def _cli(*args: str, budget: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", TIME_BUDGET_ENV: budget}
    return subprocess.run(
        [sys.executable, "-m", "tbdialogue", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )


@pytest.mark.parametrize("path", [SAMPLE, *(FORMATS / f"CMW-C-SR.537.{ext}" for ext in ("docx", "html", "pdf"))])
def test_a_file_past_the_budget_is_refused_in_one_line(path):
    out = _cli("parse", str(path), budget="0.001")
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    # The alarm is not mistaken for a damaged file by a reader that catches errors (DOCX, PDF).
    assert len(lines) == 1 and "took longer than 0.001 s to read and parse" in lines[0], lines
    assert "Traceback" not in out.stderr


def test_the_same_file_within_the_default_budget_is_parsed():
    out = _cli("parse", str(SAMPLE), "--format", "json", budget="")
    assert out.returncode == 0, out.stderr
    assert '"CMW/C/SR.537"' in out.stdout


def test_standard_input_is_timed_from_when_it_has_been_read():
    out = subprocess.run(
        [sys.executable, "-m", "tbdialogue", "parse", "-"],
        input=SAMPLE.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", TIME_BUDGET_ENV: "0.001"},
        timeout=300,
    )
    assert out.returncode == 2 and "standard input: took longer than 0.001 s" in out.stderr, out.stderr


def test_ingest_workers_keep_the_budget(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_bytes(SAMPLE.read_bytes())
    (folder / "b.docx").write_bytes((FORMATS / "CMW-C-SR.537.docx").read_bytes())
    out = _cli(
        "ingest", str(folder), "--db", f"sqlite:///{tmp_path / 't.db'}", "-j", "2", "-q", budget="0.001", cwd=tmp_path
    )
    assert out.returncode == 2, out.stderr
    report = (tmp_path / "tbdialogue-errors.tsv").read_text(encoding="utf-8")
    assert report.count("took longer than 0.001 s") == 2, report
    assert "internal error" not in out.stderr + report


def test_a_budget_that_is_not_a_number_is_one_line():
    out = _cli("parse", str(SAMPLE), budget="soon")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"error: {SAMPLE}: {TIME_BUDGET_ENV}='soon' is not a number of seconds"]


def test_the_alarm_handler_is_restored_after_a_refusal(monkeypatch):
    monkeypatch.setenv(TIME_BUDGET_ENV, "0.001")
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(TookTooLong):
        parse_file(SAMPLE)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_callers_own_alarm_is_left_alone(monkeypatch):
    """A caller with its own timer (the fuzzer's alarm) keeps it: the budget is not armed."""
    monkeypatch.setenv(TIME_BUDGET_ENV, "0.001")
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 60)
        record = parse_bytes(SAMPLE.read_bytes(), name="sample.md")
        assert record.symbol == "CMW/C/SR.537"
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 50 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_off_the_main_thread_the_budget_is_not_armed(monkeypatch):
    """Signals are handled by the main thread only; a thread parses as before (the web app's uploads
    are bounded by their size)."""
    monkeypatch.setenv(TIME_BUDGET_ENV, "0.001")
    got: list[object] = []
    worker = threading.Thread(target=lambda: got.append(parse_bytes(SAMPLE.read_bytes(), name="sample.md")))
    worker.start()
    worker.join(120)
    assert len(got) == 1 and got[0].symbol == "CMW/C/SR.537"
