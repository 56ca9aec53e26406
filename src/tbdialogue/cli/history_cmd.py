"""``tbdialogue history``: the versions of a record and what changed, paragraph by paragraph."""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict

import typer

from . import app
from .corpus_options import db_option, open_corpus


@app.command("history")
def history_command(
    symbol: str = typer.Argument(..., help="Record symbol, e.g. CMW/C/SR.537.", show_default=False),
    db: str | None = db_option(),
    language: str | None = typer.Option(None, help="Only this language: en, fr or es."),
    json_out: bool = typer.Option(False, "--json", help="Print the history as JSON."),
) -> None:
    """Show every version of a record (corrected reissues) and the paragraphs each one changed."""
    corpus = open_corpus(db)
    try:
        histories = corpus.history(symbol.strip(), language)
    finally:
        corpus.close()
    if json_out:
        typer.echo(json.dumps([asdict(h) for h in histories], ensure_ascii=False, indent=2))
        return
    for h in histories:
        typer.echo(f"{h.key} ({h.language}): {len(h.versions)} version{'s' if len(h.versions) > 1 else ''}")
        for v in h.versions:
            flag = "  (current)" if v.current else ""
            issued = f", issued {v.distribution_date}" if v.distribution_date else ""
            typer.echo(f"  version {v.version}{flag}: ingested {v.ingested_at}{issued}, {v.paragraphs} paragraphs")
            for path in v.sources:
                typer.echo(f"    from {path}")
            if v.version == 1:
                continue
            if not v.changes and not v.fields:
                typer.echo("    no paragraph changed")
            for name, (old, new) in v.fields.items():
                typer.echo(f"    {name}: {old!r} → {new!r}")
            for c in v.changes:
                if c.kind == "changed":
                    typer.echo(f"    changed {c.new_id}:")
                    typer.echo(f"      {word_diff(c.old_text or '', c.new_text or '')}")
                elif c.kind == "added":
                    typer.echo(f"    added {c.new_id}: {c.new_text}")
                else:
                    typer.echo(f"    removed {c.old_id}: {c.old_text}")


def word_diff(old: str, new: str) -> str:
    """Words removed in [-…-] and added in {+…+}, the rest as it was (like git's --word-diff)."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            seg = a[i1:i2]
            out.append(" ".join(seg if len(seg) <= 12 else [*seg[:5], "…", *seg[-5:]]))
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)
