"""The shared article scorer (``score.py`` beside the gold annotations), loaded from a file as a module.

Training the event scorer labels its examples with the scorer's actor mapping; ``newsgraph eval`` scores the
extractor's records against gold folders with it. The project never copies it: it is read where it lies.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load(path: Path) -> ModuleType:
    """The scorer file at ``path`` as a module (FileNotFoundError where there is none to load)."""
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None or not Path(path).is_file():
        raise FileNotFoundError(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
