"""What the corpus commands share: the ``--db`` option and opening the corpus."""

from __future__ import annotations

from typing import Any

import typer

from ..store.names import ENV_VAR

DB_HELP = f"Database: sqlite:///FILE (or a file path) or postgresql://USER@HOST/DB. Default: ${ENV_VAR}, else ./tbdialogue.db."


def db_option(help: str | None = None) -> Any:
    return typer.Option(
        None,
        "--db",
        metavar="URL|FILE",
        envvar=ENV_VAR,
        show_envvar=False,
        help=f"{help} {DB_HELP}" if help else DB_HELP,
    )


def open_corpus(db: str | None, *, create: bool = False):
    """The corpus at ``db``; a missing SQLite file is an error unless ``create`` (ingest)."""
    from ..store import Corpus

    return Corpus(db, create=create)
