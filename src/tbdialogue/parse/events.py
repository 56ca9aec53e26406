"""Stage directions ("The meeting was suspended at 11.25 a.m. and resumed at 12.10 p.m.") → events."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..lexicon.languages import union
from ..lexicon.normalize import fold, repair
from ..lexicon.profile import Profile
from ..lexicon.sentences import split_sentences
from ..model import EVENT_KINDS

#: Events that open the part of a meeting that the record covers.
OPENING = ("called_to_order", "public_part_began", "discussion_began")
#: Events that never come from an ordinary sentence of speech; safe to test before speaker labels.
#: "It was so decided" and the unknown ("other") are tested only after labels.
PROCEDURAL = frozenset(EVENT_KINDS) - {"decision", "other"}
#: Longest stage direction tested against the patterns; longer blocks are speech.
MAX_EVENT_CHARS = 400
#: Where a second sentence may start (the sentence splitter decides): without one, a block is one sentence.
_SENTENCE_END = re.compile(r"[.?!…][\"'”’»)\]]*\s+\S")


@dataclass(frozen=True)
class FoundEvent:
    kind: str
    time: str | None
    text: str


def _match_one(sentence: str, profile: Profile, kinds: frozenset[str] | None) -> list[FoundEvent] | None:
    s = _repaired(sentence)
    found = _fullmatch(s, profile, kinds)
    if found is None:
        # Words broken by a stray space ("The meeting w as called", "la sesi ón"): try again with
        # a stray fragment joined to its neighbour (the accents are checked before folding).
        for joined in _joined_variants(sentence):
            found = _fullmatch(joined, profile, kinds)
            if found:
                break
    if found is None:
        return None
    kind, m = found
    groups = m.groupdict()
    time = _time(groups.get("time"))
    if kind == "suspended" and groups.get("time2"):
        # "suspended at 11.25 a.m. and resumed at 12.10 p.m." is two events.
        return [
            FoundEvent("suspended", time, sentence.strip()),
            FoundEvent("resumed", _time(groups["time2"]), sentence.strip()),
        ]
    return [FoundEvent(kind, time, sentence.strip())]


def _fullmatch(s: str, profile: Profile, kinds: frozenset[str] | None) -> tuple[str, re.Match[str]] | None:
    for kind, rx in profile.events:
        if kinds is not None and kind not in kinds:
            continue
        m = rx.fullmatch(s)
        if m:
            return kind, m
    return None


@cache
def _stray() -> re.Pattern[str]:
    """A letter or two standing alone that no language of the profiles writes as a word ("w as",
    "sesi ón", "d elegación"): a word broken by a stray space. Single ASCII letters are strays
    unless a profile lists them among its one-letter words ("a", "y")."""
    words = {w.lower() for w in union("language.one_letter_words")}
    letters = "".join(c for c in "abcdefghijklmnopqrstuvwxyz" if c not in words)
    single = f"[{letters}]" if letters else "(?!)"
    return re.compile(
        rf"(?<![^\W\d_])(?:{single}|[^\x00-\x7f\W\d_][^\W\d_]?|[^\W\d_][^\x00-\x7f\W\d_])(?![^\W\d_])",
        re.I,
    )


MAX_FRAGMENT_TRIES = 4


def _fragment_joins(s: str) -> list[str]:
    """``s`` with a stray fragment joined to the word before or after it, one variant per join."""
    out: list[str] = []
    for m in list(_stray().finditer(s))[:MAX_FRAGMENT_TRIES]:
        a, b = m.start(), m.end()
        if a > 0 and s[a - 1] == " " and a > 1 and s[a - 2].isalpha():
            out.append(s[: a - 1] + s[a:])  # "sesi ón" → "sesión"
        if b < len(s) and s[b] == " " and b + 1 < len(s) and s[b + 1].isalpha():
            out.append(s[:b] + s[b + 1 :])  # "w as" → "was"
    return out


@lru_cache(maxsize=512)
def _joined_variants(sentence: str) -> tuple[str, ...]:
    if not _stray().search(sentence):
        return ()
    return tuple(fold(j) for j in _fragment_joins(repair(sentence)))


@lru_cache(maxsize=512)
def _repaired(sentence: str) -> str:
    return fold(repair(sentence))


def _time(raw: str | None) -> str | None:
    if not raw:
        return None
    return raw.strip().rstrip(",;")


def match_events(text: str, profile: Profile, kinds: frozenset[str] | None = None) -> list[FoundEvent] | None:
    """The events a block states, when the whole block is stage directions; else None."""
    if not text or len(text) > MAX_EVENT_CHARS:
        return None
    whole = _match_one(text, profile, kinds)
    if whole is not None:
        return whole
    if not _SENTENCE_END.search(text):
        return None  # one sentence: the whole block did not match
    sentences = [s.text for s in split_sentences(text, profile.language)]
    if len(sentences) < 2:
        return None
    found: list[FoundEvent] = []
    for sentence in sentences:
        one = _match_one(sentence, profile, kinds)
        if one is None:
            return None
        found.extend(one)
    return found
