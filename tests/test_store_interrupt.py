"""Interrupting ingest (kill -9, Ctrl-C) leaves a consistent database; running it again completes the
work with no record lost and none duplicated — on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from benchmarks.scale_corpus import generate
from sqlalchemy import func, select, text

from tbdialogue.store import Corpus
from tbdialogue.store.schema import paragraphs, record_versions, records, turns

FILES = 400


def _ingest_process(folder, url) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tbdialogue",
            "ingest",
            str(folder),
            "--recursive",
            "--db",
            url,
            "--jobs",
            "2",
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


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
    """Every record has one current version; every version holds all its rows; the index matches."""
    v = record_versions.c
    with corpus.engine.connect() as conn:
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
        proc = _ingest_process(many_files, db_url)
        _wait_for_some(corpus, proc)
        os.kill(proc.pid, signal.SIGKILL if how == "kill -9" else signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        partial = _stored(corpus)
        assert 0 < partial < FILES, "the interruption came too late to test anything"
        if how == "Ctrl-C":
            assert proc.returncode == 130
            assert "interrupted" in err and "Traceback" not in err
        assert_consistent(corpus)

        rerun = _ingest_process(many_files, db_url)
        out, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        assert f"{FILES} of {FILES} files" in out and "0 errors" in out
        assert _stored(corpus) == FILES
        with corpus.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(record_versions)).scalar_one() == FILES
        assert_consistent(corpus)
    finally:
        corpus.close()
