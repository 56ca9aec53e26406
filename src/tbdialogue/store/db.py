"""Database URLs and engines: SQLite (default, one file, WAL) or PostgreSQL (psycopg 3).

One code path for both: callers get an SQLAlchemy :class:`~sqlalchemy.engine.Engine` and use Core;
what differs (pragmas, transaction start, full-text search) is decided here and in ``fts_*``.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import TbdError
from .names import DEFAULT_URL, ENV_VAR

#: Environment variable giving the database URL when ``--db`` is not given.


class StoreError(TbdError):
    """The database cannot be used: wrong URL, missing driver, server unreachable, no corpus yet."""


def resolve_url(db: str | None = None) -> URL:
    """``--db`` value (URL or a plain file path), else ``$TBDIALOGUE_DB``, else ./tbdialogue.db."""
    raw = (db or os.environ.get(ENV_VAR) or DEFAULT_URL).strip()
    if "://" not in raw:  # a plain path means an SQLite file
        return URL.create("sqlite", database=str(Path(raw).expanduser()))
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StoreError(f"cannot read the database URL {raw!r}: use sqlite:///FILE or postgresql://HOST/DB") from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if url.database and url.database != ":memory:":
            return url.set(database=str(Path(url.database).expanduser()))
        raise StoreError("an in-memory SQLite database cannot hold a corpus: give a file, sqlite:///corpus.db")
    raise StoreError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql://HOST/DB")


def describe(url: URL) -> str:
    """The URL without its password, for messages."""
    return url.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


#: How long a writer waits for another one (SQLite's busy timeout), in seconds.
BUSY_SECONDS = 60


def _wal(cur) -> None:
    """Switch the file to WAL (once: the mode is kept in the file). SQLite answers "database is locked"
    at once, without its busy timeout, when another connection is switching the same new file at the
    same moment (4 races in 20 of two ingests into a new file): wait and look again."""
    import sqlite3

    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02 + random.random() * 0.05)


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StoreError(
            "PostgreSQL needs the psycopg driver: pip install 'tbdialogue[postgres]' (or use an SQLite file)"
        ) from None
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: URL) -> Engine:
    # The busy timeout first, from the very connection: two processes opening a new file at once
    # both switch it to WAL, and the second must wait for the first, not fail "database is locked".
    engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - exercised by every test
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (DDL included).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
        _wal(cur)  # readers never block the writer; crash-safe
        cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: consistent after a crash or kill -9
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MB page cache
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # pragma: no cover
        # A writer takes the write lock at once, so two writers queue instead of failing midway.
        write = conn.get_execution_options().get("tbd_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
