"""``tbdialogue eval``: question and answer-link accuracy against annotated gold files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from .common import command_app, fail, wrap_lines


class EvalFormat(StrEnum):
    text = "text"
    json = "json"


app = command_app()


@app.command("eval")
def eval_questions_command(
    gold: list[Path] = typer.Argument(
        None, metavar="[GOLD]", help="Gold files (tests/gold/*.questions.json).", show_default=False
    ),
    from_db: str | None = typer.Option(
        None,
        "--from-db",
        metavar="URL|FILE",
        help="Also take as gold the reviewed questions of this corpus (tbdialogue review import).",
    ),
    format: EvalFormat = typer.Option(EvalFormat.text, "--format", "-f", help="text, or json."),
    cv: bool = typer.Option(False, "--cv", help="Also cross-validate: leave one asker's turn out (slower)."),
    no_embeddings: bool = typer.Option(False, "--no-embeddings", help="Evaluate the linker without embeddings."),
    no_thesaurus: bool = typer.Option(
        False, "--no-thesaurus", help="Evaluate with the language profiles' thesaurus switched off (what it brings)."
    ),
    write_calibration: Path | None = typer.Option(
        None, "--write-calibration", help="Recalibrate on these gold files and write the calibration TOML here."
    ),
    errors: bool = typer.Option(
        False, "--errors", help="Also list every question the linker got wrong, with the paragraphs' texts."
    ),
) -> None:
    """Question and answer-link accuracy against annotated gold files.

    Question precision, recall and F1; answer-link precision, recall and F1; status accuracy; the
    precision and recall of "unanswered"; the precision of the answers shown with high confidence,
    how many are shown "check", and how many silences are kept — for the shipped linker and two
    baselines in the same run, order-only and lexical-only (docs/annotation.md gives the matching
    rules). --from-db adds the questions reviewers decided (tbdialogue review) as gold.
    """
    import json

    from ..evaluation.questions import evaluate_gold

    gold = gold or []
    for g in gold:
        if not g.is_file():
            fail(f"no such gold file: {g}")
    if not gold and not from_db:
        fail("give gold files, or --from-db a corpus with reviewed questions (tbdialogue review import)")
    reviewed = []
    if from_db:
        from ..evaluation.questions import reviewed_gold
        from .corpus_options import open_corpus

        corpus = open_corpus(from_db)
        try:
            reviewed = reviewed_gold(corpus.analysed_dialogues(), from_db)
        finally:
            corpus.close()
        if not reviewed:
            fail(f"no reviewed question in {from_db}: review them first (tbdialogue review export, then import)")
    if no_thesaurus and write_calibration is not None:
        fail("--no-thesaurus measures the linker without its thesaurus; calibrate with it (drop --no-thesaurus)")
    report = evaluate_gold(
        gold, use_embeddings=not no_embeddings, cross_validation=cv, thesaurus=not no_thesaurus, reviewed=reviewed
    )
    if write_calibration is not None:
        write_calibration.write_text(report.calibration_toml, "utf-8")
        typer.echo(f"calibration written to {write_calibration}", err=True)
    found = []
    params = report.params["full" if report.embedder else "no_embeddings"]
    if errors:
        from ..evaluation.link_errors import errors_text, link_errors

        found = link_errors(report.runs, params)
    if format is EvalFormat.json:
        out = report.to_dict()
        if errors:
            out["errors"] = [e.to_dict() for e in found]
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        typer.echo(wrap_lines(report.text()))
        if errors:
            typer.echo("")
            typer.echo(wrap_lines(errors_text(found, params)))
