"""JSON Lines: one record (``tbdialogue.record/1``) per line — what ``tbdialogue ingest`` reads back.

Each line is the record exactly as ``tbdialogue parse --format json`` gives it, on one line, so an
export → ingest → export round trip gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from pydantic_core import PydanticSerializationError

from ..model import Record
from .output import stream_or_file
from .xmltext import encodable


def line(record: Record) -> bytes:
    try:
        return record.model_dump_json(by_alias=True).encode() + b"\n"
    except PydanticSerializationError:  # a lone surrogate (a damaged file): shown as U+FFFD
        data = _clean(record.model_dump(by_alias=True, mode="json"))
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def write(records: Iterable[Record], out: Any, progress: Callable[[int], None] | None = None) -> int:
    n = 0
    with stream_or_file(out) as fh:
        for record in records:
            fh.write(line(record))
            n += 1
            if progress:
                progress(n)
    return n
