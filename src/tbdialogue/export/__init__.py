"""Outputs: serializers in one registry, as inputs are readers in one registry (``read.READERS``).

A serializer turns one kind of data into one format: a ``record`` (a parsed
:class:`~tbdialogue.model.Record`) into JSON or a readable outline; ``questions`` (the analyses of
dialogues, :class:`~tbdialogue.analyse.DialogueAnalysis`) into CSV, JSON or a Markdown brief;
``hits`` (a corpus search result) into CSV or JSON; ``stored-questions`` (questions read back from the
corpus) into CSV or JSON. Commands and the library ask the registry, never a module, so that a new
format is one module that registers itself::

    from tbdialogue.export import serialize
    text = serialize("record", "json", record)

Serializers take plain data and return text; they hold no state and import nothing above the
record model.

**Exporters** hand whole records on to other tools (``tbdialogue export``): Akoma Ntoso, TEI
Parla-CLARIN, JSON Lines, and tables as CSV, Parquet or Excel. Each writes a stream of records to a
file or a folder, record by record, so that memory stays flat however many there are::

    from tbdialogue.export import export
    export(records, "csv", "out/")     # records, turns, paragraphs … one CSV file each
    export([record], "akn", "x.xml")   # one Akoma Ntoso document
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import TbdError


class ExportError(TbdError):
    """No serializer for this kind of data and format."""


@dataclass(frozen=True)
class Serializer:
    kind: str  # what it serializes: record, questions, hits, stored-questions
    format: str  # json, text, csv, md …
    render: Callable[..., str | bytes]  # render(data, **options): text, or bytes (a Word document)
    media_type: str
    extension: str
    description: str


_REGISTRY: dict[tuple[str, str], Serializer] = {}


def register(serializer: Serializer) -> Serializer:
    """Add a serializer (a later one for the same kind and format replaces the earlier)."""
    _REGISTRY[(serializer.kind, serializer.format)] = serializer
    return serializer


def serializer(kind: str, fmt: str) -> Serializer:
    """The serializer of ``kind`` into ``fmt``; a one-line :class:`ExportError` naming the formats
    there are when there is none."""
    found = _REGISTRY.get((kind, fmt))
    if found is None:
        known = formats(kind)
        if not known:
            raise ExportError(f"nothing can export {kind!r}")
        raise ExportError(f"no {fmt!r} output for {kind}: use {', '.join(known)}")
    return found


def formats(kind: str) -> list[str]:
    """The formats ``kind`` can be written in, in registration order."""
    return [f for (k, f) in _REGISTRY if k == kind]


def serialize(kind: str, fmt: str, data: Any, **options: Any) -> str | bytes:
    return serializer(kind, fmt).render(data, **options)


# --- exporters: records → a file or a folder -----------------------------------------------------


@dataclass(frozen=True)
class Exporter:
    format: str
    description: str
    #: What --out names: "file" (one file for all records: TEI, JSON Lines, Excel), "folder" (one
    #: file per table: CSV, Parquet) or "file-per-record" (Akoma Ntoso: a file for one record, a
    #: folder of files for several).
    target: str
    extension: str
    #: write(records, out, progress) → number of records written; ``out`` is a path, or a binary
    #: stream for "file" targets that can go to standard output.
    write: Callable[..., int]
    stdout: bool = False  # can write to standard output
    extra: str | None = None  # the optional extra it needs (pip install 'tbdialogue[extra]') …
    requires: str | None = None  # … for this module

    def check(self) -> None:
        """A one-line :class:`MissingExtra` when the optional package this format needs is absent."""
        if self.requires:
            need(self.requires, self.extra or self.format, self.format)


_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(exporter: Exporter) -> Exporter:
    _EXPORTERS[exporter.format] = exporter
    return exporter


def exporter(fmt: str) -> Exporter:
    """The exporter of format ``fmt``; a one-line :class:`ExportError` naming the formats otherwise."""
    found = _EXPORTERS.get(fmt)
    if found is None:
        raise ExportError(f"no export format {fmt!r}: use {', '.join(_EXPORTERS)}")
    return found


def export_formats() -> list[str]:
    return list(_EXPORTERS)


def export(records: Any, fmt: str, out: Any, progress: Callable[[int], None] | None = None) -> int:
    """Write ``records`` (an iterable of :class:`~tbdialogue.model.Record`) in ``fmt`` to ``out`` (a
    path; or a binary stream for the formats that can go to standard output); returns how many
    records were written. ``progress(n)`` is called after each record."""
    return exporter(fmt).write(records, out, progress)


class MissingExtra(ExportError):
    """An optional dependency a format needs is not installed."""


def need(module: str, extra: str, fmt: str) -> Any:
    """Import ``module`` for format ``fmt``, or a one-line error saying what to install."""
    from importlib import import_module

    try:
        return import_module(module)
    except ImportError:
        raise MissingExtra(
            f"{fmt} export needs the optional package {module}: pip install 'tbdialogue[{extra}]'"
        ) from None


# The built-in serializers and exporters register themselves.
from . import brief, brief_docx, brief_html, hits, record, stored_questions  # noqa: E402,F401


def _lazy(module: str) -> Callable[..., int]:
    """The ``write`` of an exporter module, imported when first called (``tbdialogue parse`` need
    not load lxml's XML writers or pyarrow)."""

    def write(records: Any, out: Any, progress: Callable[[int], None] | None = None) -> int:
        from importlib import import_module

        return import_module(f".{module}", __name__).write(records, out, progress)

    return write


for _e in (
    Exporter("akn", "Akoma Ntoso 3.0 (OASIS LegalDocML) debate documents", "file-per-record", ".xml", _lazy("akn")),
    Exporter("tei", "TEI Parla-CLARIN: a teiCorpus of the records", "file", ".xml", _lazy("tei"), stdout=True),
    Exporter("jsonl", "JSON Lines: one record (tbdialogue.record/1) per line", "file", ".jsonl", _lazy("jsonl"), stdout=True),
    Exporter("csv", "tables as CSV files (docs/data-dictionary.md)", "folder", "", _lazy("tables_csv")),
    Exporter("parquet", "tables as Parquet files", "folder", "", _lazy("tables_parquet"), extra="parquet", requires="pyarrow"),
    Exporter("xlsx", "tables as the sheets of one Excel workbook", "file", ".xlsx", _lazy("tables_xlsx"), extra="xlsx", requires="openpyxl"),
):
    register_exporter(_e)
