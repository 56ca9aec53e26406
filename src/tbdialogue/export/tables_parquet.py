"""The tables (``export/tables.py``) as Parquet files, one per table, in a folder (pyarrow, the
optional ``parquet`` extra). Records are buffered and written a row group at a time, so memory stays
flat however many records there are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from typing import Any

from ..model import Record
from . import ExportError, need
from .output import atomic_file, folder
from .tables import TABLES, Table
from .xmltext import encodable

#: Records per row group: large enough for good compression, small enough for flat memory.
ROW_GROUP_RECORDS = 500


def _date(value: str | None, table: str, column: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ExportError(f"{table}.{column}: {value!r} is not a YYYY-MM-DD date") from None


def _schema(pa: Any, t: Table) -> Any:
    types = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "date": pa.date32()}
    return pa.schema([pa.field(c.name, types[c.dtype]) for c in t.columns])


def write(records: Iterable[Record], out: Any, progress: Callable[[int], None] | None = None) -> int:
    pa = need("pyarrow", "parquet", "parquet")
    pq = need("pyarrow.parquet", "parquet", "parquet")
    where = folder(out)
    schemas = {t.name: _schema(pa, t) for t in TABLES}
    dates = {t.name: [i for i, c in enumerate(t.columns) if c.dtype == "date"] for t in TABLES}
    texts = {t.name: [i for i, c in enumerate(t.columns) if c.dtype == "string"] for t in TABLES}
    buffers: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
    n = 0
    with ExitStack() as stack:
        writers = {}
        for t in TABLES:
            fh = stack.enter_context(atomic_file(where / f"{t.name}.parquet"))
            writers[t.name] = stack.enter_context(pq.ParquetWriter(fh, schemas[t.name], compression="zstd"))

        def flush() -> None:
            for t in TABLES:
                rows = buffers[t.name]
                if not rows:
                    continue
                columns: list[tuple] = list(zip(*rows, strict=True))
                for i in dates[t.name]:
                    columns[i] = tuple(_date(v, t.name, t.columns[i].name) for v in columns[i])
                for i in texts[t.name]:
                    columns[i] = tuple(v if v is None else encodable(v) for v in columns[i])
                arrays = [pa.array(col, type=f.type) for col, f in zip(columns, schemas[t.name], strict=True)]
                writers[t.name].write_table(pa.Table.from_arrays(arrays, schema=schemas[t.name]))
                rows.clear()

        for record in records:
            for t in TABLES:
                buffers[t.name].extend(t.rows(record))
            n += 1
            if n % ROW_GROUP_RECORDS == 0:
                flush()
            if progress:
                progress(n)
        flush()
    return n
