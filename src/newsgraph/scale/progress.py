"""Progress of long runs: documents done, documents per second and the time left, from the first second.

On a terminal (stderr a TTY with a width) a bar; elsewhere (a pipe, a log file, a terminal that reports
zero width) a plain line every few seconds; nothing with ``quiet``. Model loading is shown as it starts,
and the clock starts when it has loaded, so the rate (the mean since then, not a burst of the first batch)
and the time left hold steady. The total is counted ahead from the inputs without reading their text into
memory (JSONL lines, files in directories), unknown for stdin.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

from newsgraph.readers.base import JSONL_SUFFIXES, SKIP_NAMES


def count_inputs(names: Iterable[str]) -> int | None:
    """How many records the inputs hold (blank JSONL lines not counted), or None when unknown (stdin)."""
    total = 0
    for name in names:
        if name == "-":
            return None
        total += _count_path(Path(name))
    return total


def _count_path(path: Path) -> int:
    if path.is_dir():
        return sum(_count_file(p) for p in path.rglob("*") if p.is_file() and p.name not in SKIP_NAMES
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return _count_file(path)


def _count_file(path: Path) -> int:
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    try:
        with path.open("rb") as handle:
            return max(1, sum(1 for line in handle if line.strip()))
    except OSError:
        return 1


#: Seconds between plain progress lines (no terminal).
PLAIN_EVERY = 5.0


class Progress:
    """Count documents as they are done: a bar on a terminal (``shown``), else plain lines (``plain``)."""

    def __init__(self, total: int | None, *, quiet: bool = False, stream: TextIO | None = None,
                 unit: str = "doc", every: float = PLAIN_EVERY, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = not quiet and _is_terminal(self.stream) and _width(self.stream) != 0
        self.plain = not quiet and not self.shown
        self.total, self.unit, self.done = total, unit, 0
        self.every, self.clock = every, clock
        self.started = self.last = clock()
        self._bar: tqdm | None = None
        self._counts: dict[str, int] = {}

    def loading(self, what: str) -> None:
        """Say at once that ``what`` (the model) is loading; ``start`` when it has."""
        if self.shown:
            self._open(f"newsgraph: loading {what}")
        elif self.plain:
            self._line(f"loading {what}")

    def start(self) -> None:
        """The work begins now (the model has loaded): rate and time left count from here."""
        self.started = self.last = self.clock()
        if self._bar is not None:
            self._bar.set_description("newsgraph", refresh=False)
            self._bar.reset(total=self.total)

    def advance(self, n: int = 1, **counts: int) -> None:
        """``n`` more documents done; ``counts`` (new=3, failed=1, ...) are shown beside the bar."""
        self.done += n
        self._counts.update(counts)
        if self.shown:
            bar = self._bar if self._bar is not None else self._open("newsgraph")
            if counts:
                bar.set_postfix(counts, refresh=False)
            bar.update(n)
        elif self.plain and self.clock() - self.last >= self.every:
            self.last = self.clock()
            self._line(self.status())

    def status(self) -> str:
        """Done, rate and time left in words: "120/275 docs, 4.1 doc/s, about 0:38 left"."""
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        done = f"{self.done}/{self.total}" if self.total else str(self.done)
        line = f"{done} {self.unit}s, {rate:.1f} {self.unit}/s"
        if self.total and rate > 0 and self.done < self.total:
            line += f", about {tqdm.format_interval((self.total - self.done) / rate)} left"
        return line + "".join(f", {k}={v}" for k, v in self._counts.items())

    def _open(self, description: str) -> tqdm:
        self._bar = tqdm(total=self.total, unit=self.unit, file=self.stream, dynamic_ncols=True, smoothing=0,
                         desc=description)
        return self._bar

    def _line(self, text: str) -> None:
        self.stream.write(f"newsgraph: {text}\n")
        self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _width(stream: TextIO) -> int | None:
    """The terminal's width in columns (None where it cannot be asked)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress_for(names: Iterable[str], *, quiet: bool = False, stream: TextIO | None = None) -> Progress:
    """A ``Progress`` over these inputs; they are counted ahead unless ``quiet``."""
    out = stream if stream is not None else sys.stderr
    return Progress(None if quiet else count_inputs(names), quiet=quiet, stream=out)
