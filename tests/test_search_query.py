"""The query language a user types: words, "phrases", OR, -exclusion, prefix*, groups; clear errors."""

from __future__ import annotations

import pytest

from tbdialogue.store.fts_sqlite import match_expression
from tbdialogue.store.query import And, Filters, Not, Or, Phrase, QueryError, Term, parse_query


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
        ("l'homme", Phrase(("l", "homme"))),
        ("CMW/C/SR.537", Phrase(("cmw", "c", "sr", "537"))),
        ("torture or ill-treatment", And((Term("torture"), Term("or"), Phrase(("ill", "treatment"))))),
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
