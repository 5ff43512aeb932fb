"""The workspace: its page, and the figure actions (confirmed, corrected, rejected or added).
The claim, tag, link and source actions are in views_claims.py.

Each view starts with an access check (404 for anyone who may not read articles, 403 for a
reader without the permission the change needs). Every change answers an htmx request with
fragments (the side panel row, or the text and lists out of band) and anything else with
Post/Redirect/Get. A change made from a stale page is refused: forms post the `version` they
were rendered with and a snapshot of what they showed, and the view compares both with the
row as it is now, under a row lock, before saving.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from articles.models import Article
from claims import blind
from claims.forms import FigureForm
from claims.models import (
    Figure,
)
from claims.services import figure_add, figure_correct, figure_decide
from claims.workspace.html import figure_row_html, permissions, workspace_context
from claims.workspace.responses import (
    blind_user,
    done,
    fragment_or_page,
    panels,
    posted_snapshot,
    posted_version,
    refused,
    selected,
    span_from,
    stale,
)
from claims.workspace.rows import (
    FIGURE_FIELDS,
    figure_counts,
    figure_row,
    figure_snapshot,
    snapshot_json,
)
from core.access import (
    get_article_for_user,
    get_figure_for_user,
    require,
)
from core.http import AuthenticatedHttpRequest, notify

# --- the page -------------------------------------------------------------------------------


def article(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The workspace: the article's text with its figures and claims marked, and the panel."""
    art = get_article_for_user(request, pk)
    return render(request, "workspace/page.html", workspace_context(request, art))


# --- figures --------------------------------------------------------------------------------


def _reading(reader: User | None, figure: Figure) -> blind.Reading | None:
    return None if reader is None else blind.her_reading(reader, figure)


def _figure_row_response(
    request: AuthenticatedHttpRequest,
    figure: Figure,
    status: int = 200,
    *,
    reader: User | None = None,
) -> HttpResponse:
    """The figure's row, plus the heading's counts by state swapped out of band; for an
    annotator working blind, as she reads it."""
    row = figure_row(blind.read_as(figure, _reading(reader, figure)))
    can_change = permissions(request.user)["can_change_figures"]
    html = figure_row_html(row, can_change=can_change, history=reader is None)
    html += render_to_string(
        "workspace/_figure_counts.html",
        {"figure_counts": figure_counts(figure.article, blind_for=reader), "oob": True},
    )
    response = HttpResponse(html, status=status)
    return trigger_client_event(
        response,
        "cd-figure",
        {"id": figure.pk, "state": row.state, "version": figure.version},
    )


def _figure_stale(
    request: AuthenticatedHttpRequest,
    figure: Figure,
    reading: blind.Reading | None,
    version: int | None,
) -> str:
    """Why a change to `figure` (locked) is refused, or "" if it is not stale. Blind
    annotation (`reading`, hers): nobody else changes what she reads, so her change is
    checked against the page she saw it on (another tab of hers, or a span moved) rather
    than the version."""
    seen = posted_snapshot(request)
    what = f"figure “{figure.surface}”"
    if reading is not None:
        now = figure_row(blind.read_as(figure, reading)).snapshot()
        if any(now.get(n) != v for n, v in seen.items() if n in FIGURE_FIELDS):
            return stale(what, seen, now, FIGURE_FIELDS)
        return ""
    if figure.version != version:
        return stale(what, seen, figure_snapshot(figure), FIGURE_FIELDS)
    return ""


FIGURE_ACTIONS = {
    "confirm": Figure.State.CONFIRMED,
    "reject": Figure.State.REJECTED,
    "suggest": Figure.State.SUGGESTED,
}


@require_POST
def figure_state(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Confirm, reject (or set back to suggested) one figure.

    The button posts `figure_action` = "confirm:<pk>:<version>"; the workspace's script posts
    the same value plus `seen`, the figure as the page showed it.
    """
    try:
        action, pk_text, version_text = request.POST["figure_action"].split(":")
        state, pk, version = FIGURE_ACTIONS[action], int(pk_text), int(version_text)
    except (KeyError, ValueError):
        return HttpResponseBadRequest(
            "Expected figure_action=confirm|reject|suggest:<id>:<version>."
        )
    figure = get_figure_for_user(request, pk)
    require(request, "claims.change_figure")
    article = figure.article
    reader = blind_user(request, article)
    with transaction.atomic():
        figure = Figure.objects.select_for_update().get(pk=pk)
        figure.article = article
        reading = _reading(reader, figure)
        message = _figure_stale(request, figure, reading, version)
        if message:
            if not request.htmx:
                return refused(request, article, message, anchor=f"figure-row-{pk}")
            response = _figure_row_response(request, figure, status=409, reader=reader)
            return notify(response, "error", message)
        figure_decide(figure=figure, state=state, by=request.user, reading=reading)
    text = f"Figure “{figure.surface}” {figure.get_state_display().lower()}."
    if not request.htmx:
        return done(request, article, text, anchor=f"figure-row-{pk}")
    return notify(_figure_row_response(request, figure, reader=reader), "success", text)


def _prefill_figure(surface: str) -> dict[str, object]:
    """Value, bounds and qualifier read from the selected text by the figure detector."""
    try:
        from claims.detection import detect_figures
    except ImportError:  # the detector is optional for the workspace
        return {}
    found = detect_figures(surface)
    if not found:
        return {}
    best = max(found, key=lambda d: d.end - d.start)
    return {
        "value": best.value,
        "lower": best.lower,
        "upper": best.upper,
        "qualifier": best.qualifier,
        "unit": best.unit,
        "counted": best.counted[:300],
    }


def _figure_form_response(
    request: AuthenticatedHttpRequest,
    article: Article,
    form: FigureForm,
    *,
    figure: Figure | None,
    status: int = 200,
    reading: blind.Reading | None = None,
) -> HttpResponse:
    context = {
        "article": article,
        "form": form,
        "figure": figure,
        "action": (
            reverse("claims:figure_edit", args=[figure.pk])
            if figure
            else reverse("claims:figure_new", args=[article.pk])
        ),
    }
    if figure is not None:
        context["seen"] = snapshot_json(figure_row(blind.read_as(figure, reading)).snapshot())
    return fragment_or_page(
        request, "workspace/_figure_form.html", "workspace/figure_form_page.html", context, status
    )


@require_http_methods(["GET", "POST"])
def figure_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a figure the detector missed, from a selection (start/end in code points)."""
    article = get_article_for_user(request, pk)
    require(request, "claims.add_figure")
    if request.method == "GET":
        span = span_from(request, article)
        if span is None:
            return HttpResponseBadRequest("Select the figure's text first (start and end).")
        surface = article.text[span[0] : span[1]]
        initial = {
            "article": article.pk,
            "start": span[0],
            "end": span[1],
            "surface": surface,
            "state": Figure.State.CONFIRMED,
            "origin": Figure.Origin.MANUAL,
            **_prefill_figure(surface),
        }
        return _figure_form_response(request, article, FigureForm(initial=initial), figure=None)

    data = request.POST.copy()
    data.update({"article": str(article.pk), "origin": Figure.Origin.MANUAL, "surface": ""})
    hidden = _hidden_figure_at(request, article)
    form = FigureForm(data, instance=hidden)
    if not form.is_valid():
        return _figure_form_response(request, article, form, figure=None, status=422)
    # At the span of a figure hidden from her the form validates against that row: the
    # service makes hers a reading of it (claims.services.figure_add).
    figure = figure_add(figure=form.save(commit=False), by=request.user)
    text = f"Figure “{figure.surface}” added."
    if not request.htmx:
        return done(request, article, text, anchor=f"figure-row-{figure.pk}")
    return selected(panels(request, article), "figure", figure.pk, text)


def _hidden_figure_at(request: AuthenticatedHttpRequest, article: Article) -> Figure | None:
    """On an article the user annotates blind, a figure another annotator added at exactly
    the posted span (hidden from her: claims.blind.hidden_figures), else None."""
    try:
        start, end = int(request.POST["start"]), int(request.POST["end"])
    except (KeyError, ValueError):
        return None
    at_span = Figure.objects.filter(article=article, start=start, end=end)
    return blind.hidden_figures(at_span, request.user).first()


@require_http_methods(["GET", "POST"])
def figure_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Correct a figure: span, value, bounds, qualifier, unit, counted noun, state."""
    figure = get_figure_for_user(request, pk)
    require(request, "claims.change_figure")
    article = figure.article
    reader = blind_user(request, article)
    if request.method == "GET":
        # Blind: the form starts from her own reading, not the working copy.
        reading = _reading(reader, figure)
        form = FigureForm(instance=figure, initial=reading)
        return _figure_form_response(request, article, form, figure=figure, reading=reading)

    with transaction.atomic():
        current = Figure.objects.select_for_update().get(pk=pk)
        current.article = article
        reading = _reading(reader, current)
        message = _figure_stale(request, current, reading, posted_version(request))
        if message:
            if not request.htmx:
                return refused(request, article, message, anchor=f"figure-row-{pk}")
            form = FigureForm(instance=current, initial=reading)
            response = _figure_form_response(
                request, article, form, figure=current, status=409, reading=reading
            )
            return notify(response, "error", message)
        data = request.POST.copy()
        # The surface follows the span; article and origin are not the form's to change.
        data.update({"article": str(article.pk), "origin": current.origin, "surface": ""})
        form = FigureForm(data, instance=current)
        if not form.is_valid():
            # Blind: what the page saw is her reading, never the working copy (whose fields
            # that failed to validate still hold whoever decided last).
            return _figure_form_response(
                request, article, form, figure=current, status=422, reading=reading
            )
        figure = form.save(commit=False)
        changed = [name for name in form.changed_data if name not in {"article", "origin"}]
        figure_correct(figure=figure, by=request.user, fields=changed)
    text = f"Figure “{figure.surface}” saved."
    if not request.htmx:
        return done(request, article, text, anchor=f"figure-row-{pk}")
    return selected(panels(request, article), "figure", figure.pk, text)
