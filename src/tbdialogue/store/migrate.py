"""Bring a database to the schema this code expects, with the alembic scripts shipped in the package."""

from __future__ import annotations

from importlib import resources

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from .db import StoreError
from .schema import SCHEMA_REVISION


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(conn: Connection | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("tbdialogue.store") / "migrations"))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def upgrade(engine: Engine, where: str = "the database") -> None:
    """Create or upgrade the schema; a no-op (one query) when it is current. A database that holds
    another program's tables is refused rather than mixed with ours."""
    with engine.connect() as conn:
        rev = current_revision(conn)
        if rev is None:
            foreign = sorted(t for t in inspect(conn).get_table_names() if t != "alembic_version")
            if foreign:
                shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
                raise StoreError(
                    f"{where} is not a tbdialogue database: it holds other tables ({shown}); give another --db"
                )
    if rev == SCHEMA_REVISION:
        return
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
    if rev is not None and rev not in known:
        raise StoreError(
            f"the database has schema revision {rev}, newer than this tbdialogue knows: upgrade tbdialogue"
        )
    with engine.connect().execution_options(tbd_write=True) as conn:
        postgres = conn.dialect.name == "postgresql"
        if postgres:
            # Two processes opening a new database at once: one migrates, the other waits for it
            # (a session lock, held across the migration's own transactions).
            conn.execute(text("SELECT pg_advisory_lock(74211)"))
            conn.commit()
        try:
            # On SQLite the first statement takes the write lock (BEGIN IMMEDIATE): the same wait.
            if current_revision(conn) != SCHEMA_REVISION:
                from alembic import command

                command.upgrade(alembic_config(conn), "head")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if postgres:
                conn.execute(text("SELECT pg_advisory_unlock(74211)"))
                conn.commit()
