"""The sample record (CMW/C/SR.537): every contract field, every paragraph's speaker, every event."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from tbdialogue.cli import app
from tbdialogue.model import record_json_schema

from .conftest import ROOT, SAMPLE, shared_path

B, REP = "Mr. Bazarbaev", "A representative of Kyrgyzstan"
# Printed paragraph number → (speaker name, role) of its turn, for all 48 paragraphs.
SPEAKERS: dict[int, tuple[str, str | None] | None] = {1: None}
for n in range(2, 13):
    SPEAKERS[n] = (B, None)
SPEAKERS.update({13: (REP, None), 14: (REP, None), 15: (B, None), 16: (B, None), 17: (B, None)})
SPEAKERS.update({18: (REP, None), 19: (REP, None), 20: (REP, None), 21: (B, None), 22: (REP, None), 23: (REP, None)})
SPEAKERS.update({24: ("Ms. Dzumhur", "Country Rapporteur"), 25: ("Ms. Dzumhur", "Country Rapporteur")})
SPEAKERS.update(
    {26: ("Mr. Babacar", None), 27: ("Mr. Ünver", "Country Rapporteur"), 28: ("Mr. Ceriani Cernadas", None)}
)
SPEAKERS.update({29: ("Mr. Charef", None), 30: ("The Chair", "Chair"), 31: ("The Chair", "Chair"), 32: (REP, None)})
SPEAKERS.update({n: (B, None) for n in range(33, 38)})
SPEAKERS.update({38: (REP, None), 39: (B, None), 40: (REP, None), 41: (REP, None), 42: (REP, None)})
SPEAKERS.update({43: ("Ms. Dzumhur", None), 44: ("Mr. Taghi-Zada", "Country Rapporteur")})
SPEAKERS.update(
    {45: ("Mr. Taghi-Zada", "Country Rapporteur"), 46: ("Mr. Ünver", None), 47: ("Mr. Ünver", None), 48: (B, None)}
)


def test_cover_fields(sample_record):
    r = sample_record
    assert r.schema_ == "tbdialogue.record/1"
    assert (r.symbol, r.symbol_inferred, r.body, r.language) == ("CMW/C/SR.537", True, "CMW", "en")
    assert (r.session, r.meeting, r.part) == (37, 537, None)
    assert (r.date, r.time, r.place) == ("2023-11-30", "10 a.m.", "Palais Wilson, Geneva")
    assert (r.chair, r.chair_note) == ("Mr. Corzo Sosa", None)
    assert (r.state_party, r.state_party_printed, r.state_party_code) == ("Kyrgyzstan", "Kyrgyzstan", "KGZ")
    assert r.documents == ["CMW/C/KGZ/2", "CMW/C/KGZ/QPR/2"]
    assert r.distribution_date == "2023-12-05"
    assert r.original_language == "English"
    assert r.committee == (
        "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families"
    )
    assert r.warnings == []


def test_agenda(sample_record):
    (item,) = sample_record.agenda
    assert item.title == "Consideration of reports submitted by States parties under article 73 of the Convention"
    assert item.continued is True
    (sub,) = item.items
    assert (sub.title, sub.continued) == ("Second periodic report of Kyrgyzstan", True)
    assert sub.documents == ["CMW/C/KGZ/2", "CMW/C/KGZ/QPR/2"]


def test_paragraphs_numbered_and_citable(sample_record):
    paras = sample_record.paragraphs
    assert len(paras) == 48
    assert [p.number for p in paras] == list(range(1, 49))
    assert [p.index for p in paras] == list(range(1, 49))
    assert paras[23].id == "CMW/C/SR.537/p24"
    assert sample_record.paragraph_by_number(24).text.startswith("Ms. Dzumhur (Country Rapporteur) said that")


@pytest.mark.parametrize(
    ("number", "continuation"),
    [
        (7, "it would be necessary to elaborate a definition of domestic work"),
        (13, "In accordance with article 109 of the Constitution, the Office of the Ombudsman adhered"),
        (19, "The State provided support with setting up associations"),
        (28, "It was unclear what steps were taken"),
        (35, "had been convened in Bishkek"),
        (44, "He wished to know if voting would take place in person or online"),
    ],
)
def test_page_break_splits_rejoined(sample_record, number, continuation):
    assert continuation in sample_record.paragraph_by_number(number).text


def test_every_paragraph_has_the_right_speaker(sample_record):
    for p in sample_record.paragraphs:
        expected = SPEAKERS[p.number]
        speaker = sample_record.speaker_of(p)
        if expected is None:
            assert speaker is None, p.number
        else:
            assert (speaker.name, speaker.role) == expected, p.number


def test_turns(sample_record):
    turns = sample_record.turns
    assert len(turns) == 24
    assert turns[0].id == "CMW/C/SR.537/t0"
    assert turns[0].paragraphs == list(range(2, 13))
    # Paragraphs 18 and 19: the same speaker, two labels, two turns.
    assert sample_record.paragraphs[17].turn != sample_record.paragraphs[18].turn
    sides = {t.speaker.name: t.speaker.side for t in turns}
    assert sides[B] == sides[REP] == "state"
    assert sides["Ms. Dzumhur"] == sides["The Chair"] == sides["Mr. Babacar"] == "committee"
    rep = next(t.speaker for t in turns if t.speaker.name == REP)
    assert rep.affiliation == "Kyrgyzstan"
    assert next(t.speaker for t in turns if t.speaker.name == B).title == "Mr."


def test_events(sample_record):
    got = [(e.kind, e.time, e.paragraph, e.before_paragraph) for e in sample_record.events]
    assert got == [
        ("called_to_order", "10.10 a.m.", None, 1),
        ("delegation_joined", None, 1, 2),
        ("suspended", "11.25 a.m.", None, 32),
        ("resumed", "12.10 p.m.", None, 32),
        ("rose", "1 p.m.", None, None),
    ]
    assert sample_record.paragraphs[0].turn is None


def test_markup_removed_and_escapes_resolved(sample_record):
    text = " ".join(p.text for p in sample_record.paragraphs)
    assert "**" not in text and "\\$" not in text
    assert "The average child benefit was $100." in sample_record.paragraph_by_number(4).text
    assert sample_record.paragraphs[0].text.startswith("At the invitation of the Chair")


def test_notice_kept_out_of_speech(sample_record):
    kinds = [n.kind for n in sample_record.notes]
    assert kinds == ["notice", "notice"]
    assert sample_record.notes[0].text.startswith("This record is subject to correction")
    assert not any("subject to correction" in p.text for p in sample_record.paragraphs)


def test_cli_json_validates_against_published_schema():
    result = CliRunner().invoke(app, ["parse", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    schema = json.loads((ROOT / "src/tbdialogue/schema/record.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert data["schema"] == "tbdialogue.record/1"
    assert data["symbol"] == "CMW/C/SR.537" and len(data["paragraphs"]) == 48 and len(data["turns"]) == 24


def test_published_schema_is_current():
    published = json.loads((ROOT / "src/tbdialogue/schema/record.schema.json").read_text("utf-8"))
    assert published == record_json_schema(), "run `make schema` to regenerate the JSON Schema"


def test_cli_text_outline():
    result = CliRunner().invoke(app, ["parse", str(SAMPLE)])
    assert result.exit_code == 0
    out = result.stdout
    assert "CMW/C/SR.537 (inferred)" in out
    assert "Ms. Dzumhur (Country Rapporteur)" in out and "¶24–25" in out
    assert "suspended" in out and "11.25 a.m." in out


def test_shipped_sample_is_the_shared_one():
    """The demo's copy must stay identical to the reference record (provenance)."""
    assert SAMPLE.read_bytes() == shared_path("corpus", "full", "CMW-C-SR.537.md").read_bytes()
