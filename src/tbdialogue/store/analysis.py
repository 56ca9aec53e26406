"""Question analysis of stored records, a whole dialogue at a time.

The delegation usually answers at the next meeting, so a record analysed on its own calls those
questions "unanswered" — wrongly. ``tbdialogue ingest --analyze`` therefore analyses, after storing,
every dialogue the run touched (body + session + State party: all its current records together,
those ingested earlier included), in worker processes, and replaces the stored questions, answer
links and the search index's question statuses of those records. Records outside any dialogue (no
State party) are analysed on their own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, select, update
from sqlalchemy.engine import Connection, Engine

from ..analyse import analyse_records
from ..lexicon.words import tokens
from ..model import Question, Record
from . import fts
from .load import load_record
from .schema import paragraphs, questions, record_versions, speakers, turns
from .stem import index_text
from .workers import spawn_context, submit, worker_started
from .writer import _year, insert_questions


@dataclass
class AnalysisReport:
    dialogues: int = 0
    records: int = 0
    questions: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def groups_of(conn: Connection, version_ids: Iterable[int]) -> tuple[list[list[int]], int]:
    """The current versions to analyse together — each touched dialogue's, then lone records — and
    the number of dialogues."""
    v = record_versions.c
    ids = sorted(set(version_ids))
    dialogue_ids: set[int] = set()
    alone: list[int] = []
    for start in range(0, len(ids), 1000):
        for vid, did, current in conn.execute(
            select(v.id, v.dialogue_id, v.is_current).where(v.id.in_(ids[start : start + 1000]))
        ):
            if not current:
                continue
            if did is None:
                alone.append(vid)
            else:
                dialogue_ids.add(did)
    out: list[list[int]] = []
    for did in sorted(dialogue_ids):
        out.append(
            list(
                conn.execute(
                    select(v.id).where(v.dialogue_id == did, v.is_current).order_by(v.date, v.meeting, v.id)
                ).scalars()
            )
        )
    return out + [[vid] for vid in alone], len(out)


def _analyse_group(records: list[Record]) -> tuple[list[list[Question]], list[str]]:
    """Worker: analyse one dialogue's records together; questions per record, and notes."""
    names = [r.symbol or (r.source.path if r.source and r.source.path else str(i)) for i, r in enumerate(records)]
    analyses = analyse_records(records, [str(n) for n in names])
    notes = sorted({n for a in analyses for n in a.notes})
    return [list(r.questions or []) for r in records], notes


def analyse_stored(
    engine: Engine,
    version_ids: Iterable[int],
    *,
    jobs: int = 1,
    progress: Callable[[AnalysisReport, int], None] | None = None,
) -> AnalysisReport:
    """Analyse the dialogues of these versions and store the questions found."""
    report = AnalysisReport()
    t0 = time.perf_counter()
    with engine.connect() as conn:
        groups, report.dialogues = groups_of(conn, version_ids)
    counts: dict[str, int] = {}

    def load(group: list[int]) -> list[Record]:
        with engine.connect() as conn:
            return [load_record(conn, vid) for vid in group]

    def store(group: list[int], per_record: list[list[Question]], notes: list[str]) -> None:
        with engine.connect().execution_options(tbd_write=True) as conn, conn.begin():
            for vid, qs in zip(group, per_record, strict=True):
                replace_questions(conn, vid, qs)
                for q in qs:
                    counts[q.shown_as()] = counts.get(q.shown_as(), 0) + 1
        report.records += len(group)
        report.notes = sorted(set(report.notes) | set(notes))

    if jobs <= 1 or len(groups) <= 1:
        for g in groups:
            store(g, *_analyse_group(load(g)))
            if progress:
                progress(report, len(groups))
    else:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=spawn_context(), initializer=worker_started, initargs=(os.getpid(),)
        ) as pool:
            window = jobs * 2
            pending: list = []
            todo = iter(groups)
            while True:
                while len(pending) < window and (g := next(todo, None)) is not None:
                    pending.append((g, submit(pool, _analyse_group, load(g))))
                if not pending:
                    break
                g, fut = pending.pop(0)
                store(g, *fut.result())
                if progress:
                    progress(report, len(groups))
    report.questions = counts
    report.seconds = time.perf_counter() - t0
    return report


def replace_questions(conn: Connection, version_id: int, qs: list[Question]) -> None:
    """A version's questions become ``qs``; the search index's question statuses follow."""
    conn.execute(delete(questions).where(questions.c.version_id == version_id))  # answer links cascade
    rec = load_record(conn, version_id).model_copy(update={"questions": qs})
    insert_questions(conn, version_id, rec)
    conn.execute(update(record_versions).where(record_versions.c.id == version_id).values(analysed=True))
    current = conn.execute(select(record_versions.c.is_current).where(record_versions.c.id == version_id)).scalar_one()
    if current:
        index = fts.backend(conn)
        index.remove_version(conn, version_id)
        index.add(conn, index_rows(conn, version_id, rec))


def index_rows(conn: Connection, version_id: int, rec: Record) -> list[fts.IndexRow]:
    """The search index rows of a stored version, rebuilt from its tables."""
    backend = conn.dialect.name
    statuses: dict[int, set[str]] = {}
    for q in rec.questions or []:
        statuses.setdefault(q.paragraph, set()).add(q.status)
    p, t, s = paragraphs.c, turns.c, speakers.c
    rows = conn.execute(
        select(p.id, p.idx, p.text, s.name, s.affiliation, s.side)
        .select_from(paragraphs)
        .outerjoin(turns, and_(t.version_id == p.version_id, t.idx == p.turn_idx))
        .outerjoin(speakers, s.id == t.speaker_id)
        .where(p.version_id == version_id)
        .order_by(p.idx)
    ).all()
    return [
        fts.IndexRow(
            paragraph_id=r.id,
            version_id=version_id,
            language=rec.language,
            terms=index_text(r.text, rec.language, backend),
            speaker=" ".join(tokens(" ".join(filter(None, (r.name, r.affiliation))))),
            body=rec.body,
            session=rec.session,
            year=_year(rec.date),
            state_code=rec.state_party_code,
            side=r.side,
            statuses=tuple(sorted(statuses.get(r.idx, ()))),
        )
        for r in rows
    ]
