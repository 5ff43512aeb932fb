"""What the annotation workspace shows, and who may see it.

The page is read with a fixed number of queries whatever the number of figures and claims:
the article, its figures, its claims (with source and via), their tags and links (one
prefetch each) and the collection's tags.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import SafeString

from articles.models import Article
from articles.rendering import Span, render_annotated_text
from claims.models import Claim, ClaimLink, Figure, Tag

VIEW_ARTICLE = "articles.view_article"


def get_article_for_user(request: HttpRequest, pk: int) -> Article:
    """The article, or 404 for anyone who may not read articles (outsiders see nothing)."""
    if not request.user.has_perm(VIEW_ARTICLE):
        raise Http404("No such article.")
    return get_object_or_404(Article.objects.select_related("collection"), pk=pk)


def require(request: HttpRequest, perm: str) -> None:
    """403 for a reader who may see the page but not make this change."""
    if not request.user.has_perm(perm):
        raise PermissionDenied(f"You do not have the {perm} permission.")


def number(value: Decimal | None) -> str:
    """67000.0000000000 -> "67,000"; 0.5 -> "0.5"; None -> ""."""
    if value is None:
        return ""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{normal.to_integral_value():,f}"
    return f"{normal:,f}"


# The fields a stale-edit message compares, with the label it names them by.
FIGURE_FIELDS = {
    "start": "start",
    "end": "end",
    "value": "value",
    "lower": "lower bound",
    "upper": "upper bound",
    "qualifier": "qualifier",
    "unit": "unit",
    "counted": "counted",
    "state": "state",
}
CLAIM_FIELDS = {
    "start": "start",
    "end": "end",
    "source": "source",
    "via": "via",
    "attribution": "attribution",
    "tags": "tags",
    "status": "status",
    "verdict": "verdict",
    "rejection_reason": "rejection reason",
    "note": "note",
}


def figure_snapshot(figure: Figure) -> dict[str, str]:
    return {
        "start": str(figure.start),
        "end": str(figure.end),
        "value": number(figure.value),
        "lower": number(figure.lower),
        "upper": number(figure.upper),
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "counted": figure.counted,
        "state": figure.state,
    }


def claim_snapshot(claim: Claim, tags: list[Tag]) -> dict[str, str]:
    return {
        "start": str(claim.start),
        "end": str(claim.end),
        "source": str(claim.source) if claim.source_id else "",
        "via": str(claim.via) if claim.via_id else "",
        "attribution": claim.attribution,
        "tags": ", ".join(sorted(t.name for t in tags)),
        "status": claim.status,
        "verdict": claim.verdict,
        "rejection_reason": claim.rejection_reason,
        "note": claim.note,
    }


def snapshot_json(snapshot: dict[str, str]) -> str:
    return json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))


@dataclass
class FigureRow:
    figure: Figure
    value: str
    lower: str
    upper: str
    seen: str
    edit_url: str


@dataclass
class ClaimRow:
    claim: Claim
    tags: list[Tag]
    links_out: list[ClaimLink]
    links_in: list[ClaimLink]
    seen: str
    edit_url: str
    link_url: str


def _url_pattern(name: str) -> str:
    # reverse() once per page, not once per row: "/figures/0/edit/" -> "/figures/{}/edit/".
    return reverse(name, args=[0]).replace("/0/", "/{}/")


def figure_row(figure: Figure, edit_pattern: str | None = None) -> FigureRow:
    snap = figure_snapshot(figure)
    pattern = edit_pattern or _url_pattern("claims:figure_edit")
    return FigureRow(
        figure,
        snap["value"],
        snap["lower"],
        snap["upper"],
        snapshot_json(snap),
        pattern.format(figure.pk),
    )


def figure_rows(article: Article) -> list[FigureRow]:
    figures = Figure.objects.filter(article=article).only(
        "pk",
        "article_id",
        "start",
        "end",
        "surface",
        "value",
        "lower",
        "upper",
        "qualifier",
        "unit",
        "counted",
        "state",
        "origin",
        "version",
    )
    pattern = _url_pattern("claims:figure_edit")
    return [figure_row(f, pattern) for f in figures]


def claims_queryset(article: Article) -> Any:
    return (
        Claim.objects.filter(article=article)
        .select_related("source", "via")
        .prefetch_related(
            "tags",
            Prefetch(
                "links_out",
                queryset=ClaimLink.objects.select_related("to_claim__article"),
            ),
            Prefetch(
                "links_in",
                queryset=ClaimLink.objects.select_related("from_claim__article"),
            ),
        )
    )


def claim_row(claim: Claim, patterns: tuple[str, str] | None = None) -> ClaimRow:
    edit, link = patterns or (_url_pattern("claims:claim_edit"), _url_pattern("claims:link_new"))
    tags = list(claim.tags.all())
    return ClaimRow(
        claim=claim,
        tags=tags,
        links_out=list(claim.links_out.all()),  # type: ignore[attr-defined]
        links_in=list(claim.links_in.all()),  # type: ignore[attr-defined]
        seen=snapshot_json(claim_snapshot(claim, tags)),
        edit_url=edit.format(claim.pk),
        link_url=link.format(claim.pk),
    )


def claim_rows(article: Article) -> list[ClaimRow]:
    patterns = (_url_pattern("claims:claim_edit"), _url_pattern("claims:link_new"))
    return [claim_row(c, patterns) for c in claims_queryset(article)]


def collection_tags(article: Article) -> list[Tag]:
    return list(
        Tag.objects.filter(Q(collection_id=article.collection_id) | Q(collection__isnull=True))
    )


def render_text(article: Article, figures: list[FigureRow], claims: list[ClaimRow]) -> SafeString:
    spans = [
        Span("figure", r.figure.pk, r.figure.start, r.figure.end, f"figure--{r.figure.state}")
        for r in figures
    ]
    spans += [
        Span("claim", r.claim.pk, r.claim.start, r.claim.end, f"claim--{r.claim.status}")
        for r in claims
    ]
    return render_annotated_text(article.text, spans)


def text_context(article: Article) -> dict[str, Any]:
    """Everything the text and both lists of the side panel need."""
    figures = figure_rows(article)
    claims = claim_rows(article)
    return {
        "article": article,
        "figure_rows": figures,
        "claim_rows": claims,
        "rendered_text": render_text(article, figures, claims),
        "figure_counts": {
            state: sum(1 for r in figures if r.figure.state == state) for state in Figure.State
        },
    }


def workspace_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    user = request.user
    context = text_context(article)
    tags = collection_tags(article)
    context.update(
        {
            "collection": article.collection,
            "tags": tags,
            "keyed_tags": [t for t in tags if t.key],
            "can_change_figures": user.has_perm("claims.change_figure"),
            "can_add_figures": user.has_perm("claims.add_figure"),
            "can_add_claims": user.has_perm("claims.add_claim"),
            "can_change_claims": user.has_perm("claims.change_claim"),
            "can_link": user.has_perm("claims.add_claimlink"),
        }
    )
    return context
