"""Highlighted snippets: the part of a paragraph where the query's words are, with the words marked.

Made in Python from the paragraph's text with the same folding and stemming as the index, so both
backends give the same snippet for the same hit (FTS5's own snippet() would show the stored stems,
not the text). Words of an exact phrase are marked only where the whole phrase occurs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon.stem import stem
from ..lexicon.words import token_spans
from .query import Node, Phrase, Term, positive_terms

#: Words shown around the matches.
WINDOW = 36


@dataclass
class Matcher:
    """What to mark: stems of single words, prefixes, and phrases (a set of stems per word)."""

    stems: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    phrases: list[list[set[str]]] = field(default_factory=list)

    def marks(self, words: list[str], stems: list[str]) -> list[bool]:
        hit = [
            s in self.stems or any(w.startswith(p) or s.startswith(p) for p in self.prefixes)
            for w, s in zip(words, stems, strict=True)
        ]
        for phrase in self.phrases:
            k = len(phrase)
            for i in range(len(stems) - k + 1):
                if all(stems[i + j] in phrase[j] for j in range(k)):
                    for j in range(k):
                        hit[i + j] = True
        return hit


def matcher(node: Node, languages: tuple[str, ...]) -> Matcher:
    m = Matcher()
    for t in positive_terms(node):
        if isinstance(t, Term):
            m.stems.update(stem(t.word, lang) for lang in languages)
            if t.prefix:
                m.prefixes.append(t.word)
        elif isinstance(t, Phrase):
            m.phrases.append([{stem(w, lang) for lang in languages} for w in t.words])
    return m


def make_snippet(
    text: str, language: str, m: Matcher, mark: tuple[str, str] = ("**", "**"), window: int = WINDOW
) -> str:
    spans = token_spans(text)
    if not spans:
        return text
    words = [w for _, _, w in spans]
    hit = m.marks(words, [stem(w, language) for w in words])
    if len(spans) <= window:
        first, last = 0, len(spans)
    else:
        # The window of `window` words holding the most matches, opening a few words before the first.
        best, best_start, run = -1, 0, sum(hit[:window])
        for start in range(0, len(spans) - window + 1):
            if start:
                run += hit[start + window - 1] - hit[start - 1]
            if run > best:
                best, best_start = run, start
        first_hit = next((i for i in range(best_start, best_start + window) if hit[i]), best_start)
        first = max(0, min(first_hit - 4, len(spans) - window))
        last = first + window
    out: list[str] = []
    pos = spans[first][0] if first else 0
    for i in range(first, last):
        s, e, _ = spans[i]
        if hit[i]:
            out.append(text[pos:s] + mark[0] + text[s:e] + mark[1])
            pos = e
    end = spans[last - 1][1] if last < len(spans) else len(text)
    out.append(text[pos:end])
    return ("… " if first else "") + "".join(out).strip() + (" …" if last < len(spans) else "")
