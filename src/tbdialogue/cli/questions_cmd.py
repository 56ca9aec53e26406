"""``tbdialogue questions``: the Committee's questions in a dialogue, and whether they were answered."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from .common import (
    EXIT_BAD_INPUT,
    body_option,
    command_app,
    fail,
    language_option,
    warn,
    width,
    year_option,
)
from .corpus_options import db_option
from .files import gather


class QFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"
    docx = "docx"


class Status(StrEnum):
    answered = "answered"
    check = "check"
    partial = "partial"
    unanswered = "unanswered"


app = command_app()


@app.command("questions")
def questions_command(
    files: list[Path] = typer.Argument(
        None,
        metavar="[FILE|FOLDER]",
        help="The records of a dialogue (e.g. both meetings of a review), in any order; - reads standard "
        "input. None: the questions stored in the corpus (--db).",
        show_default=False,
    ),
    status: list[Status] = typer.Option(
        [], "--status", "-s", help="Show only this status, or 'check': the links the tool does not trust (repeatable)."
    ),
    format: QFormat = typer.Option(
        QFormat.table, "--format", "-f", help="table, json, csv, or the brief: md, html (printable) or docx (Word)."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", metavar="FILE", help="Write to this file instead of standard output (docx needs one)."
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", metavar="ENCODING", help="Text encoding when not UTF-8 (e.g. cp1252)."
    ),
    language: str | None = language_option("Read the records with this language's profile"),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Also the record files in sub-folders."),
    embeddings: bool | None = typer.Option(
        None,
        "--embeddings/--no-embeddings",
        help="Compute sentence embeddings, or not. Default: only when the shipped calibration gives them weight.",
        show_default=False,
    ),
    db: str | None = db_option("Without files: the corpus database."),
    state: str | None = typer.Option(
        None, "--state", help="Without files: questions to this State party (name or ISO code)."
    ),
    body: str | None = body_option("Without files: this treaty body (CMW, CERD …)."),
    year: str | None = year_option("Without files: this year or range (2013-2023)."),
    session: int | None = typer.Option(None, "--session", min=1, help="Without files: this session."),
) -> None:
    """List every question the Committee asked, its status and where it was answered.

    For each question: who asked it, its status (answered, partial, unanswered) and the citable
    paragraph ids of its answer, with a one-line summary. Records of the same body, session and
    State party form one dialogue: answers are looked for after each question, in the same meeting
    and in the next. "Unanswered" means no answer was found in the records supplied; warnings say
    when the dialogue is visibly incomplete.
    """
    from ..export import serialize
    from ..export.brief import counts_of, rows, summary_line

    failed: list = []
    problems = 0
    if not files:  # the corpus: questions stored by `tbdialogue ingest --analyze`
        from .questions_db import corpus_analyses

        if embeddings is not None or language or encoding:
            fail("--embeddings, --language and --encoding apply to files; the corpus keeps its analysis")
        analyses = corpus_analyses(db, state=state, body=body, year=year, session=session)
    else:
        if state or body or year or session is not None or db:
            fail("--db, --state, --body, --year and --session select questions in the corpus: give them without files")
        from ..pipeline import analyse_files

        found, problems = gather(files, recursive)
        analyses, failed = analyse_files(found, encoding=encoding, language=language, use_embeddings=embeddings)
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
        _write(serialize("questions", format.value, analyses, statuses=wanted), out)
    else:
        _table(analyses, wanted, rows)
        typer.echo(summary_line(counts_of(analyses, wanted)))
    if failed or problems:
        raise typer.Exit(EXIT_BAD_INPUT)


def _write(data: str | bytes, out: Path | None) -> None:
    """The output to a file, or to standard output (a Word document only when it is not a terminal)."""
    import sys

    if out is not None:
        if isinstance(data, bytes):
            out.write_bytes(data)
        else:
            out.write_text(data, "utf-8")
        typer.echo(f"written to {out}", err=True)
    elif isinstance(data, bytes):
        if sys.stdout.isatty():
            fail("--format docx writes a Word document: give --out brief.docx (or redirect to a file)")
        sys.stdout.buffer.write(data)
    else:
        typer.echo(data, nl=False)


def _table(analyses, wanted, rows) -> None:
    """One block per question, laid out to the terminal's width: its ids first and whole, then the
    question and the answer's ids wrapped (a citable id is never cut)."""
    from .common import wrap

    for a in analyses:
        typer.echo(wrap(a.dialogue.title))
        typer.echo("─" * min(width(), 100))
        for r in rows([a], wanted):
            qid = r["id"].rsplit("/", 1)[-1]
            shown = "CHECK" if r["shown_as"] == "check" else r["shown_as"]
            typer.echo(
                wrap(f"{qid:<5} {shown:<11} asked in {r['asked_in']} by {r['asked_by']}", indent="      ", first="")
            )
            typer.echo(wrap(r["question"], indent="      "))
            if r["same_as"]:
                typer.echo(
                    wrap(f"asks what {r['same_as']} asks (another member): one answer serves both", indent="      ")
                )
            if r["reviewed"]:
                answers = f" in {r['reviewed_answers']}" if r["reviewed_answers"] else ""
                typer.echo(wrap(f"reviewed: {r['reviewed']}{answers}; the tool found:", indent="      "))
            if r["answered_in"]:
                typer.echo(
                    wrap(f"{r['status']} in {r['answered_in']}: “{r['quote']}”", indent="        ", first="      ")
                )
                if r["shown_as"] == "check":
                    typer.echo(wrap(f"check it: the link {r['why']}", indent="      "))
            elif r["nearest_unlinked"]:
                typer.echo(wrap(f"no answer found; closest, not linked: {r['nearest_unlinked']}", indent="      "))
            else:
                typer.echo("      no answer found")
            if r["answers_before"]:
                typer.echo(wrap(f"compare, earlier: {r['answers_before']}", indent="      "))
        typer.echo("")
