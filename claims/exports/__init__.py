"""The tagged dataset in four formats, one module each, all streaming.

`export(format, claims, ...)` gives the chosen format as an iterator of text chunks; the
export page, `manage.py export_dataset` and the JSON API all go through it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import QuerySet

from articles.models import Article
from claims.alignments.store import realign
from claims.consistency.store import refresh_stale, without_storing
from claims.exports import claimreview, csv_export, jsonl, spans, webannotation
from claims.exports.common import FORMAT_VERSION, export_claims
from claims.exports.dataset import DatasetFilters, dataset_articles, dataset_claims, final_claims
from claims.exports.spans import SpanOptions
from claims.models import Claim

__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "DatasetFilters",
    "ExportFormat",
    "Selection",
    "SpanOptions",
    "dataset_articles",
    "dataset_claims",
    "export",
    "export_bytes",
    "export_claims",
    "export_snapshot",
    "selection",
]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    content_type: str
    extension: str


FORMATS = {
    f.name: f
    for f in [
        ExportFormat("jsonl", "JSON Lines (claimdesk/2, lossless)", jsonl.CONTENT_TYPE, "jsonl"),
        ExportFormat("csv", "CSV, one row per figure", csv_export.CONTENT_TYPE, "csv"),
        ExportFormat(
            "spans",
            "Spans for model training (text, labelled spans, train/dev/test split)",
            spans.CONTENT_TYPE,
            spans.EXTENSION,
        ),
        ExportFormat(
            "claimreview",
            "schema.org ClaimReview (claims with a verdict)",
            claimreview.CONTENT_TYPE,
            "claimreview.jsonld",
        ),
        ExportFormat(
            "webannotation",
            "W3C Web Annotation collection",
            webannotation.CONTENT_TYPE,
            "annotations.jsonld",
        ),
    ]
}


@contextmanager
def export_snapshot(
    format: str, claims: QuerySet[Claim], *, findings: bool = True
) -> Iterator[None]:
    """Where a whole export reads: on PostgreSQL one transaction (issue 8: every batch reads the
    same snapshot, and the cursor streams instead of materialising every claim first); on
    SQLite none (a transaction would hold the write lock for the whole export).

    A JSONL export with findings on PostgreSQL first brings its articles' stored findings up
    to date, in autocommit, then reads them without storing anything in the transaction (rows
    written there would stay locked until it ends, and every save on those articles with them).
    """
    if format in ("csv", "webannotation"):
        # Issue 18: the figure alignments these formats carry, brought up to date first.
        realign(claims.order_by().values_list("article_id", flat=True).distinct())
    if connection.vendor != "postgresql":
        yield
        return
    if format == "jsonl" and findings:
        refresh_stale(claims.order_by().values_list("article_id", flat=True).distinct())
    with transaction.atomic(), without_storing():
        yield


def _jsonl_producers(findings: bool) -> list[jsonl.RecordProducer] | None:
    """The JSONL record types: all of them (None), or without the consistency findings."""
    return None if findings else [jsonl.ArticleAndClaimRecords()]


@dataclass(frozen=True)
class Selection:
    """What a whole-dataset export holds besides `claims`: its articles (default: those
    holding an exported claim) and, with an annotator filter, whose judgements."""

    articles: QuerySet[Article] | None = None
    annotator: User | None = None
    spans: SpanOptions | None = None  # the spans format's --by, --split and --seed


def selection(filters: DatasetFilters) -> tuple[QuerySet[Claim], Selection]:
    """The claims and the selection an export with `filters` holds (docs/data-format.md)."""
    claims = dataset_claims(filters)
    return claims, Selection(dataset_articles(filters, claims=claims), filters.annotator)


def export(
    format: str,
    claims: QuerySet[Claim],
    *,
    base_url: str = "http://localhost:8000",
    bom: bool = False,
    label: str = "Claimdesk claims and figures",
    findings: bool = True,
    rows: str = "figures",
    chosen: Selection | None = None,
) -> Iterator[str]:
    """`claims` in `format` as text chunks. `bom` is for CSV; `base_url` (the site's root)
    for the formats that write absolute URLs (claimreview, webannotation); `findings=False`
    leaves the consistency findings out of JSONL (recomputing them is most of its cost);
    `chosen` the articles (JSONL, CSV, spans); `rows` the CSV's rows (figures or claims)."""
    chosen = chosen or Selection()
    if format != "jsonl":  # only claimdesk/2 carries the versions superseded in curation
        claims = final_claims(claims)
    if format == "jsonl":
        return jsonl.export_jsonl(
            claims,
            articles=chosen.articles,
            annotator=chosen.annotator,
            producers=_jsonl_producers(findings),
        )
    if format == "spans":
        return (
            chunk.decode()
            for chunk in spans.export_spans(claims, articles=chosen.articles, options=chosen.spans)
        )
    if format == "csv":
        return csv_export.export_csv(
            claims, bom=bom, articles=chosen.articles, annotator=chosen.annotator, rows=rows
        )
    if format == "claimreview":
        return claimreview.export_claimreview(claims, base_url=base_url)
    if format == "webannotation":
        return webannotation.export_webannotation(claims, base_url=base_url, label=label)
    raise ValueError(f"Unknown export format {format!r}; choose one of {', '.join(FORMATS)}.")


def export_bytes(
    format: str,
    claims: QuerySet[Claim],
    *,
    base_url: str = "http://localhost:8000",
    bom: bool = False,
    label: str = "Claimdesk claims and figures",
    findings: bool = True,
    rows: str = "figures",
    chosen: Selection | None = None,
) -> Iterator[bytes]:
    """`export()` as UTF-8 chunks, for files and HTTP responses. JSONL comes straight from
    orjson's bytes (decoding and encoding 300 MB again would cost a tenth of the export)."""
    if format == "jsonl":
        chosen = chosen or Selection()
        return jsonl.export_jsonl_bytes(
            claims,
            articles=chosen.articles,
            annotator=chosen.annotator,
            producers=_jsonl_producers(findings),
        )
    if format == "spans":
        chosen = chosen or Selection()
        return spans.export_spans(claims, articles=chosen.articles, options=chosen.spans)
    chunks = export(
        format,
        claims,
        base_url=base_url,
        bom=bom,
        label=label,
        findings=findings,
        rows=rows,
        chosen=chosen,
    )
    return (chunk.encode("utf-8") for chunk in chunks)
