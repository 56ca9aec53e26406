"""``tbdialogue questions``: the Committee's questions in a dialogue, and whether they were answered."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from . import app
from .common import EXIT_BAD_INPUT, fail, warn


class QFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class Status(StrEnum):
    answered = "answered"
    partial = "partial"
    unanswered = "unanswered"


@app.command("questions")
def questions_command(
    files: list[Path] = typer.Argument(
        None,
        help="The records of a dialogue (e.g. both meetings of a review), any order. None: the corpus (--db).",
        show_default=False,
    ),
    status: list[Status] = typer.Option([], "--status", "-s", help="Show only this status (repeatable)."),
    format: QFormat = typer.Option(QFormat.table, "--format", "-f", help="table, json, csv, or md (a brief)."),
    encoding: str | None = typer.Option(None, help="Text encoding when not UTF-8 (e.g. cp1252)."),
    language: str | None = typer.Option(None, help="Force the language profile: en, fr or es."),
    no_embeddings: bool = typer.Option(False, "--no-embeddings", help="Link with lexical evidence only."),
    db: str | None = typer.Option(None, "--db", envvar="TBDIALOGUE_DB", help="Without files: the corpus database."),
    state: str | None = typer.Option(None, help="Without files: questions to this State party (name or ISO code)."),
    body: str | None = typer.Option(None, help="Without files: this treaty body (CMW, CERD …)."),
    year: str | None = typer.Option(None, help="Without files: this year or range (2013-2023)."),
    session: int | None = typer.Option(None, help="Without files: this session."),
) -> None:
    """List every question the Committee asked, who asked it, its status (answered, partial,
    unanswered) and where it was answered (citable paragraph ids), with a one-line summary.

    Records of the same body, session and State party form one dialogue: answers are looked for
    after each question, in the same meeting and in the next. "Unanswered" means no answer was
    found in the records supplied; warnings say when the dialogue is visibly incomplete.
    """
    if not files:  # the corpus: questions stored by `tbdialogue ingest --analyze`
        from .questions_db import corpus_questions

        statuses = [s.value for s in status]
        return corpus_questions(
            db, statuses=statuses, state=state, body=body, year=year, session=session, format=format.value
        )
    if state or body or year or session is not None:
        fail("--state, --body, --year and --session select questions in the corpus: give them without files")
    from ..export import serialize
    from ..export.brief import counts_of, rows, summary_line
    from ..pipeline import analyse_files

    if language and language not in ("en", "fr", "es"):
        fail(f"unknown language {language!r}: use en, fr or es")
    analyses, failed = analyse_files(
        [str(f) for f in files], encoding=encoding, language=language, use_embeddings=False if no_embeddings else None
    )
    for path, reason in failed:
        typer.echo(f"error: {path}: {reason}", err=True)
    if not analyses:
        raise typer.Exit(EXIT_BAD_INPUT)
    wanted = {s.value for s in status} or None
    for a in analyses:
        for w in a.warnings:
            warn(w.message)
        for n in a.notes:
            warn(n)
    if format is not QFormat.table:
        typer.echo(serialize("questions", format.value, analyses, statuses=wanted), nl=False)
    else:
        _table(analyses, wanted, rows)
        typer.echo(summary_line(counts_of(analyses, wanted)))
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _table(analyses, wanted, rows) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if Console().is_terminal else 160, highlight=False)
    for a in analyses:
        t = Table(title=a.dialogue.title, show_lines=True, title_justify="left")
        for col, kw in (
            ("#", {"no_wrap": True}),
            ("asked by", {"max_width": 22}),
            ("question", {"ratio": 3}),
            ("status", {"no_wrap": True}),
            ("answered in", {"max_width": 20}),
            ("evidence", {"max_width": 26}),
        ):
            t.add_column(col, **kw)
        for r in rows([a], wanted):
            evidence = f"score {r['score']}" + (f"; {r['matched_terms']}" if r["matched_terms"] else "")
            t.add_row(
                r["id"].rsplit("/", 1)[-1] + f"\n{r['asked_in'].rsplit('/', 1)[-1]}",
                r["asked_by"],
                r["question"],
                r["status"],
                r["answered_in"].replace("; ", "\n")
                or ("—" + (f"\nclosest, not linked: {r['nearest_unlinked']}" if r["nearest_unlinked"] else "")),
                evidence,
            )
        console.print(t)
