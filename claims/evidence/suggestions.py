"""The suggested evidence of every claim figure, stored per article (`StoredMatches`) and
matched again when what it was read from changes, as consistency findings are
(claims/consistency/store.py): the article's figures, claims or claim figures (the database
triggers bump its `StoredFindings.version`), the collection's documents, their figures or the
claims they are attached to (`documents_key`), or the matching code (`ENGINE`).

Nothing runs in a signal: a read finds what is out of date and matches it again (all the stale
articles of the read at once, with one `EvidenceIndex`), and attaching a document calls
`refresh_collection` explicitly (the command, the API, the background jobs, the demo). A current
read is a fixed number of queries whatever the number of documents: the versions, the
documents' key, the stored matches, the claim figures, and the document figures they name (by
primary key).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict

from django.db.models import Count, Max, Sum

from articles.models import Article, Collection
from claims.consistency.store import engine_of
from claims.evidence import (
    candidates,
    concepts,
    domain_concepts,
    matching,
    reading,
    scoring,
    statistics_concepts,
)
from claims.evidence.matching import (
    CANDIDATE_COLUMNS,
    Candidate,
    ClaimFigure,
    EvidenceIndex,
    Match,
    candidate_from_row,
    claim_figures,
)
from claims.models import Claim, EvidenceDocument, EvidenceFigure, StoredFindings, StoredMatches

# The code matches are computed by: a change to it matches every article again.
ENGINE = engine_of(
    [
        Path(m.__file__ or "")
        for m in (
            matching,
            candidates,
            scoring,
            reading,
            concepts,
            domain_concepts,
            statistics_concepts,
        )
    ]
    + [Path(__file__)]
)


def documents_key(collection_id: int) -> str:
    """A digest of what matching reads of a collection's documents: the ready documents, a
    summary of their figures (an edit in the back-office changes it), and which claims they
    are attached to. Three queries."""
    ready = EvidenceDocument.objects.filter(
        collection_id=collection_id, status=EvidenceDocument.Status.READY
    )
    documents = list(ready.order_by("pk").values_list("pk", flat=True))
    figures = EvidenceFigure.objects.filter(document__in=ready).aggregate(
        n=Count("pk"), top=Max("pk"), values=Sum("value"), lower=Sum("lower"), upper=Sum("upper")
    )
    attached = list(
        EvidenceDocument.claims.through.objects.filter(evidencedocument__in=ready)
        .order_by("claim_id", "evidencedocument_id")
        .values_list("claim_id", "evidencedocument_id")
    )
    summary = repr((documents, sorted(figures.items()), attached)).encode()
    return hashlib.sha256(summary).hexdigest()


class StoredMatch(TypedDict):
    """A match as StoredMatches.matches holds it: the figure, the outcome, and the ranked
    candidates by primary key."""

    claim: int
    figure: int
    outcome: str
    reason: str
    #: [low, high]; JSON has no infinity: an open bound is null
    bounds: list[float | None] | None
    best: int | None
    score: float
    #: [score, candidate pk], best first
    ranked: list[tuple[float, int]]


def _stored(match: Match) -> StoredMatch:
    bounds = None
    if match.bounds is not None:  # JSON has no infinity: an open bound is null
        bounds = [b if math.isfinite(b) else None for b in match.bounds]
    return {
        "claim": match.figure.claim_id,
        "figure": match.figure.figure_id,
        "outcome": match.outcome,
        "reason": match.reason,
        "bounds": bounds,
        "best": match.best.pk if match.best else None,
        "score": match.score,
        "ranked": [(score, candidate.pk) for score, candidate in match.ranked],
    }


def _loaded(data: StoredMatch, figure: ClaimFigure, candidates: dict[int, Candidate]) -> Match:
    bounds = None
    if data["bounds"] is not None:
        low, high = data["bounds"]
        bounds = (-math.inf if low is None else low, math.inf if high is None else high)
    return Match(
        figure,
        data["outcome"],
        data["reason"],
        bounds,
        candidates.get(data["best"]) if data["best"] is not None else None,
        data["score"],
        [(score, candidates[pk]) for score, pk in data["ranked"] if pk in candidates],
    )


def article_matches(collection: Collection, article_ids: Iterable[int] | None) -> list[Match]:
    """The suggested evidence of every figure of the claims of these articles of `collection`
    (None: all of them; superseded claims left out), in article and text order: stored ones
    where current, the rest matched again and stored."""
    if article_ids is None:
        ids = set(Article.objects.filter(collection=collection).values_list("pk", flat=True))
        within: dict[str, object] = {"article__collection": collection}
    else:
        ids = set(article_ids)
        within = {"article_id__in": ids}
    if not ids:
        return []
    # Versions first, everything else after: a change committed in between leaves the stored
    # version behind, and the next read matches again.
    versions = dict(StoredFindings.objects.filter(**within).values_list("article_id", "version"))
    key = documents_key(collection.pk)
    stored = {
        article_id: matches
        for article_id, computed, documents, engine, matches in StoredMatches.objects.filter(
            **within
        ).values_list("article_id", "computed_version", "documents_key", "engine", "matches")
        if computed == versions.get(article_id, 0) and documents == key and engine == ENGINE
    }
    figures = claim_figures(collection, articles=None if article_ids is None else ids)
    article_of = dict(Claim.objects.filter(**within).values_list("pk", "article_id"))
    by_key = {
        (data["claim"], data["figure"]): data for matches in stored.values() for data in matches
    }
    stale = {article_of[f.claim_id] for f in figures if (f.claim_id, f.figure_id) not in by_key}
    stale |= ids - set(stored)
    fresh: dict[tuple[int, int], Match] = {}
    if stale:
        fresh = _match_again(collection, stale, figures, article_of, versions, key)
    wanted = {
        pk
        for k, data in by_key.items()
        if k not in fresh
        for pk in [data["best"], *(pk for _, pk in data["ranked"])]
        if pk is not None
    }
    candidates = (
        {
            row[0]: candidate_from_row(*row)
            for row in EvidenceFigure.objects.filter(pk__in=wanted).values_list(*CANDIDATE_COLUMNS)
        }
        if wanted
        else {}
    )
    return [
        fresh.get((f.claim_id, f.figure_id))
        or _loaded(by_key[(f.claim_id, f.figure_id)], f, candidates)
        for f in figures
    ]


def _match_again(
    collection: Collection,
    stale: set[int],
    figures: list[ClaimFigure],
    article_of: dict[int, int],
    versions: dict[int, int],
    key: str,
) -> dict[tuple[int, int], Match]:
    index = EvidenceIndex.for_collection(collection)
    by_article: dict[int, list[Match]] = {article_id: [] for article_id in stale}
    for figure in figures:
        article_id = article_of[figure.claim_id]
        if article_id in stale:
            by_article[article_id].append(index.match(figure))
    StoredMatches.objects.bulk_create(
        [
            StoredMatches(
                article_id=article_id,
                computed_version=versions.get(article_id, 0),
                documents_key=key,
                engine=ENGINE,
                matches=[_stored(m) for m in matches],
            )
            for article_id, matches in by_article.items()
        ],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["computed_version", "documents_key", "engine", "matches", "computed_at"],
        batch_size=500,
    )
    return {
        (m.figure.claim_id, m.figure.figure_id): m
        for matches in by_article.values()
        for m in matches
    }


def collection_matches(collection: Collection) -> list[Match]:
    """Every claim figure of the collection (check_evidence, the exports), as stored."""
    return article_matches(collection, None)


def claim_matches(claim: Claim) -> list[Match]:
    """The figures of one claim (its evidence page). A superseded claim, left out of the
    stored matches, is matched directly."""
    collection = claim.article.collection
    if claim.superseded_by_id is not None:
        index = EvidenceIndex.for_collection(collection)
        return [index.match(f) for f in claim_figures(claim=claim)]
    return [
        m for m in article_matches(collection, {claim.article_id}) if m.figure.claim_id == claim.pk
    ]


def refresh_collection(collection: Collection) -> int:
    """Match again now, and store, every article of the collection whose stored matches are
    out of date (called after a document is attached); the number of claim figures read."""
    return len(collection_matches(collection))
