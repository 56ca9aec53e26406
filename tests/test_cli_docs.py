"""Every command is documented: in --help, in the README's command table, and in the one-line
summaries `tbdialogue --help` shows without importing the commands; help reads well at 80 columns."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from tbdialogue.cli import COMMANDS, app

from .conftest import ROOT, run_cli


def _commands() -> list[str]:
    return sorted(COMMANDS)


def test_there_are_commands():
    assert {"parse", "eval-parse", "schema", "questions", "ingest", "search"} <= set(_commands())


@pytest.mark.parametrize("name", _commands())
def test_command_has_help_that_reads_well_at_80_columns(name: str):
    result = run_cli(name, "--help", env={"COLUMNS": "80"})
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert out.startswith(f"Usage: tbdialogue {name}")
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "``" not in out and "[bold" not in out and "<bool>" not in out  # no raw markup, flags as flags
    # Paragraphs are re-flowed: no line of prose ends where the docstring's source line did,
    # mid-sentence, followed by a much shorter line (the sign of hard-wrapped help).
    assert run_cli(name, "-h").stdout == run_cli(name, "--help").stdout


@pytest.mark.parametrize("name", _commands())
def test_summary_is_the_first_line_of_the_commands_help(name: str):
    group = typer.main.get_command(app)
    command = group.get_command(None, name)
    first = (command.help or "").strip().splitlines()[0]
    assert first == COMMANDS[name].summary


@pytest.mark.parametrize("name", _commands())
def test_command_is_in_readme(name: str):
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(rf"`tbdialogue {re.escape(name)}\b", readme), f"README does not document `tbdialogue {name}`"


def test_version_and_short_help():
    v = run_cli("--version")
    assert v.returncode == 0 and re.fullmatch(rb"tbdialogue \d+\.\d+\.\d+\n", v.stdout)
    h = run_cli("-h")
    assert h.returncode == 0 and b"Commands:" in h.stdout
    bare = run_cli()
    assert bare.returncode == 0 and b"Commands:" in bare.stdout  # the help, not an error


def test_a_command_imports_only_its_own_modules():
    """`tbdialogue parse` does not load the corpus (SQLAlchemy), the other commands, numpy or the
    evaluation code; `--help` loads no command at all."""
    code = (
        "import sys\n"
        "from tbdialogue.cli.common import run_app\n"
        "from tbdialogue.cli import app\n"
        "try:\n"
        "    run_app(app, sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "mods = sorted(m for m in sys.modules if m.startswith(('tbdialogue.cli.', 'sqlalchemy', 'numpy', 'tbdialogue.evaluation', 'tbdialogue.store', 'rich')))\n"
        "print(' '.join(mods), file=sys.stderr)\n"
    )
    parse = subprocess.run(
        [sys.executable, "-c", code, "parse", str(ROOT / "samples/CMW-C-SR.537.md")], capture_output=True, cwd=ROOT
    )
    loaded = parse.stderr.decode().strip().splitlines()[-1].split()
    assert "tbdialogue.cli.parse_cmd" in loaded
    assert not [m for m in loaded if m.startswith(("sqlalchemy", "numpy", "tbdialogue.evaluation", "tbdialogue.store"))]
    assert not [
        m for m in loaded if m.startswith("tbdialogue.cli.") and m.endswith("_cmd") and m != "tbdialogue.cli.parse_cmd"
    ]
    helped = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True, cwd=ROOT)
    assert not [m for m in helped.stderr.decode().strip().splitlines()[-1].split() if m.endswith("_cmd")]
