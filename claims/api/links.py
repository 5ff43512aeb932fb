"""Links between claims (repeats, part of, contradicts...) through ClaimLinkForm."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from claims import blind
from claims.api.common import (
    Page,
    check_form,
    form_data,
    get_or_404,
    page,
    patch_with_form,
    require,
    responses,
)
from claims.api.schemas import Id, LinkIn, LinkOut, LinkPage, LinkPatch, LinkRelation, PageIn
from claims.forms import ClaimLinkForm, limit_choices
from claims.models import Claim, ClaimLink

router = Router(tags=["links"])


class LinkFilters(PageIn):
    claim: Id | None = None
    relation: LinkRelation | None = None


def _links(user: User) -> QuerySet[ClaimLink]:
    # Without the links from or to another annotator's claim on an article `user` annotates
    # blind: those claims are out of her reach (404), so are their links.
    return blind.visible_links(ClaimLink.objects.order_by("pk"), user)


def _form(user: User) -> type[ClaimLinkForm]:
    """ClaimLinkForm whose claims are those `user` may see (another annotator's claim on an
    article she annotates blind is "not a valid choice", as a claim that does not exist)."""
    claims = blind.visible_claims(Claim.objects.all(), user)

    class VisibleClaimLinkForm(ClaimLinkForm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            limit_choices(self, from_claim=claims, to_claim=claims)

    return VisibleClaimLinkForm


@router.get("/links", response=responses(200, LinkPage))
def list_links(request: HttpRequest, params: Query[LinkFilters]) -> Page[ClaimLink]:
    """Links, optionally those from or to one claim."""
    user = require(request, "claims.view_claimlink")
    links = _links(user)
    if params.claim:
        links = links.filter(Q(from_claim_id=params.claim) | Q(to_claim_id=params.claim))
    if params.relation:
        links = links.filter(relation=params.relation)
    return page(links, params)


@router.get("/links/{link_id}", response=responses(200, LinkOut, 404))
def get_link(request: HttpRequest, link_id: Id) -> ClaimLink:
    user = require(request, "claims.view_claimlink")
    return get_or_404(_links(user), link_id)


@router.post("/links", response=responses(201, LinkOut, 400))
def create_link(request: HttpRequest, payload: LinkIn) -> Status[ClaimLink]:
    user = require(request, "claims.add_claimlink")
    form_class = _form(user)
    form = form_class(data=form_data(form_class, payload.model_dump()))
    check_form(form)
    link = form.save(commit=False)
    link.created_by = user
    link.save()
    return Status(201, link)


@router.patch("/links/{link_id}", response=responses(200, LinkOut, 400, 404))
def update_link(request: HttpRequest, link_id: Id, payload: LinkPatch) -> ClaimLink:
    user = require(request, "claims.change_claimlink")
    changes = payload.model_dump(exclude_unset=True)
    return patch_with_form(_links(user), link_id, _form(user), changes)


@router.delete("/links/{link_id}", response=responses(204, None, 404))
def delete_link(request: HttpRequest, link_id: Id) -> Status[None]:
    user = require(request, "claims.delete_claimlink")
    get_or_404(_links(user), link_id).delete()
    return Status(204, None)
