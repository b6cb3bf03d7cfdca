"""Batched extraction in one process: the spaCy model runs over many documents at once (``nlp.pipe``).

Texts are cut into chunks and joined back exactly as ``newsgraph.nlp.parse`` does, and the line-break
component is part of the loaded model, so every record equals ``Pipeline.run``'s for the same input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import nlp
from newsgraph.document import Document, Failure
from newsgraph.pipeline import Pipeline, Work, prepare
from newsgraph.readers import RawDocument, ReadError
from newsgraph.settings import Settings

log = logging.getLogger(__name__)

Item = RawDocument | Failure
Result = tuple[RawDocument, Document] | Failure
T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items, read lazily."""
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch


def parse_batch(model: Language, texts: Sequence[str], *, chunk_chars: int, batch_size: int) -> list[Doc]:
    """Parse ``texts`` with one ``nlp.pipe`` over all their chunks; one ``Doc`` per text, text unchanged."""
    pieces = [nlp.chunks(text, chunk_chars) for text in texts]
    parsed = iter(model.pipe((p for parts in pieces for p in parts), batch_size=batch_size))
    docs = []
    for text, parts in zip(texts, pieces, strict=True):
        chunk_docs = [next(parsed) for _ in parts]
        docs.append(chunk_docs[0] if len(chunk_docs) == 1 else _joined(chunk_docs, text))
    return docs


def _joined(docs: list[Doc], text: str) -> Doc:
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:
        raise AssertionError("chunked parse changed the text")
    return joined


def failure(item: RawDocument, error: Exception) -> Failure:
    """A bad record (``ReadError``) or a bug on one record, as a ``Failure`` that never stops the others."""
    if isinstance(error, ReadError):
        return Failure(input=item.origin, record=item.record, reason=str(error))
    return Failure(input=item.origin, record=item.record, kind="error",
                   reason=f"{item.label}: extraction failed ({type(error).__name__}: {error})")


class BatchRunner:
    """A loaded ``Pipeline`` run over batches of documents; ``run_many`` keeps input order."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.settings: Settings = pipeline.settings

    def run_many(self, items: Iterable[Item]) -> Iterator[Result]:
        for batch in batched(items, self.settings.batch_size):
            yield from self.run_batch(batch)

    def run_batch(self, batch: Sequence[Item]) -> list[Result]:
        prepared = [self._prepare(item) for item in batch]
        # a text of several chunks is parsed on its own, within its work budget
        works = [w for w in prepared if isinstance(w, Work) and len(w.document.text) <= self.settings.max_chunk_chars]
        try:
            docs = parse_batch(self.pipeline.nlp, [w.document.text for w in works],
                               chunk_chars=self.settings.max_chunk_chars, batch_size=self.settings.batch_size)
        except Exception:  # one text broke the batch: parse each on its own below, to find which
            log.exception("batch parse failed; parsing its %d documents one by one", len(works))
        else:
            for work, doc in zip(works, docs, strict=True):
                work.parsed = doc
        return [w if isinstance(w, Failure) else self._finish(w) for w in prepared]

    def _prepare(self, item: Item) -> Work | Failure:
        if isinstance(item, Failure):
            return item
        try:
            return prepare(item, self.settings)
        except Exception as e:  # bad input or a bug: recorded, never fatal
            return failure(item, e)

    def _finish(self, work: Work) -> Result:
        work.budget.restart()  # the budget counts this document's own work, not its batch's
        try:
            if work.parsed is None:
                work.parsed = self.pipeline.parse(work.document.text, budget=work.budget)
            return work.raw, self.pipeline.finish(work)
        except ReadError as e:  # bad input, or over its work budget: one line, no traceback
            return failure(work.raw, e)
        except Exception as e:  # a bug on one record must not lose the others: record it and go on
            log.exception("%s: extraction failed", work.raw.label)
            return failure(work.raw, e)
