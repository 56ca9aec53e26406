"""Every command is documented: in --help, and in the README's command table."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from tbdialogue.cli import app

from .conftest import ROOT

runner = CliRunner()


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_there_are_commands():
    assert {"parse", "eval-parse", "schema"} <= set(_commands())


@pytest.mark.parametrize("name", _commands())
def test_command_has_help(name: str):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.mark.parametrize("name", _commands())
def test_command_is_in_readme(name: str):
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(rf"`tbdialogue {re.escape(name)}\b", readme), f"README does not document `tbdialogue {name}`"
