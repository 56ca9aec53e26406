"""``tbdialogue stats``: what the corpus holds."""

from __future__ import annotations

import json

import typer

from .common import TextOrJson, command_app, format_option, json_alias_option, wrap
from .corpus_options import db_option, open_corpus

app = command_app()


@app.command("stats")
def stats_command(
    db: str | None = db_option(),
    format: TextOrJson = format_option(),
    json_out: bool = json_alias_option(),
) -> None:
    """What the corpus holds: records per body, year and language; questions by status.

    Also the versions, paragraphs and dialogues, and how many records were analysed. Questions are
    counted as readers are shown them: a link the tool does not trust is "to check", never
    "answered"; a reviewed question counts as its reviewer decided (JSON: `shown`; the automatic
    statuses alone: `questions`).
    """
    corpus = open_corpus(db)
    try:
        s = corpus.stats()
    finally:
        corpus.close()
    if json_out or format is TextOrJson.json:
        typer.echo(json.dumps(s, ensure_ascii=False, indent=2, default=str))
        return

    def line(pairs) -> str:
        return ", ".join(f"{k if k is not None else '?'} {n}" for k, n in pairs) or "—"

    typer.echo(f"database:    {s['database']}")
    typer.echo(
        f"records:     {s['records']} ({s['versions']} versions; {s['paragraphs']} paragraphs in current versions)"
    )
    for label, key in (("by body:", "by_body"), ("by year:", "by_year"), ("by language:", "by_language")):
        typer.echo(wrap(f"{label:<12} {line(s[key])}", indent=" " * 13, first=""))
    typer.echo(f"dialogues:   {s['dialogues']}")
    analysed = f"{s['analysed']} analysed records"
    shown = s["shown"]
    total = sum(shown.values())
    if total:
        parts = ", ".join(f"{n} {'to check' if k == 'check' else k}" for k, n in shown.items())
        typer.echo(wrap(f"questions:   {total}: {parts} ({analysed})", indent=" " * 13, first=""))
    else:
        typer.echo(f"questions:   — ({analysed})")
