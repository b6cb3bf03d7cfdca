"""Rebuild src/newsgraph/data/people.tsv from the PETRARCH2 actor dictionaries (MIT, see NOTICE).

Facts only: a person's name (two words or more, with its spelling variants) and the state and sector
of the latest office the dictionary records for them. Used to code a person's country when the text
does not say it. Run by hand when the sources change:
    python tools/build_people.py ../shared/research/petrarch2/Phoenix.Countries.actors.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "people.tsv"
CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*(?:>?(\d{6}))?(?:-(\d{6}))?\]")
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "BUS", "MED", "EDU", "REL", "SPY", "PTY", "CVL"}


def latest(codes: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    if not codes:
        return None
    country, sector, _ = max(codes, key=lambda c: c[2])
    return country, sector if sector in SECTORS else ""


def entries(path: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []

    def flush() -> None:
        found = latest(codes)
        if found:
            for n in names:
                out.setdefault(n, found)

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head = re.match(r"^([A-Z][A-Z_'.-]+?)_*\s*(?:\[.*)?(?:#.*)?$", line)
        if head and not line.startswith(("+", "\t", " ")):
            flush()
            names, codes = [], []
            names.append(head.group(1))
        elif line.startswith("+"):
            names.append(line[1:].strip().rstrip("_"))
        for m in CODE.finditer(line):
            codes.append((m.group(1), m.group(2) or "", m.group(4) or ("999999" if m.group(3) else "000000")))
    flush()
    return {n.replace("_", " ").title(): v for n, v in out.items() if n.count("_") >= 1}


def main() -> None:
    rows = entries(Path(sys.argv[1]))
    OUT.write_text("# name\tiso3\tsector  (facts from PETRARCH2 Phoenix.Countries.actors.txt, MIT)\n" +
                   "".join(f"{n}\t{c}\t{s}\n" for n, (c, s) in sorted(rows.items())), encoding="utf-8")


if __name__ == "__main__":
    main()
