"""The pipeline: files → read → parse → analyse, the one place where the stages meet.

Every stage below this module works on its own input: readers turn bytes into a
:class:`~tbdialogue.document.Document`, the parser turns a document into a
:class:`~tbdialogue.model.Record`, the analysis works on records. This module turns what a user
gives — files, folders, standard input, text — into records, and says what it could not use:
nothing given is dropped silently.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .document import Document
from .errors import TbdError, UnreadableInput
from .model import Record
from .parse import parse_document
from .read import DEFAULT_MAX_BYTES, read_bytes, read_path
from .read.detect import looks_like_markdown
from .read.text import blocks_from_text

if TYPE_CHECKING:
    from .analyse import DialogueAnalysis

#: File name endings taken from a folder (files named one by one are always tried).
RECORD_SUFFIXES = (
    ".txt", ".md", ".markdown", ".text", ".pdf", ".docx", ".doc", ".odt", ".rtf", ".html", ".htm", ".xhtml",
)  # fmt: skip
#: Records already parsed, one per line (``tbdialogue export --format jsonl``): stored by ingest.
JSONL_SUFFIX = ".jsonl"
#: Names that stand for standard input.
STDIN = "-"


def read_file(path: str | os.PathLike[str], *, encoding: str | None = None, max_bytes: int | None = None) -> Document:
    """Read one file, or standard input for ``-``, into a document (format told by content)."""
    if str(path) == STDIN:
        return read_bytes(_stdin(max_bytes), path=None, encoding=encoding)
    return read_path(path, encoding=encoding, max_bytes=max_bytes or DEFAULT_MAX_BYTES)


def _stdin(max_bytes: int | None) -> bytes:
    limit = max_bytes or DEFAULT_MAX_BYTES
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise UnreadableInput(f"standard input is over the {limit / 1e6:.0f} MB limit; raise it with --max-size")
    return data


def parse_file(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    language: str | None = None,
    max_bytes: int | None = None,
) -> Record:
    """Read and parse one file (``-``: standard input), within the time budget."""
    if str(path).lower().endswith(JSONL_SUFFIX):
        raise UnreadableInput(
            "this is a JSON Lines file of records already parsed, not a summary record: store it with "
            "`tbdialogue ingest`, or convert it with `tbdialogue export`"
        )
    if str(path) == STDIN:
        data = _stdin(max_bytes)  # read before the budget starts: a pipe may be slow to fill
        with TimeBudget():
            return parse_document(read_bytes(data, path=None, encoding=encoding), language=language)
    with TimeBudget():
        return parse_document(read_file(path, encoding=encoding, max_bytes=max_bytes), language=language)


def parse_bytes(
    data: bytes, *, name: str | None = None, encoding: str | None = None, language: str | None = None
) -> Record:
    """Parse a record given as bytes (any supported format), within the time budget."""
    with TimeBudget():
        return parse_document(read_bytes(data, path=name, encoding=encoding), language=language)


# --- the time budget ----------------------------------------------------------------------------

#: Seconds one file may take to be read and parsed (the environment variable overrides it). No real
#: record comes near it (the longest take about 2 s); it is the last line of defence against an
#: input that some step handles in worse than linear time.
TIME_BUDGET_SECONDS = 60.0
TIME_BUDGET_ENV = "TBDIALOGUE_TIME_BUDGET"


class TookTooLong(UnreadableInput):
    """Reading and parsing one file went past the time budget."""


class _Expired(BaseException):
    """Raised by the alarm; a BaseException, so that no reader's ``except Exception`` takes it for
    a damaged file."""


class TimeBudget:
    """Stop reading and parsing one file after the budget, with a one-line :class:`TookTooLong`.

    An alarm signal, not a thread or a subprocess: it stops pure-Python work wherever it runs (a
    regular expression, the parser), costs nothing, and works in ingest's worker processes, whose
    main thread parses. It is not armed off the main thread (signals cannot be handled there) nor
    when a timer is already running (a caller's own alarm, e.g. the fuzzer's, is left alone); a
    single long call into C code (pdfium, lxml) ends before the alarm is seen.
    """

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = _budget() if seconds is None else seconds
        self.armed = False
        self._previous: object = None

    def __enter__(self) -> TimeBudget:
        if (
            self.seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0
        ):
            self._previous = signal.signal(signal.SIGALRM, self._expired)
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def _expired(self, *_: object) -> None:
        if self.armed:
            raise _Expired

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        if not self.armed:
            return False
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous if self._previous is not None else signal.SIG_DFL)  # type: ignore[arg-type]
        if kind is _Expired:
            raise TookTooLong(
                f"took longer than {self.seconds:g} s to read and parse, and was stopped; a real record takes "
                f"a few seconds at most: report it if this is one, or raise the limit with {TIME_BUDGET_ENV}=seconds"
            ) from None
        return False


def _budget() -> float:
    raw = os.environ.get(TIME_BUDGET_ENV, "").strip()
    if not raw:
        return TIME_BUDGET_SECONDS
    try:
        return float(raw)
    except ValueError:
        raise UnreadableInput(f"{TIME_BUDGET_ENV}={raw!r} is not a number of seconds") from None


def parse_text(text: str, *, markdown: bool | None = None, language: str | None = None) -> Record:
    """Parse a record given as a string (plain text, or Markdown when it looks like Markdown)."""
    with TimeBudget():
        md = looks_like_markdown(text) if markdown is None else markdown
        doc = Document(blocks=blocks_from_text(text, md), format="markdown" if md else "text")
        return parse_document(doc, language=language)


# --- files and folders ------------------------------------------------------------------------


@dataclass
class FileSet:
    """The files a user's paths stand for, and what was left out and why."""

    files: list[str] = field(default_factory=list)
    #: Files inside folders that are not records by their name (.png, .json …): suffix → count.
    skipped: Counter[str] = field(default_factory=Counter)
    #: Paths given that could not be used: (path, reason).
    missing: list[tuple[str, str]] = field(default_factory=list)
    #: Sub-folders not read because the collection was not recursive.
    subfolders: int = 0

    def skipped_line(self) -> str | None:
        """ "2 files skipped: .png, .json" — or None when nothing was skipped."""
        n = sum(self.skipped.values())
        if not n:
            return None
        kinds = ", ".join(f"{s} ({c})" if c > 1 else s for s, c in sorted(self.skipped.items()))
        return f"{n} file{'s' if n != 1 else ''} skipped (not a record format): {kinds}"

    def subfolders_line(self) -> str | None:
        """ "2 sub-folders not read (add --recursive)" — or None."""
        n = self.subfolders
        return f"{n} sub-folder{'s' if n != 1 else ''} not read (add --recursive to read them)" if n else None


def collect_files(
    paths: Iterable[str | os.PathLike[str]], *, recursive: bool = False, absolute: bool = False
) -> FileSet:
    """The files ``paths`` stand for: a file named is always tried; a folder stands for the record
    files in it (by name ending: .pdf, .docx, .md …; hidden files skipped), in sub-folders too when
    ``recursive``. The same rule for every command that takes files."""
    out = FileSet()
    for raw in paths:
        if str(raw) == STDIN:
            out.files.append(STDIN)
            continue
        p = Path(raw)
        if absolute:
            p = p.absolute()  # the corpus keeps where a version came from, whatever the cwd
        if p.is_dir():
            found = sorted(p.rglob("*") if recursive else p.iterdir())
            taken = 0
            for f in found:
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if f.is_dir():
                    out.subfolders += 0 if recursive else 1
                    continue
                if not f.is_file():
                    continue
                suffix = f.suffix.lower()
                if suffix in RECORD_SUFFIXES:
                    out.files.append(str(f))
                    taken += 1
                else:
                    out.skipped[suffix or "(no extension)"] += 1
            if not taken:
                where = "or its sub-folders " if recursive else ""
                hint = "" if recursive or not any(x.is_dir() for x in found) else "; add --recursive for sub-folders"
                out.missing.append(
                    (str(p), f"no record files in this folder {where}(.pdf, .docx, .md, .txt, .html …){hint}")
                )
        elif p.is_file() or p.exists():
            out.files.append(str(p))  # a FIFO or device is refused by the reader, in its turn
        else:
            out.missing.append((str(p), "no such file or folder"))
    return out


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, Record | str]]:
    """The records of a JSON Lines file, one per line: (line number, record), or (line number,
    why that line is not a record) — a bad line does not stop the others; blank lines are skipped.
    A file whose first line is not a record is not a file of records: one error, and no more lines.
    (Taken when named, never from a folder: a folder's .jsonl may hold anything.)"""
    from pydantic import ValidationError

    first = True
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                yield n, Record.model_validate_json(raw)
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(x) for x in err.get("loc", ())) or "the line"
                reason = f"{where}: {err.get('msg', 'invalid')}"
                if first:
                    yield n, f"not a JSON Lines file of tbdialogue records (line {n}: {reason})"
                    return
                yield n, f"not a tbdialogue.record/1 record ({reason})"
            first = False


def jsonl_lines(path: str | os.PathLike[str]) -> int:
    """How many non-blank lines (records) a JSON Lines file holds, read without parsing them."""
    n = 0
    with open(path, "rb") as fh:
        for raw in fh:
            n += bool(raw.strip())
    return n


@dataclass
class Parsed:
    path: str
    record: Record | None = None
    error: str | None = None


def parse_files(
    files: Iterable[str], *, encoding: str | None = None, language: str | None = None, max_bytes: int | None = None
) -> Iterator[Parsed]:
    """Parse files one by one; a file that cannot be read is a :class:`Parsed` with its error, and
    the others go on."""
    for path in files:
        try:
            yield Parsed(path, parse_file(path, encoding=encoding, language=language, max_bytes=max_bytes))
        except TbdError as exc:
            yield Parsed(path, error=str(exc))


def analyse_files(
    paths: list[str],
    *,
    encoding: str | None = None,
    language: str | None = None,
    use_embeddings: bool | None = None,
) -> tuple[list[DialogueAnalysis], list[tuple[str, str]]]:
    """Parse and analyse files given as a dialogue's records; returns the analyses and, for each
    file that could not be read, (path, reason) — nothing given is silently dropped."""
    # Imported here, not above: reading and parsing (`tbdialogue parse`) need none of the analysis.
    from .analyse import analyse_records

    records: list[Record] = []
    names: list[str] = []
    failed: list[tuple[str, str]] = []
    for item in parse_files(paths, encoding=encoding, language=language):
        if item.record is None:
            failed.append((item.path, item.error or "could not be read"))
        else:
            records.append(item.record)
            names.append("standard input" if item.path == STDIN else item.path)
    analyses = analyse_records(records, names, use_embeddings=use_embeddings) if records else []
    return analyses, failed
