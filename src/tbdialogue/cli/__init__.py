"""Command line: a thin layer over the library. One module per command; each registers itself here.

Every user-facing failure is one line on stderr with exit code 2 (see :func:`fail`); set
``TBDIALOGUE_DEBUG=1`` to see the traceback of an unexpected error.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="tbdialogue",
    help="Turn UN treaty-body summary records into structured, citable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules register their commands on ``app`` when imported.
from . import (  # noqa: E402,F401
    agreement_cmd,
    eval_cmd,
    eval_questions_cmd,
    history_cmd,
    ingest_cmd,
    parse_cmd,
    questions_cmd,
    schema_cmd,
    search_cmd,
    stats_cmd,
)


def main() -> None:
    from .common import run_app

    run_app(app)
