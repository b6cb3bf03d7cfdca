"""The annotated texts the event learners read: PLV sentences, PLOVER gold standard records and articles
annotated to the project's guidelines, and the labelled examples made from them."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The old name of CONCEDE/RETREAT in PLV.
YIELD = {"CONCEDE", "RETREAT"}
#: Old PLOVER category names in the gold standard records.
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass
class Example:
    """One proposed event: its features, whether it is right, and the text it came from."""

    features: list[str]
    label: int
    group: str
    index: int = 0


@dataclass
class Item:
    """One annotated text: a sentence with its event's types, or an article with its gold."""

    ident: str
    text: str
    types: set[str] = field(default_factory=set)
    published: str | None = None
    gold: dict[str, Any] | None = None
    #: The phrases marked as the event's source and target (PLV).
    sides: tuple[str, str] | None = None


def plv_items(path: Path) -> list[Item]:
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t")
    out = []
    for r in rows:
        root = r["gold_root"].strip().upper()
        out.append(Item(f"p{r['sentence_id']}", r["sentence"], YIELD if root == "YIELD" else {root},
                        sides=(r.get("source") or "", r.get("target") or "")))
    return out


def gsr_items(path: Path) -> list[Item]:
    out = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        kind = r.get("event")
        if kind and kind != "DOCUMENT":
            out.append(Item(str(r["id"]), r["text"], {OLD_TYPES.get(kind, kind)}))
    return out


def article_items(gold_dir: Path) -> list[Item]:
    out = []
    for folder in sorted(p for p in gold_dir.iterdir() if (p / "gold.json").is_file()):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        text = (folder / gold.get("file", "article.txt")).read_text(encoding="utf-8")
        out.append(Item(folder.name, text, published=gold.get("published") if gold.get("published_given") else None,
                        gold=gold))
    return out
