"""Evidence in the `claimdesk/2` JSONL export (claims/evidence/, issue 19): `evidence_document`
records (a collection's primary document: its text, its figures with their locators, the
claims it is attached to) and `evidence` records (a reviewer's decision on one claim figure:
the document figure, its locator and quote, the outcome). Loaded back by
claims/exports/evidence_load.py. Documented in docs/data-format.md.

Records of a group of articles (claims/exports/jsonl.py, a RecordProducer): the decisions on
the group's claims, after them; and each document once, in the group of its *home* article:
the lowest-id article holding a claim that a decision or an attachment ties to it, or, for a
document nothing ties to a claim, its collection's lowest-id article. An export that leaves
the home article out (a status filter) leaves the document out too; the loader then reuses
one with the same SHA-256 in the target collection, or lists the decision as not carried.
A fixed number of queries per group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

import orjson
from django.db.models import Min
from django.urls import reverse

from articles.models import Article
from claims.evidence.matching import describe_locator
from claims.evidence.verdict import FigureOutcome, describe_outcome
from claims.exports.common import FORMAT_VERSION, decimal_text
from claims.exports.dataset import READING_FIELDS
from claims.models import Evidence, EvidenceDocument, EvidenceFigure
from core.types import JSONObject

if TYPE_CHECKING:
    from claims.exports.jsonl import DatasetBatch

DOCUMENT_FIELDS = (
    "title",
    "kind",
    "source_url",
    "sha256",
    "size",
    "language",
    "pages",
    "status",
    "error",
    "text",
)
FIGURE_FIELDS = ("position", "locator", "surface", *READING_FIELDS, "quote")


class EvidenceDocumentRecord(TypedDict):
    format: str
    type: str
    id: int
    document: dict[str, object]  # DOCUMENT_FIELDS
    attached_claim_ids: list[int]
    document_figures: list[dict[str, object]]  # FIGURE_FIELDS, the locator as a JSON string


class EvidenceRecord(TypedDict):
    format: str
    type: str
    claim_id: int
    figure_id: int
    document_id: int | None
    document_figure_position: int | None
    outcome: str
    reason: str
    evidence_surface: str | None
    evidence_locator: str | None
    evidence_quote: str | None
    decided_by: str | None
    decided_at: str


# An Evidence row as EvidenceRecords reads it: the claim, the figure, the document figure's
# document, position, surface, locator and quote (None without a document figure), who
# decided and when.
EvidenceRow = tuple[
    int,
    int,
    int | None,
    int | None,
    str,
    str,
    str | None,
    JSONObject | None,
    str | None,
    str | None,
    datetime,
]


def _locator(value: JSONObject) -> str:
    """A locator as a JSON string: its keys differ by kind (page and line, sheet and cell),
    which loaders that infer one schema from the first rows (Hugging Face datasets) refuse."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def evidence_document_template() -> JSONObject:
    return {
        "document": {
            "title": "evidence_document: the document's title.",
            "kind": "evidence_document: pdf, html, docx, csv, xlsx or text.",
            "source_url": "evidence_document: where it was published or fetched, or empty.",
            "sha256": "evidence_document: SHA-256 of the file's bytes.",
            "size": 0,
            "language": "evidence_document: BCP 47 code of its text, or empty.",
            "pages": 0,
            "status": "evidence_document: ready or failed.",
            "error": "evidence_document: why it failed, or empty.",
            "text": "evidence_document: the extracted text, NFC, pages separated by a form feed.",
        },
        "attached_claim_ids": [0],
        "document_figures": [
            {
                "position": 0,
                "locator": "A JSON object as a string: page, line, start, end for running "
                "text; page or sheet, table, row, column, row_header, column_header for a cell.",
                "surface": "The figure as the document writes it.",
                "value": "Normalised value as a decimal string, or null.",
                "lower": "Lower bound as a decimal string, or null.",
                "upper": "Upper bound as a decimal string, or null.",
                "qualifier": "exact, approx, more_than, ... (as a figure's).",
                "unit": "percent, an ISO 4217 code, year, or empty.",
                "counted": "What is counted (a cell's: its headers), or empty.",
                "quote": "The passage or table row the figure was read from.",
            }
        ],
    }


def evidence_template() -> JSONObject:
    return {
        "claim_id": 0,
        "figure_id": 0,
        "document_id": 0,
        "document_figure_position": 0,
        "outcome": "evidence: supported, contradicted or not_found.",
        "reason": "evidence: the reviewer's (or the suggestion's) one-line reason.",
        "evidence_surface": "evidence: the document figure as written, or null.",
        "evidence_locator": "evidence: the document figure's locator (a JSON string), or null.",
        "evidence_quote": "evidence: the passage or table row, or null.",
        "decided_by": "evidence: username of the reviewer who decided it, or null.",
        "decided_at": "evidence: when it was decided (ISO 8601).",
    }


def evidence_record(row: EvidenceRow) -> EvidenceRecord:
    (claim_id, figure_id, document_id, position, outcome, reason) = row[:6]
    (surface, locator, quote, decided_by, decided_at) = row[6:]
    return {
        "format": FORMAT_VERSION,
        "type": "evidence",
        "claim_id": claim_id,
        "figure_id": figure_id,
        "document_id": document_id,
        "document_figure_position": position,
        "outcome": outcome,
        "reason": reason,
        "evidence_surface": surface,
        "evidence_locator": None if locator is None else _locator(locator),
        "evidence_quote": quote,
        "decided_by": decided_by,
        "decided_at": decided_at.isoformat(),
    }


def document_records(document_ids: set[int]) -> Iterator[EvidenceDocumentRecord]:
    """The `evidence_document` records of these documents, in id order. Three queries."""
    if not document_ids:
        return
    figures: dict[int, list[dict[str, object]]] = defaultdict(list)
    for document_id, *values in (
        EvidenceFigure.objects.filter(document_id__in=document_ids)
        .order_by("document_id", "position")
        .values_list("document_id", *FIGURE_FIELDS)
        .iterator(chunk_size=2000)
    ):
        figure = dict(zip(FIGURE_FIELDS, values, strict=True))
        figure["locator"] = _locator(figure["locator"])
        for name in ("value", "lower", "upper"):
            figure[name] = decimal_text(figure[name])
        figures[document_id].append(figure)
    attached: dict[int, list[int]] = defaultdict(list)
    for claim_id, document_id in (
        EvidenceDocument.claims.through.objects.filter(evidencedocument_id__in=document_ids)
        .order_by("claim_id")
        .values_list("claim_id", "evidencedocument_id")
    ):
        attached[document_id].append(claim_id)
    for pk, *values in (
        EvidenceDocument.objects.filter(pk__in=document_ids)
        .order_by("pk")
        .values_list("pk", *DOCUMENT_FIELDS)
    ):
        yield {
            "format": FORMAT_VERSION,
            "type": "evidence_document",
            "id": pk,
            "document": dict(zip(DOCUMENT_FIELDS, values, strict=True)),
            "attached_claim_ids": attached.get(pk, []),
            "document_figures": figures.get(pk, []),
        }


def _homes(article_ids: list[int], collection_slugs: set[str]) -> set[int]:
    """The documents whose home article (module docstring) is one of these articles (of the
    collections `collection_slugs`). One query when those collections hold no document."""
    documents = EvidenceDocument.objects.filter(collection__slug__in=collection_slugs)
    in_collections = list(documents.values_list("pk", "collection_id"))
    if not in_collections:
        return set()
    collections = {collection_id for _, collection_id in in_collections}
    home: dict[int, int] = {}
    for document_id, article_id in (
        Evidence.objects.filter(document_figure__document__in=documents)
        .values_list("document_figure__document_id")
        .annotate(first=Min("claim__article_id"))
        .order_by()
    ):
        home[document_id] = article_id
    for document_id, article_id in (
        EvidenceDocument.claims.through.objects.filter(evidencedocument__in=documents)
        .values_list("evidencedocument_id")
        .annotate(first=Min("claim__article_id"))
        .order_by()
    ):
        home[document_id] = min(article_id, home.get(document_id, article_id))
    first_article = dict(
        Article.objects.filter(collection_id__in=collections)
        .values_list("collection_id")
        .annotate(first=Min("pk"))
        .order_by()
    )
    wanted = set(article_ids)
    return {
        pk
        for pk, collection_id in in_collections
        if home.get(pk, first_article.get(collection_id)) in wanted
    }


class EvidenceRecords:
    """`evidence_document` and `evidence` records (a RecordProducer of jsonl.py)."""

    type = "evidence"
    reads_json_batches = True  # reads only the batch's claim ids and articles

    def template(self) -> JSONObject:
        return {**evidence_document_template(), **evidence_template()}

    def records(self, batch: DatasetBatch) -> Iterator[EvidenceDocumentRecord | EvidenceRecord]:
        articles = batch.group.articles
        if not articles:
            return
        article_ids = [article.id for article in articles]
        yield from document_records(_homes(article_ids, {a.collection_slug for a in articles}))
        claim_ids = {row.id for row in batch.claims}
        if not claim_ids:
            return
        # The decisions on the group's articles by article id range (an index range, not a
        # parameter per claim), those on claims the export leaves out dropped here.
        rows = (
            Evidence.objects.filter(
                claim__article_id__gte=min(article_ids), claim__article_id__lte=max(article_ids)
            )
            .order_by("claim__article_id", "claim_id", "figure__start", "figure_id")
            .values_list(
                "claim_id",
                "figure_id",
                "document_figure__document_id",
                "document_figure__position",
                "outcome",
                "reason",
                "document_figure__surface",
                "document_figure__locator",
                "document_figure__quote",
                "decided_by__username",
                "decided_at",
            )
        )
        for row in rows:
            if row[0] in claim_ids:
                yield evidence_record(row)


# --- Decisions for the flat and linked-data exports (CSV, ClaimReview, Web Annotation) --------


@dataclass(frozen=True)
class DecidedEvidence:
    """A reviewer's decision on one figure of a claim, as the exports show it."""

    pk: int
    claim_id: int
    figure_id: int
    figure_surface: str
    outcome: str
    reason: str
    document_id: int | None
    document_title: str
    document_url: str
    surface: str
    locator: JSONObject
    quote: str

    @property
    def where(self) -> str:
        if self.document_id is None:
            return ""
        return (
            f"{self.document_title} (document {self.document_id}), {describe_locator(self.locator)}"
        )

    @property
    def described(self) -> str:
        """'1.4 million: supported by 1,396,000 (Statement (document 3), page 1, line 2)'."""
        return describe_outcome(
            FigureOutcome(self.figure_surface, self.outcome, self.surface, self.where, decided=True)
        )


def decided_evidence(claim_ids: list[int]) -> dict[int, list[DecidedEvidence]]:
    """The decisions on these claims' figures, by claim, in text order. One query."""
    found: dict[int, list[DecidedEvidence]] = defaultdict(list)
    if not claim_ids:
        return found
    rows = (
        Evidence.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "figure__start", "figure_id")
        .values_list(
            "pk",
            "claim_id",
            "figure_id",
            "figure__surface",
            "outcome",
            "reason",
            "document_figure__document_id",
            "document_figure__document__title",
            "document_figure__document__source_url",
            "document_figure__surface",
            "document_figure__locator",
            "document_figure__quote",
        )
    )
    for pk, claim_id, figure_id, figure_surface, outcome, reason, *document in rows:
        document_id, title, url, surface, locator, quote = document
        found[claim_id].append(
            DecidedEvidence(
                pk,
                claim_id,
                figure_id,
                figure_surface,
                outcome,
                reason,
                document_id,
                title or "",
                url or "",
                surface or "",
                locator or {},
                quote or "",
            )
        )
    return found


def evidence_cell(decisions: list[DecidedEvidence]) -> str:
    """The CSV's `evidence` cell of a claim: each decided figure in words, joined by `; `."""
    return "; ".join(d.described for d in decisions)


def document_page(base_url: str, document_id: int) -> str:
    return base_url.rstrip("/") + reverse("claims:evidence_document", args=[document_id])


def claimreview_evidence(
    decisions: list[DecidedEvidence], *, base_url: str
) -> tuple[list[dict[str, str]], str]:
    """The documents a review rests on (its `citation` and `isBasedOn`: each a CreativeWork
    with its Claimdesk page, and where it was published as `sameAs`) and the rating's
    explanation naming each decided figure."""
    cited: dict[int, dict[str, str]] = {}
    for d in decisions:
        if d.document_id is not None and d.document_id not in cited:
            work: dict[str, str] = {
                "@type": "CreativeWork",
                "name": d.document_title,
                "url": document_page(base_url, d.document_id),
            }
            if d.document_url:
                work["sameAs"] = d.document_url
            cited[d.document_id] = work
    explanation = "; ".join(d.described for d in decisions) + "." if decisions else ""
    return list(cited.values()), explanation
