"""schema.org ClaimReview JSON-LD for the claims that have a verdict.

A JSON array of ClaimReview objects, as fact-checkers publish them: what was claimed
(`claimReviewed`, the quote), by whom and where (`itemReviewed`, a Claim whose `author` is
the claim's source and whose `appearance` is the article), and the verdict
(`reviewRating`: `alternateName` is the verdict, `ratingValue` places it on a 1-5 scale).
Claims still `unchecked` are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse

from claims.exports.common import DEFAULT_CHUNK_SIZE, ClaimRow, SourceRow, iter_batches
from claims.exports.evidence import DecidedEvidence, claimreview_evidence, decided_evidence
from claims.models import Claim, Source

CONTENT_TYPE = "application/ld+json; charset=utf-8"
EXTENSION = "jsonld"

BEST_RATING = 5
WORST_RATING = 1
# The verdict on a 1 (false) to 5 (true) scale; `alternateName` carries the verdict itself.
# Disputed and unverifiable claims are neither shown true nor false: the middle.
RATING_VALUES: dict[str, int] = {
    Claim.Verdict.INACCURATE: 1,
    Claim.Verdict.MISLEADING: 2,
    Claim.Verdict.DISPUTED: 3,
    Claim.Verdict.UNVERIFIABLE: 3,
    Claim.Verdict.ACCURATE: 5,
}
VERDICT_NAMES = dict(Claim.Verdict.choices)
PERSON_KINDS = {Source.Kind.PERSON}


def _agent(source: SourceRow) -> dict[str, str]:
    kind = "Person" if source.kind in PERSON_KINDS else "Organization"
    return {"@type": kind, "name": source.name}


def claim_review(
    claim: ClaimRow,
    *,
    base_url: str,
    publisher: str,
    evidence: list[DecidedEvidence] | None = None,
) -> dict[str, object]:
    article = claim.article
    page = base_url.rstrip("/") + reverse("articles:article", args=[article.id])
    appearance: dict[str, object] = {
        "@type": "CreativeWork",
        "url": article.url or page,
        "headline": article.title,
    }
    if article.published_on:
        appearance["datePublished"] = article.published_on.isoformat()
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    item: dict[str, object] = {"@type": "Claim", "appearance": appearance}
    if claim.source is not None:
        item["author"] = _agent(claim.source)
    if article.published_on:
        item["datePublished"] = article.published_on.isoformat()
    reviewed = claim.reviewed_at or claim.updated_at
    assert reviewed is not None, "read the claims with_times=True"
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page}#claim-{claim.id}",
        "claimReviewed": claim.quote,
        "datePublished": reviewed.date().isoformat(),
        "author": {"@type": "Organization", "name": publisher, "url": base_url},
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[claim.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": VERDICT_NAMES[claim.verdict],
        },
    }
    if evidence:  # issue 19: the documents the review rests on, and why, figure by figure
        cited, explanation = claimreview_evidence(evidence, base_url=base_url)
        if cited:
            review["citation"] = cited
            review["isBasedOn"] = cited
        rating = review["reviewRating"]
        assert isinstance(rating, dict)
        rating["ratingExplanation"] = explanation
    return review


def export_claimreview(
    claims: QuerySet[Claim],
    *,
    base_url: str,
    publisher: str = "Claimdesk",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[str]:
    """A JSON array of ClaimReview objects, as text chunks."""
    reviewed = claims.exclude(verdict=Claim.Verdict.UNCHECKED)
    yield "["
    first = True
    for batch in iter_batches(reviewed, chunk_size=chunk_size, with_times=True):
        parts = []
        decided = decided_evidence([claim.id for claim in batch.claims])
        for claim in batch.claims:
            review = claim_review(
                claim, base_url=base_url, publisher=publisher, evidence=decided.get(claim.id)
            )
            text = json.dumps(
                review,
                ensure_ascii=False,
                indent=2,
            )
            parts.append(("\n" if first else ",\n") + text)
            first = False
        yield "".join(parts)
    yield "\n]\n"
