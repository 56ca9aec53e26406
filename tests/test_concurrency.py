"""Ingests that run at the same time, and ingests killed at any moment (issue 15), on SQLite and on
a real PostgreSQL: every record stored exactly once, every process ends, no worker outlives the
ingest that started it, and searching while ingesting never fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time

import pytest
from benchmarks.ingests import counts, group_alive, ingest_process
from benchmarks.scale_corpus import generate
from sqlalchemy import text

from tbdialogue.store import Corpus

from .test_store_interrupt import assert_consistent

FILES = 60


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    """60 realistic records (benchmarks/scale_corpus.py, from the sample), and two overlapping folders."""
    root = tmp_path_factory.mktemp("race")
    generate(root / "all", FILES, seed=5)
    files = sorted(p for p in (root / "all").rglob("*") if p.is_file())
    assert len(files) == FILES
    for name, part in (("first", files[: FILES * 2 // 3]), ("last", files[FILES // 3 :])):
        (root / name).mkdir()
        for f in part:
            shutil.copy(f, root / name / f.name)
    return root


@pytest.mark.parametrize(
    "folders",
    [("all", "all"), ("all", "all", "all"), ("first", "last"), ("first", "last", "all")],
    ids=["same folder twice", "same folder three times", "overlapping folders", "overlapping and whole"],
)
def test_ingests_at_once_into_an_empty_database_store_each_record_once(db_url, scale, folders):
    procs = [ingest_process(scale / f, db_url) for f in folders]
    results = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0 and "0 errors" in out, (out, err)
        assert "Traceback" not in err and "locked" not in err and "internal error" not in err, err
    assert counts(db_url) == (FILES, FILES)
    with Corpus(db_url) as corpus:
        assert_consistent(corpus)


def test_searching_while_ingesting_never_fails(db_url, scale):
    with Corpus(db_url) as corpus:
        corpus.search("migrants")  # the schema exists before the searchers start
    errors: list[str] = []
    done = threading.Event()

    def search() -> None:
        with Corpus(db_url) as corpus:
            while not done.is_set():
                try:
                    corpus.search("migrants OR workers", count=True, facets=True)
                except Exception as exc:  # noqa: BLE001 - any failure is the finding
                    errors.append(f"{type(exc).__name__}: {exc}")
                    return

    searchers = [threading.Thread(target=search) for _ in range(5)]
    for t in searchers:
        t.start()
    try:
        proc = ingest_process(scale / "all", db_url, jobs=2)
        out, err = proc.communicate(timeout=600)
    finally:
        done.set()
        for t in searchers:
            t.join(30)
    assert proc.returncode == 0, err
    assert errors == []
    assert counts(db_url) == (FILES, FILES)


@pytest.mark.parametrize("after", [0.05, 0.4, 0.9, 1.6])
def test_no_worker_outlives_a_killed_ingest(tmp_path, scale, after):
    """kill -9 at any moment, the first second included: within 2 s no process of the ingest is left,
    and its output pipe closes (`ingest … | tee log` ends)."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    proc = ingest_process(scale / "all", url, jobs=2, group=True)
    time.sleep(after)
    proc.kill()
    proc.communicate(timeout=10)  # returns only when every holder of its stdout and stderr is gone
    end = time.monotonic() + 2
    while group_alive(proc.pid) and time.monotonic() < end:
        time.sleep(0.05)
    assert not group_alive(proc.pid), subprocess.run(
        ["ps", "-g", str(proc.pid), "-o", "pid,ppid,cmd"], capture_output=True, text=True
    ).stdout


def test_a_deadlock_is_a_failure_worth_trying_again(pg_server):
    """A real PostgreSQL deadlock (two transactions locking two rows in opposite orders) is what the
    ingest's batch retry recognises; other errors are not."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from tbdialogue.store.ingest import retryable

    url = pg_server.new_database()
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (id int primary key, n int)"))
        conn.execute(text("INSERT INTO t VALUES (1, 0), (2, 0)"))
    barrier = threading.Barrier(2)
    caught: list[Exception] = []

    def worker(first: int, second: int) -> None:
        try:
            with engine.begin() as conn:
                conn.execute(text("UPDATE t SET n = n + 1 WHERE id = :i"), {"i": first})
                barrier.wait()
                conn.execute(text("UPDATE t SET n = n + 1 WHERE id = :i"), {"i": second})
        except OperationalError as exc:
            caught.append(exc)

    threads = [threading.Thread(target=worker, args=a) for a in ((1, 2), (2, 1))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    engine.dispose()
    assert len(caught) == 1 and retryable(caught[0])
    with (
        pytest.raises(ProgrammingError) as other,
        create_engine(url.replace("postgresql://", "postgresql+psycopg://")).connect() as conn,
    ):
        conn.execute(text("SELECT * FROM no_such_table"))
    assert not retryable(other.value)


def test_a_new_sqlite_file_opened_by_three_processes_at_once(tmp_path):
    """Switching a new file to WAL answered "database is locked" at once, without the busy timeout,
    when two processes did it at the same moment (4 of 20 races of two ingests): now they wait."""
    code = "import sys; from tbdialogue.store import Corpus; Corpus(sys.argv[1]).close()"
    for i in range(8):
        url = f"sqlite:///{tmp_path / f'new{i}.db'}"
        procs = [
            subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True) for _ in range(3)
        ]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err.strip().splitlines()[-1:]
