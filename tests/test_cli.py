"""The command line, driven through click's runner and checked through the JSON it prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

ARTICLE = """Envoys meet in Osgiliath

Gondor's Foreign Minister Elena Varga met Arnor's envoy in Osgiliath on Tuesday.
"""


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    return f


def test_extract_json_prints_one_document(article: Path) -> None:
    code, out, _ = run("extract", "--format", "json", "--published", "2026-03-04", str(article))
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "newsgraph.document/1"
    assert doc["published"] == "2026-03-04" and doc["title"] == "Envoys meet in Osgiliath"
    assert any(a["name"] == "Elena Varga" for a in doc["actors"])


def test_extract_reads_stdin(article: Path) -> None:
    code, out, _ = run("extract", "-", stdin=ARTICLE)
    assert code == 0 and json.loads(out)["title"] == "Envoys meet in Osgiliath"


def test_jsonl_output_keeps_ids_and_counts_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "one", "text": ARTICLE}) + "\n{broken\n" +
                 json.dumps({"id": "three", "text": "A second story.\nThe council met."}) + "\n", encoding="utf-8")
    code, out, err = run("extract", "--format", "jsonl", str(f))
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["one", "three"]
    assert f"{f}:2: malformed JSON" in err and "1 input(s) failed" in err


def test_output_file(article: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "out.json"
    code, out, _ = run("extract", "-o", str(out_file), str(article))
    assert code == 0 and out == "" and json.loads(out_file.read_text())["actors"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "empty input"),
    ("binary.bin", b"\x00\x01\x02\x03", "binary file"),
    ("latin1.txt", b"caf\xe9\n", "not valid UTF-8"),
    ("page.html", b"<html><body><nav>Home</nav></body></html>", "no main text"),
])
def test_bad_input_is_one_line_and_non_zero(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    f = tmp_path / name
    if content is not None:
        f.write_bytes(content)
    code, out, err = run("extract", str(f))
    assert code == 1 and out == ""
    lines = [line for line in err.strip().splitlines() if line != "newsgraph: loading the spaCy model"]
    assert message in lines[0] and "Traceback" not in err and len(lines) == 2


def test_a_bad_input_does_not_lose_the_good_one(article: Path, tmp_path: Path) -> None:
    code, out, _ = run("extract", "--format", "jsonl", str(tmp_path / "nope.txt"), str(article))
    assert code == 1 and len(out.splitlines()) == 1


def test_huge_text_is_refused_clearly(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    f.write_text("Title\n" + ("The council met again. " * 40 + "\n\n") * 5_500, encoding="utf-8")
    assert f.stat().st_size > 5_000_000
    code, _, err = run("extract", str(f))
    assert code == 1 and "over the 2000000-character limit" in err and "Traceback" not in err


def test_bad_published_date_is_a_usage_error(article: Path) -> None:
    code, _, err = run("extract", "--published", "someday", str(article))
    assert code == 2 and "not a date" in err
