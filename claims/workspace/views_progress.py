"""Progress pages: a collection's articles with their figures and claims by state, and each
annotator's queue (her assignments, her claims sent back) and submitting an assignment.

They count figures and claims, so they live with the workspace rather than in `articles`;
their URLs keep their names in the `articles` namespace (config/urls.py). Every view starts
with an access check (404 for outsiders, 403 for a reader without the permission).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import Article, Assignment
from claims import blind
from claims.models import Claim, Figure
from core.access import get_collection_for_user, require, require_reader
from core.http import AuthenticatedHttpRequest
from core.permissions import REVIEW

QUEUE_LIMIT = 200
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


def collection(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    coll = get_collection_for_user(request, slug)
    articles = coll.articles.only(
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
    rows: list[dict[str, object]] = []
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
        "workspace/collection.html",
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


@require_GET
def my_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The articles assigned to me with my claims on each by status, my claims sent back
    with the reviewer's reason, and (for reviewers) how many claims wait for review."""
    require_reader(request)
    user = request.user
    assignments = list(
        Assignment.objects.filter(annotator=user)
        .select_related("article__collection", "assigned_by")
        .order_by("done_at", "-created_at", "pk")[:QUEUE_LIMIT]
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for article_id, status, n in (
        Claim.objects.filter(created_by=user, article_id__in=[a.article_id for a in assignments])
        .values_list("article_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[article_id][status] = n
    rows: list[dict[str, object]] = [
        {
            "assignment": a,
            "claims": [
                (label, counts[a.article_id].get(value, 0)) for value, label in Claim.Status.choices
            ],
        }
        for a in assignments
    ]
    sent_back = list(
        Claim.objects.filter(
            created_by=user, status=Claim.Status.REJECTED, superseded_by__isnull=True
        )
        .select_related("article", "reviewed_by")
        .order_by("-reviewed_at", "pk")[:QUEUE_LIMIT]
    )
    can_review = user.has_perm(REVIEW)
    to_review = (
        Claim.objects.filter(status=Claim.Status.SUBMITTED, superseded_by__isnull=True)
        .exclude(created_by=user)
        .count()
        if can_review
        else 0
    )
    return render(
        request,
        "workspace/my_queue.html",
        {
            "rows": rows,
            "sent_back": sent_back,
            "can_review": can_review,
            "to_review": to_review,
            "statuses": Claim.Status.choices,
        },
    )


@require_http_methods(["POST"])
def assignment_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The annotator is done with an assigned article: their drafts on it go for review."""
    require_reader(request)
    require(request, "claims.change_claim")
    user = request.user
    assignment = get_object_or_404(
        Assignment.objects.select_related("article"), pk=pk, annotator=user
    )
    count = Claim.objects.filter(article=assignment.article).submit(by=user)
    if assignment.done_at is None:
        assignment.done_at = timezone.now()
        assignment.save(update_fields=["done_at"])
    # The last of the article's annotators to submit finishes the article.
    finished = assignment.article.mark_done_if_finished()
    sent = ngettext("Sent %(n)d claim", "Sent %(n)d claims", count) % {"n": count}
    text = f"{sent} on “{assignment.article}” for review; marked done."
    if finished:
        text += " Every annotator is done, so the article is done."
    messages.success(request, text)
    return redirect("articles:my_queue")
