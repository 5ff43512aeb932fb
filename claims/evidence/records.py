"""Evidence records: one per claim figure of a collection, for `check_evidence --json` and
`--jsonl` (documented in docs/data-format.md, "Evidence records").

A record carries the suggested outcome and reason (claims/evidence/matching.py), the best
evidence (document id, title and kind, locator, quote, surface and value) and, where a
reviewer decided, the stored decision (Evidence), which then is the record's `outcome`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypedDict

from django.db.models import QuerySet

from articles.models import Collection
from claims.evidence.matching import Match
from claims.evidence.reading import Locator
from claims.evidence.suggestions import claim_matches, collection_matches
from claims.models import Claim, Evidence, EvidenceDocument

FORMAT = "claimdesk-evidence/1"


class DecisionRecord(TypedDict):
    """A reviewer's stored decision (Evidence) on one claim figure."""

    outcome: str
    document_figure_id: int | None
    reason: str
    decided_by: str | None
    decided_at: str


class DocumentRecord(TypedDict):
    title: str
    kind: str
    source_url: str


class FoundRecord(TypedDict):
    """The best evidence: a document figure, where it is and the passage it was read from."""

    document_id: int
    document: DocumentRecord | None
    figure_id: int
    surface: str
    value: float
    locator: Locator
    quote: str


class EvidenceRecord(TypedDict):
    format: str
    claim_id: int
    figure_id: int
    surface: str
    counted: str
    outcome: str
    suggested: str
    reason: str
    #: [low, high]; an open bound is null
    bounds: list[float | None] | None
    evidence: FoundRecord | None
    decision: DecisionRecord | None


def _decisions(evidence: QuerySet[Evidence]) -> dict[tuple[int, int], DecisionRecord]:
    rows = evidence.values_list(
        "claim_id",
        "figure_id",
        "outcome",
        "document_figure_id",
        "reason",
        "decided_by__username",
        "decided_at",
    )
    return {
        (claim_id, figure_id): {
            "outcome": outcome,
            "document_figure_id": document_figure_id,
            "reason": reason,
            "decided_by": username,
            "decided_at": decided_at.isoformat(),
        }
        for claim_id, figure_id, outcome, document_figure_id, reason, username, decided_at in rows
    }


def match_record(
    match: Match,
    decided: dict[tuple[int, int], DecisionRecord],
    documents: dict[int, DocumentRecord],
) -> EvidenceRecord:
    figure, best = match.figure, match.best
    decision = decided.get((figure.claim_id, figure.figure_id))
    return {
        "format": FORMAT,
        "claim_id": figure.claim_id,
        "figure_id": figure.figure_id,
        "surface": figure.surface,
        "counted": figure.counted,
        "outcome": decision["outcome"] if decision else match.outcome,
        "suggested": match.outcome,
        "reason": match.reason,
        # JSON has no infinity: an open upper bound ("more than") is null.
        "bounds": None
        if match.bounds is None
        else [b if abs(b) != float("inf") else None for b in match.bounds],
        "evidence": None
        if best is None
        else {
            "document_id": best.document_id,
            "document": documents.get(best.document_id),
            "figure_id": best.pk,
            "surface": best.surface,
            "value": best.value,
            "locator": best.locator,
            "quote": best.quote,
        },
        "decision": decision,
    }


def _records(
    matches: list[Match], decided: dict[tuple[int, int], DecisionRecord], collection: Collection
) -> Iterator[EvidenceRecord]:
    documents: dict[int, DocumentRecord] = {
        pk: {"title": title, "kind": kind, "source_url": url}
        for pk, title, kind, url in EvidenceDocument.objects.filter(
            collection=collection
        ).values_list("pk", "title", "kind", "source_url")
    }
    for match in matches:
        yield match_record(match, decided, documents)


def evidence_records(collection: Collection) -> Iterator[EvidenceRecord]:
    """A record per claim figure of `collection`, in article and text order."""
    decided = _decisions(Evidence.objects.filter(claim__article__collection=collection))
    yield from _records(collection_matches(collection), decided, collection)


def claim_records(claim: Claim) -> list[EvidenceRecord]:
    """The records of one claim's figures (the API's /claims/{id}/evidence)."""
    decided = _decisions(Evidence.objects.filter(claim=claim))
    return list(_records(claim_matches(claim), decided, claim.article.collection))
