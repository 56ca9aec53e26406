"""``tbdialogue history``: the versions of a record and what changed, paragraph by paragraph."""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict

import typer

from .common import TextOrJson, command_app, format_option, json_alias_option, language_option, wrap
from .corpus_options import db_option, open_corpus

app = command_app()


@app.command("history")
def history_command(
    symbol: str = typer.Argument(
        ..., metavar="SYMBOL", help="Record symbol, e.g. CMW/C/SR.537 (any case).", show_default=False
    ),
    db: str | None = db_option(),
    language: str | None = language_option("Only this language"),
    format: TextOrJson = format_option(),
    json_out: bool = json_alias_option(),
) -> None:
    """Every version of a record and the paragraphs each one changed.

    A corrected reissue of a record is a new version; for each, the cover fields and the paragraphs
    that changed (words removed in [-…-], added in {+…+}).
    """
    corpus = open_corpus(db)
    try:
        histories = corpus.history(symbol.strip(), language)
    finally:
        corpus.close()
    if json_out or format is TextOrJson.json:
        typer.echo(json.dumps([asdict(h) for h in histories], ensure_ascii=False, indent=2))
        return
    for h in histories:
        typer.echo(f"{h.key} ({h.language}): {len(h.versions)} version{'s' if len(h.versions) > 1 else ''}")
        for v in h.versions:
            flag = "  (current)" if v.current else ""
            issued = f", issued {v.distribution_date}" if v.distribution_date else ""
            typer.echo(
                wrap(
                    f"version {v.version}{flag}: ingested {v.ingested_at}{issued}, {v.paragraphs} paragraphs",
                    indent="    ",
                    first="  ",
                )
            )
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
                    typer.echo(wrap(word_diff(c.old_text or "", c.new_text or ""), indent="      "))
                elif c.kind == "added":
                    typer.echo(wrap(f"added {c.new_id}: {c.new_text}", indent="      ", first="    "))
                else:
                    typer.echo(wrap(f"removed {c.old_id}: {c.old_text}", indent="      ", first="    "))


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
