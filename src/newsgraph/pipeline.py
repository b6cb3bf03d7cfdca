"""The ordered stages from raw article to document record; batch and single runs share one path.

read -> clean -> published -> parse -> quotations -> actors -> quotes/dates/figures -> events
Each stage is a ``Stage``: a function ``(work, settings) -> None`` that fills its part of ``work``, with the
fields it requires and the fields it assigns. ``prepare`` assigns ``text`` and ``published``, the parse
``parse``; a pipeline whose stages would read a field no earlier step assigns is refused when it is built.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from newsgraph import clean, pubdate
from newsgraph.document import Document, Failure
from newsgraph.knowledge import PACKAGE, Knowledge, using
from newsgraph.quotations import Quotations
from newsgraph.readers import RawDocument, ReadError
from newsgraph.settings import DEFAULT, Settings

if TYPE_CHECKING:  # spaCy loads with the first Pipeline, not with this module (the store and CLI import it)
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

Result = tuple[RawDocument, Document] | Failure
T = TypeVar("T")


class OverBudget(ReadError):
    """A document whose extraction took longer than its work budget (``Settings.max_seconds``)."""


@dataclass
class Budget:
    """The time one document may take; ``check`` raises ``OverBudget`` once it is spent."""

    seconds: float | None
    label: str
    started: float = field(default_factory=time.monotonic)
    where: str = "the parse"

    def restart(self) -> None:
        self.started = time.monotonic()

    def check(self) -> None:
        if self.seconds is not None and time.monotonic() - self.started > self.seconds:
            raise OverBudget(f"{self.label}: extraction stopped after {self.seconds:g} s, in {self.where} (the "
                             "work budget of one document; --max-seconds sets it)")


@dataclass
class Work:
    """What the stages share while one article goes through the pipeline."""

    raw: RawDocument
    document: Document
    budget: Budget = field(default_factory=lambda: Budget(None, ""))
    parsed: Doc | None = None
    quotations: Quotations | None = None
    notes: dict[str, object] = field(default_factory=dict)

    @property
    def doc(self) -> Doc:
        if self.parsed is None:
            raise RuntimeError("the parse stage has not run")
        return self.parsed


#: What ``run_many`` takes: a raw document, one already prepared (ingest prepares to hash it: the text is
#: cleaned once), or a failure to pass on.
Item = RawDocument | Work | Failure
StageFunction = Callable[[Work, Settings], None]

#: What ``prepare`` and the parse give every document before the stages run.
PREPARED = frozenset({"text", "published", "set_aside", "parse"})


@dataclass(frozen=True)
class Stage:
    """One step after the parse: its name, what it reads and what it fills in."""

    name: str
    run: StageFunction
    requires: frozenset[str]
    assigns: frozenset[str]


def stage(name: str, run: StageFunction, *, requires: str, assigns: str) -> Stage:
    """A ``Stage`` from space-separated field names."""
    return Stage(name, run, frozenset(requires.split()), frozenset(assigns.split()))


def check_order(stages: tuple[Stage, ...]) -> None:
    """Raise ``ValueError`` when a stage requires a field that neither the parse nor an earlier stage assigns."""
    ready = set(PREPARED)
    for s in stages:
        missing = s.requires - ready
        if missing:
            raise ValueError(f"stage {s.name!r} requires {', '.join(sorted(missing))}, which no earlier stage assigns")
        ready |= s.assigns


def stage_quotations(work: Work, settings: Settings) -> None:
    """Quotation spans, found once: the actors stage reads them, the quotes stage attributes them."""
    from newsgraph.quotations import find_quotations

    work.quotations = find_quotations(work.document)


def stage_actors(work: Work, settings: Settings) -> None:
    from newsgraph.actors import find_actors
    from newsgraph.actors.pronouns import object_pronouns

    work.document.actors = find_actors(work.doc, work.document, quotations=work.quotations)
    object_pronouns(work.doc, work.document)


def stage_quotes(work: Work, settings: Settings) -> None:
    from newsgraph.actors.pronouns import quoted_pronouns
    from newsgraph.quotes import find_quotes

    work.document.quotes = find_quotes(work.doc, work.document, quotations=work.quotations)
    quoted_pronouns(work.doc, work.document)


def stage_dates(work: Work, settings: Settings) -> None:
    from newsgraph.dates import find_dates

    work.document.dates = find_dates(work.doc, work.document)


def stage_figures(work: Work, settings: Settings) -> None:
    from newsgraph.figures import find_figures

    work.document.figures = find_figures(work.doc, work.document)


def stage_events(work: Work, settings: Settings) -> None:
    from newsgraph.events import find_events
    from newsgraph.events.linker import load_linker

    linker = load_linker(settings.linker_file) if settings.link_events else None
    work.document.events = find_events(work.doc, work.document, min_score=settings.min_event_score,
                                       scored=settings.score_events, linker=linker, link=settings.link_events)


#: The stages after parsing, in order. Each name is the stage's module. The actors stage and the quotes
#: stage both add mentions to actors (object pronouns; pronouns inside quotations).
STAGES: tuple[Stage, ...] = (
    stage("quotations", stage_quotations, requires="text set_aside", assigns="quotations"),
    stage("actors", stage_actors, requires="parse quotations", assigns="actors"),
    stage("quotes", stage_quotes, requires="parse quotations actors", assigns="quotes actors"),
    stage("dates", stage_dates, requires="parse published", assigns="dates"),
    stage("figures", stage_figures, requires="parse dates", assigns="figures"),
    stage("events", stage_events, requires="parse actors quotes dates", assigns="events"),
)


def prepare(raw: RawDocument, settings: Settings) -> Work:
    """read -> clean -> published: everything before the parse."""
    if len(raw.text) > settings.max_text_chars:
        raise ReadError(f"{raw.label}: text of {len(raw.text)} characters is over the "
                        f"{settings.max_text_chars}-character limit")
    text, set_aside = clean.clean(raw.text)
    if not text.strip():
        raise ReadError(f"{raw.label}: no text left after cleaning")
    document = Document(text=text, title=raw.title, url=raw.url, outlet=raw.outlet, id=raw.id or "",
                        set_aside=set_aside)
    given = pubdate.normalise_date(raw.published) if raw.published else None
    if raw.published and not given:
        log.warning("%s: cannot read the given publication date %r; inferring it", raw.label, raw.published)
    if given:
        document.published, document.published_reason = given, raw.published_reason or "given"
    else:
        document.published, document.published_reason = pubdate.infer_published(text, set_aside)
    return Work(raw=raw, document=document, budget=Budget(settings.max_seconds, raw.label))


class Pipeline:
    """A loaded spaCy model and the stages; call ``run`` for one raw document, ``run_many`` for a stream.
    ``knowledge``: the data files and models the stages read (the package's unless replaced), active while
    the stages run."""

    def __init__(self, settings: Settings = DEFAULT, *, stages: tuple[Stage, ...] = STAGES,
                 model: Language | None = None, knowledge: Knowledge = PACKAGE) -> None:
        check_order(stages)
        self.settings = settings
        self.stages = stages
        self.knowledge = knowledge
        from newsgraph import nlp

        self.nlp = model if model is not None else nlp.load(settings.model)
        self.model_label = nlp.model_label(self.nlp)
        self.warm_up()

    def warm_up(self) -> None:
        """Load every stage's lexicons now, so that the first article costs no more than the next."""
        from newsgraph.readers import read_text

        work = prepare(read_text("Warm-up\n\nThe Gondorian minister met the envoy on Monday and said talks went "
                                 "well.\n", published="2020-01-01"), self.settings.with_(max_seconds=None))
        work.parsed = self.parse(work.document.text)
        self.finish(work)

    def run(self, raw: RawDocument, *, max_seconds: float | None = None) -> Document:
        """One raw document's record; ``max_seconds``: its work budget, if not the settings' own."""
        return self.run_work(raw, max_seconds=max_seconds).document

    def run_work(self, raw: RawDocument, *, max_seconds: float | None = None) -> Work:
        """The whole run of one raw document, with its parse kept (training reads both)."""
        work = prepare(raw, self.settings)
        if max_seconds is not None:
            work.budget = Budget(max_seconds, raw.label)
        work.parsed = self.parse(work.document.text, budget=work.budget)
        self.finish(work)
        return work

    def parse(self, text: str, *, budget: Budget | None = None) -> Doc:
        from newsgraph import nlp

        return nlp.parse(self.nlp, text, chunk_chars=self.settings.max_chunk_chars, batch_size=self.settings.batch_size,
                         check=budget.check if budget is not None and budget.seconds is not None else None)

    def finish(self, work: Work) -> Document:
        work.document.model = self.model_label
        with using(self.knowledge):
            for step in self.stages:
                work.budget.check()
                work.budget.where = f"the {step.name} stage"
                step.run(work, self.settings)
        work.budget.check()
        return work.document

    def run_many(self, items: Iterable[Item]) -> Iterator[Result]:
        """Documents in input order, ``settings.batch_size`` at a time (one ``nlp.pipe`` per batch); a bad
        record becomes a ``Failure`` and never stops the others. The CLI, ingest, the worker processes and
        the Spark job all extract through here."""
        for batch in batched(items, self.settings.batch_size):
            yield from self.run_batch(batch)

    def run_batch(self, batch: Sequence[Item]) -> list[Result]:
        from newsgraph import nlp

        prepared = [self._prepare(item) for item in batch]
        # a text of several chunks is parsed on its own, within its work budget
        works = [w for w in prepared if isinstance(w, Work) and len(w.document.text) <= self.settings.max_chunk_chars]
        try:
            docs = nlp.parse_batch(self.nlp, [w.document.text for w in works],
                                   chunk_chars=self.settings.max_chunk_chars, batch_size=self.settings.batch_size)
        except Exception:  # one text broke the batch: parse each on its own below, to find which
            log.exception("batch parse failed; parsing its %d documents one by one", len(works))
        else:
            for work, doc in zip(works, docs, strict=True):
                work.parsed = doc
        return [w if isinstance(w, Failure) else self._finish(w) for w in prepared]

    def _prepare(self, item: Item) -> Work | Failure:
        if isinstance(item, Work | Failure):
            return item
        try:
            return prepare(item, self.settings)
        except Exception as e:  # bad input or a bug: recorded, never fatal
            return failure(item, e)

    def _finish(self, work: Work) -> Result:
        work.budget.restart()  # the budget counts this document's own work, not its batch's
        try:
            if work.parsed is None:
                work.parsed = self.parse(work.document.text, budget=work.budget)
            return work.raw, self.finish(work)
        except ReadError as e:  # bad input, or over its work budget: one line, no traceback
            return failure(work.raw, e)
        except Exception as e:  # a bug on one record must not lose the others: record it and go on
            log.exception("%s: extraction failed", work.raw.label)
            return failure(work.raw, e)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items, read lazily."""
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch


def failure(item: RawDocument, error: Exception) -> Failure:
    """A bad record (``ReadError``) or a bug on one record, as a ``Failure`` that never stops the others."""
    if isinstance(error, ReadError):
        return Failure(input=item.origin, record=item.record, reason=str(error))
    return Failure(input=item.origin, record=item.record, kind="error",
                   reason=f"{item.label}: extraction failed ({type(error).__name__}: {error})")


def extract(text: str, published: str | None = None, *, title: str | None = None, url: str | None = None,
            settings: Settings = DEFAULT, pipeline: Pipeline | None = None,
            max_seconds: float | None = None) -> Document:
    """Read one article's text and return its document record (``OverBudget``, a ``ReadError``, past
    ``max_seconds`` or the settings' budget)."""
    from newsgraph.readers import read_text

    raw = read_text(text, published=published)
    if title:
        raw.title = title
    raw.url = url
    return (pipeline or default_pipeline(settings)).run(raw, max_seconds=max_seconds)


_PIPELINES: dict[Settings, Pipeline] = {}


def default_pipeline(settings: Settings = DEFAULT) -> Pipeline:
    """One pipeline per settings object, loaded on first use."""
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]
