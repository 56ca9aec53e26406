"""``tbdialogue agreement``: how far two annotations of the same records agree."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from .common import command_app, fail, wrap_lines


class AgreementFormat(StrEnum):
    text = "text"
    json = "json"


app = command_app()


@app.command("agreement")
def agreement_command(
    a: Path = typer.Argument(..., metavar="A", help="The first annotation (a gold file).", show_default=False),
    b: Path = typer.Argument(..., metavar="B", help="A second annotation of the same records.", show_default=False),
    format: AgreementFormat = typer.Option(AgreementFormat.text, "--format", "-f", help="text, or json."),
) -> None:
    """How far two annotations of the same records agree.

    B is scored against A with the rules of `tbdialogue eval` (questions, answer links, status,
    unanswered), with Cohen's kappa on status and every question the two annotate differently.
    """
    import json

    from ..evaluation.agreement import agreement_of_files

    for g in (a, b):
        if not g.is_file():
            fail(f"no such gold file: {g}")
    result = agreement_of_files(a, b)
    if format is AgreementFormat.json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(wrap_lines(result.text()))
