"""What a reviewer does with a finding: accept it (the suggested link is made, and a draft
claim for a figure that has none), dismiss it, or reopen it (`finding_decide`,
`finding_reopen`). The one part of the consistency checks that writes claims and links.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Collection
from claims.alignments.store import is_translation_key, translation_finding
from claims.consistency.records import (
    SUGGESTED_RELATION,
    FigureRecord,
    SuggestedLink,
    parse_finding_key,
)
from claims.consistency.reports import load_claims_and_links, load_figures, no_links
from claims.consistency.rules import check_key
from claims.detection.sentences import Segmentation
from claims.models import Claim, ClaimLink, Figure, FindingDecision, SourceMention
from core.locking import bump_version


class DecisionError(Exception):
    """Why a finding could not be accepted, in words for the reviewer."""


def finding_decide(*, collection: Collection, key: str, decision: str, by: User | None) -> FindingDecision:
    """Record a reviewer's decision on a finding; accepting creates the suggested link.

    Accepting a pair finding links the claims holding its two figures (later -> earlier for
    repeats and contradictions, part -> whole for parts). A figure with no claim gets one: a
    draft claim spanning its sentence, sourced from the attribution found in that sentence,
    created by the reviewer, as the annotation guidelines would have it. When both figures
    sit in the same claim no link is possible; the finding is still marked accepted.
    Dismissing stores the decision only. Either can be undone with `finding_reopen`.
    """
    parsed = parse_finding_key(key)
    if parsed is None:
        raise DecisionError("This is not a finding Claimdesk knows how to read.")
    kind, figure_ids = parsed
    if decision not in (FindingDecision.Decision.ACCEPTED, FindingDecision.Decision.DISMISSED):
        raise DecisionError("A finding is either accepted or dismissed.")
    if is_translation_key(key):
        return _decide_translation(collection=collection, key=key, decision=decision, by=by)

    # Every figure of the articles involved: a figure's context depends on its neighbours.
    articles = Figure.objects.filter(pk__in=figure_ids, article__collection=collection)
    figures = load_figures({"article__in": articles.values("article_id")})
    if len({f.id for f in figures} & set(figure_ids)) != len(figure_ids):
        raise DecisionError("Some figures of this finding are gone or were rejected.")
    with transaction.atomic():
        link: ClaimLink | None = None
        note = ""
        if decision == FindingDecision.Decision.ACCEPTED:
            if kind not in SUGGESTED_RELATION:
                raise DecisionError("There is no link to accept for this finding; dismiss it.")
            # The articles' claims, as the report read them: the same link is suggested.
            claims, _ = load_claims_and_links(
                {"article__in": articles.values("article_id")}, no_links()
            )
            found = check_key(key, figures, claims)
            if found is None:
                raise DecisionError("This finding no longer holds: the figures have changed.")
            if found.suggested_link is None:
                raise DecisionError(
                    "One claim holds both figures, so there is no link to make: dismiss the "
                    "finding, or split the claim first."
                )
            link, note = _accept(found.suggested_link, figures, by=by, key=key)
        return _record(collection, key, kind, decision, by, link, note)


def _record(
    collection: Collection,
    key: str,
    kind: str,
    decision: str,
    by: User | None,
    link: ClaimLink | None,
    note: str,
) -> FindingDecision:
    decided, _ = FindingDecision.objects.update_or_create(
        key=key,
        defaults={
            "collection": collection,
            "kind": kind,
            "decision": decision,
            "decided_by": by,
            "decided_at": timezone.now(),
            "link": link,
            "note": note,
        },
    )
    return decided


def _decide_translation(
    *, collection: Collection, key: str, decision: str, by: User | None
) -> FindingDecision:
    """A translation finding (issue 18): read from the stored alignment of a translation and
    its original, which may sit in another collection (one of its figures must be in this
    one); accepting links the translation's claim to the original's, as for a pair finding."""
    found = translation_finding(key)
    if found is None:
        raise DecisionError("This finding no longer holds: the alignment has changed.")
    figures = load_figures({"pk__in": found.figure_ids})
    if not any(f.article_id in _articles_in(collection, found.article_ids) for f in figures):
        raise DecisionError("This finding is not about an article of this collection.")
    with transaction.atomic():
        link: ClaimLink | None = None
        note = ""
        if decision == FindingDecision.Decision.ACCEPTED:
            if found.suggested_link is None:
                raise DecisionError("There is no link to accept for this finding; dismiss it.")
            link, note = _accept(found.suggested_link, figures, by=by, key=key)
        return _record(collection, key, found.kind, decision, by, link, note)


def _articles_in(collection: Collection, article_ids: Sequence[int]) -> set[int]:
    return set(
        Article.objects.filter(pk__in=article_ids, collection=collection).values_list(
            "pk", flat=True
        )
    )


def _accept(
    suggested: SuggestedLink, figures: Sequence[FigureRecord], *, by: User | None, key: str
) -> tuple[ClaimLink | None, str]:
    by_id = {f.id: f for f in figures}
    source = _claim_for_figure(suggested.from_claim_id, by_id[suggested.from_figure_id], by, key)
    target = _claim_for_figure(suggested.to_claim_id, by_id[suggested.to_figure_id], by, key)
    if source.pk == target.pk:
        return None, "Both figures are in the same claim, so no link was made."
    link, _ = ClaimLink.objects.get_or_create(
        from_claim=source,
        to_claim=target,
        relation=suggested.relation,
        defaults={"created_by": by, "note": f"Accepted consistency finding {key}."},
    )
    return link, ""


def _claim_for_figure(claim_id: int | None, figure: FigureRecord, by: User | None, key: str) -> Claim:
    """The figure's claim; else an existing claim whose span holds it (the figure is
    attached); else a new draft claim spanning the figure's sentence."""
    if claim_id is not None:
        claim = Claim.objects.get(pk=claim_id)
        if not claim.figures.filter(pk=figure.id).exists():
            # A claim whose span holds the figure, as suggested: the figure is attached.
            claim.figures.add(figure.id)
            # Added to the version in the database: a bump landing meanwhile is kept.
            bump_version(claim)
        return claim
    holding = (
        Claim.objects.filter(
            article_id=figure.article_id, start__lte=figure.start, end__gte=figure.end
        )
        .order_by("end", "-start", "pk")
        .first()
    )
    if holding is not None:
        holding.figures.add(figure.id)
        bump_version(holding)
        return holding
    text = Article.objects.values_list("text", flat=True).get(pk=figure.article_id)
    start, end = next(
        ((s, e) for s, e in Segmentation.of(text).sentences if s <= figure.start < e),
        (figure.start, figure.end),
    )
    end = max(end, figure.end)
    mention = (
        SourceMention.objects.filter(
            article_id=figure.article_id,
            sentence_start__lte=figure.start,
            sentence_end__gte=figure.end,
            source__isnull=False,
        )
        .order_by("start")
        .first()
    )
    claim = Claim(
        article_id=figure.article_id,
        start=start,
        end=end,
        quote=text[start:end],
        source_id=mention.source_id if mention else None,
        created_by=by,
        note=f"Created to accept consistency finding {key}.",
    )
    claim.full_clean(exclude=["figures", "tags"])
    claim.save()
    claim.figures.add(figure.id)
    return claim


def finding_reopen(*, collection: Collection, key: str) -> int:
    """Forget the decision on a finding (the link an acceptance made stays). Returns 0 or 1."""
    deleted, _ = FindingDecision.objects.filter(collection=collection, key=key).delete()
    return deleted
