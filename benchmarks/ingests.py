"""Ingests run as a user runs them, in processes of their own: shared by the concurrency tests and
`bench_races.py`, so that what the benchmark counts is what the tests check."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def ctrl_c_as_in_a_terminal() -> None:
    """In the child, before exec: Ctrl-C handled as by default. A shell's background job (CI, `nohup …
    &`) ignores SIGINT, and an ignored signal stays ignored through exec: the ingest would never see
    the Ctrl-C sent to it, and a test of Ctrl-C would test nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ingest_process(folder: str | Path, url: str, *, jobs: int = 1, group: bool = False) -> subprocess.Popen:
    """`tbdialogue ingest FOLDER --recursive --db URL --jobs N --quiet`, output captured; ``group``:
    in a process group of its own, so that a Ctrl-C can reach it and its workers as a terminal's does."""
    return subprocess.Popen(
        [sys.executable, "-m", "tbdialogue", "ingest", str(folder), "--recursive", "--db", url,
         "--jobs", str(jobs), "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=group,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )  # fmt: skip


def group_alive(pgid: int) -> bool:
    """Whether any process of the group is left."""
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def counts(url: str) -> tuple[int, int]:
    """Records, and versions (one per record when nothing was stored twice)."""
    from sqlalchemy import func, select

    from tbdialogue.store import Corpus
    from tbdialogue.store.schema import record_versions, records

    with Corpus(url) as corpus, corpus.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(records)).scalar_one(),
            conn.execute(select(func.count()).select_from(record_versions)).scalar_one(),
        )
