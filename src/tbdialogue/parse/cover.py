"""The cover block: symbol, body, session, meeting and part, when and where, chair, contents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicon.bodies import registry
from ..lexicon.languages import codes, union
from ..lexicon.normalize import fold, repair, squash
from ..lexicon.numbers import number_start, ordinal, parse_date
from ..lexicon.profile import Profile
from ..lexicon.profile import profile as profile_of
from ..lexicon.symbols import SYMBOL, body_of_symbol, is_record_symbol, record_number, repair_symbols
from .people import Named

_DOT_LEADER = re.compile(r"\s*(?:…|\.{3,}|_{3,})[….\s_]*")


@cache
def _committee_words() -> tuple[str, ...]:
    """A cover line opening with one of these ("Committee", "Comité") names the committee, not
    the treaty (folded and squashed, all languages)."""
    return tuple(fold(squash(w), lower=True) for w in union("cover.committee_words"))


@cache
def _language_names() -> dict[str, str]:
    """Printed names of languages in every profile (folded) → English name: a Spanish record
    may say "Original: inglés", an old French one "Original : ANGLAIS"."""
    out: dict[str, str] = {}
    for code in codes():
        for printed, name in profile_of(code).language_names.items():
            out.setdefault(fold(printed, lower=True), name)
    return out


@dataclass
class Cover:
    symbol: str | None = None
    body: str | None = None
    committee: str | None = None
    treaty: str | None = None
    session: int | None = None
    meeting: int | None = None
    part: str | None = None
    date: str | None = None
    time: str | None = None
    place: str | None = None
    chair: str | None = None
    chair_note: str | None = None
    distribution_date: str | None = None
    original_language: str | None = None
    contents: list[str] = field(default_factory=list)
    title_found: bool = False
    held_without_year: str | None = None
    #: The people the chair's lines name, with their parentheses: who they are, for the body's
    #: bare names ("Temporary Chair: Mr. Salama (Representative of …)" → a later "Mr. Salama said").
    people: list[Named] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_title(line: str, profile: Profile) -> bool:
    """The "Summary record of the … meeting" line: it opens with the title words (which may be
    broken by stray spaces) and names a meeting; a sentence that mentions summary records is not one.
    """
    squashed = squash(line).replace("-", "")
    keyword = re.search(re.sub(r"\\s\*|\[\\s-\]\*", "", profile.title.pattern), squashed)
    if not keyword:
        return False
    after = squashed[keyword.end() :]
    return bool(profile.meeting_squashed.search(after) or profile.meeting.search(line))


def parse_cover(lines: list[str], profile: Profile, title_index: int | None) -> Cover:
    """Read cover fields from the cover's lines (furniture and notices already removed)."""
    cov = Cover()
    lines, title_index = unglue_headings(lines, profile, title_index)
    fixed = [repair_symbols(repair(line)) for line in lines]
    flat = " ".join(fixed)

    # Title: meeting number and part.
    if title_index is not None:
        cov.title_found = True
        title = fixed[title_index]
        m = profile.meeting.search(title)
        if m:
            cov.meeting = ordinal(m.group("n"), profile)
        if cov.meeting is None:
            # Words broken by stray spaces ("of th e 409th meeting"): read the title without spaces.
            m = profile.meeting_squashed.search(squash(title))
            if m:
                cov.meeting = int(m.group(1))
        low = fold(squash(title))
        for key, value in profile.parts:
            if fold(key) in low:
                cov.part = value
                break

    _symbol(cov, fixed, title_index)
    _body(cov, fixed, profile)
    _session(cov, fixed, profile)
    _held(cov, flat, profile)
    _dates(cov, fixed, profile, title_index)
    _chair(cov, fixed, profile)
    if cov.date is None and cov.held_without_year and cov.distribution_date:
        # "on Wednesday, 23 October": the year of issue, or the one before for a record issued in
        # January about a December meeting.
        issued = cov.distribution_date
        cov.date, _ = parse_date(cov.held_without_year, profile, int(issued[:4]))
        if cov.date and cov.date > issued:
            cov.date, _ = parse_date(cov.held_without_year, profile, int(issued[:4]) - 1)
        cov.warnings.append("date: the year is not printed; taken from the date of issue")
    _contents(cov, fixed, profile)
    return cov


_LAST_WORDS = 3  # how many words at a line's end may be a glued heading ("CONTENTS (continued)")
_MAX_GLUED = 40  # the longest last word searched for a heading glued without a space
#: The longest heading word looked for at the end of a run of capitals ("SOMMAIRE", "СОДЕРЖАНИЕ"):
#: each start tried costs a match over the rest, so a 250,000-letter run took 9 s without a bound.
_MAX_HEADING_WORD = 24


def unglue_headings(lines: list[str], profile: Profile, title_index: int | None) -> tuple[list[str], int | None]:
    """Cover lines after the title with the contents heading that OCR ran into them on a line of its
    own: "Président : M. AGUILAR URBINA SOMMAIRE" → "Président : M. AGUILAR URBINA", "SOMMAIRE".
    The heading word must be capitalised, and not follow a lower-case word ("Table of Contents");
    glued without a space, the case must change where it starts ("URBINASOMMAIRE", "DiabyContents");
    at a line's start only an upper-case heading is split off ("CONTENTS Opening of the session").
    Returns the lines and the title's new index."""
    out: list[str] = []
    new_title = title_index
    for i, line in enumerate(lines):
        if i == title_index:
            new_title = len(out)
        if title_index is not None and i <= title_index or _is_contents(line.strip(), profile):
            out.append(line)
            continue
        out.extend(_split_heading(line, profile))
    return out, new_title


def _split_heading(line: str, profile: Profile) -> list[str]:
    words = list(re.finditer(r"\S+", line))
    for k in range(max(1, len(words) - _LAST_WORDS), len(words)):
        head, tail = line[: words[k].start()].rstrip(), line[words[k].start() :].strip()
        previous = words[k - 1].group(0)
        if tail[0].isupper() and _is_contents(tail, profile) and not (previous.isalpha() and previous.islower()):
            return [head, tail]
    if len(words) > 1:
        # Without the space: "M. AGUILAR URBINASOMMAIRE", "Mr. DiabyContents".
        last = words[-1].group(0)
        for cut in range(1, min(len(last) - 3, _MAX_GLUED)):
            stem, tail = last[:cut], last[cut:]
            case_change = tail.isupper() and stem[-1].isupper() or tail.istitle() and stem[-1].islower()
            if case_change and stem[-1].isalpha() and _is_contents(tail, profile):
                return [line[: words[-1].start()] + stem, tail]
    # OCR that lost the space too: "M. BANTONSOMMAIRE" (an upper-case name and heading run together).
    last = words[-1].group(0) if words else ""
    if last.isupper() and last.isalpha():
        for j in range(max(2, len(last) - _MAX_HEADING_WORD), len(last) - 3):
            if _is_contents(last[j:], profile):
                return [line[: words[-1].start() + j], last[j:]]
    first = words[0].group(0) if words else ""
    if len(words) > 1 and first.isupper() and _is_contents(first, profile):
        rest = line[words[1].start() :]
        if not profile.continued.fullmatch(rest.strip()):
            return [first, rest]
    return [line]


def _is_contents(text: str, profile: Profile) -> bool:
    """ "CONTENTS", "Sommaire", "SUMARIO (continuación)"."""
    return bool(profile.contents.match(text) or profile.contents.match(profile.continued.sub("", text).strip()))


def _symbol(cov: Cover, lines: list[str], title_index: int | None) -> None:
    stop = title_index if title_index is not None else len(lines)
    for line in lines[: stop + 1]:
        for m in SYMBOL.finditer(line):
            sym = m.group(0)
            if not is_record_symbol(sym):
                continue
            sym = _unglue_date(sym, line[m.end() :], cov.meeting)
            cov.symbol = sym
            n = record_number(sym)
            if cov.meeting and n and n != cov.meeting:
                cov.warnings.append(f"symbol {sym} does not match the meeting number {cov.meeting} in the title")
            return


_MONTH_AFTER = re.compile(r"^\s*(?:de\s+)?[^\W\d_]{3,}", re.UNICODE)


def _unglue_date(sym: str, after: str, meeting: int | None) -> str:
    """ "CERD/C/SR.15671 July 2003" → CERD/C/SR.1567: the day of the next line ran into the symbol."""
    m = re.search(r"/SR\.(\d+)$", sym)
    if not m or not _MONTH_AFTER.match(after) or after[:1].isdigit():
        return sym
    digits = m.group(1)
    if meeting is not None:
        s = str(meeting)
        if digits.startswith(s) and 1 <= len(digits) - len(s) <= 2:
            return sym[: m.start(1)] + s
        return sym
    for cut in (2, 1):
        if len(digits) > cut and 1 <= int(digits[-cut:]) <= 31:
            return sym[: m.start(1)] + digits[:-cut]
    return sym


def _body(cov: Cover, lines: list[str], profile: Profile) -> None:
    """The body, from the printed symbol, else the committee's name, else the treaty's name, else a
    web archive's "Convention Abbreviation:" line. Names are matched without spaces ("A ll Forms")
    and may be wrapped over two lines."""
    names = registry()
    keys = [squash(line.replace("’", "'")) for line in lines]
    from_committee = from_treaty = from_site = None
    for i, (line, low) in enumerate(zip(lines, keys, strict=True)):
        if cov.committee is None:
            pair = f"{line} {lines[i + 1]}" if i + 1 < len(lines) else None
            pair_key = low + keys[i + 1] if pair else ""
            for name, body in names.committee_names:
                if name in low:
                    cov.committee, from_committee = _strip_session(line, profile), body
                    break
                if pair and name in pair_key and name not in keys[i + 1]:
                    cov.committee, from_committee = _strip_session(pair, profile), body
                    break
        if cov.treaty is None and not fold(low).startswith(_committee_words()):
            for name, body in names.treaty_names:
                if name in low:
                    cov.treaty, from_treaty = line, body
                    break
        m = names.site_body.match(line)
        if m and from_site is None:
            from_site = m.group(1).upper()
    from_symbol = body_of_symbol(cov.symbol) if cov.symbol else None
    cov.body = from_symbol or from_committee or from_treaty or from_site


def _strip_session(line: str, profile: Profile) -> str:
    """ "Committee on … Families Thirty-seventh session" → the committee's name only."""
    m = profile.session.search(line)
    if not m:
        return line
    words = line[: m.end("n")].split()
    cut = number_start(words, profile)
    return " ".join(words[:cut]).strip() if cut else line


def _session(cov: Cover, lines: list[str], profile: Profile) -> None:
    for line in lines:
        for m in profile.session.finditer(line):
            n = ordinal(m.group("n"), profile)
            if n:
                cov.session = n
                return


def _held(cov: Cover, flat: str, profile: Profile) -> None:
    m = profile.held.search(flat)
    if not m:
        return
    groups = m.groupdict()
    cov.place = (groups.get("place") or groups.get("place2") or "").strip(" ,") or None
    cov.date, _ = parse_date(m.group("date"), profile)
    if cov.date is None:
        cov.held_without_year = m.group("date")
    cov.time = m.group("time").strip()


def _dates(cov: Cover, lines: list[str], profile: Profile, title_index: int | None) -> None:
    stop = title_index if title_index is not None else len(lines)
    for line in lines[:stop]:
        if cov.original_language is None:
            m = profile.original.search(line)
            if m:
                printed = m.group("lang")
                cov.original_language = profile.language_names.get(printed.lower()) or _language_names().get(
                    fold(printed, lower=True), printed
                )
        if cov.distribution_date is None:
            if cov.symbol:
                line = re.sub(re.escape(cov.symbol) + r"(?=\d)", " ", line)
            d, _ = parse_date(line, profile)
            if d and d != cov.date:
                cov.distribution_date = d


def _chair(cov: Cover, lines: list[str], profile: Profile) -> None:
    """The presiding officer: "Chair: Mr. X (Vice-Chair)", "Temporary Chair: … Chair: …" on one
    line or several, "Président (e):M. Sadi", "later: Mr. Y"; the plain Chair wins over the
    temporary or acting one, whose line goes to the note."""
    labels = sorted(profile.chair_labels, key=len, reverse=True)
    # Each label may be broken by a stray space ("P residente"), and end in "(e)" or "(a)".
    spaced = "|".join(r"\s?".join(re.escape(c) for c in label) for label in labels)
    rx = re.compile(rf"(?:(?<=\s)|^)(?P<label>{spaced})(?:\s*\([ea]\))?\s*:\s*", re.IGNORECASE)
    segments: list[tuple[str, str, str]] = []
    then: list[str] = []
    for line in lines:
        # "Chair:" opens its line, or follows another cover line that a hard wrap ran into it.
        found = [m for m in rx.finditer(line) if m.group("label")[0].isupper()]
        if found and (found[0].start() == 0 or line[: found[0].start()].rstrip().endswith((".", ")"))):
            line = line[found[0].start() :]
            found = [m for m in rx.finditer(line) if m.group("label")[0].isupper()]
            for k, m in enumerate(found):
                end = found[k + 1].start() if k + 1 < len(found) else len(line)
                segments.append((squash(m.group("label")), m.group("label"), line[m.end() : end].strip()))
        elif segments and profile.chair_then.match(line):
            then.append(line.strip())
        elif segments:
            break
    if not segments:
        return
    main = next((seg for seg in segments if fold(seg[0], lower=True) in profile.plain_chair_labels), segments[0])
    for value in [seg[2] for seg in segments] + [profile.chair_then.sub("", line, count=1) for line in then]:
        person, paren = _split_chair(value)
        if person:
            cov.people.append(Named(person, paren))
    name, note = _split_chair(main[2])
    cov.chair = name
    others = [f"{label}: {value}" for seg in segments if seg is not main for _, label, value in [seg]]
    cov.chair_note = "; ".join(([note] if note else []) + others + then) or None


def _split_chair(value: str) -> tuple[str | None, str | None]:
    """ "Mr. Taghizade (Vice-Chairperson)" → name and note; dot leaders before a note are dropped."""
    value = _DOT_LEADER.sub(" ", value).strip()
    m = re.match(r"^(?P<name>[^()]+?)\s*\((?P<note>.+)\)\s*$", value)
    if m:
        return m.group("name").strip(), m.group("note").strip()
    return (value or None), None


def _contents(cov: Cover, lines: list[str], profile: Profile) -> None:
    start = next((i for i, line in enumerate(lines) if profile.contents.match(line.strip())), None)
    if start is None:
        return
    # "CONTENTS (continued)" heads the contents' second page: not an item.
    cov.contents = [line for line in lines[start + 1 :] if line.strip() and not _is_contents(line.strip(), profile)]
