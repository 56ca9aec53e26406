"""Parquet tables: the defined columns and types; pandas reads the documented dtypes; row groups
keep memory flat."""

from __future__ import annotations

import datetime as dt

import pytest

from tbdialogue.export import export
from tbdialogue.export.tables import TABLES, pandas_dtypes

from .conftest import require_extra
from .export_cases import HOSTILE, analysed_sample, excerpt_records, hostile_record


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    require_extra("pyarrow", "parquet")
    out = tmp_path_factory.mktemp("pq")
    assert export([analysed_sample(), *excerpt_records()], "parquet", out) == 16
    return out


def test_one_file_per_table_with_the_defined_schema(folder):
    import pyarrow.parquet as pq

    types = {"string": "string", "int": "int64", "bool": "bool", "date": "date32[day]"}
    for t in TABLES:
        schema = pq.read_schema(folder / f"{t.name}.parquet")
        assert schema.names == t.names
        assert [str(f.type) for f in schema] == [types[c.dtype] for c in t.columns]


def test_values(folder):
    import pyarrow.parquet as pq

    records = pq.read_table(folder / "records.parquet").to_pylist()
    assert len(records) == 16 and records[0]["date"] in {dt.date(2023, 11, 30)} | {r["date"] for r in records}
    sample = next(r for r in records if r["record"] == "CMW/C/SR.537")
    assert sample["date"] == dt.date(2023, 11, 30) and sample["questions"] == 36 and sample["symbol_inferred"] is True
    paragraphs = pq.read_table(folder / "paragraphs.parquet", filters=[("record", "=", "CMW/C/SR.537")]).to_pylist()
    assert [p["text"] for p in paragraphs] == [p.text for p in analysed_sample().paragraphs]


def test_pandas_reads_the_documented_dtypes(folder):
    require_extra("pandas", "dev")
    import pandas as pd

    for t in TABLES:
        frame = pd.read_parquet(folder / f"{t.name}.parquet", dtype_backend="numpy_nullable")
        for c in t.columns:
            got = str(frame[c.name].dtype)
            if c.dtype == "date":
                assert got.startswith(("date32", "datetime64", "object")), (t.name, c.name, got)
            else:
                assert got in (pandas_dtypes(t.name)[c.name], f"{pandas_dtypes(t.name)[c.name]}[python]"), (t.name, c.name, got)


def test_many_row_groups(tmp_path, monkeypatch):
    require_extra("pyarrow", "parquet")
    import pyarrow.parquet as pq

    from tbdialogue.export import tables_parquet

    monkeypatch.setattr(tables_parquet, "ROW_GROUP_RECORDS", 3)
    records = [analysed_sample().model_copy(update={"symbol": f"CMW/C/SR.{n}"}) for n in range(10)]
    export(records, "parquet", tmp_path)
    meta = pq.ParquetFile(tmp_path / "paragraphs.parquet").metadata
    assert meta.num_row_groups == 4 and meta.num_rows == 10 * len(analysed_sample().paragraphs)


def test_hostile_text(tmp_path):
    require_extra("pyarrow", "parquet")
    import pyarrow.parquet as pq

    export([hostile_record()], "parquet", tmp_path)
    texts = pq.read_table(tmp_path / "paragraphs.parquet").column("text").to_pylist()
    assert texts[5] == HOSTILE.replace("\ud800", "\ufffd")
