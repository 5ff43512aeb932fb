"""The tagged dataset in its four formats, streamed (claims/exports/ writes them)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from articles.models import Collection
from claims.api.common import require, responses
from claims.api.schemas import ClaimStatus
from claims.blind import without_blind_articles
from claims.exports import FORMATS, export_bytes, export_claims

router = Router(tags=["exports"])

FormatName = Literal["jsonl", "csv", "spans", "claimreview", "webannotation"]


class ExportFilters(Schema):
    collection: str | None = Field(
        None, pattern=r"^[-a-zA-Z0-9_]+$", max_length=100, description="Slug (default: all)."
    )
    status: ClaimStatus | None = Field(None, description="Only claims with this status.")
    bom: bool = Field(False, description="csv: start with a byte order mark, for Excel.")


DOCUMENTED_BODIES = {
    "application/x-ndjson": {"schema": {"type": "string"}},
    "text/csv": {"schema": {"type": "string"}},
    "application/ld+json": {"schema": {"type": ["array", "object"]}},
}


@router.get(
    "/exports/{format}",
    response=responses(200, None, 404),
    openapi_extra={
        "responses": {
            200: {
                "description": (
                    "jsonl: one JSON record a line (claimdesk/2, see docs/data-format.md); "
                    "csv: one row per figure; spans: text and labelled spans for model "
                    "training; claimreview: a JSON-LD array of schema.org "
                    "ClaimReview; webannotation: a W3C AnnotationCollection."
                ),
                "content": DOCUMENTED_BODIES,
            }
        }
    },
)
def export_dataset(
    request: HttpRequest, format: FormatName, filters: Query[ExportFilters]
) -> StreamingHttpResponse:
    """The claims (filtered by collection and status) in `format`, streamed as it is
    written: memory stays flat whatever the size."""
    user = require(request, "claims.view_claim")
    collection = None
    if filters.collection:
        collection = Collection.objects.filter(slug=filters.collection).first()
        if collection is None:
            raise HttpError(404, f"There is no collection with slug {filters.collection!r}.")
    chosen = FORMATS[format]
    label = f"Claimdesk: {collection.name}" if collection else "Claimdesk: all collections"
    chunks = export_bytes(
        format,
        without_blind_articles(export_claims(collection=collection, status=filters.status), user),
        base_url=request.build_absolute_uri("/").rstrip("/"),
        bom=filters.bom,
        label=label,
    )
    response = StreamingHttpResponse(chunks, content_type=chosen.content_type)
    name = collection.slug if collection else "claimdesk"
    response["Content-Disposition"] = f'attachment; filename="{name}.{chosen.extension}"'
    return response
