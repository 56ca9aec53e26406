"""``tbdialogue search``: ranked paragraphs of the corpus, with citable ids and snippets."""

from __future__ import annotations

from enum import StrEnum

import typer

from ..export import serialize
from . import app
from .corpus_options import db_option, open_corpus


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command("search")
def search_command(
    query: str = typer.Argument(..., help='Words, "exact phrases", OR, -exclusion, prefix*.', show_default=False),
    db: str | None = db_option(),
    body: str | None = typer.Option(None, help="Treaty body: CMW, CERD, CCPR … (or a symbol stem such as A/C.3)."),
    state: str | None = typer.Option(None, help="State party: name in English, French or Spanish, or ISO code."),
    year: str | None = typer.Option(None, help="Year of the meeting, or a range: 2013-2023."),
    session: int | None = typer.Option(None, help="Session number."),
    language: str | None = typer.Option(None, help="Language of the record: en, fr or es."),
    speaker: str | None = typer.Option(None, help="Words of the speaker's label, e.g. Dzumhur."),
    side: str | None = typer.Option(None, help="committee, state, secretariat or other."),
    status: str | None = typer.Option(None, help="Paragraphs asking a question with this status (analysed records)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=10000, help="Number of hits."),
    offset: int = typer.Option(0, min=0, help="Skip this many hits (paging)."),
    facets: bool = typer.Option(False, "--facets", help="Also count hits per body, State, year, language, side."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """Search the paragraphs of the corpus (current versions), best first.

    Words match any form ("detained" finds "detention"s stem) in the record's language, ignoring
    case and accents. Each hit has its citable id (CMW/C/SR.537/p40) and a snippet with the matches.
    """
    corpus = open_corpus(db)
    try:
        result = corpus.search(
            query,
            limit=limit,
            offset=offset,
            count=True,
            facets=facets,
            body=body,
            state=state,
            year=year,
            session=session,
            language=language,
            speaker=speaker,
            side=side,
            status=status,
        )
    finally:
        corpus.close()
    if format is not Format.table:
        typer.echo(serialize("hits", format.value, result), nl=False)
    else:
        _table(result, offset)


def _table(result, offset: int) -> None:
    """Readable list: rank, citable id, meeting and speaker, then the snippet with the matches marked
    (bold on a terminal, **word** otherwise so that the marks survive a pipe)."""
    import textwrap

    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    tty = console.is_terminal

    def out(markup: str, plain: str) -> None:
        if tty:
            console.print(markup)
        else:
            typer.echo(plain)

    if not result.hits:
        typer.echo(f"no paragraph matches {result.query!r}" + (f" ({result.total} in all)" if offset else ""))
        return
    for i, h in enumerate(result.hits, start=offset + 1):
        meeting = " · ".join(str(x) for x in (h.date, h.body, h.state_party, h.language) if x)
        who = (h.speaker or "—") + (f" ({h.side})" if h.side else "")
        out(
            f"[bold]{i:>3}  {escape(h.id)}[/]  [dim]{escape(meeting)} · {escape(who)}[/]",
            f"{i:>3}  {h.id}  {meeting} · {who}",
        )
        parts = escape(h.snippet).split("**")
        marked = "".join(f"[bold yellow]{p}[/]" if k % 2 else p for k, p in enumerate(parts))
        wrapped = textwrap.fill(h.snippet, width=100, initial_indent=" " * 5, subsequent_indent=" " * 5)
        out("     " + marked + "\n", wrapped + "\n")
    shown = f"{offset + 1}–{offset + len(result.hits)}" if offset else str(len(result.hits))
    typer.echo(f"{shown} of {result.total} paragraphs · {result.elapsed_ms:.0f} ms")
    if result.facets:
        for name, values in result.facets.items():
            if values:
                typer.echo(f"{name}: " + ", ".join(f"{v} {n}" for v, n in values[:15]))
