"""``tbdialogue ingest``: files and folders of records → the corpus database."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import app
from .common import EXIT_BAD_INPUT
from .corpus_options import db_option, open_corpus

SHOWN_ERRORS = 10


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Record files or folders (searched recursively).", show_default=False),
    db: str | None = db_option(),
    jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", "-j", min=1, help="Worker processes that parse."),
    analyze: bool = typer.Option(
        False, "--analyze", help="Also find questions and answers (needs tbdialogue.analyse)."
    ),
    reparse: bool = typer.Option(
        False, "--reparse", help="Parse files again even when their bytes were ingested before."
    ),
    errors: Path = typer.Option(
        Path("tbdialogue-errors.tsv"), "--errors", help="Where to write the files that failed (path, reason)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Parse records and store them in the corpus; re-ingesting the same record changes nothing.

    A corrected reissue (same symbol and language, different text) becomes a new version; files that
    cannot be read go to the error report and the batch goes on. Safe to interrupt: run it again to
    finish.
    """
    from ..store.ingest import IngestReport

    corpus = open_corpus(db, create=True)
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
                [str(p) for p in paths], jobs=jobs, analyse=analyze, reparse=reparse, progress=progress, report=report
            )
    except KeyboardInterrupt:
        _summary(report, corpus, errors)
        typer.echo("interrupted: the records above are stored; run the same command again to finish", err=True)
        raise typer.Exit(130) from None
    finally:
        corpus.close()
    _summary(report, corpus, errors)
    if report.errors:
        raise typer.Exit(EXIT_BAD_INPUT)


def _summary(report, corpus, errors_path: Path) -> None:
    from ..store.db import describe

    typer.echo(
        f"{report.done} of {report.files} files in {report.elapsed:.1f} s ({report.rate:.1f} records/s) "
        f"into {describe(corpus.url)}: {report.new} new records, {report.new_versions} new versions, "
        f"{report.unchanged + report.skipped} unchanged, {len(report.errors)} errors"
    )
    if report.analysis is not None:
        a = report.analysis
        found = ", ".join(f"{n} {s}" for s, n in sorted(a.questions.items())) or "none"
        typer.echo(
            f"analysed {a.records} records ({a.dialogues} dialogues, each as a whole) in {a.seconds:.1f} s: "
            f"questions {found}"
        )
        for note in a.notes:
            typer.echo(f"note: {note}", err=True)
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
