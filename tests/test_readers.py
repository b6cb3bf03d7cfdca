from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.document import Failure
from newsgraph.readers import RawDocument, read_inputs


def docs(items: list) -> list[RawDocument]:
    return [x for x in items if isinstance(x, RawDocument)]


def fails(items: list) -> list[Failure]:
    return [x for x in items if isinstance(x, Failure)]


def test_plain_text_title_is_first_non_empty_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("\n\nHeadline here\n\nBody text.\n", encoding="utf-8")
    [doc] = docs(list(read_inputs([str(f)])))
    assert doc.title == "Headline here"
    assert "Body text." in doc.text


def test_jsonl_records_keep_ids_and_name_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    lines = [json.dumps({"id": "x1", "text": "One.", "published": "2020-01-02"}), "{not json",
             json.dumps({"id": "x3"}), json.dumps(["list"]), json.dumps({"id": 4, "text": "Four.", "title": "T"})]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(f)]))
    assert [d.id for d in docs(items)] == ["x1", "4"]
    assert docs(items)[0].published == "2020-01-02"
    assert docs(items)[1].text.startswith("T\n")
    assert [x.record for x in fails(items)] == ["line 2", "line 3", "line 4"]
    assert ":2: malformed JSON" in fails(items)[0].reason


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty input"),
    (b"   \n\n", "empty input"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"caf\xe9 au lait", "not valid UTF-8"),
])
def test_bad_files_become_failures(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    [failure] = fails(list(read_inputs([str(f)])))
    assert message in failure.reason


def test_missing_file_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    [failure] = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(failure, Failure) and "no such file" in failure.reason


def test_directory_is_read_recursively_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("A title\nA body.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("B title\nB body.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    assert sorted(d.title or "" for d in docs(list(read_inputs([str(tmp_path)])))) == ["A title", "B title"]


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(["The minister of Arnor met the envoy of Gondor on Monday to discuss the border."] * 8)
    page = (f"<html><head><title>Envoys meet</title><meta property='article:published_time' "
            f"content='2021-03-04'></head><body><nav>Home | World</nav><article><h1>Envoys meet</h1>"
            f"<p>{body}</p><p>{body}</p></article><footer>Copyright</footer></body></html>")
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    [doc] = docs(list(read_inputs([str(f)])))
    assert doc.title == "Envoys meet"
    assert "minister of Arnor" in doc.text and "Copyright" not in doc.text
    assert doc.published == "2021-03-04"


def test_html_with_no_main_text_is_a_failure(tmp_path: Path) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    [failure] = list(read_inputs([str(f)]))
    assert isinstance(failure, Failure) and "no main text" in failure.reason
