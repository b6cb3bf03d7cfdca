"""The dispatch from an input name (a file, a folder, '-' for standard input) to the reader that fits it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from newsgraph.document import Failure
from newsgraph.readers.base import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    SKIP_NAMES,
    RawDocument,
    ReadError,
    decode,
    read_bytes,
    regular_file,
)
from newsgraph.readers.jsonl import jsonl_documents, jsonl_file
from newsgraph.readers.text import plain_text


def read_text(text: str, origin: str = "<text>", *, published: str | None = None) -> RawDocument:
    """A plain-text article: the first non-empty line is its title."""
    return plain_text(text, origin, published=published)


def read_path(name: str) -> Iterator[RawDocument | Failure]:
    """Every document one input name holds ('-' is standard input), or a failure for each bad one."""
    from newsgraph.readers.html import html_document  # trafilatura loads with the first HTML input

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
