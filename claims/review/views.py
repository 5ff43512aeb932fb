"""Review workflow (issue 5): the reviewers' queue with bulk approve and reject, curation of
double-annotated articles, and the history of a figure or claim.

Each view starts with an access check: 404 for anyone who may not read articles, 403 for a
reader who may not review. Changes answer with Post/Redirect/Get.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from articles.models import Collection
from claims.models import Claim, Figure, FigureJudgement, Source, Tag
from claims.review.history import history_entries
from core.access import claims_for_user, require, require_reader, safe_next
from core.http import AuthenticatedHttpRequest
from core.permissions import REVIEW

QUEUE_PAGE_SIZE = 50
AGES = [("1", "older than a day"), ("3", "older than 3 days"), ("7", "older than a week")]
QUEUE_FILTERS = ("collection", "tag", "source", "annotator", "age")


def _require_reviewer(request: AuthenticatedHttpRequest) -> None:
    require_reader(request)
    require(request, REVIEW)


def _back(request: AuthenticatedHttpRequest, default: str) -> HttpResponse:
    return redirect(safe_next(request, request.POST.get("next"), default))


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def submitted_claims(params: QueryDict) -> tuple[QuerySet[Claim], dict[str, str]]:
    """Submitted claims, oldest first, filtered by the queue's parameters (a QueryDict).

    A claim superseded during curation is no longer up for review."""
    claims = Claim.objects.filter(status=Claim.Status.SUBMITTED, superseded_by__isnull=True)
    chosen: dict[str, str] = {}
    slug = params.get("collection", "")
    if slug:
        claims = claims.filter(article__collection__slug=slug)
        chosen["collection"] = slug
    for name, lookup in (("tag", "tags"), ("source", "source_id"), ("annotator", "created_by_id")):
        value = _int(params.get(name))
        if value is not None:
            claims = claims.filter(**{lookup: value})
            chosen[name] = str(value)
    age = params.get("age", "")
    if age in dict(AGES):
        claims = claims.filter(created_at__lte=timezone.now() - timedelta(days=int(age)))
        chosen["age"] = age
    return claims.order_by("created_at", "pk"), chosen


@require_GET
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Submitted claims to approve or reject, filterable, a page at a time.

    The page reads one row more than it shows to know whether there is a next page, rather
    than counting the whole queue.
    """
    _require_reviewer(request)
    claims, chosen = submitted_claims(request.GET)
    page = max(_int(request.GET.get("page")) or 1, 1)
    offset = (page - 1) * QUEUE_PAGE_SIZE
    rows = list(
        claims.select_related(
            "article__collection", "source", "via", "created_by"
        ).prefetch_related(
            Prefetch("tags", queryset=Tag.objects.only("pk", "name", "colour")),
            Prefetch("figures", queryset=Figure.objects.only("pk", "surface").order_by("start")),
        )[offset : offset + QUEUE_PAGE_SIZE + 1]
    )
    has_next = len(rows) > QUEUE_PAGE_SIZE
    rows = rows[:QUEUE_PAGE_SIZE]
    query = urlencode(chosen)
    return render(
        request,
        "review/queue.html",
        {
            "claims": rows,
            "chosen": chosen,
            "page": page,
            "has_next": has_next,
            "query": query,
            "ages": AGES,
            "collections": Collection.objects.only("slug", "name"),
            "tags": Tag.objects.select_related("collection").only("pk", "name", "collection__name"),
            "sources": Source.objects.filter(claims__status=Claim.Status.SUBMITTED)
            .distinct()
            .only("pk", "name")[:200],
            "annotators": get_user_model()
            .objects.filter(groups__name="Annotators")
            .only("pk", "username")
            .order_by("username"),
            "now": timezone.now(),
            "here": request.get_full_path(),
        },
    )


@require_POST
def review_bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Approve or reject the ticked claims (`claim` ids); a rejection needs a reason."""
    _require_reviewer(request)
    back = reverse("claims:review_queue")
    ids = [pk for pk in (_int(v) for v in request.POST.getlist("claim")) if pk is not None]
    action = request.POST.get("action", "")
    if not ids:
        messages.error(request, "Tick the claims to review first.")
        return _back(request, back)
    chosen = Claim.objects.filter(
        pk__in=ids, status=Claim.Status.SUBMITTED, superseded_by__isnull=True
    )
    if action == "approve":
        count = chosen.approve(by=request.user)
        verb = "Approved"
    elif action == "reject":
        reason = request.POST.get("reason", "").strip()
        if not reason:
            messages.error(
                request, "Say why the claims are rejected: the reason goes back to the annotator."
            )
            return _back(request, back)
        count = chosen.reject(by=request.user, reason=reason)
        verb = "Rejected"
    else:
        messages.error(request, "Choose approve or reject.")
        return _back(request, back)
    skipped = len(ids) - count
    note = (
        f" Skipped {skipped}: your own claims, superseded, or no longer submitted."
        if skipped
        else ""
    )
    messages.add_message(
        request,
        messages.SUCCESS if count else messages.WARNING,
        ngettext("%(verb)s %(n)d claim.", "%(verb)s %(n)d claims.", count)
        % {"verb": verb, "n": count}
        + note,
    )
    return _back(request, back)


# --- curation -------------------------------------------------------------------------------


@require_POST
def claim_keep(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Keep this annotator's version of a claim as the final one; the other versions posted
    (`other`, claims of the same article) are marked superseded by it."""
    _require_reviewer(request)
    claim = get_object_or_404(Claim.objects.select_related("article__collection"), pk=pk)
    others = list(
        Claim.objects.filter(
            pk__in=[v for v in (_int(x) for x in request.POST.getlist("other")) if v],
            article_id=claim.article_id,
        ).exclude(pk=claim.pk)
    )
    back = reverse("claims:agreement", args=[claim.article.collection.slug])
    try:
        count = claim.keep_as_final(by=request.user, others=others)
    except ValidationError as exc:
        messages.error(request, f"Not kept: {' '.join(exc.messages)}")
        return _back(request, back)
    messages.success(
        request,
        ngettext(
            "Kept “%(claim)s” as the final claim; %(n)d other version superseded.",
            "Kept “%(claim)s” as the final claim; %(n)d other versions superseded.",
            count,
        )
        % {"claim": claim, "n": count},
    )
    return _back(request, back)


@require_POST
def judgement_keep(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Make the shared figure read as this annotator's judgement of it."""
    _require_reviewer(request)
    require(request, "claims.change_figure")
    judgement = get_object_or_404(
        FigureJudgement.objects.select_related("figure__article__collection", "annotator"), pk=pk
    )
    figure = judgement.adopt(by=request.user)
    messages.success(
        request,
        f"Figure “{figure.surface}” now reads as {judgement.annotator.get_username()}'s judgement.",
    )
    return _back(request, reverse("claims:agreement", args=[figure.article.collection.slug]))


# --- history --------------------------------------------------------------------------------

BLIND_HISTORY = (
    "A figure's history is hidden while you annotate its article blind (double annotation): "
    "it shows the other annotator's decisions. It opens once every annotator has submitted."
)


def _history_response(
    request: AuthenticatedHttpRequest, obj: Claim | Figure, what: str, admin_name: str
) -> HttpResponse:
    context = {
        "object": obj,
        "what": what,
        "entries": history_entries(obj),
        "article": obj.article,
        "admin_history": reverse(admin_name, args=[obj.pk]) if request.user.is_staff else "",
    }
    template = "review/_history.html" if request.htmx else "review/history_page.html"
    return render(request, template, context)


@require_GET
def claim_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claims = claims_for_user(request).select_related("article")
    require(request, "claims.view_claim")
    claim = get_object_or_404(claims, pk=pk)
    return _history_response(request, claim, "claim", "admin:claims_claim_history")


@require_GET
def figure_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_reader(request)
    require(request, "claims.view_figure")
    figure = get_object_or_404(Figure.objects.select_related("article"), pk=pk)
    if figure.article.is_blind_for(request.user):
        # Blind annotation: the figure's history holds the other annotator's decisions.
        raise PermissionDenied(BLIND_HISTORY)
    return _history_response(request, figure, "figure", "admin:claims_figure_history")
