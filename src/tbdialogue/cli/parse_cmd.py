"""``tbdialogue parse``: print the record of one or more files, or of every file in folders."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from ..errors import TbdError
from ..export import serialize
from ..pipeline import STDIN, parse_file
from .common import EXIT_BAD_INPUT, EXIT_INTERNAL, command_app, language_option, max_size_option, warn, width
from .files import gather


class Format(StrEnum):
    json = "json"
    text = "text"


app = command_app()


@app.command("parse")
def parse_command(
    files: list[Path] = typer.Argument(
        ...,
        metavar="FILE|FOLDER",
        help="Summary records: PDF, Word (DOCX, DOC), OpenDocument, RTF, HTML, text or Markdown; "
        "a folder stands for the record files in it; - reads standard input.",
        show_default=False,
    ),
    format: Format = typer.Option(
        Format.text, "--format", "-f", help="json: the record (one per line for several files); text: an outline."
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", metavar="ENCODING", help="Text encoding when not UTF-8 (e.g. cp1252)."
    ),
    language: str | None = language_option("Read the records with this language's profile"),
    max_size: float = max_size_option(),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Also the record files in sub-folders."),
    analyze: bool = typer.Option(
        False, "--analyze", help="Add the questions (each record on its own; `tbdialogue questions` for a dialogue)."
    ),
) -> None:
    """Parse summary records and print them: the record as JSON, or a readable outline.

    Each file is reported on its own: one that cannot be read, or is not a summary record, is one
    `error:` line and does not stop the others. Warnings (fields that could not be read) go to
    stderr. The exit code is 2 when a file could not be used.
    """
    found, problems = gather(files, recursive)
    failed = problems
    internal = 0
    many = len(found) + problems > 1
    for path in found:
        name = "standard input" if path == STDIN else path
        try:
            record = parse_file(path, encoding=encoding, language=language, max_bytes=int(max_size * 1e6))
        except TbdError as exc:
            typer.echo(f"error: {name}: {exc}", err=True)
            failed += 1
            continue
        except Exception as exc:  # a bug: report it and go on with the other files
            if not many:
                raise
            typer.echo(f"internal error: {name}: {type(exc).__name__}: {exc} (please report it)", err=True)
            failed += 1
            internal += 1
            continue
        if analyze:
            from ..analyse import analyse_record
            from ..export.brief import summary_line

            analyse_record(record)
        for w in record.warnings:
            warn(f"{name}: {w}" if many else w)
        if format is Format.json:
            typer.echo(serialize("record", "json", record, indent=None if many else 2), nl=False)
        else:
            if many:
                typer.echo(f"== {name}")
            typer.echo(serialize("record", "text", record, width=width()), nl=False)
            if analyze:
                typer.echo(f"\nquestions: {summary_line(record.questions or [])}")
    if many:
        total = len(found) + problems
        typer.echo(f"{total} files: {total - failed} parsed, {failed} failed", err=True)
    if internal:
        raise typer.Exit(EXIT_INTERNAL)
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)
