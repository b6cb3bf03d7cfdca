"""The command line: thin wrappers over the library's public functions."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from newsgraph import __version__
from newsgraph.cli.common import MAX_SECONDS, QUIET, WORKERS, load_pipeline, running
from newsgraph.document import Document, Failure, dumps
from newsgraph.errors import ModelNotFound
from newsgraph.pubdate import normalise_date
from newsgraph.readers import read_inputs
from newsgraph.scale.progress import progress_for
from newsgraph.settings import LINK_THRESHOLD, Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does (to stderr).")
def main(verbose: bool) -> None:
    """newsgraph: who did and said what to whom, when and where, with evidence."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="newsgraph: %(message)s")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="json: one document object (several: {'documents': [...]}); jsonl: one document a line.")
@click.option("--published", metavar="DATE", help="Publication date for every input (overrides inference).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
@click.option("--model", metavar="NAME", help="spaCy pipeline package (default: best installed).")
@click.option("--indent", type=int, default=None, help="Indent json output by this many spaces.")
@click.option("--max-chars", type=click.IntRange(min=1), default=Settings().max_text_chars, show_default=True,
              help="Refuse texts longer than this many characters.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None,
              help="Keep events the learned scorer gives at least this (default: the model's threshold; 0 keeps all).")
@click.option("--link", is_flag=True,
              help="Let the learned linker give sides to events the rules leave incomplete (more, less precise).")
@WORKERS
@MAX_SECONDS
@QUIET
def extract(inputs: tuple[str, ...], fmt: str, published: str | None, output: str | None, model: str | None,
            indent: int | None, max_chars: int, min_score: float | None, link: bool, workers: int | None,
            max_seconds: float, quiet: bool) -> None:
    """Extract document records from INPUTS: text, HTML, JSONL files, directories, or '-' for stdin."""
    if published and not normalise_date(published):
        raise click.BadParameter(f"{published!r} is not a date (use YYYY-MM-DD)", param_hint="--published")
    failures: list[Failure] = []
    documents: list[Document] = []
    settings = Settings(model=model, max_text_chars=max_chars, min_event_score=min_score, link_events=link,
                        max_seconds=max_seconds)
    with (progress_for(inputs, quiet=quiet) as bar, running(settings, workers, on_ready=bar.start) as pipeline,
          opened(output) as out):
        bar.loading("the spaCy model")
        for item in pipeline.run_many(with_published(read_inputs(list(inputs)), published)):
            bar.advance()
            if isinstance(item, Failure):
                failures.append(item)
                click.echo(f"newsgraph: error: {item.reason}", err=True)
            elif fmt == "jsonl":
                out.write(item[1].to_json() + "\n")
                out.flush()
            else:
                documents.append(item[1])
        if fmt == "json" and documents:
            body = documents[0].to_dict() if len(documents) == 1 else {
                "documents": [d.to_dict() for d in documents]}
            out.write(dumps(body, indent=indent) + "\n")
    report(len(documents) if fmt == "json" else None, failures)


@main.command("train-events")
@click.option("--plv", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="PLV sentences (TSV: sentence, gold_root, source, target).")
@click.option("--gsr", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="PLOVER gold standard records (JSON).")
@click.option("--gold", "gold_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of annotated articles (NAME/gold.json + article); repeatable.")
@click.option("--scorer", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The shared article scorer (score.py), whose actor mapping labels article proposals.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the model (JSON); the package's is src/newsgraph/data/event_scorer.json.")
@click.option("--linker", "linker_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the linker (JSON); default: event_linker.json beside --output.")
@click.option("--link/--no-link", "link", default=False, show_default=True,
              help="Train the scorer on the linker's proposals (for extract --link) rather than the rules'.")
@click.option("--link-on", multiple=True, type=click.Choice(["articles", "plv"]), default=("articles",),
              show_default=True, help="The sets whose marked sides train the linker; repeatable.")
@click.option("--cv-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write each set coded in folds, each fold by a model trained without it, here: plv.jsonl, "
                   "gsr.jsonl (for score_sentences.py --cmd 'cat FILE'), articles/ (for score.py --pred-dir).")
@click.option("--folds", type=click.IntRange(min=0), default=5, show_default=True)
@click.option("--c", "strength", type=float, default=0.5, show_default=True, help="Inverse regularisation.")
@click.option("--threshold", type=float, default=0.5, show_default=True, help="The model's default --min-score.")
@click.option("--link-threshold", type=float, default=LINK_THRESHOLD, show_default=True,
              help="The linker's: the least probability at which its pair replaces the rules' sides.")
@click.option("--model", metavar="NAME", help="spaCy pipeline package (default: best installed).")
def train_events(plv: Path | None, gsr: Path | None, gold_dirs: tuple[Path, ...], scorer: Path | None,
                 output: Path, linker_out: Path | None, link: bool, link_on: tuple[str, ...], cv_dir: Path | None,
                 folds: int, strength: float, threshold: float, link_threshold: float, model: str | None) -> None:
    """Train the event linker (which actors are an event's sides) on the sentences and articles whose sides
    are marked, then the event scorer on every proposal the rules make and the linker links."""
    from newsgraph.training.learn import Sources, train, write_validated

    if not (plv or gsr or gold_dirs):
        raise click.UsageError("give at least one of --plv, --gsr, --gold")
    sources = Sources(plv=plv, gsr=gsr, gold_dirs=gold_dirs, scorer_file=scorer, link_on=link_on)
    pipeline = load_pipeline(Settings(model=model, score_events=False, link_events=False))
    try:
        trained = train(pipeline, sources, c=strength, threshold=threshold, folds=folds,
                        link_threshold=link_threshold, link=link)
    except (ValueError, ImportError) as e:
        raise click.ClickException(str(e)) from e
    output.write_text(trained.scorer.to_json(), encoding="utf-8")
    click.echo(f"newsgraph: {len(trained.scorer.weights)} scorer weights written to {output}; trained on "
               f"{json.dumps(trained.scorer.trained_on)}", err=True)
    if trained.linker is not None:
        linker_path = linker_out or output.with_name("event_linker.json")
        linker_path.write_text(trained.linker.to_json(), encoding="utf-8")
        click.echo(f"newsgraph: {len(trained.linker.weights)} linker weights written to {linker_path}; trained on "
                   f"{json.dumps(trained.linker.trained_on)}", err=True)
    if cv_dir and trained.validated:
        for path in write_validated(trained.validated, cv_dir):
            click.echo(f"newsgraph: cross-validated documents in {path}", err=True)


@main.command()
@click.option("--model", metavar="NAME", help="spaCy pipeline package (default: best installed).")
def info(model: str | None) -> None:
    """Say which spaCy pipeline extraction uses, and the schema it writes."""
    from newsgraph import nlp
    from newsgraph.document import SCHEMA

    try:
        loaded = nlp.load(model)
    except ModelNotFound as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"newsgraph {__version__}\nschema: {SCHEMA}\nspaCy pipeline: {nlp.model_label(loaded)} "
               f"(package {model or nlp.best_model()})\ncomponents: {', '.join(loaded.pipe_names)}")


def with_published(items: Iterator, published: str | None) -> Iterator:
    for item in items:
        if published and not isinstance(item, Failure):
            item.published, item.published_reason = published, "given"
        yield item


@contextmanager
def opened(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            yield handle
    except OSError as e:
        raise click.ClickException(f"cannot write {path}: {e.strerror}") from e


def report(done: int | None, failures: list[Failure]) -> None:
    if failures:
        click.echo(f"newsgraph: {len(failures)} input(s) failed" +
                   (f", {done} extracted" if done is not None else ""), err=True)
        sys.exit(1)


from newsgraph.cli.store import register  # noqa: E402

register(main)

from newsgraph.cli.web import register as register_web  # noqa: E402

register_web(main)

from newsgraph.cli.scale import register as register_scale  # noqa: E402

register_scale(main)

from newsgraph.cli.watch import register as register_watch  # noqa: E402

register_watch(main)

from newsgraph.cli.review import register as register_review  # noqa: E402

register_review(main)


if __name__ == "__main__":
    main()
