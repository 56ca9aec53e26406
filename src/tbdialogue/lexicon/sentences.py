"""Sentence splitting that keeps character offsets and survives the abbreviations of UN prose.

A summary record is full of full stops that do not end a sentence: "Mr. Ünver", "Convention, 2019
(No. 190)", "para. 44", "art. 26", "10 a.m. on Monday", "e.g. Kazakhstan". A sentence ends at
".", "?" or "!" (with any closing quotes or brackets) followed by a space and a word that starts
with a capital letter (or "¿", "¡", an opening quote), unless the word before the full stop is a
known abbreviation of the language's profile, a single initial ("J. Smith"), or an acronym
written with dots ("U.N."). Offsets index the paragraph's text, so a question's span can be cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import sentence_rules

# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
_END = re.compile(r"[.?!…]+[\"'”’»)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+([\"'“‘«(\[¿¡]?)(\S)")
_WORD_BEFORE = re.compile(r"([\w.’'°º-]+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive; includes the terminal punctuation
    text: str


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    w = word.lower().rstrip(".")
    if not w:
        return False
    if w in abbreviations:
        return True
    if len(w) == 1 and w.isalpha():  # an initial: "J. Smith"
        return True
    # Dotted acronyms: "U.N", "e.g" (also when not listed).
    return bool(re.fullmatch(r"(?:\w\.){1,4}\w", w))


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """The sentences of ``text`` with their offsets (leading/trailing spaces excluded)."""
    prof = sentence_rules(language)
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        nxt = _NEXT_START.match(text, end)
        if not nxt:
            continue
        first = nxt.group(2)
        opener = nxt.group(1)
        if not (first.isupper() or first.isdigit() and opener or opener in ("¿", "¡")):
            continue
        punct = m.group(0)
        if punct.startswith(".") and not punct.startswith("..."):
            # A window, not the whole text before: "$" anchors at m.start(), and a search from 0
            # would scan the paragraph once per full stop. Abbreviations are far shorter than 32.
            before = _WORD_BEFORE.search(text, max(0, m.start() - 32), m.start())
            word = before.group(1) if before else ""
            if (
                word
                and _is_abbreviation(word, prof.abbreviations)
                and (word.lower().rstrip(".") not in prof.terminal_abbreviations)
            ):
                continue
        _append(out, text, start, end)
        start = nxt.start(1)
    _append(out, text, start, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
