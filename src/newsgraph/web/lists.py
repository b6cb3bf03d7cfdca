"""List pages: facets over their rows (type, country, month) and the same rows as a CSV download."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from starlette.responses import Response

Row = dict[str, Any]
#: Characters a spreadsheet reads as the start of a formula: such cells are written with a leading apostrophe.
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def facets(rows: list[Row], *, most: int = 12) -> dict[str, list[tuple[str, int]]]:
    """How many rows have each event type, each actor country (either side, counted once per row) and each
    month: the ``most`` commonest of each, months in calendar order."""
    types = Counter(r["type"] for r in rows if r.get("type"))
    countries = Counter(c for r in rows for c in {r.get("source_country"), r.get("target_country")} if c)
    months = Counter((r.get("date") or "undated")[:7] for r in rows)
    return {"type": types.most_common(most), "country": countries.most_common(most),
            "month": sorted(months.most_common(most), key=lambda m: (m[0] == "undated", m[0]))}


def cell(value: Any) -> Any:
    """A value as a spreadsheet should read it: lists and objects as JSON, formula-like text made inert."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value


def csv_text(rows: list[Row]) -> str:
    """The rows as CSV, one column per key in the order first seen."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(v) for k, v in row.items()})
    return out.getvalue()


def csv_response(rows: list[Row], name: str) -> Response:
    """A CSV download of ``rows`` named ``name``.csv."""
    return Response(csv_text(rows), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}.csv"'})
