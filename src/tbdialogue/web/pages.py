"""The HTML pages. Each page's data comes from ``data.py`` — the same data its JSON twin returns."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import TbdError
from . import data
from .app import UPLOAD_LIMIT_MB, check_write, render
from .writes import ReviewForm, export_brief, export_record, store_review, store_upload

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home_page(request: Request):
    return render(request, "home.html", data.home(request.app.state.corpus))


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str = "",
    filters: data.SearchFilters = Depends(),
    page: int = Query(1, ge=1, le=10_000),
):
    context = {"query": q, "result": None}
    if q.strip():
        context["result"] = data.search(request.app.state.corpus, q, page, **filters.values())
    return render(request, "search.html", context)


@router.get("/records/{symbol:path}", response_class=HTMLResponse)
def record_page(request: Request, symbol: str, language: str | None = None):
    return render(request, "record.html", data.record(request.app.state.corpus, symbol, language))


@router.get("/export/{fmt}/{symbol:path}")
def record_export(request: Request, fmt: str, symbol: str, language: str | None = None):
    return export_record(request.app.state.corpus, fmt, symbol, language)


@router.get("/dialogues", response_class=HTMLResponse)
def dialogues_page(request: Request):
    return render(request, "dialogues.html", data.dialogues(request.app.state.corpus))


@router.get("/dialogues/{key:path}", response_class=HTMLResponse)
def dialogue_page(
    request: Request,
    key: str,
    status: str | None = None,
    language: str | None = None,
    page: int = Query(1, ge=1, le=10_000),
):
    if status not in (None, "", "answered", "check", "partial", "unanswered"):
        raise TbdError(f"unknown status {status!r}: use answered, check, partial or unanswered")
    return render(request, "dialogue.html", data.dialogue(request.app.state.corpus, key, status or None, language, page))


@router.get("/briefs/{fmt}/{key:path}")
def brief_download(request: Request, fmt: str, key: str, language: str | None = None):
    return export_brief(request.app.state.corpus, fmt, key, language)


@router.post("/reviews")
def review_submit(
    request: Request,
    dialogue: str = Form(...),
    record: str = Form(...),
    language: str = Form(...),
    question: str = Form(...),
    question_text: str = Form(...),
    reviewer: str = Form(""),
    decision: str = Form(...),
    status: str = Form(""),
    answers: str = Form(""),
    note: str = Form(""),
    token: str | None = Form(None),
):
    check_write(request, token)
    form = ReviewForm(
        dialogue=dialogue, record=record, language=language, question=question, question_text=question_text,
        reviewer=reviewer, decision=decision, status=status, answers=answers, note=note,
    )  # fmt: skip
    corpus = request.app.state.corpus
    store_review(corpus, form)
    if request.headers.get("hx-request"):
        page = data.dialogue(corpus, dialogue, None, language)
        row = next(r for r in page["questions"] if r["id"] == question)
        return render(request, "_question.html", {**page, "q": row, "just_reviewed": True})
    return RedirectResponse(f"/dialogues/{quote(dialogue)}?language={quote(language)}#{quote(question)}", status_code=303)


@router.get("/states/{name}", response_class=HTMLResponse)
def state_page(request: Request, name: str):
    return render(request, "state.html", data.state(request.app.state.corpus, name))


@router.get("/people/{name}", response_class=HTMLResponse)
def person_page(request: Request, name: str, page: int = Query(1, ge=1, le=10_000)):
    return render(request, "person.html", data.person(request.app.state.corpus, name, page))


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request):
    return render(request, "upload.html", {"limit_mb": UPLOAD_LIMIT_MB})


@router.post("/upload")
async def upload_submit(request: Request, file: UploadFile = File(...), token: str | None = Form(None)) -> Response:
    check_write(request, token)
    try:
        record = await store_upload(request.app.state.corpus, file)
    except TbdError as exc:
        return render(request, "upload.html", {"limit_mb": UPLOAD_LIMIT_MB, "error": str(exc), "filename": file.filename}, 400)
    url = data.record_url(record.symbol, record.language) or "/"
    return RedirectResponse(url, status_code=303)

