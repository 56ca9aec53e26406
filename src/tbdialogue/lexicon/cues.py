"""The analysis profile of a language: how a Committee member asks, and which words carry content.

Loaded from the language's profile file (``profiles/<code>.toml``, sections ``[sentences]``,
``[questions]``, ``[topic]``, ``[content]``, ``[dialogue]``, ``[thesaurus]``): how a member asks for
information ("She wished to know", "souhaiterait savoir", "desea saber"), what is not a request
(hopes, encouragements), where one sentence holds two questions, which words end a sentence and
which do not, and which words carry no content. Every key is optional (a language without request
cues still has its direct questions, "…?").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from .languages import codes, language, raw_profile, union
from .profile import NEVER

_FLAGS = re.IGNORECASE | re.UNICODE
#: Whether profiles are loaded with their thesaurus (switched off only to measure what it brings).
_THESAURUS = [True]


@dataclass(frozen=True)
class CueProfile:
    language: str
    abbreviations: frozenset[str]
    terminal_abbreviations: frozenset[str]
    requests: tuple[re.Pattern[str], ...]
    blockers: tuple[re.Pattern[str], ...]
    wh: str
    coordinators: str
    no_split: tuple[re.Pattern[str], ...]
    infinitive_split: re.Pattern[str]
    preposition_split: re.Pattern[str]
    topic_drop: frozenset[str]
    stemmer: str
    stopwords: frozenset[str]
    generic: frozenset[str]  # institutional and legal boilerplate: weak evidence of an answer
    previous_meeting: re.Pattern[str]
    clause_break: re.Pattern[str]
    signposts: tuple[re.Pattern[str], ...]  # group "asker": the member a delegation paragraph answers
    label_end: re.Pattern[str]
    thesaurus: dict[str, str]  # word → the first word of its group


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


def _load(code: str) -> CueProfile:
    raw = raw_profile(code)
    sent, q, topic, content = (raw.get(k, {}) for k in ("sentences", "questions", "topic", "content"))
    subject = q.get("subject", NEVER)
    return CueProfile(
        language=code,
        abbreviations=frozenset(a.lower() for a in sent.get("abbreviations", [])),
        terminal_abbreviations=frozenset(a.lower() for a in sent.get("terminal_abbreviations", [])),
        requests=tuple(_rx(p.replace("{subject}", subject)) for p in q.get("requests", [])),
        blockers=tuple(_rx(p) for p in q.get("blockers", [])),
        wh=q.get("wh", NEVER),
        coordinators=q.get("coordinators", NEVER),
        no_split=tuple(_rx(p) for p in q.get("no_split", [])),
        infinitive_split=_rx(q.get("infinitive_split", NEVER)),
        preposition_split=_rx(q.get("preposition_split", NEVER)),
        topic_drop=frozenset(topic.get("drop", [])),
        stemmer=language(code).stemmer,
        stopwords=frozenset(content.get("stopwords", [])),
        generic=frozenset(w.lower() for w in content.get("generic", [])),
        previous_meeting=_rx(raw.get("dialogue", {}).get("previous_meeting", NEVER)),
        clause_break=_rx(q.get("clause_break", NEVER)),
        signposts=tuple(_rx(p) for p in raw.get("dialogue", {}).get("signposts", [])),
        label_end=_rx(q.get("label_end", NEVER)),
        thesaurus=_thesaurus(raw.get("thesaurus", {}).get("groups", [])) if _THESAURUS[0] else {},
    )


def _thesaurus(groups: list[list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for group in groups:
        for word in group:
            out.setdefault(word.lower(), group[0].lower())
    return out


@contextmanager
def thesaurus_switched_off() -> Iterator[None]:
    """Analysis profiles without their thesaurus, for as long as the block runs (to measure it)."""
    _THESAURUS[0] = False
    cue_profile.cache_clear()
    try:
        yield
    finally:
        _THESAURUS[0] = True
        cue_profile.cache_clear()


@dataclass(frozen=True)
class SentenceRules:
    """What the sentence splitter needs of a profile (without compiling its question cues)."""

    abbreviations: frozenset[str]
    terminal_abbreviations: frozenset[str]


@cache
def sentence_rules(code: str) -> SentenceRules:
    sent = raw_profile(code).get("sentences", {})
    return SentenceRules(
        frozenset(a.lower() for a in sent.get("abbreviations", [])),
        frozenset(a.lower() for a in sent.get("terminal_abbreviations", [])),
    )


@cache
def cue_profile(code: str) -> CueProfile:
    """The analysis profile of a language (raises ``UnknownLanguage`` for a code without a file)."""
    return _load(code)


@cache
def name_links() -> tuple[str, ...]:
    """Short words linking the capitalised words of a name, in every profile ("of", "de la" …)."""
    return union("content.name_links")


@cache
def all_clitics() -> tuple[str, ...]:
    """Clitic patterns of every profile ("'s" at a word's end, "l'" at its start): removed from words
    whatever the record's language, since names and quotations cross languages."""
    out: list[str] = []
    for code in codes():
        for pattern in raw_profile(code).get("content", {}).get("clitics", []):
            if pattern not in out:
                out.append(pattern)
    return tuple(out)
