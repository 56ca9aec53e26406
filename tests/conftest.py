"""Shared test fixtures.

Tests that read the project's shared reference corpus (``../shared``) use the ``shared`` fixture:
it skips with a clear reason when ``../shared`` is absent (a user's clone), and fails under
``CI=true``, where it must be present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .pg import backend, db_url, pg_server  # noqa: F401  (PostgreSQL fixtures: tests/pg.py)

ROOT = Path(__file__).resolve().parent.parent
#: The shared reference corpus: ../shared beside the clone, or where TBDIALOGUE_SHARED points.
SHARED = Path(os.environ.get("TBDIALOGUE_SHARED") or ROOT.parent / "shared")
SAMPLE = ROOT / "samples" / "CMW-C-SR.537.md"


def shared_path(*parts: str) -> Path:
    """Path inside ../shared; skip (or fail under CI) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} not found: the shared reference corpus is not next to this clone"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (required under CI=true)")
        pytest.skip(reason)
    return path


def require_extra(module: str, extra: str) -> None:
    """Skip a test that needs an optional extra (``pip install .`` and ``.[dev]`` lack them: their
    tests must pass); under ``CI=true``, where ``make test`` installs every extra, fail instead."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        reason = f"{module} is not installed (pip install '.[{extra}]')"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}: required under CI=true")
        pytest.skip(reason)


@pytest.fixture
def shared() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def sample_record():
    """The sample record shipped in samples/, parsed once per test session."""
    from tbdialogue import parse_file

    return parse_file(SAMPLE)


def run_cli(*args: str, input: bytes | None = None, env: dict | None = None):
    """Run the real command (``python -m tbdialogue``) as a user would: exit code, stdout, stderr."""
    import subprocess
    import sys

    full_env = {**os.environ, **(env or {})}
    full_env.pop("TBDIALOGUE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tbdialogue", *args],
        input=input,
        capture_output=True,
        cwd=ROOT,
        env=full_env,
        timeout=120,
    )
