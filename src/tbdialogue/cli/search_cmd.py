"""``tbdialogue search``: ranked paragraphs of the corpus, with citable ids and snippets."""

from __future__ import annotations

from enum import StrEnum

import typer

from ..export import serialize
from ..model import QUESTION_STATUSES, SIDES
from ..store.deadline import COUNT_LIMIT, SEARCH_SECONDS
from .common import body_option, command_app, language_option, width, wrap, year_option
from .corpus_options import db_option, open_corpus


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


Side = StrEnum("Side", {s: s for s in SIDES})  # the record model's sides
Status = StrEnum("Status", {s: s for s in QUESTION_STATUSES})


app = command_app()


@app.command("search")
def search_command(
    query: list[str] = typer.Argument(
        ...,
        metavar="QUERY",
        help='Words, "exact phrases", AND, OR, NOT or -exclusion, prefix*; quote the whole query or not.',
        show_default=False,
    ),
    db: str | None = db_option(),
    body: str | None = body_option(),
    state: str | None = typer.Option(
        None, "--state", help="State party: name in English, French or Spanish, or ISO code (any case)."
    ),
    year: str | None = year_option(),
    session: int | None = typer.Option(None, "--session", min=1, help="Session number."),
    language: str | None = language_option("Language of the record"),
    speaker: str | None = typer.Option(None, "--speaker", help="Words of the speaker's label, e.g. Dzumhur."),
    side: Side | None = typer.Option(None, "--side", help="The speaker's side."),
    status: Status | None = typer.Option(
        None, "--status", help="Paragraphs asking a question with this status (analysed records)."
    ),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=10000, help="Number of hits (1 to 10000)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many hits (paging)."),
    facets: bool = typer.Option(False, "--facets", help="Also count hits per body, State, year, language, side."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """Search the paragraphs of the corpus, best first, with citable ids.

    Only the current version of each record is searched. Words match any form of the word in the
    record's language ("detained" finds "detain"), ignoring case and accents. Each hit has its
    citable id (CMW/C/SR.537/p40) and a snippet with the matches marked. `-word` excludes the word
    in every form, not the words that start with it (-Russia keeps "Russian"; -Russia* drops it).
    """
    corpus = open_corpus(db)
    try:
        result = corpus.search(
            " ".join(query).replace("\u2212", "-"),  # see exclusions_as_words
            limit=limit,
            offset=offset,
            count=True,
            count_limit=COUNT_LIMIT,
            time_limit=SEARCH_SECONDS,
            facets=facets,
            body=body,
            state=state,
            year=year,
            session=session,
            language=language,
            speaker=speaker,
            side=side.value if side else None,
            status=status.value if status else None,
        )
    finally:
        corpus.close()
    if format is not Format.table:
        typer.echo(serialize("hits", format.value, result), nl=False)
    else:
        _table(result, offset)


def exclusions_as_words(args: list[str]) -> list[str]:
    """``search migrants -Russia``: a word after a minus is an exclusion in the query, not an option.

    Such a word is passed on with a typographic minus (U+2212), which the query language reads as an
    exclusion. Options of the command (``-n 5``, ``-fjson``, ``--limit``) and their values are kept.
    """
    command = typer.main.get_command(app)
    takes_value: set[str] = set()
    flags: set[str] = set()
    for param in command.params:
        for opt in (*param.opts, *param.secondary_opts):
            (flags if getattr(param, "is_flag", False) else takes_value).add(opt)
    flags |= {"-h", "--help"}
    out: list[str] = []
    after_value_option = False
    for arg in args:
        if after_value_option or arg == "--" or arg.startswith("--") or arg in flags or arg == "-":
            out.append(arg)
            after_value_option = arg in takes_value
            continue
        after_value_option = arg in takes_value
        short = arg[:2]
        if arg.startswith("-") and not after_value_option and not (short in takes_value and _option_value(arg)):
            arg = "\u2212" + arg[1:]
        out.append(arg)
    return out


def _option_value(arg: str) -> bool:
    """``-n5``, ``-fjson``: a short option with its value attached (anything else is a word)."""
    value = arg[2:]
    return (arg[:2] == "-n" and value.isdigit()) or (arg[:2] == "-f" and value in Format.__members__)


def _table(result, offset: int) -> None:
    """Readable list: rank, citable id, meeting and speaker, then the snippet with the matches marked
    (bold on a terminal, **word** otherwise so that the marks survive a pipe)."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, width=width())
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
            wrap(f"{i:>3}  {h.id}  {meeting} · {who}", indent="     ", first=""),
        )
        parts = escape(h.snippet).split("**")
        marked = "".join(f"[bold yellow]{p}[/]" if k % 2 else p for k, p in enumerate(parts))
        wrapped = wrap(h.snippet, indent=" " * 5)
        out("     " + marked + "\n", wrapped + "\n")
    shown = f"{offset + 1}–{offset + len(result.hits)}" if offset else str(len(result.hits))
    total = f"over {result.total:,}" if result.capped else f"{result.total:,}"
    typer.echo(f"{shown} of {total} paragraphs · {result.elapsed_ms:.0f} ms")
    if result.capped:
        typer.echo(
            wrap(
                f"So many paragraphs match that these are the best of the {result.total:,} most recently stored, "
                "not of all: add a word, a phrase or a filter to rank every match."
            )
        )
    if result.facets:
        for name, values in result.facets.items():
            if values:
                typer.echo(wrap(f"{name}: " + ", ".join(f"{v} {n}" for v, n in values[:15]), indent="  ", first=""))
