"""The extraction as an Apache Spark job: JSONL in, Parquet tables out.

Each JSONL line becomes a record numbered as ``newsgraph extract`` numbers it (``line N`` of its input);
partitions run through ``mapPartitions``, each executor's Python worker loads the pipeline once and
parses a partition in batches, so the records are the same as a local run's. The results are kept
(memory, else disk) while the tables documents, actors, events, quotes and failures are written.
Executors need newsgraph and its spaCy model installed (``pip install 'newsgraph[spark]'``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.knowledge import PACKAGE, Knowledge
from newsgraph.readers.base import JSONL_SUFFIXES
from newsgraph.readers.jsonl import jsonl_bytes
from newsgraph.scale.pool import worker_runner
from newsgraph.settings import DEFAULT, Settings
from newsgraph.store.tables import TABLES, Result, result_of, table_rows

if TYPE_CHECKING:
    from pyspark import RDD, SparkContext
    from pyspark.sql import SparkSession

INSTALL_HINT = "pip install 'pyspark>=4' (or: pip install -e '.[spark]'), with Java 17 or later on the PATH"


class SparkUnavailable(RuntimeError):
    pass


@dataclass
class JobReport:
    """What one Spark job wrote."""

    documents: int
    failures: int
    tables: dict[str, Path]

    def summary(self) -> str:
        return f"{self.documents} document(s), {self.failures} failed; tables: {', '.join(self.tables)}"


def input_files(inputs: Sequence[str]) -> list[tuple[str, str]]:
    """(origin, path for Spark) per JSONL input; a local directory gives its JSONL files, others pass as given."""
    files: list[tuple[str, str]] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in JSONL_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            files += [(str(p), str(p.resolve())) for p in found]
        elif path.exists():
            if path.suffix.lower() not in JSONL_SUFFIXES:
                raise ValueError(f"{name}: the Spark job reads JSONL files (.jsonl, .ndjson)")
            files.append((name, str(path.resolve())))
        else:
            files.append((name, name))  # a URI or a pattern Spark reads itself
    if not files:
        raise ValueError(f"no JSONL input in {', '.join(inputs)}")
    return files


def session(master: str | None = None, *, app: str = "newsgraph") -> SparkSession:
    """A Spark session whose Python workers run this interpreter (so they find newsgraph and its model)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise SparkUnavailable(f"pyspark is not installed; {INSTALL_HINT}") from e
    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    # PySpark starts its Python workers with $PYSPARK_PYTHON (else `python3`, which may lack newsgraph)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # Java missing or failing: say what to install
        raise SparkUnavailable(f"cannot start Spark ({type(e).__name__}: {e}); {INSTALL_HINT}") from e
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def records(context: SparkContext, inputs: Sequence[str], *, partitions: int | None = None) -> RDD[Any]:
    """(origin, line number, line bytes) for every line of every input."""
    parts = [context.textFile(path, minPartitions=partitions, use_unicode=False).zipWithIndex()
             .map(partial(_numbered, origin)) for origin, path in input_files(inputs)]
    return context.union(parts)


def _numbered(origin: str, pair: tuple[bytes, int]) -> tuple[str, int, bytes]:
    return origin, pair[1] + 1, pair[0]


def extract_partition(settings: Settings, knowledge: Knowledge,
                      rows: Iterable[tuple[str, int, bytes]]) -> Iterator[Result]:
    """One partition through this worker process's pipeline (loaded on its first partition, then kept)."""
    items = (item for origin, number, line in rows
             if (item := jsonl_bytes(line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line, origin, number)))
    for result in worker_runner(settings, knowledge).run_many(items):
        yield result_of(result)


def run_job(inputs: Sequence[str], output: Path, *, settings: Settings = DEFAULT, knowledge: Knowledge = PACKAGE,
            master: str | None = None,
            partitions: int | None = None) -> JobReport:
    """Extract ``inputs`` with Spark and write the tables under ``output`` (replacing any there)."""
    from pyspark import StorageLevel

    spark = session(master)
    try:
        results = records(spark.sparkContext, inputs, partitions=partitions).mapPartitions(
            partial(extract_partition, settings, knowledge)).persist(StorageLevel.MEMORY_AND_DISK)
        tables = {table: write_table(spark, results, table, output) for table in TABLES}
        counts = results.map(_kind).countByValue()
        results.unpersist()
    finally:
        spark.stop()
    return JobReport(documents=counts.get("document", 0), failures=counts.get("failure", 0), tables=tables)


def _kind(result: Result) -> str:
    return result[0]


def write_table(spark: SparkSession, results: RDD[Any], table: str, output: Path) -> Path:
    schema = ", ".join(f"`{name}` {kind}" for name, kind in TABLES[table])
    rows = results.flatMap(partial(table_rows, table))
    path = output / table
    spark.createDataFrame(rows, schema=schema).write.mode("overwrite").parquet(str(path))
    return path


def main(argv: Sequence[str] | None = None) -> None:
    """``spark-submit -m``-style entry point: ``python -m newsgraph.scale.spark INPUT... OUTPUT``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        raise SystemExit("usage: python -m newsgraph.scale.spark INPUT... OUTPUT")
    report = run_job(args[:-1], Path(args[-1]))
    sys.stderr.write(json.dumps({"documents": report.documents, "failures": report.failures}) + "\n")


if __name__ == "__main__":
    main()
