"""Akoma Ntoso export: valid against the OASIS schema for every record we have, every paragraph
once and in order, questions and answers marked, hostile text escaped."""

from __future__ import annotations

import pytest

from tbdialogue.export import ExportError, export
from tbdialogue.export.akn import AKN, to_akn
from tbdialogue.lexicon.numbers import clock

from .conftest import run_cli, shared_path
from .export_cases import analysed_sample, excerpt_records, fixture_records, hostile_record

NS = {"a": AKN}


@pytest.fixture(scope="module")
def schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(shared_path("schemas", "akn", "akomantoso30.xsd"))))


def valid(schema, data: bytes):
    from lxml import etree

    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log.last_error
    return doc


def test_the_sample_validates_with_its_structure(schema):
    record = analysed_sample()
    doc = valid(schema, to_akn(record))
    assert doc.xpath("string(//a:FRBRWork/a:FRBRthis/@value)", namespaces=NS) == "/akn/un/debaterecord/cmw/2023-11-30/537/!main"
    assert doc.xpath("string(//a:FRBRExpression/a:FRBRlanguage/@language)", namespaces=NS) == "eng"
    assert doc.xpath("string(//a:FRBRalias[@name='symbol']/@value)", namespaces=NS) == "CMW/C/SR.537"
    # A section per agenda item printed in the body, the sub-item inside it.
    headings = doc.xpath("//a:debateSection/a:heading/text()", namespaces=NS)
    assert headings == [record.agenda[0].title, record.agenda[0].items[0].title]
    # Every turn a speech (by a TLCPerson, as a TLCRole when a role is printed), label in <from>.
    speeches = doc.xpath("//a:speech", namespaces=NS)
    assert len(speeches) == len(record.turns)
    persons = set(doc.xpath("//a:TLCPerson/@eId", namespaces=NS))
    assert all(s.get("by")[1:] in persons for s in speeches)
    rapporteur = doc.xpath("//a:speech[a:from='Ms. Dzumhur (Country Rapporteur)']", namespaces=NS)[0]
    assert rapporteur.get("as") == "#role-country-rapporteur" and rapporteur.get("refersTo") == "#committee"
    assert doc.xpath("//a:TLCOrganization[@eId='state']/@showAs", namespaces=NS) == ["Delegation of Kyrgyzstan"]
    # Events with their times; the meeting's end in adjournment.
    times = doc.xpath("//a:recordedTime/@time", namespaces=NS)
    assert times == ["2023-11-30T10:10:00", "2023-11-30T11:25:00", "2023-11-30T12:10:00", "2023-11-30T13:00:00"]
    assert doc.xpath("string(//a:adjournment/a:narrative)", namespaces=NS) == "The meeting rose at 1 p.m."
    # The documents under consideration, as references to the UN document system.
    assert "https://undocs.org/CMW/C/KGZ/2" in doc.xpath("//a:debateBody//a:ref/@href", namespaces=NS)


def test_every_paragraph_once_in_order_with_its_printed_number(schema):
    record = analysed_sample()
    doc = valid(schema, to_akn(record))
    found = doc.xpath("//a:debateBody//*[starts-with(@eId, 'para_')]", namespaces=NS)
    assert [el.get("eId") for el in found] == [f"para_{p.number}" for p in record.paragraphs]
    assert ["".join(el.itertext()) for el in found] == [p.text for p in record.paragraphs]
    assert found[0].tag == f"{{{AKN}}}narrative"  # ¶1, a stage direction


def test_questions_and_quoted_answers_are_marked_and_linked(schema):
    record = analysed_sample()
    doc = valid(schema, to_akn(record))
    marked = doc.xpath("//a:inline[@name='question']", namespaces=NS)
    assert len(marked) == len(record.questions)
    q1 = marked[0]
    assert q1.get("eId") == "qst_1" and q1.text == record.questions[0].text
    answers = doc.xpath("//a:inline[@name='answer' and contains(concat(@refersTo, ' '), '#qst_1 ')]", namespaces=NS)
    assert answers and answers[0].text == record.questions[0].quotes[0].text
    listed = doc.xpath("//a:otherAnalysis/*[local-name()='questions']/*", namespaces=NS)
    assert len(listed) == len(record.questions)
    checks = [q for q in record.questions if q.shown_as() == "check"]
    assert len(doc.xpath("//a:inline[@refersTo='#status_check']", namespaces=NS)) == len(checks)


def test_every_excerpt_validates(schema):
    for record in excerpt_records():
        doc = valid(schema, to_akn(record))
        paras = doc.xpath("//a:debateBody//*[starts-with(@eId, 'para_')]", namespaces=NS)
        assert ["".join(p.itertext()) for p in paras] == [p.text for p in record.paragraphs], record.symbol


def test_every_format_fixture_validates(schema):
    for record in fixture_records():
        valid(schema, to_akn(record))


def test_a_fourth_language_record_validates(schema, monkeypatch):
    from tbdialogue import parse_file
    from tbdialogue.lexicon import languages

    from .conftest import ROOT

    monkeypatch.setenv("TBDIALOGUE_LANGUAGES", str(ROOT / "tests" / "fixtures" / "languages"))
    for f in (languages._files, languages.raw_profile, languages.language):
        f.cache_clear()
    try:
        record = parse_file(ROOT / "tests" / "fixtures" / "languages" / "ru-record.txt", language="ru")
        doc = valid(schema, to_akn(record))
        assert doc.xpath("string(//a:FRBRlanguage/@language)", namespaces=NS) == "rus"
    finally:
        monkeypatch.delenv("TBDIALOGUE_LANGUAGES")
        for f in (languages._files, languages.raw_profile, languages.language):
            f.cache_clear()


def test_hostile_text_is_escaped_and_kept(schema):
    record = hostile_record()
    doc = valid(schema, to_akn(record))
    para = doc.xpath(f"//a:*[@eId='para_{record.paragraphs[5].number}']", namespaces=NS)[0]
    expected = record.paragraphs[5].text
    for ch in "\x00\x0b\x1f\ud800":
        expected = expected.replace(ch, "\ufffd")
    assert "".join(para.itertext()) == expected
    assert doc.xpath("//a:TLCPerson/@showAs", namespaces=NS)[0] == 'Mr. <Bazarbaev> & "Co"'


def test_times_as_printed_become_clock_times():
    assert clock("10.10 a.m.") == "10:10:00"
    assert clock("1 p.m.") == "13:00:00"
    assert clock("12.10 p.m.") == "12:10:00"
    assert clock("12 a.m.") == "00:00:00"
    assert clock("15 h 30") == "15:30:00"
    assert clock("15 heures 5") == "15:05:00" and clock("10 h 5") == "10:05:00" and clock("15.05 horas") == "15:05:00"
    assert clock("10.05") == "10:05:00"
    assert clock("noon") is None and clock(None) is None and clock("25.70") is None


def test_one_record_to_a_file_several_to_a_folder(tmp_path, schema):
    record = analysed_sample()
    assert export([record], "akn", tmp_path / "one.xml") == 1
    valid(schema, (tmp_path / "one.xml").read_bytes())
    other = record.model_copy(update={"symbol": "CMW/C/SR.538", "meeting": 538})
    assert export([record, other], "akn", tmp_path / "many") == 2
    assert sorted(p.name for p in (tmp_path / "many").iterdir()) == ["CMW-C-SR.537.en.akn.xml", "CMW-C-SR.538.en.akn.xml"]
    with pytest.raises(ExportError, match="several records: give a folder"):
        export([record, other], "akn", tmp_path / "two.xml")


def test_the_command_writes_a_valid_file(tmp_path, schema):
    out = tmp_path / "x.xml"
    done = run_cli("export", "samples/CMW-C-SR.537.md", "--format", "akn", "--out", str(out), "--no-questions")
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().strip() == f"1 record exported as akn to {out}"
    valid(schema, out.read_bytes())
