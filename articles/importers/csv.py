"""CSV (.csv): one article per row under a header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.conf import settings

from articles.importers.base import ImportFailure, Parsed, article_from_fields, decode_utf8


def parse_csv(data: bytes, name: str) -> Iterator[Parsed]:
    """One article per row, under a header row that names a `text` column."""
    text = decode_utf8(data, name)
    # Article texts are longer than the csv module's default cell limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), settings.CLAIMDESK_MAX_ARTICLE_CHARS * 4))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader, [])]
        if not any(header):
            raise ImportFailure(name, "the file holds no articles.")
        if "text" not in header:
            raise ImportFailure(name, "the header row has no 'text' column.", 1, "text")
        duplicated = sorted({c for c in header if header.count(c) > 1})
        if duplicated:
            raise ImportFailure(name, f"the header repeats {', '.join(duplicated)}.", 1)
        start = reader.line_num + 1
        found = False
        for row in reader:
            number, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            found = True
            if len(row) != len(header):
                yield ImportFailure(
                    name, f"has {len(row)} cells; the header has {len(header)}.", number
                )
                continue
            try:
                yield article_from_fields(dict(zip(header, row, strict=True)), name, number)
            except ImportFailure as failure:
                yield failure
    except csv.Error as exc:
        raise ImportFailure(name, f"not readable as CSV: {exc}.", reader.line_num) from None
    if not found:
        raise ImportFailure(name, "the file holds no articles.")
