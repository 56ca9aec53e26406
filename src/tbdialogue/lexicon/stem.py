"""Stemming: one Snowball stemmer per language (PyStemmer), cached; the language profile names it."""

from __future__ import annotations

from functools import cache

import Stemmer  # PyStemmer

from .languages import UnknownLanguage, language


class _Unstemmed:
    """For a language whose profile names no stemmer: words are compared as they are."""

    @staticmethod
    def stemWords(words: list[str]) -> list[str]:  # noqa: N802 - PyStemmer's spelling
        return list(words)

    @staticmethod
    def stemWord(word: str) -> str:  # noqa: N802
        return word


@cache
def stemmer(code: str):
    """The stemmer of a language (an object with PyStemmer's ``stemWords``/``stemWord``)."""
    name = language(code).stemmer
    if not name:
        return _Unstemmed()
    if name not in Stemmer.algorithms():
        raise UnknownLanguage(
            f'language profile {code}: no Snowball stemmer {name!r}; use one of {", ".join(Stemmer.algorithms())}, or ""'
        )
    return Stemmer.Stemmer(name)


def stem_words(words: list[str], code: str) -> list[str]:
    return stemmer(code).stemWords(words)


def stem(word: str, code: str) -> str:
    return stemmer(code).stemWord(word)
