"""Related articles in the browser (issue 18): the workspace's relations panel and the
side-by-side comparison of an article with its original.

Reading needs the reader role (404 for outsiders); relating articles is an editor's change
(articles.change_article, 403 otherwise); correcting the alignment and deciding on a
translation finding are review actions (claims.review_claim). The comparison shows stored
figures, the alignment and findings, which compare everyone's work: an annotator working
blind on either article gets 403, as for the consistency panel (claims/blind.py). Actions
follow Post/Redirect/Get; an htmx request gets the changed fragment back instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from articles.models import Article, ArticleRelation
from claims.alignments.forms import AlignForm, RelationForm
from claims.alignments.models import FigureAlignment
from claims.alignments.store import (
    AlignmentError,
    align_by_hand,
    relation_create,
    relation_delete,
    unalign_by_hand,
)
from claims.blind import blind_article_ids
from claims.consistency.store import stored_report
from claims.consistency.views import _decide
from claims.models import Figure
from core.access import get_article_for_user, require, require_reader, safe_next
from core.http import AuthenticatedHttpRequest
from core.permissions import CHANGE_ARTICLE, REVIEW

BLIND_COMPARISON = (
    "The comparison is hidden while you annotate one of these articles blind (double "
    "annotation); it shows once every annotator has submitted it."
)
# Colours of aligned pairs, cycled (compare.css: .pair-0 … .pair-7).
PAIR_COLOURS = 8


class RelationRow(TypedDict):
    """A relation as the workspace panel lists it (`relations_of`)."""

    relation: ArticleRelation
    label: str
    other: Article
    compare_url: str


def relations_of(article: Article) -> list[RelationRow]:
    """The workspace panel's rows: each relation with the other article and its direction.
    One query."""
    rows: list[RelationRow] = []
    for relation in ArticleRelation.objects.touching(article).select_related("derived", "original"):
        derived = relation.derived_id == article.pk
        other = relation.original if derived else relation.derived
        label = relation.get_kind_display() if derived else _inverse(relation.kind)
        rows.append(
            {
                "relation": relation,
                "label": label,
                "other": other,
                "compare_url": reverse("claims:article_compare", args=[article.pk, other.pk]),
            }
        )
    return rows


INVERSE: dict[str, str] = {
    ArticleRelation.Kind.TRANSLATION_OF: "Translated as",
    ArticleRelation.Kind.BASED_ON: "Source of",
    ArticleRelation.Kind.RELAYS: "Relayed by",
}


def _inverse(kind: str) -> str:
    return INVERSE.get(kind, kind)


@require_POST
def relation_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """This article is a translation of (based on, relays) another: an editor's change."""
    article = get_article_for_user(request, pk)
    require(request, CHANGE_ARTICLE)
    form = RelationForm(request.POST)
    back = safe_next(request, request.POST.get("next"), article.get_absolute_url())
    if not form.is_valid():
        for error in form.errors.get("original", []) + form.errors.get("kind", []):
            messages.error(request, str(error))
        return redirect(back)
    original = get_article_for_user(request, form.cleaned_data["original"])
    try:
        _, created = relation_create(
            derived=article, original=original, kind=form.cleaned_data["kind"], by=request.user
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(back)
    messages.success(
        request,
        f"Related to “{original.title}”." if created else "These articles were already related.",
    )
    return redirect(back)


@require_POST
def relation_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_reader(request)
    relation = get_object_or_404(ArticleRelation.objects.select_related("derived"), pk=pk)
    require(request, CHANGE_ARTICLE)
    relation_delete(relation)
    messages.success(request, "The relation was removed.")
    return redirect(
        safe_next(request, request.POST.get("next"), relation.derived.get_absolute_url())
    )


# --------------------------------------------------------------------------------------------
# The side-by-side page
# --------------------------------------------------------------------------------------------


@dataclass
class Piece:
    """A stretch of one text: plain, or a figure (escaped by the template)."""

    text: str
    figure_id: int | None = None
    pair: int | None = None
    change: str = ""

    @property
    def colour(self) -> int | None:
        return None if self.pair is None else self.pair % PAIR_COLOURS


@dataclass
class Side:
    article: Article
    role: str  # "original" or "derived"
    paragraphs: list[list[Piece]] = field(default_factory=list)


def _pieces(text: str, marks: list[tuple[int, int, int, int | None, str]]) -> list[list[Piece]]:
    """The text cut at its figures (start, end, id, pair, change; overlaps skipped), then
    into paragraphs at blank lines."""
    pieces: list[Piece] = []
    at = 0
    for start, end, figure_id, pair, change in sorted(marks):
        if start < at or end > len(text):
            continue
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], figure_id, pair, change))
        at = end
    pieces.append(Piece(text[at:]))
    paragraphs: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece.figure_id is not None:
            paragraphs[-1].append(piece)
            continue
        parts = piece.text.split("\n\n")
        for i, part in enumerate(parts):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Piece(part))
    return [p for p in paragraphs if p]


def _pair(
    request: AuthenticatedHttpRequest, pk: int, other: int
) -> tuple[Article, Article, ArticleRelation]:
    first = get_article_for_user(request, pk)
    second = get_article_for_user(request, other)
    relation = (
        ArticleRelation.objects.filter(
            Q(derived=first, original=second) | Q(derived=second, original=first)
        )
        .select_related("derived__collection", "original__collection")
        .first()
    )
    if relation is None:
        raise Http404("These two articles are not related.")
    if blind_article_ids(request.user) & {first.pk, second.pk}:
        raise PermissionDenied(BLIND_COMPARISON)
    return first, second, relation


def compare_context(
    request: AuthenticatedHttpRequest, first: Article, relation: ArticleRelation
) -> dict[str, object]:
    """Both texts with their aligned figures, the alignment and the translation findings.
    A fixed number of queries, whatever the number of figures."""
    original, derived = relation.original, relation.derived
    report = stored_report({original.pk, derived.pk})  # aligns the pair if it is out of date
    states = [
        s
        for s in report.findings
        if s.finding.kind.startswith("translation_")
        and set(s.finding.article_ids) == {original.pk, derived.pk}
    ]
    rows = list(
        FigureAlignment.objects.filter(relation=relation)
        .select_related("derived_figure", "original_figure")
        .order_by("derived_figure__start", "original_figure__start", "pk")
    )
    figures = {
        f.pk: f
        for f in Figure.objects.filter(article__in=[original.pk, derived.pk])
        .exclude(state=Figure.State.REJECTED)
        .only("pk", "article_id", "start", "end", "surface", "state")
    }
    pair_of: dict[int, int] = {}
    change_of: dict[int, str] = {}
    table = []
    for number, row in enumerate(rows):
        ids = [i for i in (row.derived_figure_id, row.original_figure_id) if i in figures]
        paired = row.derived_figure_id in figures and row.original_figure_id in figures
        for figure_id in ids:
            if paired:
                pair_of[figure_id] = number
            change_of[figure_id] = row.change
        if ids:
            table.append(
                {
                    "row": row,
                    "pair": number if paired else None,
                    "colour": number % PAIR_COLOURS if paired else None,
                }
            )
    sides = []
    for article, role in ((original, "original"), (derived, "derived")):
        marks = [
            (f.start, f.end, f.pk, pair_of.get(f.pk), change_of.get(f.pk, ""))
            for f in figures.values()
            if f.article_id == article.pk
        ]
        sides.append(Side(article, role, _pieces(article.text, marks)))
    other = derived if first.pk == original.pk else original
    return {
        "article": first,
        "other": other,
        "relation": relation,
        "sides": sides,
        "changes": states,
        "open_count": sum(1 for s in states if s.is_open),
        "alignment": table,
        "original_figures": sorted(
            (f for f in figures.values() if f.article_id == original.pk), key=lambda f: f.start
        ),
        "can_decide": request.user.has_perm(REVIEW),
        "page_url": reverse("claims:article_compare", args=[first.pk, other.pk]),
        "decide_url": reverse("claims:article_compare_decide", args=[first.pk, other.pk]),
        "align_url": reverse("claims:article_compare_align", args=[first.pk, other.pk]),
        "colours": PAIR_COLOURS,
    }


@require_GET
def compare(request: AuthenticatedHttpRequest, pk: int, other: int) -> HttpResponse:
    first, _, relation = _pair(request, pk, other)
    return render(request, "alignments/compare.html", compare_context(request, first, relation))


@require_POST
def compare_decide(request: AuthenticatedHttpRequest, pk: int, other: int) -> HttpResponse:
    """Accept (the suggested link is made) or dismiss a translation finding."""
    first, _, relation = _pair(request, pk, other)
    require(request, REVIEW)
    if not request.POST.get("key", "").startswith("translation_"):
        ok, text = False, "This is not a translation finding."
    else:
        ok, text = _decide(request, first.collection)
    return _answer(request, first, relation, ok, text)


@require_POST
def compare_align(request: AuthenticatedHttpRequest, pk: int, other: int) -> HttpResponse:
    """Correct the alignment by hand: a figure of the translation renders this figure of the
    original, or none; `reset` forgets the correction."""
    first, _, relation = _pair(request, pk, other)
    require(request, REVIEW)
    form = AlignForm(request.POST)
    if not form.is_valid():
        return _answer(request, first, relation, False, " ".join(form.errors_text()))
    figures = Figure.objects.filter(
        article__in=[relation.derived_id, relation.original_id]
    ).exclude(state=Figure.State.REJECTED)
    derived = figures.filter(pk=form.cleaned_data["figure"]).first()
    original_id = form.cleaned_data["original"]
    original = figures.filter(pk=original_id).first() if original_id else None
    if derived is None or (original_id and original is None):
        return _answer(request, first, relation, False, "That figure is gone or was rejected.")
    try:
        if form.cleaned_data["reset"]:
            unalign_by_hand(relation=relation, derived_figure=derived)
            text = f"“{derived.surface}” is aligned as computed again."
        else:
            align_by_hand(
                relation=relation, derived_figure=derived, original_figure=original, by=request.user
            )
            text = (
                f"“{derived.surface}” now renders “{original.surface}”."
                if original
                else f"“{derived.surface}” has no figure of the original."
            )
    except AlignmentError as exc:
        return _answer(request, first, relation, False, str(exc))
    return _answer(request, first, relation, True, text)


def _answer(
    request: AuthenticatedHttpRequest,
    first: Article,
    relation: ArticleRelation,
    ok: bool,
    text: str,
) -> HttpResponse:
    """htmx: the page's comparison fragment (409 when refused) with the message as an event;
    else the message and a redirect to the page."""
    if request.htmx:
        response = render(
            request,
            "alignments/_comparison.html",
            compare_context(request, first, relation),
            status=200 if ok else 409,
        )
        return trigger_client_event(
            response, "cd-message", {"level": "success" if ok else "error", "text": text}
        )
    messages.add_message(request, messages.SUCCESS if ok else messages.ERROR, text)
    other = relation.original_id if first.pk == relation.derived_id else relation.derived_id
    return redirect(reverse("claims:article_compare", args=[first.pk, other]))
