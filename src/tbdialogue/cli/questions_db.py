"""``tbdialogue questions`` without files: the questions stored in the corpus database (``--db``),
given the same way as from files — each dialogue with its completeness warnings, the closest
paragraph of unanswered questions, the same table, CSV, JSON and brief."""

from __future__ import annotations

import typer

from .common import EXIT_BAD_INPUT


def corpus_analyses(
    db: str | None, *, state: str | None, body: str | None, year: str | None, session: int | None
) -> list:
    """The analyses stored in the corpus, one per dialogue (its records' questions as stored)."""
    from ..analyse import stored_analyses
    from ..store import Corpus

    corpus = Corpus(db, create=False)
    try:
        groups = corpus.analysed_dialogues(state=state, body=body, year=year, session=session)
        analysed = corpus.stats()["analysed"]
    finally:
        corpus.close()
    if not analysed:
        typer.echo("error: no record in the corpus was analysed: ingest with --analyze to find questions", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    return [a for records in groups for a in stored_analyses(records)]
