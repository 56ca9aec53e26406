"""Files, folders and standard input, the same way for every command that reads records."""

from __future__ import annotations

from pathlib import Path

import typer

from ..pipeline import collect_files
from .common import fail, warn


def gather(paths: list[Path], recursive: bool) -> tuple[list[str], int]:
    """The record files ``paths`` stand for, and how many paths could not be used (each reported
    on stderr, one line each); files of other kinds in the folders are counted in one warning."""
    found = collect_files([str(p) for p in paths], recursive=recursive)
    for path, reason in found.missing:
        typer.echo(f"error: {path}: {reason}", err=True)
    for line in (found.skipped_line(), found.subfolders_line() if found.files else None):
        if line:
            warn(line)
    if not found.files:
        if found.missing:
            raise typer.Exit(2)
        fail("no record files to read in what was given")
    return found.files, len(found.missing)
