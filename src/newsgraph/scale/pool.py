"""Extraction over worker processes: each loads the pipeline once and runs batches; output keeps input order.

The input is read lazily and at most ``2 x workers`` batches are in flight, so memory stays flat whatever
the corpus size. A stream shorter than two batches per worker is run in this process: starting workers
(each loads the spaCy model) would cost more than it saves.
"""

from __future__ import annotations

import importlib.util
import logging
import multiprocessing
import multiprocessing.queues
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from types import TracebackType

from newsgraph.errors import ModelNotFound, WorkerError
from newsgraph.knowledge import PACKAGE, Knowledge
from newsgraph.pipeline import Item, Pipeline, Result, batched
from newsgraph.settings import DEFAULT, Settings

log = logging.getLogger(__name__)


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def check_model(settings: Settings) -> None:
    """Raise ``ModelNotFound`` here, before any worker starts, when the model is not installed."""
    from newsgraph import nlp

    name = settings.model or nlp.best_model()
    if Path(name).exists():  # a model directory: spaCy loads it in each worker
        return
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ModelNotFound(f"spaCy pipeline {name!r} is not installed; install one with: {nlp.INSTALL_HINT}")


class ParallelPipeline:
    """``run_many`` like ``Pipeline``'s, over ``workers`` processes (1: in this process, batched)."""

    def __init__(self, settings: Settings = DEFAULT, *, workers: int | None = None,
                 pipeline: Pipeline | None = None, on_ready: Callable[[], None] | None = None,
                 knowledge: Knowledge = PACKAGE) -> None:
        """``on_ready`` is called once, when the pipeline has loaded (here or in every worker)."""
        self.settings = pipeline.settings if pipeline is not None else settings
        self.knowledge = pipeline.knowledge if pipeline is not None else knowledge
        self.workers = workers or default_workers()
        self._pipeline = pipeline
        self._executor: ProcessPoolExecutor | None = None
        self._on_ready = on_ready
        check_model(self.settings)

    def local(self) -> Pipeline:
        """The in-process pipeline (loaded on first use)."""
        if self._pipeline is None:
            self._pipeline = Pipeline(self.settings, knowledge=self.knowledge)
        self._ready()
        return self._pipeline

    def _ready(self) -> None:
        if self._on_ready is not None:
            on_ready, self._on_ready = self._on_ready, None
            on_ready()

    def run_many(self, items: Iterable[Item]) -> Iterator[Result]:
        """Documents (or failures) in input order; on the workers if ``start`` was called or the stream is long."""
        stream = iter(items)
        enough = 2 * self.workers * self.settings.batch_size
        head = list(islice(stream, enough))
        if self._executor is None and (self.workers == 1 or len(head) < enough):
            yield from self.local().run_many(chain(head, stream))
        else:
            yield from self._parallel(chain(head, stream))

    def _parallel(self, items: Iterable[Item]) -> Iterator[Result]:
        executor = self.start()
        pending: deque[Future[list[Result]]] = deque()
        try:
            for batch in batched(items, self.settings.batch_size):
                pending.append(executor.submit(run_batch, self.settings, self.knowledge, batch))
                if len(pending) >= 2 * self.workers:
                    yield from _result(pending.popleft())
            while pending:
                yield from _result(pending.popleft())
        finally:
            for future in pending:
                future.cancel()

    def start(self) -> ProcessPoolExecutor:
        """Start the workers and wait until each has loaded the pipeline (idempotent)."""
        if self._executor is None:
            context = multiprocessing.get_context("spawn")
            ready = context.Queue()
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                                 initargs=(self.settings, self.knowledge, os.getpid(), ready))
            _wait_ready(self._executor, ready, self.workers)
            self._ready()
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ParallelPipeline:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _wait_ready(executor: ProcessPoolExecutor, ready: multiprocessing.queues.Queue[int], workers: int) -> None:
    """Spawn ``workers`` processes (one no-op task each) and wait for each to say it has loaded."""
    probes = [executor.submit(os.getpid) for _ in range(workers)]
    loaded = 0
    while loaded < workers:
        try:
            ready.get(timeout=0.5)
            loaded += 1
        except queue.Empty:
            _check_probes(probes)


def _check_probes(probes: list[Future[int]]) -> None:
    broken = next((p for p in probes if p.done() and p.exception() is not None), None)
    if broken is not None:
        raise WorkerError(f"a worker could not load the pipeline: {broken.exception()}; "
                          "run with --workers 1 to see the error in full")


def _result(future: Future[list[Result]]) -> list[Result]:
    try:
        return future.result()
    except BrokenProcessPool as e:
        raise WorkerError("a worker process died (out of memory?); re-run to resume, or use fewer workers") from e


def _start_worker(settings: Settings, knowledge: Knowledge, parent: int,
                  ready: multiprocessing.queues.Queue[int]) -> None:
    """In each worker: leave Ctrl-C to the parent, exit if the parent dies, load the pipeline once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    worker_runner(settings, knowledge)
    ready.put(os.getpid())


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


@lru_cache(maxsize=1)
def worker_runner(settings: Settings, knowledge: Knowledge) -> Pipeline:
    """The pipeline of this worker process, loaded on first use and kept."""
    return Pipeline(settings, knowledge=knowledge)


def run_batch(settings: Settings, knowledge: Knowledge, batch: list[Item]) -> list[Result]:
    """A worker's task: one batch through this process's pipeline."""
    return worker_runner(settings, knowledge).run_batch(batch)
