"""Write parsed records into the corpus tables: versions, contents, search index — one transaction each.

The caller owns the transaction (``Writer.store`` never commits), so a batch of records is all or
nothing: an interrupted ingest (Ctrl-C, kill -9, power cut) leaves the database as it was after the
last committed batch, and running it again stores the rest without duplicates (identity is the
content hash, unique in ``record_versions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from ..lexicon.words import tokens
from ..model import Record
from . import fts
from .identity import record_key
from .schema import (
    agenda_items,
    answer_links,
    dialogues,
    events,
    paragraphs,
    questions,
    record_versions,
    records,
    sources,
    speakers,
    turns,
)

NEW = "new"
NEW_VERSION = "new version"
UNCHANGED = "unchanged"


@dataclass
class Prepared:
    """A parsed record ready to store: computed in a worker process, so the writer only writes."""

    path: str
    record: Record
    content_hash: str
    terms: list[str]  # per paragraph: the text as the backend's index takes it (stem.index_text)
    parse_ms: float = 0.0


@dataclass
class Stored:
    path: str
    status: str  # NEW | NEW_VERSION | UNCHANGED
    key: str
    language: str
    version: int
    current: bool
    version_id: int


def _on_conflict_do_nothing(conn: Connection, table, column: str):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing(index_elements=[column])


def speaker_key(name: str, title: str | None, role: str | None, affiliation: str | None, side: str | None) -> str:
    return "|".join(v or "" for v in (name, title, role, affiliation, side))


_CHILD_TABLES = ("agenda", "turns", "paragraphs", "index", "events", "sources")

# Statements built once: SQLAlchemy then reuses their compiled form for every record.
rv = record_versions.c
_FIND_HASH = select(rv.id, rv.version, rv.is_current).where(rv.content_hash == bindparam("h"))
_FIND_HASHES = select(rv.content_hash, rv.id, rv.version, rv.is_current).where(
    rv.content_hash.in_(bindparam("hs", expanding=True))
)
_FIND_RECORD = select(records.c.id).where(records.c.record_key == bindparam("k"), records.c.language == bindparam("l"))
_MAX_VERSION = select(func.max(rv.version)).where(rv.record_id == bindparam("r"))
_CURRENT = select(rv.id, rv.distribution_date).where(rv.record_id == bindparam("r"), rv.is_current)
_INSERT_RECORD = insert(records).returning(records.c.id)
_INSERT_VERSION = insert(record_versions).returning(rv.id)
_INSERT_PARAGRAPHS = insert(paragraphs).returning(paragraphs.c.id, sort_by_parameter_order=True)
_INSERT_QUESTIONS = insert(questions).returning(questions.c.id, sort_by_parameter_order=True)
_FIND_SOURCE = select(sources.c.id).where(sources.c.sha256 == bindparam("h"), sources.c.version_id == bindparam("v"))
_FIND_SPEAKERS = select(speakers.c.speaker_key, speakers.c.id).where(
    speakers.c.speaker_key.in_(bindparam("keys", expanding=True))
)
_FIND_DIALOGUE = select(dialogues.c.id).where(dialogues.c.dialogue_key == bindparam("k"))


@dataclass
class Writer:
    """Stores records on one connection; caches speaker and dialogue ids of committed rows."""

    conn: Connection
    #: True: rows below a version are written by :meth:`flush` for a whole batch (fewer round trips);
    #: False: each :meth:`store` writes everything at once.
    batched: bool = False
    _speakers: dict[str, int] = field(default_factory=dict)
    _dialogues: dict[str, int] = field(default_factory=dict)
    _pending: dict[tuple[str, str], int] = field(default_factory=dict)
    _rows: dict[str, list] = field(default_factory=lambda: {t: [] for t in _CHILD_TABLES})
    _sources: set[tuple[str, int]] = field(default_factory=set)
    _unindexed: set[int] = field(default_factory=set)
    _hashes: dict[str, tuple[int, int, bool]] | None = None  # content hash → version, for a batch

    def flush(self) -> None:
        """Write the batch's agenda, turns, paragraphs, events, sources and index rows."""
        rows, conn = self._rows, self.conn
        for name, table in (("agenda", agenda_items), ("turns", turns)):
            if rows[name]:
                conn.execute(insert(table), rows[name])
        if rows["paragraphs"]:
            ids = conn.execute(_INSERT_PARAGRAPHS, rows["paragraphs"]).scalars().all()
            index_rows = []
            for pid, row in zip(ids, rows["index"], strict=True):
                if row is not None and row.version_id not in self._unindexed:
                    row.paragraph_id = pid
                    index_rows.append(row)
            fts.backend(conn).add(conn, index_rows)
        for name, table in (("events", events), ("sources", sources)):
            if rows[name]:
                conn.execute(insert(table), rows[name])
        self._clear_rows()

    def _clear_rows(self) -> None:
        for v in self._rows.values():
            v.clear()
        self._sources.clear()
        self._unindexed.clear()
        self._hashes = None

    def committed(self) -> None:
        for (kind, key), value in self._pending.items():
            (self._speakers if kind == "s" else self._dialogues)[key] = value
        self._pending.clear()
        if len(self._speakers) > 200_000:  # bounded memory on very large corpora
            self._speakers.clear()

    def rolled_back(self) -> None:
        self._pending.clear()
        self._clear_rows()

    def _cached(self, kind: str, key: str) -> int | None:
        cache = self._speakers if kind == "s" else self._dialogues
        return cache.get(key) or self._pending.get((kind, key))

    def prefetch(self, items: list[Prepared]) -> None:
        """Look up for a whole batch what :meth:`store` would otherwise look up record by record:
        known contents, speakers, dialogues (a few statements per batch instead of per record)."""
        recs = [p.record for p in items]
        self._resolve_speakers([t.speaker for r in recs for t in r.turns])
        for rec in recs:
            self.dialogue_id(rec)
        rows = self.conn.execute(_FIND_HASHES, {"hs": sorted({p.content_hash for p in items})}).all()
        self._hashes = {h: (vid, version, current) for h, vid, version, current in rows}

    def _resolve_speakers(self, labels: list) -> None:
        missing: dict[str, object] = {}
        for sp in labels:
            key = speaker_key(sp.name, sp.title, sp.role, sp.affiliation, sp.side)
            if self._cached("s", key) is None:
                missing[key] = sp
        if not missing:
            return
        found = dict(self.conn.execute(_FIND_SPEAKERS, {"keys": list(missing)}).all())
        new = [k for k in missing if k not in found]
        if new:
            self.conn.execute(
                _on_conflict_do_nothing(self.conn, speakers, "speaker_key"),
                [
                    {
                        "speaker_key": k,
                        "name": missing[k].name,
                        "title": missing[k].title,
                        "role": missing[k].role,
                        "affiliation": missing[k].affiliation,
                        "side": missing[k].side,
                    }
                    for k in new
                ],
            )
            found.update(self.conn.execute(_FIND_SPEAKERS, {"keys": new}).all())
        for k, sid in found.items():
            self._pending[("s", k)] = sid

    def speaker_ids(self, rec: Record) -> list[int]:
        """Ids of the turns' speakers, creating the new ones."""
        self._resolve_speakers([t.speaker for t in rec.turns])
        keys = [
            speaker_key(t.speaker.name, t.speaker.title, t.speaker.role, t.speaker.affiliation, t.speaker.side)
            for t in rec.turns
        ]
        return [self._cached("s", k) for k in keys]  # type: ignore[misc]

    def dialogue_id(self, rec: Record) -> int | None:
        """The constructive dialogue a record belongs to: body, session and State party."""
        if not (rec.body and rec.session is not None and rec.state_party_code):
            return None
        key = f"{rec.body}/{rec.session}/{rec.state_party_code}"
        if (found := self._cached("d", key)) is not None:
            return found
        found = self.conn.execute(_FIND_DIALOGUE, {"k": key}).scalar()
        if found is None:
            values = {
                "dialogue_key": key,
                "body": rec.body,
                "session": rec.session,
                "state_code": rec.state_party_code,
                "state_party": rec.state_party,
                "year": _year(rec.date),
            }
            self.conn.execute(_on_conflict_do_nothing(self.conn, dialogues, "dialogue_key"), values)
            found = self.conn.execute(_FIND_DIALOGUE, {"k": key}).scalar_one()
        self._pending[("d", key)] = found
        return found

    def store(self, p: Prepared) -> Stored:
        """Store one record inside the caller's transaction; identical content is stored once."""
        conn, rec, now = self.conn, p.record, datetime.now(UTC)
        key = record_key(rec, p.content_hash)
        if self._hashes is not None:  # prefetched for the batch
            known = self._hashes.get(p.content_hash)
        else:
            known = conn.execute(_FIND_HASH, {"h": p.content_hash}).first()
        if known is not None:
            vid, known_version, known_current = known
            self._add_source(vid, rec, now)
            return Stored(p.path, UNCHANGED, key, rec.language, known_version, known_current, vid)

        record_id = conn.execute(_FIND_RECORD, {"k": key, "l": rec.language}).scalar()
        current = None
        if record_id is None:
            values = {"record_key": key, "language": rec.language, "symbol": rec.symbol, "body": rec.body}
            record_id = conn.execute(_INSERT_RECORD, {**values, "current_version": 1}).scalar_one()
            version = 1
        else:
            version = conn.execute(_MAX_VERSION, {"r": record_id}).scalar_one() + 1
            current = conn.execute(_CURRENT, {"r": record_id}).first()
        # The current version is the latest issued (distribution date), else the latest ingested.
        make_current = current is None or (rec.distribution_date or "") >= (current.distribution_date or "")
        version_id = conn.execute(
            _INSERT_VERSION,
            {
                "record_id": record_id,
                "version": version,
                "content_hash": p.content_hash,
                "is_current": make_current,
                "ingested_at": now,
                "dialogue_id": self.dialogue_id(rec),
                **_cover(rec),
            },
        ).scalar_one()
        if self._hashes is not None:
            self._hashes[p.content_hash] = (version_id, version, make_current)
        self._add_source(version_id, rec, now, new=True)
        self._contents(version_id, rec, p.terms, indexed=make_current)
        if make_current and current is not None:
            conn.execute(update(record_versions).where(rv.id == current.id).values(is_current=False))
            fts.backend(conn).remove_version(conn, current.id)
            self._unindexed.add(current.id)  # in case it was stored earlier in this batch
            conn.execute(update(records).where(records.c.id == record_id).values(current_version=version))
        if not self.batched:
            self.flush()
        status = NEW if version == 1 else NEW_VERSION
        return Stored(p.path, status, key, rec.language, version, make_current, version_id)

    def _add_source(self, version_id: int, rec: Record, now: datetime, new: bool = False) -> None:
        src = rec.source
        if src is None or not src.sha256:
            return
        if (src.sha256, version_id) in self._sources:
            return
        if new or self.conn.execute(_FIND_SOURCE, {"h": src.sha256, "v": version_id}).first() is None:
            self._sources.add((src.sha256, version_id))
            self._rows["sources"].append(
                {
                    "version_id": version_id,
                    "path": src.path,
                    "format": src.format,
                    "sha256": src.sha256,
                    "pages": src.pages,
                    "ingested_at": now,
                }
            )

    def _contents(self, version_id: int, rec: Record, terms: list[str], indexed: bool) -> None:
        """Queue agenda, turns, paragraphs (with their index rows) and events; store questions."""
        rows = self._rows
        for i, item in enumerate(rec.agenda):
            rows["agenda"].append(
                _agenda_row(version_id, i, None, item.number, item.title, item.continued, item.documents, item.paragraph)
            )
            for j, sub in enumerate(item.items):
                rows["agenda"].append(
                    _agenda_row(version_id, i, j, None, sub.title, sub.continued, sub.documents, sub.paragraph)
                )
        if rec.turns:
            speaker_ids = self.speaker_ids(rec)
            rows["turns"] += [
                {
                    "version_id": version_id,
                    "idx": t.index,
                    "cid": t.id,
                    "speaker_id": sid,
                    "first_paragraph": min(t.paragraphs) if t.paragraphs else None,
                    "last_paragraph": max(t.paragraphs) if t.paragraphs else None,
                }
                for t, sid in zip(rec.turns, speaker_ids, strict=True)
            ]
        rows["paragraphs"] += [
            {
                "version_id": version_id,
                "idx": p.index,
                "number": p.number,
                "cid": p.id,
                "turn_idx": p.turn,
                "text": p.text,
                "pages": p.pages,
            }
            for p in rec.paragraphs
        ]
        rows["events"] += [
            {
                "version_id": version_id,
                "position": i,
                "kind": e.kind,
                "time": e.time,
                "text": e.text,
                "paragraph_idx": e.paragraph,
                "before_paragraph_idx": e.before_paragraph,
            }
            for i, e in enumerate(rec.events)
        ]
        statuses: dict[int, set[str]] = {}
        if rec.questions:
            self._questions(version_id, rec)
            for q in rec.questions:
                statuses.setdefault(q.paragraph, set()).add(q.status)
        if not indexed:
            rows["index"] += [None] * len(rec.paragraphs)
            return
        year = _year(rec.date)
        speaker_words = [
            " ".join(tokens(" ".join(filter(None, (t.speaker.name, t.speaker.affiliation))))) for t in rec.turns
        ]
        rows["index"] += [
            fts.IndexRow(
                paragraph_id=0,  # known once the batch's paragraphs are inserted
                version_id=version_id,
                language=rec.language,
                terms=term,
                speaker=speaker_words[p.turn] if p.turn is not None else "",
                body=rec.body,
                session=rec.session,
                year=year,
                state_code=rec.state_party_code,
                side=rec.turns[p.turn].speaker.side if p.turn is not None else None,
                statuses=tuple(sorted(statuses.get(p.index, ()))),
            )
            for p, term in zip(rec.paragraphs, terms, strict=True)
        ]

    def _questions(self, version_id: int, rec: Record) -> None:
        insert_questions(self.conn, version_id, rec)


def insert_questions(conn: Connection, version_id: int, rec: Record) -> None:
    """Store a record's questions and their answer links (rec.questions) for a version."""
    cid_of = {p.index: p.id for p in rec.paragraphs}
    qs = rec.questions or []
    if not qs:
        return
    qids = list(
        conn.execute(
            _INSERT_QUESTIONS,
            [
                {
                    "version_id": version_id,
                    "cid": q.id,
                    "paragraph_idx": q.paragraph,
                    "asked_by_turn_idx": q.asked_by,
                    "text": q.text,
                    "status": q.status,
                    "evidence": q.evidence,
                    "details": q.model_dump(mode="json"),
                    "confidence": q.confidence,
                }
                for q in qs
            ],
        ).scalars()
    )
    links = []
    for qid, q in zip(qids, qs, strict=True):
        links += [{"question_id": qid, "paragraph_cid": cid_of.get(i, str(i)), "in_record": True} for i in q.answers]
        links += [{"question_id": qid, "paragraph_cid": c, "in_record": False} for c in q.answers_elsewhere]
    if links:
        conn.execute(insert(answer_links), links)


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _agenda_row(version_id, position, sub, number, title, continued, documents, paragraph) -> dict:
    return {
        "version_id": version_id,
        "position": position,
        "sub_position": sub,
        "number": number,
        "title": title,
        "continued": continued,
        "documents": documents,
        "paragraph_idx": paragraph,
    }


def _cover(rec: Record) -> dict:
    return {
        "symbol": rec.symbol,
        "symbol_inferred": rec.symbol_inferred,
        "body": rec.body,
        "language": rec.language,
        "session": rec.session,
        "meeting": rec.meeting,
        "part": rec.part,
        "date": rec.date,
        "year": _year(rec.date),
        "time": rec.time,
        "place": rec.place,
        "chair": rec.chair,
        "chair_note": rec.chair_note,
        "state_party": rec.state_party,
        "state_party_printed": rec.state_party_printed,
        "state_party_code": rec.state_party_code,
        "committee": rec.committee,
        "treaty": rec.treaty,
        "distribution_date": rec.distribution_date,
        "original_language": rec.original_language,
        "paragraph_count": len(rec.paragraphs),
        "turn_count": len(rec.turns),
        "analysed": rec.questions is not None,
        "documents": rec.documents,
        "warnings": rec.warnings,
        "furniture": [f.model_dump(mode="json") for f in rec.furniture],
        "notes": [n.model_dump(mode="json") for n in rec.notes],
    }
