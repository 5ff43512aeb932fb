"""Web Annotation of related articles (issue 18): one annotation per figure alignment of a
translation whose article holds an exported claim, with both targets, the translation's
figure and the original's (one when the other side has none), motivation `linking`; bodies:
the explanation (`describing`) and the change (`classifying`) when there is one."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.db.models import QuerySet
from django.urls import reverse

from claims.alignments.models import FigureAlignment
from claims.models import Claim
from core.types import JSONObject, JSONValue


def _alignments(claims: QuerySet[Claim]) -> QuerySet[FigureAlignment]:
    return FigureAlignment.objects.filter(relation__derived__in=claims.values("article_id"))


def alignment_total(claims: QuerySet[Claim]) -> int:
    return _alignments(claims).count()


def alignment_annotations(
    claims: QuerySet[Claim],
    *,
    base_url: str,
    context: str,
    target: Callable[[str, str, int, int], JSONObject],  # webannotation's _target
    text_body: Callable[[str, str], JSONObject],  # and _text_body
) -> Iterator[JSONObject]:
    """The annotations, in relation and text order: one query (the texts come with them)."""
    rows = (
        _alignments(claims)
        .select_related(
            "relation__derived", "relation__original", "derived_figure", "original_figure"
        )
        .order_by("relation_id", "derived_figure__start", "original_figure__start", "pk")
    )
    for row in rows.iterator(chunk_size=500):
        targets: list[JSONValue] = []
        for figure, article in (
            (row.derived_figure, row.relation.derived),
            (row.original_figure, row.relation.original),
        ):
            if figure is not None:
                page = base_url + reverse("articles:article", args=[article.pk])
                targets.append(target(page, article.text, figure.start, figure.end))
        bodies: list[JSONValue] = [text_body(row.explanation, "describing")]
        if row.change:
            bodies.append(text_body(row.change, "classifying"))
        yield {
            "@context": context,
            "id": f"{base_url}/annotations/alignments/{row.pk}",
            "type": "Annotation",
            "motivation": "linking",
            "body": bodies,
            "target": targets if len(targets) > 1 else targets[0],
        }
