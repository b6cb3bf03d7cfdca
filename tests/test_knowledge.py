"""Knowledge is injectable: a pipeline built with a lexicon swapped (a trigger table without one verb, an
extra demonym) reads it, and a pipeline with the package's knowledge in the same process is unaffected."""

from __future__ import annotations

import ast
import pickle
import tempfile
from pathlib import Path

import pytest

from newsgraph.actors.lexicon import lexicon
from newsgraph.document import Document
from newsgraph.knowledge import PACKAGE, Knowledge, data_rows, using
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_text

CONDEMNED = ("Talks in Paris\n\nThe French foreign minister strongly condemned Germany on Monday for the border "
             "closure, officials said.\n")
TROOPS = "Clashes\n\nElbonian troops attacked Germany on Monday.\n"


def without_condemn() -> Knowledge:
    rows = [r for r in data_rows("event_triggers.tsv") if r[:2] != ["condemn", "V"]]
    return Knowledge().replacing("event_triggers.tsv", rows=rows)


def with_elbonia() -> Knowledge:
    return Knowledge().replacing("demonyms.tsv", rows=[("Elbonian", "NOR")], keep=True)


def run(pipeline: Pipeline, text: str) -> Document:
    return pipeline.run(read_text(text, published="2021-03-01"))


def triggers(document: Document) -> set[str]:
    return {e.trigger.text for e in document.events}


def countries(document: Document) -> dict[str, str | None]:
    return {a.name: a.country for a in document.actors}


@pytest.fixture(scope="module")
def swapped(pipeline: Pipeline) -> Pipeline:
    return Pipeline(pipeline.settings, model=pipeline.nlp, knowledge=without_condemn())


def test_a_trigger_table_without_a_verb_changes_that_pipeline_only(pipeline: Pipeline, swapped: Pipeline) -> None:
    assert "condemned" in triggers(run(pipeline, CONDEMNED))
    assert "condemned" not in triggers(run(swapped, CONDEMNED))
    assert "condemned" in triggers(run(pipeline, CONDEMNED))  # the package's tables were not replaced


def test_an_extra_demonym_gives_its_state(pipeline: Pipeline) -> None:
    elbonian = Pipeline(pipeline.settings, model=pipeline.nlp, knowledge=with_elbonia())
    assert countries(run(elbonian, TROOPS))["Elbonian troops"] == "NOR"
    assert countries(run(pipeline, TROOPS))["Elbonian troops"] == "DEU"  # the story's state, from context


def test_loaders_keep_their_tables_per_knowledge() -> None:
    default = lexicon()
    with using(with_elbonia()):
        found = lexicon().state("Elbonian")
        assert found is not None and found.iso3 == "NOR"
        assert lexicon() is lexicon() is not default
    assert lexicon() is default and default.state("Elbonian") is None


def test_a_data_file_is_replaced_by_a_file(tmp_path: Path) -> None:
    table = tmp_path / "roles.tsv"
    table.write_text("# role\tsector\nharbourmaster\tGOV\n", encoding="utf-8")
    knowledge = PACKAGE.replacing("roles.tsv", path=table)
    assert knowledge.rows("roles.tsv") == [["harbourmaster", "GOV"]]
    assert knowledge.rows("groups.tsv") == PACKAGE.rows("groups.tsv")


def test_knowledge_travels_to_worker_processes_without_its_tables() -> None:
    knowledge = with_elbonia()
    with using(knowledge):
        lexicon()
    copy = pickle.loads(pickle.dumps(knowledge))
    assert copy == knowledge and copy.built == {} and knowledge.built


def test_a_replacement_needs_a_path_or_rows() -> None:
    with pytest.raises(ValueError, match="by a path or by rows"):
        Knowledge().replacing("roles.tsv")


LOADERS = {"data_rows", "data_kinds", "data_text"}


def cached_loaders_of_data(path: Path) -> list[str]:
    """Functions of a module that read a data file and keep the result with ``lru_cache``/``cache``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and node.module == "newsgraph.knowledge" for a in node.names if a.name in LOADERS}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        cached = any("cache" in ast.unparse(d) and "per_knowledge" not in ast.unparse(d) for d in node.decorator_list)
        reads = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in names
                    for n in ast.walk(node))
        if cached and reads:
            found.append(f"{path.name}:{node.name}")
    return found


def test_no_loader_keeps_a_data_file_past_its_knowledge() -> None:
    package = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
    assert [f for p in sorted(package.rglob("*.py")) for f in cached_loaders_of_data(p)] == []
    assert cached_loaders_of_data_in("from newsgraph.knowledge import data_rows\n@lru_cache(maxsize=1)\n"
                                     "def words():\n    return data_rows('x.txt')\n") == ["m.py:words"]


def cached_loaders_of_data_in(source: str) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.py"
        path.write_text(source, encoding="utf-8")
        return cached_loaders_of_data(path)
