"""What the commands share: the store and run options, opening a store or a pipeline with one-line errors,
and printing rows."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from newsgraph import store as st
from newsgraph.document import dumps
from newsgraph.errors import ModelNotFound, WorkerError
from newsgraph.settings import Settings
from newsgraph.store import filters

if TYPE_CHECKING:
    from newsgraph.pipeline import Pipeline
    from newsgraph.scale.pool import ParallelPipeline

Rows = list[dict[str, Any]]
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                      show_default=True, help="How to print the rows.")
LIMIT = click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows.")


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", metavar="PATH|URL", default=st.DEFAULT_DB, show_default=True,
                        help="SQLite file, or a postgresql:// URL.")(func)


class BadQuery(click.ClickException):
    """A query that cannot be answered as asked (a bad value, no store): one line, exit status 2."""

    exit_code = 2


@contextmanager
def opened_store(db: str, *, create: bool = True, reading: bool = False) -> Iterator[st.Store]:
    """The store at ``db``, opened and closed; ``create=False`` (the read commands): a missing one is an error,
    never created; ``reading`` (a read command) opens one on read-only media read-only."""
    from newsgraph.store.db import on_read_only_media  # SQLAlchemy loads with the first store, not with --help

    try:
        store = st.connect(db, create=create, read_only=reading and on_read_only_media(db))
    except st.NoStore as e:
        raise BadQuery(str(e)) from e
    except st.StoreError as e:
        raise click.ClickException(str(e)) from e
    try:
        yield store
    except st.QueryError as e:
        raise BadQuery(str(e)) from e
    finally:
        store.close()


def checked(read: Callable[[str], Any]) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback that reads an option's value with ``read`` (a newsgraph.store.filters reader)."""
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        try:
            return read(value)
        except st.QueryError as e:
            raise BadQuery(str(e)) from e
    return callback


def date_option(name: str, help: str) -> Callable[..., Any]:
    return click.option(name, metavar="DATE", help=help + " Any common form: 2020-11-01, 2020/11/01, 1 Nov 2020, "
                        "last week.", callback=checked(lambda v: filters.day(v, option=name)))


def emit(rows: Rows, fmt: str) -> None:
    """Print rows as an aligned table (tabulate), CSV or JSON."""
    if fmt == "json":
        click.echo(dumps(rows, indent=1, default=str))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows([{k: st.safe_cell(_cell(v)) for k, v in r.items()} for r in rows])
    else:
        click.echo(table(rows) if rows else "(no rows)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return dumps(value)
    return str(value)


def table(rows: Rows, *, width: int = 60) -> str:
    """Rows as a plain aligned table, each cell on one line and cut to ``width`` characters."""
    from tabulate import tabulate

    cells = [[_cell(v).replace("\n", " ")[:width] for v in r.values()] for r in rows]
    return "\n".join(line.rstrip() for line in tabulate(cells, headers=list(rows[0]), tablefmt="plain",
                                                          disable_numparse=True).splitlines())


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


def load_pipeline(settings: Settings) -> Pipeline:
    from newsgraph.pipeline import Pipeline

    try:
        return Pipeline(settings)
    except ModelNotFound as e:
        raise click.ClickException(str(e)) from e
