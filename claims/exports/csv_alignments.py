"""CSV of related articles (issue 18): `export_dataset --format csv --rows alignments`, one
row per figure alignment of every relation whose derived article is exported: both articles,
both figures (either may be empty), what changed and the translation finding's status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.db.models import QuerySet

from articles.models import Article
from claims.alignments.models import EXPORTED_FIELDS, FigureAlignment
from claims.consistency.records import TRANSLATION_KINDS, finding_key
from claims.consistency.reports import Status
from claims.models import FindingDecision

ALIGNMENT_COLUMNS = [
    "relation_id",
    "relation_kind",
    "derived_article_id",
    "derived_article_title",
    "derived_language",
    "original_article_id",
    "original_article_title",
    "original_language",
    "derived_figure_id",
    "derived_surface",
    "derived_start",
    "derived_end",
    "original_figure_id",
    "original_surface",
    "original_start",
    "original_end",
    "change",
    "also",
    "weak",
    "explanation",
    "origin",
    "finding_status",
]


def alignment_rows(
    articles: QuerySet[Article], safe: Callable[[str], str]
) -> Iterator[list[object]]:
    """The rows, in relation and text order: one query for the rows, one for decisions."""
    rows = list(
        FigureAlignment.objects.filter(relation__derived__in=articles)
        .order_by("relation_id", "derived_figure__start", "original_figure__start", "pk")
        .values_list(
            "relation_id",
            "relation__kind",
            "relation__derived_id",
            "relation__derived__title",
            "relation__derived_language",
            "relation__original_id",
            "relation__original__title",
            "relation__original_language",
            "derived_figure_id",
            "derived_figure__surface",
            "original_figure_id",
            "original_figure__surface",
            *EXPORTED_FIELDS,
        )
    )
    # In the columns' order: each figure's id, surface, start and end.
    rows = [(*r[:8], r[8], r[9], r[12], r[13], r[10], r[11], r[14], r[15], *r[16:]) for r in rows]
    keys = [
        finding_key(TRANSLATION_KINDS[row[16]], [i for i in (row[8], row[12]) if i is not None])
        if row[16]
        else ""
        for row in rows
    ]
    decided = dict(
        FindingDecision.objects.filter(key__in=[k for k in keys if k]).values_list(
            "key", "decision"
        )
    )
    for row, key in zip(rows, keys, strict=True):
        status = decided.get(key, Status.OPEN) if key else ""
        yield [
            safe(v) if isinstance(v, str) else ("" if v is None else v)
            for v in (*row[:17], row[17].replace(",", "; "), "yes" if row[18] else "", *row[19:])
        ] + [status]
