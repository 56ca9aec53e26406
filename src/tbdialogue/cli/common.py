"""What every command shares: one-line errors, exit codes, output streams."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import typer

from ..errors import TbdError

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one line to stderr and exit."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def run_app(app: typer.Typer, args: list[str] | None = None) -> None:
    """Run the app; turn library errors, usage errors and unexpected exceptions into one line."""
    try:
        code = app(args=args, standalone_mode=False)
    except TbdError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        message = " ".join(message.split())
        typer.echo(f"error: {message} (see tbdialogue --help)", err=True)
        sys.exit(getattr(exc, "exit_code", EXIT_BAD_INPUT))
    except Exception as exc:  # a bug: say so in one line, keep the traceback for developers
        if os.environ.get("TBDIALOGUE_DEBUG"):
            raise
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc} (please report it; TBDIALOGUE_DEBUG=1 shows details)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
