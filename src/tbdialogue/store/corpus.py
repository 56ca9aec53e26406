"""The corpus API: ``Corpus(url).ingest(...)``, ``.search(...)``, ``.record(symbol)``, ``.history(...)``,
``.dialogue(...)``, ``.questions(...)``, ``.stats()`` — what the commands use, the same on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import difflib
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.exc import DatabaseError

from ..lexicon.countries import countries
from ..lexicon.languages import check as check_language
from ..lexicon.words import tokens
from ..model import Record
from . import fts, migrate
from .analysis import AnalysisReport, analyse_stored
from .browse import question_buckets
from .db import StoreError, describe, make_engine, resolve_url, sqlite_path
from .deadline import deadline
from .identity import normalise_text
from .ingest import IngestReport, ingest, prepared
from .load import load_record, load_records
from .query import SIDES, STATUSES, Filters, Node, parse_query, token_value, without_stop_words
from .reviews import ImportReport, import_rows, read_sheet, sheet, with_reviews
from .schema import (
    answer_links,
    dialogues,
    paragraphs,
    questions,
    record_versions,
    records,
    sources,
    speakers,
    turns,
)
from .snippet import make_snippet, matcher
from .writer import Stored, Writer


@dataclass
class Hit:
    """One paragraph found, with what is needed to cite it."""

    id: str  # citable paragraph id, e.g. CMW/C/SR.537/p40
    symbol: str | None
    language: str
    body: str | None
    session: int | None
    meeting: int | None
    date: str | None
    state_party: str | None
    state_party_code: str | None
    paragraph: int  # 1-based index
    number: int | None  # printed number
    speaker: str | None
    role: str | None
    side: str | None
    snippet: str
    score: float
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    total: int | None = None
    facets: dict[str, list[tuple[str, int]]] | None = None
    elapsed_ms: float = 0.0
    #: True when ``total`` is the count limit asked for, not the whole count (there are more).
    capped: bool = False


@dataclass
class ParagraphChange:
    kind: str  # changed | added | removed
    old_id: str | None
    new_id: str | None
    old_text: str | None
    new_text: str | None


@dataclass
class Version:
    version: int
    current: bool
    ingested_at: str
    distribution_date: str | None
    sources: list[str]
    paragraphs: int
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # cover fields changed since the previous
    changes: list[ParagraphChange] = field(default_factory=list)  # paragraphs changed since the previous


@dataclass
class History:
    key: str
    language: str
    versions: list[Version]


@dataclass
class QuestionRow:
    id: str
    symbol: str | None
    date: str | None
    body: str | None
    session: int | None
    state_party: str | None
    paragraph: str  # citable paragraph id
    asker: str | None
    text: str
    status: str
    answers: list[str]


@dataclass
class DialogueSummary:
    body: str
    session: int | None
    state_party: str | None
    state_code: str
    year: int | None
    records: list[dict[str, Any]]
    questions: dict[str, int]
    #: The questions as readers are shown them: answered, check, partial, unanswered (reviews applied).
    shown: dict[str, int] = field(default_factory=dict)


_COVER_FIELDS = ("date", "time", "place", "chair", "chair_note", "state_party", "session", "meeting", "part")


#: Records read from the database at a time when streaming them (a few MB of text).
LOAD_BATCH = 200


class Corpus:
    """A corpus database. ``url``: ``sqlite:///file.db``, ``postgresql://…``, a file path, or None
    (``$TBDIALOGUE_DB``, else ``./tbdialogue.db``). ``create=False`` refuses a missing SQLite file."""

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        self.url = resolve_url(url)
        path = sqlite_path(self.url)
        if path is not None:
            if path.is_dir():
                raise StoreError(
                    f"{path} is a folder, not a database file: give a file, e.g. --db {path / 'tbdialogue.db'}"
                )
            empty = not path.exists() or (path.is_file() and path.stat().st_size == 0)
            if empty and not create:
                raise StoreError(f"no corpus at {path}: run `tbdialogue ingest` first, or give --db")
            if not path.parent.exists():
                raise StoreError(f"folder {path.parent} does not exist: create it or give another --db")
        self.engine = make_engine(self.url)
        try:
            migrate.upgrade(self.engine, describe(self.url) if path is None else str(path))
        except DatabaseError as exc:  # OperationalError included
            reason = " ".join(str(exc.orig).split())[:300]
            if path is not None and "not a database" in reason:
                raise StoreError(
                    f"{path} is not a tbdialogue database (SQLite: {reason}); give another --db, or a new file name"
                ) from None
            raise StoreError(f"cannot open the database {describe(self.url)}: {reason}") from None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------

    def ingest(
        self,
        paths,
        *,
        jobs: int = 1,
        analyse: bool = False,
        reparse: bool = False,
        recursive: bool = True,
        progress=None,
        report=None,
    ) -> IngestReport:
        return ingest(
            self.engine,
            paths,
            jobs=jobs,
            analyse=analyse,
            reparse=reparse,
            recursive=recursive,
            progress=progress,
            report=report,
        )

    def add(self, records: Iterable[Record]) -> list[Stored]:
        """Store records already parsed — for example the records of a dialogue analysed together
        (``tbdialogue.analyse.analyse_records``) — in one transaction, with the same identity rules
        as :meth:`ingest`."""
        out: list[Stored] = []
        with self.engine.connect().execution_options(tbd_write=True) as conn:
            writer = Writer(conn, batched=True)
            try:
                with conn.begin():
                    for rec in records:
                        path = rec.source.path if rec.source and rec.source.path else ""
                        out.append(writer.store(prepared(rec, path, self.backend)))
                    writer.flush()
            except BaseException:
                writer.rolled_back()
                raise
        return out

    def analyse(
        self,
        *,
        state: str | None = None,
        body: str | None = None,
        session: int | None = None,
        jobs: int = 1,
    ) -> AnalysisReport:
        """(Re)analyse the questions of stored records, each dialogue as a whole (all current
        records, or those of a State, body or session)."""
        v = record_versions.c
        stmt = select(v.id).where(v.is_current)
        if state:
            stmt = stmt.where(v.state_party_code == state_code(state))
        if body:
            stmt = stmt.where(v.body == body.upper())
        if session is not None:
            stmt = stmt.where(v.session == session)
        with self.engine.connect() as conn:
            ids = list(conn.execute(stmt).scalars())
        return analyse_stored(self.engine, ids, jobs=jobs)

    # --- searching -------------------------------------------------------------------------

    def filters(
        self,
        *,
        body: str | None = None,
        state: str | None = None,
        year: str | int | None = None,
        session: int | None = None,
        language: str | None = None,
        speaker: str | None = None,
        side: str | None = None,
        status: str | None = None,
    ) -> Filters:
        """Check and normalise filter values; a bad value is a one-line :class:`StoreError`."""
        if language is not None:
            language = check_language(language.strip().lower())
        if side is not None and side not in SIDES:
            raise StoreError(f"unknown side {side!r}: use {', '.join(SIDES)}")
        if status is not None and status not in STATUSES:
            raise StoreError(f"unknown question status {status!r}: use {', '.join(STATUSES)}")
        speaker_words: tuple[str, ...] = ()
        if speaker is not None:
            speaker_words = tuple(tokens(speaker))
            if not speaker_words:
                raise StoreError("--speaker needs a name, e.g. --speaker Dzumhur")
        return Filters(
            body=body.strip().upper() if body else None,
            state_code=state_code(state) if state else None,
            years=year_range(year) if year is not None else None,
            session=session,
            language=language,
            speaker=speaker_words,
            side=side,
            status=status,
        )

    def search(
        self,
        query: str | Node,
        *,
        limit: int = 20,
        offset: int = 0,
        count: bool = False,
        facets: bool = False,
        filters: Filters | None = None,
        mark: tuple[str, str] = ("**", "**"),
        count_limit: int | None = None,
        time_limit: float | None = None,
        **filter_values: Any,
    ) -> SearchResult:
        """Paragraphs of current record versions matching ``query``, best first.

        Filters: ``body``, ``state`` (name in en/fr/es or ISO code), ``year`` (2023 or "2013-2023"),
        ``session``, ``language``, ``speaker``, ``side``, ``status`` (of a question asked there).
        ``mark``: what the snippets put around the words found (``**`` as Markdown bold).
        ``count_limit``: count at most this many paragraphs (``capped`` says when there are more), rank
        only the ``count_limit`` most recently stored when there are more, and compute facets only
        when there are no more: a word found in half the corpus then costs a bounded time.
        ``time_limit``: seconds after which the database stops the search (``SearchTooSlow``, a
        one-line :class:`QueryError`): a query that makes the index read most of itself is refused.
        """
        t0 = time.perf_counter()
        flt = filters or self.filters(**filter_values)
        node = without_stop_words(parse_query(query) if isinstance(query, str) else query, flt.language)
        text = query if isinstance(query, str) else repr(query)
        with self.engine.connect() as conn, deadline(conn, time_limit, text):
            index = fts.backend(conn)
            capped, window = False, count_limit
            if count and count_limit is not None:
                total = index.count(conn, node, flt, count_limit + 1)
                capped = total > count_limit
                total = min(total, count_limit)
                window = count_limit if capped else None  # known: no need for top() to look again
            else:
                total = index.count(conn, node, flt) if count else None
            ranked = index.top(conn, node, flt, limit, offset, window=window)
            hits = self._hits(conn, ranked, node, flt, mark)
            facet_counts = self._facets(conn, index.facets(conn, node, flt)) if facets and not capped else None
        return SearchResult(text, hits, total, facet_counts, (time.perf_counter() - t0) * 1000, capped)

    def _hits(
        self, conn, ranked: list[tuple[int, float]], node: Node, flt: Filters, mark: tuple[str, str] = ("**", "**")
    ) -> list[Hit]:
        if not ranked:
            return []
        p, v, t, s = paragraphs.c, record_versions.c, turns.c, speakers.c
        rows = conn.execute(
            select(
                p.id,
                p.cid,
                p.idx,
                p.number,
                p.text,
                v.symbol,
                v.language,
                v.body,
                v.session,
                v.meeting,
                v.date,
                v.state_party,
                v.state_party_code,
                s.name,
                s.role,
                s.side,
            )
            .select_from(paragraphs)
            .join(record_versions, v.id == p.version_id)
            .outerjoin(turns, and_(t.version_id == p.version_id, t.idx == p.turn_idx))
            .outerjoin(speakers, s.id == t.speaker_id)
            .where(p.id.in_([pid for pid, _ in ranked]))
        ).all()
        by_id = {r.id: r for r in rows}
        matches = matcher(node, flt.languages())
        hits = []
        for pid, score in ranked:
            r = by_id[pid]
            hits.append(
                Hit(
                    id=r.cid,
                    symbol=r.symbol,
                    language=r.language,
                    body=r.body,
                    session=r.session,
                    meeting=r.meeting,
                    date=r.date,
                    state_party=r.state_party,
                    state_party_code=r.state_party_code,
                    paragraph=r.idx,
                    number=r.number,
                    speaker=r.name,
                    role=r.role,
                    side=r.side,
                    snippet=make_snippet(r.text, r.language, matches, mark),
                    score=round(score, 6),
                    text=r.text,
                )
            )
        return hits

    def _facets(self, conn, counts: dict[str, Counter]) -> dict[str, list[tuple[str, int]]]:
        """Facet tokens back to the values users know (body names, ISO codes, years)."""
        bodies = {token_value(b): b for (b,) in conn.execute(select(record_versions.c.body).distinct()) if b}
        names = {
            "body": "body",
            "state": "state",
            "year": "year",
            "lang": "language",
            "side": "side",
            "status": "status",
        }
        out: dict[str, list[tuple[str, int]]] = {}
        for key, counter in counts.items():
            if key == "body":
                values = [(bodies.get(k, k.upper()), n) for k, n in counter.items()]
            elif key == "state":
                values = [(k.upper(), n) for k, n in counter.items()]
            else:
                values = list(counter.items())
            out[names[key]] = sorted(values, key=lambda kv: (-kv[1], str(kv[0])))
        return out

    # --- records, versions, dialogues, questions --------------------------------------------

    def _version_id(self, conn, symbol: str, language: str | None, version: int | None) -> int:
        v, r = record_versions.c, records.c

        def versions(same_symbol):
            stmt = select(v.id, r.language).join(records, r.id == v.record_id).where(same_symbol)
            if language:
                stmt = stmt.where(r.language == language)
            stmt = stmt.where(v.version == version) if version is not None else stmt.where(v.is_current)
            return conn.execute(stmt.order_by(r.language)).all()

        # The symbol as given or in capitals (the index answers); any other case by a scan of the keys.
        rows = versions(r.record_key.in_({symbol.strip(), symbol.strip().upper()})) or versions(
            _same_symbol(r.record_key, symbol)
        )
        if not rows:
            what = f"{symbol}" + (f" ({language})" if language else "") + (f" version {version}" if version else "")
            raise StoreError(f"no record {what} in the corpus")
        if len(rows) > 1 and not language:
            # Same symbol in several languages: English first, the usual working language.
            rows.sort(key=lambda row: (row.language != "en", row.language))
        return rows[0].id

    def record(self, symbol: str, language: str | None = None, version: int | None = None) -> Record:
        """The record (current version unless ``version``) as it was ingested."""
        with self.engine.connect() as conn:
            return load_record(conn, self._version_id(conn, symbol, language, version))

    def history(self, symbol: str, language: str | None = None) -> list[History]:
        """Every version of a record (per language), and what changed from one to the next."""
        out: list[History] = []
        v, r = record_versions.c, records.c
        with self.engine.connect() as conn:
            stmt = select(r.id, r.record_key, r.language).where(_same_symbol(r.record_key, symbol))
            if language:
                stmt = stmt.where(r.language == language)
            recs = conn.execute(stmt.order_by(r.language)).all()
            if not recs:
                raise StoreError(f"no record {symbol} in the corpus" + (f" in language {language}" if language else ""))
            for rec in recs:
                versions: list[Version] = []
                prev = None
                for row in conn.execute(
                    select(record_versions).where(v.record_id == rec.id).order_by(v.version)
                ).mappings():
                    paths = list(
                        conn.execute(
                            select(sources.c.path).where(sources.c.version_id == row["id"]).order_by(sources.c.id)
                        ).scalars()
                    )
                    texts = conn.execute(
                        select(paragraphs.c.cid, paragraphs.c.text)
                        .where(paragraphs.c.version_id == row["id"])
                        .order_by(paragraphs.c.idx)
                    ).all()
                    ver = Version(
                        version=row["version"],
                        current=row["is_current"],
                        ingested_at=row["ingested_at"].isoformat(timespec="seconds"),
                        distribution_date=row["distribution_date"],
                        sources=[p for p in paths if p],
                        paragraphs=len(texts),
                    )
                    if prev is not None:
                        prev_row, prev_texts = prev
                        ver.fields = {f: (prev_row[f], row[f]) for f in _COVER_FIELDS if prev_row[f] != row[f]}
                        ver.changes = paragraph_changes(prev_texts, texts)
                    versions.append(ver)
                    prev = (row, texts)
                out.append(History(rec.record_key, rec.language, versions))
        return out

    def dialogue(
        self,
        state: str | None = None,
        *,
        body: str | None = None,
        session: int | None = None,
        year: str | int | None = None,
    ) -> list[DialogueSummary]:
        """Constructive dialogues (a body's review of a State in a session), with their records."""
        d, v = dialogues.c, record_versions.c
        stmt = _scoped(select(dialogues), (d.state_code, d.body, d.session, d.year), state, body, session, year)
        out = []
        with self.engine.connect() as conn:
            for dl in conn.execute(stmt.order_by(d.year, d.body, d.session)).mappings():
                recs = [
                    dict(row)
                    for row in conn.execute(
                        select(v.symbol, v.language, v.meeting, v.part, v.date, v.paragraph_count, v.analysed)
                        .where(v.dialogue_id == dl["id"], v.is_current)
                        .order_by(v.meeting, v.language)
                    ).mappings()
                ]
                statuses = Counter(
                    dict(
                        conn.execute(
                            select(questions.c.status, func.count())
                            .join(record_versions, v.id == questions.c.version_id)
                            .where(v.dialogue_id == dl["id"], v.is_current)
                            .group_by(questions.c.status)
                        ).all()
                    )
                )
                out.append(
                    DialogueSummary(
                        dl["body"],
                        dl["session"],
                        dl["state_party"],
                        dl["state_code"],
                        dl["year"],
                        recs,
                        dict(statuses),
                        question_buckets(conn, v.dialogue_id == dl["id"]) if statuses else {},
                    )
                )
        return out

    def analysed_dialogues(
        self,
        *,
        state: str | None = None,
        body: str | None = None,
        session: int | None = None,
        year: str | int | None = None,
    ) -> list[list[Record]]:
        """The current, analysed records of each dialogue, with their questions as stored (a record
        outside any dialogue on its own; the records of one language together), in meeting order."""
        v = record_versions.c
        stmt = select(v.id, v.dialogue_id, v.language).where(v.is_current, v.analysed)
        stmt = _scoped(stmt, (v.state_party_code, v.body, v.session, v.year), state, body, session, year)
        groups: dict[tuple, list[int]] = {}
        with self.engine.connect() as conn:
            for vid, did, lang in conn.execute(stmt.order_by(v.date, v.meeting, v.id)):
                groups.setdefault((did, lang) if did is not None else ("alone", vid), []).append(vid)
            return [[with_reviews(conn, load_record(conn, vid)) for vid in ids] for ids in groups.values()]

    def record_ids(
        self,
        *,
        symbol: str | None = None,
        state: str | None = None,
        body: str | None = None,
        year: str | int | None = None,
        session: int | None = None,
        language: str | None = None,
        query: str | None = None,
    ) -> list[int]:
        """The current versions chosen by the filters (``query``: those with a paragraph that
        matches it, in the query language of :meth:`search`), in date and meeting order."""
        v = record_versions.c
        stmt = select(v.id).where(v.is_current)
        stmt = _scoped(stmt, (v.state_party_code, v.body, v.session, v.year), state, body, session, year)
        if symbol:
            stmt = stmt.where(_same_symbol(v.symbol, symbol))
        if language:
            stmt = stmt.where(v.language == check_language(language.strip().lower()))
        with self.engine.connect() as conn:
            ids = list(conn.execute(stmt.order_by(v.date, v.body, v.meeting, v.language, v.id)).scalars())
            if query is None or not ids:
                return ids
            flt = self.filters(body=body, state=state, year=year, session=session, language=language)
            node = without_stop_words(parse_query(query), flt.language)
            index = fts.backend(conn)
            found_paragraphs = [pid for pid, _ in index.top(conn, node, flt, index.count(conn, node, flt))]
            matched: set[int] = set()
            for start in range(0, len(found_paragraphs), 1000):
                chunk = found_paragraphs[start : start + 1000]
                matched.update(
                    conn.execute(select(paragraphs.c.version_id).where(paragraphs.c.id.in_(chunk)).distinct()).scalars()
                )
        return [i for i in ids if i in matched]

    def records(self, version_ids: Iterable[int] | None = None, **filters: Any) -> Iterator[Record]:
        """The records of ``version_ids`` (else those :meth:`record_ids` chooses with ``filters``),
        one at a time with their questions and latest reviews: memory stays flat however many."""
        ids = list(version_ids) if version_ids is not None else self.record_ids(**filters)
        with self.engine.connect() as conn:
            for start in range(0, len(ids), LOAD_BATCH):
                for record in load_records(conn, ids[start : start + LOAD_BATCH]):
                    yield with_reviews(conn, record)

    def review_sheet(self, **filters: Any) -> str:
        """A review sheet (CSV) of the analysed records chosen: one row per question, with what the
        tool found and empty columns for the reviewer's decision (see ``store.reviews``)."""
        return sheet(self.analysed_dialogues(**filters))

    def import_reviews(self, text: str, reviewer: str, name: str = "the sheet") -> ImportReport:
        """Store the decisions of a filled-in review sheet (all or none), beside the automatic results."""
        if not reviewer.strip():
            raise StoreError("a review needs the reviewer's name: --reviewer NAME")
        rows = read_sheet(text, name)
        with self.engine.connect().execution_options(tbd_write=True) as conn, conn.begin():
            return import_rows(conn, rows, reviewer.strip(), name)

    def questions(
        self,
        *,
        state: str | None = None,
        status: str | None = None,
        body: str | None = None,
        year: str | int | None = None,
        session: int | None = None,
        limit: int | None = None,
    ) -> list[QuestionRow]:
        """Questions of current, analysed records, filtered; in meeting order."""
        if status is not None and status not in STATUSES:
            raise StoreError(f"unknown question status {status!r}: use {', '.join(STATUSES)}")
        q, v, p = questions.c, record_versions.c, paragraphs.c
        stmt = (
            select(
                q.id,
                q.cid,
                q.text,
                q.status,
                q.details,
                q.paragraph_idx,
                v.symbol,
                v.date,
                v.body,
                v.session,
                v.state_party,
                p.cid.label("pcid"),
            )
            .join(record_versions, v.id == q.version_id)
            .outerjoin(paragraphs, and_(p.version_id == q.version_id, p.idx == q.paragraph_idx))
            .where(v.is_current)
        )
        stmt = _scoped(stmt, (v.state_party_code, v.body, v.session, v.year), state, body, session, year)
        if status:
            stmt = stmt.where(q.status == status)
        stmt = stmt.order_by(v.date, v.symbol, q.id)
        if limit:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
            links: dict[int, list[str]] = {}
            if rows:
                for qid, cid in conn.execute(
                    select(answer_links.c.question_id, answer_links.c.paragraph_cid)
                    .where(answer_links.c.question_id.in_([r.id for r in rows]))
                    .order_by(answer_links.c.id)
                ):
                    links.setdefault(qid, []).append(cid)
        return [
            QuestionRow(
                id=r.cid,
                symbol=r.symbol,
                date=r.date,
                body=r.body,
                session=r.session,
                state_party=r.state_party,
                paragraph=r.pcid or str(r.paragraph_idx),
                asker=(r.details or {}).get("asker"),
                text=r.text,
                status=r.status,
                answers=links.get(r.id, []),
            )
            for r in rows
        ]

    def stats(self) -> dict[str, Any]:
        """What the corpus holds: records per body, year and language; versions; dialogues; questions."""
        v = record_versions.c
        cur = v.is_current
        with self.engine.connect() as conn:

            def grouped(col) -> list[tuple[Any, int]]:
                rows = conn.execute(select(col, func.count()).where(cur).group_by(col).order_by(col)).all()
                return [(k, n) for k, n in rows]

            return {
                "database": describe(self.url),
                "backend": self.backend,
                "records": conn.execute(select(func.count()).select_from(records)).scalar_one(),
                "versions": conn.execute(select(func.count()).select_from(record_versions)).scalar_one(),
                "paragraphs": conn.execute(
                    select(func.count())
                    .select_from(paragraphs)
                    .join(record_versions, v.id == paragraphs.c.version_id)
                    .where(cur)
                ).scalar_one(),
                "dialogues": conn.execute(select(func.count()).select_from(dialogues)).scalar_one(),
                "analysed": conn.execute(select(func.count()).where(cur, v.analysed)).scalar_one(),
                "by_body": grouped(v.body),
                "by_year": grouped(v.year),
                "by_language": grouped(v.language),
                "shown": question_buckets(conn),
                "questions": dict(
                    conn.execute(
                        select(questions.c.status, func.count())
                        .join(record_versions, v.id == questions.c.version_id)
                        .where(cur)
                        .group_by(questions.c.status)
                    ).all()
                ),
            }


def paragraph_changes(old: list, new: list) -> list[ParagraphChange]:
    """Paragraph-level differences between two versions, aligned on normalised text."""
    a = [normalise_text(t.text) for t in old]
    b = [normalise_text(t.text) for t in new]
    out: list[ParagraphChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            o, n = old[i1 + k], new[j1 + k]
            out.append(ParagraphChange("changed", o.cid, n.cid, o.text, n.text))
        for o in old[i1 + pairs : i2]:
            out.append(ParagraphChange("removed", o.cid, None, o.text, None))
        for n in new[j1 + pairs : j2]:
            out.append(ParagraphChange("added", None, n.cid, None, n.text))
    return out


def _scoped(stmt, columns, state: str | None, body: str | None, session: int | None, year: str | int | None):
    """``stmt`` restricted to a State, body, session and year range; ``columns`` are the table's
    (state code, body, session, year) columns."""
    state_col, body_col, session_col, year_col = columns
    if state:
        stmt = stmt.where(state_col == state_code(state))
    if body:
        stmt = stmt.where(body_col == body.upper())
    if session is not None:
        stmt = stmt.where(session_col == session)
    if year is not None:
        lo, hi = year_range(year)
        stmt = stmt.where(year_col.between(lo, hi))
    return stmt


def _same_symbol(column, symbol: str):
    """A record's key equal to ``symbol`` whatever the case, as the UN's document system matches
    symbols ("cmw/c/sr.537" is CMW/C/SR.537)."""
    return func.upper(column) == symbol.strip().upper()


def state_code(state: str) -> str:
    """ISO code from a State's name (English, French or Spanish, current or former) or code."""
    table = countries()
    raw = state.strip()
    if re.fullmatch(r"[A-Za-z]{3}", raw) and raw.upper() in table.by_code:
        return raw.upper()
    found = table.lookup(raw)
    if found is None:
        raise StoreError(
            f"unknown State party {state!r}: give its name (English, French or Spanish) or ISO code, e.g. Kyrgyzstan or KGZ"
        )
    return found.code


def year_range(year: str | int) -> tuple[int, int]:
    """2023 → (2023, 2023); "2013-2023" → (2013, 2023)."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4})\s*)?", str(year))
    if not m:
        raise StoreError(f"cannot read the year {year!r}: give 2023 or a range such as 2013-2023")
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    if lo > hi:
        lo, hi = hi, lo
    return lo, hi
