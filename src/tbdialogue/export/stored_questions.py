"""Questions read back from the corpus (``Corpus.questions``) as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from . import Serializer, register

CSV_FIELDS = [
    "id",
    "symbol",
    "date",
    "body",
    "session",
    "state_party",
    "paragraph",
    "asker",
    "status",
    "text",
    "answers",
]


def to_csv(rows: list[Any]) -> str:
    buf = io.StringIO()
    out = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    out.writeheader()
    for q in rows:
        out.writerow({**asdict(q), "answers": "; ".join(q.answers)})
    return buf.getvalue()


def to_json(rows: list[Any]) -> str:
    return json.dumps([asdict(q) for q in rows], ensure_ascii=False, indent=2) + "\n"


register(Serializer("stored-questions", "csv", to_csv, "text/csv", ".csv", "one row per question"))
register(Serializer("stored-questions", "json", to_json, "application/json", ".json", "the questions"))
