"""Parse stage: a :class:`~tbdialogue.read.Document` (blocks) → a :class:`~tbdialogue.model.Record`.

The same parser serves every format: readers hand over blocks with their bold/italic runs and
pages, and the language profile supplies the words. Nothing here raises on odd input except
:class:`~tbdialogue.errors.NotASummaryRecord`; what cannot be read becomes null with a warning.
"""

from __future__ import annotations

import re
from collections import Counter

from ..document import Block, Document, Run
from ..errors import NotASummaryRecord
from ..lexicon.bodies import registry
from ..lexicon.countries import countries
from ..lexicon.kinds import SUMMARY_RECORD, document_kind
from ..lexicon.languages import all_languages, codes
from ..lexicon.languages import language as language_of
from ..lexicon.layers import furniture_kind, is_site_line, note_kind, split_flattened, split_glued
from ..lexicon.normalize import clean, starts_lower
from ..lexicon.profile import Profile, profile
from ..lexicon.symbols import body_of_symbol, country_code_in, infer_symbol
from ..model import Event, Furniture, Note, Paragraph, Record, Source, Turn
from .agenda import StateParty, build_agenda, find_state_party
from .body import Body, BodyParser, heading_key, paragraph_number
from .cover import is_title, parse_cover
from .events import OPENING, PROCEDURAL, match_events
from .speakers import LabelReader

__all__ = ["parse_document", "detect_language"]

_WORDS = re.compile(r"[^\W\d_]+")
#: What a block is besides body text: ("furniture", kind) or ("note", kind), or None.
Layer = tuple[str, str] | None
_LABELS: dict[str, LabelReader] = {}
#: Longest text accepted: a summary record is at most a few hundred KB (the longest real ones ~150,000
#: characters); far larger input is not one, and refusing it keeps the worst input (500,000
#: characters of headings) under 2 s.
MAX_CHARS = 500_000


def language_scores(texts: list[str]) -> Counter[str]:
    """How many of each language's function words the text's opening holds."""
    counts: Counter[str] = Counter()
    sample = " ".join(texts[:200])[:8_000].lower()
    words = Counter(_WORDS.findall(sample))
    for lang in all_languages():  # function words only: no profile's patterns are compiled here
        counts[lang.code] = sum(words[w] for w in lang.function_words)
    return counts


def detect_language(texts: list[str]) -> str:
    """The profile language whose function words are most frequent in the text."""
    counts = language_scores(texts)
    if not counts or max(counts.values()) == 0:
        return "en"
    return max(codes(), key=lambda lang: counts[lang])


#: A forced language is contradicted when another one's function words are this many times as
#: frequent, and at least MIN_CONTRADICTION of them are seen.
CONTRADICTION_RATIO = 3
MIN_CONTRADICTION = 20


def contradicted_language(texts: list[str], forced: str) -> str | None:
    """The language the text reads as, when it is clearly not ``forced``; else None."""
    counts = language_scores(texts)
    best = max(codes(), key=lambda lang: counts[lang])
    if best != forced and counts[best] >= MIN_CONTRADICTION and counts[best] >= CONTRADICTION_RATIO * counts[forced]:
        return best
    return None


def _labels(prof: Profile) -> LabelReader:
    if prof.language not in _LABELS:
        _LABELS[prof.language] = LabelReader(prof)
    return _LABELS[prof.language]


def _layer(text: str, prof: Profile) -> Layer:
    kind = furniture_kind(text)
    if kind:
        return "furniture", kind
    if is_site_line(text, prof):
        return "furniture", "site"
    nkind = note_kind(text, prof)
    if nkind:
        return "note", nkind
    return None


def _body_start(blocks: list[Block], texts: list[str], layers: list[Layer], prof: Profile, after: int) -> int | None:
    """The first block of the body: an opening stage direction, paragraph 1, or a speaker label."""
    labels = _labels(prof)
    for i in range(after, len(blocks)):
        if layers[i] is not None or not texts[i]:
            continue
        t = texts[i]
        events = match_events(t, prof, PROCEDURAL)
        if events:
            return i
        n, rest = paragraph_number(t)
        if n == 1 or blocks[i].list_number == 1:
            return i
        if labels.read(rest if n else t, blocks[i].bold_prefix()):
            return i
    return None


def parse_document(doc: Document, language: str | None = None) -> Record:
    """Parse a read document into a record."""
    blocks = _unglue([b for b in doc.blocks if b.text.strip()])
    texts = [clean(b.text) for b in blocks]
    if sum(len(t) for t in texts) > MAX_CHARS:
        raise NotASummaryRecord(f"text is over {MAX_CHARS:,} characters, far longer than any summary record")
    lang = language or detect_language(texts)
    prof = profile(lang)
    forced_warning = None
    if language and (reads_as := contradicted_language(texts, language)):
        forced_warning = (
            f"language: {language} was forced, but the text reads as {language_of(reads_as).name} ({reads_as}): "
            f"speakers, roles and sides may be wrong; parse it without --language"
        )
    flat = _unflatten(blocks, prof)
    if flat is not None:
        blocks = flat
        texts = [clean(b.text) for b in blocks]
    layers = [_layer(t, prof) for t in texts]

    title_idx, title_span = _find_title(texts, layers, prof)
    start = _split_cover_and_body(blocks, texts, layers, prof, title_idx)
    cover_lines, title_line = _cover_lines(blocks, texts, layers, start, title_idx, title_span, prof)
    cover = parse_cover(cover_lines, prof, title_line)
    warnings: list[str] = ([forced_warning] if forced_warning else []) + list(doc.warnings) + cover.warnings

    body_name = cover.body
    contents_keys = {heading_key(line, prof) for line in cover.contents}
    body = BodyParser(prof, _labels(prof), contents_keys, body_name, cover.people).parse(blocks[start:], texts[start:])
    warnings += body.warnings

    # A document that is not a summary record says so by its own symbol or title: refused with its
    # kind named (a verbatim record has speaker labels too, and would make a record of sorts).
    if not cover.title_found:
        # Its own symbol: at the top of its cover, or in its first pages' running heads (never the
        # body's first lines, which cite other documents).
        own = texts[: min(3, start)] + [t for _, t, page in doc.furniture if page in (None, 1, 2)]
        found = document_kind(own, texts[:6])
        if found is not None and found.kind != SUMMARY_RECORD:
            raise NotASummaryRecord(
                f"this is {found.kind} ({found.evidence}), not a summary record: tbdialogue reads the "
                "treaty bodies' summary records (…/SR.…)"
            )

    # Without a title or an opening stage direction, only a run of labelled turns makes a record;
    # and a summary record always has a body: a cover alone (a README, a list of records) is not one.
    if not cover.title_found and len(body.turns) < 3 and not any(e.event.kind in OPENING for e in body.events):
        raise NotASummaryRecord(
            "no summary-record title ('Summary record of the … meeting'), no speaker turns and no "
            "opening stage direction found: this does not look like a UN summary record"
        )
    if not body.paragraphs:
        raise NotASummaryRecord(
            "no paragraph of a meeting's body found (no numbered paragraph, speaker turn or stage "
            "direction after the cover): this does not look like a UN summary record"
        )

    # Agenda, State party, documents.
    headings = [h.text for h in body.headings]
    agenda = build_agenda(cover.contents, headings, prof, [h.before + 1 if h.before < len(body.paragraphs) else None for h in body.headings])
    state = find_state_party(headings, cover.contents, prof)
    documents = list(state.documents) if state else []
    all_docs = [d for item in agenda for d in item.documents + [x for s in item.items for x in s.documents]]
    if body_name is None:
        stems = Counter(b for d in all_docs if (b := body_of_symbol(d)))
        if stems:
            body_name = stems.most_common(1)[0][0]
            warnings.append(f"body: not named on the cover; {body_name} taken from the documents' symbols")

    state_party, state_printed, state_code = _state_party(state, documents, all_docs, cover.date, warnings)

    # Bodies whose sessions follow the calendar (General Assembly committees): from the date.
    session = cover.session
    entry = registry().get(body_name)
    if session is None and entry is not None and entry.session_from_date and cover.date:
        session = entry.session_at(cover.date)
        warnings.append(f"session: not printed; session {session} of {body_name} derived from the date")

    symbol, inferred = cover.symbol or doc.header_symbol, False
    if symbol is None:
        year = int(cover.date[:4]) if cover.date else None
        symbol, why = infer_symbol(body_name, cover.meeting, cover.part, year, session)
        inferred = symbol is not None
        if symbol is None:
            warnings.append(f"symbol: not printed and not inferred ({why})")
    if body_name is None and symbol:
        body_name = body_of_symbol(symbol)

    prefix = symbol or "record"
    record = Record(
        symbol=symbol,
        symbol_inferred=inferred,
        body=body_name,
        language=lang,
        session=session,
        meeting=cover.meeting,
        part=cover.part,
        date=cover.date,
        time=cover.time,
        place=cover.place,
        chair=cover.chair,
        chair_note=cover.chair_note,
        state_party=state_party,
        state_party_printed=state_printed,
        state_party_code=state_code,
        documents=documents,
        agenda=agenda,
        committee=cover.committee,
        treaty=cover.treaty,
        distribution_date=cover.distribution_date,
        original_language=cover.original_language,
        source=Source(path=doc.path, format=doc.format, sha256=doc.sha256, pages=doc.page_count),
    )
    _fill_body(record, body, prefix)
    _fill_layers(record, blocks, texts, layers, start, body, doc)
    record.warnings = warnings + _missing(record)
    return record


def _split_cover_and_body(
    blocks: list[Block], texts: list[str], layers: list[Layer], prof: Profile, title_idx: int | None
) -> int:
    """Index of the body's first block: after the title and the contents, the first stage direction,
    paragraph 1 or speaker label; without a title, the first of these anywhere."""
    contents_idx = next(
        (
            i
            for i, t in enumerate(texts)
            if layers[i] is None and prof.contents.match(t) and (title_idx is None or i > title_idx)
        ),
        None,
    )
    search_from = max(x for x in (title_idx, contents_idx, -1) if x is not None) + 1
    start = _body_start(blocks, texts, layers, prof, search_from)
    if start is None and title_idx is None:
        start = _body_start(blocks, texts, layers, prof, 0)
    return len(blocks) if start is None else start


def _state_party(
    state: StateParty | None, documents: list[str], all_docs: list[str], date: str | None, warnings: list[str]
) -> tuple[str | None, str | None, str | None]:
    """(English name at the record's date, name as printed, ISO code) of the State party: from
    the headings, else from the agenda's document symbols (CMW/C/KGZ/2 → KGZ), with a warning."""
    if state and state.found:
        country = state.found.country
        code_in_docs = country_code_in(documents)
        if code_in_docs and code_in_docs != country.code:
            warnings.append(
                f"state party {country.name_at(date)} ({country.code}) but its documents carry {code_in_docs}"
            )
        return country.name_at(date), state.found.printed, country.code
    code = country_code_in(all_docs) if all_docs else None
    if code and code in countries().by_code:
        name = countries().by_code[code].name_at(date)
        warnings.append(f"state party: no name found in the headings; {name} read from the document symbols")
        return name, None, code
    return None, None, None


def _unglue(blocks: list[Block]) -> list[Block]:
    """Split lines in which page furniture ran into text (see :func:`layers.split_glued`)."""
    out: list[Block] = []
    for block in blocks:
        pieces = split_glued(block.text)
        if len(pieces) == 1:
            out.append(block)
            continue
        for k, piece in enumerate(pieces):
            out.append(
                Block([Run(piece)], page=block.page, page_end=block.page_end, gap_before=block.gap_before or k > 0)
            )
    return out


def _unflatten(blocks: list[Block], prof: Profile) -> list[Block] | None:
    """Blocks with long runs of flattened text cut into paragraphs, or None if there are none."""
    out: list[Block] = []
    changed = False
    for block in blocks:
        pieces = split_flattened(block.text, prof)
        # Numbered paragraphs that open with speaker labels: a record whose line breaks were lost,
        # not a long paragraph that happens to enumerate points.
        labelled = sum(1 for p in pieces or () if _labels(prof).read(paragraph_number(p)[1]))
        if pieces is None or labelled < 2:
            out.append(block)
            continue
        changed = True
        out += [Block([Run(p)], page=block.page, page_end=block.page_end, gap_before=True) for p in pieces]
    return out if changed else None


def _find_title(texts: list[str], layers: list[Layer], prof: Profile) -> tuple[int | None, int]:
    """Index of the title block, and how many blocks it spans (a title broken over two lines:
    "COMPTE RENDU ANALYTIQUE DE LA DEUXIÈME PARTIE (PUBLIQUE)*" / "DE LA 434ème SÉANCE")."""
    for i, t in enumerate(texts):
        if layers[i] is not None:
            continue
        if is_title(t, prof):
            return i, 1
        if (
            i + 1 < len(texts)
            and layers[i + 1] is None
            and prof.title.search(t)
            and is_title(f"{t} {texts[i + 1]}", prof)
        ):
            return i, 2
    return None, 1


def _cover_lines(
    blocks: list[Block],
    texts: list[str],
    layers: list[Layer],
    start: int,
    title_idx: int | None,
    title_span: int,
    prof: Profile,
) -> tuple[list[str], int | None]:
    """Cover lines, with wrapped lines rejoined ("(continued)" alone, "…;" then the next line)."""
    lines: list[str] = []
    title_line = None
    for i in range(start):
        if layers[i] is not None:
            continue
        t = texts[i]
        in_title = title_idx is not None and title_idx < i < title_idx + title_span
        if lines and (in_title or i != title_idx and _continues_line(lines[-1], t, blocks[i], prof)):
            lines[-1] = f"{lines[-1]} {t}"
            continue
        if i == title_idx:
            title_line = len(lines)
        lines.append(t)
    return lines, title_line


def _continues_line(prev: str, text: str, block: Block, prof: Profile) -> bool:
    if prof.continued.fullmatch(text):
        return True
    if block.gap_before:
        return False
    return prev.count("(") > prev.count(")") or prev.endswith((";", ",", "-", "/")) or starts_lower(text)


def _fill_body(record: Record, body: Body, prefix: str) -> None:
    used: set[str] = set()
    for i, p in enumerate(body.paragraphs, start=1):
        pid = f"{prefix}/p{p.number if p.number is not None else i}"
        if pid in used:
            pid = f"{prefix}/i{i}"
        used.add(pid)
        record.paragraphs.append(Paragraph(index=i, number=p.number, id=pid, text=p.text, turn=p.turn, pages=p.pages))
    for t_index, t in enumerate(body.turns):
        record.turns.append(
            Turn(index=t_index, id=f"{prefix}/t{t_index}", speaker=t.speaker, paragraphs=[p + 1 for p in t.paragraphs])
        )
    n = len(body.paragraphs)
    for e in body.events:
        para = e.paragraph + 1 if e.paragraph is not None else None
        before = e.paragraph + 2 if e.paragraph is not None else e.before + 1
        record.events.append(
            Event(
                kind=e.event.kind,
                time=e.event.time,
                text=e.event.text,
                paragraph=para,
                before_paragraph=before if before <= n else None,
            )
        )


def _fill_layers(
    record: Record, blocks: list[Block], texts: list[str], layers: list[Layer], start: int, body: Body, doc: Document
) -> None:
    for kind, text, page in doc.furniture:
        record.furniture.append(Furniture(kind=kind if kind in _FURNITURE else "other", text=text, page=page))
    for text, page in doc.footnotes:
        record.notes.append(Note(kind="footnote", text=text, page=page))
    for i in range(start):
        if layers[i] is None:
            continue
        layer, kind = layers[i]
        if layer == "furniture":
            record.furniture.append(Furniture(kind=kind, text=texts[i], page=blocks[i].page))
        else:
            record.notes.append(Note(kind=kind, text=texts[i], page=blocks[i].page))
    for kind, text, page in body.furniture:
        record.furniture.append(Furniture(kind=kind if kind in _FURNITURE else "other", text=text, page=page))
    for kind, text, page in body.notes:
        record.notes.append(Note(kind=kind, text=text, page=page))


_FURNITURE = {"header", "footer", "page_number", "job_number", "symbol", "separator", "site", "other"}


def _missing(record: Record) -> list[str]:
    """A partial record is never presented as complete: say which cover fields are missing."""
    out = []
    for field, why in (
        ("meeting", "no 'Summary record of the … meeting' title read"),
        ("date", "no 'Held at …, on <date>' line read"),
        ("chair", "no 'Chair:' line read"),
        ("body", "no committee name or symbol read"),
    ):
        if getattr(record, field) is None:
            out.append(f"{field}: {why}")
    if record.session is None:
        out.append("session: no '… session' line read")
    if not record.paragraphs:
        out.append("body: no paragraphs found")
    return out
