"""Evidence records: one per claim figure of a collection, for `check_evidence --json` and
`--jsonl` (documented in docs/data-format.md, "Evidence records").

A record carries the suggested outcome and reason (claims/evidence/matching.py), the best
evidence (document id, title and kind, locator, quote, surface and value) and, where a
reviewer decided, the stored decision (Evidence), which then is the record's `outcome`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from articles.models import Collection
from claims.evidence.matching import Match
from claims.evidence.suggestions import claim_matches, collection_matches
from claims.models import Claim, Evidence, EvidenceDocument

FORMAT = "claimdesk-evidence/1"


def _decisions(evidence: QuerySet[Evidence]) -> dict[tuple[int, int], dict[str, Any]]:
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
    decided: dict[tuple[int, int], dict[str, Any]],
    documents: dict[int, dict[str, Any]],
) -> dict[str, Any]:
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
        "bounds": None if match.bounds is None else list(match.bounds),
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
    matches: list[Match], decided: dict[tuple[int, int], dict[str, Any]], collection: Collection
) -> Iterator[dict[str, Any]]:
    documents = {
        pk: {"title": title, "kind": kind, "source_url": url}
        for pk, title, kind, url in EvidenceDocument.objects.filter(
            collection=collection
        ).values_list("pk", "title", "kind", "source_url")
    }
    for match in matches:
        record = match_record(match, decided, documents)
        # JSON has no infinity: an open upper bound ("more than") is null.
        if record["bounds"]:
            record["bounds"] = [b if abs(b) != float("inf") else None for b in record["bounds"]]
        yield record


def evidence_records(collection: Collection) -> Iterator[dict[str, Any]]:
    """A record per claim figure of `collection`, in article and text order."""
    decided = _decisions(Evidence.objects.filter(claim__article__collection=collection))
    yield from _records(collection_matches(collection), decided, collection)


def claim_records(claim: Claim) -> list[dict[str, Any]]:
    """The records of one claim's figures (the API's /claims/{id}/evidence)."""
    decided = _decisions(Evidence.objects.filter(claim=claim))
    return list(_records(claim_matches(claim), decided, claim.article.collection))
