"""The body: blocks → paragraphs, speaker turns, stage directions and agenda headings.

One pass over the blocks. Each block either continues the paragraph (or heading) before it — a
page-break split, a wrapped line — or starts something new: a numbered paragraph, a labelled turn,
a stage direction, an agenda heading, or an unlabelled paragraph that continues the current turn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..document import Block
from ..lexicon.layers import furniture_kind, is_symbol_line, note_kind
from ..lexicon.normalize import ends_open, has_sentence_break, is_upper_line, squash, starts_lower
from ..lexicon.profile import Profile
from ..lexicon.symbols import symbols_in
from ..model import Speaker
from .events import PROCEDURAL, FoundEvent, match_events
from .people import Named, People
from .speakers import LabelReader

_DOCUMENT_LIST = re.compile(r"^\([^()]{0,300}/[^()]{0,300}\)(?:\s*\([^()]{1,20}\))?\.?$")
_NUMBER = re.compile(r"^(\d{1,3})\.(?!\d)\s*(?=\S)")
_WEAK = frozenset({"decision", "other"})
MAX_HEADING_CHARS = 400


@dataclass
class RawParagraph:
    number: int | None
    text: str
    turn: int | None
    pages: list[int] | None
    is_event: bool = False


@dataclass
class RawTurn:
    speaker: Speaker
    paragraphs: list[int] = field(default_factory=list)  # 0-based positions in paragraphs
    decided: bool = True  # the label decides the side itself (see speakers.Label.decided)


@dataclass
class RawEvent:
    event: FoundEvent
    paragraph: int | None  # 0-based position when the event is itself a numbered paragraph
    before: int  # 0-based position of the next paragraph (== len(paragraphs) at the time)


@dataclass
class RawHeading:
    text: str
    before: int


@dataclass
class Body:
    paragraphs: list[RawParagraph] = field(default_factory=list)
    turns: list[RawTurn] = field(default_factory=list)
    events: list[RawEvent] = field(default_factory=list)
    headings: list[RawHeading] = field(default_factory=list)
    furniture: list[tuple[str, str, int | None]] = field(default_factory=list)
    notes: list[tuple[str, str, int | None]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    numbered: bool = False


def paragraph_number(text: str) -> tuple[int | None, str]:
    m = _NUMBER.match(text)
    if not m:
        return None, text
    return int(m.group(1)), text[m.end() :]


def is_numbered(blocks: list[Block], texts: list[str]) -> bool:
    """Numbered paragraphs: at least two rising numbers, or a first paragraph numbered 1."""
    numbers = [b.list_number or paragraph_number(t)[0] for b, t in zip(blocks, texts, strict=True)]
    numbers = [n for n in numbers if n is not None]
    if not numbers:
        return False
    rising = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if 0 < b - a <= 3)
    return rising >= 1 or numbers[0] == 1


class BodyParser:
    def __init__(
        self,
        profile: Profile,
        labels: LabelReader,
        contents_keys: set[str],
        body: str | None,
        cover_people: Sequence[Named] = (),
    ):
        """``cover_people``: the people the cover names, with their parentheses (the chair's lines)."""
        self.p = profile
        self.labels = labels
        self.contents_keys = contents_keys
        self.record_body = body
        self.cover_people = cover_people

    def parse(self, blocks: list[Block], texts: list[str]) -> Body:
        """``texts``: the blocks' text, cleaned (:func:`~tbdialogue.parse.normalize.clean`)."""
        out = Body(numbered=is_numbered(blocks, texts))
        last_number: int | None = None
        current_turn: int | None = None
        prev: str | None = None  # kind of the last item: "paragraph", "heading", "event"

        for block, text in zip(blocks, texts, strict=True):
            if not text:
                continue
            kind = furniture_kind(text)
            if kind or (out.paragraphs and is_symbol_line(text)):
                out.furniture.append((kind or "header", text, block.page))
                continue
            nkind = note_kind(text, self.p)
            if nkind:
                out.notes.append((nkind, text, block.page))
                continue

            number = block.list_number
            rest = text
            if number is None:
                n, after = paragraph_number(text)
                if (
                    n is not None
                    and out.numbered
                    and (
                        last_number is None
                        and n <= 200
                        or last_number is not None
                        and last_number < n <= last_number + 5
                    )
                ):
                    number, rest = n, after
            bold = block.bold_prefix()

            # 1. Continuation of the heading or paragraph before (wrapped line, page-break split).
            if number is None and prev == "heading" and self._continues_heading(out.headings[-1].text, text, block):
                out.headings[-1].text = f"{out.headings[-1].text} {text}"
                continue
            # Stage directions that no speech sentence resembles come first: "Mme Manalo,
            # Vice-Présidente, prend la présidence." is not a speaker's turn.
            events = match_events(rest, self.p, PROCEDURAL)
            label = None if events else self.labels.read(rest, bold, self.record_body)
            if (
                number is None
                and events is None
                and label is None
                and prev == "paragraph"
                and self._continues_paragraph(out, text, block)
            ):
                para = out.paragraphs[-1]
                para.text = f"{para.text} {text}"
                if block.pages and para.pages is not None:
                    para.pages = sorted(set(para.pages) | set(block.pages))
                if para.turn is None:
                    # A label or stage direction broken over lines reads whole only now.
                    current_turn = self._reclassify(out, current_turn)
                continue

            # 2. Stage directions.
            if events is None and label is None:
                weak = match_events(rest, self.p, _WEAK)
                if weak is None and block.is_all_italic() and len(rest) < 600:
                    weak = [FoundEvent("other", None, rest)]
                events = weak
            if events:
                pos = None
                if number is not None:
                    pos = len(out.paragraphs)
                    out.paragraphs.append(RawParagraph(number, rest, None, block.pages, is_event=True))
                    last_number = number
                for ev in events:
                    out.events.append(RawEvent(ev, pos, len(out.paragraphs)))
                current_turn = None
                prev = "event"
                continue

            # 3. A speaker label opens a turn.
            if label is not None:
                out.turns.append(RawTurn(label.speaker, decided=label.decided))
                current_turn = len(out.turns) - 1
                self._add_paragraph(out, number, rest, current_turn, block)
                last_number = number if number is not None else last_number
                prev = "paragraph"
                continue

            # 4. Agenda headings.
            # (In a numbered record, what follows a heading unnumbered and unlabelled is a heading
            # too, even with a full stop: "… hace mucho tiempo: Emiratos Árabes Unidos, Gambia.")
            if number is None and (
                self._is_heading(text, out.numbered, block)
                or (out.numbered and prev == "heading" and len(text) < MAX_HEADING_CHARS)
            ):
                out.headings.append(RawHeading(text, len(out.paragraphs)))
                current_turn = None
                prev = "heading"
                continue

            # 5. A paragraph without a label continues the current turn.
            self._add_paragraph(out, number, rest, current_turn, block)
            last_number = number if number is not None else last_number
            prev = "paragraph"

        self._keep_sides(out)
        for i, para in enumerate(out.paragraphs, start=1):
            if para.turn is None and not para.is_event:
                where = f"paragraph {para.number}" if para.number is not None else f"paragraph at position {i}"
                out.warnings.append(f"{where} has no speaker label and follows no turn: {para.text[:60]!r}")
        return out

    def _reclassify(self, out: Body, current_turn: int | None) -> int | None:
        """Look again at the last paragraph, which had no label, now that it is complete."""
        para = out.paragraphs[-1]
        events = match_events(para.text, self.p)
        if events:
            if para.number is None:
                out.paragraphs.pop()
                pos = None
            else:
                para.is_event = True
                pos = len(out.paragraphs) - 1
            for ev in events:
                out.events.append(RawEvent(ev, pos, len(out.paragraphs)))
            return None
        label = self.labels.read(para.text, "", self.record_body)
        if label is not None:
            out.turns.append(RawTurn(label.speaker, [len(out.paragraphs) - 1], decided=label.decided))
            para.turn = len(out.turns) - 1
            return para.turn
        return current_turn

    def _keep_sides(self, out: Body) -> None:
        """A person named bare takes the side the record gives that name elsewhere: in a placed
        label, in the stage direction seating the delegation or taking the chair, on the cover."""
        people = People()
        side_of = self.labels.side_of
        for named in self.cover_people:
            people.identify(named.name, side_of(named.paren, self.record_body)[0], f"{named.name} on the cover")
        for ev in out.events:
            if ev.event.kind not in _SEATING:
                continue
            where = _SEATING[ev.event.kind]
            if ev.paragraph is not None and out.paragraphs[ev.paragraph].number is not None:
                where += f" in paragraph {out.paragraphs[ev.paragraph].number}"
            for named in self.labels.names_in(ev.event.text):
                side, sure = side_of(named.paren, self.record_body)
                if ev.event.kind == "delegation_joined" and (not sure or side == "committee"):
                    # Seated with the delegation: of it, whatever a "(Président de …)" or a
                    # "(Directeur des libertés publiques)" reads as, unless the parentheses name
                    # another side ("(Ombudsman of Peru)").
                    side = "state"
                people.identify(named.name, side, f"{named.name} {where}")
        for turn in out.turns:
            sp = turn.speaker
            if sp.title and (turn.decided or sp.role or sp.affiliation):
                people.identify(sp.name, sp.side, _evidence(out, turn), sure=turn.decided)
        warned: set[str] = set()
        for turn in out.turns:
            sp = turn.speaker
            if turn.decided or not sp.title:
                continue
            side, warning = people.side_of(sp.name, sp.side)
            if side != sp.side:
                turn.speaker = sp.model_copy(update={"side": side})
            if warning and sp.name not in warned:
                warned.add(sp.name)
                out.warnings.append(warning)

    # -- decisions --------------------------------------------------------------------------------
    def _continues_heading(self, heading: str, text: str, block: Block) -> bool:
        if self.p.continued.fullmatch(text.strip()):
            return True  # "(continued)" on a line of its own
        if _DOCUMENT_LIST.match(text) and symbols_in(text):
            return True  # "(CCPR/C/ARG/98/3; CCPR/C/70/L/ARG; and HRI/CORE/1/Add.74)" below its heading
        if block.gap_before:
            return False
        return heading.count("(") > heading.count(")") or heading.rstrip().endswith((";", ",", "-", "/"))

    def _continues_paragraph(self, out: Body, text: str, block: Block) -> bool:
        para = out.paragraphs[-1]
        if para.is_event:
            return False
        if starts_lower(text):
            return True
        if ends_open(para.text):
            return not self._known_heading(text)
        # In numbered records a new paragraph always carries its number: an unnumbered line
        # right after a paragraph (no blank line) is a wrapped line of it.
        return out.numbered and not block.gap_before and not self._known_heading(text)

    def _known_heading(self, text: str) -> bool:
        return heading_key(text, self.p) in self.contents_keys

    def _is_heading(self, text: str, numbered: bool, block: Block) -> bool:
        if len(text) > MAX_HEADING_CHARS:
            # A report's heading may run long with its list of documents ("(CRC/C/BFA/3-4; document
            # de base (HRI/CORE/1/Add.30); liste des points à traiter (…); réponses écrites …)").
            return len(text) <= 3 * MAX_HEADING_CHARS and ends_open(text) and len(symbols_in(text)) >= 2
        if self._known_heading(text) or is_upper_line(text):
            return True
        if has_sentence_break(text):
            return False
        if ends_open(text):
            return True
        # In a numbered record, what is neither numbered, nor speech, nor a stage direction, and is
        # short, is a heading.
        return numbered and len(text) < 200 and not text.rstrip().endswith((".", "?", "!"))

    def _add_paragraph(self, out: Body, number: int | None, text: str, turn: int | None, block: Block) -> None:
        out.paragraphs.append(RawParagraph(number, text, turn, block.pages))
        if turn is not None:
            out.turns[turn].paragraphs.append(len(out.paragraphs) - 1)


#: Stage directions that name people with their capacity, and how a warning cites them.
_SEATING = {"delegation_joined": "seated with the delegation", "chair_taken": "taking the chair"}


def _evidence(out: Body, turn: RawTurn) -> str:
    """ "M. DUPONT (Pérou) in paragraph 1": where a placed label said who someone is."""
    sp = turn.speaker
    capacity = ", ".join(x for x in (sp.role, sp.affiliation) if x)
    first = turn.paragraphs[0] if turn.paragraphs else None
    para = out.paragraphs[first] if first is not None else None
    if para is not None and para.number is not None:
        where = f"paragraph {para.number}"
    else:
        where = f"paragraph at position {(first or 0) + 1}"
    return f"{sp.name} ({capacity}) in {where}"


# "[^()/]*/", not "[^()]*/": the engine would try every "/" of a long line in turn (quadratic).
_DOC_PAREN = re.compile(r"\([^()/]*/[^()]*\)?\s*$")


def heading_key(text: str, profile: Profile) -> str:
    """Comparable form of an agenda title: no "(continued)", no document list, no spaces/case."""
    t = profile.continued.sub("", text)
    t = profile.agenda_item_number.sub("", t)
    t = re.sub(r"\([^()/]*/[^()]*\)", "", t)  # "(CMW/C/KGZ/2; …)"
    t = _DOC_PAREN.sub("", t)
    t = re.sub(r"^\s*(?:[-–•]\s*)", "", t)
    return squash(re.sub(r"[^\w()]+", " ", t))
