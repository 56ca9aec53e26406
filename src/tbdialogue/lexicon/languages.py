"""The registry of languages: built from the profile files present, never written out in code.

Each language is one TOML file, ``lexicon/profiles/<code>.toml``, holding every word and pattern
tbdialogue relies on in that language, for reading records and for analysing dialogues. The
languages tbdialogue knows are exactly the files found there and in the folders named by the
environment variable ``TBDIALOGUE_LANGUAGES`` (separated by ``os.pathsep``), where a user can add a
language, or override one, without touching the installed package. The record model, the command
line's choices and help, the stemmers and PostgreSQL's text search configurations all take their
list from here.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import TbdError

#: Environment variable naming extra folders of language profiles.
ENV_VAR = "TBDIALOGUE_LANGUAGES"
#: A language code: ISO 639-1 (two letters) or ISO 639-3 (three).
CODE = re.compile(r"^[a-z]{2,3}$")


class UnknownLanguage(TbdError):
    """A language code without a profile."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    #: ISO 639-2 three-letter code (Akoma Ntoso's language code); the two-letter code when unknown.
    code3: str
    #: Snowball stemmer name (PyStemmer), or "" for none (words are matched unstemmed).
    stemmer: str
    #: PostgreSQL text search configuration ("simple" when the language has none).
    text_search: str
    #: Frequent function words, to tell the language of a text.
    function_words: frozenset[str]
    path: str


def _profile_files() -> dict[str, Path | Any]:
    """code → profile file: the package's, then each extra folder's (a later file overrides)."""
    found: dict[str, Any] = {}
    for entry in resources.files(__package__).joinpath("profiles").iterdir():
        if entry.name.endswith(".toml"):
            found[entry.name[:-5]] = entry
    for folder in filter(None, os.environ.get(ENV_VAR, "").split(os.pathsep)):
        for path in sorted(Path(folder).glob("*.toml")):
            found[path.stem] = path
    bad = [c for c in found if not CODE.match(c)]
    if bad:
        raise UnknownLanguage(f"language profile file {bad[0]}.toml: the name must be a 2- or 3-letter language code")
    return found


@cache
def _files() -> dict[str, Any]:
    return _profile_files()


def codes() -> tuple[str, ...]:
    """The codes of every language with a profile, English first, then in alphabetical order
    (the order in which ties are broken when telling a text's language)."""
    return tuple(sorted(_files(), key=lambda c: (c != "en", c)))


@cache
def raw_profile(code: str) -> dict[str, Any]:
    """The parsed profile file of a language."""
    files = _files()
    if code not in files:
        raise UnknownLanguage(f"unknown language {code!r}: use {', '.join(codes())}")
    entry = files[code]
    try:
        data = tomllib.loads(entry.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UnknownLanguage(f"language profile {entry}: cannot be read ({exc})") from None
    declared = data.get("language", {}).get("code")
    if declared != code:
        raise UnknownLanguage(f"language profile {entry}: [language] code = {declared!r} does not match its file name")
    return data


@cache
def language(code: str) -> Language:
    """The language ``code`` (raises :class:`UnknownLanguage` with the known codes)."""
    raw = raw_profile(code)["language"]
    return Language(
        code=code,
        name=raw.get("name", code),
        code3=raw.get("code3", code),
        stemmer=raw.get("stemmer", ""),
        text_search=raw.get("text_search", "simple"),
        function_words=frozenset(raw.get("function_words", [])),
        path=str(_files()[code]),
    )


def all_languages() -> list[Language]:
    return [language(c) for c in codes()]


def check(code: str) -> str:
    """``code`` if a profile exists for it; else :class:`UnknownLanguage` naming the known ones."""
    if code not in _files():
        raise UnknownLanguage(f"unknown language {code!r}: use {', '.join(codes())}")
    return code


def choices_text() -> str:
    """ "en, es or fr": the known codes, for help texts and messages."""
    cs = codes()
    return cs[0] if len(cs) == 1 else f"{', '.join(cs[:-1])} or {cs[-1]}"


def lookup(raw: dict[str, Any], dotted: str, default: Any = None) -> Any:
    """``raw["a"]["b"]`` for ``"a.b"``, or ``default`` when a key is missing."""
    node: Any = raw
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


@cache
def union(dotted: str) -> tuple[Any, ...]:
    """Every value listed under ``dotted`` (e.g. ``"language.articles"``) in every profile, without
    repeats, in the order of :func:`codes`: for the rules that hold whatever the record's language
    (a French record quotes an English document symbol, a Spanish one a Dutch name)."""
    out: list[Any] = []
    for code in codes():
        for value in lookup(raw_profile(code), dotted, []):
            if value not in out:
                out.append(value)
    return tuple(out)
