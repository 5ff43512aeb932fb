"""Review workflow (issue 5): agreement between annotators, and a collection's dashboard.

Readers (anyone with a role) see both; only reviewers get the curation buttons.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import Article
from claims.blind import blind_article_ids, blind_articles
from claims.review.agreement import LABEL_MEASURES, LABEL_TITLES, agreement_report
from claims.review.dashboard import dashboard_context
from core.access import get_collection_for_user
from core.http import AuthenticatedHttpRequest
from core.permissions import REVIEW

DISAGREEMENTS_SHOWN = 200
# One article's measures are those of the reader's pair on it alone: the other annotator's
# figures and claims, counted and matched against hers.
BLIND_AGREEMENT = (
    "The agreement on this article is hidden while you annotate it blind (double "
    "annotation); it shows once every annotator has submitted it."
)


@require_GET
def agreement(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Per annotator pair: figure and claim spans, attribution, qualifiers, decisions and
    tags; Krippendorff's alpha across annotators; the disagreements to curate."""
    collection = get_collection_for_user(request, slug)
    article = None
    article_id = request.GET.get("article", "")
    if article_id.isdigit():
        article = get_object_or_404(Article, pk=int(article_id), collection=collection)
        if article.is_blind_for(request.user):
            raise PermissionDenied(BLIND_AGREEMENT)
    report = agreement_report(collection, article=article)
    # An annotator working blind does not see the disagreements of her blind articles (they
    # quote the other annotator's claims and readings); the measures stay.
    blind = blind_article_ids(request.user)
    shown = [d for d in report.disagreements if d.article_id not in blind]
    open_first = sorted(shown, key=lambda d: (d.curated, d.article_id, d.start))
    return render(
        request,
        "review/agreement.html",
        {
            "collection": collection,
            "article": article,
            "report": report,
            "measures": [(name, LABEL_TITLES[name]) for name in LABEL_MEASURES],
            "alpha": [(LABEL_TITLES[name], report.alpha[name]) for name in LABEL_MEASURES],
            "disagreements": open_first[:DISAGREEMENTS_SHOWN],
            "more": max(len(open_first) - DISAGREEMENTS_SHOWN, 0),
            "open_count": sum(1 for d in shown if not d.curated),
            "hidden_blind": len(report.disagreements) - len(shown),
            "can_review": request.user.has_perm(REVIEW),
            "here": request.get_full_path(),
        },
    )


@require_GET
def dashboard(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    collection = get_collection_for_user(request, slug)
    # Blind double annotation: the claims and figures of the articles the reader annotates
    # blind are left out of the counts (the other annotator's work is in them).
    hidden = blind_articles(request.user)
    return render(request, "review/dashboard.html", dashboard_context(collection, hidden))
