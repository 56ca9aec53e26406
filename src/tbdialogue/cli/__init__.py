"""Command line: a thin layer over the library. One module per command, imported only when its
command runs (``tbdialogue parse`` does not load the corpus's database code).

Every user-facing failure is one line on stderr with exit code 2 (see :func:`common.fail`); set
``TBDIALOGUE_DEBUG=1`` to see the traceback of an unexpected error.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any, NamedTuple

import typer
from typer.core import TyperGroup

from ..version import VERSION


class Entry(NamedTuple):
    module: str
    summary: str  # the first line of the command's help (a test keeps them equal)


#: Every command: its module, and the one line `tbdialogue --help` shows without importing it.
COMMANDS: dict[str, Entry] = {
    "parse": Entry("parse_cmd", "Parse summary records and print them: the record as JSON, or a readable outline."),
    "questions": Entry(
        "questions_cmd", "List every question the Committee asked, its status and where it was answered."
    ),
    "ingest": Entry("ingest_cmd", "Parse records and store them in the corpus database."),
    "search": Entry("search_cmd", "Search the paragraphs of the corpus, best first, with citable ids."),
    "stats": Entry("stats_cmd", "What the corpus holds: records per body, year and language; questions by status."),
    "export": Entry(
        "export_cmd", "Export records as Akoma Ntoso, TEI, JSON Lines, or tables (CSV, Parquet, Excel)."
    ),
    "history": Entry("history_cmd", "Every version of a record and the paragraphs each one changed."),
    "review": Entry(
        "review_cmd", "Review the questions found: a sheet to fill in, the decisions stored beside the results."
    ),
    "serve": Entry(
        "serve_cmd", "Serve the web app and its JSON API: search, records, dialogues, States, people, reviews."
    ),
    "schema": Entry("schema_cmd", "Print the JSON Schema of the record (tbdialogue.record/1)."),
    "eval-parse": Entry("eval_cmd", "The parser's accuracy per field and per speaker turn against expected values."),
    "eval": Entry("eval_questions_cmd", "Question and answer-link accuracy against annotated gold files."),
    "agreement": Entry("agreement_cmd", "How far two annotations of the same records agree."),
}


class LazyGroup(TyperGroup):
    """Commands imported on demand (click's "lazy loading of subcommands")."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = import_module(f".{entry.module}", __name__)
        command = typer.main.get_command(module.app)
        command.name = cmd_name
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry.summary) for name, entry in COMMANDS.items()])


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tbdialogue {VERSION}")
        raise typer.Exit(0)


app = typer.Typer(
    name="tbdialogue",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Turn UN treaty-body summary records into structured, citable data.

    Run `tbdialogue COMMAND --help` for a command's options.
    """


def main() -> None:
    from .common import limit_math_threads, run_app

    limit_math_threads()
    args = sys.argv[1:]
    if args[:1] == ["search"]:  # `search migrants -Russia`: -Russia is part of the query
        from .search_cmd import exclusions_as_words

        args = ["search", *exclusions_as_words(args[1:])]
    run_app(app, args)
