"""Coverage-guided fuzzing (atheris) of the readers and the pipeline: not part of CI.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_extract.py -atheris_runs=20000 -max_len=4096 [fuzz/corpus]

Each input's first byte picks the reader (plain text, HTML, JSONL, or the pipeline over plain text); the
rest is the input. The invariants are the tests' (tests/test_hardening_fuzz.py): only ``ReadError`` or a
``Failure`` may come out of bad input, every item's offsets slice to its text, and the record validates
against src/newsgraph/schema/document.schema.json. A crash writes the input to crash-<hash> for replay.
"""

from __future__ import annotations

import contextlib
import json
import sys
from importlib import resources

import atheris

with atheris.instrument_imports():
    from jsonschema import Draft202012Validator

    from newsgraph.document import Document, Failure
    from newsgraph.pipeline import Pipeline
    from newsgraph.readers import RawDocument, ReadError, read_text
    from newsgraph.readers.html import html_document
    from newsgraph.readers.jsonl import jsonl_documents
    from newsgraph.store.check import document_problems

SCHEMA = json.loads((resources.files("newsgraph") / "schema" / "document.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
PIPELINE = Pipeline()


def check(document: Document) -> None:
    problems = list(document_problems(document))
    if problems:
        raise AssertionError(problems)
    VALIDATOR.validate(json.loads(document.to_json()))


def read(kind: int, text: str) -> list[RawDocument | Failure]:
    if kind == 1:
        return [html_document(text, "fuzz.html")]
    if kind == 2:
        return list(jsonl_documents(text, "fuzz.jsonl"))
    return [read_text(text, "fuzz.txt")]


def one_input(data: bytes) -> None:
    if not data:
        return
    kind, text = data[0] % 4, data[1:].decode("utf-8", "surrogateescape" if data[0] & 4 else "replace")
    try:
        items = read(kind, text)
    except ReadError:
        return
    for item in items:
        if isinstance(item, RawDocument) and (kind == 3 or data[0] & 8):
            with contextlib.suppress(ReadError):
                check(PIPELINE.run(item))


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
