"""Agenda: items and sub-items from the contents and the body's headings; the State party."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.countries import Found, countries
from ..lexicon.normalize import is_upper_line, repair
from ..lexicon.profile import Profile
from ..lexicon.symbols import repair_symbols, symbols_in
from ..model import AgendaItem, AgendaSubItem
from .body import heading_key

_LEADING_MARK = re.compile(r"^\s*[-–•]\s*")


@dataclass
class Heading:
    title: str
    continued: bool
    number: str | None
    documents: list[str]
    printed: str
    key: str


def parse_heading(text: str, profile: Profile) -> Heading:
    printed = text
    text = repair_symbols(repair(text))
    documents = symbols_in(text)
    continued = bool(profile.continued.search(text))
    number = None
    m = profile.agenda_item_number.search(text)
    if m:
        number = m.groupdict().get("n") or m.groupdict().get("n2")
        text = text[: m.start()] + " " + text[m.end() :]
    title = profile.continued.sub(" ", text)
    # Drop parentheses that hold document symbols (possibly cut off at the end of an excerpt).
    # The lookaheads check the parenthesis closes (or runs to the end) before a symbol is looked
    # for: without them a long unclosed one was searched once per symbol in it (quadratic).
    title = re.sub(r"\((?=[^()]*\))[^()]*\b[A-Z]{1,8}/[^()]*\)", " ", title)
    title = re.sub(r"\((?=[^()]*$)[^()]*\b[A-Z]{1,8}/[^()]*$", " ", title)
    title = _LEADING_MARK.sub("", title)
    title = re.sub(r"\s+", " ", title).strip(" :;,")
    return Heading(title, continued, number, documents, printed, heading_key(printed, profile))


def _is_sub(h: Heading, previous_item: Heading | None, profile: Profile) -> bool:
    if profile.sub_item.match(h.printed.strip()):
        return True
    if profile.report_words.search(h.title) and countries().find(h.title):
        return True
    return bool(previous_item and is_upper_line(previous_item.title) and not is_upper_line(h.title))


def build_agenda(
    contents: list[str], body_headings: list[str], profile: Profile, starts: list[int | None] | None = None
) -> list[AgendaItem]:
    """Items from the contents, enriched by the body's headings (which carry the documents and,
    through ``starts``, the 1-based index of the paragraph after each heading: where the item's
    discussion begins).

    Body headings that the contents do not list ("Introduction of draft resolution …") become
    sub-items of the item the body was under at that point.
    """
    items: list[AgendaItem] = []
    seen: dict[str, AgendaItem | AgendaSubItem] = {}
    current: AgendaItem | None = None
    current_heading: Heading | None = None

    def add(h: Heading, sub: bool) -> None:
        nonlocal current, current_heading
        if sub and current is not None:
            entry: AgendaItem | AgendaSubItem = AgendaSubItem(
                title=h.title, continued=h.continued, documents=list(h.documents)
            )
            current.items.append(entry)
        else:
            entry = AgendaItem(title=h.title, continued=h.continued, number=h.number, documents=list(h.documents))
            items.append(entry)
            current, current_heading = entry, h
        seen[h.key] = entry

    for line in contents:
        h = parse_heading(line, profile)
        if h.key not in seen:
            add(h, _is_sub(h, current_heading, profile))
    from_contents = bool(items)
    current = None
    for n, line in enumerate(body_headings):
        h = parse_heading(line, profile)
        start = starts[n] if starts is not None and n < len(starts) else None
        existing = seen.get(h.key)
        if existing is None:
            sub = (
                (not _looks_item(h, profile))
                if (from_contents and current is not None)
                else _is_sub(h, current_heading, profile)
            )
            add(h, sub)
            seen[h.key].paragraph = start
            continue
        if existing.paragraph is None:
            existing.paragraph = start
        for d in h.documents:
            if d not in existing.documents:
                existing.documents.append(d)
        existing.continued = existing.continued or h.continued
        if isinstance(existing, AgendaItem):
            existing.number = existing.number or h.number
            current, current_heading = existing, h
    return items


def _looks_item(h: Heading, profile: Profile) -> bool:
    return bool(h.number) or (is_upper_line(h.title) and not profile.sub_item.match(h.printed))


@dataclass
class StateParty:
    found: Found | None
    code: str | None
    documents: list[str]


def find_state_party(headings: list[str], contents: list[str], profile: Profile) -> StateParty | None:
    """The State whose report is considered: the first report heading that names a State. Its
    documents are those of every report heading of that State in the body (an initial report
    under each Optional Protocol, considered together), else of its contents line."""
    parsed = [parse_heading(line, profile) for line in headings]
    candidates = [*parsed, *(parse_heading(line, profile) for line in contents)]
    for i, h in enumerate(candidates):
        if not profile.report_words.search(h.title) or profile.not_review.match(h.title):
            continue
        found = countries().find(h.title)
        if not found and i + 1 < len(candidates):
            # "Evaluación de la aplicación … en los Estados Partes cuyos informes …:" then "–Gambia"
            nxt = countries().find(candidates[i + 1].title)
            found = nxt if nxt and len(nxt.printed) >= len(candidates[i + 1].title) - 3 else None
        if not found:
            continue
        code = found.country.code
        docs = _documents_of(code, parsed, profile) or _documents_of(code, candidates, profile)
        return StateParty(found, code, docs)
    return None


def _documents_of(code: str, headings: list[Heading], profile: Profile) -> list[str]:
    """Documents of every report heading of the State ``code`` (in order, without repeats)."""
    docs: list[str] = []
    for h in headings:
        if profile.report_words.search(h.title) and (f := countries().find(h.title)) and f.country.code == code:
            docs += [d for d in h.documents if d not in docs]
    return docs
