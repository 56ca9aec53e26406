"""Stage directions: each event form, in English, French and Spanish, with its time and position."""

from __future__ import annotations

import pytest

from .variants import record

SPEECH = "1. Mr. Politi asked whether judges applied the Covenant."
AFTER = "2. The Chair said that the Committee would continue."


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("en", "The meeting was called to order at 10.10 a.m.", [("called_to_order", "10.10 a.m.")]),
        ("en", "The meeting was called to order at 10.05.", [("called_to_order", "10.05")]),
        ("fr", "La séance est ouverte à 15 h 30.", [("called_to_order", "15 h 30")]),
        ("fr", "La séance est ouverte à 15 heures 5.", [("called_to_order", "15 heures 5")]),
        ("es", "Se declara abierta la sesión a las 10.05 horas.", [("called_to_order", "10.05 horas")]),
        (
            "en",
            "The meeting was suspended at 11.25 a.m. and resumed at 12.10 p.m.",
            [("suspended", "11.25 a.m."), ("resumed", "12.10 p.m.")],
        ),
        ("en", "The meeting was suspended at 4.10 p.m.", [("suspended", "4.10 p.m.")]),
        ("en", "The meeting was resumed at 4.30 p.m.", [("resumed", "4.30 p.m.")]),
        (
            "fr",
            "La séance est suspendue à 11 h 25; elle est reprise à 11 h 50.",
            [("suspended", "11 h 25"), ("resumed", "11 h 50")],
        ),
        (
            "es",
            "Se suspende la sesión a las 11.25 horas y se reanuda a las 11.50 horas.",
            [("suspended", "11.25 horas"), ("resumed", "11.50 horas")],
        ),
        ("en", "The meeting rose at 1 p.m.", [("rose", "1 p.m.")]),
        ("fr", "La séance est levée à 18 heures.", [("rose", "18 heures")]),
        ("es", "Se levanta la sesión a las 13.00 horas.", [("rose", "13.00 horas")]),
        ("en", "The meeting was adjourned at 12.55 p.m.", [("adjourned", "12.55 p.m.")]),
        ("en", "The public part of the meeting was called to order at 5 p.m.", [("public_part_began", "5 p.m.")]),
        ("en", "The public part of the meeting rose at 11.10 a.m.", [("public_part_ended", "11.10 a.m.")]),
        ("en", "The meeting was resumed in public at 12.20 p.m.", [("public_part_began", "12.20 p.m.")]),
        (
            "en",
            "The discussion covered in the summary record began at 5.40 p.m.",
            [("discussion_began", "5.40 p.m.")],
        ),
        (
            "en",
            "At the invitation of the Chair, the delegation of Kyrgyzstan joined the meeting.",
            [("delegation_joined", None)],
        ),
        (
            "en",
            "At the invitation of the Chairperson, the delegation of Slovakia took places at the Committee table.",
            [("delegation_joined", None)],
        ),
        (
            "fr",
            "Sur l’invitation du Président, la délégation colombienne prend place à la table du Comité.",
            [("delegation_joined", None)],
        ),
        (
            "es",
            "Por invitación del Presidente, la delegación del Ecuador toma asiento a la mesa del Comité.",
            [("delegation_joined", None)],
        ),
        ("en", "The delegation of Kyrgyzstan withdrew.", [("delegation_withdrew", None)]),
        ("fr", "La délégation colombienne se retire.", [("delegation_withdrew", None)]),
        ("en", "Mr. Seetulsingh (Vice-Chair) took the Chair.", [("chair_taken", None)]),
        (
            "en",
            "In the absence of Mr. Salvioli (Chair), Mr. Seetulsingh (Vice-Chair) took the Chair.",
            [("chair_taken", None)],
        ),
        ("fr", "Mme Manalo, Vice-Présidente, prend la présidence.", [("chair_taken", None)]),
        ("es", "El Sr. Kariyawasam, Vicepresidente, ocupa la Presidencia.", [("chair_taken", None)]),
        ("en", "It was so decided.", [("decision", None)]),
        ("en", "Chapter I, as amended, was adopted.", [("decision", None)]),
        ("fr", "Il en est ainsi décidé.", [("decision", None)]),
        ("es", "Así queda acordado.", [("decision", None)]),
    ],
)
def test_event_forms(lang, line, expected):
    rec = record([SPEECH if lang == "en" else _speech(lang), line, _after(lang)], lang=lang, opening=False)
    got = [(e.kind, e.time) for e in rec.events]
    assert got == expected
    for e in rec.events:
        assert e.text.rstrip(".") in line
        assert e.paragraph is None and e.before_paragraph == 2
    # The event ends the turn before it; the next label opens a new one.
    assert [t.paragraphs for t in rec.turns] == [[1], [2]]
    assert not any(line.rstrip(".") in p.text for p in rec.paragraphs)


def _speech(lang):
    return {
        "fr": "1. M. Diaby dit que le rapport est complet.",
        "es": "1. El Sr. Corzo Sosa dice que el informe es completo.",
    }[lang]


def _after(lang):
    return {
        "en": AFTER,
        "fr": "2. Le Président dit que le Comité poursuivra.",
        "es": "2. El Presidente dice que el Comité proseguirá.",
    }[lang]


def test_numbered_stage_direction_is_a_paragraph_without_turn():
    rec = record(["1. At the invitation of the Chair, the delegation of Kyrgyzstan joined the meeting.", AFTER])
    assert rec.paragraphs[0].turn is None
    (opening, joined) = rec.events
    assert (opening.kind, opening.before_paragraph) == ("called_to_order", 1)
    assert (joined.kind, joined.paragraph, joined.before_paragraph) == ("delegation_joined", 1, 2)


def test_it_was_so_decided_is_not_speech():
    rec = record(
        ["1. The Chair said that he took it the Committee wished to adopt the agenda.", "2.It was so decided."]
    )
    assert rec.paragraphs[1].turn is None
    assert rec.events[-1].kind == "decision" and rec.events[-1].paragraph == 2


def test_italic_stage_direction_of_unknown_wording_is_an_event():
    rec = record([SPEECH, "*The Committee observed a minute of silence in memory of Mr. X.*", AFTER], markdown=True)
    assert [e.kind for e in rec.events][-1] == "other"
    assert [t.paragraphs for t in rec.turns] == [[1], [2]]


def test_event_at_the_end_has_no_next_paragraph():
    rec = record([SPEECH, "The meeting rose at 1 p.m."])
    assert rec.events[-1].kind == "rose" and rec.events[-1].before_paragraph is None


@pytest.mark.parametrize(
    ("lang", "line", "kind", "time"),
    [
        ("fr", "La deuxième partie de la séance est ouverte à 17 h 30.", "discussion_began", "17 h 30"),
        ("fr", "La partie publique de la séance est ouverte à 15h05 .", "public_part_began", "15h05"),
        (
            "es",
            "Se declara abierta la segunda parte ( pública ) de la sesión a las 12 . 45 horas .",
            "public_part_began",
            "12.45 horas",
        ),
        ("en", "The second part of the meeting was called to order at 4.20 p.m.", "discussion_began", "4.20 p.m."),
    ],
)
def test_opening_of_a_part(lang, line, kind, time):
    rec = record([line, {"en": SPEECH, "fr": _speech("fr"), "es": _speech("es")}[lang]], lang=lang, opening=False)
    assert [(e.kind, e.time) for e in rec.events] == [(kind, time)]


@pytest.mark.parametrize(
    ("lang", "line", "kind", "time"),
    [
        ("es", "Se declara abierta la sesíón a las 15.05 horas.", "called_to_order", "15.05 horas"),
        ("fr", "LA SEANCE EST OUVERTE A 10 H 5.", "called_to_order", "10 H 5"),
        ("es", "El debate abarcado por el acta comienza a las 12.10 horas.", "discussion_began", "12.10 horas"),
    ],
)
def test_stage_directions_are_matched_accent_blind(lang, line, kind, time):
    rec = record([line, _speech(lang)], lang=lang, opening=False)
    assert [(e.kind, e.time) for e in rec.events] == [(kind, time)]


@pytest.mark.parametrize(
    ("lang", "line", "kind", "time"),
    [
        ("fr", "Le débat résumé commence à 16 h 5.", "discussion_began", "16 h 5"),
        ("fr", "La séance publique est ouverte à 16 h 40.", "public_part_began", "16 h 40"),
        ("es", "Se declara abierta la sesión a las 1 0. 20 horas .", "called_to_order", "10.20 horas"),
    ],
)
def test_more_opening_forms(lang, line, kind, time):
    rec = record([line, _speech(lang)], lang=lang, opening=False)
    assert [(e.kind, e.time) for e in rec.events] == [(kind, time)]


def test_stage_direction_glued_to_a_job_number():
    line = "* No se levantó acta de la segunda parte (privada) de la sesión. GE.08-44893 (EXT)Se declara abierta la sesión a las 10.15 horas."
    rec = record([line, _speech("es")], lang="es", opening=False)
    assert [(e.kind, e.time) for e in rec.events] == [("called_to_order", "10.15 horas")]
    assert any(f.kind == "job_number" for f in rec.furniture)


@pytest.mark.parametrize(
    ("lang", "line", "kind", "time"),
    [
        ("en", "The meeting w as called to order at 3.15 p.m.", "called_to_order", "3.15 p.m."),
        ("es", "Se declara abierta la sesi ón a las 15.10 horas.", "called_to_order", "15.10 horas"),
    ],
)
def test_words_broken_by_a_stray_space(lang, line, kind, time):
    rec = record([line, SPEECH if lang == "en" else _speech(lang)], lang=lang, opening=False)
    assert [(e.kind, e.time) for e in rec.events] == [(kind, time)]
