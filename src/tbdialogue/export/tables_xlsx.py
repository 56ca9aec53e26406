"""The tables (``export/tables.py``) as the sheets of one Excel workbook (openpyxl in write-only
mode, the optional ``xlsx`` extra: rows go to disk as they come).

Excel's limits are met, not broken: a table over 1,048,575 data rows continues on a sheet named
"paragraphs (2)"; a cell over 32,767 characters is refused in one line (use CSV or Parquet), never
cut. Text is written as text: a paragraph that starts with "=" is not turned into a formula, and
characters Excel cannot hold are shown as U+FFFD.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from ..model import Record
from . import ExportError, need
from .output import atomic_file
from .tables import TABLES
from .xmltext import xml_safe

MAX_ROWS = 1_048_576  # rows per sheet, header included
MAX_CELL = 32_767  # characters per cell


def write(records: Iterable[Record], out: Any, progress: Callable[[int], None] | None = None) -> int:
    openpyxl = need("openpyxl", "xlsx", "xlsx")
    from openpyxl.cell import WriteOnlyCell

    wb = openpyxl.Workbook(write_only=True)
    sheets: dict[str, Any] = {}
    rows_in: dict[str, int] = {}
    parts: dict[str, int] = {}

    def new_sheet(name: str, header: list[str]) -> None:
        parts[name] = parts.get(name, 0) + 1
        title = name if parts[name] == 1 else f"{name} ({parts[name]})"
        ws = wb.create_sheet(title)
        ws.append(header)
        sheets[name], rows_in[name] = ws, 1

    kinds = {t.name: [c.dtype for c in t.columns] for t in TABLES}
    for t in TABLES:
        new_sheet(t.name, t.names)

    def cell(ws: Any, value: Any, dtype: str, where: str) -> Any:
        if value is None:
            return None
        if dtype == "date":
            try:
                c = WriteOnlyCell(ws, dt.date.fromisoformat(value))
            except ValueError:
                return xml_safe(value)
            c.number_format = "yyyy-mm-dd"
            return c
        if isinstance(value, str):
            if len(value) > MAX_CELL:
                raise ExportError(
                    f"{where}: a text of {len(value):,} characters is over Excel's {MAX_CELL:,} per cell: "
                    "export as csv or parquet"
                )
            c = WriteOnlyCell(ws, xml_safe(value))
            c.data_type = "s"  # text stays text ("=…" is not a formula)
            return c
        return value

    n = 0
    try:
        for record in records:
            for t in TABLES:
                types = kinds[t.name]
                for row in t.rows(record):
                    if rows_in[t.name] >= MAX_ROWS:
                        new_sheet(t.name, t.names)
                    ws = sheets[t.name]
                    ws.append([cell(ws, v, types[i], f"{t.name} {row[0]}") for i, v in enumerate(row)])
                    rows_in[t.name] += 1
            n += 1
            if progress:
                progress(n)
    except BaseException:
        for ws in wb.worksheets:  # end the sheets' temporary files cleanly; nothing is saved
            ws.close()
        raise
    with atomic_file(out) as fh:
        wb.save(fh)
    return n
