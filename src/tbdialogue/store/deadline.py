"""A time limit on one search: stopped inside the database, refused in one line.

A query language with phrases, prefixes and OR can always be written so that the index must read
most of itself ('"the the the"', "a*", forty common words joined by OR). Rather than guess which
queries are costly, the database is told to stop: SQLite through a progress handler (called every
few thousand virtual-machine steps), PostgreSQL through ``statement_timeout`` for the transaction.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from .query import QueryError

#: The time limit the command line and the web app give one search. The database stops within
#: about 0.3 s of it (SQLite cannot stop inside one index lookup): refused in under 1 s.
SEARCH_SECONDS = 0.7
#: How many paragraphs a search counts and ranks at most (the most recently stored, when more match).
COUNT_LIMIT = 10_000

#: SQLite virtual-machine steps between two looks at the clock (a few hundred microseconds).
_STEPS = 20_000


class SearchTooSlow(QueryError):
    """The search was stopped at its time limit."""


@contextmanager
def deadline(conn: Connection, seconds: float | None, query: str) -> Iterator[None]:
    """Stop the statements run on ``conn`` inside the block after ``seconds`` (None: no limit)."""
    if seconds is None:
        yield
        return
    end = time.perf_counter() + seconds
    shown = query if len(query) <= 60 else query[:57] + "..."
    too_slow = SearchTooSlow(
        f"the search {shown!r} took over {seconds:g} s and was stopped: use rarer words, fewer ORs or "
        "prefixes, or a filter by body, State, year or language"
    )
    sqlite = conn.dialect.name == "sqlite"
    raw = conn.connection.driver_connection if sqlite else None

    def before_statement(_conn, cursor, *_args) -> None:
        # PostgreSQL's timeout is per statement, and a search runs several: each gets what is left.
        left = end - time.perf_counter()
        if left <= 0:
            raise too_slow
        cursor.execute(f"SET LOCAL statement_timeout = {max(1, int(left * 1000))}")

    if sqlite:
        raw.set_progress_handler(lambda: int(time.perf_counter() > end), _STEPS)
    else:
        event.listen(conn, "before_cursor_execute", before_statement)
    try:
        yield
    except OperationalError as exc:
        if time.perf_counter() < end:
            raise
        raise too_slow from exc
    finally:
        if sqlite:
            raw.set_progress_handler(None, _STEPS)
        else:
            event.remove(conn, "before_cursor_execute", before_statement)
