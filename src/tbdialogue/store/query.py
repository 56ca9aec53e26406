"""The search query language a user types, and the filters beside it.

    blacklist                      a word (any form: "detained" finds "detention"s stem, per language)
    "entry ban"                    an exact phrase (words in this order)
    blacklist OR "entry ban"       either (OR binds tighter than the implicit AND)
    rights AND women               both (the same as "rights women")
    migrants -Russia               exclusion: paragraphs without the word (also: NOT Russia)
    migra*                         words starting with "migra"
    (ban OR blacklist) Russia      grouping; -(ban OR blacklist) excludes both

Words are matched folded (case and accents ignored) and stemmed in the paragraph's language, so an
exclusion drops the word in every form ("-Russia" drops "Russia" and "Russia's") but not other words
that merely start with it ("Russian Federation" stays: write "-Russia*" to drop those too). AND, OR
and NOT are operators in any case ("or" too); quote them to search for the word ("or" in "either
"or" both"). Stop words of the query's language ("de", "l'", "the") are neither required nor marked,
except in a "quoted phrase". A query is at most :data:`MAX_CHARS` characters, :data:`MAX_TERMS`
distinct words and phrases, :data:`MAX_DEPTH` nested groups and :data:`MAX_PREFIXES` prefixes of at
least :data:`MIN_PREFIX` letters; a word repeated counts once.

The parser gives a small tree (:class:`Term`, :class:`Phrase`, :class:`And`, :class:`Or`, :class:`Not`)
that each backend renders into its own syntax (FTS5 MATCH, PostgreSQL tsquery): the user's text is
never pasted into either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import TbdError
from ..lexicon.languages import codes
from ..lexicon.words import query_stop_words, strip_clitics, tokens
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

#: Limits that keep any query's cost bounded (answered or refused at once).
MAX_CHARS = 1000
MAX_TERMS = 64
MAX_DEPTH = 16
#: A prefix matches every word it starts: each one costs an index scan of all those words.
MAX_PREFIXES = 5
MIN_PREFIX = 3
_OPERATORS = {"AND", "OR", "NOT"}

_TOKEN = re.compile(r'\s*(?:(?P<lpar>\()|(?P<rpar>\))|(?P<phrase>-?"[^"]*"?)|(?P<word>[^\s()"]+))')


def parse_query(text: str) -> Node:
    """Parse a query; raise :class:`QueryError` with a one-line reason when it cannot be read."""
    if len(text) > MAX_CHARS:
        raise QueryError(
            f"the query is {len(text):,} characters long: at most {MAX_CHARS:,}; search for its key words or a phrase"
        )
    tokens = _tokenize(text)
    if not tokens:
        raise QueryError("the query is empty: give at least one word")
    parser = _Parser(tokens, text)
    node = parser.and_expr()
    if parser.pos < len(tokens):
        raise QueryError(f"unexpected ')' in the query {_short(text)}")
    node = _simplify(node)
    if node is None:
        raise QueryError(f"the query {_short(text)} has no word to search for")
    _check(node, text)
    leaves = set(_leaves(node))
    if len(leaves) > MAX_TERMS:
        raise QueryError(
            f"the query has {len(leaves)} different words and phrases: at most {MAX_TERMS}; keep the key ones"
        )
    prefixes = [t for t in leaves if isinstance(t, Term) and t.prefix]
    if len(prefixes) > MAX_PREFIXES:
        raise QueryError(f"the query has {len(prefixes)} prefixes (word*): at most {MAX_PREFIXES}")
    if short := [t.word for t in prefixes if len(t.word) < MIN_PREFIX]:
        raise QueryError(f"a prefix needs at least {MIN_PREFIX} letters before the *: {short[0]}*")
    return node


def _short(text: str) -> str:
    """The query as quoted in a message: whole when short, its start otherwise (one line)."""
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _tokenize(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"').replace("\u2212", "-")
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        kind = m.lastgroup or ""
        value = m.group(kind)
        if kind == "phrase" and not (len(value.lstrip("-")) >= 2 and value.endswith('"')):
            raise QueryError(f'unclosed quote in the query {_short(text)}: close the phrase with a second "')
        if kind == "word" and (value.upper() in _OPERATORS or value in ("|", "&&")):
            kind, value = "op", {"|": "OR", "&&": "AND"}.get(value, value.upper())
        out.append((kind, value))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], text: str) -> None:
        self.tokens = tokens
        self.pos = 0
        self.text = text
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def needs_word_after(self, op: str) -> None:
        nxt = self.peek()
        if nxt is None or nxt[0] == "rpar" or nxt in (("op", "AND"), ("op", "OR")):
            raise QueryError(f"{op} needs a word on each side in the query {_short(self.text)}")

    def and_expr(self) -> Node:
        nodes: list[Node] = []
        while (tok := self.peek()) is not None and tok[0] != "rpar":
            if tok == ("op", "AND"):
                if not nodes:
                    raise QueryError(f"AND needs a word on each side in the query {_short(self.text)}")
                self.pos += 1
                self.needs_word_after("AND")
                continue
            nodes.append(self.or_expr())
        if not nodes:
            raise QueryError(f"empty group '()' in the query {_short(self.text)}")
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def or_expr(self) -> Node:
        nodes = [self.unary()]
        while self.peek() == ("op", "OR"):
            self.pos += 1
            self.needs_word_after("OR")
            nodes.append(self.unary())
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"the query nests groups or exclusions more than {MAX_DEPTH} deep: simplify it")

    def unary(self) -> Node:
        kind, value = self.tokens[self.pos]
        self.pos += 1
        if kind == "lpar":
            self.nested()
            node = self.and_expr()
            if self.peek() is None:
                raise QueryError(f"unclosed '(' in the query {_short(self.text)}")
            self.pos += 1
            self.depth -= 1
            return node
        if kind == "rpar":
            raise QueryError(f"unexpected ')' in the query {_short(self.text)}")
        if kind == "op":
            if value != "NOT":
                raise QueryError(f"{value} needs a word on each side in the query {_short(self.text)}")
            return self.negation("NOT")
        if kind == "phrase":
            negated = value.startswith("-")
            node = _phrase(value.lstrip("-")[1:-1])
            return Not(node) if negated else node
        if value.startswith("-") and len(value) > 1:
            return Not(_word(value[1:]))
        if value == "-":
            return self.negation("-")
        return _word(value)

    def negation(self, op: str) -> Node:
        """``NOT x``, ``NOT (a OR b)``, ``- (a b)``: the next word or group, excluded."""
        if self.peek() is None or self.peek()[0] == "rpar":
            raise QueryError(f"{op} needs a word after it in the query {_short(self.text)}")
        self.nested()
        node = Not(self.unary())
        self.depth -= 1
        return node


def _phrase(text: str) -> Node:
    ws = tuple(tokens(text))
    if len(ws) == 1:
        return Term(ws[0])
    return Phrase(ws) if ws else And(())


def _word(value: str) -> Node:
    prefix = value.endswith("*")
    # "l'homme" → "homme", "State's" → "state": an elided article or a possessive is not searched for.
    ws = tuple(tokens(strip_clitics(value.rstrip("*"))))
    if not ws:
        return And(())  # punctuation only: nothing to search for; dropped by _simplify
    if len(ws) == 1:
        return Term(ws[0], prefix=prefix)
    return Phrase(ws)  # "co-operation", "CMW/C/SR.537": its words in order


def _simplify(node: Node) -> Node | None:
    """Empty parts dropped, nested ANDs (ORs) flattened, a word repeated kept once."""
    if isinstance(node, And | Or):
        kids: list[Node] = []
        for k in (_simplify(n) for n in node.nodes):
            if k is None:
                continue
            kids.extend(k.nodes if type(k) is type(node) else (k,))
        kids = list(dict.fromkeys(kids))
        if not kids:
            return None
        return kids[0] if len(kids) == 1 else type(node)(tuple(kids))
    if isinstance(node, Not):
        inner = _simplify(node.node)
        if isinstance(inner, Not):
            raise QueryError("an exclusion of an exclusion: write the word itself")
        return None if inner is None else Not(inner)
    return node


def _check(node: Node, text: str) -> None:
    """Every exclusion must sit beside at least one word that is searched for."""
    if isinstance(node, Not):
        raise QueryError(f"the query {_short(text)} only excludes: add a word to search for")
    if isinstance(node, Or):
        for kid in node.nodes:
            if isinstance(kid, Not):
                raise QueryError(f"an exclusion cannot be one side of OR in the query {_short(text)}")
            _check(kid, text)
    if isinstance(node, And):
        positives = [k for k in node.nodes if not isinstance(k, Not)]
        if not positives:
            raise QueryError(f"the query {_short(text)} only excludes: add a word to search for")
        for kid in node.nodes:
            _check(kid.node if isinstance(kid, Not) else kid, text)


def _leaves(node: Node) -> list[Term | Phrase]:
    if isinstance(node, Term | Phrase):
        return [node]
    if isinstance(node, Not):
        return _leaves(node.node)
    return [t for n in node.nodes for t in _leaves(n)]


def without_stop_words(node: Node, language: str | None = None) -> Node:
    """The query without the stop words of its language (see the module's docstring): single words
    searched for only, never an exclusion or a phrase, and never all of the words."""
    words = [t.word for t in positive_terms(node) if isinstance(t, Term) and not t.prefix]
    stops = query_stop_words(words, language)
    if not stops:
        return node

    def drop(n: Node) -> Node:
        if isinstance(n, Term) and not n.prefix and n.word in stops:
            return And(())
        if isinstance(n, And | Or):
            return type(n)(tuple(drop(k) for k in n.nodes))
        return n

    kept = _simplify(drop(node))
    if kept is None or isinstance(kept, Not) or (
        isinstance(kept, And) and all(isinstance(k, Not) for k in kept.nodes)
    ):
        return node
    return kept


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
