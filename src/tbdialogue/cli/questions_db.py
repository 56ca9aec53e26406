"""``tbdialogue questions`` without files: the questions stored in the corpus database (``--db``)."""

from __future__ import annotations

import typer

from ..export import serialize
from .common import fail


def corpus_questions(
    db: str | None,
    *,
    statuses: list[str],
    state: str | None,
    body: str | None,
    year: str | None,
    session: int | None,
    format: str,
) -> None:
    """List the questions of analysed records in the corpus, filtered, in meeting order."""
    from ..store import Corpus

    if format == "md":
        fail("--format md needs the records' files; with the corpus use table, json or csv")
    corpus = Corpus(db, create=False)
    try:
        rows = []
        for status in statuses or [None]:
            rows += corpus.questions(state=state, status=status, body=body, year=year, session=session)
        analysed = corpus.stats()["analysed"]
    finally:
        corpus.close()
    rows.sort(key=lambda q: (q.date or "", q.symbol or "", int(q.id.rsplit("q", 1)[-1]) if q.id[-1:].isdigit() else 0))
    if format in ("json", "csv"):
        typer.echo(serialize("stored-questions", format, rows), nl=False)
        return
    for q in rows:
        answers = ", ".join(q.answers) or "—"
        typer.echo(f"{q.id}  {q.date or '?'}  {q.state_party or '—'}  [{q.status}]  {q.asker or ''}")
        typer.echo(f"    {q.text}")
        typer.echo(f"    asked in {q.paragraph}; answered in {answers}")
    counts = {s: sum(1 for q in rows if q.status == s) for s in ("answered", "partial", "unanswered")}
    shown = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    typer.echo(f"{len(rows)} questions{': ' + shown if shown else ''} ({analysed} analysed records in the corpus)")
    if not analysed:
        typer.echo("no record in the corpus was analysed: ingest with --analyze to find questions", err=True)
