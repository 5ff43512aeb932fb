"""JSON Lines (.jsonl, .ndjson): one article per line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from articles.importers.base import ImportFailure, Parsed, article_from_fields, decode_utf8
from articles.limits import NestedTooDeeply, loads


def parse_jsonl(data: bytes, name: str) -> Iterator[Parsed]:
    """One article per line: a JSON object with `text` and optional fields."""
    text = decode_utf8(data, name)
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        try:
            record = loads(line)
        except NestedTooDeeply as exc:
            yield ImportFailure(name, str(exc), number)
            continue
        except json.JSONDecodeError as exc:
            yield ImportFailure(name, f"not valid JSON: {exc.msg} (column {exc.colno}).", number)
            continue
        if not isinstance(record, dict):
            yield ImportFailure(name, "each line must be a JSON object.", number)
            continue
        if isinstance(record.get("format"), str) and record["format"].startswith("claimdesk/"):
            raise ImportFailure(
                name,
                "this is a Claimdesk dataset export; load it with "
                "`manage.py import_dataset`, which keeps its claims and figures.",
                number,
            )
        try:
            yield article_from_fields(record, name, number)
        except ImportFailure as failure:
            yield failure
    if not found:
        raise ImportFailure(name, "the file holds no articles.")
