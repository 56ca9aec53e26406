"""Full-text search on SQLite: an FTS5 table of folded, stemmed words, ranked with bm25.

``paragraph_fts(rowid = paragraphs.id, terms, speaker, meta)``. Filters are index tokens in the
``meta`` column (``body_cmw state_kgz year_2023 lang_en side_state session_37 status_unanswered``)
so that a filtered query is one FTS5 lookup with ``ORDER BY … LIMIT`` inside the index, with no join
before the top hits are known.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..lexicon.stem import stem, stem_words
from .fts import IndexRow
from .query import And, Filters, Node, Not, Or, Phrase, Term, token_value

_TOP = text(
    "SELECT rowid, bm25(paragraph_fts, 1.0, 0.0, 0.0) AS r FROM paragraph_fts "
    "WHERE paragraph_fts MATCH :q ORDER BY r LIMIT :limit OFFSET :offset"
)
_TOP_NEWER = text(
    "SELECT rowid, bm25(paragraph_fts, 1.0, 0.0, 0.0) AS r FROM paragraph_fts "
    "WHERE paragraph_fts MATCH :q AND rowid > :after ORDER BY r LIMIT :limit OFFSET :offset"
)
# The stored paragraph before the ``window`` newest matches: a walk down the doclist, no ranking.
_BEFORE_NEWEST = text(
    "SELECT rowid FROM paragraph_fts WHERE paragraph_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :window"
)
_COUNT = text("SELECT count(*) FROM paragraph_fts WHERE paragraph_fts MATCH :q")
_COUNT_UPTO = text("SELECT count(*) FROM (SELECT rowid FROM paragraph_fts WHERE paragraph_fts MATCH :q LIMIT :limit)")
_META = text("SELECT meta FROM paragraph_fts WHERE paragraph_fts MATCH :q")
_INSERT = text("INSERT INTO paragraph_fts (rowid, terms, speaker, meta) VALUES (:id, :terms, :speaker, :meta)")
_DELETE = text("DELETE FROM paragraph_fts WHERE rowid IN (SELECT id FROM paragraphs WHERE version_id = :v)")


def meta_tokens(row: IndexRow) -> str:
    parts = [f"lang_{row.language}"]
    for name, value in (
        ("body", row.body),
        ("session", row.session),
        ("year", row.year),
        ("state", row.state_code),
        ("side", row.side),
    ):
        if value is not None and value != "":
            parts.append(f"{name}_{token_value(value)}")
    parts += [f"status_{s}" for s in sorted(set(row.statuses))]
    return " ".join(parts)


def add(conn: Connection, rows: list[IndexRow]) -> None:
    if rows:
        conn.execute(
            _INSERT,
            [{"id": r.paragraph_id, "terms": r.terms, "speaker": r.speaker, "meta": meta_tokens(r)} for r in rows],
        )


def remove_version(conn: Connection, version_id: int) -> None:
    conn.execute(_DELETE, {"v": version_id})


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _either(options: list[str]) -> str:
    unique = list(dict.fromkeys(options))
    return unique[0] if len(unique) == 1 else "(" + " OR ".join(unique) + ")"


def render(node: Node, languages: tuple[str, ...]) -> str:
    """The query tree as an FTS5 expression over stemmed words (one variant per language)."""
    if isinstance(node, Term):
        stems = [stem(node.word, lang) for lang in languages]
        if node.prefix:
            return _either([_quote(s) + " *" for s in [node.word, *stems]])
        return _either([_quote(s) for s in stems])
    if isinstance(node, Phrase):
        return _either([_quote(" ".join(stem_words(list(node.words), lang))) for lang in languages])
    if isinstance(node, Or):
        return "(" + " OR ".join(render(n, languages) for n in node.nodes) + ")"
    if isinstance(node, And):
        positive = [render(n, languages) for n in node.nodes if not isinstance(n, Not)]
        expr = "(" + " AND ".join(positive) + ")"
        for n in node.nodes:
            if isinstance(n, Not):
                expr = f"({expr} NOT {render(n.node, languages)})"
        return expr
    raise TypeError(f"cannot render {node!r}")  # Not alone is refused by the parser


def match_expression(node: Node, filters: Filters) -> str:
    parts = ["{terms} : " + render(node, filters.languages())]
    meta: list[str] = []
    if filters.language:
        meta.append(f"lang_{filters.language}")
    if filters.body:
        meta.append(f"body_{token_value(filters.body)}")
    if filters.session is not None:
        meta.append(f"session_{filters.session}")
    if filters.state_code:
        meta.append(f"state_{token_value(filters.state_code)}")
    if filters.side:
        meta.append(f"side_{filters.side}")
    if filters.status:
        meta.append(f"status_{filters.status}")
    for token in meta:
        parts.append("{meta} : " + _quote(token))
    if filters.years:
        lo, hi = filters.years
        parts.append("{meta} : (" + " OR ".join(_quote(f"year_{y}") for y in range(lo, hi + 1)) + ")")
    if filters.speaker:
        parts.append("{speaker} : (" + " AND ".join(_quote(w) for w in filters.speaker) + ")")
    return " AND ".join(parts)


def top(
    conn: Connection, node: Node, filters: Filters, limit: int, offset: int = 0, window: int | None = None
) -> list[tuple[int, float]]:
    """(paragraph id, score) of the best hits, best first (score = -bm25: higher is better).

    ``window``: when more paragraphs match, rank only the ``window`` most recently stored. bm25 scores
    every match, so a word in half the corpus costs hundreds of milliseconds; bounded, ~20 ms.
    """
    q = match_expression(node, filters)
    params = {"q": q, "limit": limit, "offset": offset}
    if window is not None:
        after = conn.execute(_BEFORE_NEWEST, {"q": q, "window": window}).scalar()
        if after is not None:
            return [(pid, -r) for pid, r in conn.execute(_TOP_NEWER, {**params, "after": after})]
    return [(pid, -r) for pid, r in conn.execute(_TOP, params)]


def count(conn: Connection, node: Node, filters: Filters, upto: int | None = None) -> int:
    """How many paragraphs match; with ``upto``, counting stops there (a bounded cost)."""
    if upto is not None:
        return conn.execute(_COUNT_UPTO, {"q": match_expression(node, filters), "limit": upto}).scalar_one()
    return conn.execute(_COUNT, {"q": match_expression(node, filters)}).scalar_one()


def facets(conn: Connection, node: Node, filters: Filters) -> dict[str, Counter]:
    """Hit counts per body, State (ISO code), year, language, side and question status (as tokens)."""
    out: dict[str, Counter] = {k: Counter() for k in ("body", "state", "year", "lang", "side", "status")}
    for (meta,) in conn.execute(_META, {"q": match_expression(node, filters)}):
        for token in meta.split():
            name, _, value = token.partition("_")
            if name in out:
                out[name][value] += 1
    return out
