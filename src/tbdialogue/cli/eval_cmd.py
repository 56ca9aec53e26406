"""``tbdialogue eval-parse``: the parser's accuracy on records with expected values."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from ..evaluation.parsing import evaluate
from .common import command_app, fail


class EvalFormat(StrEnum):
    text = "text"
    json = "json"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:5.1f}%"


app = command_app()


@app.command("eval-parse")
def eval_parse_command(
    expected: Path = typer.Argument(
        ...,
        metavar="EXPECTED.jsonl",
        help="expected.jsonl: one JSON object per record, with an 'id'; the record's text is <id>.txt beside it.",
    ),
    format: EvalFormat = typer.Option(EvalFormat.text, "--format", "-f", help="text, or json."),
    details: bool = typer.Option(False, "--details", help="List every mismatch."),
) -> None:
    """The parser's accuracy per field and per speaker turn against expected values.

    Each line of EXPECTED.jsonl names a record (its "id"; the record's text is <id>.txt beside it)
    and the values a reader expects; see the shared corpus's README for the conventions.
    """
    if not expected.is_file():
        fail(f"no such file: {expected}")
    report = evaluate(expected)
    if format is EvalFormat.json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    typer.echo(f"{report.records} records scored from {expected}")
    typer.echo(f"{'field':18} {'correct':>9} {'accuracy':>9}")
    for name, fs in report.fields.items():
        typer.echo(f"{name:18} {fs.correct:>4}/{fs.total:<4} {_pct(fs.accuracy):>9}")
    t, s = report.turns, report.sequences
    typer.echo(f"{'speaker turns':18} {t.correct:>4}/{t.total:<4} {_pct(t.accuracy):>9}")
    typer.echo(f"{'speaker sequences':18} {s.correct:>4}/{s.total:<4} {_pct(s.accuracy):>9}")
    for rid, err in report.failures:
        typer.echo(f"failed {rid}: {err}")
    if report.mismatches and not details:
        typer.echo(f"{len(report.mismatches)} mismatches (--details lists them)")
    if details:
        for m in report.mismatches:
            typer.echo(f"  {m.record} {m.field}: expected {m.expected!r}, got {m.got!r}")
