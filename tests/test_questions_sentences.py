"""The sentence splitter keeps offsets and survives the abbreviations of UN prose."""

from __future__ import annotations

import pytest

from tbdialogue.lexicon.sentences import split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Ünver said that he had read the report.",
        "He asked whether it would ratify the ILO Violence and Harassment Convention, 2019 (No. 190) soon.",
        "He referred to para. 44 and art. 26 of the Convention.",
        "The meeting began at 10 a.m. on Monday.",
        "Several States, e.g. Kazakhstan and Uzbekistan, had done so.",
        "Conventions Nos. 143, 181, 189 and 190 were mentioned.",
        "M. Dupont et Mme Martin ont demandé si l’art. 26 était appliqué.",
        "La Sra. Ntap Ndiaye pregunta si el párr. 12 del informe es correcto.",
    ],
)
def test_one_sentence(text: str):
    lang = "fr" if "Dupont" in text else "es" if "Sra." in text else "en"
    sents = split_sentences(text, lang)
    assert [s.text for s in sents] == [text]


def test_several_sentences_with_offsets():
    text = "He referred to the ILO Convention, 2019 (No. 190). Mr. Smith cited para. 44. Was it ratified? It ended at 1 p.m. The Chair spoke."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "He referred to the ILO Convention, 2019 (No. 190).",
        "Mr. Smith cited para. 44.",
        "Was it ratified?",
        "It ended at 1 p.m.",
        "The Chair spoke.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_sample_paragraph_sentences(sample_record):
    p45 = sample_record.paragraph_by_number(45)
    sents = split_sentences(p45.text)
    assert len(sents) == 6
    assert sents[1].text.startswith("Did the State party have forecasting agencies")
    assert sents[1].text.endswith("?")
