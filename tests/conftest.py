"""Shared fixtures: one loaded pipeline for the whole run, and the path to ../shared when it exists."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsgraph.pipeline import Pipeline
from newsgraph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
#: ../shared beside the checkout, or beside the folder that holds it (a worktree under ../wt/NAME).
WORDNET = Path("/usr/share/wordnet")


def load_tool(name: str) -> ModuleType:
    """A script of tools/ as a module (the builders of the data files), with tools/ importable as when run."""
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as when imported: its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), ROOT.parent / "shared")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared (the scorers and gold annotations) is not beside this checkout")
    return SHARED
