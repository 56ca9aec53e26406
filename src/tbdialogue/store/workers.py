"""Worker processes (parsing, analysis) that never outlive the process that started them."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from multiprocessing.context import BaseContext, SpawnContext, SpawnProcess

from ..errors import TbdError

_SIGINT = {signal.SIGINT}


class WorkerLost(TbdError):
    """A worker process ended abruptly (killed by hand or by the system for want of memory)."""


class _QuietSpawnProcess(SpawnProcess):
    """A worker started with Ctrl-C blocked (the mask outlives fork and exec, as the standard
    library does for its resource tracker): a Ctrl-C in a terminal goes to the whole process group,
    and a worker still importing printed its KeyboardInterrupt traceback there (4 of 9 trials)."""

    def start(self) -> None:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGINT)
        try:
            super().start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


class _QuietSpawnContext(SpawnContext):
    Process = _QuietSpawnProcess


def spawn_context() -> BaseContext:
    """The multiprocessing context of every worker pool: spawn, Ctrl-C blocked until the worker
    ignores it (:func:`worker_started`)."""
    return _QuietSpawnContext()


@contextmanager
def ctrl_c_deferred() -> Iterator[None]:
    """Hold a Ctrl-C back until the block is done, then hand it to the handler that was there.

    Submitting to a process pool may start a worker: the pool pickles the worker's start-up data
    down a pipe, then records the process. A KeyboardInterrupt raised in between left a worker
    reading a half-written pipe for ever (the ingest never ended: 1 in 60 trials), or one the pool
    did not know of, starting after the main process had removed its queue's semaphore (a
    FileNotFoundError traceback, 3 in 60). Blocking the signal is not enough: another thread
    receives it, and Python raises it in the main thread all the same."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    old = signal.getsignal(signal.SIGINT)
    if not callable(old):  # ignored, or the system's default: nothing of ours to hold back
        yield
        return
    signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)
    if caught:
        old(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt; another does its part


def submit(pool: Executor, fn: Callable, /, *args) -> Future:
    """``pool.submit``, a Ctrl-C held back while it may be starting a worker."""
    with ctrl_c_deferred():
        return pool.submit(fn, *args)


def worker_started(parent: int) -> None:
    """A pool's initializer: Ctrl-C is the main process's to handle, and the worker dies with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGINT)  # a Ctrl-C pending since the start is dropped
    die_with(parent)


def die_with(parent: int) -> None:
    """End this worker when the main process ``parent`` dies, whatever the moment (kill -9 leaves no
    orphan parsing on, holding the caller's terminal or pipe open).

    ``parent`` is the main process's id as it gave it: a worker started after its parent died has
    another parent already (init, or a subreaper), and must not take that one for its own. On Linux
    the kernel also kills the worker with its parent (PR_SET_PDEATHSIG); elsewhere a thread looks.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(1)

    threading.Thread(target=watch, name="tbd-parent-watch", daemon=True).start()
