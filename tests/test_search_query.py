"""The query language a user types: words, "phrases", OR, -exclusion, prefix*, groups; clear errors."""

from __future__ import annotations

import pytest

from tbdialogue.store.fts_sqlite import match_expression
from tbdialogue.store.query import (
    And,
    Filters,
    Not,
    Or,
    Phrase,
    QueryError,
    Term,
    parse_query,
    without_stop_words,
)


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("blacklist", Term("blacklist")),
        ("Détention", Term("detention")),
        ("migrant workers", And((Term("migrant"), Term("workers")))),
        ('"entry ban"', Phrase(("entry", "ban"))),
        ("“entry ban”", Phrase(("entry", "ban"))),
        ('blacklist OR "entry ban"', Or((Term("blacklist"), Phrase(("entry", "ban"))))),
        ("migrants -Russia", And((Term("migrants"), Not(Term("russia"))))),
        ('ban -"Russian Federation"', And((Term("ban"), Not(Phrase(("russian", "federation")))))),
        ("migra*", Term("migra", prefix=True)),
        ("(ban OR blacklist) Russia", And((Or((Term("ban"), Term("blacklist"))), Term("russia")))),
        ("a b OR c", And((Term("a"), Or((Term("b"), Term("c")))))),
        ("co-operation", Phrase(("co", "operation"))),
        ("l'homme", Term("homme")),  # an elided article is not searched for
        ("L’Homme", Term("homme")),
        ("State's", Term("state")),
        ("CMW/C/SR.537", Phrase(("cmw", "c", "sr", "537"))),
        ("torture or ill-treatment", Or((Term("torture"), Phrase(("ill", "treatment"))))),
        ('torture "or" ill-treatment', And((Term("torture"), Term("or"), Phrase(("ill", "treatment"))))),
        ("rights AND women", And((Term("rights"), Term("women")))),
        ("rights and women", And((Term("rights"), Term("women")))),
        ("rights Or women", Or((Term("rights"), Term("women")))),
        ("migrants NOT Russia", And((Term("migrants"), Not(Term("russia"))))),
        ("migrants not Russia", And((Term("migrants"), Not(Term("russia"))))),
        ("migrants −Russia", And((Term("migrants"), Not(Term("russia"))))),  # a typographic minus
        ("migrants -Russia*", And((Term("migrants"), Not(Term("russia", prefix=True))))),
        ("migrants NOT (ban OR blacklist)", And((Term("migrants"), Not(Or((Term("ban"), Term("blacklist"))))))),
        ("migrants -(ban OR blacklist)", And((Term("migrants"), Not(Or((Term("ban"), Term("blacklist"))))))),
        ("ban ban BAN Ban", Term("ban")),  # a word repeated counts once
        ("(a b) (b a) a", And((Term("a"), Term("b")))),
        ("a OR a OR b", Or((Term("a"), Term("b")))),
        ('"single"', Term("single")),
        ("blacklist ,", Term("blacklist")),
    ],
)
def test_parse(query, tree):
    assert parse_query(query) == tree


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"entry ban', "unclosed quote"),
        ("-Russia", "only excludes"),
        ("-a -b", "only excludes"),
        ("a OR", "OR needs a word"),
        ("OR a", "OR needs a word"),
        ("a OR -b", "cannot be one side of OR"),
        ("(a b", "unclosed '('"),
        ("a b)", "unexpected ')'"),
        ("()", "empty group"),
        ("...", "no word"),
        ("a AND", "AND needs a word"),
        ("AND a", "AND needs a word"),
        ("a AND OR b", "AND needs a word"),
        ("a NOT", "NOT needs a word"),
        ("NOT a", "only excludes"),
        ("a NOT NOT b", "exclusion of an exclusion"),
        ("a -(-b)", "exclusion of an exclusion"),
        ("(" * 400 + "a" + ")" * 400, "more than 16 deep"),
        ("a " + "NOT " * 100 + "b", "more than 16 deep"),
        ("x" * 10_000, "at most 1,000"),
        (" ".join(f"w{i}" for i in range(65)), "at most 64"),
        ("co* rights", "at least 3 letters before the *: co*"),
        (" OR ".join(f"pre{i}*" for i in range(6)), "6 prefixes (word*): at most 5"),
    ],
)
def test_errors_are_one_line(query, message):
    with pytest.raises(QueryError) as err:
        parse_query(query)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_fts5_expression_is_built_from_the_tree_not_the_text():
    """Quotes and FTS5 syntax in the user's text never reach MATCH unescaped."""
    expr = match_expression(parse_query('NEAR(a b) "x" AND* col:y'), Filters(language="en"))
    assert expr.startswith("{terms} : ")
    assert "NEAR(" not in expr and "col:" not in expr
    filtered = match_expression(parse_query("ban"), Filters(state_code="KGZ", years=(2013, 2014), side="state"))
    assert '{meta} : "state_kgz"' in filtered and '"year_2013" OR "year_2014"' in filtered
    assert '{meta} : "side_state"' in filtered


@pytest.mark.parametrize(
    ("query", "language", "kept"),
    [
        # The query's language is told by its stop words; those are then neither required nor marked.
        ("droits de l'homme", None, And((Term("droits"), Term("homme")))),
        ("les droits des femmes", None, And((Term("droits"), Term("femmes")))),
        ("derechos de los migrantes", None, And((Term("derechos"), Term("migrantes")))),
        ("rights of the child", None, And((Term("rights"), Term("child")))),
        ("rights of the child", "en", And((Term("rights"), Term("child")))),
        # The language asked for decides: "the" is no French stop word.
        ("the child", "fr", And((Term("the"), Term("child")))),
        # A phrase keeps its words; so does an exclusion; a query of stop words only is kept whole.
        ('"droits de l\'homme" de', None, Phrase(("droits", "de", "l", "homme"))),
        ("migrants -de", None, And((Term("migrants"), Not(Term("de"))))),
        ("de la", None, And((Term("de"), Term("la")))),
        # "son" is a French function word but an English noun: without other French words it stays.
        ("son of the president", None, And((Term("son"), Term("president")))),
        ("son", None, Term("son")),
        # "de" is a stop word in French and in Spanish: dropped when the two tie.
        ("de migrantes", None, Term("migrantes")),
        ("blacklist", None, Term("blacklist")),
    ],
)
def test_stop_words_of_the_querys_language(query, language, kept):
    assert without_stop_words(parse_query(query), language) == kept


def test_any_query_is_answered_or_refused_at_once():
    """Hostile queries: nesting, repetition, length — parsed or refused in a bounded time."""
    import time

    for query in ("(" * 5000 + "a" + ")" * 5000, "word " * 2000, "a OR " * 1999 + "b", "-" * 10_000, '"' * 9999):
        t0 = time.perf_counter()
        try:
            parse_query(query[:10_000])
        except QueryError as err:
            assert "\n" not in str(err) and len(str(err)) < 200
        assert time.perf_counter() - t0 < 1.0, query[:20]
