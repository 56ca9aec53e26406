"""``tbdialogue schema``: print the published JSON Schema of the record."""

from __future__ import annotations

import json

import typer

from ..model import record_json_schema
from .common import command_app

app = command_app()


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the record (tbdialogue.record/1)."""
    typer.echo(json.dumps(record_json_schema(), indent=2, ensure_ascii=False))
