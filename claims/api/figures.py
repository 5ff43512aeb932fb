"""Figures: listed, created, updated (with the version read: optimistic concurrency) and
deleted, through FigureForm."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.errors import HttpError

from claims import blind
from claims.api.common import (
    Conflict,
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
    ConflictOut,
    FigureIn,
    FigureOut,
    FigurePage,
    FigurePatch,
    FigurePut,
    FigureState,
    Id,
    InArticlesPageIn,
)
from claims.forms import FigureForm
from claims.models import Figure
from claims.services import figure_add, figure_correct

router = Router(tags=["figures"])


class FigureFilters(InArticlesPageIn):
    state: FigureState | None = None


def _figures(user: User | None = None) -> QuerySet[Figure]:
    # With `user`: without figures other annotators added on articles she annotates blind.
    figures = (
        Figure.objects.all() if user is None else blind.visible_figures(Figure.objects.all(), user)
    )
    # The article's language for FigureOut.language, read in the same query.
    figures = figures.annotate(article_language=F("article__language"))
    return figures.order_by("article_id", "start", "end", "pk")


# Blind double annotation: on an article she annotates blind, an annotator reads each
# figure as she reads it (her judgement, or the detector's reading), as in the workspace; the
# stored row holds the reading of whoever decided last, the other annotator's perhaps.
BLIND_WRITE = (
    "You annotate this figure's article blind (double annotation): confirm, reject or "
    "correct its figures in the workspace, where each reads as you read it."
)


@router.get("/figures", response=responses(200, FigurePage))
def list_figures(request: HttpRequest, params: Query[FigureFilters]) -> Page[Figure]:
    user = require(request, "claims.view_figure")
    figures = params.within(_figures(user))
    if params.state:
        figures = blind.in_state(figures, params.state, user)
    found = page(figures, params)
    found["items"] = blind.read_as_she_reads(found["items"], user)
    return found


@router.get("/figures/{figure_id}", response=responses(200, FigureOut, 404))
def get_figure(request: HttpRequest, figure_id: Id) -> Figure:
    user = require(request, "claims.view_figure")
    return blind.read_as_she_reads([get_or_404(_figures(user), figure_id)], user)[0]


@router.post("/figures", response=responses(201, FigureOut, 400))
def create_figure(request: HttpRequest, payload: FigureIn) -> Status[Figure]:
    user = require(request, "claims.add_figure")
    form = FigureForm(data=form_data(FigureForm, payload.model_dump()))
    check_form(form)
    # Recorded as her judgement, as the workspace records it (claims.services).
    return Status(201, figure_add(figure=form.save(commit=False), by=user))


def _update(
    request: HttpRequest, figure_id: int, version: int, changes: dict[str, object]
) -> Status[Figure] | Status[Conflict]:
    user = require(request, "claims.change_figure")
    with transaction.atomic():
        figure = get_or_404(
            blind.visible_figures(Figure.objects.select_for_update(), user), figure_id
        )
        if blind.annotates_blind(user, figure.article_id):
            # Read blind: the stored row (its version, its values) may be the other
            # annotator's reading, which neither a 409 nor the answer may show her.
            raise HttpError(403, BLIND_WRITE)
        if figure.version != version:
            return Status(
                409,
                conflict(
                    obj=figure, kind="figure", sent_version=version, payload=changes, out=FigureOut
                ),
            )
        refill_span_text(changes, "surface", figure)
        form = FigureForm(data=form_data(FigureForm, changes, figure), instance=figure)
        check_form(form)
        if form.has_changed():
            figure = figure_correct(
                figure=form.save(commit=False), by=user, fields=changed_columns(form)
            )
    return Status(200, figure)


UPDATE_RESPONSES = {**responses(200, FigureOut, 400, 404), 409: ConflictOut}


@router.patch("/figures/{figure_id}", response=UPDATE_RESPONSES)
def patch_figure(
    request: HttpRequest, figure_id: Id, payload: FigurePatch
) -> Status[Figure] | Status[Conflict]:
    """Change some fields. `version` must be the one you read: if someone changed the
    figure since, nothing is saved and the answer is 409 with what differs."""
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    return _update(request, figure_id, payload.version, changes)


@router.put("/figures/{figure_id}", response=UPDATE_RESPONSES)
def put_figure(
    request: HttpRequest, figure_id: Id, payload: FigurePut
) -> Status[Figure] | Status[Conflict]:
    """Replace every field (omitted ones take their defaults). `version` as for PATCH."""
    return _update(request, figure_id, payload.version, payload.model_dump(exclude={"version"}))


@router.delete("/figures/{figure_id}", response=responses(204, None, 404))
def delete_figure(request: HttpRequest, figure_id: Id) -> Status[None]:
    user = require(request, "claims.delete_figure")
    get_or_404(blind.visible_figures(Figure.objects.all(), user), figure_id).delete()
    return Status(204, None)
