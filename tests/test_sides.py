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


# A whole 1990s-style record, hand-made: an upper-case cover whose contents heading OCR ran into the
# chair's name (with a space, without one, or on its own line), the delegation seated by name, a
# delegate who speaks in a function, then placed and bare labels.
OLD_COVER = {
    "en": (
        "HUMAN RIGHTS COMMITTEE\n\nFifty-sixth session\n\nSUMMARY RECORD OF THE 1480th MEETING\n\n"
        "Held at the Palais des Nations, Geneva, on Thursday, 21 March 1996, at 3 p.m.\n\n{chair}\n\n"
        "CONSIDERATION OF REPORTS SUBMITTED BY STATES PARTIES UNDER ARTICLE 40 OF THE COVENANT (continued)\n\n"
        "Third periodic report of Peru (continued)\n\nThe meeting was called to order at 3.10 p.m.\n\n"
    ),
    "fr": (
        "COMITÉ DES DROITS DE L'HOMME\n\nCinquante-sixième session\n\nCOMPTE RENDU ANALYTIQUE DE LA 1480e SÉANCE\n\n"
        "tenue au Palais des Nations, à Genève, le jeudi 21 mars 1996, à 15 heures\n\n{chair}\n\n"
        "EXAMEN DES RAPPORTS PRÉSENTÉS PAR LES ÉTATS PARTIES CONFORMÉMENT À L'ARTICLE 40 DU PACTE (suite)\n\n"
        "Troisième rapport périodique du Pérou (suite)\n\nLa séance est ouverte à 15 h 10.\n\n"
    ),
    "es": (
        "COMITÉ DE DERECHOS HUMANOS\n\n56º período de sesiones\n\nACTA RESUMIDA DE LA 1480ª SESIÓN\n\n"
        "celebrada en el Palacio de las Naciones, Ginebra, el jueves 21 de marzo de 1996, a las 15.00 horas\n\n"
        "{chair}\n\n"
        "EXAMEN DE LOS INFORMES PRESENTADOS POR LOS ESTADOS PARTES DE CONFORMIDAD CON EL ARTÍCULO 40 DEL PACTO "
        "(continuación)\n\nTercer informe periódico del Perú (continuación)\n\n"
        "Se declara abierta la sesión a las 15.10 horas.\n\n"
    ),
}
OLD_CHAIR = {"en": "Chairman: Mr. AGUILAR URBINA", "fr": "Président : M. AGUILAR URBINA", "es": "Presidente: Sr. AGUILAR URBINA"}
OLD_CONTENTS = {"en": "CONTENTS", "fr": "SOMMAIRE", "es": "SUMARIO"}
OLD_BODY = {
    "en": [
        "1. At the invitation of the Chairman, Mr. QUISPE and Ms. ROSAS (Peru) took places at the Committee table.",
        "2. Mr. QUISPE (Peru) introduced the third periodic report.",
        "3. Mr. HALVORSEN (Country Rapporteur) asked about states of emergency.",
        "4. Ms. ROSAS (Director of Public Liberties) said that habeas corpus applied throughout.",
        "5. Replying to a question from Mr. Halvorsen, Ms. Rosas said that complaints had decreased.",
        "6. Mr. QUISPE added that statistics would follow.",
        "7. Mr. HALVORSEN thanked the delegation.",
        "The meeting rose at 6 p.m.",
    ],
    "fr": [
        "1. Sur l'invitation du Président, M. QUISPE et Mme ROSAS (Pérou) prennent place à la table du Comité.",
        "2. M. QUISPE (Pérou) présente le troisième rapport périodique.",
        "3. M. HALVORSEN (Rapporteur pour le pays) pose des questions sur l'état d'urgence.",
        "4. Mme ROSAS (Directrice des libertés publiques) dit que l'habeas corpus s'applique partout.",
        "5. Répondant à une question de M. Halvorsen, Mme Rosas précise que les plaintes ont diminué.",
        "6. M. QUISPE ajoute que des statistiques suivront.",
        "7. M. HALVORSEN remercie la délégation.",
        "La séance est levée à 18 heures.",
    ],
    "es": [
        "1. Por invitación del Presidente, el Sr. QUISPE y la Sra. ROSAS (Perú) toman asiento a la mesa del Comité.",
        "2. El Sr. QUISPE (Perú) presenta el tercer informe periódico.",
        "3. El Sr. HALVORSEN (Relator para el país) pregunta por los estados de excepción.",
        "4. La Sra. ROSAS (Directora de Libertades Públicas) dice que el hábeas corpus se aplica en todo el país.",
        "5. Respondiendo a una pregunta del Sr. Halvorsen, la Sra. Rosas precisa que las denuncias han disminuido.",
        "6. El Sr. QUISPE añade que se enviarán estadísticas.",
        "7. El Sr. HALVORSEN agradece a la delegación.",
        "Se levanta la sesión a las 18.00 horas.",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("glue", [" ", "", "\n\n"], ids=["space", "no space", "own line"])
def test_a_1990s_dialogue_keeps_its_sides(lang, glue):
    chair = OLD_CHAIR[lang] + glue + OLD_CONTENTS[lang]
    rec = parse_text(OLD_COVER[lang].format(chair=chair) + "\n\n".join(OLD_BODY[lang]) + "\n")
    assert rec.chair == OLD_CHAIR[lang].split(": ")[1].strip()
    assert (rec.state_party, rec.state_party_code) == ("Peru", "PER")
    assert [s for _, s in _sides(rec)] == ["state", "committee", "state", "state", "state", "committee"]
    # The delegate's function is her role as printed; the side is the delegation's (she was seated with it).
    assert rec.turns[2].speaker.role.lower().startswith("direct") and rec.turns[2].speaker.side == "state"
    assert not [w for w in rec.warnings if w.startswith("speaker")]


def test_a_function_naming_no_organization_stays_other_when_the_record_says_no_more():
    rec = record(["1. Ms. ROSAS (Director of Public Liberties) said that habeas corpus applied.", "2. Ms. Rosas added that it was so."])
    assert [s for _, s in _sides(rec)] == ["other", "other"]
