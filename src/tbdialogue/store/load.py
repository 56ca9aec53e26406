"""Read a stored version back into a :class:`Record` — the same record that was ingested."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..model import (
    AgendaItem,
    AgendaSubItem,
    Event,
    Furniture,
    Note,
    Paragraph,
    Question,
    Record,
    Source,
    Speaker,
    Turn,
)
from .schema import agenda_items, events, paragraphs, questions, record_versions, sources, speakers, turns


def load_record(conn: Connection, version_id: int) -> Record:
    return load_records(conn, [version_id])[0]


def load_records(conn: Connection, version_ids: list[int]) -> list[Record]:
    """The stored versions ``version_ids``, in that order: one query per table for all of them
    (exporting a corpus reads them a few hundred at a time)."""
    if not version_ids:
        return []
    ids = list(version_ids)
    versions = {
        v["id"]: v for v in conn.execute(select(record_versions).where(record_versions.c.id.in_(ids))).mappings()
    }
    agenda: dict[int, list[AgendaItem]] = {i: [] for i in ids}
    a_c = agenda_items.c
    for a in conn.execute(
        select(agenda_items)
        .where(a_c.version_id.in_(ids))
        .order_by(a_c.version_id, a_c.position, a_c.sub_position.is_not(None), a_c.sub_position)
    ).mappings():
        items = agenda[a["version_id"]]
        if a["sub_position"] is None:
            items.append(
                AgendaItem(
                    title=a["title"],
                    continued=a["continued"],
                    number=a["number"],
                    documents=a["documents"],
                    paragraph=a["paragraph_idx"],
                )
            )
        else:
            items[-1].items.append(
                AgendaSubItem(
                    title=a["title"], continued=a["continued"], documents=a["documents"], paragraph=a["paragraph_idx"]
                )
            )

    t = turns.c
    turn_rows: dict[int, list] = {i: [] for i in ids}
    for r in conn.execute(
        select(
            t.version_id,
            t.idx,
            t.cid,
            speakers.c.name,
            speakers.c.title,
            speakers.c.role,
            speakers.c.affiliation,
            speakers.c.side,
        )
        .join(speakers, speakers.c.id == t.speaker_id)
        .where(t.version_id.in_(ids))
        .order_by(t.version_id, t.idx)
    ):
        turn_rows[r.version_id].append(r)
    paras: dict[int, list[Paragraph]] = {i: [] for i in ids}
    p_c = paragraphs.c
    for p in conn.execute(
        select(p_c.version_id, p_c.idx, p_c.number, p_c.cid, p_c.text, p_c.turn_idx, p_c.pages)
        .where(p_c.version_id.in_(ids))
        .order_by(p_c.version_id, p_c.idx)
    ):
        paras[p.version_id].append(
            Paragraph(index=p.idx, number=p.number, id=p.cid, text=p.text, turn=p.turn_idx, pages=p.pages)
        )
    event_lists: dict[int, list[Event]] = {i: [] for i in ids}
    e_c = events.c
    for e in conn.execute(select(events).where(e_c.version_id.in_(ids)).order_by(e_c.version_id, e_c.position)):
        event_lists[e.version_id].append(
            Event(
                kind=e.kind, time=e.time, text=e.text, paragraph=e.paragraph_idx, before_paragraph=e.before_paragraph_idx
            )
        )
    analysed = [i for i in ids if versions[i]["analysed"]]
    question_lists: dict[int, list[Question]] = {i: [] for i in analysed}
    if analysed:
        q_c = questions.c
        for vid, d in conn.execute(
            select(q_c.version_id, q_c.details).where(q_c.version_id.in_(analysed)).order_by(q_c.version_id, q_c.id)
        ):
            question_lists[vid].append(Question.model_validate(d))
    first_source: dict[int, Any] = {}
    s_c = sources.c
    for src in conn.execute(select(sources).where(s_c.version_id.in_(ids)).order_by(s_c.version_id, s_c.id)):
        first_source.setdefault(src.version_id, src)
    return [
        _record(versions[i], agenda[i], turn_rows[i], paras[i], event_lists[i], question_lists.get(i), first_source.get(i))
        for i in ids
    ]


def _record(v, agenda, turn_rows, paras, event_list, question_list, src) -> Record:
    turn_paragraphs: dict[int, list[int]] = {}
    for p in paras:
        if p.turn is not None:
            turn_paragraphs.setdefault(p.turn, []).append(p.index)
    turn_list = [
        Turn(
            index=r.idx,
            id=r.cid,
            speaker=Speaker(name=r.name, title=r.title, role=r.role, affiliation=r.affiliation, side=r.side),
            paragraphs=turn_paragraphs.get(r.idx, []),
        )
        for r in turn_rows
    ]
    return Record(
        symbol=v["symbol"],
        symbol_inferred=v["symbol_inferred"],
        body=v["body"],
        language=v["language"],
        session=v["session"],
        meeting=v["meeting"],
        part=v["part"],
        date=v["date"],
        time=v["time"],
        place=v["place"],
        chair=v["chair"],
        chair_note=v["chair_note"],
        state_party=v["state_party"],
        state_party_printed=v["state_party_printed"],
        state_party_code=v["state_party_code"],
        documents=v["documents"],
        agenda=agenda,
        events=event_list,
        turns=turn_list,
        paragraphs=paras,
        warnings=v["warnings"],
        committee=v["committee"],
        treaty=v["treaty"],
        distribution_date=v["distribution_date"],
        original_language=v["original_language"],
        furniture=[Furniture.model_validate(f) for f in v["furniture"]],
        notes=[Note.model_validate(n) for n in v["notes"]],
        source=Source(path=src.path, format=src.format, sha256=src.sha256, pages=src.pages) if src else None,
        questions=question_list,
    )
