"""``tbdialogue stats``: what the corpus holds."""

from __future__ import annotations

import json

import typer

from . import app
from .corpus_options import db_option, open_corpus


@app.command("stats")
def stats_command(
    db: str | None = db_option(),
    json_out: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Records per body, year and language; versions, paragraphs, dialogues; questions by status."""
    corpus = open_corpus(db)
    try:
        s = corpus.stats()
    finally:
        corpus.close()
    if json_out:
        typer.echo(json.dumps(s, ensure_ascii=False, indent=2, default=str))
        return

    def line(pairs) -> str:
        return ", ".join(f"{k if k is not None else '?'} {n}" for k, n in pairs) or "—"

    typer.echo(f"database:    {s['database']}")
    typer.echo(
        f"records:     {s['records']} ({s['versions']} versions; {s['paragraphs']} paragraphs in current versions)"
    )
    typer.echo(f"by body:     {line(s['by_body'])}")
    typer.echo(f"by year:     {line(s['by_year'])}")
    typer.echo(f"by language: {line(s['by_language'])}")
    typer.echo(f"dialogues:   {s['dialogues']}")
    analysed = f"{s['analysed']} analysed records"
    typer.echo(f"questions:   {line(sorted(s['questions'].items())) if s['questions'] else '—'} ({analysed})")
