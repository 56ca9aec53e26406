"""TEI Parla-CLARIN export: valid against the Parla-CLARIN schema for every record we have, one
corpus of many records streamed, every paragraph once and in order, hostile text escaped, the same
bytes every time."""

from __future__ import annotations

import io
import shutil

import pytest

from tbdialogue import parse_file
from tbdialogue.export.tei import TEI, corpus_header, document_id, tei_document, to_tei, write_tei
from tbdialogue.model import Event

from .conftest import ROOT, shared_path
from .export_cases import FORMAT_FIXTURES, HOSTILE

NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XS = "http://www.w3.org/2001/XMLSchema"

# The schema in ../shared is parla-clarin.xsd exactly as clarin-eric/parla-clarin publishes it. Two
# things keep lxml (libxml2) from loading it as is:
# - it imports its companions dcr.tmp and xml.tmp, which are not in ../shared: they are given here
#   (the attributes they declare, as in the upstream files of the same names);
# - libxml2 refuses TEI's content model, teiHeader then ((resource+, TEI*) | TEI+), as not
#   deterministic: it is replaced here by teiHeader then resource+ (text, facsimile …), which
#   accepts exactly what the original accepts for a TEI without nested TEI elements, as ours are.
_DCR = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.isocat.org/ns/dcr">
  <xs:attribute name="datcat"><xs:simpleType><xs:list itemType="xs:anyURI"/></xs:simpleType></xs:attribute>
  <xs:attribute name="valueDatcat"><xs:simpleType><xs:list itemType="xs:anyURI"/></xs:simpleType></xs:attribute>
</xs:schema>"""
_XML = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attribute name="lang"><xs:simpleType><xs:union memberTypes="xs:language">
    <xs:simpleType><xs:restriction base="xs:token"><xs:enumeration value=""/></xs:restriction></xs:simpleType>
  </xs:union></xs:simpleType></xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:token">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
  </xs:restriction></xs:simpleType></xs:attribute>
</xs:schema>"""


@pytest.fixture(scope="module")
def schema():
    from lxml import etree

    class Companions(etree.Resolver):
        def resolve(self, url, pubid, context):
            name = url.rsplit("/", 1)[-1]
            if name == "dcr.tmp":
                return self.resolve_string(_DCR, context)
            if name == "xml.tmp":
                return self.resolve_string(_XML, context)
            return None

    parser = etree.XMLParser()
    parser.resolvers.add(Companions())
    doc = etree.parse(str(shared_path("schemas", "parla-clarin", "parla-clarin.xsd")), parser)
    choice = doc.xpath("/xs:schema/xs:element[@name='TEI']/xs:complexType/xs:sequence/xs:choice", namespaces={"xs": XS})
    assert len(choice) == 1, "the TEI content model of parla-clarin.xsd has changed: review the patch above"
    resources = etree.Element(f"{{{XS}}}element", {"ref": "tei:tei_model.resource", "maxOccurs": "unbounded"})
    choice[0].getparent().replace(choice[0], resources)
    return etree.XMLSchema(doc)


def valid(schema, data: bytes):
    """The document parsed from its bytes (a duplicate xml:id is a parse error) and validated."""
    from lxml import etree

    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log.last_error
    ids = doc.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    return doc


def text_of(el) -> str:
    """A paragraph's text as exported: a segment's or note's text, an incident's description."""
    desc = el.find("t:desc", NS)
    return "".join((desc if desc is not None else el).itertext())


def paragraphs_of(tei) -> list:
    """The elements that are paragraphs (segments, and stage directions), in document order."""
    return [el for el in tei.xpath(".//t:body//*[@xml:id]", namespaces=NS) if el.tag != f"{{{TEI}}}u"]


def assert_every_paragraph_once_in_order(tei, record) -> None:
    found = paragraphs_of(tei)
    assert [text_of(el) for el in found] == [p.text for p in record.paragraphs], record.symbol
    assert [el.get("n") for el in found] == [None if p.number is None else str(p.number) for p in record.paragraphs]
    segs = tei.xpath(".//t:seg", namespaces=NS)
    assert "".join("".join(s.itertext()) for s in segs) == "".join(
        p.text for p in record.paragraphs if p.turn is not None
    )


# --- the sample ----------------------------------------------------------------------------------


def test_the_sample_validates_with_its_structure(schema, sample_record):
    record = sample_record
    doc = valid(schema, to_tei(record))
    assert doc.tag == f"{{{TEI}}}teiCorpus"
    [tei] = doc.xpath("t:TEI", namespaces=NS)
    assert tei.get(XML_ID) == "CMW_C_SR.537.en" and tei.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert (
        tei.xpath("string(.//t:titleStmt/t:title[@type='main'])", namespaces=NS)
        == "Summary record of the 537th meeting, CMW/C/SR.537"
    )
    meetings = tei.xpath(".//t:titleStmt/t:meeting", namespaces=NS)
    assert [(m.get("n"), m.get("ana")) for m in meetings] == [("537", "#parla.meeting"), ("37", "#parla.session")]
    assert (
        tei.xpath("string(.//t:sourceDesc/t:bibl/t:idno[@type='URI'])", namespaces=NS)
        == "https://undocs.org/CMW/C/SR.537"
    )
    assert tei.xpath("string(.//t:setting/t:date/@when)", namespaces=NS) == "2023-11-30"
    assert tei.xpath("string(.//t:setting/t:placeName)", namespaces=NS) == "Palais Wilson, Geneva"
    assert tei.xpath(".//t:langUsage/t:language/@ident", namespaces=NS) == ["en"]
    assert tei.xpath(".//t:listOrg/t:org/@role", namespaces=NS) == ["committee", "delegation"]
    # One utterance per turn, each by a person of the header, typed as ParlaMint types speakers.
    us = tei.xpath(".//t:u", namespaces=NS)
    assert len(us) == len(record.turns)
    persons = {f"#{i}" for i in tei.xpath(".//t:listPerson/t:person/@xml:id", namespaces=NS)}
    assert len(persons) == 9 and {u.get("who") for u in us} == persons
    expected = [
        "chair" if t.speaker.role == "Chair" else "regular" if t.speaker.side == "committee" else "guest"
        for t in record.turns
    ]
    assert [u.get("ana") for u in us] == [f"#{a}" for a in expected]
    assert set(expected) == {"chair", "regular", "guest"}
    categories = doc.xpath("t:teiHeader//t:category/@xml:id", namespaces=NS)
    assert {"chair", "regular", "guest", "parla.meeting", "parla.session"} <= set(categories)
    rapporteur = tei.xpath(".//t:person[t:persName='Ms. Dzumhur']/t:affiliation/@role", namespaces=NS)
    assert rapporteur == ["member", "countryRapporteur"]
    # The agenda item and its sub-item head the one division.
    assert tei.xpath(".//t:div/t:head/text()", namespaces=NS) == [
        record.agenda[0].title,
        record.agenda[0].items[0].title,
    ]


def test_events_and_stage_directions_are_transcriber_comments_in_document_order(schema, sample_record):
    doc = valid(schema, to_tei(sample_record))
    body = doc.xpath("//t:body", namespaces=NS)[0]
    notes = body.xpath(".//t:note[@type='time']", namespaces=NS)
    assert ["".join(n.itertext()) for n in notes] == [
        "The meeting was called to order at 10.10 a.m.",
        "The meeting was suspended at 11.25 a.m. and resumed at 12.10 p.m.",
        "The meeting rose at 1 p.m.",
    ]
    assert body.xpath(".//t:time/@when", namespaces=NS) == [
        "2023-11-30T10:10:00",
        "2023-11-30T11:25:00",
        "2023-11-30T12:10:00",
        "2023-11-30T13:00:00",
    ]
    # Called to order before the heading; risen after the last paragraph: both between divisions.
    assert notes[0].getparent() is body and notes[0].getnext().tag == f"{{{TEI}}}div"
    assert notes[-1].getparent() is body and notes[-1].getprevious().tag == f"{{{TEI}}}div"
    # The suspension sits just before ¶32.
    p32 = body.xpath(".//*[@n='32']", namespaces=NS)[0]
    assert p32.getparent().getprevious() is notes[1]
    # ¶1, a stage direction (the delegation joins), is an incident, numbered like a segment.
    [incident] = body.xpath(".//t:incident", namespaces=NS)
    assert incident.get("type") == "action" and incident.get("n") == "1"
    assert incident.get(XML_ID) == "CMW_C_SR.537.en.p1" and text_of(incident) == sample_record.paragraphs[0].text


def test_every_paragraph_once_in_order(schema, sample_record):
    doc = valid(schema, to_tei(sample_record))
    assert_every_paragraph_once_in_order(doc.xpath("t:TEI", namespaces=NS)[0], sample_record)
    segs = doc.xpath("//t:seg", namespaces=NS)
    assert segs[0].get(XML_ID) == "CMW_C_SR.537.en.p2" and segs[0].get("n") == "2"


def test_a_stage_direction_inside_a_turn_stays_inside_its_utterance(schema, sample_record):
    record = sample_record.model_copy(deep=True)
    turn = next(t for t in record.turns if len(t.paragraphs) >= 3)
    first, middle, *rest = (record.paragraphs[i - 1] for i in turn.paragraphs)
    middle.turn = None  # a stage direction between two of the turn's paragraphs
    turn.paragraphs.remove(middle.index)
    record.events.append(
        Event(kind="other", time="11 a.m.", text="It was 11 a.m.", paragraph=None, before_paragraph=rest[-1].index)
    )
    doc = valid(schema, to_tei(record))
    assert len(doc.xpath("//t:u", namespaces=NS)) == len(record.turns)  # the turn is not split
    u = doc.xpath(f"//t:u[@xml:id='CMW_C_SR.537.en.{turn.id.rsplit('/', 1)[-1]}']", namespaces=NS)[0]
    tags = [(c.tag.split("}")[1], c.get("n")) for c in u]
    assert tags == (
        [("seg", str(first.number)), ("note", str(middle.number))]
        + [("seg", str(p.number)) for p in rest[:-1]]
        + [("note", None), ("seg", str(rest[-1].number))]
    )
    assert u.xpath("string(t:note[@type='time']/t:time/@when)", namespaces=NS) == "2023-11-30T11:00:00"
    assert_every_paragraph_once_in_order(doc.xpath("t:TEI", namespaces=NS)[0], record)


def test_a_turn_cut_by_a_heading_is_two_linked_utterances(schema, sample_record):
    record = sample_record.model_copy(deep=True)
    turn = next(t for t in record.turns if len(t.paragraphs) >= 2)
    record.agenda[0].items[0].paragraph = turn.paragraphs[1]  # the sub-item's heading inside the turn
    doc = valid(schema, to_tei(record))
    first, second = doc.xpath(
        f"//t:u[@who=//t:u[@xml:id='CMW_C_SR.537.en.{turn.id.rsplit('/', 1)[-1]}']/@who]", namespaces=NS
    )[:2]
    assert first.getparent() is not second.getparent()  # two divisions
    assert first.get("next") == "#" + second.get(XML_ID) and second.get("prev") == "#" + first.get(XML_ID)
    assert len(doc.xpath("//t:div", namespaces=NS)) == 2
    assert_every_paragraph_once_in_order(doc.xpath("t:TEI", namespaces=NS)[0], record)


# --- every record we have ------------------------------------------------------------------------


def test_every_excerpt_validates(schema):
    folder = shared_path("corpus", "excerpts")
    records = [parse_file(p) for p in sorted(folder.glob("*.txt"))]
    assert len(records) >= 10
    for record in records:
        doc = valid(schema, to_tei(record))
        assert_every_paragraph_once_in_order(doc.xpath("t:TEI", namespaces=NS)[0], record)
        assert doc.xpath("string(//t:TEI/@xml:lang)", namespaces=NS) == record.language


@pytest.mark.parametrize("name", sorted(p.name for p in FORMAT_FIXTURES.iterdir() if p.is_file() and p.suffix != ".md"))
def test_every_format_fixture_validates(schema, name):
    if name.endswith((".doc", ".odt")) and shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: .doc and .odt are read through it")
    record = parse_file(FORMAT_FIXTURES / name)
    doc = valid(schema, to_tei(record))
    assert_every_paragraph_once_in_order(doc.xpath("t:TEI", namespaces=NS)[0], record)


def test_a_fourth_language_record_validates(schema, monkeypatch):
    from tbdialogue.lexicon import languages

    caches = (languages._files, languages.raw_profile, languages.language)
    monkeypatch.setenv("TBDIALOGUE_LANGUAGES", str(ROOT / "tests" / "fixtures" / "languages"))
    for f in caches:
        f.cache_clear()
    try:
        record = parse_file(ROOT / "tests" / "fixtures" / "languages" / "ru-record.txt", language="ru")
        doc = valid(schema, to_tei(record))
        assert doc.xpath("string(//t:TEI/@xml:lang)", namespaces=NS) == "ru"
        assert doc.xpath("//t:langUsage/t:language/@ident", namespaces=NS) == ["ru"]
        assert_every_paragraph_once_in_order(doc.xpath("t:TEI", namespaces=NS)[0], record)
    finally:
        monkeypatch.delenv("TBDIALOGUE_LANGUAGES")
        for f in caches:
            f.cache_clear()


def test_a_corpus_of_many_records_validates(schema, sample_record):
    folder = shared_path("corpus", "excerpts")
    records = [sample_record] + [parse_file(p) for p in sorted(folder.glob("*.txt"))] + [sample_record]
    doc = valid(schema, to_tei(records))
    teis = doc.xpath("t:TEI", namespaces=NS)
    assert len(teis) == len(records)
    # The same record twice: its ids get a suffix the second time, so the corpus stays valid.
    assert teis[0].get(XML_ID) == "CMW_C_SR.537.en" and teis[-1].get(XML_ID) == "CMW_C_SR.537.en_2"
    assert teis[-1].xpath("string(.//t:seg/@xml:id)", namespaces=NS) == "CMW_C_SR.537.en_2.p2"
    for tei, record in zip(teis, records, strict=True):
        assert_every_paragraph_once_in_order(tei, record)


# --- hostile text, determinism, streaming --------------------------------------------------------


def test_hostile_text_is_escaped_and_kept(schema, sample_record):
    record = sample_record.model_copy(deep=True)
    hostile = "& < > \" ' \x00 \x0b ]]> " + HOSTILE
    record.paragraphs[5].text = hostile
    record.paragraphs[0].text = hostile  # a stage direction
    record.turns[0].speaker.name = 'Mr. <Bazarbaev> & "Co"\x00'
    record.turns[2].speaker.role = "Country <Rapporteur> & \x0b"
    record.place = record.committee = record.agenda[0].title = hostile
    record.symbol = "CMW/C/SR.537 <&>\x00"
    record.events[0].text = record.events[0].time = hostile
    doc = valid(schema, to_tei(record))
    expected = hostile
    for ch in "\x00\x0b\x1f\ud800":
        expected = expected.replace(ch, "\ufffd")
    found = paragraphs_of(doc.xpath("t:TEI", namespaces=NS)[0])
    assert text_of(found[5]) == expected and text_of(found[0]) == expected
    assert doc.xpath("string(//t:person[1]/t:persName)", namespaces=NS) == 'Mr. <Bazarbaev> & "Co"\ufffd'
    assert doc.xpath("string(//t:setting/t:placeName)", namespaces=NS) == expected
    assert doc.xpath("string(//t:sourceDesc//t:idno[@type='symbol'])", namespaces=NS) == "CMW/C/SR.537 <&>\ufffd"
    assert expected in doc.xpath("//t:body/t:note/text()", namespaces=NS)


def test_the_output_is_deterministic(sample_record):
    first = to_tei(sample_record)
    assert to_tei(sample_record.model_copy(deep=True)) == first
    assert to_tei([sample_record]) == first
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<teiCorpus")


def test_write_streams_many_records(schema, sample_record):
    out = io.BytesIO()
    written_when_asked: list[int] = []

    def records(n: int):
        for i in range(n):
            written_when_asked.append(len(out.getvalue()))
            record = sample_record.model_copy(update={"symbol": f"CMW/C/SR.{1000 + i}", "meeting": 1000 + i})
            yield record

    assert write_tei(records(200), out) == 200
    # Written as it goes, not held until the end: output had reached the sink long before the last
    # record was asked for.
    assert written_when_asked[100] > 0
    assert written_when_asked[-1] > len(out.getvalue()) // 2
    doc = valid(schema, out.getvalue())
    teis = doc.xpath("t:TEI", namespaces=NS)
    assert [t.get(XML_ID) for t in teis] == [f"CMW_C_SR.{1000 + i}.en" for i in range(200)]
    assert len(doc.xpath("//t:seg", namespaces=NS)) == 200 * sum(p.turn is not None for p in sample_record.paragraphs)


def test_an_empty_stream_is_a_valid_corpus_header_only(sample_record):
    from lxml import etree

    out = io.BytesIO()
    assert write_tei([], out) == 0
    doc = etree.fromstring(out.getvalue())
    assert doc.tag == f"{{{TEI}}}teiCorpus" and doc.xpath("t:TEI", namespaces=NS) == []


def test_a_record_with_no_paragraphs_still_validates(schema, sample_record):
    record = sample_record.model_copy(deep=True, update={"paragraphs": [], "turns": [], "agenda": [], "symbol": None})
    record.events = [e for e in record.events if e.paragraph is None]
    doc = valid(schema, to_tei(record))
    assert doc.xpath("//t:body/t:div/@type", namespaces=NS) == ["commentSection"]


def test_tei_document_is_one_record_with_its_id(schema, sample_record):
    from lxml import etree

    tei = tei_document(sample_record)
    assert tei.tag == f"{{{TEI}}}TEI" and tei.get(XML_ID) == document_id(sample_record) == "CMW_C_SR.537.en"
    assert tei_document(sample_record, "x").get(XML_ID) == "x"
    # Built by hand into a corpus, it is the same document write_tei streams.
    corpus = etree.Element(f"{{{TEI}}}teiCorpus", nsmap={None: TEI})
    corpus.extend([corpus_header(), tei])
    data = etree.tostring(corpus, encoding="UTF-8")
    assert b"urn:x-tbdialogue" not in data
    doc = valid(schema, data)
    streamed = etree.fromstring(to_tei(sample_record))
    assert etree.tostring(doc, method="c14n2", strip_text=True) == etree.tostring(
        streamed, method="c14n2", strip_text=True
    )
