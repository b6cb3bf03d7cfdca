"""Hostile inputs that got through the first hardening (issue 17): a lone surrogate escaped in a JSONL record,
a JSONL line over the length limit whose tail would read as the next record, a FIFO named as an input, and a
folder that cannot be listed. Each bad input fails on its own, in one line; the good ones around it are kept
and every line number reported is the line's own."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.document import Document, Failure
from newsgraph.pipeline import Pipeline
from newsgraph.readers import RawDocument, jsonl, read_path
from newsgraph.readers.jsonl import jsonl_file
from tests.test_hardening_fuzz import cli, fuzz, printed_documents, valid_record

LIMIT = 120
GOOD = [f"Gondor met Arnor in Osgiliath on day {n}." for n in range(4)]


def test_a_lone_surrogate_in_a_record_is_written_escaped_and_the_next_record_kept(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Kenya \\ud800 met Uganda."}\n{"text": "Ruto met Hassan in Nairobi."}\n')
    for fmt in ("json", "jsonl"):
        result = cli("extract", "--format", fmt, str(feed))
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines() if fmt == "jsonl" else [result.stdout]
        documents = [d for line in lines for d in printed_documents(line)]
        assert [d["title"] for d in documents] == ["Kenya \ud800 met Uganda.", "Ruto met Hassan in Nairobi."]
        result.stdout.encode("utf-8")  # the output itself is valid UTF-8
        assert "\\ud800" in result.stdout


def test_an_over_long_line_is_skipped_to_its_end_not_read_as_the_next_record(tmp_path: Path) -> None:
    smuggled = json.dumps({"text": "Smuggled text stored as a document."})
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([json.dumps({"text": GOOD[0]}), "x" * LIMIT + smuggled, json.dumps({"text": GOOD[1]})]))
    first, long, third = jsonl_file(feed, "feed.jsonl", max_line=LIMIT)
    assert isinstance(first, RawDocument) and first.record == "line 1"
    assert isinstance(long, Failure) and long.record == "line 2" and f"{LIMIT}-byte limit" in long.reason
    assert isinstance(third, RawDocument) and third.record == "line 3" and third.text == GOOD[1]


def test_the_reader_keeps_its_limit_when_the_module_limit_is_lowered(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "MAX_BYTES", LIMIT)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("y" * (3 * LIMIT) + "\n" + json.dumps({"text": GOOD[2]}) + "\n")
    long, good = read_path(str(feed))
    assert isinstance(long, Failure) and long.record == "line 1"
    assert isinstance(good, RawDocument) and good.record == "line 2"


#: One JSONL line and what it should give: a good record's text, "bad" (a failure), or "blank" (nothing).
good_line = st.sampled_from(GOOD).map(lambda t: (json.dumps({"text": t}).encode(), t))
escaped_line = st.text(min_size=1, max_size=20).filter(str.strip).map(
    lambda t: (json.dumps({"text": "Gondor met Arnor. " + t}).encode(), "Gondor met Arnor. " + t))
raw_code_points = st.text(min_size=1, max_size=20).map(
    lambda t: (json.dumps({"text": "Gondor met Arnor. " + t}, ensure_ascii=False).encode("utf-8", "surrogatepass"),
               "Gondor met Arnor. " + t))
over_long = st.tuples(st.integers(LIMIT + 1, 4 * LIMIT), st.sampled_from(GOOD)).map(
    lambda n_t: ((b"z" * n_t[0] + json.dumps({"text": n_t[1]}).encode())[: max(n_t[0], LIMIT + 1)], "bad"))
smuggling = st.integers(LIMIT - 20, LIMIT + 5).map(
    lambda n: (b"q" * n + json.dumps({"text": GOOD[3]}).encode(), "bad"))
invalid = st.sampled_from([b'{"text": "unterminated', b"[1, 2", b"{text: 1}", b'{"text": 5}', b"\xff\xfe",
                           b'"just a string"']).map(lambda b: (b, "bad"))
blank = st.sampled_from([b"", b"   ", b"\t"]).map(lambda b: (b, "blank"))
any_line = st.one_of(good_line, escaped_line, raw_code_points, over_long, smuggling, invalid, blank)


def expected(line: bytes, want: str) -> str:
    """What a line should give once its length and encoding are known."""
    if want in ("bad", "blank"):
        return want
    if len(line) + 1 > LIMIT:  # the line end counts towards the limit
        return "bad"
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return "bad"
    return want


def write_lines(folder: Path, lines: list[tuple[bytes, str]], end: bytes) -> Path:
    feed = folder / "feed.jsonl"
    feed.write_bytes(b"".join(line + end for line, _ in lines))
    return feed


@fuzz(150)
@given(st.lists(any_line, min_size=1, max_size=12), st.sampled_from([b"\n", b"\r\n"]))
def test_every_good_line_is_read_and_every_failure_names_its_own_line(lines: list[tuple[bytes, str]],
                                                                      end: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        try:
            items = list(jsonl_file(write_lines(Path(folder), lines, end), "feed.jsonl", max_line=LIMIT))
        except ValueError as e:  # ReadError: nothing but blank lines
            assert "empty input" in str(e) and all(want == "blank" for _, want in lines)
            return
    wants = {f"line {n}": expected(line + end[:-1], want) for n, (line, want) in enumerate(lines, start=1)}
    by_line = {item.record: item for item in items}
    assert len(by_line) == len(items)
    assert sorted(by_line) == sorted(k for k, w in wants.items() if w != "blank")
    for record, item in by_line.items():
        if wants[record] == "bad":
            assert isinstance(item, Failure) and item.reason.startswith(f"feed.jsonl:{record.split()[1]}: ")
        else:
            assert isinstance(item, RawDocument) and item.text.rstrip("\r") == wants[record].rstrip("\r")


@fuzz(15)
@given(st.lists(st.one_of(good_line, raw_code_points, escaped_line, over_long, invalid), min_size=1, max_size=4))
def test_every_good_line_of_a_hostile_feed_is_extracted_and_written(pipeline: Pipeline,
                                                                    lines: list[tuple[bytes, str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        results = list(pipeline.run_many(jsonl_file(write_lines(Path(folder), lines, b"\n"), "f.jsonl",
                                                    max_line=LIMIT)))
    good = {f"line {n}" for n, (line, want) in enumerate(lines, start=1) if expected(line, want) != "bad"}
    extracted = {r[0].record: r[1] for r in results if not isinstance(r, Failure)}
    assert set(extracted) == good
    assert len(results) == len(lines)
    for document in extracted.values():
        valid_record(document)
        assert Document.from_json(document.to_json()).text == document.text
        document.to_json().encode("utf-8")


def finishes(target: object, seconds: float = 20.0) -> list[object]:
    """``list(target)`` in a thread, asserting it ends within ``seconds`` (a FIFO must not block)."""
    found: list[object] = []
    thread = threading.Thread(target=lambda: found.extend(target), daemon=True)  # type: ignore[call-overload]
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "reading blocked"
    return found


def test_a_fifo_named_as_input_fails_in_one_line_and_the_files_before_it_are_written(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [failure] = finishes(read_path(str(fifo)))
    assert isinstance(failure, Failure) and failure.reason == f"{fifo}: not a regular file (a FIFO); name a file " \
                                                              "or a directory"
    article = tmp_path / "a.txt"
    article.write_text("Envoys meet\n\nGondor met Arnor in Osgiliath on Monday.\n")
    result = cli("extract", "--format", "jsonl", str(article), str(fifo), str(tmp_path / "pipe.jsonl"))
    assert result.exit_code == 1 and len(printed_documents(result.stdout)) == 1
    assert result.stderr.splitlines()[0] == f"newsgraph: error: {failure.reason}"


def test_a_fifo_inside_a_folder_is_reported_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "a.txt").write_text("Gondor met Arnor in Osgiliath on Monday.\n")
    article, failure = finishes(read_path(str(tmp_path)))
    assert isinstance(article, RawDocument) and isinstance(failure, Failure) and "a FIFO" in failure.reason


def test_an_unreadable_subfolder_is_reported_not_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Gondor met Arnor in Osgiliath on Monday.\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Arnor met Gondor.\n")
    locked.chmod(0)
    if os.geteuid() == 0:  # root lists any folder: refuse this one as the file system would
        listing = os.scandir

        def scandir(path: object) -> object:
            if Path(str(path)) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return listing(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        items = list(read_path(str(tmp_path)))
    finally:
        locked.chmod(0o755)
    failures = [i for i in items if isinstance(i, Failure)]
    assert [i.origin for i in items if isinstance(i, RawDocument)] == [str(tmp_path / "ok" / "a.txt")]
    assert [f.reason for f in failures] == [f"{locked}: cannot list folder (Permission denied)"]
