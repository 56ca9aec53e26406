"""Question-analysis cues of one language, held as data (``<lang>.toml`` beside this file).

How a Committee member asks for information ("She wished to know", "souhaiterait savoir",
"desea saber"), what is not a request (hopes, encouragements), where one sentence holds two
questions, which words end a sentence and which do not, and which words carry no content.
Adding a language means adding a TOML file with the same keys.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES = ("en", "fr", "es")
_FLAGS = re.IGNORECASE | re.UNICODE


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
    previous_meeting: re.Pattern[str]
    thesaurus: dict[str, str]  # word → the first word of its group


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


def _load(language: str) -> CueProfile:
    raw = tomllib.loads(resources.files(__package__).joinpath(f"{language}.toml").read_text("utf-8"))
    sent, q, topic, content = raw["sentences"], raw["questions"], raw["topic"], raw["content"]
    subject = q["subject"]
    return CueProfile(
        language=raw["language"],
        abbreviations=frozenset(a.lower() for a in sent["abbreviations"]),
        terminal_abbreviations=frozenset(a.lower() for a in sent["terminal_abbreviations"]),
        requests=tuple(_rx(p.replace("{subject}", subject)) for p in q["requests"]),
        blockers=tuple(_rx(p) for p in q["blockers"]),
        wh=q["wh"],
        coordinators=q["coordinators"],
        no_split=tuple(_rx(p) for p in q["no_split"]),
        infinitive_split=_rx(q["infinitive_split"]),
        preposition_split=_rx(q["preposition_split"]),
        topic_drop=frozenset(topic["drop"]),
        stemmer=content["stemmer"],
        stopwords=frozenset(content["stopwords"]),
        previous_meeting=_rx(raw["dialogue"]["previous_meeting"]),
        thesaurus=_thesaurus(raw.get("thesaurus", {}).get("groups", [])),
    )


def _thesaurus(groups: list[list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for group in groups:
        for word in group:
            out.setdefault(word.lower(), group[0].lower())
    return out


@cache
def cue_profile(language: str) -> CueProfile:
    """The question-analysis profile of a language ("en", "fr", "es"); English for anything else."""
    return _load(language if language in LANGUAGES else "en")
