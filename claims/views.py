"""The workspace's actions: figures confirmed, corrected, rejected or added; claims created
and edited, tagged and linked; sources found or added.

Each view starts with an access check (404 for anyone who may not read articles, 403 for a
reader without the permission the change needs). Every change answers an htmx request with
fragments (the side panel row, or the text and lists out of band) and anything else with
Post/Redirect/Get. A change made from a stale page is refused: forms post the `version` they
were rendered with and a snapshot of what they showed, and the view compares both with the
row as it is now, under a row lock, before saving.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from articles.models import Article
from articles.workspace import (
    CLAIM_FIELDS,
    FIGURE_FIELDS,
    article_figures,
    claim_row_html,
    claim_rows,
    claim_snapshot,
    figure_counts,
    figure_row,
    figure_row_html,
    figure_snapshot,
    permissions,
    snapshot_json,
    tags_for,
    text_context,
)
from claims import blind
from claims.forms import ClaimForm, ClaimLinkForm, FigureForm, SourceForm
from claims.models import (
    Claim,
    ClaimLink,
    Figure,
    Source,
    SourceMention,
)
from claims.search import search_claims
from claims.services import figure_add, figure_correct, figure_decide
from core.access import (
    get_article_for_user,
    get_claim_for_user,
    get_figure_for_user,
    get_link_for_user,
    require,
    require_reader,
    safe_next,
)
from core.http import AuthenticatedHttpRequest, notify
from core.locking import REFUSED, changes_between, save_version, stale_message
from core.permissions import REVIEW

SEARCH_LIMIT = 20


# --- responses ------------------------------------------------------------------------------


def _done(
    request: AuthenticatedHttpRequest,
    article: Article,
    text: str,
    *,
    anchor: str = "",
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """Post/Redirect/Get back to the workspace with a message, for requests without JS."""
    messages.add_message(request, level, text)
    return redirect(article.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def _panels(request: AuthenticatedHttpRequest, article: Article, editor: str = "") -> HttpResponse:
    """The editor's new content plus the text and both lists, swapped out of band.

    Used after a change that adds or moves a span: the text is rendered again in one pass.
    """
    context = text_context(article, request.user)
    context["oob"] = True
    body = editor + render_to_string("articles/_panels_oob.html", context, request=request)
    return HttpResponse(body)


def _seen(request: AuthenticatedHttpRequest) -> dict[str, str]:
    try:
        seen = json.loads(request.POST.get("seen", "") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in seen.items()} if isinstance(seen, dict) else {}


def _posted_version(request: AuthenticatedHttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _stale(
    what: str,
    seen: dict[str, str],
    now: dict[str, str],
    labels: dict[str, str],
    refused: str = REFUSED,
) -> str:
    """The one stale-edit message (core.locking), for a change from a workspace page."""
    changes = changes_between(seen, now, labels)
    return stale_message(
        what, changes, refused=refused, then="the panel now shows the current version"
    )


def _span_from(request: AuthenticatedHttpRequest, article: Article) -> tuple[int, int] | None:
    """A (start, end) code-point span of the article from the query string, or None."""
    try:
        start, end = int(request.GET["start"]), int(request.GET["end"])
    except (KeyError, ValueError):
        return None
    if 0 <= start < end <= len(article.text):
        return start, end
    return None


# --- figures --------------------------------------------------------------------------------


def _blind_user(request: AuthenticatedHttpRequest, article: Article) -> User | None:
    """The user, if she annotates this article blind (Article.is_blind_for), else None."""
    return request.user if article.is_blind_for(request.user) else None


def _reading(reader: User | None, figure: Figure) -> dict[str, Any] | None:
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
        "articles/_figure_counts.html",
        {"figure_counts": figure_counts(figure.article, blind_for=reader), "oob": True},
    )
    response = HttpResponse(html, status=status)
    return trigger_client_event(
        response,
        "cd-figure",
        {"id": figure.pk, "state": row.state, "version": figure.version},
    )


def _stale_for_blind(
    request: AuthenticatedHttpRequest, figure: Figure, reading: dict[str, Any]
) -> str:
    """Blind annotation: nobody else changes what she reads, so her change is checked against
    the page she saw it on (another tab of hers, or a span moved) rather than the version."""
    seen = _seen(request)
    now = figure_row(blind.read_as(figure, reading)).snapshot()
    if any(now.get(name) != value for name, value in seen.items() if name in FIGURE_FIELDS):
        return _stale(f"figure “{figure.surface}”", seen, now, FIGURE_FIELDS)
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
    reader = _blind_user(request, article)
    with transaction.atomic():
        figure = Figure.objects.select_for_update().get(pk=pk)
        figure.article = article
        reading = _reading(reader, figure)
        if reading is not None:
            message = _stale_for_blind(request, figure, reading)
        elif figure.version != version:
            message = _stale(
                f"figure “{figure.surface}”",
                _seen(request),
                figure_snapshot(figure),
                FIGURE_FIELDS,
            )
        else:
            message = ""
        if message:
            if not request.htmx:
                return _done(
                    request, article, message, anchor=f"figure-row-{pk}", level=messages.ERROR
                )
            response = _figure_row_response(request, figure, status=409, reader=reader)
            return notify(response, "error", message)
        figure_decide(figure=figure, state=state, by=request.user, reading=reading)
    text = f"Figure “{figure.surface}” {figure.get_state_display().lower()}."
    if not request.htmx:
        return _done(request, article, text, anchor=f"figure-row-{pk}")
    return notify(_figure_row_response(request, figure, reader=reader), "success", text)


def _prefill_figure(surface: str) -> dict[str, Any]:
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
    reading: dict[str, Any] | None = None,
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
    template = "claims/_figure_form.html" if request.htmx else "claims/figure_form_page.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def figure_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a figure the detector missed, from a selection (start/end in code points)."""
    article = get_article_for_user(request, pk)
    require(request, "claims.add_figure")
    if request.method == "GET":
        span = _span_from(request, article)
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
        return _done(request, article, text, anchor=f"figure-row-{figure.pk}")
    response = _panels(request, article)
    trigger_client_event(response, "cd-select-figure", {"id": figure.pk})
    return notify(response, "success", text)


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
    reader = _blind_user(request, article)
    if request.method == "GET":
        # Blind: the form starts from her own reading, not the working copy.
        reading = _reading(reader, figure)
        form = FigureForm(instance=figure, initial=reading)
        return _figure_form_response(request, article, form, figure=figure, reading=reading)

    with transaction.atomic():
        current = Figure.objects.select_for_update().get(pk=pk)
        current.article = article
        reading = _reading(reader, current)
        if reading is not None:
            message = _stale_for_blind(request, current, reading)
        elif current.version != _posted_version(request):
            message = _stale(
                f"figure “{current.surface}”",
                _seen(request),
                figure_snapshot(current),
                FIGURE_FIELDS,
            )
        else:
            message = ""
        if message:
            if not request.htmx:
                return _done(
                    request, article, message, anchor=f"figure-row-{pk}", level=messages.ERROR
                )
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
        return _done(request, article, text, anchor=f"figure-row-{pk}")
    response = _panels(request, article)
    trigger_client_event(response, "cd-select-figure", {"id": figure.pk})
    return notify(response, "success", text)


# --- claims ---------------------------------------------------------------------------------


def proposed_source(article: Article, start: int, end: int) -> SourceMention | None:
    """The detector's attribution for the sentence holding the selection, if any.

    A mention matched to a known Source is preferred; otherwise the nearest one before the
    selection (its name then pre-fills "new source").
    """
    mentions = list(
        SourceMention.objects.filter(
            article=article, sentence_start__lte=start, sentence_end__gte=end
        ).select_related("source")
    )
    if not mentions:
        # A selection spanning sentences: the sentence where it starts.
        mentions = list(
            SourceMention.objects.filter(
                article=article, sentence_start__lte=start, sentence_end__gt=start
            ).select_related("source")
        )
    if not mentions:
        return None
    mentions.sort(key=lambda m: (m.source_id is None, abs(m.start - start)))
    return mentions[0]


def _prepare_claim_form(form: ClaimForm, article: Article, user: User) -> ClaimForm:
    """Limit the choices to this article and collection; only reviewers see review fields."""
    reader = user if article.is_blind_for(user) else None
    form.fields["figures"].queryset = article_figures(article, reader)  # type: ignore[attr-defined]
    form.fields["tags"].queryset = tags_for(article)  # type: ignore[attr-defined]
    form.fields["article"].queryset = Article.objects.filter(pk=article.pk)  # type: ignore[attr-defined]
    form.fields["note"].widget.attrs["rows"] = 2
    if not user.has_perm(REVIEW):
        for name in ("verdict", "rejection_reason"):
            form.fields[name].disabled = True
        allowed = {Claim.Status.DRAFT, Claim.Status.SUBMITTED}
        if form.instance.pk is not None:
            allowed.add(form.instance.status)
        form.fields["status"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Claim.Status.choices if value in allowed
        ]
    return form


def _figures_inside(article: Article, reader: User | None, start: int, end: int) -> list[Figure]:
    """The figures a claim over start:end proposes: those not rejected. For an annotator
    working blind (`reader`), the figures she may see, each as she reads it."""
    within = article_figures(article, reader).filter(start__gte=start, end__lte=end)
    if reader is not None:
        shown = blind.read_as_she_reads(within, reader, all_blind=True)
        return [f for f in shown if f.state != Figure.State.REJECTED]
    return list(within.exclude(state=Figure.State.REJECTED))


def _claim_form_context(
    request: AuthenticatedHttpRequest, article: Article, form: ClaimForm, claim: Claim | None
) -> dict[str, Any]:
    start = form["start"].value()
    end = form["end"].value()
    try:
        start_i, end_i = int(start or 0), int(end or 0)
    except (TypeError, ValueError):
        start_i = end_i = 0
    inside = _figures_inside(article, _blind_user(request, article), start_i, end_i)
    chosen = {str(v) for v in (form["figures"].value() or [])}
    chosen_tags = {str(v) for v in (form["tags"].value() or [])}
    context: dict[str, Any] = {
        "article": article,
        "form": form,
        "claim": claim,
        "quote": article.text[start_i:end_i] if 0 <= start_i < end_i else "",
        "figures_inside": [(f, str(f.pk) in chosen) for f in inside],
        "tag_choices": [(t, str(t.pk) in chosen_tags) for t in tags_for(article)],
        "can_review": request.user.has_perm(REVIEW),
        "can_add_source": request.user.has_perm("claims.add_source"),
        "source_form": SourceForm(prefix="newsource"),
        "action": (
            reverse("claims:claim_edit", args=[claim.pk])
            if claim
            else reverse("claims:claim_new", args=[article.pk])
        ),
    }
    if claim is not None:
        context["seen"] = snapshot_json(claim_snapshot(claim, list(claim.tags.all())))
        context["can_delete"] = claim.deletable_by(request.user)
        context["can_unlink"] = request.user.has_perm("claims.delete_claimlink")
        links = ClaimLink.objects.filter(Q(from_claim=claim) | Q(to_claim=claim))
        context["links"] = blind.visible_links(links, request.user).select_related(
            "from_claim", "to_claim"
        )
    return context


def _claim_form_response(
    request: AuthenticatedHttpRequest,
    article: Article,
    form: ClaimForm,
    *,
    claim: Claim | None,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    context = _claim_form_context(request, article, form, claim)
    context.update(extra or {})
    template = "claims/_claim_form.html" if request.htmx else "claims/claim_form_page.html"
    return render(request, template, context, status=status)


def _set_review_fields(claim: Claim, form: ClaimForm, user: User) -> None:
    """Who reviewed, when the form approved or rejected the claim (as the admin does)."""
    if "status" in form.changed_data and claim.status in (
        Claim.Status.APPROVED,
        Claim.Status.REJECTED,
    ):
        claim.reviewed_by = user
        from django.utils import timezone

        claim.reviewed_at = timezone.now()


@require_http_methods(["GET", "POST"])
def claim_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Create a claim from a selection, pre-filled with the figures inside it and the source
    the detector proposed for its sentence."""
    article = get_article_for_user(request, pk)
    require(request, "claims.add_claim")
    user = request.user
    if request.method == "GET":
        span = _span_from(request, article)
        if span is None:
            return HttpResponseBadRequest("Select the claim's text first (start and end).")
        start, end = span
        figures = _figures_inside(article, _blind_user(request, article), start, end)
        mention = proposed_source(article, start, end)
        initial: dict[str, Any] = {
            "article": article.pk,
            "start": start,
            "end": end,
            "figures": [f.pk for f in figures],
            "status": Claim.Status.DRAFT,
        }
        if mention is not None and mention.source_id is not None:
            initial["source"] = mention.source_id
        for name in ("source", "via"):  # just added inline, on a page without JS
            chosen = request.GET.get(name, "")
            if chosen.isdigit():
                initial[name] = int(chosen)
        form = _prepare_claim_form(ClaimForm(initial=initial, user=user), article, user)
        return _claim_form_response(request, article, form, claim=None, extra={"mention": mention})

    data = request.POST.copy()
    data["article"] = str(article.pk)
    data["quote"] = ""  # filled in from the text at start:end
    form = _prepare_claim_form(ClaimForm(data, user=user), article, user)
    if not form.is_valid():
        return _claim_form_response(request, article, form, claim=None, status=422)
    claim = form.save(commit=False)
    claim.created_by = user
    _set_review_fields(claim, form, user)
    claim.save()
    form.save_m2m()
    article.mark_in_progress()
    text = f"Claim “{claim}” saved."
    if not request.htmx:
        return _done(request, article, text, anchor=f"claim-row-{claim.pk}")
    editor = render_to_string(
        "claims/_claim_saved.html", {"claim": claim, "text": text}, request=request
    )
    response = _panels(request, article, editor)
    trigger_client_event(response, "cd-select-claim", {"id": claim.pk})
    return notify(response, "success", text)


@require_http_methods(["GET", "POST"])
def claim_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    require(request, "claims.change_claim")
    article = claim.article
    user = request.user
    if request.method == "GET":
        form = _prepare_claim_form(ClaimForm(instance=claim, user=user), article, user)
        return _claim_form_response(request, article, form, claim=claim)

    with transaction.atomic():
        current = (
            Claim.objects.select_for_update(of=("self",)).select_related("source", "via").get(pk=pk)
        )
        current.article = article
        if current.version != _posted_version(request):
            now = claim_snapshot(current, list(current.tags.all()))
            message = _stale(f"claim “{current}”", _seen(request), now, CLAIM_FIELDS)
            if not request.htmx:
                return _done(
                    request, article, message, anchor=f"claim-row-{pk}", level=messages.ERROR
                )
            form = _prepare_claim_form(ClaimForm(instance=current, user=user), article, user)
            response = _claim_form_response(request, article, form, claim=current, status=409)
            return notify(response, "error", message)
        data = request.POST.copy()
        data["article"] = str(article.pk)
        data["quote"] = ""
        form = _prepare_claim_form(ClaimForm(data, instance=current, user=user), article, user)
        if not form.is_valid():
            return _claim_form_response(request, article, form, claim=current, status=422)
        claim = form.save(commit=False)
        _set_review_fields(claim, form, user)
        m2m = {"figures", "tags"}
        changed = [n for n in form.changed_data if n not in m2m and n != "article"]
        review = ["reviewed_by", "reviewed_at"] if "status" in changed else []
        save_version(claim, *changed, *review)
        form.save_m2m()
        article.mark_in_progress()
    text = f"Claim “{claim}” saved."
    if not request.htmx:
        return _done(request, article, text, anchor=f"claim-row-{pk}")
    editor = render_to_string(
        "claims/_claim_saved.html", {"claim": claim, "text": text}, request=request
    )
    response = _panels(request, article, editor)
    trigger_client_event(response, "cd-select-claim", {"id": claim.pk})
    return notify(response, "success", text)


@require_POST
def claim_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Delete a claim (its links go with it; its history keeps it, restorable in the admin)."""
    claim = get_claim_for_user(request, pk)
    if not claim.deletable_by(request.user):
        raise PermissionDenied(
            "Only reviewers and editors delete claims; an annotator deletes her own claim "
            "while it is a draft or was sent back."
        )
    article = claim.article
    user = request.user
    with transaction.atomic():
        current = Claim.objects.select_for_update(of=("self",)).select_related("source", "via")
        current_claim = current.get(pk=pk)
        if current_claim.version != _posted_version(request):
            current_claim.article = article
            now = claim_snapshot(current_claim, list(current_claim.tags.all()))
            message = _stale(
                f"claim “{current_claim}”",
                _seen(request),
                now,
                CLAIM_FIELDS,
                refused="The claim was not deleted",
            )
            if not request.htmx:
                return _done(
                    request, article, message, anchor=f"claim-row-{pk}", level=messages.ERROR
                )
            form = _prepare_claim_form(ClaimForm(instance=current_claim, user=user), article, user)
            response = _claim_form_response(request, article, form, claim=current_claim, status=409)
            return notify(response, "error", message)
        label = str(current_claim)
        current_claim.delete()
    text = f"Claim “{label}” deleted, with its links. Its history keeps it."
    if not request.htmx:
        return _done(request, article, text)
    editor = render_to_string("claims/_editor_message.html", {"text": text}, request=request)
    return notify(_panels(request, article, editor), "success", text)


@require_POST
def link_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Remove a link between two claims, from the claim whose editor shows it."""
    link = get_link_for_user(request, pk)
    require(request, "claims.delete_claimlink")
    try:
        shown_from = int(request.POST.get("claim", ""))
    except ValueError:
        shown_from = link.from_claim_id
    claim = link.to_claim if shown_from == link.to_claim_id else link.from_claim
    article = claim.article
    text = f"Link removed: “{link.from_claim}” {link.get_relation_display()} “{link.to_claim}”."
    link.delete()
    if not request.htmx:
        return _done(request, article, text, anchor=f"claim-row-{claim.pk}")
    editor = render_to_string(
        "claims/_claim_saved.html", {"claim": claim, "text": text}, request=request
    )
    response = _panels(request, article, editor)
    trigger_client_event(response, "cd-select-claim", {"id": claim.pk})
    return notify(response, "success", text)


def _claim_row_response(
    request: AuthenticatedHttpRequest, claim: Claim, status: int = 200
) -> HttpResponse:
    perms = permissions(request.user)
    row = claim_rows(claim.article, only=claim.pk, viewer=request.user)[0]
    html = claim_row_html(
        row,
        list(tags_for(claim.article)),
        can_change=perms["can_change_claims"],
        can_link=perms["can_link"],
    )
    return HttpResponse(html, status=status)


@require_POST
def claim_tag(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add or remove one tag on a claim: `claim_tag` = "<claim>:<tag>:<version>"."""
    try:
        claim_text, tag_text, version_text = request.POST["claim_tag"].split(":")
        claim_pk, tag_pk, version = int(claim_text), int(tag_text), int(version_text)
    except (KeyError, ValueError):
        return HttpResponseBadRequest("Expected claim_tag=<claim>:<tag>:<version>.")
    claim = get_claim_for_user(request, claim_pk)
    require(request, "claims.change_claim")
    article = claim.article
    tag = get_object_or_404(tags_for(article), pk=tag_pk)
    with transaction.atomic():
        current = (
            Claim.objects.select_for_update(of=("self",))
            .select_related("source", "via")
            .get(pk=claim_pk)
        )
        current.article = article
        if current.version != version:
            now = claim_snapshot(current, list(current.tags.all()))
            message = _stale(f"claim “{current}”", _seen(request), now, CLAIM_FIELDS)
            if not request.htmx:
                return _done(
                    request, article, message, anchor=f"claim-row-{claim_pk}", level=messages.ERROR
                )
            return notify(_claim_row_response(request, current, status=409), "error", message)
        if current.tags.filter(pk=tag.pk).exists():
            current.tags.remove(tag)
            text = f"Tag “{tag}” removed from “{current}”."
        else:
            current.tags.add(tag)
            text = f"Tagged “{current}” {tag}."
        save_version(current)
    if not request.htmx:
        return _done(request, article, text, anchor=f"claim-row-{claim_pk}")
    return notify(_claim_row_response(request, current), "success", text)


# --- links ----------------------------------------------------------------------------------


def _link_targets(claim: Claim, user: User) -> QuerySet[Claim]:
    """Claims a link from `claim` may point at: the same collection, not itself, and not
    another annotator's claim on an article `user` annotates blind."""
    return (
        blind.visible_claims(Claim.objects.all(), user)
        .filter(article__collection_id=claim.article.collection_id)
        .exclude(pk=claim.pk)
        .select_related("article", "created_by")
    )


def _search_claims(claim: Claim, query: str, user: User) -> list[Claim]:
    targets = _link_targets(claim, user)
    if query:
        # Full-text search on PostgreSQL (a GIN index), icontains on SQLite (issue 8).
        found = search_claims(targets, query)
        return list(found.order_by("article_id", "start")[:SEARCH_LIMIT])
    # Nothing typed yet: the other claims of the same article, in text order.
    return list(targets.filter(article_id=claim.article_id).order_by("start")[:SEARCH_LIMIT])


def _link_form_response(
    request: AuthenticatedHttpRequest, claim: Claim, form: ClaimLinkForm, status: int = 200
) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    chosen = str(form["to_claim"].value() or "")
    results = _search_claims(claim, query, request.user)
    context = {
        "article": claim.article,
        "claim": claim,
        "form": form,
        "query": query,
        "results": results,
        "chosen": chosen,
    }
    template = "claims/_link_form.html" if request.htmx else "claims/link_form_page.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def link_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Link this claim to another of the collection: pick the relation and the target."""
    claim = get_claim_for_user(request, pk)
    require(request, "claims.add_claimlink")
    article = claim.article
    if request.method == "GET":
        form = ClaimLinkForm(
            initial={"from_claim": claim.pk, "relation": ClaimLink.Relation.PART_OF}
        )
        return _link_form_response(request, claim, form)
    data = request.POST.copy()
    data["from_claim"] = str(claim.pk)
    form = ClaimLinkForm(data)
    form.fields["from_claim"].queryset = Claim.objects.filter(pk=claim.pk)  # type: ignore[attr-defined]
    form.fields["to_claim"].queryset = _link_targets(claim, request.user)  # type: ignore[attr-defined]
    if not form.is_valid():
        return _link_form_response(request, claim, form, status=422)
    link = form.save(commit=False)
    link.created_by = request.user
    link.save()
    text = f"Linked: “{claim}” {link.get_relation_display()} “{link.to_claim}”."
    if not request.htmx:
        return _done(request, article, text, anchor=f"claim-row-{pk}")
    editor = render_to_string("claims/_claim_saved.html", {"claim": claim, "text": text})
    response = _panels(request, article, editor)
    trigger_client_event(response, "cd-select-claim", {"id": claim.pk})
    return notify(response, "success", text)


@require_GET
def claim_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Claims of the collection whose quote contains `q`, as link targets for `claim`."""
    try:
        claim_pk = int(request.GET.get("claim", ""))
    except ValueError:
        return HttpResponseBadRequest("Expected claim=<id>.")
    claim = get_claim_for_user(request, claim_pk)
    require(request, "claims.view_claim")
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "claims/_claim_search_results.html",
        {"results": _search_claims(claim, query, request.user), "query": query, "chosen": ""},
    )


# --- sources --------------------------------------------------------------------------------


@require_GET
def source_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Sources whose name or aliases contain `q`, for the claim form's autocomplete."""
    require_reader(request)
    require(request, "claims.view_source")
    query = request.GET.get("q", "").strip()
    field = "via" if request.GET.get("for") == "via" else "source"
    sources = Source.objects.all()
    if query:
        sources = sources.filter(Q(name__icontains=query) | Q(aliases__icontains=query))
    return render(
        request,
        "claims/_source_results.html",
        {"sources": sources[:SEARCH_LIMIT], "query": query, "field": field},
    )


@require_POST
def source_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Create a source from the claim form and select it there."""
    require_reader(request)
    require(request, "claims.add_source")
    field = "via" if request.POST.get("for") == "via" else "source"
    form = SourceForm(request.POST, prefix="newsource")
    if not form.is_valid():
        errors = "; ".join(", ".join(str(e) for e in errs) for errs in form.errors.values())
        if not request.htmx:
            messages.error(request, f"Source not added: {errors}")
            return redirect(safe_next(request, request.POST.get("next"), "/"))
        response = render(
            request,
            "claims/_source_new.html",
            {"source_form": form, "field": field},
            status=422,
        )
        return notify(response, "error", f"Source not added: {errors}")
    source = form.save()
    text = f"Source “{source}” added."
    if not request.htmx:
        messages.success(request, text)
        target = safe_next(request, request.POST.get("next"), "/")
        joiner = "&" if "?" in target else "?"
        return redirect(f"{target}{joiner}{field}={source.pk}")
    picker = ClaimForm(initial={field: source.pk})
    select = picker[field].as_widget(attrs={"hx-swap-oob": "true"})
    fresh = SourceForm(prefix="newsource")
    body = render_to_string(
        "claims/_source_new.html", {"source_form": fresh, "field": field}, request=request
    )
    response = HttpResponse(body + select)
    return notify(response, "success", text)
