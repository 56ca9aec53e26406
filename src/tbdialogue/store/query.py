"""The search query language a user types, and the filters beside it.

    blacklist                      a word (any form: "detained" finds "detention"s stem, per language)
    "entry ban"                    an exact phrase (words in this order)
    blacklist OR "entry ban"       either (OR binds tighter than the implicit AND)
    migrants -Russia               exclusion: paragraphs without the word
    migra*                         words starting with "migra"
    (ban OR blacklist) Russia      grouping

Words are matched folded (case and accents ignored) and stemmed in the paragraph's language. The
parser gives a small tree (:class:`Term`, :class:`Phrase`, :class:`And`, :class:`Or`, :class:`Not`)
that each backend renders into its own syntax (FTS5 MATCH, PostgreSQL tsquery): the user's text is
never pasted into either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import TbdError
from ..lexicon.languages import codes
from ..lexicon.words import tokens
from ..model import QUESTION_STATUSES
from ..model import SIDES as MODEL_SIDES


class QueryError(TbdError):
    """The query cannot be read."""


@dataclass(frozen=True)
class Term:
    word: str  # folded
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # folded


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    nodes: tuple[Node, ...]


Node = Term | Phrase | Not | And | Or

_TOKEN = re.compile(r'\s*(?:(?P<lpar>\()|(?P<rpar>\))|(?P<phrase>-?"[^"]*"?)|(?P<word>[^\s()"]+))')


def parse_query(text: str) -> Node:
    """Parse a query; raise :class:`QueryError` with a one-line reason when it cannot be read."""
    tokens = _tokenize(text)
    if not tokens:
        raise QueryError("the query is empty: give at least one word")
    parser = _Parser(tokens, text)
    node = parser.and_expr()
    if parser.pos < len(tokens):
        raise QueryError(f"unexpected ')' in the query {text!r}")
    node = _simplify(node)
    if node is None:
        raise QueryError(f"the query {text!r} has no word to search for")
    _check(node, text)
    return node


def _tokenize(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        kind = m.lastgroup or ""
        value = m.group(kind)
        if kind == "phrase" and not (len(value.lstrip("-")) >= 2 and value.endswith('"')):
            raise QueryError(f'unclosed quote in the query {text!r}: close the phrase with a second "')
        out.append((kind, value))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], text: str) -> None:
        self.tokens = tokens
        self.pos = 0
        self.text = text

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def and_expr(self) -> Node:
        nodes: list[Node] = []
        while (tok := self.peek()) is not None and tok[0] != "rpar":
            nodes.append(self.or_expr())
        if not nodes:
            raise QueryError(f"empty group '()' in the query {self.text!r}")
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def or_expr(self) -> Node:
        nodes = [self.unary()]
        while self.peek() in (("word", "OR"), ("word", "|")):
            self.pos += 1
            if self.peek() is None or self.peek()[0] == "rpar":
                raise QueryError(f"OR needs a word on each side in the query {self.text!r}")
            nodes.append(self.unary())
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def unary(self) -> Node:
        kind, value = self.tokens[self.pos]
        self.pos += 1
        if kind == "lpar":
            node = self.and_expr()
            if self.peek() is None:
                raise QueryError(f"unclosed '(' in the query {self.text!r}")
            self.pos += 1
            return node
        if kind == "rpar":
            raise QueryError(f"unexpected ')' in the query {self.text!r}")
        if kind == "phrase":
            negated = value.startswith("-")
            node = _phrase(value.lstrip("-")[1:-1])
            return Not(node) if negated else node
        if value == "OR":
            raise QueryError(f"OR needs a word on each side in the query {self.text!r}")
        if value.startswith("-") and len(value) > 1:
            if value[1] == "(":
                raise QueryError('exclude words one by one: -word -"a phrase"')
            return Not(_word(value[1:]))
        if value == "-" and (nxt := self.peek()) is not None and nxt[0] == "lpar":
            raise QueryError('exclude words one by one: -word -"a phrase"')
        return _word(value)


def _phrase(text: str) -> Node:
    ws = tuple(tokens(text))
    if len(ws) == 1:
        return Term(ws[0])
    return Phrase(ws) if ws else And(())


def _word(value: str) -> Node:
    prefix = value.endswith("*")
    ws = tuple(tokens(value.rstrip("*")))
    if not ws:
        return And(())  # punctuation only: nothing to search for; dropped by _simplify
    if len(ws) == 1:
        return Term(ws[0], prefix=prefix)
    return Phrase(ws)  # "co-operation", "l'homme", "CMW/C/SR.537": its words in order


def _simplify(node: Node) -> Node | None:
    if isinstance(node, And | Or):
        kids = [k for k in (_simplify(n) for n in node.nodes) if k is not None]
        if not kids:
            return None
        return kids[0] if len(kids) == 1 else type(node)(tuple(kids))
    if isinstance(node, Not):
        inner = _simplify(node.node)
        return None if inner is None else Not(inner)
    return node


def _check(node: Node, text: str) -> None:
    """Every exclusion must sit beside at least one word that is searched for."""
    if isinstance(node, Not):
        raise QueryError(f"the query {text!r} only excludes: add a word to search for")
    if isinstance(node, Or):
        for kid in node.nodes:
            if isinstance(kid, Not):
                raise QueryError(f"an exclusion cannot be one side of OR in the query {text!r}")
            _check(kid, text)
    if isinstance(node, And):
        positives = [k for k in node.nodes if not isinstance(k, Not)]
        if not positives:
            raise QueryError(f"the query {text!r} only excludes: add a word to search for")
        for kid in positives:
            _check(kid, text)


def positive_terms(node: Node) -> list[Term | Phrase]:
    """The words and phrases searched for (not the excluded ones): what snippets highlight."""
    if isinstance(node, Term | Phrase):
        return [node]
    if isinstance(node, And | Or):
        return [t for n in node.nodes for t in positive_terms(n)]
    return []


SIDES = MODEL_SIDES
STATUSES = QUESTION_STATUSES


@dataclass(frozen=True)
class Filters:
    """Restrictions beside the query. Values are already normalised (see ``Corpus.filters``)."""

    body: str | None = None  # CMW, CERD, … or a symbol stem such as A/C.3
    state_code: str | None = None  # ISO 3166-1 alpha-3
    years: tuple[int, int] | None = None  # inclusive range
    session: int | None = None
    language: str | None = None
    speaker: tuple[str, ...] = field(default_factory=tuple)  # folded words of a speaker's label
    side: str | None = None
    status: str | None = None  # question status asked in the paragraph

    def languages(self) -> tuple[str, ...]:
        return (self.language,) if self.language else codes()


def token_value(value: object) -> str:
    """A filter value as one index token part: "A/C.3" → "a_c_3", "KGZ" → "kgz"."""
    return re.sub(r"[^0-9a-z]+", "_", str(value).lower()).strip("_")
