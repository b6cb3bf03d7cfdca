"""JSON Lines: one article per line, with ``text`` and optional ``id``, ``title``, ``url``, ``published``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsgraph.document import Failure
from newsgraph.readers.base import RawDocument

OPTIONAL = ("id", "title", "url", "published", "outlet")


def jsonl_documents(text: str, origin: str) -> Iterator[RawDocument | Failure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record = f"line {number}"
        try:
            yield jsonl_record(json.loads(line), origin, record)
        except (json.JSONDecodeError, RecursionError) as e:
            yield Failure(input=origin, record=record, reason=f"{origin}:{number}: malformed JSON ({e})")
        except ValueError as e:
            yield Failure(input=origin, record=record, reason=f"{origin}:{number}: {e}")


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
