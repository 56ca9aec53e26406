"""What the app writes and hands out: a reviewer's decision, an uploaded record, a record or a
brief as a file. The same library calls as the command line, with the same refusals."""

from __future__ import annotations

import csv
import io

from fastapi import UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from ..errors import TbdError, UnreadableInput
from ..model import Record
from ..store import Corpus
from ..store.analysis import analyse_stored
from . import data
from .app import UPLOAD_LIMIT_MB


class ReviewForm(BaseModel):
    """A reviewer's decision on one question, from the page's form or the API's JSON."""

    dialogue: str
    record: str
    language: str
    question: str
    question_text: str
    reviewer: str
    decision: str
    status: str = ""
    answers: str = ""
    note: str = ""


def store_review(corpus: Corpus, form: ReviewForm) -> None:
    """One decision, stored as a review sheet row would be (the same checks, the automatic result
    kept beside it)."""
    if not form.reviewer.strip():
        raise TbdError("a review needs the reviewer's name")
    buf = io.StringIO()
    fields = ["question_id", "record", "language", "question", "decision", "correct_status", "correct_answers", "note"]
    w = csv.DictWriter(buf, fieldnames=fields)
    w.writeheader()
    w.writerow(
        {
            "question_id": form.question,
            "record": form.record,
            "language": form.language,
            "question": form.question_text,
            "decision": form.decision,
            "correct_status": form.status,
            "correct_answers": form.answers,
            "note": form.note,
        }
    )
    corpus.import_reviews(buf.getvalue(), form.reviewer, "the review")


async def store_upload(corpus: Corpus, file: UploadFile) -> Record:
    """Parse an uploaded record (format told by content, the command line's refusals), store it and
    analyse its dialogue."""
    from ..pipeline import parse_bytes

    limit = UPLOAD_LIMIT_MB * 1_000_000
    raw = await file.read(limit + 1)
    name = (file.filename or "upload").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if len(raw) > limit:
        raise UnreadableInput(f"{name} is over the {UPLOAD_LIMIT_MB} MB limit of an upload")
    if not raw:
        raise UnreadableInput(f"{name} is empty")
    record = parse_bytes(raw, name=name)
    if record.source is not None:
        record.source.path = name  # never a path of this machine
    (stored,) = corpus.add([record])
    analyse_stored(corpus.engine, [stored.version_id])
    return record


_RECORD_FORMATS = {
    "json": ("application/json", ".json"),
    "jsonl": ("application/x-ndjson", ".jsonl"),
    "akn": ("application/akn+xml", ".akn.xml"),
    "tei": ("application/tei+xml", ".tei.xml"),
}


def export_record(corpus: Corpus, fmt: str, symbol: str, language: str | None) -> Response:
    if fmt not in _RECORD_FORMATS:
        raise TbdError(f"no {fmt!r} export of a record: use {', '.join(_RECORD_FORMATS)}")
    rec = data.record(corpus, symbol, language)["record"]
    media, ext = _RECORD_FORMATS[fmt]
    if fmt == "json":
        body: bytes = rec.to_json().encode()
    else:
        from ..export import export

        buf = io.BytesIO()
        if fmt == "akn":
            from ..export.akn import to_akn

            body = to_akn(rec)
        else:
            export([rec], fmt, buf)
            body = buf.getvalue()
    name = (rec.symbol or "record").replace("/", "-") + f".{rec.language}{ext}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


_BRIEF_FORMATS = {
    "md": ("text/markdown; charset=utf-8", ".md"),
    "html": ("text/html; charset=utf-8", ".html"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
}


def export_brief(corpus: Corpus, fmt: str, key: str, language: str | None) -> Response:
    """The dialogue's brief as the page shows it (the same analysis, reviews applied)."""
    from ..export import serialize

    if fmt not in _BRIEF_FORMATS:
        raise TbdError(f"no {fmt!r} brief: use {', '.join(_BRIEF_FORMATS)}")
    analyses = data.analysed_dialogue(corpus, key, language).analyses
    if not analyses:
        raise TbdError("this dialogue was not analysed: ingest it with --analyze")
    body = serialize("questions", fmt, analyses)
    media, ext = _BRIEF_FORMATS[fmt]
    name = key.replace("/", "-") + f".brief{ext}"
    payload = body if isinstance(body, bytes) else body.encode()
    return Response(payload, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})
