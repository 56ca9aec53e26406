"""Excel workbook: a sheet per table, text kept as text (no formula), dates as dates, Excel's limits
met (a long table continues on another sheet; an over-long cell refused in one line)."""

from __future__ import annotations

import datetime as dt

import pytest

from tbdialogue.export import ExportError, export
from tbdialogue.export.tables import TABLES

from .conftest import require_extra, run_cli
from .export_cases import HOSTILE, analysed_sample, hostile_record


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    require_extra("openpyxl", "xlsx")
    import openpyxl

    out = tmp_path_factory.mktemp("xlsx") / "t.xlsx"
    assert export([analysed_sample()], "xlsx", out) == 1
    return openpyxl.load_workbook(out, read_only=True)


def test_a_sheet_per_table(workbook):
    assert workbook.sheetnames == [t.name for t in TABLES]
    for t in TABLES:
        header = next(workbook[t.name].iter_rows(max_row=1, values_only=True))
        assert list(header) == t.names


def test_values_and_types(workbook):
    rows = list(workbook["paragraphs"].iter_rows(min_row=2, values_only=True))
    assert [r[-1] for r in rows] == [p.text for p in analysed_sample().paragraphs]
    (record,) = list(workbook["records"].iter_rows(min_row=2, values_only=True))
    assert record[0] == "CMW/C/SR.537" and record[7] == dt.datetime(2023, 11, 30) and record[18] == 36


def test_text_is_never_a_formula(tmp_path):
    require_extra("openpyxl", "xlsx")
    import openpyxl

    out = tmp_path / "h.xlsx"
    export([hostile_record()], "xlsx", out)
    sheet = openpyxl.load_workbook(out)["paragraphs"]
    cell = sheet.cell(row=7, column=11)
    assert cell.data_type == "s"
    expected = HOSTILE
    for ch in "\x00\x0b\x1f\ud800":
        expected = expected.replace(ch, "\ufffd")
    assert cell.value == expected


def test_a_long_table_continues_on_another_sheet(tmp_path, monkeypatch):
    require_extra("openpyxl", "xlsx")
    import openpyxl

    from tbdialogue.export import tables_xlsx

    monkeypatch.setattr(tables_xlsx, "MAX_ROWS", 21)
    out = tmp_path / "long.xlsx"
    export([analysed_sample()], "xlsx", out)
    wb = openpyxl.load_workbook(out, read_only=True)
    parts = [n for n in wb.sheetnames if n.startswith("paragraphs")]
    assert parts == ["paragraphs", "paragraphs (2)", "paragraphs (3)"]
    assert sum(len(list(wb[n].iter_rows())) - 1 for n in parts) == len(analysed_sample().paragraphs)


def test_an_over_long_cell_is_refused_not_cut(tmp_path):
    require_extra("openpyxl", "xlsx")
    record = analysed_sample().model_copy(deep=True)
    record.paragraphs[0].text = "x" * 40_000
    with pytest.raises(ExportError, match="over Excel's 32,767 per cell: export as csv or parquet"):
        export([record], "xlsx", tmp_path / "big.xlsx")
    assert not (tmp_path / "big.xlsx").exists()
    assert list(tmp_path.iterdir()) == []  # no partial file left


def test_the_command_needs_a_file(tmp_path):
    done = run_cli("export", "samples/CMW-C-SR.537.md", "--format", "xlsx")
    assert done.returncode == 2 and "--format xlsx needs --out PATH (a file)" in done.stderr.decode()
