"""``tbdialogue review export|import``: reviewers confirm, reject or change what the tool found."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import body_option, command_app, fail, year_option
from .corpus_options import db_option, open_corpus

app = command_app()


@app.callback()
def review() -> None:
    """Review the questions found: a sheet to fill in, the decisions stored beside the results.

    `tbdialogue review export` writes a review sheet (CSV, one row per question: the question, its
    status and confidence, the quoted answer, and empty columns decision, correct_status,
    correct_answers and note). Fill in `decision` with confirm, reject (the question was not
    answered) or change (give correct_status and correct_answers, citable paragraph ids). `tbdialogue
    review import SHEET --reviewer NAME` stores the decisions: who, when, what changed, and the
    automatic result beside them, never overwritten. Every output then shows the reviewed status, and
    `tbdialogue eval --from-db` takes the reviewed questions as gold.
    """


@app.command("export")
def export_command(
    db: str | None = db_option(),
    state: str | None = typer.Option(None, "--state", help="Questions to this State party (name or ISO code)."),
    body: str | None = body_option("This treaty body (CMW, CERD …)."),
    year: str | None = year_option("This year or range (2013-2023)."),
    session: int | None = typer.Option(None, "--session", min=1, help="This session."),
    out: Path | None = typer.Option(
        None, "--out", "-o", metavar="SHEET.csv", help="Where to write the sheet (default: standard output)."
    ),
) -> None:
    """Write a review sheet of the analysed records chosen (CSV)."""
    corpus = open_corpus(db)
    try:
        text = corpus.review_sheet(state=state, body=body, year=year, session=session)
    finally:
        corpus.close()
    rows = text.count("\n") - 1
    if rows <= 0:
        fail("no analysed question in the corpus for what was chosen: ingest with --analyze first")
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, "utf-8")
        typer.echo(f"{rows} questions written to {out}: fill in 'decision', then `tbdialogue review import`", err=True)


@app.command("import")
def import_command(
    sheet: Path = typer.Argument(..., metavar="SHEET.csv", help="A review sheet filled in.", show_default=False),
    reviewer: str = typer.Option(..., "--reviewer", help="Who reviewed (stored with each decision)."),
    db: str | None = db_option(),
) -> None:
    """Store the decisions of a review sheet (all of them, or none when a row is wrong)."""
    try:
        text = sheet.read_text("utf-8-sig")
    except FileNotFoundError:
        fail(f"no such file: {sheet}")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {sheet}: {exc}; save the sheet as CSV in UTF-8")
    corpus = open_corpus(db)
    try:
        report = corpus.import_reviews(text, reviewer, str(sheet))
    finally:
        corpus.close()
    decided = ", ".join(f"{n} {d}" for d, n in sorted(report.by_decision.items())) or "none"
    typer.echo(f"{report.stored} decisions stored ({decided}); {report.undecided} rows without a decision")
