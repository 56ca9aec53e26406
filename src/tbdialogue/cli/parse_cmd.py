"""``tbdialogue parse``: print the record of one or more files, or of every file in folders."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from pathlib import Path

import typer

from ..analyse import analyse_record
from ..errors import TbdError
from ..export import serialize
from ..export.brief import summary_line
from ..pipeline import parse_file
from . import app
from .common import EXIT_BAD_INPUT, EXIT_INTERNAL, fail, warn


class Format(StrEnum):
    json = "json"
    text = "text"


@app.command("parse")
def parse_command(
    files: list[Path] = typer.Argument(
        ...,
        help="Summary record files or folders: PDF, Word (DOCX, DOC), OpenDocument, RTF, HTML, text or Markdown.",
        show_default=False,
    ),
    format: Format = typer.Option(Format.text, "--format", "-f", help="json: the record; text: a readable outline."),
    encoding: str | None = typer.Option(None, help="Text encoding when not UTF-8 (e.g. cp1252)."),
    language: str | None = typer.Option(None, help="Force the language profile: en, fr or es."),
    max_size: float = typer.Option(200.0, help="Refuse files larger than this many MB."),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Also parse the files in sub-folders."),
    analyze: bool = typer.Option(
        False, "--analyze", help="Add questions[] (each record on its own; `tbdialogue questions` for a dialogue)."
    ),
) -> None:
    """Parse summary records and print them (JSON record or text outline).

    A folder stands for the files in it. Each file is reported on its own: one that cannot be read
    does not stop the others. Warnings (fields that could not be read) go to stderr; the exit code
    is 2 when a file could not be read or is not a summary record.
    """
    if language and language not in ("en", "fr", "es"):
        fail(f"unknown language {language!r}: use en, fr or es")
    files = expand(files, recursive)
    if not files:
        fail("no files to parse in the folder(s) given")
    failed: list[tuple[Path, str]] = []
    internal = 0
    many = len(files) > 1
    for path in files:
        try:
            record = parse_file(path, encoding=encoding, language=language, max_bytes=int(max_size * 1e6))
        except TbdError as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            failed.append((path, str(exc)))
            continue
        except Exception as exc:  # a bug: report it and go on with the other files
            if not many:
                raise
            typer.echo(f"internal error: {path}: {type(exc).__name__}: {exc} (please report it)", err=True)
            failed.append((path, type(exc).__name__))
            internal += 1
            continue
        if analyze:
            analyse_record(record)
        for w in record.warnings:
            warn(f"{path}: {w}" if many else w)
        if format is Format.json:
            typer.echo(serialize("record", "json", record, indent=None if many else 2), nl=False)
        else:
            if many:
                typer.echo(f"== {path}")
            typer.echo(serialize("record", "text", record), nl=False)
            if analyze:
                typer.echo(f"\nquestions: {summary_line(Counter(q.status for q in record.questions or []))}")
    if many:
        typer.echo(f"{len(files)} files: {len(files) - len(failed)} parsed, {len(failed)} failed", err=True)
    if internal:
        raise typer.Exit(EXIT_INTERNAL)
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def expand(paths: list[Path], recursive: bool = False) -> list[Path]:
    """Files named, and the files inside folders named (sorted; hidden files skipped)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = path.rglob("*") if recursive else path.iterdir()
            out.extend(
                sorted(
                    p
                    for p in found
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            out.append(path)  # a missing file is reported by the reader, in its turn
    return out
