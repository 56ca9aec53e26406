"""What each page shows, as plain data: the HTML page renders it, its JSON twin under ``/api``
returns it as it is — one function per page, so the two can never disagree."""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from typing import Any

from ..analyse import stored_analyses
from ..errors import TbdError
from ..export.brief import bucket, cite, document_url, rows, summary_line
from ..model import Record
from ..store import Corpus
from ..store.browse import (
    BUCKETS,
    dialogue_ref,
    dialogue_refs,
    dialogue_version_ids,
    generation,
    person_paragraphs,
    speakers_of_state,
)
from ..store.corpus import state_code
from ..store.deadline import COUNT_LIMIT, SEARCH_SECONDS
from ..store.load import load_records
from ..store.reviews import with_reviews

PAGE_SIZE = 20
#: Questions shown on one page of a dialogue (real dialogues have 30–150).
QUESTIONS_PER_PAGE = 200
#: Marks around the words found in a snippet: private-use characters, never in a record's text, so
#: the page escapes the text first and then turns them into <mark>.
MARK = ("\ue000", "\ue001")


class NotFound(TbdError):
    """A page for something the corpus does not hold."""


def home(corpus: Corpus) -> dict[str, Any]:
    s = corpus.stats()
    with corpus.engine.connect() as conn:
        recent = [d.to_dict() for d in dialogue_refs(conn, limit=10)]
    return {
        "records": s["records"],
        "versions": s["versions"],
        "paragraphs": s["paragraphs"],
        "dialogues": s["dialogues"],
        "analysed": s["analysed"],
        "by_body": s["by_body"],
        "by_year": [(y, n) for y, n in s["by_year"] if y is not None],
        "by_language": s["by_language"],
        "questions": s["shown"],
        "recent_dialogues": recent,
    }


@dataclass
class SearchFilters:
    """The search page's filters, as query parameters (the page and its JSON twin take the same)."""

    body: str | None = None
    state: str | None = None
    year: str | None = None
    language: str | None = None
    side: str | None = None
    status: str | None = None

    def values(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v not in (None, "")}


def search(corpus: Corpus, q: str, page: int = 1, **filters: Any) -> dict[str, Any]:
    wanted = {k: v for k, v in filters.items() if v not in (None, "")}
    page = max(1, page)
    result = corpus.search(
        q,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        count=True,
        facets=True,
        mark=MARK,
        count_limit=COUNT_LIMIT,  # a word in a third of the corpus costs a bounded time
        time_limit=SEARCH_SECONDS,
        **wanted,
    )
    total = result.total or 0
    return {
        "capped": result.capped,
        # Capped: the hits are the best of the COUNT_LIMIT most recently stored matches, not of all.
        "ranked_among": "most recently stored" if result.capped else "all",
        "query": q,
        "filters": wanted,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "total": total,
        "milliseconds": round(result.elapsed_ms, 1),
        "hits": [
            {
                **h.to_dict(),
                "snippet": h.snippet,
                "citation": cite(h.id),
                "record_url": record_url(h.symbol, h.language, h.number or h.paragraph),
            }
            for h in result.hits
        ],
        "facets": result.facets or {},
    }


def record_url(symbol: str | None, language: str | None = None, paragraph: int | None = None) -> str | None:
    if not symbol:
        return None
    url = f"/records/{symbol}" + (f"?language={language}" if language and language != "en" else "")
    return url + (f"#p{paragraph}" if paragraph else "")


def record(corpus: Corpus, symbol: str, language: str | None = None) -> dict[str, Any]:
    try:
        rec = corpus.record(symbol, language=language)
    except TbdError as exc:
        raise NotFound(str(exc)) from None
    with corpus.engine.connect() as conn:
        rec = with_reviews(conn, rec)
        dialogue = _dialogue_of(conn, rec)
    return {"record": rec, "dialogue": dialogue, "document_url": document_url(f"{rec.symbol}/p1") if rec.symbol else None}


def _dialogue_of(conn, rec: Record) -> str | None:
    if not (rec.body and rec.state_party_code):
        return None
    key = f"{rec.body}/{rec.session if rec.session is not None else '-'}/{rec.state_party_code}"
    return key if dialogue_ref(conn, key) else None


@dataclass
class _Analysed:
    """A dialogue's records and every question's row, as computed once per corpus generation."""

    ref: Any
    language: str | None
    languages: list[str]
    records: list[Record]
    warnings: list[str]
    rows: list[dict[str, Any]]
    by_id: dict[str, tuple[Record, Any]]
    where: dict[str, tuple[Record, Any]]
    questions: list[Any]
    analyses: list[Any]  # the DialogueAnalysis list the brief is written from


#: Dialogues analysed for pages, kept while the corpus's generation stays the same: the filters and
#: pages of one dialogue share one analysis (a dialogue of a hundred records takes 0.4 s to load).
_ANALYSED: OrderedDict[tuple, _Analysed] = OrderedDict()
_ANALYSED_MAX = 16
_ANALYSED_LOCK = threading.Lock()


def analysed_dialogue(corpus: Corpus, key: str, language: str | None) -> _Analysed:
    with corpus.engine.connect() as conn:
        ref = dialogue_ref(conn, key)
        if ref is None:
            raise NotFound(f"no dialogue {key!r} in the corpus (body/session/State code, e.g. CMW/37/KGZ)")
        memo = (str(corpus.url), ref.key, language, generation(conn))
        with _ANALYSED_LOCK:
            found = _ANALYSED.get(memo)
            if found is not None:
                _ANALYSED.move_to_end(memo)
                return found
        ids = dialogue_version_ids(conn, ref.key, language)
        records = [with_reviews(conn, r) for r in load_records(conn, ids)]
    languages = sorted({r.language for r in records})
    lang = language or ("en" if "en" in languages else (languages[0] if languages else None))
    records = [r for r in records if r.language == lang]
    analyses = stored_analyses(records)
    value = _Analysed(
        ref=ref,
        language=lang,
        languages=languages,
        records=records,
        warnings=[w.message for a in analyses for w in a.warnings],
        rows=rows(analyses, None),
        by_id={q.id: (r, q) for a in analyses for r, q in a.questions},
        where={p.id: (r, p) for r in records for p in r.paragraphs},
        questions=[q for a in analyses for _, q in a.questions],
        analyses=analyses,
    )
    with _ANALYSED_LOCK:
        _ANALYSED[memo] = value
        while len(_ANALYSED) > _ANALYSED_MAX:
            _ANALYSED.popitem(last=False)
    return value


def dialogue(
    corpus: Corpus, key: str, status: str | None = None, language: str | None = None, page: int = 1
) -> dict[str, Any]:
    """A dialogue's questions (``status``: only those shown so — answered, check, partial,
    unanswered), 200 to a page, each with its answering paragraphs."""
    d = analysed_dialogue(corpus, key, language)
    all_rows = [r for r in d.rows if not status or r["shown_as"] == status]
    page = max(1, page)
    question_rows = []
    for shared in all_rows[(page - 1) * QUESTIONS_PER_PAGE : page * QUESTIONS_PER_PAGE]:
        row = dict(shared)  # the kept analysis is shared by every page: never changed
        rec, q = d.by_id[row["id"]]
        row["record"] = rec.symbol
        row["language"] = rec.language
        row["asked_in_citation"] = cite(row["asked_in"]) if row["asked_in"] else ""
        row["asked_in_url"] = record_url(rec.symbol, rec.language, rec.paragraphs[q.paragraph - 1].number)
        row["answers"] = []
        for pid in row["answered_in"].split("; ") if row["answered_in"] else []:
            found = d.where.get(pid)
            url = (
                record_url(found[0].symbol, found[0].language, found[1].number or found[1].index)
                if found
                else record_url(pid.rsplit("/", 1)[0])
            )
            row["answers"].append({"id": pid, "citation": cite(pid), "url": url, "text": found[1].text if found else None})
        question_rows.append(row)
    counts = Counter(bucket(q) for q in d.questions)
    return {
        "dialogue": d.ref.to_dict(),
        "language": d.language,
        "languages": d.languages,
        "status": status,
        "records": [
            {"symbol": r.symbol, "date": r.date, "meeting": r.meeting, "url": record_url(r.symbol, r.language),
             "analysed": r.questions is not None}  # fmt: skip
            for r in d.records
        ],
        "summary": summary_line(d.questions) if d.questions else "no question analysed",
        "counts": {k: counts.get(k, 0) for k in ("answered", "check", "partial", "unanswered")},
        "warnings": d.warnings,
        "questions": question_rows,
        "page": page,
        "pages": max(1, -(-len(all_rows) // QUESTIONS_PER_PAGE)),
        "shown": len(all_rows),
    }


def dialogues(corpus: Corpus) -> dict[str, Any]:
    with corpus.engine.connect() as conn:
        return {"dialogues": [d.to_dict() for d in dialogue_refs(conn, limit=1000)]}


def state(corpus: Corpus, name: str) -> dict[str, Any]:
    try:
        code = state_code(name)
    except TbdError as exc:
        raise NotFound(str(exc)) from None
    reviews = corpus.dialogue(code)
    with corpus.engine.connect() as conn:
        spoke = speakers_of_state(conn, code)
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(BUCKETS, 0))
    for d in reviews:
        if d.year is not None:
            for k, n in d.shown.items():
                by_year[d.year][k] += n
    name_shown = next((d.state_party for d in reviews if d.state_party), code)
    return {
        "state_code": code,
        "state_party": name_shown,
        "reviews": [
            {
                "key": f"{d.body}/{d.session if d.session is not None else '-'}/{d.state_code}",
                "body": d.body,
                "session": d.session,
                "year": d.year,
                "records": [{**r, "url": record_url(r["symbol"], r["language"])} for r in d.records],
                "questions": d.shown,
            }
            for d in reviews
        ],
        "questions_by_year": {y: by_year[y] for y in sorted(by_year)},
        "speakers": spoke,
    }


def person(corpus: Corpus, name: str, page: int = 1) -> dict[str, Any]:
    page = max(1, page)
    with corpus.engine.connect() as conn:
        found, total = person_paragraphs(conn, name, limit=PAGE_SIZE * 2, offset=(page - 1) * PAGE_SIZE * 2)
    if not total:
        raise NotFound(f"no speaker named {name!r} in the corpus (the name as the records print it, e.g. Ms. Dzumhur)")
    for f in found:
        f["url"] = record_url(f["symbol"], f["language"], f["number"])
        f["citation"] = cite(f["cid"])
    return {"name": name, "total": total, "page": page, "pages": max(1, -(-total // (PAGE_SIZE * 2))), "paragraphs": found}
