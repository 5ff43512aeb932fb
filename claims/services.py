"""Actions that span several models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from articles.models import Article
from claims.detection import (
    detect_attributions,
    detect_figures,
    source_match_key,
    source_name_candidates,
)
from claims.models import Figure, Source, SourceMention


@dataclass(frozen=True)
class DetectionResult:
    figures_added: int
    figures_kept: int
    mentions: int
    mentions_matched: int


def match_source(name: str, sources: list[Source]) -> Source | None:
    """The Source whose name or alias equals one of the candidate forms of `name`."""
    by_name: dict[str, Source] = {}
    for source in sources:
        for known in [source.name, *source.alias_list]:
            by_name.setdefault(source_match_key(known), source)
    for candidate in source_name_candidates(name):
        found = by_name.get(source_match_key(candidate))
        if found is not None:
            return found
    return None


@transaction.atomic
def article_detect(*, article: Article, created_by: Any = None) -> DetectionResult:
    """Store detected figures as suggestions and record who the sentences cite.

    Idempotent: a span that already has a figure (suggested, confirmed or rejected) is left
    as it is, so re-running never duplicates a figure nor touches a reviewed one. Spans
    overlapping a reviewed (confirmed or rejected) figure are not suggested again.
    """
    detected = detect_figures(article.text)
    existing = list(article.figures.values_list("start", "end", "state"))  # type: ignore[attr-defined]
    taken = {(start, end) for start, end, _ in existing}
    reviewed = [(s, e) for s, e, state in existing if state != Figure.State.SUGGESTED]
    new = [
        Figure.from_detected(article, d, state=Figure.State.SUGGESTED, created_by=created_by)
        for d in detected
        if (d.start, d.end) not in taken and not any(s < d.end and d.start < e for s, e in reviewed)
    ]
    # Issue 5: the suggestions enter each figure's history (bulk_create sends no signals).
    bulk_create_with_history(
        new, Figure, batch_size=500, default_user=created_by, default_change_reason="detected"
    )

    sources = list(Source.objects.all())
    mentions = []
    for found in detect_attributions(article.text, detected):
        mentions.append(
            SourceMention(
                article=article,
                start=found.start,
                end=found.end,
                name=found.name[:500],
                cue=found.cue[:100],
                sentence_start=found.sentence_start,
                sentence_end=found.sentence_end,
                source=match_source(found.name, sources),
            )
        )
    SourceMention.objects.filter(article=article).delete()
    SourceMention.objects.bulk_create(mentions, batch_size=500)
    return DetectionResult(
        figures_added=len(new),
        figures_kept=len(existing),
        mentions=len(mentions),
        mentions_matched=sum(1 for m in mentions if m.source_id is not None),
    )
