"""Raw documents and the dispatch from an input name to the reader that fits it."""

from __future__ import annotations

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


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
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
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.name not in SKIP_NAMES
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    if not files:
        yield Failure(input=str(path), record="", reason=f"{path}: directory holds no files")
    for file in files:
        yield from read_path(str(file))


def read_inputs(names: list[str]) -> Iterator[RawDocument | Failure]:
    for name in names:
        yield from read_path(name)
