"""Errors that end a command with a one-line message, importable without loading spaCy."""

from __future__ import annotations


class ModelNotFound(RuntimeError):
    """The spaCy pipeline asked for (or any English one) is not installed."""


class WorkerError(RuntimeError):
    """A worker process could not start or died; re-running resumes (ingest skips stored documents)."""
