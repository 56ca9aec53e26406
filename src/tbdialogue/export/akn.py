"""Akoma Ntoso 3.0 (OASIS LegalDocML): one ``<akomaNtoso><debate>`` per record, valid against the
OASIS schema.

How a summary record maps to a debate (following the AKN4UN guidelines for meeting records):

- ``meta/identification``: FRBR work / expression / manifestation URIs from the body, the meeting
  date and number and the language (``/akn/un/debaterecord/cmw/2023-11-30/537/eng@``); the symbol
  as the work's alias (``FRBRalias name="symbol"``).
- ``meta/references``: a ``TLCPerson`` per speaker, a ``TLCRole`` per role printed in a label
  (Chair, Country Rapporteur …), a ``TLCOrganization`` for the committee, the State party's
  delegation and the secretariat, ``TLCConcept``s for question statuses.
- ``preface``: the symbol, the committee, the title, place, date and time, the chair, the agenda as
  printed on the cover, the documents under consideration as ``ref``s to the UN document system.
- ``debateBody``: a ``debateSection`` per agenda item (and sub-item) whose heading is printed in
  the body, from its first paragraph; what comes before (the meeting called to order) in an
  ``opening`` section, the meeting's end in ``adjournment``. A turn is a ``speech by="#person"
  as="#role"`` with the printed label in ``<from>`` and one ``<p eId="para_24">`` per paragraph
  (the printed number); a stage direction or an event is a ``narrative``, its time a
  ``recordedTime``.
- Questions (when analysed): the request inside its paragraph is ``<inline name="question"
  eId="qst_3" refersTo="#status_answered">``; the sentence quoted as its answer is ``<inline
  name="answer" refersTo="#qst_3">`` in the delegation's paragraph; and ``meta/analysis`` lists
  every question with its status, confidence and answering paragraphs (those in other records of
  the dialogue by citable id) in the ``tbdialogue`` namespace, which AKN's ``otherAnalysis`` admits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..lexicon.languages import UnknownLanguage, language
from ..lexicon.normalize import fold
from ..lexicon.numbers import clock
from ..model import AgendaItem, AgendaSubItem, Event, Question, Record, Speaker
from . import ExportError
from .output import atomic_file, folder
from .placement import events_by_place
from .tables import record_id
from .xmltext import fill_mixed, xml_id, xml_safe

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
TBD = "https://tbdialogue.org/ns/analysis/1"
_NS = {None: AKN}
#: The meeting's end: the closing events go in ``adjournment``.
_CLOSING = {"rose", "adjourned"}
_UNKNOWN_DATE = "0001-01-01"  # FRBRdate requires a date: this one says "not known"


def _e(tag: str, attrib: dict[str, str] | None = None, text: str | None = None, parent: Any = None) -> Any:
    from lxml import etree

    attrs = {k: v for k, v in (attrib or {}).items() if v is not None}
    el = etree.SubElement(parent, f"{{{AKN}}}{tag}", attrs) if parent is not None else etree.Element(
        f"{{{AKN}}}{tag}", attrs, nsmap=_NS
    )
    if text:
        el.text = xml_safe(text)
    return el


def _code3(code: str) -> str:
    try:
        return language(code).code3
    except UnknownLanguage:
        return code


def _slug(text: str) -> str:
    """ "Mr. Ünver" → "mr-unver": accents folded, anything else not a letter or digit as "-"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text, lower=True)).strip("-") or "x"


# --- references ------------------------------------------------------------------------------------


class _Refs:
    """The TLC references of one record: eIds made once, unique within the document."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self._hrefs: dict[str, str] = {}
        self.persons: dict[tuple, tuple[str, str]] = {}
        self.roles: dict[str, tuple[str, str]] = {}
        self.orgs: dict[str, tuple[str, str]] = {}
        self.used: set[str] = set()
        body = (record.body or "committee").lower()
        self.committee = self.org("committee", record.committee or record.body or "Committee", f"/akn/ontology/organization/un/{_slug(body)}")
        state = record.state_party
        self.state = (
            self.org("state", f"Delegation of {state}", f"/akn/ontology/organization/un/delegation.{_slug(record.state_party_code or state)}")
            if state
            else None
        )  # fmt: skip

    def _unique(self, base: str) -> str:
        eid, n = xml_id(base), 2
        while eid in self.used:
            eid, n = f"{xml_id(base)}_{n}", n + 1
        self.used.add(eid)
        return eid

    def org(self, key: str, show: str, href: str) -> str:
        if key not in self.orgs:
            self.orgs[key] = (self._unique(_slug(key if key in ("committee", "state") else show)), show)
            self._hrefs[key] = href
        return self.orgs[key][0]

    def person(self, s: Speaker) -> str:
        key = (s.name, s.affiliation, s.side)
        if key not in self.persons:
            self.persons[key] = (self._unique(_slug(s.name)), s.name)
        return self.persons[key][0]

    def role(self, role: str | None) -> str | None:
        if not role:
            return None
        if role not in self.roles:
            self.roles[role] = (self._unique("role-" + _slug(role)), role)
        return self.roles[role][0]

    def side_org(self, s: Speaker) -> str | None:
        if s.side == "committee":
            return self.committee
        if s.side == "state":
            return self.state
        if s.side == "secretariat":
            return self.org("secretariat", "Secretariat", "/akn/ontology/organization/un/secretariat")
        return None

    def write(self, parent: Any) -> None:
        refs = _e("references", {"source": "#tbdialogue"}, parent=parent)
        _e("TLCOrganization", {"eId": "tbdialogue", "href": "/akn/ontology/organization/tbdialogue", "showAs": "tbdialogue"}, parent=refs)
        for key, (eid, show) in self.orgs.items():
            _e("TLCOrganization", {"eId": eid, "href": self._hrefs[key], "showAs": xml_safe(show)}, parent=refs)
        for eid, show in self.persons.values():
            _e("TLCPerson", {"eId": eid, "href": f"/akn/ontology/person/un/{eid}", "showAs": xml_safe(show)}, parent=refs)
        for eid, show in self.roles.values():
            _e("TLCRole", {"eId": eid, "href": f"/akn/ontology/role/un/{eid}", "showAs": xml_safe(show)}, parent=refs)
        for status in ("answered", "check", "partial", "unanswered"):
            _e("TLCConcept", {"eId": f"status_{status}", "href": f"/akn/ontology/concept/tbdialogue/{status}", "showAs": status}, parent=refs)  # fmt: skip


# --- identification --------------------------------------------------------------------------------


def work_uri(record: Record) -> str:
    body = _slug(record.body or "un")
    number = str(record.meeting) if record.meeting is not None else _slug(record_id(record))
    return f"/akn/un/debaterecord/{body}/{record.date or _UNKNOWN_DATE}/{number}"


def _identification(meta: Any, record: Record) -> None:
    work = work_uri(record)
    lang3 = _code3(record.language)
    expr = f"{work}/{lang3}@"
    date = record.date or _UNKNOWN_DATE
    ident = _e("identification", {"source": "#tbdialogue"}, parent=meta)
    w = _e("FRBRWork", parent=ident)
    _e("FRBRthis", {"value": f"{work}/!main"}, parent=w)
    _e("FRBRuri", {"value": work}, parent=w)
    if record.symbol:
        _e("FRBRalias", {"value": xml_safe(record.symbol), "name": "symbol"}, parent=w)
    _e("FRBRdate", {"date": date, "name": "meeting" if record.date else "unknown"}, parent=w)
    _e("FRBRauthor", {"href": "#committee"}, parent=w)
    _e("FRBRcountry", {"value": "un"}, parent=w)
    if record.meeting is not None:
        _e("FRBRnumber", {"value": str(record.meeting)}, parent=w)
    x = _e("FRBRExpression", parent=ident)
    _e("FRBRthis", {"value": f"{expr}/!main"}, parent=x)
    _e("FRBRuri", {"value": expr}, parent=x)
    _e("FRBRdate", {"date": record.distribution_date or date, "name": "publication" if record.distribution_date else "meeting"}, parent=x)  # fmt: skip
    _e("FRBRauthor", {"href": "#committee"}, parent=x)
    _e("FRBRlanguage", {"language": lang3}, parent=x)
    m = _e("FRBRManifestation", parent=ident)
    _e("FRBRthis", {"value": f"{expr}/!main.xml"}, parent=m)
    _e("FRBRuri", {"value": f"{expr}.akn"}, parent=m)
    _e("FRBRdate", {"date": record.distribution_date or date, "name": "transformation"}, parent=m)
    _e("FRBRauthor", {"href": "#tbdialogue"}, parent=m)


def _document_ref(parent: Any, symbol: str) -> None:
    _e("ref", {"href": f"https://undocs.org/{symbol}"}, symbol, parent=parent)


def _preface(doc: Any, record: Record, refs: _Refs) -> None:
    pre = _e("preface", parent=doc)
    if record.symbol:
        _e("docNumber", text=record.symbol, parent=_e("p", {"class": "symbol"}, parent=pre))
    if record.committee:
        _e("docProponent", {"refersTo": "#committee"}, record.committee, parent=_e("p", parent=pre))
    title = f"Summary record of the {record.meeting}th meeting" if record.meeting is not None else "Summary record"
    _e("docTitle", text=title, parent=_e("p", parent=pre))
    if record.place or record.date:
        p = _e("p", {"class": "held"}, parent=pre)
        if record.place:
            _e("location", {"refersTo": "#committee"}, record.place, parent=p)
        if record.date:
            d = _e("docDate", {"date": record.date}, record.date, parent=p)
            if record.place:
                d.getprevious().tail = ", "
            if record.time:
                d.tail = ", " + xml_safe(record.time)
    if record.chair:
        p = _e("p", {"class": "chair"}, "Chair: ", parent=pre)
        _e("person", {"refersTo": "#committee", "as": "#" + (refs.role("Chair") or "")}, record.chair, parent=p)
    for item in record.agenda:
        _agenda_line(pre, item, "agendaItem")
        for sub in item.items:
            _agenda_line(pre, sub, "agendaSubItem")
    for note in record.notes:
        _e("p", {"class": f"note {note.kind}"}, note.text, parent=pre)


def _agenda_line(parent: Any, item: AgendaItem | AgendaSubItem, cls: str) -> None:
    p = _e("p", {"class": cls}, item.title + (" (continued)" if item.continued else ""), parent=parent)
    if item.documents:
        last = None
        for i, d in enumerate(item.documents):
            if i:
                last.tail = "; "
            last = _e("ref", {"href": f"https://undocs.org/{d}"}, d, parent=p)
        p.text = (p.text or "") + " ("
        last.tail = ")"


# --- body ------------------------------------------------------------------------------------------


def para_eid(record: Record, index: int) -> str:
    p = record.paragraphs[index - 1]
    return f"para_{p.number}" if p.number is not None and p.id.endswith(f"/p{p.number}") else f"para_i{index}"


def _label(s: Speaker) -> str:
    extra = s.role if s.role and s.role != "Chair" else s.affiliation
    if s.role == "Chair" and s.name.lower().rstrip(".") in ("the chair", "chair", "chairperson", "the chairperson"):
        return s.name
    return f"{s.name} ({extra})" if extra else s.name


def _spans(record: Record) -> dict[int, list[tuple[int, int, str, dict[str, str]]]]:
    """Per paragraph index: the question and answer spans to mark (start, end, name, attributes),
    without overlaps (a span that would overlap one already kept is left unmarked)."""
    out: dict[int, list[tuple[int, int, str, dict[str, str]]]] = {}
    answers: dict[tuple[int, int, int], list[str]] = {}
    by_id = {p.id: p.index for p in record.paragraphs}
    for q in record.questions or []:
        qid = _qid(q)
        if q.start is not None and q.end is not None and q.start < q.end:
            out.setdefault(q.paragraph, []).append((q.start, q.end, "question", {"eId": qid, "refersTo": f"#status_{q.shown_as()}"}))  # fmt: skip
        for quote in q.quotes:
            idx = by_id.get(quote.paragraph)
            if idx is not None and quote.start < quote.end:
                answers.setdefault((idx, quote.start, quote.end), []).append(f"#{qid}")
    for (idx, start, end), qids in answers.items():
        out.setdefault(idx, []).append((start, end, "answer", {"refersTo": " ".join(qids)}))
    for idx, spans in out.items():
        spans.sort()
        kept: list[tuple[int, int, str, dict[str, str]]] = []
        for s in spans:
            if not kept or s[0] >= kept[-1][1]:
                kept.append(s)
        out[idx] = kept
    return out


def _qid(q: Question) -> str:
    return "qst_" + q.id.rsplit("/q", 1)[-1] if "/q" in q.id else xml_id(q.id)


def _mixed(el: Any, text: str, spans: list[tuple[int, int, str, dict[str, str]]]) -> Any:
    return fill_mixed(el, text, spans, lambda parent, tag, attrs, t: _e(tag, attrs, t, parent=parent))


def _marked_p(parent: Any, eid: str, text: str, spans: list[tuple[int, int, str, dict[str, str]]]) -> Any:
    """A paragraph with its questions and quoted answers marked as ``inline`` elements."""
    marks = [(start, end, "inline", {"name": name, **attrs}) for start, end, name, attrs in spans]
    return _mixed(_e("p", {"eId": eid}, parent=parent), text, marks)


def _narrative(parent: Any, text: str, times: list[str | None], date: str | None, eid: str | None = None) -> None:
    """A stage direction; each printed time that can be read becomes a ``recordedTime``."""
    marks = []
    pos = 0
    for t in times:
        iso = clock(t)
        where = text.find(t, pos) if t and date and iso else -1
        if where >= 0:
            marks.append((where, where + len(t), "recordedTime", {"time": f"{date}T{iso}"}))
            pos = where + len(t)
    _mixed(_e("narrative", {"eId": eid}, parent=parent), text, marks)


def _sections(record: Record) -> list[tuple[int, int, AgendaItem | AgendaSubItem]]:
    """(start paragraph, depth, item) of every agenda item and sub-item whose heading is printed
    in the body, in the body's order."""
    out = []
    for item in record.agenda:
        if item.paragraph is not None:
            out.append((item.paragraph, 0, item))
        for sub in item.items:
            if sub.paragraph is not None:
                out.append((sub.paragraph, 1 if item.paragraph is not None else 0, sub))
    return sorted(out, key=lambda s: (s[0], s[1]))


def _body(doc: Any, record: Record, refs: _Refs) -> None:
    body = _e("debateBody", parent=doc)
    spans = _spans(record)
    before, on, end = events_by_place(record)
    starts = _sections(record)
    counter = {"dbsect": 0, "speech": 0}

    def section(parent: Any, name: str, heading: str | None = None) -> Any:
        counter["dbsect"] += 1
        s = _e("debateSection", {"eId": f"dbsect_{counter['dbsect']}", "name": name}, parent=parent)
        if heading:
            _e("heading", text=heading, parent=s)
        return s

    first_start = starts[0][0] if starts else 1
    opening = None
    if first_start > 1 or before.get(first_start) or not starts:
        opening = section(body, "opening" if starts else "proceedings")
    containers: list[tuple[int, Any]] = []  # (depth, element) of the open sections
    current = opening
    pending = sorted(starts, key=lambda s: (s[0], s[1]))
    speech = None
    speech_turn = None

    def events_here(parent: Any, groups: list[list[Event]]) -> None:
        for g in groups:
            _narrative(parent, g[0].text, [e.time for e in g], record.date)

    for p in record.paragraphs:
        # Events printed before this paragraph stay in the section that ends here, unless it opens a
        # section that nothing precedes.
        if p.index in before and (not pending or pending[0][0] != p.index or current is not None):
            events_here(current if current is not None else section(body, "opening"), before.pop(p.index))
            speech = None
        while pending and pending[0][0] == p.index:
            _, depth, item = pending.pop(0)
            while containers and containers[-1][0] >= depth:
                containers.pop()
            parent = containers[-1][1] if containers else body
            current = section(parent, "agendaItem" if isinstance(item, AgendaItem) else "agendaSubItem", item.title)
            for d in item.documents:
                _document_ref(_e("p", {"class": "document"}, parent=current), d)
            containers.append((depth, current))
            speech = None
        if p.index in before:
            events_here(current, before.pop(p.index))
            speech = None
        if current is None:
            current = opening = section(body, "opening")
        if p.turn is None:
            times = [e.time for e in on.get(p.index, [])]
            _narrative(current, p.text, times, record.date, para_eid(record, p.index))
            speech = None
            continue
        if speech is None or speech_turn != p.turn:
            s = record.turns[p.turn].speaker
            counter["speech"] += 1
            attrs = {"by": "#" + refs.person(s), "eId": f"speech_{counter['speech']}"}
            role = refs.role(s.role)
            if role:
                attrs["as"] = "#" + role
            org = refs.side_org(s)
            if org:
                attrs["refersTo"] = "#" + org
            speech = _e("speech", attrs, parent=current)
            _e("from", text=_label(s), parent=speech)
            speech_turn = p.turn
        _marked_p(speech, para_eid(record, p.index), p.text, spans.get(p.index, []))
    if end:
        closing = [g for g in end if g[0].kind in _CLOSING]
        others = [g for g in end if g[0].kind not in _CLOSING]
        if others:
            events_here(current if current is not None else section(body, "opening"), others)
        if closing:
            adj = _e("adjournment", {"eId": "adjournment_1"}, parent=body)
            events_here(adj, closing)


def _analysis(meta: Any, record: Record) -> None:
    from lxml import etree

    qs = record.questions
    if not qs:
        return
    analysis = _e("analysis", {"source": "#tbdialogue"}, parent=meta)
    other = _e("otherAnalysis", {"source": "#tbdialogue"}, parent=analysis)
    listing = etree.SubElement(other, f"{{{TBD}}}questions", nsmap={"tbd": TBD})
    by_index = {p.index: p.id for p in record.paragraphs}
    for q in qs:
        attrs = {
            "href": f"#{_qid(q)}",
            "id": q.id,
            "paragraph": f"#{para_eid(record, q.paragraph)}",
            "status": q.status,
            "shownAs": q.shown_as(),
        }
        if q.confidence:
            attrs["confidence"] = q.confidence
        if q.same_as:
            attrs["sameAs"] = q.same_as
        el = etree.SubElement(listing, f"{{{TBD}}}question", attrs)
        if q.asker:
            el.set("asker", xml_safe(q.asker))
        if q.confidence_reason:
            el.set("reason", xml_safe(q.confidence_reason))
        for i in q.answers:
            if i in by_index:
                etree.SubElement(el, f"{{{TBD}}}answer", {"href": f"#{para_eid(record, i)}", "paragraph": by_index[i]})
        for pid in q.answers_elsewhere:
            etree.SubElement(el, f"{{{TBD}}}answer", {"paragraph": xml_safe(pid)})
        if q.review is not None:
            r = q.review
            etree.SubElement(
                el,
                f"{{{TBD}}}review",
                {"reviewer": xml_safe(r.reviewer), "at": r.reviewed_at, "decision": r.decision, "status": r.status},
            )


def akn_document(record: Record) -> Any:
    """The record as an ``<akomaNtoso>`` element."""
    root = _e("akomaNtoso")
    doc = _e("debate", {"name": "summaryRecord"}, parent=root)
    refs = _Refs(record)
    meta = _e("meta", parent=doc)
    _identification(meta, record)
    _preface(doc, record, refs)
    _body(doc, record, refs)  # names the persons and roles the references list
    _analysis(meta, record)
    refs.write(meta)
    _order_meta(meta)
    return root


def _order_meta(meta: Any) -> None:
    order = {"identification": 0, "publication": 1, "classification": 2, "lifecycle": 3, "workflow": 4,
             "analysis": 5, "temporalData": 6, "references": 7, "notes": 8, "proprietary": 9, "presentation": 10}  # fmt: skip
    children = sorted(meta, key=lambda el: order.get(el.tag.split("}")[-1], 99))
    for el in children:
        meta.remove(el)
        meta.append(el)


def to_akn(record: Record) -> bytes:
    from lxml import etree

    return etree.tostring(akn_document(record), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def file_name(record: Record) -> str:
    """``CMW-C-SR.537.en.akn.xml``: the symbol with ``/`` as ``-``, and the language."""
    return f"{re.sub(r'[^A-Za-z0-9.()-]+', '-', record_id(record)).strip('-')}.{record.language}.akn.xml"


def write(records: Iterable[Record], out: Any, progress: Callable[[int], None] | None = None) -> int:
    """One record to a file named ``*.xml``; otherwise one file per record in the folder ``out``."""
    target = Path(out)
    n = 0
    if target.suffix.lower() == ".xml" and not target.is_dir():
        it: Iterator[Record] = iter(records)
        first = next(it, None)
        if first is None:
            raise ExportError("no record to export")
        if next(it, None) is not None:
            raise ExportError(f"several records: give a folder for --out, not the file {target.name}")
        with atomic_file(target) as fh:
            fh.write(to_akn(first))
        if progress:
            progress(1)
        return 1
    where = folder(target)
    for record in records:
        with atomic_file(where / file_name(record)) as fh:
            fh.write(to_akn(record))
        n += 1
        if progress:
            progress(n)
    return n
