"""The tagged dataset in four formats, one module each, all streaming.

`export(format, claims, ...)` gives the chosen format as an iterator of text chunks; the
export page, `manage.py export_dataset` and the JSON API all go through it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from claims.exports import claimreview, csv_export, jsonl, webannotation
from claims.exports.common import FORMAT_VERSION, export_claims
from claims.models import Claim

__all__ = ["FORMATS", "FORMAT_VERSION", "ExportFormat", "export", "export_claims"]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    content_type: str
    extension: str


FORMATS = {
    f.name: f
    for f in [
        ExportFormat("jsonl", "JSON Lines (claimdesk/1, lossless)", jsonl.CONTENT_TYPE, "jsonl"),
        ExportFormat("csv", "CSV, one row per figure", csv_export.CONTENT_TYPE, "csv"),
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


def export(
    format: str,
    claims: QuerySet[Claim],
    *,
    base_url: str = "http://localhost:8000",
    bom: bool = False,
    label: str = "Claimdesk claims and figures",
    findings: bool = True,
) -> Iterator[str]:
    """`claims` in `format` as text chunks. `bom` is for CSV; `base_url` (the site's root)
    for the formats that write absolute URLs (claimreview, webannotation); `findings=False`
    leaves the consistency findings out of JSONL (recomputing them is most of its cost)."""
    if format == "jsonl":
        producers = None if findings else [jsonl.ArticleAndClaimRecords()]
        return jsonl.export_jsonl(claims, producers=producers)
    if format == "csv":
        return csv_export.export_csv(claims, bom=bom)
    if format == "claimreview":
        return claimreview.export_claimreview(claims, base_url=base_url)
    if format == "webannotation":
        return webannotation.export_webannotation(claims, base_url=base_url, label=label)
    raise ValueError(f"Unknown export format {format!r}; choose one of {', '.join(FORMATS)}.")
