"""Who may open what: every view starts with one of these.

Outsiders (logged in, no role: no articles.view_article) get 404 for every page, as if
nothing were there; a reader whose role lacks the permission a change needs gets 403
(`require`); a figure, claim or link hidden from an annotator working blind is a 404 too
(claims/blind.py). Anonymous visitors never get here: LoginRequiredMiddleware sends them
to the login page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from articles.models import Article, Collection
from claims import blind
from claims.models import Claim, ClaimLink, EvidenceDocument, Figure
from core.http import user_of
from core.permissions import VIEW_ARTICLE


def require_reader(request: HttpRequest) -> None:
    """404 for anyone who may not read articles (outsiders see nothing)."""
    if not request.user.has_perm(VIEW_ARTICLE):
        raise Http404("Nothing here.")


def require(request: HttpRequest, perm: str) -> None:
    """403 for a reader who may see the page but not make this change."""
    if not request.user.has_perm(perm):
        raise PermissionDenied(f"You do not have the {perm} permission.")


def get_article_for_user(request: HttpRequest, pk: int) -> Article:
    """The article, or 404 for outsiders."""
    require_reader(request)
    return get_object_or_404(Article.objects.select_related("collection"), pk=pk)


def get_collection_for_user(request: HttpRequest, slug: str) -> Collection:
    """The collection, or 404 for outsiders."""
    require_reader(request)
    return get_object_or_404(Collection, slug=slug)


def get_figure_for_user(request: HttpRequest, pk: int) -> Figure:
    """The figure, or 404 for outsiders and for a figure another annotator added on an
    article the user annotates blind (claims.blind.visible_figures)."""
    require_reader(request)
    figures = Figure.objects.select_related("article__collection")
    return get_object_or_404(blind.visible_figures(figures, user_of(request)), pk=pk)


def claims_for_user(request: HttpRequest) -> QuerySet[Claim]:
    """The claims the user may open: 404 for outsiders; without another annotator's claims on
    an article the user annotates blind (claims.blind.visible_claims)."""
    require_reader(request)
    return blind.visible_claims(Claim.objects.all(), user_of(request))


def get_claim_for_user(request: HttpRequest, pk: int) -> Claim:
    """The claim, or 404 for outsiders and for a claim hidden from an annotator working blind."""
    claims = claims_for_user(request).select_related("article__collection", "source", "via")
    return get_object_or_404(claims, pk=pk)


def get_link_for_user(request: HttpRequest, pk: int) -> ClaimLink:
    """The link, or 404 for outsiders and for a link from or to a claim hidden from her."""
    require_reader(request)
    links = ClaimLink.objects.select_related("from_claim__article", "to_claim__article")
    return get_object_or_404(blind.visible_links(links, user_of(request)), pk=pk)


def get_document_for_user(request: HttpRequest, pk: int) -> EvidenceDocument:
    """An evidence document, or 404 for anyone who may not read the collection's articles."""
    require_reader(request)
    return get_object_or_404(EvidenceDocument.objects.select_related("collection"), pk=pk)


def safe_next(request: HttpRequest, target: str | None, fallback: str) -> str:
    """`target` (a posted or queried `next`) if it points into this site, else `fallback`:
    never an open redirect (another host, `//host`, a `javascript:` URL, or plain http
    from an https page)."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def came_from(request: HttpRequest, fallback: str = "/") -> str:
    """The page of this site the request came from (its Referer, through safe_next), else
    `fallback`: where a refused or untargeted `next` sends the user back to."""
    return safe_next(request, request.META.get("HTTP_REFERER"), fallback)
