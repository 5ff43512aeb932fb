"""The demo's original (issue 18): a short Chinese passage written for the demo, not the
regulator's statement, carrying the statement's figures as the sample article reports them
(近140万条, 6.7万个账号 处置, 超过10万, 近1.3万 …), related to the sample article as its
original, so that the side-by-side view shows the sample's real slips: the hedge of
"nearly 1.4 million" dropped, "67,000 accounts were hacked" where the passage says 处置
(dealt with), and the posts-removed figures the passage does not have ("hundreds of
thousands", "nearly one million")."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from articles.importers.text import import_plain_text_file
from articles.models import Article, ArticleRelation
from claims.alignments.store import realign, relation_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ORIGINAL = Path(settings.BASE_DIR) / "articles" / "demo" / "cac-statement-zh-written-for-demo.txt"
TITLE = (
    "中央网信办通报“清朗·自媒体乱象整治”专项行动进展 "
    "(Chinese passage written for the Claimdesk demo, not the CAC's statement)"
)


def relate_demo_original(
    translation: Article, created_by: User | None
) -> tuple[ArticleRelation, bool]:
    """The demo's Chinese passage, imported beside `translation` and related as its original."""
    original, _ = import_plain_text_file(
        ORIGINAL,
        collection=translation.collection,
        title=TITLE,
        outlet="Claimdesk demo",
        language="zh",
        created_by=created_by,
    )
    relation, created = relation_create(
        derived=translation,
        original=original,
        kind=ArticleRelation.Kind.TRANSLATION_OF,
        by=created_by,
    )
    realign([translation.pk])  # aligned now: every export and page has it at once
    return relation, created
