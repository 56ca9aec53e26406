"""States named in text: the word-by-word look-up finds exactly what one regular expression of
every name (the former implementation, kept here as the reference) finds."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from tbdialogue.lexicon.countries import _dropped_articles, articles, countries

from .conftest import SAMPLE, shared_path


def _reference(text: str) -> list[tuple[str, str, int, int]]:
    table = countries()
    alternation = "|".join(re.escape(n) for n in sorted(table._names, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w-])(?P<art>(?:{articles()})\s*)?(?P<name>{alternation})(?![\w-])", re.IGNORECASE)
    out = []
    for m in rx.finditer(text.replace("’", "'")):
        art = (m.group("art") or "").strip().lower()
        printed = text[m.start() : m.end()] if art not in _dropped_articles() else m.group("name")
        out.append((table._names[m.group("name").lower()], printed.strip(), m.start(), m.end()))
    return out


def _found(text: str) -> list[tuple[str, str, int, int]]:
    return [(f.country.code, f.printed, f.start, f.end) for f in countries()._find_all(text)]


def _texts() -> list[str]:
    entries = json.loads(resources.files("tbdialogue.lexicon").joinpath("countries.json").read_text("utf-8"))
    names = [n for e in entries for n in (e["en"], e["fr"], e["es"], *e.get("en_aliases", []))]
    out = [f"Report of {n}, and of the {n}-based NGO; la {n} y el {n}.{n}" for n in names]
    out += [f"{a} and {b}" for a, b in zip(names, names[1:], strict=False)]
    out += ["Lesotho, Laos, Les Comores, lesbian, Thesudan, theSudan, l’Ukraine, L'ÉTAT DE PALESTINE"]
    out += SAMPLE.read_text("utf-8").splitlines()
    return out


def test_the_look_up_finds_what_the_regular_expression_finds():
    for text in _texts():
        assert _found(text) == _reference(text), text


def test_on_the_excerpts():
    for path in sorted(shared_path("corpus", "excerpts").glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            assert _found(line) == _reference(line), (path.name, line)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Second periodic report of Kyrgyzstan", [("KGZ", "Kyrgyzstan")]),
        ("Rapport de la Guinée", [("GIN", "la Guinée")]),
        (
            "the Sudan and the Democratic Republic of the Congo",
            [("SDN", "Sudan"), ("COD", "Democratic Republic of the Congo")],
        ),
        ("Guinea-Bissau", [("GNB", "Guinea-Bissau")]),
    ],
)
def test_examples(text, expected):
    assert [(c, p) for c, p, _, _ in _found(text)] == expected
