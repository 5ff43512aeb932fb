"""Reading pages of `articles`: the list of collections.

A collection's page (its articles with progress), the workspace and the queues count figures
and claims: they are in claims/workspace/. Login is enforced for all pages by
LoginRequiredMiddleware.
"""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.models import Collection
from core.permissions import VIEW_ARTICLE


def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_ARTICLE):
        # Logged in but given no role yet: nothing to list, and a word on why.
        return render(request, "articles/index.html", {"collections": [], "no_role": True})
    collections = Collection.objects.annotate(article_count=Count("articles"))
    return render(request, "articles/index.html", {"collections": collections})
