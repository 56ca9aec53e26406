"""``tbdialogue agreement``: how far two annotations of the same records agree."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from . import app
from .common import fail


class AgreementFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("agreement")
def agreement_command(
    a: Path = typer.Argument(..., help="The first annotation (a gold file).", show_default=False),
    b: Path = typer.Argument(..., help="A second annotation of the same records.", show_default=False),
    format: AgreementFormat = typer.Option(AgreementFormat.text, "--format", "-f"),
) -> None:
    """Inter-annotator agreement: B scored against A with the rules of ``tbdialogue eval`` (questions,
    answer links, status, unanswered), Cohen's kappa on status, and every question annotated
    differently.
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
        typer.echo(result.text())
