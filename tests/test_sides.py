"""Speakers keep their side: a person identified once in a record keeps that side when later named
without parentheses — in plain and placed labels, in the 1990s upper-case style, in three languages —
and a side the record leaves open is said to be unknown (``None``, with a warning), never guessed.

Hand-made variants of the forms of 1990s French, English and Spanish records (names invented).
"""

from __future__ import annotations

import pytest

from tbdialogue import parse_text

from .variants import COVERS, OPENING, record


def _sides(rec):
    return [(t.speaker.name, t.speaker.side) for t in rec.turns]


# A delegate introduced with his State, then named bare: as printed, in another case, and inside a
# placed label (after "Replying to a question from Mr. X,").
INTRODUCED_THEN_BARE = {
    "en": [
        "1. Mr. DUPONT (Peru) said that the Constitution guaranteed fundamental rights.",
        "2. Mr. HALVORSEN asked whether the Covenant was directly applicable.",
        "3. Replying to a question from Mr. Halvorsen, Mr. DUPONT said that the Covenant prevailed over statute.",
        "4. Mr. DUPONT added that the courts applied the Covenant.",
        "5. In reply to the questions put by Mr. HALVORSEN and Ms. Okafor, Mr. Dupont explained that a bill was ready.",
        "6. Mr. HALVORSEN thanked the delegation.",
    ],
    "fr": [
        "1. M. DUPONT (Pérou) dit que la Constitution garantit les droits fondamentaux.",
        "2. M. HALVORSEN demande si le Pacte est directement applicable.",
        "3. Répondant à une question de M. Halvorsen, M. DUPONT précise que le Pacte prime sur la loi.",
        "4. M. DUPONT ajoute que les tribunaux appliquent le Pacte.",
        "5. En réponse aux questions posées par M. HALVORSEN et Mme Okafor, M. Dupont explique qu'un projet de loi est prêt.",
        "6. M. HALVORSEN remercie la délégation.",
    ],
    "es": [
        "1. El Sr. DUPONT (Perú) dice que la Constitución garantiza los derechos fundamentales.",
        "2. El Sr. HALVORSEN pregunta si el Pacto es directamente aplicable.",
        "3. Respondiendo a una pregunta del Sr. Halvorsen, el Sr. DUPONT dice que el Pacto prevalece sobre la ley.",
        "4. El Sr. DUPONT añade que los tribunales aplican el Pacto.",
        "5. En respuesta a las preguntas formuladas por el Sr. HALVORSEN y la Sra. Okafor, el Sr. Dupont explica que hay un proyecto de ley.",
        "6. El Sr. HALVORSEN agradece a la delegación.",
    ],
}
TITLE = {"en": "Mr.", "fr": "M.", "es": "Sr."}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_delegate_named_bare_keeps_the_side_his_state_gave_him(lang):
    rec = record(INTRODUCED_THEN_BARE[lang], lang)
    t = TITLE[lang]
    assert _sides(rec) == [
        (f"{t} DUPONT", "state"),
        (f"{t} HALVORSEN", "committee"),
        (f"{t} DUPONT", "state"),
        (f"{t} DUPONT", "state"),
        (f"{t} Dupont", "state"),
        (f"{t} HALVORSEN", "committee"),
    ]
    # Role and affiliation stay as printed in each label (the contract); the side is the person's.
    assert [t.speaker.affiliation for t in rec.turns][:3] == [rec.turns[0].speaker.affiliation, None, None]
    assert not [w for w in rec.warnings if w.startswith("speaker")]


def _renumbered(paragraphs):
    return [f"{i}. {p.split('. ', 1)[1]}" for i, p in enumerate(paragraphs, start=1)]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_identified_after_being_named_bare(lang):
    """The record says who someone is in any label, not only in the first."""
    body = INTRODUCED_THEN_BARE[lang]
    rec = record(_renumbered([body[3], body[1], body[0]]), lang)
    assert [side for _, side in _sides(rec)] == ["state", "committee", "state"]


REST = {"en": "that the question remained open.", "fr": "que la question reste ouverte.", "es": "que la cuestión sigue abierta."}


@pytest.mark.parametrize(
    ("lang", "introduced", "later", "side"),
    [
        ("en", "Mr. Smith (Secretary of the Committee) said that the session would close.", "Mr. Smith said", "secretariat"),
        ("en", "Mr. Moe (Ombudsman of Kyrgyzstan) said that his office was independent.", "Mr. Moe said", "other"),
        ("en", "Ms. Ward (Country Rapporteur) said that the report was late.", "Ms. Ward said", "committee"),
        ("fr", "M. Nkosi (Secrétaire du Comité) dit que la session est close.", "M. Nkosi dit", "secretariat"),
        ("fr", "Mme Varga (Rapporteuse pour le pays) dit que le rapport est en retard.", "Mme Varga dit", "committee"),
        (
            "es",
            "El Sr. Lindqvist (Secretario del Comité) dice que el período de sesiones termina.",
            "El Sr. Lindqvist dice",
            "secretariat",
        ),
        (
            "es",
            "La Sra. Moreau (Defensora del Pueblo de Panamá) dice que su oficina es independiente.",
            "La Sra. Moreau dice",
            "other",
        ),
    ],
)
def test_a_function_in_parentheses_is_kept_too(lang, introduced, later, side):
    rec = record([f"1. {introduced}", f"2. {later} {REST[lang]}"], lang)
    assert [s for _, s in _sides(rec)] == [side, side]


@pytest.mark.parametrize(
    ("lang", "seated", "later"),
    [
        (
            "en",
            "At the invitation of the Chair, Mr. DUPONT, Ms. ALVES and Mr. KOROMA (Peru) took places at the Committee table.",
            ["Mr. DUPONT said that the report was ready.", "Ms. Alves said that the law had changed."],
        ),
        (
            "fr",
            "Sur l'invitation du Président, M. DUPONT, Mme ALVES et M. KOROMA (Pérou) prennent place à la table du Comité.",
            ["M. DUPONT dit que le rapport est prêt.", "Mme Alves dit que la loi a changé."],
        ),
        (
            "es",
            "Por invitación de la Presidencia, el Sr. DUPONT, la Sra. ALVES y el Sr. KOROMA (Perú) toman asiento como participantes en la mesa del Comité.",
            ["El Sr. DUPONT dice que el informe está listo.", "La Sra. Alves dice que la ley ha cambiado."],
        ),
    ],
)
def test_people_seated_with_the_delegation_are_of_it(lang, seated, later):
    rec = record([seated, *later], lang, opening=True)
    assert rec.events[-1].kind == "delegation_joined"
    assert [s for _, s in _sides(rec)] == ["state", "state"]


def test_someone_seated_with_the_delegation_keeps_the_capacity_printed():
    rec = record(
        [
            "At the invitation of the Chair, Mr. DUPONT and Mr. MOE (Ombudsman of Peru) took places at the Committee table.",
            "1. Mr. MOE said that his office was independent.",
        ]
    )
    assert _sides(rec) == [("Mr. MOE", "other")]


def test_the_covers_chair_lines_say_who_someone_is():
    cover = COVERS["en"].replace(
        "Chair: Ms. Tigroudja",
        "Temporary Chair: Mr. Salama (Representative of the Secretary-General)\n\nChair: Ms. Tigroudja",
    )
    body = [
        "1. The Temporary Chair declared the session open.",
        "2. Mr. Salama said that the Secretary-General welcomed the members.",
        "3. Ms. Tigroudja said that the Committee thanked him.",
    ]
    rec = parse_text(cover + OPENING["en"] + "\n\n" + "\n\n".join(body) + "\n")
    assert _sides(rec) == [("The Temporary Chair", "committee"), ("Mr. Salama", "secretariat"), ("Ms. Tigroudja", "committee")]


def test_a_name_given_two_sides_is_left_unknown_and_said_so():
    rec = record(
        [
            "1. Mr. DUPONT (Peru) said that the report was ready.",
            "2. Mr. DUPONT (Rapporteur) said that the Committee had questions.",
            "3. Mr. DUPONT said that the law had changed.",
        ]
    )
    assert _sides(rec) == [("Mr. DUPONT", "state"), ("Mr. DUPONT", "committee"), ("Mr. DUPONT", None)]
    [warning] = [w for w in rec.warnings if w.startswith("speaker")]
    assert "Mr. DUPONT" in warning and "state" in warning and "committee" in warning and "unknown" in warning


@pytest.mark.parametrize(
    ("lang", "introduced", "later"),
    [
        ("fr", "M. LONSENY FALL (Guinée) dit que la Guinée a ratifié la Convention.", "M. FALL dit que la loi a changé."),
        ("en", "Mr. ABDUL RAHMAN (Malaysia) said that Malaysia had ratified the Convention.", "Mr. RAHMAN said that the law had changed."),
        ("es", "La Sra. GARCÍA LÓPEZ (México) dice que México ha ratificado la Convención.", "La Sra. García dice que la ley ha cambiado."),
    ],
)
def test_part_of_a_delegates_name_is_not_enough(lang, introduced, later):
    """ "M. FALL" may be the delegate "M. LONSENY FALL" or a member: unknown, not the committee."""
    rec = record([f"1. {introduced}", f"2. {later}"], lang)
    assert [s for _, s in _sides(rec)] == ["state", None]
    assert any(w.startswith("speaker") and "unknown" in w for w in rec.warnings)


def test_a_name_never_identified_keeps_the_default():
    rec = record(["1. Mr. DUPONT (Peru) said that the report was ready.", "2. Ms. Dupont asked whether the law applied."])
    assert _sides(rec) == [("Mr. DUPONT", "state"), ("Ms. Dupont", "committee")]  # another title, another person
    assert not [w for w in rec.warnings if w.startswith("speaker")]


def test_a_members_partial_name_stays_on_the_committee():
    rec = record(["1. Mr. Ceriani Cernadas (Country Rapporteur) said that he had questions.", "2. Mr. Ceriani asked about detention."])
    assert [s for _, s in _sides(rec)] == ["committee", "committee"]
    assert not [w for w in rec.warnings if w.startswith("speaker")]
