"""Reading pages: the collections, a collection's articles, one article.

Every view starts with an access check; login is enforced for all pages by
LoginRequiredMiddleware.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Collection


def index(request: HttpRequest) -> HttpResponse:
    collections = Collection.objects.annotate(article_count=Count("articles"))
    return render(request, "articles/index.html", {"collections": collections})


def collection(request: HttpRequest, slug: str) -> HttpResponse:
    coll = get_object_or_404(Collection, slug=slug)
    articles = coll.articles.annotate(
        figure_count=Count("figures", distinct=True),
        confirmed_count=Count("figures", filter=Q(figures__state="confirmed"), distinct=True),
        claim_count=Count("claims", distinct=True),
    ).only("pk", "title", "outlet", "published_on", "status", "collection_id")
    return render(request, "articles/collection.html", {"collection": coll, "articles": articles})


def article(request: HttpRequest, pk: int) -> HttpResponse:
    art = get_object_or_404(Article.objects.select_related("collection"), pk=pk)
    figures = art.figures.all()  # type: ignore[attr-defined]
    claims = art.claims.select_related("source", "via")  # type: ignore[attr-defined]
    return render(
        request,
        "articles/article.html",
        {"article": art, "figures": figures, "claims": claims},
    )
