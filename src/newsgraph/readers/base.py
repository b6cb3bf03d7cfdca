"""Raw documents and the dispatch from an input name to the reader that fits it."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.document import Failure

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


def read_text(text: str, origin: str = "<text>", *, published: str | None = None) -> RawDocument:
    """A plain-text article: the first non-empty line is its title."""
    from newsgraph.readers.text import plain_text

    return plain_text(text, origin, published=published)


def read_path(name: str) -> Iterator[RawDocument | Failure]:
    """Every document one input name holds ('-' is standard input), or a failure for each bad one."""
    from newsgraph.readers.html import html_document
    from newsgraph.readers.jsonl import jsonl_documents, jsonl_file

    try:
        if name == "-":
            data = sys.stdin.buffer.read()
            text = decode(data, "<stdin>")
            if text.lstrip().startswith("{"):
                yield from jsonl_documents(text, "<stdin>")
            elif text.lstrip()[:1] == "<":
                yield html_document(text, "<stdin>")
            else:
                yield read_text(text, "<stdin>")
            return
        path = Path(name)
        if path.is_dir():
            yield from read_directory(path)
            return
        suffix = path.suffix.lower()
        regular_file(path)
        if suffix in JSONL_SUFFIXES:
            yield from jsonl_file(path, name)
            return
        data = read_bytes(path)
        if suffix in HTML_SUFFIXES:
            yield html_document(decode(data, name), name)
        else:
            yield read_text(decode(data, name), name)
    except ReadError as e:
        yield Failure(input=name, record="", reason=str(e))


def read_directory(path: Path) -> Iterator[RawDocument | Failure]:
    """Every visible file under ``path`` (hidden files and folders skipped), in name order; a failure for
    each folder that cannot be listed and each entry that is not a regular file."""
    errors: list[OSError] = []
    entries: list[Path] = []
    for folder, folders, names in os.walk(path, onerror=errors.append):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        entries += [Path(folder) / n for n in names if not n.startswith(".") and n not in SKIP_NAMES]
    for error in errors:
        yield Failure(input=str(error.filename or path), record="",
                      reason=f"{error.filename or path}: cannot list folder ({error.strerror or error})")
    if not entries and not errors:
        yield Failure(input=str(path), record="", reason=f"{path}: directory holds no files")
    for entry in sorted(entries):
        yield from read_path(str(entry))


def read_inputs(names: list[str]) -> Iterator[RawDocument | Failure]:
    for name in names:
        yield from read_path(name)
