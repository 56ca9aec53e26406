"""Read a stored version back into a :class:`Record` — the same record that was ingested."""

from __future__ import annotations

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
    v = conn.execute(select(record_versions).where(record_versions.c.id == version_id)).mappings().one()

    agenda: list[AgendaItem] = []
    for a in conn.execute(
        select(agenda_items)
        .where(agenda_items.c.version_id == version_id)
        .order_by(agenda_items.c.position, agenda_items.c.sub_position.is_not(None), agenda_items.c.sub_position)
    ).mappings():
        if a["sub_position"] is None:
            agenda.append(
                AgendaItem(
                    title=a["title"],
                    continued=a["continued"],
                    number=a["number"],
                    documents=a["documents"],
                    paragraph=a["paragraph_idx"],
                )
            )
        else:
            agenda[-1].items.append(
                AgendaSubItem(
                    title=a["title"], continued=a["continued"], documents=a["documents"], paragraph=a["paragraph_idx"]
                )
            )

    t = turns.c
    turn_rows = conn.execute(
        select(
            t.idx, t.cid, speakers.c.name, speakers.c.title, speakers.c.role, speakers.c.affiliation, speakers.c.side
        )
        .join(speakers, speakers.c.id == t.speaker_id)
        .where(t.version_id == version_id)
        .order_by(t.idx)
    ).all()
    paras = [
        Paragraph(index=p.idx, number=p.number, id=p.cid, text=p.text, turn=p.turn_idx, pages=p.pages)
        for p in conn.execute(
            select(paragraphs).where(paragraphs.c.version_id == version_id).order_by(paragraphs.c.idx)
        )
    ]
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
    event_list = [
        Event(
            kind=e.kind,
            time=e.time,
            text=e.text,
            paragraph=e.paragraph_idx,
            before_paragraph=e.before_paragraph_idx,
        )
        for e in conn.execute(select(events).where(events.c.version_id == version_id).order_by(events.c.position))
    ]
    question_list = None
    if v["analysed"]:
        question_list = [
            Question.model_validate(d)
            for (d,) in conn.execute(
                select(questions.c.details).where(questions.c.version_id == version_id).order_by(questions.c.id)
            )
        ]
    src = conn.execute(
        select(sources).where(sources.c.version_id == version_id).order_by(sources.c.id).limit(1)
    ).first()
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
