"""``ingest``: files and folders → the corpus, parsed in worker processes, written in transactions.

Streaming: at most a few records per worker are in flight and one batch is waiting to be written,
so memory does not grow with the corpus. Each batch is one transaction (all of it or none of it);
a file that cannot be read or parsed goes to the error list and the batch goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError

from ..errors import TbdError
from ..model import Record
from ..pipeline import JSONL_SUFFIX, STDIN, collect_files, jsonl_lines, parse_file, read_jsonl
from .analysis import AnalysisReport, analyse_stored
from .db import StoreError
from .identity import content_hash
from .schema import sources
from .stem import index_text
from .workers import WorkerLost, spawn_context, submit, worker_started
from .writer import NEW, NEW_VERSION, UNCHANGED, Prepared, Stored, Writer

BATCH_RECORDS = 64
BATCH_SECONDS = 1.0
#: Times a batch is tried when the database reports a deadlock or a lock held too long.
RETRIES = 6


def retryable(exc: OperationalError) -> bool:
    """A failure that trying again can cure: deadlock (40P01), serialisation failure (40001), or
    SQLite's "database is locked"."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) in ("40P01", "40001") or "database is locked" in str(orig)


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class Skipped:
    """A file whose exact bytes were ingested before: not even parsed again."""

    path: str
    sha256: str


@dataclass
class IngestReport:
    files: int = 0
    done: int = 0
    new: int = 0
    new_versions: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[Failure] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None
    parse_seconds: float = 0.0  # summed over workers
    interrupted: bool = False
    analysis: AnalysisReport | None = None
    #: Files found in folders that are not records by their name: suffix → count (not ingested).
    not_records: Counter[str] = field(default_factory=Counter)
    #: Sub-folders not read (the run was not recursive).
    subfolders: int = 0
    #: Versions this run stored or met (for the analysis that follows); content hashes of skipped files.
    version_ids: list[int] = field(default_factory=list, repr=False)
    skipped_sha256: list[str] = field(default_factory=list, repr=False)

    @property
    def stored(self) -> int:
        return self.new + self.new_versions + self.unchanged + self.skipped

    @property
    def elapsed(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    @property
    def rate(self) -> float:
        """Records (files read into the corpus) per second."""
        return self.stored / self.elapsed if self.elapsed > 0 else 0.0

    def count(self, stored: Stored) -> None:
        if stored.status == NEW:
            self.new += 1
        elif stored.status == NEW_VERSION:
            self.new_versions += 1
        elif stored.status == UNCHANGED:
            self.unchanged += 1


# --- worker side ------------------------------------------------------------------------------

_known: frozenset[str] = frozenset()
_backend = "sqlite"


def _init_worker(parent: int, known: frozenset[str], backend: str) -> None:
    worker_started(parent)
    _init_worker_inline(known, backend)


def prepare(path: str) -> Prepared | Skipped | Failure:
    """Read and parse one file; never raises."""
    try:
        if _known:
            with open(path, "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
            if digest in _known:
                return Skipped(path, digest)
        t0 = time.perf_counter()
        record = parse_file(path)
        return prepared(record, path, _backend, (time.perf_counter() - t0) * 1000)
    except TbdError as exc:
        return Failure(path, str(exc))
    except OSError as exc:
        return Failure(path, f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # a parser bug must not stop the batch; it is reported
        return Failure(path, f"internal error while parsing: {type(exc).__name__}: {exc}")


def prepared(record: Record, path: str, backend: str, parse_ms: float = 0.0) -> Prepared:
    """A parsed record ready for the writer: identity and index text computed (in the worker)."""
    terms = [index_text(p.text, record.language, backend) for p in record.paragraphs]
    return Prepared(path, record, content_hash(record), terms, parse_ms)


# --- main side --------------------------------------------------------------------------------


def known_sources(engine: Engine) -> frozenset[str]:
    with engine.connect() as conn:
        return frozenset(conn.execute(select(sources.c.sha256).distinct()).scalars())


def ingest(
    engine: Engine,
    paths: Iterable[str | os.PathLike[str]],
    *,
    recursive: bool = True,
    jobs: int = 1,
    analyse: bool = False,
    reparse: bool = False,
    progress: Callable[[IngestReport], None] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Ingest files and folders; returns counts and the list of files that failed.

    ``recursive``: folders stand for the record files in them and in their sub-folders (False:
    only in them, as the command line does without --recursive). ``jobs`` worker processes parse (1: parse in this process). Files whose bytes were ingested
    before are skipped unless ``reparse``; either way identical content is never stored twice.
    ``analyse``: then find the questions of every dialogue these files belong to (see
    ``store.analysis``), its records taken together. ``KeyboardInterrupt`` is re-raised after the
    last committed batch, with ``report.interrupted``.
    """
    report = report or IngestReport()
    found = collect_files(paths, recursive=recursive, absolute=True)
    files = [f for f in found.files if f != STDIN]
    if len(files) < len(found.files):
        report.errors.append(Failure(STDIN, "ingest reads files, not standard input: save the record to a file first"))
    jsonl = [f for f in files if f.lower().endswith(JSONL_SUFFIX)]
    files = [f for f in files if not f.lower().endswith(JSONL_SUFFIX)]
    counts = {f: _lines(f, report) for f in jsonl}
    jsonl = [f for f in jsonl if counts[f] >= 0]
    report.files = len(files) + sum(n for n in counts.values() if n > 0)
    report.errors += [Failure(path, reason) for path, reason in found.missing]
    report.not_records = found.skipped
    report.subfolders = found.subfolders
    with _failures_in_one_line(report):
        _store(engine, files, jsonl, report, jobs=jobs, reparse=reparse, progress=progress)
        if analyse:
            ids = report.version_ids + versions_of_sources(engine, report.skipped_sha256)
            report.analysis = analyse_stored(engine, ids, jobs=jobs)
    return report


@contextlib.contextmanager
def _failures_in_one_line(report: IngestReport):
    """The database failing midway (server restarted, connection cut, disk full) or a worker killed
    (out of memory, or by hand) is one line that says what is kept, not an internal error: committed
    batches stay, and running the same ingest again completes the work."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:200]
        raise StoreError(
            f"the database failed during the ingest ({reason}); {_kept(report)}: run the same ingest again to finish"
        ) from None
    except BrokenProcessPool:
        raise WorkerLost(
            f"a worker process ended abruptly (killed, or out of memory) during the ingest; {_kept(report)}: "
            "run the same ingest again to finish"
        ) from None


def _kept(report: IngestReport) -> str:
    kept = report.new + report.new_versions
    return f"{kept} new record{'s' if kept != 1 else ''} {'were' if kept != 1 else 'was'} stored before it"


def _store(
    engine: Engine, files: list[str], jsonl: list[str], report: IngestReport, *, jobs, reparse, progress
) -> None:
    """Parse ``files`` (in ``jobs`` workers) and store them and the records of ``jsonl`` in batches."""
    known = frozenset() if reparse else known_sources(engine)
    backend = engine.dialect.name
    with engine.connect().execution_options(tbd_write=True) as conn:
        batch = _Batch(Writer(conn, batched=True), report)
        try:
            if jobs <= 1:
                _init_worker_inline(known, backend)
                for path in files:
                    batch.add(prepare(path))
                    if progress:
                        progress(report)
            else:
                _run_pool(files, jobs, (os.getpid(), known, backend), batch, progress)
            for path in jsonl:
                _add_jsonl(path, backend, batch, progress)
            batch.flush()
        except KeyboardInterrupt:
            report.interrupted = True
            batch.abandon()
            raise
        except BrokenProcessPool:  # a worker was killed: what the others parsed is still stored
            batch.flush()
            raise
        finally:
            report.finished = time.perf_counter()
            if progress:
                progress(report)


def _lines(path: str, report: IngestReport) -> int:
    try:
        return jsonl_lines(path)
    except OSError as exc:
        report.errors.append(Failure(path, f"cannot read the file: {exc.strerror or exc}"))
        return -1


def _add_jsonl(path: str, backend: str, batch: _Batch, progress) -> None:
    """Store the records of a JSON Lines file (records already parsed: nothing to parse again)."""
    try:
        for n, item in read_jsonl(path):
            if isinstance(item, str):
                batch.add(Failure(f"{path}, line {n}", item))
            else:
                batch.add(
                    prepared(item, item.source.path if item.source and item.source.path else f"{path}:{n}", backend)
                )
            if progress:
                progress(batch.report)
    except OSError as exc:
        batch.add(Failure(path, f"cannot read the file: {exc.strerror or exc}"))


def versions_of_sources(engine: Engine, digests: list[str]) -> list[int]:
    """The versions files with these sha256 were stored as (for files skipped as already seen)."""
    out: list[int] = []
    with engine.connect() as conn:
        for start in range(0, len(digests), 1000):
            out += conn.execute(
                select(sources.c.version_id).where(sources.c.sha256.in_(digests[start : start + 1000]))
            ).scalars()
    return out


def _init_worker_inline(known: frozenset[str], backend: str) -> None:
    global _known, _backend
    _known = known
    _backend = backend


def _run_pool(files, jobs, initargs, batch: _Batch, progress) -> None:
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=spawn_context(), initializer=_init_worker, initargs=initargs
    )
    pending: set[Future] = set()
    todo = iter(files)
    window = jobs * 4  # bounded: results never pile up in memory
    try:
        while True:
            while len(pending) < window and (path := next(todo, None)) is not None:
                pending.add(submit(pool, prepare, path))
            if not pending:
                break
            done, pending = wait(pending, timeout=BATCH_SECONDS, return_when=FIRST_COMPLETED)
            for fut in done:
                batch.add(fut.result())
            batch.maybe_flush()
            if progress:
                progress(batch.report)
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


class _Batch:
    """Prepared records waiting to be written in one transaction."""

    def __init__(self, writer: Writer, report: IngestReport) -> None:
        self.writer = writer
        self.report = report
        self.items: list[Prepared] = []
        self.skipped = 0
        self.since = time.perf_counter()

    def add(self, item: Prepared | Skipped | Failure) -> None:
        self.report.done += 1
        if isinstance(item, Failure):
            self.report.errors.append(item)
        elif isinstance(item, Skipped):
            self.report.skipped += 1
            self.report.skipped_sha256.append(item.sha256)
        else:
            self.report.parse_seconds += item.parse_ms / 1000
            if not self.items:
                self.since = time.perf_counter()
            self.items.append(item)
            self.maybe_flush()

    def maybe_flush(self) -> None:
        if len(self.items) >= BATCH_RECORDS or (self.items and time.perf_counter() - self.since >= BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        if not self.items:
            return
        items, self.items = self.items, []
        for attempt in range(1, RETRIES + 1):
            try:
                results = self._write(items)
                break
            except OperationalError as exc:
                # Two writers deadlocked, or a serialisation failure (PostgreSQL), or the file was
                # locked past the busy timeout (SQLite): the batch was rolled back whole; again.
                self.writer.rolled_back()
                if not retryable(exc) or attempt == RETRIES:
                    reason = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
                    raise StoreError(
                        f"the database refused a batch of {len(items)} records {attempt} times ({reason}); "
                        "nothing of that batch was stored: run the same ingest again"
                    ) from None
                time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
        for stored in results:
            self.report.count(stored)
            self.report.version_ids.append(stored.version_id)

    def _write(self, items: list[Prepared]) -> list[Stored]:
        """The batch in one transaction; on a conflict, record by record (the others still stored)."""
        conn = self.writer.conn
        try:
            with conn.begin():
                self.writer.prefetch(items)
                results = [self.writer.store(p) for p in items]
                self.writer.flush()
        except (IntegrityError, DataError):
            # Another writer got there first, or one record is at fault: retry them one by one.
            self.writer.rolled_back()
            results = []
            for p in items:
                try:
                    with conn.begin():
                        stored = self.writer.store(p)
                        self.writer.flush()
                    results.append(stored)
                    self.writer.committed()
                except (IntegrityError, DataError) as exc:
                    self.writer.rolled_back()
                    reason = " ".join(str(getattr(exc, "orig", exc)).split())[:300]
                    self.report.errors.append(Failure(p.path, f"could not be stored: {reason}"))
            return results
        except BaseException:
            self.writer.rolled_back()
            raise
        self.writer.committed()
        return results

    def abandon(self) -> None:
        self.items = []
        self.writer.rolled_back()
