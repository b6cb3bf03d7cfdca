"""Batched and parallel extraction: same records as Pipeline.run, input order kept, flat memory, progress."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import func, select

from newsgraph import nlp
from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.document import Document, Failure
from newsgraph.pipeline import Item, Pipeline, Work
from newsgraph.readers import RawDocument, read_inputs, read_text
from newsgraph.scale import ParallelPipeline, Progress, count_inputs, progress_for
from newsgraph.scale import progress as progress_module
from newsgraph.store import schema

ARTICLES = (
    "France and Germany agree on river trade\n\nThe foreign minister of France met the envoy of Germany in "
    "Strasbourg on Monday.\nFrance signed a trade accord with Germany, the ministry said.\n\n\"We will open the "
    "river to every boat,\" the minister told reporters.",
    "Peru accuses Chile\n\nPeru accused Chile of sending troops across the border on 3 March 2019.\nChile denied "
    "the claim and threatened Peru with sanctions.",
    "Floods in Kenya\n\nFloods forced 2,000 people from their homes in Kenya.\nKenya asked Uganda for help, "
    "officials said on Tuesday.\nGondor's army attacked Mordor on Monday.",
)


def feed(path: Path, size: int, *, bad_line: int | None = None) -> Path:
    lines = [json.dumps({"id": f"r{n}", "text": ARTICLES[n % len(ARTICLES)] + f"\nRound {n}.",
                         "published": "2019-03-0" + str(1 + n % 9)}) for n in range(size)]
    if bad_line is not None:
        lines[bad_line] = '{"text": "unterminated'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def records(results: Iterable[tuple[RawDocument, Document] | Failure]) -> list[str]:
    return [r.reason if isinstance(r, Failure) else r[1].to_json() for r in results]


def items() -> list[RawDocument | Failure]:
    raws: list[RawDocument | Failure] = [read_text(text, f"a{n}.txt", published="2019-03-04")
                                         for n, text in enumerate(ARTICLES)]
    raws.insert(1, Failure(input="gone.txt", record="", reason="gone.txt: no such file"))
    raws.insert(3, RawDocument(text="  \n ", origin="blank.txt"))
    return raws


@pytest.mark.parametrize("chunk_chars", [20_000, 90])
def test_batched_records_equal_single_runs(pipeline: Pipeline, chunk_chars: int) -> None:
    reference = Pipeline(pipeline.settings.with_(max_chunk_chars=chunk_chars), model=pipeline.nlp)
    expected = [reference.run(x).to_json() if isinstance(x, RawDocument) and x.text.strip() else None
                for x in items()]
    assert all('"events": [{' in e for e in expected if e)
    got = records(reference.run_many(items()))
    assert [g for g, e in zip(got, expected, strict=True) if e is not None] == [e for e in expected if e]
    assert got[1] == "gone.txt: no such file" and "no text left" in got[3]


def test_a_failing_batch_parse_falls_back_to_one_document_at_a_time(
        pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = records(pipeline.run_many(items()))
    whole = nlp.parse_batch
    batches: list[int] = []

    def broken(model: Language, texts: Sequence[str], **kwargs: int) -> list[Doc]:
        batches.append(len(texts))
        if len(texts) > 1:
            raise RuntimeError("batch parse failed")
        return whole(model, texts, **kwargs)

    monkeypatch.setattr(nlp, "parse_batch", broken)
    assert records(pipeline.run_many(items())) == expected
    assert batches[0] > 1 and set(batches[1:]) <= {1}  # each document then parsed alone (within its budget)


def test_workers_keep_input_order_and_the_same_records(pipeline: Pipeline, tmp_path: Path) -> None:
    path = feed(tmp_path / "feed.jsonl", 70, bad_line=17)
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", "--workers", "2", "--quiet", str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 1 and ":18: malformed JSON" in result.stderr
    expected = [r for r in records(pipeline.run_many(read_inputs([str(path)]))) if r.startswith("{")]
    assert result.stdout.splitlines() == expected
    assert [json.loads(line)["id"] for line in expected] == [f"r{n}" for n in range(70) if n != 17]


def test_a_short_stream_runs_in_process(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    parallel = ParallelPipeline(workers=4, pipeline=pipeline)
    monkeypatch.setattr(parallel, "start", lambda: pytest.fail("workers started for a short stream"))
    assert records(parallel.run_many(items())) == records(pipeline.run_many(items()))


def resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads resident memory from /proc (Linux)")
def test_memory_stays_flat_extracting_10000_documents(pipeline: Pipeline, tmp_path: Path) -> None:
    """10,000 documents (the test articles repeated, each with a line of its own) streamed from one JSONL
    file through the model in batches and every extraction stage, each record written out."""
    runner = pipeline
    path = feed(tmp_path / "corpus.jsonl", 10_000)
    sink, done, samples, events = io.StringIO(), 0, [], 0
    for result in runner.run_many(read_inputs([str(path)])):
        assert not isinstance(result, Failure), result
        sink.write(result[1].to_json())
        sink.seek(0)
        done += 1
        events += len(result[1].events)
        if done % 1000 == 0:
            samples.append(resident_mb())
    assert done == 10_000 and events >= 10_000  # every test article holds events: the stages ran
    assert max(samples) - samples[0] < 8, f"resident memory grew: {samples}"


@pytest.mark.parametrize(("tty", "quiet", "shown"), [(True, False, True), (True, True, False), (False, False, False)])
def test_progress_bar_only_on_a_terminal_and_not_quiet(tty: bool, quiet: bool, shown: bool) -> None:
    stream = Terminal() if tty else io.StringIO()
    with Progress(5, quiet=quiet, stream=stream) as bar:
        bar.advance(3, new=2, failed=1)
    assert bar.done == 3 and bar.shown == shown
    text = stream.getvalue()
    assert ("3/5" in text and "doc/s" in text and "failed=1" in text) if shown else text == ""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counts_records_ahead_unless_quiet(tmp_path: Path) -> None:
    path = feed(tmp_path / "feed.jsonl", 7)
    assert progress_for([str(path)], stream=io.StringIO(), quiet=True).total is None
    assert progress_for([str(path)], stream=io.StringIO()).total == 7
    assert progress_for([str(path)], stream=Terminal()).total == 7


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_without_a_terminal_prints_a_plain_line_every_few_seconds() -> None:
    stream, clock = io.StringIO(), Clock()
    bar = Progress(10, stream=stream, every=5.0, clock=clock)
    bar.loading("the spaCy model")
    assert stream.getvalue() == "newsgraph: loading the spaCy model\n"  # at once, before any document
    clock.now = 20.0  # the model took 20 s: no part of the rate
    bar.start()
    clock.now = 22.0
    bar.advance(2, new=2)
    assert stream.getvalue().count("\n") == 1  # less than 5 s since the last line
    clock.now = 28.0
    bar.advance(2, new=4)
    assert stream.getvalue().splitlines()[-1] == "newsgraph: 4/10 docs, 0.5 doc/s, about 00:12 left, new=4"


def test_progress_on_a_terminal_of_zero_width_prints_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    class ZeroWidth(Terminal):
        def fileno(self) -> int:
            return 2

    monkeypatch.setattr(progress_module.os, "get_terminal_size", lambda fd: os.terminal_size((0, 24)))
    bar = Progress(3, stream=ZeroWidth(), every=0.0)
    bar.advance()
    assert not bar.shown and bar.plain and bar.stream.getvalue().startswith("newsgraph: 1/3 docs")


def test_progress_on_a_terminal_shows_the_model_loading_at_once() -> None:
    stream = Terminal()
    with Progress(3, stream=stream) as bar:
        bar.loading("the spaCy model")
        assert "loading the spaCy model" in stream.getvalue()
        bar.start()
        bar.advance(3)
    assert "3/3" in stream.getvalue()


def test_count_inputs(tmp_path: Path) -> None:
    (tmp_path / "dir" / "sub").mkdir(parents=True)
    (tmp_path / "dir" / "a.txt").write_text("A story.", encoding="utf-8")
    (tmp_path / "dir" / "sub" / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n', encoding="utf-8")
    (tmp_path / "dir" / ".hidden.txt").write_text("no", encoding="utf-8")
    assert count_inputs([str(tmp_path / "dir")]) == 3
    assert count_inputs([str(tmp_path / "dir"), str(tmp_path / "missing.txt")]) == 4
    assert count_inputs(["-"]) is None


class Counting:
    """A pipeline that remembers which records it was asked to extract."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.inner = pipeline
        self.settings = pipeline.settings
        self.seen: list[str] = []

    def run_many(self, items: Iterable[Item]) -> Iterator[tuple[RawDocument, Document] | Failure]:
        def noted() -> Iterator[Item]:
            for item in items:
                self.seen.append(item.raw.record if isinstance(item, Work) else item.record)
                yield item

        return self.inner.run_many(noted())


def test_an_interrupted_ingest_with_workers_resumes_without_redoing_stored_documents(
        pipeline: Pipeline, tmp_path: Path) -> None:
    size, db = 80, f"sqlite:///{tmp_path / 'store.db'}"
    path = feed(tmp_path / "feed.jsonl", size)
    store = st.connect(db)
    command = [sys.executable, "-c", "from newsgraph.cli import main; main()", "ingest", "--quiet", "--workers", "2",
               "--db", db, str(path)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while stored_count(store) < 20 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    before = stored_count(store)
    assert process.returncode != 0 and 20 <= before < size, (before, err)
    counting = Counting(pipeline)
    report = st.ingest(store, read_inputs([str(path)]), counting)
    assert (report.new, report.unchanged, len(report.failures)) == (size - before, before, 0)
    assert len(counting.seen) == size - before
    assert stored_count(store) == size and st.check(store) == []
    store.close()


def stored_count(store: st.Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.documents)).scalar_one())
