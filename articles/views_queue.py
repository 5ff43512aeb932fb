"""Review workflow (issue 5): the editors' assignment page (each annotator's queue is in
claims/workspace/views_progress.py).

Every view starts with an access check (404 for outsiders, 403 for a reader without the
permission the page needs); changes answer with Post/Redirect/Get.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from articles.forms_assign import AssignForm
from articles.models import Assignment
from core.access import get_collection_for_user, require
from core.http import AuthenticatedHttpRequest


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
    articles = list(collection.articles.only("pk", "title").order_by("pk")[:500])
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
