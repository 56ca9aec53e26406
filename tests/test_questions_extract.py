"""Atomic question extraction: the sample against the development gold, cue forms in English,
French and Spanish, splitting rules, non-questions, and excerpt 035 (French)."""

from __future__ import annotations

import json

import pytest

from tbdialogue import parse_file
from tbdialogue.analyse.questions import extract_paragraph, extract_questions
from tbdialogue.evaluation.questions import load_gold, match_questions

from .conftest import ROOT, shared_path

GOLD = ROOT / "tests" / "gold" / "CMW-C-SR.537.questions.json"


def _texts(text: str, lang: str = "en") -> list[str]:
    return [text[a:b] for a, b, _ in extract_paragraph(text, lang)]


def test_gold_file_spans_are_exact(sample_record):
    raw = json.loads(GOLD.read_text("utf-8"))
    by_id = {p.id: p for p in sample_record.paragraphs}
    assert len(raw["questions"]) == 36
    for q in raw["questions"]:
        para = by_id[q["paragraph"]]
        assert para.text[q["start"] : q["end"]] == q["text"], q["id"]
        assert q["status"] in ("answered", "partial", "unanswered")
        assert all(a in by_id for a in q["answers"])
        assert bool(q["answers"]) == (q["status"] != "unanswered")


def test_sample_questions_match_gold(sample_record):
    gold = load_gold(GOLD)
    pred = extract_questions(sample_record)
    pairs = [(sample_record.paragraphs[q.paragraph - 1].id, q.text) for q in pred]
    matched = match_questions(pairs, gold.questions)
    precision, recall = len(matched) / len(pred), len(matched) / len(gold.questions)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, (precision, recall)


def test_spans_and_askers(sample_record):
    for q in extract_questions(sample_record):
        para = sample_record.paragraphs[q.paragraph - 1]
        assert para.text[q.start : q.end] == q.text
        assert sample_record.turns[q.turn].speaker.side == "committee"
        assert q.topic


@pytest.mark.parametrize(
    "sentence",
    [
        "She wished to know whether the law had been amended.",
        "He would welcome information on the number of labour inspectors.",
        "It would be useful to have information on frontier workers.",
        "She would be grateful for disaggregated data on migrant women.",
        "He wondered whether the strategy had been funded.",
        "She asked what measures had been taken.",
        "Why had the bill not been adopted?",
        "She would also like to receive statistics on returnees.",
        "He would appreciate more information about the quota system.",
        "It was unclear how the fees were set.",
        "He would like to know which institution was responsible.",
        "It would be of interest to the Committee to hear whether the State party had a strategy.",
        "He requested clarification of the status of the decree.",
        "She asked the delegation to explain the reasons for the delay.",
        "He would be interested to learn whether migrants could form associations.",
        "Could the delegation explain how complaints were handled?",
        "He sought information on the budget of the Ombudsman.",
        "He would be grateful if the delegation could provide figures on expulsions.",
    ],
)
def test_english_cue_forms(sentence: str):
    assert len(_texts(sentence)) == 1, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "He hoped that one day a specific migration regime could be established.",
        "She would encourage the State party to take action based on the concluding observations.",
        "He thanked the delegation for its replies.",
        "Commending the State party for its efforts, he noted that no training had been put in place.",
        "That was an important exercise, given the large proportion of young people in the country.",
        "He hoped the delegation would provide information on that matter in its next report.",
        "She welcomed the information provided on the new law.",
    ],
)
def test_not_questions(sentence: str):
    assert _texts(sentence) == [], sentence


def test_splitting_distinct_matters():
    text = (
        "She said that she would welcome more information on the measures taken to combat corruption, "
        "including institutional capacities, and to ensure the prevention of discrimination against minority groups."
    )
    assert len(_texts(text)) == 2
    text = "He wished to know if voting would take place in person or online, how long it would take and in what year it would begin."
    assert _texts(text) == [
        "He wished to know if voting would take place in person or online",
        "how long it would take",
        "in what year it would begin",
    ]
    text = "She wished to know what rights migrants had, and whether returnees had access to health care."
    assert len(_texts(text)) == 2


def test_whether_and_if_so_is_one_question():
    text = "It would be of interest to hear whether the State party had a national strategy and, if so, what measures it included."
    assert len(_texts(text)) == 1
    text = "He asked what specific steps, if any, the State party was taking."
    assert len(_texts(text)) == 1


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("Elle souhaite savoir si la loi a été modifiée.", 1),
        ("Il souhaiterait savoir combien d’inspecteurs du travail sont en poste.", 1),
        ("Elle aimerait recevoir des informations sur le nombre de travailleurs migrants.", 1),
        ("Il demande si l’État partie envisage de ratifier la Convention no 190.", 1),
        ("Elle demande des précisions sur le mandat du Médiateur.", 1),
        ("Il serait utile de savoir quelle institution est chargée de l’inspection.", 1),
        (
            "Elle souhaite savoir si les migrants peuvent adhérer à un syndicat et si les rapatriés ont accès aux soins.",
            2,
        ),
        ("Il espère que la délégation fournira des informations dans son prochain rapport.", 0),
        ("Elle encourage l’État partie à ratifier la Convention.", 0),
        ("Pourquoi la loi n’a-t-elle pas été adoptée ?", 1),
    ],
)
def test_french_cue_forms(sentence: str, n: int):
    assert len(_texts(sentence, "fr")) == n, sentence


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("La oradora desea saber si se ha modificado la ley.", 1),
        ("El orador agradecería información sobre el número de inspectores de trabajo.", 1),
        ("Pregunta si el Estado parte tiene previsto ratificar el Convenio núm. 190.", 1),
        ("Desearía saber qué institución se encarga de la inspección.", 1),
        ("Sería útil conocer el número de trabajadores migrantes.", 1),
        ("Solicita información sobre el mandato del Defensor del Pueblo.", 1),
        ("Pregunta si los migrantes pueden afiliarse a sindicatos y si los retornados tienen acceso a la salud.", 2),
        ("Espera que la delegación facilite información en su próximo informe.", 0),
        ("Alienta al Estado parte a ratificar la Convención.", 0),
        ("¿Por qué no se ha aprobado la ley?", 1),
    ],
)
def test_spanish_cue_forms(sentence: str, n: int):
    assert len(_texts(sentence, "es")) == n, sentence


def test_excerpt_035_french_questions():
    record = parse_file(shared_path("corpus", "excerpts", "035.txt"))
    assert record.language == "fr"
    qs = extract_questions(record)
    askers = [record.turns[q.turn].speaker.name for q in qs]
    assert askers == ["Mme Saiga", "Mme Kwaku", "Mme Kwaku", "Mme Kwaku"]
    assert qs[0].text.startswith("elle demande une clarification sur le statut juridique")
    assert "composition, la constitution et le mandat" in qs[1].text
    assert qs[2].text == "sur le mode de financement de cette dernière"
    assert qs[3].text.startswith("Elle souhaite également savoir quelle est l’instance responsable")
    # Mme Saiga's first paragraph is a statement ("déclare que les femmes devraient …"), not a question.
    assert all(q.paragraph != record.turns[0].paragraphs[0] for q in qs)
