"""Claims through ClaimForm(user=...), which decides who may approve, reject or set a
verdict; approving and rejecting go through the model's `approve` and `reject`."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from claims import blind
from claims.api.common import (
    Conflict,
    FormInvalid,
    Page,
    changed_columns,
    check_form,
    conflict,
    form_data,
    get_or_404,
    page,
    refill_span_text,
    require,
    responses,
)
from claims.api.schemas import (
    ClaimIn,
    ClaimOut,
    ClaimPage,
    ClaimPatch,
    ClaimPut,
    ClaimStatus,
    ClaimVerdict,
    ConflictOut,
    Id,
    InArticlesPageIn,
)
from claims.forms import ClaimForm, limit_choices
from claims.models import Claim, Figure, Tag
from core.locking import save_version

router = Router(tags=["claims"])


class ClaimFilters(InArticlesPageIn):
    status: ClaimStatus | None = None
    verdict: ClaimVerdict | None = None
    source: Id | None = Field(None, description="Claims made by this source.")
    tag: Id | None = None


def _claims(user: User | None = None) -> QuerySet[Claim]:
    # Everything ClaimOut shows, in a fixed number of queries whatever the page size; with
    # `user`, without other annotators' claims on the articles she annotates blind.
    claims = (
        Claim.objects.all() if user is None else blind.visible_claims(Claim.objects.all(), user)
    )
    return (
        claims.select_related("created_by", "reviewed_by")
        .prefetch_related(
            Prefetch("figures", queryset=Figure.objects.only("pk").order_by("pk")),
            Prefetch("tags", queryset=Tag.objects.only("pk").order_by("pk")),
        )
        .order_by("article_id", "start", "end", "pk")
    )


@router.get("/claims", response=responses(200, ClaimPage))
def list_claims(request: HttpRequest, params: Query[ClaimFilters]) -> Page[Claim]:
    user = require(request, "claims.view_claim")
    claims = params.within(_claims(user))
    if params.status:
        claims = claims.filter(status=params.status)
    if params.verdict:
        claims = claims.filter(verdict=params.verdict)
    if params.source:
        claims = claims.filter(source_id=params.source)
    if params.tag:
        claims = claims.filter(tags__id=params.tag)
    return page(claims, params)


@router.get("/claims/{claim_id}", response=responses(200, ClaimOut, 404))
def get_claim(request: HttpRequest, claim_id: Id) -> Claim:
    user = require(request, "claims.view_claim")
    return get_or_404(_claims(user), claim_id)


def _review(claim: Claim, user: User) -> None:
    """Approve or reject through the model, which records who and when, bumps the version
    and refuses a review of one's own claim."""
    try:
        if claim.status == Claim.Status.APPROVED:
            claim.approve(by=user)
        else:
            claim.reject(by=user, reason=claim.rejection_reason)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise FormInvalid.from_validation_error(exc) from None
        raise FormInvalid({"status": list(exc.messages)}) from None


def _claim_form(user: User, data: dict[str, object], instance: Claim | None = None) -> ClaimForm:
    """ClaimForm for `user`, its figures those she may see: a figure another annotator added
    on an article she annotates blind is "not a valid choice", as one that does not exist."""
    form = ClaimForm(user=user, data=data, instance=instance)
    limit_choices(form, figures=blind.visible_figures(Figure.objects.all(), user))
    return form


@router.post("/claims", response=responses(201, ClaimOut, 400))
def create_claim(request: HttpRequest, payload: ClaimIn) -> Status[Claim]:
    user = require(request, "claims.add_claim")
    form = _claim_form(user, data=form_data(ClaimForm, payload.model_dump()))
    check_form(form)
    with transaction.atomic():
        claim = form.save(commit=False)
        claim.created_by = user
        claim.save()
        form.save_m2m()
        # A new claim is never approved or rejected: ClaimForm refused it (Claim.review_refusal).
    return Status(201, get_or_404(_claims(), claim.pk))


def _update(
    request: HttpRequest, claim_id: int, version: int, changes: dict[str, object]
) -> Status[Claim] | Status[Conflict]:
    user = require(request, "claims.change_claim")
    with transaction.atomic():
        claim = get_or_404(blind.visible_claims(Claim.objects.select_for_update(), user), claim_id)
        if claim.version != version:
            claim = get_or_404(_claims(), claim_id)
            return Status(
                409,
                conflict(
                    obj=claim, kind="claim", sent_version=version, payload=changes, out=ClaimOut
                ),
            )
        refill_span_text(changes, "quote", claim)
        form = _claim_form(user, data=form_data(ClaimForm, changes, claim), instance=claim)
        check_form(form)
        if form.has_changed():
            claim = form.save(commit=False)
            reviewing = "status" in form.changed_data and claim.status in Claim.REVIEWED
            if reviewing:
                # approve()/reject() write the status, the reason and the new version.
                columns = [
                    c for c in changed_columns(form) if c not in ("status", "rejection_reason")
                ]
                if columns:
                    claim.save(update_fields=[*columns, "updated_at"])
                form.save_m2m()
                _review(claim, user)
            else:
                save_version(claim, *changed_columns(form))
                form.save_m2m()
    return Status(200, get_or_404(_claims(), claim_id))


UPDATE_RESPONSES = {**responses(200, ClaimOut, 400, 404), 409: ConflictOut}


@router.patch("/claims/{claim_id}", response=UPDATE_RESPONSES)
def patch_claim(
    request: HttpRequest, claim_id: Id, payload: ClaimPatch
) -> Status[Claim] | Status[Conflict]:
    """Change some fields. `version` must be the one you read: if someone changed the
    claim since, nothing is saved and the answer is 409 with what differs. Setting
    `status` to approved or rejected, or changing `verdict`, needs the reviewer role."""
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    return _update(request, claim_id, payload.version, changes)


@router.put("/claims/{claim_id}", response=UPDATE_RESPONSES)
def put_claim(
    request: HttpRequest, claim_id: Id, payload: ClaimPut
) -> Status[Claim] | Status[Conflict]:
    """Replace every field (omitted ones take their defaults). `version` as for PATCH."""
    return _update(request, claim_id, payload.version, payload.model_dump(exclude={"version"}))


@router.delete("/claims/{claim_id}", response=responses(204, None, 404))
def delete_claim(request: HttpRequest, claim_id: Id) -> Status[None]:
    user = require(request, "claims.delete_claim")
    get_or_404(blind.visible_claims(Claim.objects.all(), user), claim_id).delete()
    return Status(204, None)
