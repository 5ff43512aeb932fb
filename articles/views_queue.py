"""Review workflow (issue 5): each user's queue, and the editors' assignment page.

Every view starts with an access check (404 for outsiders, 403 for a reader without the
permission the page needs); changes answer with Post/Redirect/Get.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from articles.forms_assign import AssignForm
from articles.models import Assignment
from claims.models import Claim
from core.access import get_collection_for_user, require, require_reader
from core.http import AuthenticatedHttpRequest
from core.permissions import REVIEW

QUEUE_LIMIT = 200


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
    rows: list[dict[str, Any]] = [
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
        "articles/my_queue.html",
        {
            "rows": rows,
            "sent_back": sent_back,
            "can_review": can_review,
            "to_review": to_review,
            "statuses": Claim.Status.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def assign(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Editors give a collection's articles to annotators: by hand (every chosen article to
    every chosen annotator) or round-robin, one or two annotators per article."""
    collection = get_collection_for_user(request, slug)
    require(request, "articles.add_assignment")
    form = AssignForm(request.POST or None, collection=collection)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = form.assign(assigned_by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            n_annotators = len(form.chosen_annotators())
            messages.success(
                request,
                " ".join(
                    [
                        ngettext("Made %d assignment", "Made %d assignments", len(created))
                        % len(created),
                        ngettext("of %d article", "of %d articles", len(data["articles"]))
                        % len(data["articles"]),
                        ngettext("to %d annotator.", "to %d annotators.", n_annotators)
                        % n_annotators,
                    ]
                ),
            )
            return redirect("articles:assign", slug=collection.slug)
    articles = list(collection.articles.only("pk", "title").order_by("pk")[:500])  # type: ignore[attr-defined]
    given: dict[int, list[str]] = defaultdict(list)
    for article_id, username in (
        Assignment.objects.filter(article__collection=collection)
        .values_list("article_id", "annotator__username")
        .order_by("annotator__username")
    ):
        given[article_id].append(username)
    return render(
        request,
        "articles/assign.html",
        {
            "collection": collection,
            "form": form,
            "rows": [(a, given.get(a.pk, [])) for a in articles],
            "people": get_user_model().objects.filter(groups__name="Annotators").count(),
        },
        status=422 if request.method == "POST" else 200,
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
