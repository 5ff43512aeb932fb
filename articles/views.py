"""Reading pages: the collections, a collection's articles with progress, the workspace.

Every view starts with an access check; login is enforced for all pages by
LoginRequiredMiddleware. Changes made in the workspace go through claims/views.py.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Collection
from articles.workspace import VIEW_ARTICLE, get_article_for_user, workspace_context
from claims.models import Claim, Figure

ARTICLES_PER_PAGE = 50

# The collection list's filters: name -> (label, condition on Article).
PROGRESS_FILTERS: dict[str, tuple[str, Q]] = {
    "to-review": (
        "Figures to review",
        Q(Exists(Figure.objects.filter(article=OuterRef("pk"), state=Figure.State.SUGGESTED))),
    ),
    "no-claims": ("No claims yet", ~Q(Exists(Claim.objects.filter(article=OuterRef("pk"))))),
    "claims-to-review": (
        "Claims to review",
        Q(Exists(Claim.objects.filter(article=OuterRef("pk"), status=Claim.Status.SUBMITTED))),
    ),
}


def _require_reader(request: HttpRequest) -> None:
    if not request.user.has_perm(VIEW_ARTICLE):
        raise Http404("Nothing here.")


def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_ARTICLE):
        # Logged in but given no role yet: nothing to list, and a word on why.
        return render(request, "articles/index.html", {"collections": [], "no_role": True})
    collections = Collection.objects.annotate(article_count=Count("articles"))
    return render(request, "articles/index.html", {"collections": collections})


def collection(request: HttpRequest, slug: str) -> HttpResponse:
    _require_reader(request)
    coll = get_object_or_404(Collection, slug=slug)
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
    progress = request.GET.get("progress", "")
    if progress in PROGRESS_FILTERS:
        articles = articles.filter(PROGRESS_FILTERS[progress][1])
    else:
        progress = ""

    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    # Counts per article in two grouped queries, not one join of figures x claims.
    ids = [a.pk for a in page.object_list]
    figures: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Figure.objects.filter(article_id__in=ids)
        .values("article_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        figures[row["article_id"]][row["state"]] = row["n"]
    claims: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Claim.objects.filter(article_id__in=ids)
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
            "progress_filters": [(k, label) for k, (label, _) in PROGRESS_FILTERS.items()],
            "current": {"status": status, "q": query, "progress": progress},
            "claim_statuses": Claim.Status.choices,
        },
    )


def article(request: HttpRequest, pk: int) -> HttpResponse:
    art = get_article_for_user(request, pk)
    return render(request, "articles/workspace.html", workspace_context(request, art))
