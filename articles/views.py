"""Reading pages: the collections, a collection's articles with progress, the workspace.

Every view starts with an access check; login is enforced for all pages by
LoginRequiredMiddleware. Changes made in the workspace go through claims/views.py.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.models import Article, Collection
from articles.workspace import workspace_context
from claims import blind
from claims.models import Claim, Figure
from core.access import get_article_for_user, get_collection_for_user
from core.http import AuthenticatedHttpRequest
from core.permissions import VIEW_ARTICLE

ARTICLES_PER_PAGE = 50

# The collection list's filters: name -> label; `_progress` gives the condition on Article.
PROGRESS_FILTERS: dict[str, str] = {
    "to-review": "Figures to review",
    "no-claims": "No claims yet",
    "claims-to-review": "Claims to review",
}


def _progress(name: str, user: User) -> Q:
    """The filter's condition for `user`: on the articles she annotates blind it looks at her
    claims and at the figures as she reads them, as her workspace does (claims.blind)."""
    claims = blind.visible_claims(Claim.objects.filter(article=OuterRef("pk")), user)
    if name == "no-claims":
        return ~Q(Exists(claims))
    if name == "claims-to-review":
        return Q(Exists(claims.filter(status=Claim.Status.SUBMITTED)))
    figures = blind.visible_figures(Figure.objects.filter(article=OuterRef("pk")), user)
    return Q(Exists(blind.in_state(figures, Figure.State.SUGGESTED, user)))


def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_ARTICLE):
        # Logged in but given no role yet: nothing to list, and a word on why.
        return render(request, "articles/index.html", {"collections": [], "no_role": True})
    collections = Collection.objects.annotate(article_count=Count("articles"))
    return render(request, "articles/index.html", {"collections": collections})


def collection(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    coll = get_collection_for_user(request, slug)
    articles = coll.articles.only(  # type: ignore[attr-defined]
        "pk", "title", "outlet", "published_on", "status", "collection_id"
    )
    status = request.GET.get("status", "")
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    else:
        status = ""
    query = request.GET.get("q", "").strip()
    if query:
        articles = articles.filter(Q(title__icontains=query) | Q(outlet__icontains=query))
    hidden = blind.blind_articles(request.user)
    progress = request.GET.get("progress", "")
    if progress in PROGRESS_FILTERS:
        articles = articles.filter(_progress(progress, request.user))
    else:
        progress = ""

    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    # Counts per article in two grouped queries, not one join of figures x claims.
    ids = [a.pk for a in page.object_list]
    # Blind double annotation: on the articles the reader annotates blind, the figures as she
    # reads them and her claims only (three more queries, whatever the number of articles).
    blind_ids = (
        set() if hidden is None else set(hidden.filter(pk__in=ids).values_list("pk", flat=True))
    )
    figures: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Figure.objects.filter(article_id__in=ids)
        .exclude(article_id__in=blind_ids)
        .values("article_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        figures[row["article_id"]][row["state"]] = row["n"]
    if blind_ids:
        seen = blind.visible_figures(Figure.objects.filter(article_id__in=blind_ids), request.user)
        hers = seen.only("pk", "article_id", "state")
        for figure in blind.read_as_she_reads(hers, request.user, all_blind=True):
            counts = figures[figure.article_id]
            counts[figure.state] = counts.get(figure.state, 0) + 1
    claims: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        blind.visible_claims(Claim.objects.filter(article_id__in=ids), request.user)
        .values("article_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        claims[row["article_id"]][row["status"]] = row["n"]
    rows: list[dict[str, Any]] = []
    for a in page.object_list:
        f = figures[a.pk]
        c = claims[a.pk]
        total = sum(f.values())
        reviewed = f.get(Figure.State.CONFIRMED, 0) + f.get(Figure.State.REJECTED, 0)
        rows.append(
            {
                "article": a,
                "figures": total,
                "suggested": f.get(Figure.State.SUGGESTED, 0),
                "confirmed": f.get(Figure.State.CONFIRMED, 0),
                "rejected": f.get(Figure.State.REJECTED, 0),
                "percent": round(100 * reviewed / total) if total else 0,
                "claims": [(label, c.get(value, 0)) for value, label in Claim.Status.choices],
                "claim_total": sum(c.values()),
            }
        )
    return render(
        request,
        "articles/collection.html",
        {
            "collection": coll,
            "rows": rows,
            "page": page,
            "statuses": Article.Status.choices,
            "progress_filters": list(PROGRESS_FILTERS.items()),
            "current": {"status": status, "q": query, "progress": progress},
            "claim_statuses": Claim.Status.choices,
        },
    )


def article(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    art = get_article_for_user(request, pk)
    return render(request, "articles/workspace.html", workspace_context(request, art))
