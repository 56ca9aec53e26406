"""Highlighted snippets: the part of a paragraph where the query's words are, with the words marked.

Made in Python from the paragraph's text with the same folding and stemming as the index, so both
backends give the same snippet for the same hit.
"""

from __future__ import annotations

from .query import Node, Phrase, Term, positive_terms
from .stem import stem, word_spans

#: Words shown around the matches.
WINDOW = 36


def matcher(node: Node, languages: tuple[str, ...]):
    """A function telling whether a folded word (and its stem) is one the query searched for."""
    stems: set[str] = set()
    prefixes: list[str] = []
    for t in positive_terms(node):
        ws = [t.word] if isinstance(t, Term) else list(t.words) if isinstance(t, Phrase) else []
        for w in ws:
            stems.update(stem(w, lang) for lang in languages)
        if isinstance(t, Term) and t.prefix:
            prefixes.append(t.word)

    def matches(word: str, word_stem: str) -> bool:
        return word_stem in stems or any(word.startswith(p) or word_stem.startswith(p) for p in prefixes)

    return matches


def make_snippet(text: str, language: str, matches, mark: tuple[str, str] = ("**", "**"), window: int = WINDOW) -> str:
    spans = word_spans(text)
    if not spans:
        return text
    hit = [matches(w, stem(w, language)) for _, _, w in spans]
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
