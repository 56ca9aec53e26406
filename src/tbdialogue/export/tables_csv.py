"""The tables (``export/tables.py``) as CSV files, one per table, in a folder: UTF-8, a header row,
RFC 4180 quoting (a paragraph's line breaks and quotes stay inside its quoted cell), empty cells
for missing values."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from typing import Any

from ..model import Record
from .output import atomic_file, folder
from .tables import TABLES
from .xmltext import encodable


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return encodable(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    return value


def write(records: Iterable[Record], out: Any, progress: Callable[[int], None] | None = None) -> int:
    where = folder(out)
    n = 0
    with ExitStack() as stack:
        writers = []
        for t in TABLES:
            fh = stack.enter_context(atomic_file(where / f"{t.name}.csv", "w", encoding="utf-8", newline=""))
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(t.names)
            writers.append((t, w))
        for record in records:
            for t, w in writers:
                w.writerows([_cell(v) for v in row] for row in t.rows(record))
            n += 1
            if progress:
                progress(n)
    return n
