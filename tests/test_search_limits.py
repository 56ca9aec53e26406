"""Every search is answered or refused in a bounded time (issue 15): the database stops a search at
its time limit (SQLite's progress handler, PostgreSQL's statement_timeout), and the refusal is one
line; a word found too often is ranked among a bounded number of matches."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from tbdialogue.store import Corpus
from tbdialogue.store.deadline import SearchTooSlow, deadline

from .conftest import SAMPLE

#: Statements that run for far longer than the limit, one per backend.
SLOW = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) "
    "SELECT count(*) FROM c",
    "postgresql": "SELECT pg_sleep(30)",
}


def test_the_database_stops_a_search_at_its_time_limit(db_url):
    with Corpus(db_url) as corpus, corpus.engine.connect() as conn:
        t0 = time.perf_counter()
        with pytest.raises(SearchTooSlow) as err, deadline(conn, 0.3, "the the the"):
            conn.execute(text(SLOW[conn.dialect.name])).scalar()
        elapsed = time.perf_counter() - t0
        message = str(err.value)
        assert 0.25 < elapsed < 10.0  # stopped soon after 0.3 s; a loaded machine may be slow to say so
        assert "took over 0.3 s" in message and "'the the the'" in message and "\n" not in message
    # The connection goes back to the pool without the limit: the next statement runs in full.
    with Corpus(db_url) as corpus, corpus.engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1


def test_an_error_before_the_limit_is_not_called_slow(db_url):
    from sqlalchemy.exc import DBAPIError

    with Corpus(db_url) as corpus, corpus.engine.connect() as conn:
        with pytest.raises(DBAPIError) as err, deadline(conn, 30, "x"):
            conn.execute(text("SELECT * FROM no_such_table"))
        assert not isinstance(err.value, SearchTooSlow)


def test_a_search_within_its_limit_is_answered_whole(db_url):
    with Corpus(db_url) as corpus:
        corpus.ingest([SAMPLE])
        limited = corpus.search("migrants", count=True, facets=True, count_limit=10_000, time_limit=5)
        free = corpus.search("migrants", count=True, facets=True)
        assert [h.id for h in limited.hits] == [h.id for h in free.hits] and limited.total == free.total > 0
        assert limited.facets == free.facets and not limited.capped


def test_the_command_line_says_when_a_search_is_capped(tmp_path, monkeypatch):
    """More matches than the count limit: "over N", and the ranking's scope said in words and JSON."""
    from typer.testing import CliRunner

    from tbdialogue.cli import app, search_cmd

    db = f"sqlite:///{tmp_path / 'c.db'}"
    with Corpus(db) as corpus:
        corpus.ingest([SAMPLE])
        assert corpus.search("migrants", count=True).total > 5
    monkeypatch.setattr(search_cmd, "COUNT_LIMIT", 5)
    table = CliRunner().invoke(app, ["search", "migrants", "--db", db])
    assert table.exit_code == 0 and "of over 5 paragraphs" in table.stdout
    assert "best of the 5 most recently stored" in " ".join(table.stdout.split())
    js = CliRunner().invoke(app, ["search", "migrants", "--db", db, "--format", "json"])
    assert '"total": 5,\n  "capped": true' in js.stdout
    monkeypatch.setattr(search_cmd, "SEARCH_SECONDS", 0.0)
    monkeypatch.setattr("tbdialogue.store.deadline._STEPS", 1)
    slow = CliRunner().invoke(app, ["search", "migrants", "--db", db])
    assert slow.exit_code != 0 and isinstance(slow.exception, SearchTooSlow)


def test_the_web_search_says_when_it_is_capped(tmp_path, monkeypatch):
    from .conftest import require_extra

    require_extra("fastapi", "web")
    from fastapi.testclient import TestClient

    from tbdialogue.web import create_app, data

    db = f"sqlite:///{tmp_path / 'c.db'}"
    with Corpus(db) as corpus:
        corpus.ingest([SAMPLE])
    monkeypatch.setattr(data, "COUNT_LIMIT", 5)
    app = create_app(db)
    with TestClient(app) as client:
        api = client.get("/api/search", params={"q": "migrants"}).json()
        assert api["capped"] and api["total"] == 5 and api["ranked_among"] == "most recently stored"
        page = client.get("/search", params={"q": "migrants"}).text
        assert "Over 5 paragraphs" in page and "best of the 5 most recently stored" in page
        monkeypatch.setattr(data, "SEARCH_SECONDS", 0.0)
        monkeypatch.setattr("tbdialogue.store.deadline._STEPS", 1)
        refused = client.get("/api/search", params={"q": "rights OR women"})
        assert refused.status_code == 400 and "took over 0 s" in refused.json()["error"]
    app.state.corpus.close()
