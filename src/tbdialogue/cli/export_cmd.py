"""``tbdialogue export``: records handed on to other tools — Akoma Ntoso, TEI, JSON Lines, tables."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from ..errors import TbdError
from .common import EXIT_BAD_INPUT, body_option, command_app, fail, language_option, year_option
from .corpus_options import db_option, open_corpus
from .files import gather


class Format(StrEnum):
    akn = "akn"
    tei = "tei"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


app = command_app()


@app.command("export")
def export_command(
    files: list[Path] = typer.Argument(
        None,
        metavar="[FILE|FOLDER]",
        help="Records to export (any format tbdialogue reads, or JSON Lines). None: records of the corpus (--db).",
        show_default=False,
    ),
    format: Format | None = typer.Option(
        None,
        "--format",
        "-f",
        help="akn (Akoma Ntoso 3.0), tei (TEI Parla-CLARIN), jsonl (one record per line), or tables: "
        "csv, parquet, xlsx (docs/data-dictionary.md).",
        show_default=False,
    ),
    out: str | None = typer.Option(
        None,
        "--out",
        "-o",
        metavar="PATH",
        help="A file (akn for one record, tei, jsonl, xlsx) or a folder (csv, parquet; akn for several "
        "records). tei and jsonl go to standard output without it.",
    ),
    questions: bool = typer.Option(
        True, "--questions/--no-questions", help="From files: analyse the dialogue and export its questions too."
    ),
    data_dictionary: bool = typer.Option(
        False, "--data-dictionary", help="Print the data dictionary of the table formats (Markdown) and exit."
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", metavar="ENCODING", help="Text encoding of text files when not UTF-8 (e.g. cp1252)."
    ),
    language: str | None = language_option(
        "Files: read them with this language's profile; the corpus: the records in this language"
    ),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Also the record files in sub-folders."),
    db: str | None = db_option("Without files: the corpus database."),
    symbol: str | None = typer.Option(None, "--symbol", help="Without files: the record with this symbol."),
    state: str | None = typer.Option(None, "--state", help="Without files: records of this State party's reviews."),
    body: str | None = body_option("Without files: this treaty body (CMW, CERD …)."),
    year: str | None = year_option("Without files: this year or range (2013-2023)."),
    query: str | None = typer.Option(
        None, "--query", "-q", help="Without files: records with a paragraph matching this search (as in `search`)."
    ),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Export records as Akoma Ntoso, TEI, JSON Lines, or tables (CSV, Parquet, Excel).

    From files, the records are parsed (and, unless --no-questions, analysed as dialogues: records
    of the same body, session and State party together). Without files, the corpus's records are
    exported as stored, with their questions and latest reviews; --symbol, --state, --body, --year,
    --language and --query choose which. A file that cannot be read is one `error:` line and the
    others are exported; the exit code is then 2.
    """
    from ..export import MissingExtra, exporter

    if data_dictionary:
        from ..export.tables import data_dictionary as dictionary

        typer.echo(dictionary(), nl=False)
        return
    if format is None:
        fail("--format is required: akn, tei, jsonl, csv, parquet or xlsx")
    ex = exporter(format.value)
    try:
        ex.check()  # say what to install before reading anything
    except MissingExtra as exc:
        fail(str(exc))
    target = _target(ex, out, format.value)

    failed = 0
    corpus = None
    if files:
        if db or symbol or state or body or year or query:
            fail("--db, --symbol, --state, --body, --year and --query choose records in the corpus: give them without files")
        found, problems = gather(files, recursive)
        records, failed = _from_files(found, encoding, language, questions)
        failed += problems
        total = len(records)
    else:
        if encoding:
            fail("--encoding applies to files; the corpus holds records already read")
        corpus = open_corpus(db)
        ids = corpus.record_ids(symbol=symbol, state=state, body=body, year=year, language=language, query=query)
        if not ids:
            corpus.close()
            fail("no record in the corpus for what was chosen: see `tbdialogue stats`, or ingest records first")
        records, total = corpus.records(ids), len(ids)
    if not total:
        raise typer.Exit(EXIT_BAD_INPUT)
    if ex.target == "file-per-record" and total > 1 and str(target).lower().endswith(".xml"):
        fail(f"{total} records: give a folder for --out, not the file {target}")

    try:
        n = _write(ex, records, target, total, quiet)
    finally:
        if corpus is not None:
            corpus.close()
    where = "standard output" if target is sys.stdout.buffer else target
    typer.echo(f"{n} record{'s' if n != 1 else ''} exported as {format.value} to {where}", err=True)
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _target(ex, out: str | None, fmt: str):
    """Where to write: a path, or standard output for the formats that can go there."""
    if out is None or out == "-":
        if not ex.stdout:
            kind = {"folder": "a folder", "file": "a file"}.get(ex.target, "a file or a folder")
            fail(f"--format {fmt} needs --out PATH ({kind}); e.g. --out {_example(ex, fmt)}")
        return sys.stdout.buffer
    path = Path(out)
    if ex.target == "folder" and path.exists() and not path.is_dir():
        fail(f"{path} is a file: --format {fmt} writes one file per table into a folder")
    if ex.target == "file" and path.is_dir():
        fail(f"{path} is a folder: --format {fmt} writes one file; give its name, e.g. {path / _example(ex, fmt)}")
    return path


def _example(ex, fmt: str) -> str:
    return {"folder": "tables/", "file-per-record": "record.xml"}.get(ex.target, f"records{ex.extension}")


def _from_files(found: list[str], encoding: str | None, language: str | None, questions: bool):
    """The records of the files (analysed together as dialogues when ``questions``), and how many
    could not be read."""
    from ..pipeline import JSONL_SUFFIX, parse_files, read_jsonl

    failed = 0
    jsonl = [f for f in found if f.lower().endswith(JSONL_SUFFIX)]
    others = [f for f in found if not f.lower().endswith(JSONL_SUFFIX)]
    records = []
    names = []
    for item in parse_files(others, encoding=encoding, language=language):
        if item.record is None:
            typer.echo(f"error: {item.path}: {item.error}", err=True)
            failed += 1
        else:
            records.append(item.record)
            names.append(item.path)
    for path in jsonl:
        try:
            for n, rec in read_jsonl(path):
                if isinstance(rec, str):
                    typer.echo(f"error: {path}, line {n}: {rec}", err=True)
                    failed += 1
                else:
                    records.append(rec)
                    names.append(f"{path}:{n}")
        except OSError as exc:
            typer.echo(f"error: {path}: cannot read the file: {exc.strerror or exc}", err=True)
            failed += 1
    if questions and others:
        from ..analyse import analyse_records

        fresh = [(r, n) for r, n in zip(records, names, strict=True) if r.questions is None]
        if fresh:
            analyse_records([r for r, _ in fresh], [n for _, n in fresh])
    return records, failed


def _write(ex, records, target, total: int, quiet: bool) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    show = not quiet and console.is_terminal and total > 1
    with Progress(
        TextColumn("exporting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, disable=not show
    ) as bar:
        task = bar.add_task("export", total=total)
        try:
            return ex.write(records, target, lambda n: bar.update(task, completed=n))
        except TbdError:
            raise
        except OSError as exc:
            fail(f"cannot write {target}: {exc.strerror or exc}")
