"""The schema: alembic migrations shipped in the package build exactly the documented tables."""

from __future__ import annotations

from importlib import resources

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tbdialogue.store import Corpus, StoreError
from tbdialogue.store.db import resolve_url
from tbdialogue.store.migrate import alembic_config
from tbdialogue.store.schema import SCHEMA_REVISION, metadata

INDEX_TABLES = {"paragraph_fts", "paragraph_search"}


def test_code_expects_the_latest_migration():
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head == SCHEMA_REVISION


def test_migrations_ship_inside_the_package():
    root = resources.files("tbdialogue.store") / "migrations"
    for name in ("env.py", "script.py.mako", "versions/0001_initial.py"):
        assert (root / name).is_file(), name


def _index_table(diff) -> bool:
    kind, obj = diff[0], diff[1]
    table = obj if kind == "remove_table" else getattr(obj, "table", None)
    return table is not None and table.name.startswith(tuple(INDEX_TABLES))


def test_migrated_database_matches_schema_py(db_url):
    corpus = Corpus(db_url)
    try:
        with corpus.engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), metadata)
            tables = set(inspect(conn).get_table_names())
        # The full-text index is backend-specific and lives outside schema.py (see fts_*.py).
        diffs = [d for d in diffs if not _index_table(d)]
        assert diffs == []
        assert set(metadata.tables) <= tables
        assert tables & INDEX_TABLES
    finally:
        corpus.close()


def test_downgrade_and_upgrade_again(db_url):
    corpus = Corpus(db_url)
    try:
        with corpus.engine.connect() as conn:
            command.downgrade(alembic_config(conn), "base")
            conn.commit()
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        corpus.close()
    again = Corpus(db_url)  # opening migrates again
    try:
        with again.engine.connect() as conn:
            assert set(metadata.tables) <= set(inspect(conn).get_table_names())
    finally:
        again.close()


def test_sqlite_is_one_file_in_wal_mode(tmp_path):
    corpus = Corpus(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        with corpus.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        corpus.close()


def test_a_newer_database_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    Corpus(url).close()
    corpus = Corpus(url)
    with corpus.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    corpus.close()
    with pytest.raises(StoreError, match="newer than this tbdialogue"):
        Corpus(url)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("corpus.db", "sqlite"),
        ("sqlite:///x.db", "sqlite"),
        ("postgresql://u@h/db", "postgresql+psycopg"),
        ("postgres://u@h/db", "postgresql+psycopg"),
    ],
)
def test_database_urls(given, expected):
    assert resolve_url(given).drivername == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [("mysql://h/db", "unsupported database"), ("sqlite://", "in-memory"), ("sqlite:///:memory:", "in-memory")],
)
def test_bad_database_urls(given, message):
    with pytest.raises(StoreError, match=message):
        resolve_url(given)


def test_environment_variable_gives_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("TBDIALOGUE_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")


def test_unreachable_postgresql_is_one_line(pg_server):
    pytest.importorskip("psycopg")
    url = pg_server.url().rsplit(":", 1)[0] + ":1/none"
    with pytest.raises(StoreError, match="cannot open the database") as err:
        Corpus(url)
    assert "\n" not in str(err.value)
