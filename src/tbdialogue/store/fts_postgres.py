"""Full-text search on PostgreSQL: a ``tsvector`` per current paragraph, a GIN index, ``ts_rank``.

``paragraph_search(paragraph_id, version_id, tsv, language, body, session, year, state_code, side,
speaker, statuses)``: the tsvector is built with the paragraph's language configuration (english,
french, spanish) from its folded words (accents removed, as on SQLite), and filters are plain
columns with btree indexes that the planner combines with the GIN index. PostgreSQL is given the
folded words joined by spaces, so that its parser splits text exactly as the SQLite side does,
whatever the server's locale (in the C locale it would take "migrants’" for one word).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .fts import IndexRow
from .query import And, Filters, Node, Not, Or, Phrase, Term
from .stem import text_search_config

_INSERT = text(
    "INSERT INTO paragraph_search (paragraph_id, version_id, tsv, language, body, session, year, state_code,"
    " side, speaker, statuses) VALUES (:id, :v, to_tsvector(CAST(:cfg AS regconfig), :text), :lang, :body,"
    " :session, :year, :state, :side, :speaker, :statuses)"
)
_DELETE = text("DELETE FROM paragraph_search WHERE version_id = :v")


def add(conn: Connection, rows: list[IndexRow]) -> None:
    if not rows:
        return
    conn.execute(
        _INSERT,
        [
            {
                "id": r.paragraph_id,
                "v": r.version_id,
                "cfg": text_search_config(r.language),
                "text": r.terms,
                "lang": r.language,
                "body": r.body,
                "session": r.session,
                "year": r.year,
                "state": r.state_code,
                "side": r.side,
                "speaker": r.speaker,
                "statuses": sorted(set(r.statuses)),
            }
            for r in rows
        ],
    )


def remove_version(conn: Connection, version_id: int) -> None:
    conn.execute(_DELETE, {"v": version_id})


class _Renderer:
    """Renders the query tree as a tsquery expression with bound parameters (never pasted text)."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.configs = [text_search_config(lang) for lang in languages]
        self.params: dict[str, object] = {}

    def param(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return ":" + name

    def render(self, node: Node) -> str:
        if isinstance(node, Term):
            if node.prefix:
                p = self.param(node.word + ":*")
                return "(" + " || ".join(f"to_tsquery('{c}', {p})" for c in self.configs) + ")"
            p = self.param(node.word)
            return "(" + " || ".join(f"plainto_tsquery('{c}', {p})" for c in self.configs) + ")"
        if isinstance(node, Phrase):
            p = self.param(" ".join(node.words))
            return "(" + " || ".join(f"phraseto_tsquery('{c}', {p})" for c in self.configs) + ")"
        if isinstance(node, Or):
            return "(" + " || ".join(self.render(n) for n in node.nodes) + ")"
        if isinstance(node, And):
            positive = [self.render(n) for n in node.nodes if not isinstance(n, Not)]
            negative = [f"!!{self.render(n.node)}" for n in node.nodes if isinstance(n, Not)]
            return "(" + " && ".join(positive + negative) + ")"
        raise TypeError(f"cannot render {node!r}")


def _query(node: Node, filters: Filters) -> tuple[str, str, dict[str, object]]:
    """(tsquery expression, WHERE conditions, parameters)."""
    r = _Renderer(filters.languages())
    expr = r.render(node)
    where = ["s.tsv @@ q.q"]
    for column, value in (
        ("language", filters.language),
        ("body", filters.body),
        ("session", filters.session),
        ("state_code", filters.state_code),
        ("side", filters.side),
    ):
        if value is not None:
            where.append(f"s.{column} = {r.param(value)}")
    if filters.years:
        where.append(f"s.year BETWEEN {r.param(filters.years[0])} AND {r.param(filters.years[1])}")
    if filters.status:
        where.append(f"{r.param(filters.status)} = ANY(s.statuses)")
    if filters.speaker:
        where.append(
            f"to_tsvector('simple', s.speaker) @@ plainto_tsquery('simple', {r.param(' '.join(filters.speaker))})"
        )
    return expr, " AND ".join(where), r.params


def _sql(
    select: str, node: Node, filters: Filters, tail: str = "", after: int | None = None
) -> tuple[str, dict[str, object]]:
    """The statement; ``after``: only paragraphs stored after that one (the window's start)."""
    expr, where, params = _query(node, filters)
    if after is not None:
        where += " AND s.paragraph_id > :after"
        params = {**params, "after": after}
    # MATERIALIZED: the tsquery is built once, not once per row ranked.
    return (
        f"WITH q AS MATERIALIZED (SELECT {expr} AS q) SELECT {select} FROM paragraph_search s, q WHERE {where} {tail}",
        params,
    )


def top(
    conn: Connection, node: Node, filters: Filters, limit: int, offset: int = 0, window: int | None = None
) -> list[tuple[int, float]]:
    """(paragraph id, score) of the best hits, best first. ``window``: as on SQLite (fts_sqlite.top),
    rank only the ``window`` most recently stored matches when more match, since ts_rank reads every
    match's tsvector (and the GIN index gives matches in no order: see :func:`_window_start`)."""
    page = {"limit": limit, "offset": offset}
    after = _window_start(conn, node, filters, window) if window is not None else None
    if after is None:
        sql, params = _sql(
            "s.paragraph_id, ts_rank(s.tsv, q.q, 1) AS score",
            node,
            filters,
            "ORDER BY score DESC, s.paragraph_id LIMIT :limit OFFSET :offset",
        )
    else:
        # The newest ``window`` matches as ids only (a narrow sort), then their tsvectors ranked.
        expr, where, params = _query(node, filters)
        sql = (
            f"WITH q AS MATERIALIZED (SELECT {expr} AS q), newest AS (SELECT s.paragraph_id FROM "
            f"paragraph_search s, q WHERE {where} AND s.paragraph_id > :after ORDER BY s.paragraph_id DESC "
            "LIMIT :window) SELECT s.paragraph_id, ts_rank(s.tsv, q.q, 1) AS score FROM newest "
            "JOIN paragraph_search s USING (paragraph_id), q ORDER BY score DESC, s.paragraph_id "
            "LIMIT :limit OFFSET :offset"
        )
        page.update(window=window, after=after)
    rows = conn.execute(text(sql), {**params, **page})
    return [(pid, float(score)) for pid, score in rows]


def _window_start(conn: Connection, node: Node, filters: Filters, window: int) -> int | None:
    """The paragraph id after which at least ``window`` paragraphs match, or None when fewer match
    in all. Found from the newest paragraphs back, a span four times wider at each step: PostgreSQL
    then reads only the rows of that span (the primary key's range), never every match of a common
    word, which for a word in a fifth of the corpus is the cost of the whole search."""
    newest = conn.execute(text("SELECT max(paragraph_id) FROM paragraph_search")).scalar()
    if newest is None:
        return None
    span = 4 * window
    while True:
        after = newest - span
        if after <= 0:
            return None if count(conn, node, filters, window + 1) <= window else 0
        sql, params = _sql("1", node, filters, "LIMIT :upto", after)
        found = conn.execute(text(f"SELECT count(*) FROM ({sql}) AS hits"), {**params, "upto": window + 1}).scalar_one()
        if found > window:
            return after
        span *= 4


def count(conn: Connection, node: Node, filters: Filters, upto: int | None = None) -> int:
    """How many paragraphs match; with ``upto``, counting stops there (a bounded cost)."""
    if upto is not None:
        sql, params = _sql("1", node, filters, "LIMIT :upto")
        return conn.execute(text(f"SELECT count(*) FROM ({sql}) AS hits"), {**params, "upto": upto}).scalar_one()
    sql, params = _sql("count(*)", node, filters)
    return conn.execute(text(sql), params).scalar_one()


def facets(conn: Connection, node: Node, filters: Filters) -> dict[str, Counter]:
    from .query import token_value

    sql, params = _sql("s.body, s.state_code, s.year, s.language, s.side, s.statuses", node, filters)
    out: dict[str, Counter] = {k: Counter() for k in ("body", "state", "year", "lang", "side", "status")}
    for body, state, year, lang, side, statuses in conn.execute(text(sql), params):
        for name, value in (("body", body), ("state", state), ("year", year), ("lang", lang), ("side", side)):
            if value is not None:
                out[name][token_value(value)] += 1
        for s in statuses or ():
            out["status"][s] += 1
    return out
