"""The delegation's own signposts ("In reply to Ms. X, …"), in the three languages' profiles, and
what they change: a link to the member the delegation says it answers counts one more piece of
evidence. Hand-written variants (the sample record has no such signpost)."""

from __future__ import annotations

import pytest

from tbdialogue import parse_text
from tbdialogue.analyse import analyse_records
from tbdialogue.analyse.link import _names_asker, signposted_asker

from .conftest import SAMPLE


@pytest.mark.parametrize(
    "text, language, member",
    [
        (
            "Mr. Bazarbaev (Kyrgyzstan), in reply to Ms. Dzumhur, said that the trade unions were open.",
            "en",
            "Ms. Dzumhur",
        ),
        (
            "A representative said that, responding to the questions raised by Mr. Ceriani Cernadas, the quota was set.",
            "en",
            "Mr. Ceriani Cernadas",
        ),
        ("Turning to Mr. Babacar’s questions, he said that inspectors had been trained.", "en", "Mr. Babacar"),
        ("M. Ali (Maroc), en réponse à Mme Dzumhur, dit que les syndicats sont ouverts.", "fr", "Mme Dzumhur"),
        ("Répondant aux questions posées par M. Ünver, la délégation précise que…", "fr", "M. Ünver"),
        (
            "El Sr. Ruiz (Ecuador), en respuesta a la Sra. Dzumhur, dice que los sindicatos están abiertos.",
            "es",
            "Sra. Dzumhur",
        ),
        ("Respondiendo a las preguntas formuladas por el Sr. Babacar, la delegación indica que…", "es", "Sr. Babacar"),
    ],
)
def test_signposts_name_the_member_answered(text, language, member):
    assert signposted_asker(text, language) == member


@pytest.mark.parametrize(
    "text",
    [
        "He said that the law on labour migration had been adopted in reply to public demand.",
        "The delegation said that, in response to the pandemic, the Ministry had opened offices.",
    ],
)
def test_a_reply_to_something_else_is_no_signpost(text):
    assert signposted_asker(text, "en") is None


def test_the_member_is_matched_by_surname():
    assert _names_asker("Ms. Dzumhur", "Ms. Dzumhur (Country Rapporteur)")
    assert _names_asker("Mr. Unver", "Mr. Ünver")  # accent-blind
    assert not _names_asker("Mr. Babacar", "Ms. Dzumhur")


def test_a_signposted_link_counts_one_more_piece_of_evidence():
    """Paragraph 34 (labour inspection) shares one informative word with Mr. Babacar's question on
    labour inspectors: "check". When the delegation says it answers Mr. Babacar, it is trusted."""
    text = SAMPLE.read_text("utf-8")
    plain = analyse_records([parse_text(text)], ["plain"], use_embeddings=False)[0]
    opening = "34. In July 2023,"
    assert opening in text
    variant = text.replace(opening, "34. In reply to Mr. Babacar, he said that in July 2023,")
    signposted = analyse_records([parse_text(variant)], ["variant"], use_embeddings=False)[0]

    def inspectors(a):
        return next(q for _, q in a.questions if "labour inspectors" in q.text)

    before, after = inspectors(plain), inspectors(signposted)
    assert before.answers == after.answers == [34]
    assert before.confidence == "low" and after.confidence == "high"
    assert "reply to Mr. Babacar" in after.confidence_reason
