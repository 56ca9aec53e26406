"""Language profiles: the words and patterns of one language, held as data (``<lang>.toml``).

Adding a language means adding a TOML file with the same keys; no parser code changes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..normalize import fold

LANGUAGES = ("en", "fr", "es")
_FLAGS = re.IGNORECASE | re.UNICODE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


@dataclass(frozen=True)
class Profile:
    language: str
    stopwords: frozenset[str]
    months: dict[str, int]
    units: dict[str, int]
    tens: dict[str, int]
    hundreds: dict[str, int]
    ordinal_suffix: str
    # cover
    title: re.Pattern[str]
    meeting: re.Pattern[str]
    meeting_squashed: re.Pattern[str]
    session: re.Pattern[str]
    held: re.Pattern[str]
    date: re.Pattern[str]
    distr: re.Pattern[str]
    original: re.Pattern[str]
    contents: re.Pattern[str]
    chair_labels: tuple[str, ...]
    parts: tuple[tuple[str, str], ...]
    site_lines: tuple[re.Pattern[str], ...]
    # body
    continued: re.Pattern[str]
    agenda_item_number: re.Pattern[str]
    report_words: re.Pattern[str]
    sub_item: re.Pattern[str]
    not_review: re.Pattern[str]
    # speakers
    titles: tuple[str, ...]
    name_articles: tuple[str, ...]
    articles: tuple[str, ...]
    presiding: tuple[str, ...]
    vice_presiding: tuple[str, ...]
    representative: re.Pattern[str]
    lead_in: re.Pattern[str]
    verbs: frozenset[str]
    not_verbs: frozenset[str]
    verb_suffix: str
    roles: tuple[str, ...]
    secretariat_roles: tuple[str, ...]
    functions: tuple[str, ...]
    organizations: tuple[str, ...]
    secretariat_affiliations: tuple[str, ...]
    other_affiliations: tuple[str, ...]
    repairs: tuple[tuple[re.Pattern[str], str], ...]
    # events: (kind, compiled pattern) in order of trial
    time: re.Pattern[str]
    events: tuple[tuple[str, re.Pattern[str]], ...]
    # notes
    notices: tuple[re.Pattern[str], ...]
    footnotes: tuple[re.Pattern[str], ...]


def _load(language: str) -> Profile:
    raw = tomllib.loads(resources.files(__package__).joinpath(f"{language}.toml").read_text("utf-8"))
    cover, body, spk, ev, notes, num = (
        raw["cover"],
        raw["body"],
        raw["speakers"],
        raw["events"],
        raw["notes"],
        raw["numbers"],
    )
    time_src = ev["time"]
    return Profile(
        language=raw["language"],
        stopwords=frozenset(raw["stopwords"]),
        months={k.lower(): v for k, v in raw["months"].items()},
        units=num["units"],
        tens=num["tens"],
        hundreds=num["hundreds"],
        ordinal_suffix=num["ordinal_suffix"],
        title=_rx(cover["title"]),
        meeting=_rx(cover["meeting"]),
        meeting_squashed=_rx(cover["meeting_squashed"]),
        session=_rx(cover["session"]),
        held=_rx(cover["held"].replace("{time}", ev["time"])),
        date=_rx(cover["date"]),
        distr=_rx(cover["distr"]),
        original=_rx(cover["original"]),
        contents=_rx(cover["contents"]),
        chair_labels=tuple(cover["chair_labels"]),
        parts=tuple((a, b) for a, b in cover["parts"]),
        site_lines=tuple(_rx(p) for p in cover["site_lines"]),
        continued=_rx(body["continued"]),
        agenda_item_number=_rx(body["agenda_item_number"]),
        report_words=_rx(body["report_words"]),
        sub_item=_rx(body["sub_item"]),
        not_review=_rx(body["not_review"]),
        titles=tuple(spk["titles"]),
        name_articles=tuple(spk["name_articles"]),
        articles=tuple(spk["articles"]),
        presiding=tuple(spk["presiding"]),
        vice_presiding=tuple(spk["vice_presiding"]),
        representative=_rx(spk["representative"]),
        lead_in=_rx(spk["lead_in"]),
        verbs=frozenset(spk["verbs"]),
        not_verbs=frozenset(spk["not_verbs"]),
        verb_suffix=spk["verb_suffix"],
        roles=tuple(spk["roles"]),
        secretariat_roles=tuple(spk["secretariat_roles"]),
        functions=tuple(spk["functions"]),
        organizations=tuple(spk["organizations"]),
        secretariat_affiliations=tuple(spk["secretariat_affiliations"]),
        other_affiliations=tuple(spk["other_affiliations"]),
        repairs=tuple((re.compile(p), r) for p, r in spk["repairs"]),
        time=_rx(time_src),
        # Matched accent-blind: patterns and sentences are both folded (normalize.fold).
        events=tuple(
            (kind, _rx(fold(rf"(?:{pat.replace('{time}', time_src)})\s*\.?"))) for kind, pat in ev["patterns"]
        ),
        notices=tuple(_rx(p) for p in notes["notices"]),
        footnotes=tuple(re.compile(p) for p in notes["footnotes"]),
    )


@cache
def profile(language: str) -> Profile:
    """The profile of a language ("en", "fr", "es")."""
    if language not in LANGUAGES:
        raise ValueError(f"no language profile for {language!r}; known: {', '.join(LANGUAGES)}")
    return _load(language)


def all_profiles() -> list[Profile]:
    return [profile(lang) for lang in LANGUAGES]
