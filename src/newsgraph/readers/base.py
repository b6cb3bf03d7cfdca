"""Raw documents, read errors and the byte-level reading every reader shares (``inputs`` dispatches)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 50_000_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SKIP_NAMES = {".DS_Store"}


class ReadError(ValueError):
    """An input that cannot be read as an article (bad input: the user must act)."""


@dataclass
class RawDocument:
    """An article as read, before cleaning."""

    text: str
    origin: str
    record: str = ""
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    published_reason: str = ""

    @property
    def label(self) -> str:
        return f"{self.origin}:{self.record}" if self.record else self.origin


def decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise ReadError(f"{origin}: empty input")
    if b"\x00" in data[:8192]:
        raise ReadError(f"{origin}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(f"{origin}: not valid UTF-8 (byte {e.start}); convert it to UTF-8 first") from e


def regular_file(path: Path) -> os.stat_result:
    """The file's status; a ReadError for anything but a regular file (a FIFO or device would block a read)."""
    try:
        status = path.stat()
    except FileNotFoundError as e:
        raise ReadError(f"{path}: no such file") from e
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({e.strerror or e})") from e
    if stat.S_ISDIR(status.st_mode):
        raise ReadError(f"{path}: is a directory")
    if not stat.S_ISREG(status.st_mode):
        raise ReadError(f"{path}: not a regular file ({_kind(status.st_mode)}); name a file or a directory")
    return status


def _kind(mode: int) -> str:
    kinds = [(stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device")]
    return next((name for test, name in kinds if test(mode)), "a special file")


def read_bytes(path: Path) -> bytes:
    try:
        size = regular_file(path).st_size
        if size > MAX_BYTES:
            raise ReadError(f"{path}: {size} bytes is more than the {MAX_BYTES}-byte limit for one input")
        return path.read_bytes()
    except FileNotFoundError as e:
        raise ReadError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise ReadError(f"{path}: is a directory") from e
    except PermissionError as e:
        raise ReadError(f"{path}: permission denied") from e
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({e.strerror or e})") from e
