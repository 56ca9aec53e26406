"""States: find a State's name in a record's text; give its UN English short name at a date and its
ISO 3166-1 alpha-3 code. Data: ``countries.json`` beside this module (English, French and Spanish),
and the names a language profile lists under ``[states]`` (ISO code = [names]).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .languages import codes, lookup, raw_profile, union


@cache
def articles() -> str:
    """Regex alternation of the definite articles of every language profile ("the", "la", "l'" …)."""
    arts = [a.lower() for a in union("language.articles")]
    arts += [a.replace("'", "’") for a in arts if "'" in a]
    return "|".join(re.escape(a) for a in sorted(set(arts), key=len, reverse=True)) or "(?!)"


@cache
def _dropped_articles() -> frozenset[str]:
    """Articles that are not part of a State's name as printed: those of languages whose profile
    says so ("the Sudan" → "Sudan"), unless another language keeps them ("la Guinée")."""
    kept, dropped = set(), set()
    for code in codes():
        raw = raw_profile(code)
        arts = {a.lower() for a in lookup(raw, "language.articles", [])}
        (kept if lookup(raw, "language.state_names_keep_article", False) else dropped).update(arts)
    return frozenset(dropped - kept)


@dataclass(frozen=True)
class Country:
    code: str
    en: str
    former: tuple[tuple[str, str], ...]  # (name, until ISO date), oldest last or first: order kept

    def name_at(self, date: str | None) -> str:
        """UN English short name in use at ``date`` (YYYY-MM-DD); current name when unknown."""
        if date:
            for name, until in sorted(self.former, key=lambda f: f[1]):
                if date < until:
                    return name
        return self.en


@dataclass(frozen=True)
class Found:
    country: Country
    printed: str  # the name as printed, less a leading preposition
    start: int
    end: int


def _key(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("’", "'")
    return re.sub(rf"^(?:{articles()})\s*", "", name, flags=re.IGNORECASE).strip()


_FIRST_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"(?<![\w-])\w")
_WORD_CHAR = re.compile(r"[\w-]")


class Countries:
    """``entries``: countries.json (names in English, French and Spanish, with aliases and former
    English names); ``extra``: ISO code → more names, from the language profiles' ``[states]``."""

    def __init__(self, entries: list[dict], extra: dict[str, list[str]] | None = None) -> None:
        self.by_code: dict[str, Country] = {}
        names: dict[str, str] = {}
        for e in entries:
            former = tuple((f["name"], f["until"]) for f in e.get("en_former", []))
            self.by_code[e["code"]] = Country(e["code"], e["en"], former)
            variants = [e["en"], e["fr"], e["es"], *(f["name"] for f in e.get("en_former", []))]
            for key in ("en_aliases", "fr_aliases", "es_aliases"):
                variants += e.get(key, [])
            variants += (extra or {}).get(e["code"], [])
            for v in variants:
                k = _key(v)
                if len(k) >= 3:
                    names.setdefault(k.lower(), e["code"])
        self._names = names
        self._cache: dict[str, list[Found]] = {}
        # Names by their first word, longest first: finding them is a dictionary look-up at each
        # word of a text, not one regular expression of 600 alternatives (30 ms to compile).
        self._by_first: dict[str, list[str]] = {}
        for n in sorted(names, key=len, reverse=True):
            first = _FIRST_WORD.match(n)
            self._by_first.setdefault(first.group(0) if first else "", []).append(n)
        self._articles = sorted({a.lower() for a in articles().split("|") if a}, key=len, reverse=True)

    def find_all(self, text: str) -> list[Found]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if len(self._cache) > 4096:
            self._cache.clear()
        out = self._cache[text] = self._find_all(text)
        return out

    def _find_all(self, text: str) -> list[Found]:
        """Every State named in ``text``, left to right, not overlapping: at each word, an optional
        article ("la", "the"), then the longest name that starts there and ends at a word's end."""
        out = []
        dropped = _dropped_articles()
        t = text.replace("’", "'")
        low = t.lower()
        if len(low) != len(t):  # a letter whose lower case is longer: compare letter by letter
            low = "".join(c.lower()[:1] for c in t)
        pos = 0
        for m in _WORD_START.finditer(low):
            start = m.start()
            if start < pos:
                continue
            hit = self._name_at(low, start)
            if hit is None:
                continue
            name_start, name, art = hit
            end = name_start + len(name)
            printed = t[name_start:end] if art in dropped else text[start:end]
            out.append(Found(self.by_code[self._names[name]], printed.strip(), start, end))
            pos = end
        return out

    def _name_at(self, low: str, start: int) -> tuple[int, str, str] | None:
        """(where the name starts, the name, the article before it or "") for a name at ``start``."""
        for art in self._articles:
            if low.startswith(art, start):
                q = start + len(art)
                while q < len(low) and low[q].isspace():
                    q += 1
                name = self._name_here(low, q)
                if name:
                    return q, name, art
        name = self._name_here(low, start)
        return (start, name, "") if name else None

    def _name_here(self, low: str, q: int) -> str | None:
        first = _FIRST_WORD.match(low, q)
        for name in self._by_first.get(first.group(0) if first else "", ()):
            end = q + len(name)
            if low.startswith(name, q) and not _WORD_CHAR.match(low, end):
                return name
        return None

    def find(self, text: str) -> Found | None:
        found = self.find_all(text)
        return found[0] if found else None

    def lookup(self, name: str) -> Country | None:
        code = self._names.get(_key(name).lower())
        return self.by_code.get(code) if code else None


@cache
def countries() -> Countries:
    raw = resources.files(__package__).joinpath("countries.json").read_text("utf-8")
    extra: dict[str, list[str]] = {}
    for code in codes():
        for iso, names in raw_profile(code).get("states", {}).items():
            extra.setdefault(iso.upper(), []).extend([names] if isinstance(names, str) else names)
    return Countries(json.loads(raw), extra)
