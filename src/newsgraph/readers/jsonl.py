"""JSON Lines: one article per line, with ``text`` and optional ``id``, ``title``, ``url``, ``published``."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.document import Failure
from newsgraph.readers.base import MAX_BYTES, RawDocument, ReadError

OPTIONAL = ("id", "title", "url", "published", "outlet")
CHUNK = 1 << 20


def jsonl_documents(text: str, origin: str) -> Iterator[RawDocument | Failure]:
    for number, line in enumerate(text.split("\n"), start=1):
        item = jsonl_line(line, origin, number)
        if item is not None:
            yield item


def jsonl_file(path: Path, origin: str, *, max_line: int | None = None) -> Iterator[RawDocument | Failure]:
    """Stream a JSONL file a line at a time, so memory stays flat whatever the file's size. A line longer than
    ``max_line`` bytes (default: MAX_BYTES) is a failure, and the reader skips to its end, so later line
    numbers stay true."""
    limit = max_line or MAX_BYTES
    try:
        handle = path.open("rb")
    except FileNotFoundError as e:
        raise ReadError(f"{origin}: no such file") from e
    except OSError as e:
        raise ReadError(f"{origin}: cannot read ({e.strerror or e})") from e
    with handle:
        head = handle.peek(8192)[:8192]
        if b"\x00" in head:
            raise ReadError(f"{origin}: binary file (NUL bytes), not text")
        found = False
        for number, data in enumerate(lines(handle, limit), start=1):
            if data is None:
                item: RawDocument | Failure | None = too_long(origin, number, limit)
            else:
                item = jsonl_bytes(data[3:] if number == 1 and data.startswith(codecs.BOM_UTF8) else data, origin,
                                   number)
            found = found or item is not None
            if item is not None:
                yield item
        if not found:
            raise ReadError(f"{origin}: empty input")


def lines(handle: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Each line of ``handle`` (its end kept), or None for a line over ``limit`` bytes, read to its end and
    dropped a chunk at a time."""
    while data := handle.readline(limit + 1):
        if len(data) <= limit:
            yield data
            continue
        while not data.endswith(b"\n") and (data := handle.readline(CHUNK)):
            pass
        yield None


def too_long(origin: str, number: int, limit: int) -> Failure:
    return Failure(input=origin, record=f"line {number}",
                   reason=f"{origin}:{number}: line longer than the {limit}-byte limit")


def jsonl_bytes(data: bytes, origin: str, number: int) -> RawDocument | Failure | None:
    """One JSONL line as bytes (as read from a file): see ``jsonl_line``; bad UTF-8 or over-long is a failure."""
    if len(data) > MAX_BYTES:
        return too_long(origin, number, MAX_BYTES)
    try:
        return jsonl_line(data.decode("utf-8"), origin, number)
    except UnicodeDecodeError as e:
        return Failure(input=origin, record=f"line {number}",
                       reason=f"{origin}:{number}: not valid UTF-8 (byte {e.start}); convert it to UTF-8 first")


def jsonl_line(line: str, origin: str, number: int) -> RawDocument | Failure | None:
    """One JSONL line: a raw document, a failure naming the line, or None for a blank line."""
    if not line.strip():
        return None
    record = f"line {number}"
    try:
        return jsonl_record(json.loads(line), origin, record)
    except (json.JSONDecodeError, RecursionError) as e:
        return Failure(input=origin, record=record, reason=f"{origin}:{number}: malformed JSON ({e})")
    except ValueError as e:
        return Failure(input=origin, record=record, reason=f"{origin}:{number}: {e}")


def jsonl_record(data: Any, origin: str, record: str) -> RawDocument:
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no non-empty string field 'text'")
    extra = {k: data.get(k) for k in OPTIONAL}
    for key, value in extra.items():
        if value is not None and not isinstance(value, str | int):
            raise ValueError(f"field {key!r} must be a string, got {type(value).__name__}")
    title = str(extra["title"]) if extra["title"] else None
    if title and not text.lstrip().startswith(title.strip()):
        text = f"{title}\n{text}"
    elif title is None:
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    published = str(extra["published"]) if extra["published"] else None
    return RawDocument(text=text, origin=origin, record=record,
                       id=str(extra["id"]) if extra["id"] is not None else None, title=title,
                       url=str(extra["url"]) if extra["url"] else None, published=published,
                       outlet=str(extra["outlet"]) if extra["outlet"] else None,
                       published_reason="given" if published else "")
