"""The workspace's claim actions: claims created, edited, deleted, tagged and linked; sources
found or added. Access, responses and stale-edit checks as in views.py.
"""

from __future__ import annotations

from typing import cast

from django import forms
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

from articles.models import Article
from claims import blind
from claims.forms import ClaimForm, ClaimLinkForm, SourceForm, limit_choices
from claims.models import (
    Claim,
    ClaimLink,
    Figure,
    Source,
    SourceMention,
)
from claims.workspace.html import claim_row_html, permissions
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
    CLAIM_FIELDS,
    article_figures,
    claim_rows,
    claim_snapshot,
    snapshot_json,
    tags_for,
)
from core.access import (
    came_from,
    get_article_for_user,
    get_claim_for_user,
    get_link_for_user,
    require,
    require_reader,
    safe_next,
)
from core.http import AuthenticatedHttpRequest, notify
from core.locking import save_version
from core.permissions import REVIEW
from core.search import search_claims

SEARCH_LIMIT = 20


# --- claims ---------------------------------------------------------------------------------


def _claim_saved(
    request: AuthenticatedHttpRequest, article: Article, claim: Claim, text: str
) -> HttpResponse:
    """After a change to a claim or its links: back to the workspace at the claim (without
    JS), or the editor's message with the text and lists swapped out of band (htmx)."""
    if not request.htmx:
        return done(request, article, text, anchor=f"claim-row-{claim.pk}")
    editor = render_to_string(
        "workspace/_claim_saved.html", {"claim": claim, "text": text}, request=request
    )
    return selected(panels(request, article, editor), "claim", claim.pk, text)


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
    reader = blind.reader_of(article, user)
    limit_choices(
        form,
        figures=article_figures(article, reader),
        tags=tags_for(article),
        article=Article.objects.filter(pk=article.pk),
    )
    form.fields["note"].widget.attrs["rows"] = 2
    if not user.has_perm(REVIEW):
        for name in ("verdict", "rejection_reason"):
            form.fields[name].disabled = True
        allowed = {Claim.Status.DRAFT, Claim.Status.SUBMITTED}
        if form.instance.pk is not None:
            allowed.add(form.instance.status)
        cast(forms.ChoiceField, form.fields["status"]).choices = [
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
) -> dict[str, object]:
    start = form["start"].value()
    end = form["end"].value()
    try:
        start_i, end_i = int(start or 0), int(end or 0)
    except (TypeError, ValueError):
        start_i = end_i = 0
    inside = _figures_inside(article, blind_user(request, article), start_i, end_i)
    chosen = {str(v) for v in (form["figures"].value() or [])}
    chosen_tags = {str(v) for v in (form["tags"].value() or [])}
    context: dict[str, object] = {
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
    extra: dict[str, object] | None = None,
) -> HttpResponse:
    context = _claim_form_context(request, article, form, claim)
    context.update(extra or {})
    return fragment_or_page(
        request, "workspace/_claim_form.html", "workspace/claim_form_page.html", context, status
    )


@require_http_methods(["GET", "POST"])
def claim_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Create a claim from a selection, pre-filled with the figures inside it and the source
    the detector proposed for its sentence."""
    article = get_article_for_user(request, pk)
    require(request, "claims.add_claim")
    user = request.user
    if request.method == "GET":
        span = span_from(request, article)
        if span is None:
            return HttpResponseBadRequest("Select the claim's text first (start and end).")
        start, end = span
        figures = _figures_inside(article, blind_user(request, article), start, end)
        mention = proposed_source(article, start, end)
        initial: dict[str, object] = {
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
    claim.note_reviewer(by=user, changed=form.changed_data)
    claim.save()
    form.save_m2m()
    article.mark_in_progress()
    return _claim_saved(request, article, claim, f"Claim “{claim}” saved.")


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
        if current.version != posted_version(request):
            now = claim_snapshot(current, list(current.tags.all()))
            message = stale(f"claim “{current}”", posted_snapshot(request), now, CLAIM_FIELDS)
            if not request.htmx:
                return refused(request, article, message, anchor=f"claim-row-{pk}")
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
        review = claim.note_reviewer(by=user, changed=form.changed_data)
        m2m = {"figures", "tags"}
        changed = [n for n in form.changed_data if n not in m2m and n != "article"]
        save_version(claim, *changed, *review)
        form.save_m2m()
        article.mark_in_progress()
    return _claim_saved(request, article, claim, f"Claim “{claim}” saved.")


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
        if current_claim.version != posted_version(request):
            current_claim.article = article
            now = claim_snapshot(current_claim, list(current_claim.tags.all()))
            message = stale(
                f"claim “{current_claim}”",
                posted_snapshot(request),
                now,
                CLAIM_FIELDS,
                refused="The claim was not deleted",
            )
            if not request.htmx:
                return refused(request, article, message, anchor=f"claim-row-{pk}")
            form = _prepare_claim_form(ClaimForm(instance=current_claim, user=user), article, user)
            response = _claim_form_response(request, article, form, claim=current_claim, status=409)
            return notify(response, "error", message)
        label = str(current_claim)
        current_claim.delete()
    text = f"Claim “{label}” deleted, with its links. Its history keeps it."
    if not request.htmx:
        return done(request, article, text)
    editor = render_to_string("workspace/_editor_message.html", {"text": text}, request=request)
    return notify(panels(request, article, editor), "success", text)


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
    return _claim_saved(request, article, claim, text)


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
            message = stale(f"claim “{current}”", posted_snapshot(request), now, CLAIM_FIELDS)
            if not request.htmx:
                return refused(request, article, message, anchor=f"claim-row-{claim_pk}")
            return notify(_claim_row_response(request, current, status=409), "error", message)
        if current.tags.filter(pk=tag.pk).exists():
            current.tags.remove(tag)
            text = f"Tag “{tag}” removed from “{current}”."
        else:
            current.tags.add(tag)
            text = f"Tagged “{current}” {tag}."
        save_version(current)
    if not request.htmx:
        return done(request, article, text, anchor=f"claim-row-{claim_pk}")
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
    return fragment_or_page(
        request, "workspace/_link_form.html", "workspace/link_form_page.html", context, status
    )


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
    limit_choices(
        form,
        from_claim=Claim.objects.filter(pk=claim.pk),
        to_claim=_link_targets(claim, request.user),
    )
    if not form.is_valid():
        return _link_form_response(request, claim, form, status=422)
    link = form.save(commit=False)
    link.created_by = request.user
    link.save()
    text = f"Linked: “{claim}” {link.get_relation_display()} “{link.to_claim}”."
    return _claim_saved(request, article, claim, text)


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
        "workspace/_claim_search_results.html",
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
        "workspace/_source_results.html",
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
            return redirect(safe_next(request, request.POST.get("next"), came_from(request)))
        response = render(
            request,
            "workspace/_source_new.html",
            {"source_form": form, "field": field},
            status=422,
        )
        return notify(response, "error", f"Source not added: {errors}")
    source = form.save()
    text = f"Source “{source}” added."
    if not request.htmx:
        messages.success(request, text)
        target = safe_next(request, request.POST.get("next"), came_from(request))
        joiner = "&" if "?" in target else "?"
        return redirect(f"{target}{joiner}{field}={source.pk}")
    picker = ClaimForm(initial={field: source.pk})
    select = picker[field].as_widget(attrs={"hx-swap-oob": "true"})
    fresh = SourceForm(prefix="newsource")
    body = render_to_string(
        "workspace/_source_new.html", {"source_form": fresh, "field": field}, request=request
    )
    response = HttpResponse(body + select)
    return notify(response, "success", text)
