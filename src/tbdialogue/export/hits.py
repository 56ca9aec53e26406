"""A corpus search result as CSV (one row per paragraph found) or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from . import Serializer, register

CSV_FIELDS = [
    "id", "symbol", "date", "body", "session", "state_party", "language", "speaker", "role", "side", "score", "snippet",
]  # fmt: skip


def to_csv(result: Any) -> str:
    """``result``: a search result (``.hits``, each with ``to_dict()``)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for h in result.hits:
        writer.writerow(h.to_dict())
    return buf.getvalue()


def to_json(result: Any) -> str:
    out: dict[str, Any] = {"query": result.query, "total": result.total}
    if getattr(result, "capped", False):
        # More matched than counted: "total" is the count limit, and the hits are the best of that
        # many most recently stored matches, not of all.
        out["capped"] = True
    out["hits"] = [h.to_dict() for h in result.hits]
    if result.facets is not None:
        out["facets"] = {k: [[v, n] for v, n in vs] for k, vs in result.facets.items()}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


register(Serializer("hits", "csv", to_csv, "text/csv", ".csv", "one row per paragraph found"))
register(Serializer("hits", "json", to_json, "application/json", ".json", "the hits, with facets"))
