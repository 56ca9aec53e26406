"""Search means what it says (issue 13): exclusions drop a word in every form but not other words
that start with it, AND/OR/NOT are operators in any case, and the stop words of the query's language
are neither required nor marked — in English, French and Spanish, on SQLite and PostgreSQL.

The records are the shipped sample with a few paragraphs rewritten by hand, so that each rule has
one paragraph that must be found and one that must not."""

from __future__ import annotations

import pytest

from tbdialogue import parse_file
from tbdialogue.store import Corpus

from .conftest import SAMPLE

TEXTS = {
    "en": [
        "Russia's labour migrants were returned by the authorities.",
        "Migrants from the Russian Federation were returned by the authorities.",
        "Migrants were returned by the authorities of Kazakhstan.",
        "The rights of the child and the rights of women were discussed.",
    ],
    "fr": [
        "Les droits de l'homme des travailleurs migrants de Russie ont été rappelés.",
        "Les travailleurs migrants de la Fédération de Russie et leurs droits ont été rappelés.",
        "La délégation a parlé des femmes.",
        "Les droits des femmes migrantes ont été rappelés.",
    ],
    "es": [
        "Los derechos de los trabajadores migratorios de Rusia fueron examinados.",
        "Los trabajadores migratorios de la Federación de Rusia fueron examinados.",
        "La delegación habló de las mujeres.",
        "Los derechos de las mujeres migrantes fueron examinados.",
    ],
}


def _records():
    base = parse_file(SAMPLE)
    out = []
    for lang, texts in TEXTS.items():
        paragraphs = [
            p.model_copy(update={"text": texts[i]}) if i < len(texts) else p for i, p in enumerate(base.paragraphs)
        ]
        out.append(base.model_copy(update={"language": lang, "paragraphs": paragraphs}))
    return out


@pytest.fixture
def corpus(db_url):
    c = Corpus(db_url)
    c.add(_records())
    yield c
    c.close()


MINE = {t for ts in TEXTS.values() for t in ts}


def texts(corpus, query, **filters) -> set[str]:
    """The rewritten paragraphs found (the sample's other paragraphs may match too)."""
    return {h.text for h in corpus.search(query, limit=200, **filters).hits} & MINE


def test_an_exclusion_drops_the_word_in_every_form_but_not_longer_words(corpus):
    en = TEXTS["en"]
    found = texts(corpus, "returned -Russia", language="en")
    assert en[0] not in found  # "Russia's": the word, possessive
    assert en[1] in found and en[2] in found  # "Russian" merely starts with "Russia"
    assert texts(corpus, "returned -Russia*", language="en") == {en[2]}  # the prefix drops both
    assert texts(corpus, "returned NOT Russia", language="en") == found
    fr = TEXTS["fr"]
    assert texts(corpus, "migrants -Russie", language="fr") == {fr[3]}  # "migrantes" is a form of "migrants"
    assert texts(corpus, "rappelés -femme", language="fr") == {fr[0], fr[1]}
    es = TEXTS["es"]
    assert texts(corpus, "examinados -derecho", language="es") == {es[1]}


def test_and_or_not_are_operators_in_any_case(corpus):
    en = TEXTS["en"]
    assert texts(corpus, "rights AND women", language="en") == {en[3]}
    assert texts(corpus, "rights and women", language="en") == {en[3]}
    assert texts(corpus, "Kazakhstan or Russian", language="en") == {en[1], en[2]}
    assert texts(corpus, "returned not Kazakhstan", language="en") == {en[0], en[1]}
    es = TEXTS["es"]
    assert texts(corpus, "(mujeres OR delegación) NOT derechos", language="es") == {es[2]}


@pytest.mark.parametrize(
    ("query", "language", "stop"),
    [
        ("droits de l'homme", "fr", ["de", "l"]),
        ("les droits des femmes", None, ["les", "des"]),
        ("derechos de los trabajadores", None, ["de", "los"]),
        ("the rights of the child", None, ["the", "of"]),
    ],
)
def test_stop_words_are_neither_required_nor_marked(corpus, query, language, stop):
    result = corpus.search(query, limit=200, language=language)
    assert result.hits
    for hit in result.hits:
        for word in stop:
            assert f"**{word}**" not in hit.snippet.lower(), (word, hit.snippet)


@pytest.mark.parametrize(
    ("query", "language", "paragraph"),
    [("les femmes", "fr", 2), ("los mujeres", "es", 2), ("a child", "en", 3), ("des femmes", None, 2)],
)
def test_stop_words_are_not_required(corpus, query, language, paragraph):
    """The paragraph has the content word but not the stop word: found all the same."""
    lang = language or "fr"
    assert TEXTS[lang][paragraph] in texts(corpus, query, language=language)


def test_a_quoted_phrase_keeps_its_stop_words(corpus):
    fr = TEXTS["fr"]
    found = corpus.search('"droits de l\'homme"', language="fr").hits
    assert [h.text for h in found] == [fr[0]]
    assert "**droits** **de** **l**'**homme**" in found[0].snippet


def test_the_command_line_takes_a_minus_word_as_an_exclusion(tmp_path):
    """`tbdialogue search migrants -Russia`: -Russia is part of the query, not an unknown option."""
    from .conftest import run_cli

    db = f"sqlite:///{tmp_path / 'c.db'}"
    with Corpus(db) as c:
        c.add(_records())
    def cli(*args: str):
        r = run_cli(*args)
        return r.returncode, r.stdout.decode(), r.stderr.decode()

    whole = run_cli("search", "returned -Russia", "--language", "en", "--db", db, "-f", "json", "-n", "50")
    split = run_cli("search", "returned", "-Russia", "--language", "en", "--db", db, "-fjson", "-n50")
    assert whole.returncode == split.returncode == 0, split.stderr
    assert whole.stdout == split.stdout
    assert TEXTS["en"][0] not in split.stdout.decode() and TEXTS["en"][1] in split.stdout.decode()
    # Options keep their meaning around the words; the words are joined in order.
    code, out, _ = cli("search", "-n", "1", "rights", "AND", "women", "--db", db, "--format", "json")
    assert code == 0 and out.count('"id"') == 1 and '"query": "rights AND women"' in out
    code, _, err = cli("search", "-Russia", "--db", db)
    assert code == 2 and err.strip() == "error: the query '-Russia' only excludes: add a word to search for"
    for hostile in ("(" * 400 + "a" + ")" * 400, "ban " * 2500, "a " + "OR a " * 1000):
        code, _, err = cli("search", hostile, "--db", db)
        assert code == 2 and err.count("\n") == 1 and "internal error" not in err, err
