"""``tbdialogue parse``: print the record of one or more files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from .. import parse_file
from ..errors import TbdError
from ..render import outline
from . import app
from .common import EXIT_BAD_INPUT, fail, warn


class Format(StrEnum):
    json = "json"
    text = "text"


@app.command("parse")
def parse_command(
    files: list[Path] = typer.Argument(..., help="Summary record file(s): text or Markdown.", show_default=False),
    format: Format = typer.Option(Format.text, "--format", "-f", help="json: the record; text: a readable outline."),
    encoding: str | None = typer.Option(None, help="Text encoding when not UTF-8 (e.g. cp1252)."),
    language: str | None = typer.Option(None, help="Force the language profile: en, fr or es."),
    max_size: float = typer.Option(200.0, help="Refuse files larger than this many MB."),
) -> None:
    """Parse summary records and print them (JSON record or text outline).

    Warnings (fields that could not be read) go to stderr; the exit code is 2 when a file could
    not be read or is not a summary record.
    """
    if language and language not in ("en", "fr", "es"):
        fail(f"unknown language {language!r}: use en, fr or es")
    failed = 0
    many = len(files) > 1
    for path in files:
        try:
            record = parse_file(path, encoding=encoding, language=language, max_bytes=int(max_size * 1e6))
        except TbdError as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            failed += 1
            continue
        for w in record.warnings:
            warn(f"{path}: {w}" if many else w)
        if format is Format.json:
            typer.echo(record.to_json(indent=None if many else 2))
        else:
            if many:
                typer.echo(f"== {path}")
            typer.echo(outline(record))
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)
