"""The JSON twins of the pages, under ``/api``: the same data as the page, documented by OpenAPI
at ``/docs``. Errors are JSON too: ``{"error": "…", "status": 404}``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile

from ..model import Record
from . import data
from .app import check_write
from .data import SearchFilters
from .writes import ReviewForm, store_review, store_upload

router = APIRouter(prefix="/api", tags=["api"])


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@router.get("/home", summary="The corpus at a glance: records by body, year and language; questions by status")
def api_home(request: Request) -> dict[str, Any]:
    return _plain(data.home(request.app.state.corpus))


@router.get("/search", summary="Paragraphs matching a query, best first, with facets (20 per page)")
def api_search(
    request: Request,
    q: str = Query(..., min_length=1, description="words, \"exact phrases\", OR, -exclusion, prefix*"),
    filters: SearchFilters = Depends(),
    page: int = Query(1, ge=1, le=10_000),
) -> dict[str, Any]:
    result = data.search(request.app.state.corpus, q, page, **filters.values())
    for hit in result["hits"]:  # the page marks found words; the API gives them as **bold**
        hit["snippet"] = hit["snippet"].replace(data.MARK[0], "**").replace(data.MARK[1], "**")
    return _plain(result)


@router.get("/records/{symbol:path}", summary="A record (tbdialogue.record/1), with its dialogue's key")
def api_record(request: Request, symbol: str, language: str | None = None) -> dict[str, Any]:
    return _plain(data.record(request.app.state.corpus, symbol, language))


@router.get("/dialogues", summary="Every dialogue (a body's review of a State in a session), newest first")
def api_dialogues(request: Request) -> dict[str, Any]:
    return _plain(data.dialogues(request.app.state.corpus))


@router.get("/dialogues/{key:path}", summary="A dialogue's questions: status, confidence, quoted answers (200 per page)")
def api_dialogue(
    request: Request,
    key: str,
    status: str | None = None,
    language: str | None = None,
    page: int = Query(1, ge=1, le=10_000),
) -> dict[str, Any]:
    return _plain(data.dialogue(request.app.state.corpus, key, status, language, page))


@router.get("/states/{name}", summary="A State party's reviews across bodies and years; who spoke")
def api_state(request: Request, name: str) -> dict[str, Any]:
    return _plain(data.state(request.app.state.corpus, name))


@router.get("/people/{name}", summary="What a member or delegate said across records (40 paragraphs per page)")
def api_person(request: Request, name: str, page: int = Query(1, ge=1, le=10_000)) -> dict[str, Any]:
    return _plain(data.person(request.app.state.corpus, name, page))


@router.post("/reviews", summary="Store a reviewer's decision on a question (confirm, reject, change)")
def api_review(request: Request, review: ReviewForm) -> dict[str, Any]:
    check_write(request, None)
    store_review(request.app.state.corpus, review)
    page = data.dialogue(request.app.state.corpus, review.dialogue, None, review.language)
    return _plain(next(r for r in page["questions"] if r["id"] == review.question))


@router.post("/upload", summary="Parse, store and analyse a record file (PDF, DOCX, HTML, text)")
async def api_upload(request: Request, file: UploadFile = File(...), token: str | None = Form(None)) -> dict[str, Any]:
    check_write(request, token)
    record = await store_upload(request.app.state.corpus, file)
    return {"symbol": record.symbol, "language": record.language, "url": data.record_url(record.symbol, record.language)}
