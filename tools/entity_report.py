"""Cross-document identity on a store: the entities with most articles and their aliases, and what breaks it.

    python tools/entity_report.py [--db PATH] [--top N] [CORPUS.jsonl]

Without ``--db`` it ingests the corpus (default ../shared/corpus/wikinews.jsonl) into a temporary SQLite
store first. Prints the ``--top`` entities (20) with most articles, each with kind, country and aliases,
then the identity problems ``store.identity.problems`` finds (a pronoun among an entity's aliases, a news
outlet stored as a person, two person entities sharing a full name without evidenced different countries).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from newsgraph import store as st
from newsgraph.actors.passes import news_outlets
from newsgraph.store import identity

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p / "shared" / "corpus" / "wikinews.jsonl" for p in ROOT.parents
               if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared" / "corpus" / "wikinews.jsonl")


def build(store: st.Store, corpus: Path) -> None:
    from newsgraph.pipeline import Pipeline
    from newsgraph.readers import read_inputs

    print(f"newsgraph: {st.ingest(store, read_inputs([str(corpus)]), Pipeline()).summary()}")


def report(store: st.Store, top: int) -> int:
    for row in identity.top_entities(store, top):
        print(f"{row['articles']:4d}  {row['name']} ({row['kind']}, {row['country'] or '-'}): "
              f"{'; '.join(row['aliases'])}")
    problems = identity.problems(store, news_outlets())
    for problem in problems:
        print(f"problem: {problem}")
    print(f"{len(problems)} identity problems")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--db", help="an existing store (SQLite file or postgresql:// URL)")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = st.connect(args.db or Path(tmp) / "corpus.db")
        try:
            if not args.db:
                build(store, args.corpus)
            return report(store, args.top)
        finally:
            store.close()


if __name__ == "__main__":
    raise SystemExit(main())
