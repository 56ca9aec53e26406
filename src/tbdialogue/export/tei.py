"""TEI Parla-CLARIN: one ``<TEI>`` per record in one ``<teiCorpus>``, valid against the
Parla-CLARIN schema (the TEI customisation ParlaMint is built on).

How a summary record maps to a corpus component, following the Parla-CLARIN exemplar and the
ParlaMint encoding guidelines (``Schema/ParlaMint.odd.xml``, chapter "Transcriptions"):

- ``teiHeader``: the title ("Summary record of the 537th meeting, CMW/C/SR.537"), ``meeting``
  elements for the meeting and the session (``ana`` pointing at the ``parla.meeting`` and
  ``parla.session`` categories, ``corresp`` at the committee), the record's notices in
  ``notesStmt``, the source as a ``bibl`` (the symbol as ``idno type="symbol"`` and as an
  ``undocs.org`` URI, the meeting date and the date of issue); ``profileDesc`` with the setting
  (committee, place, date, time), the language, and ``particDesc``: a ``listOrg`` (the committee,
  the State party's delegation, the secretariat) and a ``listPerson`` with a ``person`` per speaker
  (the label as printed in ``persName``; ``affiliation`` to the committee, the delegation or the
  secretariat, and one per role printed in a label: Chair, Country Rapporteur …).
- ``text/body``: a ``div type="debateSection"`` per agenda item (and sub-item) whose heading is
  printed in the body, its title in ``head``; what comes before the first heading in a div with no
  head. A turn is ``<u who="#person" ana="#chair|#regular|#guest">`` (ParlaMint's speaker types:
  the presiding officer; committee members; the delegation, the secretariat and anyone else) with a
  ``<seg xml:id=… n="24">`` per paragraph (``n``: the printed number).
- Transcriber comments, as ParlaMint encodes them: an event or stage direction that prints a time
  is a ``<note type="time">`` with the time as ``<time when="2023-11-30T10:10:00">``; a delegation
  joining or leaving, or a new chair taking the chair, is an ``<incident type="action">`` with the
  sentence in ``<desc>``; a suspension or resumption printed without a time an ``<incident
  type="break">``; a decision a ``<note type="decision">``; any other stage direction a ``<note>``.
  A stage direction that is a paragraph keeps its ``xml:id`` and ``n`` like a segment; each is
  placed where it is printed: between utterances, inside an utterance it interrupts (the same turn
  goes on after it), or between divisions when it comes just before a heading or after the last
  paragraph ("The meeting rose at 1 p.m.").

The speaker types and the meeting categories are defined once, in the corpus ``teiHeader``
(``classDecl``), as in the Parla-CLARIN exemplar. ``write_tei`` streams: each ``TEI`` element is
built, written and dropped, so memory stays flat however many records there are. Output is
deterministic: no date of "now", nothing from the machine.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, BinaryIO

from ..lexicon.languages import UnknownLanguage, language
from ..lexicon.normalize import fold
from ..lexicon.numbers import clock
from ..model import AgendaItem, AgendaSubItem, Event, Paragraph, Record, Speaker
from .output import stream_or_file
from .placement import events_by_place
from .tables import record_id
from .xmltext import fill_mixed, xml_id, xml_safe

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML}}}id"
_NS = {None: TEI}
#: Ids are built under this name and written as ``xml:id``: libxml2 registers every ``xml:id`` set on
#: an element in lxml's per-thread string dictionary, which is never freed, so building 50,000
#: records with real ``xml:id``s would grow memory by some 4 kB a record.
_ID = "{urn:x-tbdialogue:build}id"
#: Categories the corpus header defines (and every record points at): none may be a record's id.
_CATEGORIES = ("chair", "regular", "guest", "parla.session", "parla.meeting")
_ACTION = {"delegation_joined", "delegation_withdrew", "chair_taken"}
_BREAK = {"suspended", "resumed"}


# --- elements ----------------------------------------------------------------------------------------


@cache
def _etree() -> Any:
    from lxml import etree

    return etree


def _e(tag: str, attrib: dict[str, str | None] | None = None, text: str | None = None, parent: Any = None) -> Any:
    """A TEI element; attributes whose value is None are left out; all text made XML-safe."""
    etree = _etree()
    attrs = {_qname(k): xml_safe(v) for k, v in (attrib or {}).items() if v is not None}
    if parent is None:
        el = etree.Element(f"{{{TEI}}}{tag}", attrs, nsmap=_NS)
    else:
        el = etree.SubElement(parent, f"{{{TEI}}}{tag}", attrs)
    if text:
        el.text = xml_safe(text)
    return el


def _qname(name: str) -> str:
    if name == "xml:id":
        return _ID
    return f"{{{XML}}}{name[4:]}" if name.startswith("xml:") else name


def _slug(text: str) -> str:
    """ "Mr. Ünver" → "mr-unver"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text, lower=True)).strip("-") or "x"


def _token(text: str) -> str | None:
    """A printed role as one token for ``@role``: "Country Rapporteur" → "countryRapporteur"."""
    words = re.findall(r"[a-z0-9]+", fold(text, lower=True))
    return (words[0] + "".join(w.capitalize() for w in words[1:])) if words else None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _language_name(code: str) -> str:
    try:
        return language(code).name
    except UnknownLanguage:
        return code


def _with_times(el: Any, text: str, times: list[str], date: str | None) -> Any:
    """``text`` into ``el``, each printed time in it as ``<time when=…>`` (the date with it when the
    record has one, as ParlaMint asks)."""
    spans, pos = [], 0
    for t in times:
        where = text.find(t, pos) if t else -1
        iso = clock(t)
        if where >= 0 and iso is not None:
            spans.append((where, where + len(t), "time", {"when": f"{date}T{iso}" if date else iso}))
            pos = where + len(t)
    el.text = ""
    return fill_mixed(el, text, spans, lambda parent, tag, attrs, t: _e(tag, attrs, t, parent=parent))


# --- ids and participants ----------------------------------------------------------------------------


class _Ids:
    """xml:ids unique within the document, all prefixed with the record's."""

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.used: set[str] = set()

    def __call__(self, local: str) -> str:
        base = xml_id(f"{self.doc}.{local}")
        out, n = base, 2
        while out in self.used:
            out, n = f"{base}_{n}", n + 1
        self.used.add(out)
        return out


class _Participants:
    """The organisations and persons of one record, named once."""

    def __init__(self, record: Record, ids: _Ids) -> None:
        self.record = record
        self.ids = ids
        self.committee = ids("committee")
        self.delegation = ids("delegation") if record.state_party else None
        self.secretariat: str | None = None
        self.persons: dict[tuple, tuple[str, Speaker, list[str]]] = {}

    def person(self, s: Speaker) -> str:
        key = (s.name, s.affiliation, s.side)
        if key not in self.persons:
            self.persons[key] = (self.ids(_slug(s.name)), s, [])
        pid, _, roles = self.persons[key]
        if s.role and s.role not in roles:
            roles.append(s.role)
        if s.side == "secretariat" and self.secretariat is None:
            self.secretariat = self.ids("secretariat")
        return pid

    def _state(self, s: Speaker) -> bool:
        r = self.record
        return s.affiliation is None or s.affiliation in (r.state_party, r.state_party_printed)

    def write(self, partic: Any) -> None:
        r = self.record
        orgs = _e("listOrg", parent=partic)
        committee = _e("org", {"xml:id": self.committee, "role": "committee"}, parent=orgs)
        _e("orgName", {"full": "yes"}, r.committee or r.body or "Committee", parent=committee)
        if r.body:
            _e("orgName", {"full": "abb"}, r.body, parent=committee)
        if self.delegation:
            delegation = _e("org", {"xml:id": self.delegation, "role": "delegation"}, parent=orgs)
            _e("orgName", {"key": r.state_party_code}, r.state_party_printed or r.state_party, parent=delegation)
        if self.secretariat:
            sec = _e("org", {"xml:id": self.secretariat, "role": "secretariat"}, parent=orgs)
            _e("orgName", text="Secretariat", parent=sec)
        if not self.persons:
            return
        people = _e("listPerson", parent=partic)
        for pid, s, roles in self.persons.values():
            person = _e("person", {"xml:id": pid}, parent=people)
            _e("persName", text=s.name, parent=person)
            if s.side == "committee":
                _e("affiliation", {"ref": f"#{self.committee}", "role": "member"}, r.committee or r.body, parent=person)
            elif s.side == "state":
                ref = f"#{self.delegation}" if self.delegation and self._state(s) else None
                _e("affiliation", {"ref": ref, "role": "delegate"}, s.affiliation or r.state_party, parent=person)
            elif s.side == "secretariat":
                _e("affiliation", {"ref": f"#{self.secretariat}", "role": "secretariat"}, s.affiliation, parent=person)
            elif s.affiliation:
                _e("affiliation", text=s.affiliation, parent=person)
            org = {"committee": self.committee, "state": self.delegation, "secretariat": self.secretariat}.get(
                s.side or ""
            )
            for role in roles:
                token = "chair" if role == "Chair" else _token(role)
                if token:
                    _e("affiliation", {"ref": f"#{org}" if org else None, "role": token}, role, parent=person)


def _speaker_type(s: Speaker) -> str:
    if s.role == "Chair":
        return "chair"
    return "regular" if s.side == "committee" else "guest"


# --- header ------------------------------------------------------------------------------------------


def title(record: Record) -> str:
    """ "Summary record of the 537th meeting, CMW/C/SR.537"."""
    head = (
        f"Summary record of the {_ordinal(record.meeting)} meeting" if record.meeting is not None else "Summary record"
    )
    return f"{head}, {record_id(record)}"


def _header(tei: Any, record: Record, partic: _Participants) -> None:
    r = record
    header = _e("teiHeader", parent=tei)
    file_desc = _e("fileDesc", parent=header)
    stmt = _e("titleStmt", parent=file_desc)
    _e("title", {"type": "main", "xml:lang": "en"}, title(r), parent=stmt)
    if r.committee:
        _e("title", {"type": "sub"}, r.committee, parent=stmt)
    committee = f"#{partic.committee}"
    if r.meeting is not None:
        _e("meeting", {"n": str(r.meeting), "corresp": committee, "ana": "#parla.meeting"}, f"{_ordinal(r.meeting)} meeting", parent=stmt)  # fmt: skip
    if r.session is not None:
        _e("meeting", {"n": str(r.session), "corresp": committee, "ana": "#parla.session"}, f"{_ordinal(r.session)} session", parent=stmt)  # fmt: skip
    resp = _e("respStmt", parent=stmt)
    _e("resp", text="TEI encoding", parent=resp)
    _e("name", text="tbdialogue", parent=resp)

    pub = _e("publicationStmt", parent=file_desc)
    _e("publisher", text="United Nations", parent=pub)
    if r.symbol:
        _e("idno", {"type": "symbol"}, r.symbol, parent=pub)
    if r.distribution_date:
        _e("date", {"when": r.distribution_date}, r.distribution_date, parent=pub)
    if r.notes:
        notes = _e("notesStmt", parent=file_desc)
        for note in r.notes:
            _e("note", {"type": note.kind}, note.text, parent=notes)
    source = _e("sourceDesc", parent=file_desc)
    bibl = _e("bibl", parent=source)
    _e("title", text=title(r), parent=bibl)
    if r.committee or r.body:
        _e("author", text=r.committee or r.body, parent=bibl)
    if r.symbol:
        _e("idno", {"type": "symbol"}, r.symbol, parent=bibl)
        _e("idno", {"type": "URI", "subtype": "undocs"}, f"https://undocs.org/{r.symbol}", parent=bibl)
    if r.source and r.source.sha256:
        _e("idno", {"type": "sha256"}, r.source.sha256, parent=bibl)
    if r.date:
        _e("date", {"when": r.date}, r.date, parent=bibl)
    if r.distribution_date:
        _e("date", {"type": "issued", "when": r.distribution_date}, r.distribution_date, parent=bibl)

    profile = _e("profileDesc", parent=header)
    setting = _e("setting", parent=_e("settingDesc", parent=profile))
    _e("orgName", {"ref": committee}, r.committee or r.body or "Committee", parent=setting)
    if r.place:
        _e("placeName", text=r.place, parent=setting)
    if r.date:
        _e("date", {"when": r.date}, r.date, parent=setting)
    if r.time:
        iso = clock(r.time)
        _e("time", {"when": f"{r.date}T{iso}" if r.date and iso else iso}, r.time, parent=setting)
    langs = _e("langUsage", parent=profile)
    _e("language", {"ident": r.language}, _language_name(r.language), parent=langs)
    partic.write(_e("particDesc", parent=profile))


# --- body --------------------------------------------------------------------------------------------


def _sections(record: Record) -> dict[int, list[AgendaItem | AgendaSubItem]]:
    """The agenda items and sub-items whose heading is printed in the body, by the paragraph their
    discussion starts at (an item and its first sub-item often start at the same one)."""
    out: dict[int, list[AgendaItem | AgendaSubItem]] = {}
    for item in record.agenda:
        if item.paragraph is not None:
            out.setdefault(item.paragraph, []).append(item)
        for sub in item.items:
            if sub.paragraph is not None:
                out.setdefault(sub.paragraph, []).append(sub)
    return dict(sorted(out.items()))


def _comment(parent: Any, text: str, events: list[Event], date: str | None, attrs: dict[str, str | None]) -> Any:
    """A transcriber comment as ParlaMint encodes it: a time note, an incident or a note."""
    times = [e.time for e in events if e.time]
    kinds = {e.kind for e in events}
    if times:
        return _with_times(_e("note", {"type": "time", **attrs}, parent=parent), text, times, date)
    if kinds & _ACTION or kinds & _BREAK:
        el = _e("incident", {"type": "action" if kinds & _ACTION else "break", **attrs}, parent=parent)
        _e("desc", text=text, parent=el)
        return el
    el = _e("note", {"type": "decision" if "decision" in kinds else None, **attrs}, parent=parent)
    el.text = xml_safe(text)
    return el


class _Body:
    """The body built in document order: divisions, utterances, segments and comments."""

    def __init__(self, text: Any, record: Record, ids: _Ids, partic: _Participants) -> None:
        self.record = record
        self.ids = ids
        self.partic = partic
        self.body = _e("body", parent=text)
        self.div: Any = None
        self.u: Any = None
        self.u_turn: int | None = None
        self.last_u: dict[int, Any] = {}  # per turn: its last utterance (a turn split in two is linked)

    def division(self, items: list[AgendaItem | AgendaSubItem]) -> Any:
        self.close()
        self.div = _e("div", {"type": "debateSection"}, parent=self.body)
        for item in items:
            _e("head", {"type": "sub" if isinstance(item, AgendaSubItem) else None}, item.title, parent=self.div)
        docs = [d for item in items for d in item.documents]
        if docs:
            note = _e("note", {"type": "documents"}, parent=self.div)
            for i, d in enumerate(docs):
                ref = _e("ref", {"target": f"https://undocs.org/{d}"}, d, parent=note)
                if i < len(docs) - 1:
                    ref.tail = "; "
        return self.div

    def current_div(self) -> Any:
        return self.div if self.div is not None else self.division([])

    def close(self) -> None:
        self.u, self.u_turn = None, None

    def utterance(self, turn: int) -> Any:
        if self.u is not None and self.u_turn == turn:
            return self.u
        t = self.record.turns[turn]
        s = t.speaker
        attrs = {
            "xml:id": self.ids(t.id.rsplit("/", 1)[-1]),
            "who": f"#{self.partic.person(s)}",
            "ana": f"#{_speaker_type(s)}",
        }
        previous = self.last_u.get(turn)
        if previous is not None:
            attrs["prev"] = "#" + previous.get(_ID)
        self.u = _e("u", attrs, parent=self.current_div())
        if previous is not None:
            previous.set("next", "#" + self.u.get(_ID))
        self.u_turn = turn
        self.last_u[turn] = self.u
        return self.u

    def place(self, continues: bool) -> Any:
        """Where a comment goes: inside the open utterance when its turn goes on after it; else in
        the division."""
        if self.u is not None and continues:
            return self.u
        self.close()
        return self.current_div()


def _seg_id(p: Paragraph) -> str:
    return p.id.rsplit("/", 1)[-1] if "/" in p.id else f"p{p.index}"


def _body(tei: Any, record: Record, ids: _Ids, partic: _Participants) -> None:
    paras = record.paragraphs
    sections = _sections(record)
    before, on, end = events_by_place(record)
    b = _Body(_e("text", parent=tei), record, ids, partic)

    def resumes(index: int) -> bool:
        """Whether the open utterance's turn goes on at paragraph ``index`` (or the first spoken
        paragraph from there), no heading coming first."""
        for p in paras[index - 1 :]:
            if p.index in sections:
                return False
            if p.turn is not None:
                return p.turn == b.u_turn
        return False

    def comments(parent: Any, groups: list[list[Event]]) -> None:
        for g in groups:
            _comment(parent, g[0].text, g, record.date, {})

    for p in paras:
        i = p.index
        if i in before:
            if i in sections:
                b.close()
                comments(b.body, before[i])  # printed before a heading: between the divisions
            else:
                comments(b.place(resumes(i)), before[i])
        if i in sections:
            b.division(sections[i])
        if p.turn is None:
            attrs = {"xml:id": ids(_seg_id(p)), "n": str(p.number) if p.number is not None else None}
            _comment(b.place(i < len(paras) and resumes(i + 1)), p.text, on.get(i, []), record.date, attrs)
            continue
        u = b.utterance(p.turn)
        _e("seg", {"xml:id": ids(_seg_id(p)), "n": str(p.number) if p.number is not None else None}, p.text, parent=u)
    b.close()
    if b.div is None:  # a record with no paragraph: the body still needs a division
        _e("div", {"type": "commentSection"}, parent=b.body)
    comments(b.body, end)
    for div in b.body.iterchildren(f"{{{TEI}}}div"):
        if div.get("type") == "debateSection" and div.find(f"{{{TEI}}}u") is None:
            div.set("type", "commentSection")  # ParlaMint: a debate section holds at least one speech


# --- documents ---------------------------------------------------------------------------------------


def document_id(record: Record) -> str:
    """The record's xml:id: its symbol and language ("CMW_C_SR.537.en"); one symbol is issued in
    several languages, and a corpus may hold them all."""
    return xml_id(f"{record_id(record)}.{record.language}")


def _build(record: Record, doc: str) -> Any:
    """The ``<TEI>`` element, its ids under the build name (:data:`_ID`)."""
    ids = _Ids(doc)
    ids.used.add(doc)
    tei = _e("TEI", {"xml:id": doc, "xml:lang": record.language})
    partic = _Participants(record, ids)
    _body(tei, record, ids, partic)  # names the persons the header lists
    text = tei[0]
    tei.remove(text)
    _header(tei, record, partic)
    tei.append(text)
    return tei


def _real_ids(root: Any) -> Any:
    """The build ids as ``xml:id``s, the build namespace gone."""
    for el in root.iter():
        value = el.attrib.pop(_ID, None)
        if value is not None:
            el.set(XML_ID, value)
    _etree().cleanup_namespaces(root)
    return root


def tei_document(record: Record, doc_id: str | None = None) -> Any:
    """The record as a ``<TEI>`` element (``doc_id``: its xml:id, by default :func:`document_id`;
    every id inside starts with it)."""
    return _real_ids(_build(record, doc_id or document_id(record)))


def _write(xf: Any, el: Any, depth: int) -> None:
    """``el`` written through the incremental writer (no tree node made for its ids), indented
    where it holds elements only, as lxml's pretty printing does."""
    attrs = {(XML_ID if k == _ID else k): v for k, v in el.attrib.items()}
    children = list(el)
    mixed = bool(el.text) or any(c.tail for c in children)
    with xf.element(el.tag, attrs):
        if el.text:
            xf.write(el.text)
        for child in children:
            if not mixed:
                xf.write("\n" + "  " * (depth + 1))
            _write(xf, child, depth + 1)
            if child.tail:
                xf.write(child.tail)
        if children and not mixed:
            xf.write("\n" + "  " * depth)


def corpus_header() -> Any:
    """The ``teiHeader`` of the corpus: what it is, and the categories every record points at (the
    ParlaMint speaker types, the meeting and session of the ``meeting`` elements)."""
    return _real_ids(_corpus_header())


def _corpus_header() -> Any:
    header = _e("teiHeader", {"xml:lang": "en"})
    file_desc = _e("fileDesc", parent=header)
    stmt = _e("titleStmt", parent=file_desc)
    _e("title", text="Summary records of United Nations treaty bodies", parent=stmt)
    resp = _e("respStmt", parent=stmt)
    _e("resp", text="TEI encoding", parent=resp)
    _e("name", text="tbdialogue", parent=resp)
    _e("p", text="Summary records parsed and encoded by tbdialogue.", parent=_e("publicationStmt", parent=file_desc))
    _e("p", text="United Nations summary records of treaty-body meetings (https://undocs.org).", parent=_e("sourceDesc", parent=file_desc))  # fmt: skip
    encoding = _e("encodingDesc", parent=header)
    seg = _e("segmentation", parent=_e("editorialDecl", parent=encoding))
    _e("p", text="An utterance is a turn of the summary record; a segment is one of its numbered paragraphs.", parent=seg)  # fmt: skip
    classes = _e("classDecl", parent=encoding)
    speakers = _e("taxonomy", {"xml:id": "speaker_types"}, parent=classes)
    _e("desc", text="Types of speakers", parent=speakers)
    for cid, term, desc in (
        ("chair", "Chairperson", "whoever presides over the meeting"),
        ("regular", "Regular", "a member of the committee"),
        ("guest", "Guest", "a member of the State party's delegation, of the secretariat, or any other speaker"),
    ):
        cat = _e("catDesc", parent=_e("category", {"xml:id": cid}, parent=speakers))
        _e("term", text=term, parent=cat).tail = f": {desc}"
    parla = _e("taxonomy", {"xml:id": "parla"}, parent=classes)
    _e("desc", text="Meetings", parent=parla)
    for cid, term, desc in (
        ("parla.session", "Session", "a session of the committee, a series of meetings"),
        ("parla.meeting", "Meeting", "one meeting, summarised in one record"),
    ):
        cat = _e("catDesc", parent=_e("category", {"xml:id": cid}, parent=parla))
        _e("term", text=term, parent=cat).tail = f": {desc}"
    return header


def write(records: Iterable[Record], out: Any, progress: Callable[[int], None] | None = None) -> int:
    """The exporter's entry (``tbdialogue export --format tei``): to a file written whole or not at
    all, or to a stream (standard output)."""

    def counted(items: Iterable[Record]) -> Iterator[Record]:
        for n, item in enumerate(items, start=1):
            yield item
            if progress:
                progress(n)

    with stream_or_file(out) as fh:
        return write_tei(counted(records), fh)


def write_tei(records: Iterable[Record], out: BinaryIO) -> int:
    """One ``<teiCorpus>`` to ``out``: the corpus header, then a ``<TEI>`` per record, each built,
    written and dropped in turn (memory stays flat). A record whose id is already in the corpus
    (the same record twice) gets a suffix, so that ids stay unique. Returns the number of records."""
    from lxml import etree

    used = {"speaker_types", "parla", *_CATEGORIES}
    n = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{TEI}}}teiCorpus", nsmap={**_NS, "xml": XML}):  # xml: as itself, not ns0:
            xf.write("\n")
            _write(xf, _corpus_header(), 0)
            xf.write("\n")
            for record in records:
                base = document_id(record)
                doc, k = base, 2
                while doc in used:
                    doc, k = f"{base}_{k}", k + 1
                used.add(doc)
                _write(xf, _build(record, doc), 0)
                xf.write("\n")
                n += 1
    out.write(b"\n")
    return n


def to_tei(records: Record | Iterable[Record]) -> bytes:
    """A record, or records, as one ``<teiCorpus>`` document."""
    buf = io.BytesIO()
    write_tei([records] if isinstance(records, Record) else records, buf)
    return buf.getvalue()
