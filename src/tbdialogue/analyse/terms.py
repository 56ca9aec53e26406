"""Content words, numbers and names of a text: what lexical matching and overlap compare.

Words are lower-cased, function words of the language's profile dropped, and stemmed with the
Snowball stemmer of that language (PyStemmer), so "remittances" meets "remittance" and
"criminalized" meets "criminal…" only where the stems agree. Numbers ("No. 190", "49,000",
"29.3") and names (runs of capitalised words such as "Organization of Turkic States", acronyms
such as "ILO") are kept apart: a shared instrument number or name is strong evidence of an answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..lexicon.cues import cue_profile, name_links
from ..lexicon.stem import stem_words
from ..lexicon.words import words

_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d+)?(?!\w)|(?<![\w.])\d+(?:\.\d+)?(?!\w)")


@cache
def _name() -> re.Pattern[str]:
    """A name: capitalised words, joined by the profiles' short lower-case links ("of", "de la")."""
    links = "|".join(re.escape(w) for w in name_links()) or "(?!)"
    return re.compile(
        rf"\b(?:[A-ZÀ-Ý][\w’'-]+|[A-Z]{{2,}})(?:\s+(?:(?:{links})\s+){{0,2}}(?:[A-ZÀ-Ý][\w’'-]+|[A-Z]{{2,}}|\(No\.\s*\d+\)))*"
    )


_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")


def content_terms(text: str, language: str) -> list[str]:
    """Stemmed content words, in order (repeats kept, for term frequencies); words of one
    thesaurus group ("detention", "custody") become the same term."""
    prof = cue_profile(language)
    kept = [prof.thesaurus.get(w, w) for w in words(text) if w not in prof.stopwords and len(w) > 1]
    return stem_words(kept, language)


def surface_by_stem(text: str, language: str) -> dict[str, str]:
    """First surface word for each stem of a text (to show matched terms as printed)."""
    prof = cue_profile(language)
    kept = [w for w in words(text) if w not in prof.stopwords and len(w) > 1]
    stems = stem_words([prof.thesaurus.get(w, w) for w in kept], language)
    out: dict[str, str] = {}
    for w, s in zip(kept, stems, strict=True):
        out.setdefault(s, w)
    return out


def numbers(text: str) -> set[str]:
    """Numbers as written, thousands separators removed: "49,000" → "49000"."""
    return {re.sub(r"[,\u00a0 ]", "", m.group(0)) for m in _NUMBER.finditer(text)}


def names(text: str, language: str) -> set[str]:
    """Names and acronyms, lower-cased, excluding a capitalised function word that opens a sentence."""
    stop = cue_profile(language).stopwords
    out: set[str] = set()
    for m in _name().finditer(text):
        phrase = m.group(0)
        toks = phrase.split()
        if len(toks) == 1 and (toks[0].lower() in stop or not _ACRONYM.fullmatch(toks[0]) and m.start() == 0):
            continue
        if len(toks) > 1 and toks[0].lower() in stop:
            phrase = " ".join(toks[1:])
        out.add(phrase.lower())
    for m in _ACRONYM.finditer(text):
        out.add(m.group(0).lower().rstrip("s") if m.group(0).endswith("s") else m.group(0).lower())
    return out


@dataclass
class Features:
    """What one text offers to matching."""

    terms: list[str]
    numbers: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)

    @property
    def keys(self) -> set[str]:
        """Numbers and names together: the overlap evidence."""
        return {f"#{n}" for n in self.numbers} | {f"@{n}" for n in self.names}


def features(text: str, language: str) -> Features:
    return Features(content_terms(text, language), numbers(text), names(text, language))


def document_frequencies(docs: Iterable[Iterable[str]]) -> dict[str, int]:
    df: dict[str, int] = {}
    for d in docs:
        for t in set(d):
            df[t] = df.get(t, 0) + 1
    return df
