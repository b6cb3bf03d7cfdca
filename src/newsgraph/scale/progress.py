"""A progress bar for long runs: documents done, documents per second and the time left.

Shown only on a terminal (stderr a TTY) and never with ``quiet``; the total is counted ahead from the
inputs without reading their text into memory (JSONL lines, files in directories), unknown for stdin.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
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


class Progress:
    """Count documents as they are done; draws a bar with rate and ETA when ``shown``.

    The bar appears with the first document done, so the time spent loading the model does not skew
    the rate or the time left.
    """

    def __init__(self, total: int | None, *, quiet: bool = False, stream: TextIO | None = None,
                 unit: str = "doc") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = not quiet and _is_terminal(self.stream)
        self.total, self.unit, self.done = total, unit, 0
        self._bar: tqdm | None = None

    def advance(self, n: int = 1, **counts: int) -> None:
        """``n`` more documents done; ``counts`` (new=3, failed=1, ...) are shown beside the bar."""
        self.done += n
        if not self.shown:
            return
        if self._bar is None:
            self._bar = tqdm(total=self.total, unit=self.unit, file=self.stream, dynamic_ncols=True, smoothing=0.1,
                             desc="newsgraph")
        if counts:
            self._bar.set_postfix(counts, refresh=False)
        self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress_for(names: Iterable[str], *, quiet: bool = False, stream: TextIO | None = None) -> Progress:
    """A ``Progress`` over these inputs; they are counted ahead only when the bar is shown."""
    out = stream if stream is not None else sys.stderr
    shown = not quiet and _is_terminal(out)
    return Progress(count_inputs(names) if shown else None, quiet=quiet, stream=out)
