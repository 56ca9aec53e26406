"""What the web pages browse: a dialogue's records, who spoke in a State's reviews, what one person
said — read-only queries over current record versions, parametrised, bounded by a limit."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from .schema import dialogues, paragraphs, questions, record_versions, records, reviews, speakers, turns


@dataclass
class DialogueRef:
    key: str  # "CMW/37/KGZ": body / session / State code
    body: str
    session: int | None
    state_party: str | None
    state_code: str
    year: int | None
    records: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def dialogue_refs(conn: Connection, state_code: str | None = None, limit: int = 500) -> list[DialogueRef]:
    """Dialogues (newest first), with how many current records each has."""
    d, v = dialogues.c, record_versions.c
    n = select(func.count()).where(v.dialogue_id == d.id, v.is_current).scalar_subquery()
    stmt = select(d.dialogue_key, d.body, d.session, d.state_party, d.state_code, d.year, n.label("n"))
    if state_code:
        stmt = stmt.where(d.state_code == state_code)
    rows = conn.execute(stmt.order_by(d.year.desc(), d.body, d.session.desc()).limit(limit)).all()
    return [DialogueRef(r.dialogue_key, r.body, r.session, r.state_party, r.state_code, r.year, r.n) for r in rows]


def dialogue_ref(conn: Connection, key: str) -> DialogueRef | None:
    d, v = dialogues.c, record_versions.c
    n = select(func.count()).where(v.dialogue_id == d.id, v.is_current).scalar_subquery()
    cols = select(d.dialogue_key, d.body, d.session, d.state_party, d.state_code, d.year, n.label("n"))
    r = conn.execute(cols.where(d.dialogue_key == key)).first() or conn.execute(
        cols.where(func.upper(d.dialogue_key) == key.upper())
    ).first()  # the key as stored (indexed), else in any case
    return DialogueRef(r.dialogue_key, r.body, r.session, r.state_party, r.state_code, r.year, r.n) if r else None


def dialogue_version_ids(conn: Connection, key: str, language: str | None = None) -> list[int]:
    """The current versions of a dialogue's records, in meeting order."""
    d, v = dialogues.c, record_versions.c
    ref = dialogue_ref(conn, key)
    if ref is None:
        return []
    stmt = (
        select(v.id)
        .join(dialogues, d.id == v.dialogue_id)
        .where(d.dialogue_key == ref.key, v.is_current)
        .order_by(v.date, v.meeting, v.language, v.id)
    )
    if language:
        stmt = stmt.where(v.language == language)
    return list(conn.execute(stmt).scalars())


def speakers_of_state(conn: Connection, state_code: str, limit: int = 100) -> list[dict[str, Any]]:
    """Who spoke in the reviews of a State: each speaker (name, role, side) with turns and records."""
    d, v, t, s = dialogues.c, record_versions.c, turns.c, speakers.c
    rows = conn.execute(
        select(s.name, s.role, s.side, s.affiliation, func.count().label("turns"),
               func.count(func.distinct(v.id)).label("records"))  # fmt: skip
        .select_from(turns)
        .join(speakers, s.id == t.speaker_id)
        .join(record_versions, v.id == t.version_id)
        .join(dialogues, d.id == v.dialogue_id)
        .where(d.state_code == state_code, v.is_current)
        .group_by(s.name, s.role, s.side, s.affiliation)
        .order_by(func.count().desc(), s.name)
        .limit(limit)
    ).all()
    return [dict(r._mapping) for r in rows]


#: Counting stops here: "over 10,000 paragraphs" (the Chair of every meeting says a great deal).
COUNT_UPTO = 10_000


def person_paragraphs(conn: Connection, name: str, limit: int = 200, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """What a speaker said: their paragraphs across current records (newest first), and how many.
    The speakers are found first (by name, any case), then their turns through the turns' index."""
    v, t, s, p = record_versions.c, turns.c, speakers.c, paragraphs.c
    ids = list(conn.execute(select(s.id).where(func.lower(s.name) == name.strip().lower())).scalars())
    if not ids:
        return [], 0
    base = (
        select(p.cid, p.number, p.text, v.symbol, v.date, v.language, v.body, v.state_party, s.name, s.role, s.side,
               s.affiliation)  # fmt: skip
        .select_from(turns)
        .join(speakers, s.id == t.speaker_id)
        .join(record_versions, v.id == t.version_id)
        .join(paragraphs, (p.version_id == t.version_id) & (p.turn_idx == t.idx))
        .where(t.speaker_id.in_(ids), v.is_current)
    )
    total = conn.execute(select(func.count()).select_from(base.limit(COUNT_UPTO + 1).subquery())).scalar_one()
    rows = conn.execute(base.order_by(v.date.desc(), v.symbol, p.idx).limit(limit).offset(offset)).all()
    return [dict(r._mapping) for r in rows], total


#: How questions are shown, in the order summaries list them.
BUCKETS = ("answered", "check", "partial", "unanswered")


def question_buckets(conn: Connection, *where: Any) -> dict[str, int]:
    """Questions of the current versions chosen by ``where`` (conditions on record_versions) as
    readers are shown them: a reviewed question by its latest review; else a link with low
    confidence as "check" — never counted as answered."""
    q, v = questions.c, record_versions.c
    out = dict.fromkeys(BUCKETS, 0)
    for status, confidence, n in conn.execute(
        select(q.status, q.confidence, func.count())
        .join(record_versions, v.id == q.version_id)
        .where(v.is_current, *where)
        .group_by(q.status, q.confidence)
    ):
        out[_bucket(status, confidence)] += n
    rv, r = reviews.c, records.c
    latest: dict[int, tuple[str, str, str, str]] = {}
    for qid, status, confidence, reviewed, at, rid in conn.execute(
        select(q.id, q.status, q.confidence, rv.status, rv.reviewed_at, rv.id)
        .join(record_versions, v.id == q.version_id)
        .join(records, r.id == v.record_id)
        .join(reviews, (rv.record_key == r.record_key) & (rv.language == r.language) & (rv.question_cid == q.cid))
        .where(v.is_current, *where)
    ):
        if qid not in latest or (at, rid) > latest[qid][2:]:
            latest[qid] = (_bucket(status, confidence), reviewed, at, rid)
    for automatic, reviewed, _, _ in latest.values():
        out[automatic] -= 1
        out[reviewed] += 1
    return out


def _bucket(status: str, confidence: str | None) -> str:
    return "check" if status != "unanswered" and confidence == "low" else status


def generation(conn: Connection) -> tuple[int, int, int]:
    """What the corpus's content is at: the newest version, question and review ids. Any write —
    an ingest, an analysis, a review, from this process or another — changes it, so a page built
    for one generation is still right while the generation is the same."""
    row = conn.execute(
        select(
            select(func.max(record_versions.c.id)).scalar_subquery(),
            select(func.max(questions.c.id)).scalar_subquery(),
            select(func.max(reviews.c.id)).scalar_subquery(),
        )
    ).one()
    return (row[0] or 0, row[1] or 0, row[2] or 0)
