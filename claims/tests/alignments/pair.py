"""A translation and its original for the alignment tests: the sample article (English, as
relayed) and the Chinese passage written for the demo, with their figures detected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from articles.models import Article, ArticleRelation, Collection
from claims.alignments.store import relation_create
from claims.models import Figure
from claims.services import articles_detect

DEMO = Path(settings.BASE_DIR) / "articles" / "demo"
SAMPLE = DEMO / "cac-self-media-2023-05-28.txt"
CHINESE = DEMO / "cac-statement-zh-written-for-demo.txt"


def load_pair(
    collection: Collection, *, by: Any = None, relate: bool = True
) -> tuple[Article, Article, ArticleRelation | None]:
    """(translation, original, relation): both detected, related unless `relate` is false."""
    translation, _ = Article.objects.import_text(
        collection=collection,
        text=SAMPLE.read_text(encoding="utf-8"),
        title="China's regulator says 1.4 million 'self-media' posts removed",
        language="en",
        created_by=by,
    )
    original, _ = Article.objects.import_text(
        collection=collection,
        text=CHINESE.read_text(encoding="utf-8"),
        title="中央网信办通报自媒体整治进展 (Chinese passage written for the demo)",
        language="zh",
        created_by=by,
    )
    articles_detect(articles=[translation, original])
    relation = None
    if relate:
        relation, _ = relation_create(
            derived=translation, original=original, kind="translation_of", by=by
        )
    return translation, original, relation


def figure(article: Article, surface: str) -> Figure:
    return Figure.objects.get(article=article, surface=surface)
