"""The package's layers, checked on its source: nothing imports upward or sideways.

The data flows one way — read → parse → analyse → store / export — over the domain's words and
rules at the bottom (``lexicon``) and the contracts (``model``, ``document``). Every import of every
module (at the top, inside functions, under TYPE_CHECKING: all of them) is read with ``ast`` and
checked against the table below: a module may import its own package and the layers under its own,
never one above it nor one beside it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "tbdialogue"

#: Top-level part of the package → its layer. Equal layers may not import each other.
LAYERS = {
    "errors": 0,
    "version": 0,
    "lexicon": 1,
    "model": 2,
    "document": 2,
    "read": 3,
    "parse": 3,
    "analyse": 4,
    "pipeline": 5,
    "store": 6,
    "export": 6,
    "evaluation": 7,
    "web": 8,
    "cli": 9,
    "__main__": 10,
    "": 10,  # the package's front door (tbdialogue/__init__.py): imported by nothing inside
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(name: str, is_package: bool, source: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every tbdialogue module the module ``name`` imports."""
    package = name if is_package else name.rsplit(".", 1)[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "tbdialogue"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "tbdialogue":
                continue
            if node.module is None or target == "tbdialogue":
                # "from . import x" / "from .. import x": x may be a module or a name of the package.
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    is_module = (PACKAGE.parent / sub.replace(".", "/")).with_suffix(".py").exists() or (
                        PACKAGE.parent / sub.replace(".", "/")
                    ).is_dir()
                    out.append((node.lineno, sub if is_module else target))
            else:
                out.append((node.lineno, target))
    return out


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _violations_of(name: str, is_package: bool, source: str, label: str) -> list[str]:
    found = []
    here = _part(name)
    assert here in LAYERS, f"{label}: add {here!r} to the layering table of this test"
    for line, target in _imports(name, is_package, source):
        there = _part(target)
        assert there in LAYERS, f"{label}:{line} imports {target}: add {there!r} to the layering table"
        if there == here and here:
            continue
        if LAYERS[there] >= LAYERS[here]:
            kind = "sideways" if LAYERS[there] == LAYERS[here] else "upward"
            found.append(f"{label}:{line}: {here or 'tbdialogue'} imports {target} ({kind})")
    return found


def _violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue  # alembic's scripts, loaded by alembic
        source = path.read_text("utf-8")
        label = str(path.relative_to(ROOT))
        found += _violations_of(_module_name(path), path.name == "__init__.py", source, label)
    return found


def test_no_module_imports_upward_or_sideways():
    assert _violations() == []


def test_every_part_of_the_package_has_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir() if not p.name.startswith(("_", "."))}
    parts -= {"schema", "py"}  # the published JSON Schema (data)
    missing = {p for p in parts if p not in LAYERS}
    assert not missing, f"parts without a layer: {missing}"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from ..pipeline import parse_file\n", "upward"),
        ("def f():\n    from ..store import Corpus\n", "upward"),
        ("from ..read.text import decode\n", "sideways"),
        ("from .. import parse_file\n", "upward"),
    ],
)
def test_the_check_catches_what_it_must(source, expected):
    """The check is not vacuous: an import from parse into the pipeline, the store (inside a
    function), a reader, or the package's front door is reported."""
    found = _violations_of("tbdialogue.parse.probe", False, source, "probe")
    assert len(found) == 1 and expected in found[0], found
    assert (
        _violations_of("tbdialogue.parse.probe", False, "from ..lexicon import symbols\nfrom .body import x\n", "ok")
        == []
    )
