"""Hostile input: property tests over every reader (text, HTML, JSONL, directory, stdin through the CLI) and
over extraction on adversarial Unicode. Invariants: no exception escapes a reader or the pipeline (bad input
becomes a ``ReadError`` or a ``Failure``), every item's offsets lie in the text and slice to its text, and
the record is valid JSON against the document schema (src/newsgraph/schema/document.schema.json).

tests/test_invariants.py covers plain random text and news-like noise through ``Pipeline.run``; this module
covers the readers, the CLI and the hostile shapes. ``NEWSGRAPH_FUZZ_SCALE=10`` multiplies every example
count for a longer run; the coverage-guided run is fuzz/fuzz_extract.py (atheris).
"""

from __future__ import annotations

import gzip
import json
import os
import string
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from newsgraph.cli import main
from newsgraph.document import Document, Failure
from newsgraph.pipeline import Pipeline
from newsgraph.readers import RawDocument, ReadError, read_path, read_text
from newsgraph.readers.html import html_document
from newsgraph.readers.jsonl import jsonl_documents
from tests.test_invariants import check as check_invariants

SCALE = int(os.environ.get("NEWSGRAPH_FUZZ_SCALE", "1"))
SCHEMA = json.loads((resources.files("newsgraph") / "schema" / "document.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)

#: Characters that break naive text handling: controls, bidi marks, zero-width joiners, BOM, odd spaces and
#: line separators, lone surrogates, every kind of quotation mark.
HOSTILE = ("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\r\t\n\u200b\u200c\u200d\u2060\ufeff\u00ad"
           "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00a0\u3000\ud800\udbff\udc00\udfff"
           "\"'“”‘’«»„‚‹›「」『』`´")
WORDS = ["Gondor", "Arnor's", "minister", "Elena", "Varga", "said", "met", "accused", "on", "Tuesday", "$3bn",
         "12", "people", "the", "of", "in", "Osgiliath", ".", ",", ":", "—", "(", ")"]
# No <title>: its content is text by HTML's rules (RCDATA), so markup generated inside it is literal text
# that a reader rightly keeps, and "no alert(1) in the text" would not hold.
TAGS = ["div", "p", "span", "article", "main", "b", "a", "table", "td", "script", "style", "h1", "iframe",
        "noscript", "svg", "template"]
ATTRS = ["", ' class="story"', ' onmouseover="alert(1)"', ' href="javascript:alert(1)"', " x=", ' style="a:b"']
ENTITIES = ["&amp;", "&lt;script&gt;", "&#0;", "&#x110000;", "&nbsp;", "&bogus;", "<!--", "-->", "<![CDATA[x]]>",
            "<", ">", "&#xD800;", "&quot;", "<br/>", "<?xml?>", "<!DOCTYPE html>"]


def fuzz(n: int) -> Any:
    """Hypothesis settings for ``n`` examples (times NEWSGRAPH_FUZZ_SCALE), no deadline."""
    return settings(max_examples=n * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


hostile_text = st.text(alphabet=st.one_of(st.sampled_from(HOSTILE), st.characters(codec=None),
                                          st.sampled_from(string.ascii_letters + " .")), max_size=300)
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(HOSTILE)), max_size=60).map(" ".join)
html_tree = st.recursive(
    st.one_of(news_text, st.sampled_from(ENTITIES)),
    lambda inner: st.builds(lambda tag, attrs, kids: f"<{tag}{attrs}>{''.join(kids)}</{tag}>",
                            st.sampled_from(TAGS), st.sampled_from(ATTRS), st.lists(inner, max_size=4)),
    max_leaves=25)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
#: Records with the right keys and any types: the JSONL reader's main enemy.
jsonl_record = st.fixed_dictionaries({}, optional={k: json_value | news_text for k in
                                                  ("text", "id", "title", "url", "published", "outlet")})
jsonl_line = st.one_of(jsonl_record.map(json.dumps), json_value.map(json.dumps), hostile_text.map(
    lambda t: t.replace("\n", " ")), st.just(""), st.just('{"text": "unterminated'))


def valid_record(document: Document) -> None:
    """The invariants of tests/test_invariants.py, and the record validates against the document schema."""
    check_invariants(document)
    VALIDATOR.validate(json.loads(document.to_json()))


def well_formed(items: list[RawDocument | Failure]) -> list[RawDocument | Failure]:
    """Every item a raw document with text, or a failure with a one-line reason."""
    for item in items:
        if isinstance(item, RawDocument):
            assert isinstance(item.text, str) and item.text.strip()
        else:
            assert isinstance(item, Failure) and item.reason and "\n" not in item.reason.strip()
    return items


def read_file(data: bytes, name: str) -> list[RawDocument | Failure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = well_formed(list(read_path(str(path))))
    assert items
    return items


def cli(*args: str, stdin: bytes | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), input=stdin)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, (result.exception, result.output[-500:])
    assert result.exit_code in (0, 1), result.output[-500:]
    return result


def printed_documents(output: str) -> list[dict[str, Any]]:
    if not output.strip():
        return []
    data = json.loads(output)
    return list(data.get("documents", [data]))


# ---------------------------------------------------------------- readers


@fuzz(300)
@given(hostile_text)
def test_plain_text_reader_takes_any_text_or_refuses_it(text: str) -> None:
    try:
        raw = read_text(text)
    except ReadError:
        assert not text.strip()
        return
    assert raw.text == text and (raw.title or "").strip() == raw.title


@fuzz(150)
@given(html_tree)
def test_html_reader_takes_any_markup_or_refuses_it(html: str) -> None:
    try:
        raw = html_document(f"<html><body>{html}</body></html>", "page.html")
    except ReadError as e:
        assert str(e).startswith("page.html: ")
        return
    assert raw.text.strip() and "alert(1)" not in raw.text


@fuzz(200)
@given(st.lists(jsonl_line, max_size=12))
def test_jsonl_reader_gives_one_item_per_non_blank_line(lines: list[str]) -> None:
    items = well_formed(list(jsonl_documents("\n".join(lines), "feed.jsonl")))
    assert len(items) == sum(1 for line in lines if line.strip())


@fuzz(200)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.ndjson", "a", "a.gz"]))
def test_any_bytes_in_any_file_read_or_fail_clearly(data: bytes, name: str) -> None:
    read_file(data, name)


@fuzz(100)
@given(st.lists(jsonl_line, max_size=8), st.sampled_from([b"", b"\xef\xbb\xbf"]), st.sampled_from([b"\n", b"\r\n"]))
def test_jsonl_files_with_any_records_line_ends_and_bom(lines: list[str], bom: bytes, end: bytes) -> None:
    data = bom + end.join(line.encode("utf-8", "surrogatepass") for line in lines)
    items = read_file(data, "feed.jsonl")
    if b"\x00" in data:
        assert len(items) == 1 and isinstance(items[0], Failure) and "binary file" in items[0].reason
    else:
        assert len(items) == max(1, sum(1 for line in lines if line.strip()))


@fuzz(60)
@given(st.dictionaries(st.text(alphabet=string.ascii_lowercase + "._- ", min_size=1, max_size=12)
                       .filter(lambda n: n not in (".", "..")), st.binary(max_size=200), min_size=1, max_size=6))
def test_a_directory_of_hostile_files_reads_or_fails_per_file(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        items = well_formed(list(read_path(folder)))
    visible = [n for n in files if not n.startswith(".")]
    assert len(items) >= max(1, len(visible))


@fuzz(40)
@given(st.one_of(hostile_text, news_text, html_tree, st.lists(jsonl_line, max_size=4).map("\n".join))
       .map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=200))
def test_stdin_through_the_cli_prints_valid_documents_or_one_line_errors(data: bytes) -> None:
    result = cli("extract", "-", stdin=data)
    for document in printed_documents(result.stdout):
        VALIDATOR.validate(document)
        valid_record(Document.from_dict(document))
    assert all(line.startswith("newsgraph: ") for line in result.stderr.splitlines())
    assert (result.exit_code == 0) == ("error:" not in result.stderr)


# ---------------------------------------------------------------- extraction


@fuzz(60)
@given(hostile_text)
def test_extraction_of_hostile_unicode_gives_valid_records(pipeline: Pipeline, text: str) -> None:
    try:
        document = pipeline.run(read_text(text))
    except ReadError:
        return
    valid_record(document)


@fuzz(40)
@given(html_tree)
def test_extraction_of_hostile_html_gives_valid_records(pipeline: Pipeline, html: str) -> None:
    try:
        document = pipeline.run(html_document(f"<html><body><article>{html}</article></body></html>", "p.html"))
    except ReadError:
        return
    valid_record(document)


SHAPES = {
    "control characters": "Envoys meet\n\n" + "".join(map(chr, range(32))) + " Gondor\x7f met\x85 Arnor.\x1b[31m",
    "bidi marks": "Envoys meet\n\n\u202eGondor\u202c met \u200fArnor\u200e on Monday, \u2066officials\u2069 said.",
    "zero-width joiners": "Envoys meet\n\nGon\u200ddor met Ar\u200cnor. 👨‍👩‍👧 \u200b\u2060 \"We agree,\" Varga said.",
    "lone surrogates": "Envoys meet\n\nGondor \ud800 met Arnor \udfff. \"We \ud83d agree,\" Elena Varga said.",
    "10,000 straight quotation marks": "Envoys meet\n\n" + '"' * 10_000,
    "10,000 spaced quotation marks": "Envoys meet\n\nVarga said " + '" ' * 10_000,
    "2,000 curly quotation marks around words": "Envoys meet\n\nVarga said " + "“Gondor” " * 1_000,
    "one 30,000-character line": "Envoys meet\n\n" + "Gondor met Arnor and said talks went well, " * 700,
    "a 5,000-character word": "Envoys meet\n\nGondor met " + "Arnor" * 1_000 + ". It went well.",
}


@pytest.mark.parametrize("shape", SHAPES)
def test_hostile_shapes_extract_to_valid_records(pipeline: Pipeline, shape: str) -> None:
    valid_record(pipeline.run(read_text(SHAPES[shape])))


PAGES = {
    "scripts and entities": ("<html><head><title>Envoys &amp; allies</title><script>alert('x')</script></head>"
                             "<body><article><p>Gondor&#8217;s minister met Arnor&apos;s envoy &lt;b&gt;today&lt;/b&gt;"
                             " &mdash; talks went well, officials said.</p><script>document.write('no')</script>"
                             "<p onmouseover=\"alert(1)\">A second paragraph follows &#x26; ends &bogus; here.</p>"
                             "</article></body></html>"),
    "5,000 nested divs": "<html><body>" + "<div>" * 5_000 + "Gondor met Arnor and talks went well today." +
                         "</div>" * 5_000 + "</body></html>",
    "5,000 unclosed tags": "<html><body><article>" + "<p><b><i>" * 5_000 + "Gondor met Arnor and talks went well.",
}


@pytest.mark.parametrize("page", PAGES)
def test_hostile_pages_read_and_extract_or_fail_with_one_line(pipeline: Pipeline, page: str) -> None:
    try:
        raw = html_document(PAGES[page], "page.html")
    except ReadError as e:
        assert str(e).startswith("page.html: ") and "\n" not in str(e)
        return
    assert "alert(" not in raw.text and "document.write" not in raw.text
    valid_record(pipeline.run(raw))


def test_scripts_are_dropped_and_entities_decoded() -> None:
    raw = html_document(PAGES["scripts and entities"], "page.html")
    assert "Gondor’s minister met Arnor's envoy <b>today</b> — talks went well" in raw.text
    assert "<script" not in raw.text and "alert(" not in raw.text


WRONG_TYPES = [
    ('{"text": 12}', "record has no non-empty string field 'text'"),
    ('{"text": ["Gondor met Arnor."]}', "record has no non-empty string field 'text'"),
    ('{"text": null, "title": "Gondor"}', "record has no non-empty string field 'text'"),
    ('{"text": {"body": "x"}}', "record has no non-empty string field 'text'"),
    ('{"text": "Gondor met Arnor.", "id": ["r1"]}', "field 'id' must be a string, got list"),
    ('{"text": "Gondor met Arnor.", "title": {"a": 1}}', "field 'title' must be a string, got dict"),
    ('{"text": "Gondor met Arnor.", "published": 1.5}', "field 'published' must be a string, got float"),
    ('["Gondor met Arnor."]', "expected a JSON object, got list"),
    ('"Gondor met Arnor."', "expected a JSON object, got str"),
    ("[" * 100_000, "malformed JSON"),
    ('{"text": "Gondor', "malformed JSON"),
]


@pytest.mark.parametrize(("line", "reason"), WRONG_TYPES)
def test_jsonl_with_wrong_types_fails_that_line_only(line: str, reason: str) -> None:
    good = json.dumps({"id": "r1", "text": "Gondor met Arnor in Osgiliath."})
    first, bad, third = well_formed(list(jsonl_documents("\n".join([good, line, good]), "feed.jsonl")))
    assert isinstance(first, RawDocument) and isinstance(third, RawDocument)
    assert isinstance(bad, Failure) and bad.record == "line 2" and reason in bad.reason


def test_a_two_megabyte_line_is_refused_in_one_line(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("Envoys meet\n\n" + "Gondor met Arnor. " * 120_000, encoding="utf-8")
    assert article.stat().st_size > 2_000_000
    result = cli("extract", str(article))
    assert result.exit_code == 1 and result.stdout == ""
    [error, summary] = [line for line in result.stderr.splitlines() if line != "newsgraph: loading the spaCy model"]
    assert "over the 2000000-character limit" in error and summary == "newsgraph: 1 input(s) failed, 0 extracted"


def test_a_two_megabyte_jsonl_line_streams_through_the_reader(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    body = "Gondor met Arnor. " * 120_000
    feed.write_text(json.dumps({"text": body}) + "\n" + json.dumps({"text": "Arnor met Gondor."}) + "\n")
    first, second = well_formed(list(read_path(str(feed))))
    assert isinstance(first, RawDocument) and first.text == body and isinstance(second, RawDocument)


@pytest.mark.parametrize("name", ["feed.jsonl.gz", "article.txt.gz", "feed.jsonl"])
@pytest.mark.parametrize("cut", [None, 20])
def test_gzip_input_is_refused_clearly_not_decoded(name: str, cut: int | None) -> None:
    """Compressed input is not accepted (decompress it first): whole or truncated, it is refused as binary."""
    data = gzip.compress(json.dumps({"text": "Gondor met Arnor."}).encode() * 50, mtime=0)
    [failure] = read_file(data[:cut], name)
    assert isinstance(failure, Failure) and "binary file" in failure.reason


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_jsonl_records_holding_unicode_line_separators_stay_whole(separator: str) -> None:
    """Only \\n ends a JSON Lines record; JSON written with ensure_ascii=False keeps U+2028 and friends raw."""
    lines = [json.dumps({"text": f"Gondor met Arnor.{separator}Talks went well.", "id": f"r{n}"}, ensure_ascii=False)
             for n in range(2)]
    items = well_formed(list(jsonl_documents("\n".join(lines), "<stdin>")))
    assert [i.id for i in items if isinstance(i, RawDocument)] == ["r0", "r1"]
