"""What every command shares: one-line errors, exit codes, output streams, and the options whose
values are checked by the option itself (so that a wrong value is a usage error naming the
option and the values there are, never an empty result)."""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, NoReturn

import typer

from ..errors import TbdError
from ..lexicon.bodies import body_names
from ..lexicon.languages import UnknownLanguage, check, choices_text

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def command_app() -> typer.Typer:
    """The Typer app of one command module (plain help: wrapped to the terminal, no markup)."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one line to stderr and exit."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def width() -> int:
    """Columns to lay tables out in: the terminal's, or $COLUMNS, else 100 when piped."""
    if os.environ.get("COLUMNS", "").isdigit():
        return max(40, int(os.environ["COLUMNS"]))
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((100, 24)).columns)
    return 100


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` wrapped to :func:`width`, never breaking a word (a citable id stays whole)."""
    return textwrap.fill(
        text,
        width=width(),
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def wrap_lines(text: str) -> str:
    """Each line of a report wrapped to :func:`width` under its own indentation (two more for the
    continuation lines); short lines as they are."""
    out: list[str] = []
    w = width()
    for line in text.splitlines():
        if len(line) <= w:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip())]
        hang = lead + ("  " if line.lstrip()[:2] not in ("- ", "• ") else "    ")
        out.append(wrap(line.strip(), indent=hang, first=lead))
    return "\n".join(out)


# --- options checked by themselves --------------------------------------------------------------


def _language(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check(value.strip().lower())
    except UnknownLanguage as exc:
        raise typer.BadParameter(str(exc)) from None


def language_option(help: str) -> Any:
    return typer.Option(None, "--language", help=f"{help} ({choices_text()}).", callback=_language)


def _body(value: str | None) -> str | None:
    if value is None:
        return None
    wanted = value.strip().upper()
    known = body_names()
    if wanted in known or re.fullmatch(r"[A-Z]{2,6}/SP", wanted):
        return wanted
    raise typer.BadParameter(f"unknown body {value!r}: use one of {', '.join(known)} (or BODY/SP)")


def body_option(help: str = "Treaty body: CMW, CERD, CCPR … (or a symbol stem such as A/C.3).") -> Any:
    return typer.Option(None, "--body", help=help, callback=_body)


def _year(value: str | None) -> str | None:
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4})\s*)?", value)
    if not m:
        raise typer.BadParameter(f"cannot read the year {value!r}: give 2023 or a range such as 2013-2023")
    return value.strip()


def year_option(help: str = "Year of the meeting, or a range: 2013-2023.") -> Any:
    return typer.Option(None, "--year", help=help, callback=_year)


def _positive_mb(value: float) -> float:
    if not value > 0:
        raise typer.BadParameter(f"{value} is not a size: give a number of MB above 0, e.g. 200")
    return value


def max_size_option() -> Any:
    return typer.Option(200.0, "--max-size", help="Refuse files larger than this many MB.", callback=_positive_mb)


def choice_help(values: Iterable[str]) -> str:
    return ", ".join(values)


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


def format_option(default: str = "text") -> Any:
    return typer.Option(TextOrJson(default), "--format", "-f", help="text, or json.")


def json_alias_option() -> Any:
    """The old `--json` flag, kept working (hidden): the same as `--format json`."""
    return typer.Option(False, "--json", hidden=True, help="Same as --format json.")


def limit_math_threads() -> None:
    """numpy's math library starts one thread per core of the machine, even when this process may
    use fewer (a container, `taskset`, a busy shared server): the embedding model's 1.3 s became
    7.8 s. Limit it to the cores this process was given — before numpy is first imported (a user's
    own setting is kept)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(cores))


# --- running ---------------------------------------------------------------------------------


def _caused_by_ctrl_c(exc: BaseException) -> bool:
    """Whether a Ctrl-C lies under ``exc``: Python 3.11 wraps one raised while a module being
    imported defines a class (``RuntimeError: Error calling __set_name__``), and that is no bug."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, KeyboardInterrupt):
            return True
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return False


def run_app(app: typer.Typer, args: list[str] | None = None) -> None:
    """Run the app; turn library errors, usage errors and unexpected exceptions into one line."""
    try:
        code = app(args=args, prog_name="tbdialogue", standalone_mode=False)
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
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            typer.echo(ctx.get_help())  # `tbdialogue` alone: the help, as a newcomer expects
            sys.exit(0)
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        message = " ".join(message.split())
        where = ctx.command_path if ctx is not None else "tbdialogue"
        typer.echo(f"error: {message} (see {where} --help)", err=True)
        sys.exit(getattr(exc, "exit_code", EXIT_BAD_INPUT) or EXIT_BAD_INPUT)
    except BrokenPipeError:  # `tbdialogue … | head`: the reader left; not an error of ours
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # a bug: say so in one line, keep the traceback for developers
        if _caused_by_ctrl_c(exc):
            typer.echo("interrupted", err=True)
            sys.exit(130)
        if os.environ.get("TBDIALOGUE_DEBUG"):
            raise
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc} (please report it; TBDIALOGUE_DEBUG=1 shows details)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
