"""Dialogues: the records of one review (same body, session and State party), in meeting order.

Questions asked in one meeting are answered in the same meeting, after a suspension, or at the
next one. A dialogue lays its records' paragraphs out on one timeline, knows each paragraph's side
(committee, state, …) and says when it is visibly incomplete: a record that answers questions of a
meeting not supplied, a dialogue that ends with questions and no reply, a gap between meetings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon.cues import cue_profile
from ..model import Paragraph, Record
from .questions import extract_questions


@dataclass(frozen=True)
class Slot:
    """One paragraph of the dialogue's timeline."""

    record: int  # index into Dialogue.records
    paragraph: Paragraph
    side: str | None
    position: int  # 0-based position on the timeline


@dataclass
class DialogueWarning:
    code: str  # previous_meeting_missing | ends_with_questions | meeting_gap | duplicate_record
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class Dialogue:
    records: list[Record]
    names: list[str] = field(default_factory=list)  # how each record was given (path), for messages
    warnings: list[DialogueWarning] = field(default_factory=list)

    @property
    def title(self) -> str:
        r = self.records[0]
        who = r.state_party or r.state_party_printed or "no State party"
        meetings = ", ".join(str(x.meeting) for x in self.records if x.meeting is not None)
        session = f", session {r.session}" if r.session is not None else ""
        return f"{r.body or 'unknown body'}{session}: {who}" + (f" (meetings {meetings})" if meetings else "")

    def slots(self) -> list[Slot]:
        out: list[Slot] = []
        for ri, rec in enumerate(self.records):
            for p in rec.paragraphs:
                side = rec.turns[p.turn].speaker.side if p.turn is not None else None
                out.append(Slot(ri, p, side, len(out)))
        return out


def dialogue_key(record: Record) -> tuple:
    """Records with the same key belong to one dialogue."""
    return (record.body, record.session, record.state_party_code or record.state_party)


def group_dialogues(records: list[Record], names: list[str] | None = None) -> list[Dialogue]:
    """Group records into dialogues, each ordered by meeting number (input order where unknown)."""
    names = names or [r.symbol or f"record {i + 1}" for i, r in enumerate(records)]
    groups: dict[tuple, list[int]] = {}
    for i, rec in enumerate(records):
        key = dialogue_key(rec)
        if None in key[:1] or key[2] is None:
            key = ("single", i)  # cannot tell which dialogue it belongs to: analyse it alone
        groups.setdefault(key, []).append(i)
    out: list[Dialogue] = []
    for idx in groups.values():
        idx.sort(key=lambda i: (records[i].meeting is None, records[i].meeting or 0, i))
        d = Dialogue([], [])
        seen: dict[int, str] = {}
        for i in idx:
            rec = records[i]
            if rec.meeting is not None and rec.meeting in seen:
                d.warnings.append(
                    DialogueWarning(
                        "duplicate_record",
                        f"{names[i]}: meeting {rec.meeting} was already given as {seen[rec.meeting]} "
                        "(another language or a reissue); it is left out of the analysis",
                    )
                )
                continue
            if rec.meeting is not None:
                seen[rec.meeting] = names[i]
            d.records.append(rec)
            d.names.append(names[i])
        d.warnings.extend(completeness_warnings(d))
        out.append(d)
    return out


def completeness_warnings(d: Dialogue) -> list[DialogueWarning]:
    """What the records supplied cannot show: earlier meetings, replies after the last one, gaps."""
    out: list[DialogueWarning] = []
    if not d.records:
        return out
    first, last = d.records[0], d.records[-1]
    first_q = extract_questions(first)
    q_start = first_q[0].paragraph if first_q else None
    prof = cue_profile(first.language)
    earlier = [
        p
        for p in first.paragraphs
        if p.turn is not None and first.turns[p.turn].speaker.side == "state" and (q_start is None or p.index < q_start)
    ]
    cites_previous = next((p for p in earlier if prof.previous_meeting.search(p.text)), None)
    continued = any(sub.continued for item in first.agenda for sub in item.items) or any(
        item.continued and not item.items for item in first.agenda
    )
    if cites_previous is not None or (continued and earlier):
        span = _span(earlier) if earlier else ""
        why = (
            f"its paragraph {_num(cites_previous)} answers questions 'put … at the previous meeting'"
            if cites_previous is not None
            else "its agenda item is marked 'continued'"
        )
        meeting = f" ({first.meeting - 1})" if first.meeting else ""
        out.append(
            DialogueWarning(
                "previous_meeting_missing",
                f"{_label(d, 0)}: {why}, and the previous meeting{meeting} was not supplied: "
                f"the delegation's paragraphs {span} answer questions that cannot be shown, and questions "
                "asked there are missing from this analysis",
            )
        )
    for a, b in zip(d.records, d.records[1:], strict=False):
        if a.meeting is not None and b.meeting is not None and b.meeting - a.meeting > 1:
            out.append(
                DialogueWarning(
                    "meeting_gap",
                    f"meetings {a.meeting} and {b.meeting} are given but not the one(s) in between: "
                    "answers given there cannot be found",
                )
            )
    # The last record ends with questions and (almost) no reply after them.
    last_q = first_q if last is first else extract_questions(last)
    if last_q:
        block_start = _last_block_start(last, [q.paragraph for q in last_q])
        block_qs = [q for q in last_q if q.paragraph >= block_start]
        after = [
            p
            for p in last.paragraphs
            if p.index > block_qs[-1].paragraph and p.turn is not None and last.turns[p.turn].speaker.side == "state"
        ]
        if len(after) * 2 < len(block_qs):
            qparas = sorted({q.paragraph for q in block_qs})
            reply = f"only paragraph {_span(after)} follows" if after else "no reply follows"
            out.append(
                DialogueWarning(
                    "ends_with_questions",
                    f"{_label(d, len(d.records) - 1)}: the last {len(block_qs)} question(s) (paragraphs "
                    f"{_span([last.paragraphs[i - 1] for i in qparas])}) come after the delegation's last answers and "
                    f"{reply}: they may have been answered in writing or at a meeting not supplied",
                )
            )
    return out


def _label(d: Dialogue, i: int) -> str:
    """A record as a reader names it: its symbol; the name it was given (a path) only without one."""
    return d.records[i].symbol or d.names[i]


def _last_block_start(record: Record, question_paras: list[int]) -> int:
    """Index of the first paragraph of the last run of committee paragraphs that asks questions."""
    last = question_paras[-1]
    start = last
    for p in reversed(record.paragraphs[: last - 1]):
        side = record.turns[p.turn].speaker.side if p.turn is not None else None
        if side == "state":
            break
        start = p.index
    return start


def _num(p: Paragraph) -> str:
    return str(p.number if p.number is not None else p.index)


def _span(paras: list[Paragraph]) -> str:
    if not paras:
        return ""
    a, b = _num(paras[0]), _num(paras[-1])
    return a if a == b else f"{a}–{b}"
