"""Command-line pieces for big runs: --workers and --quiet, and the spark and load-parquet commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsgraph import store as st
from newsgraph.errors import ModelNotFound, WorkerError
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.scale.pool import ParallelPipeline

WORKERS = click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
                       help="Worker processes, each with its own model (default: the machine's cores; 1: in "
                            "this process).")
MAX_SECONDS = click.option("--max-seconds", type=click.FloatRange(min=0, min_open=True),
                           default=Settings().max_seconds, show_default=True,
                           help="The work budget of one document: one whose extraction takes longer is stopped "
                                "and recorded as a failure.")
QUIET = click.option("--quiet", is_flag=True, help="No progress bar (none is drawn when stderr is not a terminal).")


@contextmanager
def running(settings: Settings, workers: int | None, *,
            on_ready: Callable[[], None] | None = None) -> Iterator[ParallelPipeline]:
    """A pipeline over ``workers`` processes, closed at the end; its errors as one-line messages. ``on_ready``:
    called when the model has loaded."""
    from newsgraph.scale.pool import ParallelPipeline

    try:
        pipeline = ParallelPipeline(settings, workers=workers, on_ready=on_ready)
    except ModelNotFound as e:
        raise click.ClickException(str(e)) from e
    try:
        yield pipeline
    except (WorkerError, ModelNotFound) as e:
        raise click.ClickException(str(e)) from e
    finally:
        pipeline.close()


@click.command("spark")
@click.argument("inputs", nargs=-1, required=True)
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master URL (local[N], spark://host:port, yarn, ...).")
@click.option("--partitions", type=click.IntRange(min=1), help="At least this many input partitions.")
@click.option("--model", metavar="NAME", help="spaCy pipeline package (default: best installed).")
def spark_cmd(inputs: tuple[str, ...], output: Path, master: str, partitions: int | None, model: str | None) -> None:
    """Extract JSONL INPUTS with Apache Spark; write Parquet tables (documents, actors, events, quotes,
    failures) under OUTPUT."""
    from newsgraph.scale.spark import SparkUnavailable, run_job

    try:
        report = run_job(list(inputs), output, settings=Settings(model=model), master=master, partitions=partitions)
    except (SparkUnavailable, ValueError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"newsgraph: {report.summary()} under {output}", err=True)


@click.command("load-parquet")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", metavar="PATH|URL", default=st.DEFAULT_DB, show_default=True,
              help="SQLite file, or a postgresql:// URL.")
@QUIET
def load_parquet_cmd(directory: Path, db: str, quiet: bool) -> None:
    """Store the documents of a `newsgraph spark` output DIRECTORY (stored ones are skipped)."""
    from newsgraph.scale.progress import Progress
    from newsgraph.scale.tables import load_parquet
    from newsgraph.store_cli import opened_store

    with opened_store(db) as store, Progress(None, quiet=quiet) as bar:
        try:
            report = load_parquet(store, directory, on_item=lambda outcome, label: bar.advance())
        except FileNotFoundError as e:
            raise click.ClickException(str(e)) from e
    click.echo(f"newsgraph: {report.summary()}")
    if report.failures:
        sys.exit(1)


def register(group: click.Group) -> None:
    """Add the spark and load-parquet commands to the ``newsgraph`` command group."""
    group.add_command(spark_cmd)
    group.add_command(load_parquet_cmd)
