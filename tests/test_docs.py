"""Docs that tests keep honest: every command is documented in the README and has working --help, and
the README's two set-up commands are the ones .ci/run runs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme_with_help(command: str) -> None:
    assert f"newsgraph {command}" in README
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_readme_opens_with_the_two_setup_commands() -> None:
    blocks = [line.strip() for line in README.splitlines() if line.startswith("    python3 -m venv")]
    assert len(blocks) >= 2
    assert blocks[0].endswith("newsgraph extract --format jsonl examples/")
    assert blocks[1].endswith("-m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pip install" in ci and ".venv/bin/python -m pytest" in ci


def test_every_data_file_is_read_by_the_package() -> None:
    data = ROOT / "src" / "newsgraph" / "data"
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "newsgraph").rglob("*.py"))
    unused = [f.name for f in data.iterdir() if f.suffix in (".tsv", ".txt") and f.stem not in code
              and f.name not in code]
    assert unused == []
