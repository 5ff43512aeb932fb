"""Consistency findings: the collection report, an article's findings panel, decisions.

Reading findings needs the reader role (articles.view_article; 404 for outsiders); deciding
on one (accept or dismiss, or reopen) is a review action (claims.review_claim; 403 for
annotators). Decisions follow Post/Redirect/Get; an htmx request gets the findings list back
instead, with what happened in the workspace's status line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from articles.models import Article, Collection
from claims.blind import blind_article_ids
from claims.consistency.decisions import DecisionError, finding_decide, finding_reopen
from claims.consistency.records import SEVERITIES
from claims.consistency.reports import FindingState, Report, collection_findings
from claims.consistency.store import article_findings
from claims.models import ClaimLink, FindingDecision
from core.access import get_article_for_user, get_collection_for_user, require, safe_next
from core.http import AuthenticatedHttpRequest
from core.permissions import REVIEW

FINDINGS_PER_PAGE = 100
# Findings compare every figure and claim of an article, the other annotator's included.
BLIND_FINDINGS = (
    "Consistency findings are hidden while you annotate this article blind (double "
    "annotation); they show once every annotator has submitted it."
)
ACTIONS = {
    "accept": FindingDecision.Decision.ACCEPTED,
    "dismiss": FindingDecision.Decision.DISMISSED,
}


def _context(
    request: AuthenticatedHttpRequest, report: Report, decide_url: str, show: str
) -> dict[str, object]:
    return {
        "open_count": len(report.open),
        "closed_count": len(report.closed),
        "severity_counts": [(s, report.counts().get(s, 0)) for s in SEVERITIES],
        "decide_url": decide_url,
        "can_decide": request.user.has_perm(REVIEW),
        "show": show,
    }


def _rows(states: Iterable[FindingState], titles: dict[int, str]) -> list[dict[str, object]]:
    """What each list item shows besides the finding: its articles and the link's wording."""
    rows = []
    for state in states:
        link = state.finding.suggested_link
        rows.append(
            {
                "state": state,
                "finding": state.finding,
                "articles": [(a, titles.get(a, f"Article {a}")) for a in state.finding.article_ids],
                "relation": ClaimLink.Relation(link.relation).label if link else "",
                "link": link,
            }
        )
    return rows


def _show(request: AuthenticatedHttpRequest) -> str:
    return "all" if request.GET.get("show", request.POST.get("show")) == "all" else "open"


@require_GET
def collection_report(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    collection = get_collection_for_user(request, slug)
    return _collection_response(request, collection, _show(request))


def _collection_response(
    request: AuthenticatedHttpRequest, collection: Collection, show: str, status: int = 200
) -> HttpResponse:
    report = collection_findings(collection).without_articles(blind_article_ids(request.user))
    context = _context(
        request,
        report,
        reverse("claims:collection_findings_decide", args=[collection.slug]),
        show,
    )
    page = Paginator(report.findings if show == "all" else report.open, FINDINGS_PER_PAGE)
    current = page.get_page(request.GET.get("page"))
    article_ids = {a for state in current.object_list for a in state.finding.article_ids}
    titles = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "title"))
    kinds: dict[str, int] = {}
    for state in report.open:
        kinds[state.finding.label] = kinds.get(state.finding.label, 0) + 1
    context.update(
        collection=collection,
        page=current,
        rows=_rows(current.object_list, titles),
        kinds=sorted(kinds.items()),
        scope="collection",
        panel_url=reverse("claims:collection_findings", args=[collection.slug]),
    )
    template = "consistency/_findings.html" if request.htmx else "consistency/collection.html"
    return render(request, template, context, status=status)


@require_GET
def article_panel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    if article.is_blind_for(request.user):
        raise PermissionDenied(BLIND_FINDINGS)
    return _article_response(request, article, _show(request))


def _article_response(
    request: AuthenticatedHttpRequest, article: Article, show: str, status: int = 200
) -> HttpResponse:
    report = article_findings(article)
    context = _context(
        request, report, reverse("claims:article_findings_decide", args=[article.pk]), show
    )
    context.update(
        article=article,
        collection=article.collection,
        scope="article",
        # Fetched by htmx, the list sits in the workspace beside the marked-up text.
        in_workspace=bool(request.htmx),
        panel_url=reverse("claims:article_findings", args=[article.pk]),
        rows=_rows(report.findings if show == "all" else report.open, {}),
    )
    template = "consistency/_findings.html" if request.htmx else "consistency/article.html"
    return render(request, template, context, status=status)


@require_POST
def article_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    require(request, REVIEW)
    ok, text = _decide(request, article.collection)
    return _decided(
        request,
        ok,
        text,
        lambda status: _article_response(request, article, _show(request), status),
        reverse("claims:article_findings", args=[article.pk]),
    )


@require_POST
def collection_decide(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    collection = get_collection_for_user(request, slug)
    require(request, REVIEW)
    ok, text = _decide(request, collection)
    return _decided(
        request,
        ok,
        text,
        lambda status: _collection_response(request, collection, _show(request), status),
        reverse("claims:collection_findings", args=[slug]),
    )


def _decided(
    request: AuthenticatedHttpRequest,
    ok: bool,
    text: str,
    fragment: Callable[[int], HttpResponse],
    findings_page: str,
) -> HttpResponse:
    """A decision's answer: htmx gets the fragment (409 when refused) with the message as an
    event; without JavaScript, the message and a redirect to `next` or the findings page."""
    if request.htmx:
        return trigger_client_event(
            fragment(200 if ok else 409),
            "cd-message",
            {"level": "success" if ok else "error", "text": text},
        )
    messages.add_message(request, messages.SUCCESS if ok else messages.ERROR, text)
    return redirect(safe_next(request, request.POST.get("next"), findings_page))


def _decide(request: AuthenticatedHttpRequest, collection: Collection) -> tuple[bool, str]:
    key = request.POST.get("key", "")
    action = request.POST.get("action", "")
    if action == "reopen":
        if finding_reopen(collection=collection, key=key):
            return True, "The finding is open again."
        return False, "There was no decision on this finding to undo."
    if action not in ACTIONS:
        return False, "Choose accept or dismiss."
    try:
        decision = finding_decide(
            collection=collection, key=key, decision=ACTIONS[action], by=request.user
        )
    except DecisionError as exc:
        return False, str(exc)
    if decision.decision == FindingDecision.Decision.DISMISSED:
        return True, "Dismissed: this finding will stay out of the list."
    if decision.link is None:
        return True, f"Accepted. {decision.note}".strip()
    link = decision.link
    return True, (
        f"Accepted: claim #{link.from_claim_id} {link.get_relation_display()} "
        f"claim #{link.to_claim_id}."
    )
