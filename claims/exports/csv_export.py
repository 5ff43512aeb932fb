"""CSV for spreadsheets: one row per figure of each claim, flat columns.

A claim without figures still gets one row (its figure columns empty), so every claim is
there. Tags and links are joined into one cell each. Text cells that a spreadsheet would
run as a formula (starting with =, +, -, @, tab or carriage return) get a leading
apostrophe, as OWASP advises for CSV that is opened in Excel: articles come from the web.
The jsonl export is the lossless one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet

from claims.exports.common import DEFAULT_CHUNK_SIZE, ClaimRow, iter_batches
from claims.models import Claim

CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
BOM = "\ufeff"

COLUMNS = [
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "article_outlet",
    "article_published_on",
    "claim_start",
    "claim_end",
    "quote",
    "source",
    "source_kind",
    "via",
    "via_kind",
    "attribution",
    "status",
    "verdict",
    "tags",
    "links",
    "note",
    "figure_id",
    "figure_start",
    "figure_end",
    "surface",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "counted",
    "figure_state",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def claim_rows(claim: ClaimRow) -> list[list[object]]:
    article = claim.article
    shared: list[object] = [
        claim.id,
        article.id,
        safe_cell(article.title),
        safe_cell(article.url),
        safe_cell(article.outlet),
        article.published_on.isoformat() if article.published_on else "",
        claim.start,
        claim.end,
        safe_cell(claim.quote),
        safe_cell(claim.source.name) if claim.source else "",
        claim.source.kind if claim.source else "",
        safe_cell(claim.via.name) if claim.via else "",
        claim.via.kind if claim.via else "",
        claim.attribution,
        claim.status,
        claim.verdict,
        "; ".join(t.slug for t in claim.tags),
        "; ".join(f"{link.relation}:{link.target}" for link in claim.links),
        safe_cell(claim.note),
    ]
    if not claim.figures:
        return [shared + [""] * 11]
    return [
        [
            *shared,
            f.id,
            f.start,
            f.end,
            safe_cell(f.surface),
            f.value or "",
            f.lower or "",
            f.upper or "",
            f.qualifier,
            f.unit,
            safe_cell(f.counted),
            f.state,
        ]
        for f in claim.figures
    ]


def export_csv(
    claims: QuerySet[Claim], *, bom: bool = False, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Iterator[str]:
    """The CSV as text chunks: the header row, then one chunk per batch of claims.

    `bom` starts the file with a UTF-8 byte order mark, which Excel needs to read UTF-8.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield (BOM if bom else "") + buffer.getvalue()
    for batch in iter_batches(claims, chunk_size=chunk_size):
        buffer.seek(0)
        buffer.truncate()
        for claim in batch.claims:
            writer.writerows(claim_rows(claim))
        yield buffer.getvalue()
