"""Where exports go: files written whole or not at all, folders made on demand.

A file is written under a temporary name beside its target and renamed when complete, so an
interrupted export never leaves a truncated file that looks finished, and an earlier export is
replaced only by a complete one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from . import ExportError


def is_stream(out: Any) -> bool:
    return hasattr(out, "write")


@contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "wb", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open ``path`` for writing through a temporary file renamed into place on success."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"{target} is a folder: give a file name for --out")
    if not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    try:
        with open(tmp, mode, **kwargs) as fh:
            yield fh
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def folder(path: str | os.PathLike[str]) -> Path:
    """``path`` as a folder to write into (made when missing); an existing file is refused."""
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise ExportError(f"{p} is a file: give a folder for --out (the tables are written one file each)")
    p.mkdir(parents=True, exist_ok=True)
    return p


@contextmanager
def stream_or_file(out: Any, mode: str = "wb", **kwargs: Any) -> Iterator[IO[Any]]:
    """A stream given as it is (not closed), or a path opened with :func:`atomic_file`."""
    if is_stream(out):
        yield out
    else:
        with atomic_file(out, mode, **kwargs) as fh:
            yield fh
