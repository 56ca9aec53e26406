"""Interrupting ingest (kill -9, Ctrl-C) leaves a consistent database; running it again completes the
work with no record lost and none duplicated — on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time

import pytest
from benchmarks.ingests import group_alive, ingest_process
from benchmarks.scale_corpus import generate
from sqlalchemy import func, select, text

from tbdialogue.store import Corpus
from tbdialogue.store.schema import paragraphs, record_versions, records, turns

FILES = 400
#: Moments (s) to interrupt an ingest of SMALL files at, drawn once (seed 13): one in the first second
#: (workers still starting), one later (batches being written). benchmarks/bench_races.py draws 40.
_draw = random.Random(13)
MOMENTS = [round(_draw.uniform(0.1, 1.0), 2), round(_draw.uniform(1.0, 2.5), 2)]
SMALL = 40


def _stored(corpus: Corpus) -> int:
    with corpus.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(records)).scalar_one()


def _wait_for_some(corpus: Corpus, proc: subprocess.Popen) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        n = _stored(corpus)
        if n > 0:
            return n
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    raise AssertionError("ingest stored nothing in 120 s")


def assert_consistent(corpus: Corpus) -> None:
    """The file is sound (SQLite: ``PRAGMA integrity_check`` and FTS5's own check); every record has
    one current version; every version holds all its rows; the index matches."""
    v = record_versions.c
    with corpus.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
            conn.exec_driver_sql("INSERT INTO paragraph_fts(paragraph_fts) VALUES ('integrity-check')")  # raises
            conn.rollback()
        bad_current = conn.execute(
            select(records.c.id)
            .outerjoin(record_versions, (v.record_id == records.c.id) & v.is_current)
            .group_by(records.c.id)
            .having(func.count(v.id) != 1)
        ).all()
        assert bad_current == []
        para_counts = dict(
            conn.execute(select(paragraphs.c.version_id, func.count()).group_by(paragraphs.c.version_id)).all()
        )
        turn_counts = dict(conn.execute(select(turns.c.version_id, func.count()).group_by(turns.c.version_id)).all())
        for vid, n_para, n_turn in conn.execute(select(v.id, v.paragraph_count, v.turn_count)):
            assert para_counts.get(vid, 0) == n_para and turn_counts.get(vid, 0) == n_turn
        index_table = "paragraph_fts" if conn.dialect.name == "sqlite" else "paragraph_search"
        indexed = conn.execute(text(f"SELECT count(*) FROM {index_table}")).scalar_one()
        current_paragraphs = conn.execute(
            select(func.count())
            .select_from(paragraphs)
            .join(record_versions, v.id == paragraphs.c.version_id)
            .where(v.is_current)
        ).scalar_one()
        assert indexed == current_paragraphs


@pytest.fixture(scope="module")
def many_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale")
    generate(folder, FILES, seed=3)
    return folder


@pytest.mark.parametrize("how", ["kill -9", "Ctrl-C"])
def test_interrupted_ingest_completes_on_rerun(db_url, many_files, how):
    corpus = Corpus(db_url)
    try:
        proc = ingest_process(many_files, db_url, jobs=2)
        _wait_for_some(corpus, proc)
        os.kill(proc.pid, signal.SIGKILL if how == "kill -9" else signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        partial = _stored(corpus)
        assert 0 < partial < FILES, "the interruption came too late to test anything"
        if how == "Ctrl-C":
            assert proc.returncode in (130, -signal.SIGINT)
            assert "interrupted" in err and "Traceback" not in err
        assert_consistent(corpus)

        rerun = ingest_process(many_files, db_url, jobs=2)
        out, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        assert f"{FILES} of {FILES} files" in out and "0 errors" in out
        assert _stored(corpus) == FILES
        with corpus.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(record_versions)).scalar_one() == FILES
        assert_consistent(corpus)
    finally:
        corpus.close()


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    generate(folder, SMALL, seed=4)
    return folder


@pytest.mark.parametrize("after", MOMENTS, ids=[f"at {m} s" for m in MOMENTS])
@pytest.mark.parametrize("how", ["kill -9", "Ctrl-C"])
def test_ingest_interrupted_at_any_moment(db_url, small_folder, how, after):
    """kill -9 of the ingest, or Ctrl-C as a terminal sends it (to the whole process group), at a
    moment of its start: within 2 s no process of it is left; nothing but one line is printed (no
    worker's traceback); the database is sound; the same ingest run again stores every record once."""
    proc = ingest_process(small_folder, db_url, jobs=2, group=True)
    time.sleep(after)
    if how == "kill -9":
        os.kill(proc.pid, signal.SIGKILL)
    else:
        os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)  # returns once every holder of its pipes is gone
    end = time.monotonic() + 2
    while group_alive(proc.pid) and time.monotonic() < end:
        time.sleep(0.05)
    assert not group_alive(proc.pid), subprocess.run(
        ["ps", "-g", str(proc.pid), "-o", "pid,ppid,cmd"], capture_output=True, text=True
    ).stdout
    assert "Traceback" not in err and "internal error" not in err, err
    if how == "Ctrl-C":
        # 130, or ended by the signal itself (-2): Python 3.11 ends so when the Ctrl-C passed through
        # code it ran with exec() (dataclasses and named tuples are built so while modules load),
        # even once the command caught it; a shell shows $? = 130 for both.
        assert proc.returncode in (0, 130, -signal.SIGINT), err
        assert len(err.strip().splitlines()) <= 1, err
    with Corpus(db_url) as corpus:
        assert_consistent(corpus)
    rerun = ingest_process(small_folder, db_url, jobs=2)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0 and f"{SMALL} of {SMALL} files" in out and "0 errors" in out, err
    with Corpus(db_url) as corpus, corpus.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(records)).scalar_one() == SMALL
        assert conn.execute(select(func.count()).select_from(record_versions)).scalar_one() == SMALL
        assert_consistent(corpus)
