"""Readers turn inputs (files, directories, JSONL, HTML, stdin) into raw documents or recorded failures."""

from newsgraph.readers.base import RawDocument, ReadError
from newsgraph.readers.inputs import read_inputs, read_path, read_text

__all__ = ["RawDocument", "ReadError", "read_inputs", "read_path", "read_text"]
