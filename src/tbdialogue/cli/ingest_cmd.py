"""``tbdialogue ingest``: files and folders of records → the corpus database."""

from __future__ import annotations

import csv
import json
import os
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..pipeline import collect_files
from .common import EXIT_BAD_INPUT, command_app, fail
from .corpus_options import db_option, open_corpus

SHOWN_ERRORS = 10


class OutFormat(StrEnum):
    text = "text"
    json = "json"


app = command_app()


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(
        ...,
        metavar="FILE|FOLDER",
        help="Record files, or folders standing for the record files in them.",
        show_default=False,
    ),
    db: str | None = db_option(),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Also the record files in sub-folders."),
    jobs: int = typer.Option(
        os.cpu_count() or 1, "--jobs", "-j", min=1, max=64, help="Worker processes that parse (1 to 64)."
    ),
    analyze: bool = typer.Option(
        False, "--analyze", help="Also find the questions and answers of every dialogue the records belong to."
    ),
    reparse: bool = typer.Option(
        False, "--reparse", help="Parse files again even when their bytes were ingested before."
    ),
    errors: Path = typer.Option(
        Path("tbdialogue-errors.tsv"), "--errors", help="Where to write the files that failed (path, reason)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    format: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help="text, or json: the run's figures."),
) -> None:
    """Parse records and store them in the corpus database.

    Re-ingesting the same record changes nothing; a corrected reissue (same symbol and language,
    different text) becomes a new version. A file that cannot be read, or is not a summary record,
    goes to the error report and the batch goes on; files of other kinds in a folder are counted,
    not read. Safe to interrupt: run it again to finish.
    """
    if any(str(p) == "-" for p in paths):
        fail("ingest reads files, not standard input: save the record to a file first")
    try:
        from ..store.ingest import IngestReport

        found = collect_files([str(p) for p in paths], recursive=recursive)
        if not found.files:  # nothing to read: say so, and create no database
            for path, reason in found.missing:
                typer.echo(f"error: {path}: {reason}", err=True)
            fail("no record files to ingest in what was given")
        corpus = open_corpus(db, create=True)
    except KeyboardInterrupt:  # Ctrl-C while starting: loading, listing files, opening the database
        typer.echo("interrupted: nothing was stored", err=True)
        raise typer.Exit(130) from None
    console = Console(stderr=True)
    report = IngestReport()
    columns = (
        BarColumn(bar_width=12),
        MofNCompleteColumn(),
        TextColumn("{task.fields[stats]}"),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=console, disable=quiet or not console.is_terminal) as bar:
            task = bar.add_task("ingest", total=None, stats="")

            def progress(rep: IngestReport) -> None:
                errors = f"[red]{len(rep.errors)} errors[/]" if rep.errors else "0 errors"
                stats = (
                    f"{rep.new} new · {rep.new_versions} versions · {rep.unchanged + rep.skipped} unchanged · "
                    f"{errors} · {rep.rate:.0f}/s"
                )
                bar.update(task, total=rep.files, completed=rep.done, stats=stats)

            corpus.ingest(
                [str(p) for p in paths],
                jobs=jobs,
                analyse=analyze,
                reparse=reparse,
                recursive=recursive,
                progress=progress,
                report=report,
            )
    except KeyboardInterrupt:
        _summary(report, corpus, errors, format)
        typer.echo("interrupted: the records above are stored; run the same command again to finish", err=True)
        raise typer.Exit(130) from None
    finally:
        corpus.close()
    _summary(report, corpus, errors, format)
    if report.errors:
        raise typer.Exit(EXIT_BAD_INPUT)


def _summary(report, corpus, errors_path: Path, format: OutFormat) -> None:
    from ..store.db import describe

    skipped = sum(report.not_records.values())
    if format is OutFormat.json:
        figures = {
            "database": describe(corpus.url),
            "files": report.files,
            "done": report.done,
            "seconds": round(report.elapsed, 3),
            "new_records": report.new,
            "new_versions": report.new_versions,
            "unchanged": report.unchanged + report.skipped,
            "errors": [{"path": e.path, "reason": e.reason} for e in report.errors],
            "not_records": dict(report.not_records),
            "subfolders_not_read": report.subfolders,
            "analysis": None
            if report.analysis is None
            else {
                "records": report.analysis.records,
                "dialogues": report.analysis.dialogues,
                "questions": report.analysis.questions,
            },
        }
        typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
    if skipped:
        kinds = ", ".join(f"{k} ({n})" if n > 1 else k for k, n in sorted(report.not_records.items()))
        typer.echo(
            f"warning: {skipped} file{'s' if skipped != 1 else ''} skipped (not a record format): {kinds}", err=True
        )
    if report.subfolders:
        n = report.subfolders
        typer.echo(f"warning: {n} sub-folder{'s' if n != 1 else ''} not read (add --recursive to read them)", err=True)
    if format is OutFormat.json:
        _errors(report, errors_path)
        return
    typer.echo(
        f"{report.done} of {report.files} files in {report.elapsed:.1f} s ({report.rate:.1f} records/s) "
        f"into {describe(corpus.url)}: {report.new} new records, {report.new_versions} new versions, "
        f"{report.unchanged + report.skipped} unchanged, {len(report.errors)} errors"
    )
    if report.analysis is not None:
        a = report.analysis
        order = ("answered", "check", "partial", "unanswered")
        found = (
            ", ".join(f"{a.questions[k]} {'to check' if k == 'check' else k}" for k in order if a.questions.get(k))
            or "none"
        )
        typer.echo(
            f"analysed {a.records} records ({a.dialogues} dialogues, each as a whole) in {a.seconds:.1f} s: "
            f"questions {found}"
        )
        for note in a.notes:
            typer.echo(f"note: {note}", err=True)
    _errors(report, errors_path)


def _errors(report, errors_path: Path) -> None:
    if not report.errors:
        return
    with errors_path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter="\t", lineterminator="\n")
        out.writerow(["path", "reason"])
        for e in report.errors:
            out.writerow([e.path, e.reason])
    for e in report.errors[:SHOWN_ERRORS]:
        typer.echo(f"error: {e.path}: {e.reason}", err=True)
    more = len(report.errors) - SHOWN_ERRORS
    typer.echo(f"{'… and ' + str(more) + ' more; ' if more > 0 else ''}error report: {errors_path}", err=True)
