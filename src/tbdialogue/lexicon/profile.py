"""The reading profile of a language: the words and patterns the parser relies on.

Loaded from the language's profile file (``profiles/<code>.toml``, see :mod:`.languages`), sections
``[months]``, ``[numbers]``, ``[cover]``, ``[body]``, ``[speakers]``, ``[events]``, ``[notes]`` and
``[layers]``. Every key is optional: a missing pattern never matches and a missing list is empty,
so a new language can start with its cover words and grow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .languages import UnknownLanguage, codes, lookup, raw_profile
from .normalize import fold, squash

_FLAGS = re.IGNORECASE | re.UNICODE
#: A pattern that never matches: what a profile without the key gets.
NEVER = "(?!)"


#: Named groups the parser reads from a profile's patterns: a profile that sets the pattern must
#: give it these groups (checked when the profile is loaded, with a message naming the key).
GROUPS = {
    "cover.meeting": ("n",),
    "cover.session": ("n",),
    "cover.held": ("date", "time"),
    "cover.date": ("day", "month", "year"),
    "cover.original": ("lang",),
    "speakers.representative": ("label", "who"),
}


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


def _any(patterns: list[str]) -> str:
    """One pattern matching where any of ``patterns`` does, for patterns *matched* at a line's start
    (one regex call instead of several). Not for searched patterns: an alternation loses the literal
    prefix scan that makes each of them fast."""
    return "|".join(f"(?:{p})" for p in patterns) or NEVER


def _check_groups(language: str, raw: dict[str, Any]) -> None:
    for key, groups in GROUPS.items():
        pattern = lookup(raw, key)
        if pattern is None:
            continue
        try:
            compiled = re.compile(pattern.replace("{time}", "(?:x)"), _FLAGS)
        except re.error as exc:
            raise UnknownLanguage(
                f"language profile {language}: [{key.replace('.', '] ')} is not a valid pattern ({exc})"
            ) from None
        missing = [g for g in groups if g not in compiled.groupindex]
        if missing:
            raise UnknownLanguage(
                f"language profile {language}: [{key.replace('.', '] ')} needs the named group(s) "
                + ", ".join(f"(?P<{g}>…)" for g in missing)
            )


@dataclass(frozen=True)
class Profile:
    language: str
    stopwords: frozenset[str]
    conjunctions: frozenset[str]
    language_names: dict[str, str]  # printed name of a language → its English name
    plain_chair_labels: frozenset[str]  # folded and squashed
    chair_then: re.Pattern[str]
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
    site_lines: tuple[re.Pattern[str], ...]  # searched one by one: each keeps its own fast scan
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
    notices: re.Pattern[str]
    footnotes: re.Pattern[str]  # case-sensitive


def _load(language: str) -> Profile:
    raw = raw_profile(language)
    _check_groups(language, raw)

    def get(key: str, default: Any = None) -> Any:
        return lookup(raw, key, default)

    time_src = get("events.time", NEVER)
    return Profile(
        language=language,
        stopwords=frozenset(get("language.function_words", [])),
        conjunctions=frozenset(get("language.conjunctions", [])),
        language_names={k.lower(): v for k, v in get("cover.language_names", {}).items()},
        plain_chair_labels=frozenset(fold(squash(x), lower=True) for x in get("cover.plain_chair_labels", [])),
        chair_then=_rx(rf"^(?:{get('cover.chair_then', NEVER)})\s*:"),
        months={k.lower(): v for k, v in get("months", {}).items()},
        units=get("numbers.units", {}),
        tens=get("numbers.tens", {}),
        hundreds=get("numbers.hundreds", {}),
        ordinal_suffix=get("numbers.ordinal_suffix", NEVER),
        title=_rx(get("cover.title", NEVER)),
        meeting=_rx(get("cover.meeting", NEVER)),
        meeting_squashed=_rx(get("cover.meeting_squashed", NEVER)),
        session=_rx(get("cover.session", NEVER)),
        held=_rx(get("cover.held", NEVER).replace("{time}", time_src)),
        date=_rx(get("cover.date", NEVER)),
        distr=_rx(get("cover.distr", NEVER)),
        original=_rx(get("cover.original", NEVER)),
        contents=_rx(get("cover.contents", NEVER)),
        chair_labels=tuple(get("cover.chair_labels", [])),
        parts=tuple((a, b) for a, b in get("cover.parts", [])),
        site_lines=tuple(_rx(p) for p in get("cover.site_lines", [])),
        continued=_rx(get("body.continued", NEVER)),
        agenda_item_number=_rx(get("body.agenda_item_number", "(?P<n>(?!))|(?P<n2>(?!))")),
        report_words=_rx(get("body.report_words", NEVER)),
        sub_item=_rx(get("body.sub_item", NEVER)),
        not_review=_rx(get("body.not_review", NEVER)),
        titles=tuple(get("speakers.titles", [])),
        name_articles=tuple(get("speakers.name_articles", [])),
        articles=tuple(get("speakers.articles", [])),
        presiding=tuple(get("speakers.presiding", [])),
        vice_presiding=tuple(get("speakers.vice_presiding", [])),
        representative=_rx(get("speakers.representative", "(?P<label>(?P<who>(?!)))")),
        lead_in=_rx(get("speakers.lead_in", NEVER)),
        verbs=frozenset(get("speakers.verbs", [])),
        not_verbs=frozenset(get("speakers.not_verbs", [])),
        verb_suffix=get("speakers.verb_suffix", ""),
        roles=tuple(get("speakers.roles", [])),
        secretariat_roles=tuple(get("speakers.secretariat_roles", [])),
        functions=tuple(get("speakers.functions", [])),
        organizations=tuple(get("speakers.organizations", [])),
        secretariat_affiliations=tuple(get("speakers.secretariat_affiliations", [])),
        other_affiliations=tuple(get("speakers.other_affiliations", [])),
        repairs=tuple((re.compile(p), r) for p, r in get("speakers.repairs", [])),
        time=_rx(time_src),
        # Matched accent-blind: patterns and sentences are both folded (normalize.fold).
        events=tuple(
            (kind, _rx(fold(rf"(?:{pat.replace('{time}', time_src)})\s*\.?")))
            for kind, pat in get("events.patterns", [])
        ),
        notices=_rx(_any(get("notes.notices", []))),
        footnotes=re.compile(_any(get("notes.footnotes", []))),
    )


@cache
def profile(language: str) -> Profile:
    """The reading profile of a language (raises ``UnknownLanguage`` for a code without a file)."""
    return _load(language)


def all_profiles() -> list[Profile]:
    return [profile(code) for code in codes()]
