"""Evidence tests: uploaded files go to a temporary MEDIA_ROOT; a collection with claims."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from claims.detection import detect_figures
from claims.models import Claim, Figure

ARTICLE_TEXT = (
    "In 2023 the regulator removed 1.4 million posts.\n\n"
    "It closed 67,000 accounts in 2023.\n\n"
    "The office fined 52 companies in 2023."
)
DOCUMENT_TEXT = (
    "Annual enforcement statement 2023\n"
    "In 2023 the office removed 1,396,000 posts.\n"
    "It closed 71,500 accounts in 2023.\n"
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def claimed_article(collection: Any, alice: Any) -> Any:
    """An article of `collection` with one claim per sentence, each holding its figure."""
    from articles.models import Article

    article, _ = Article.objects.import_text(
        collection=collection, text=ARTICLE_TEXT, title="Enforcement", created_by=alice
    )
    start = 0
    for sentence in ARTICLE_TEXT.split("\n\n"):
        start = ARTICLE_TEXT.index(sentence, start)
        claim = Claim.objects.create(
            article=article,
            start=start,
            end=start + len(sentence),
            quote=sentence,
            created_by=alice,
        )
        figures = []
        for found in detect_figures(sentence):
            if found.surface == "2023":
                continue
            shifted = replace(found, start=found.start + start, end=found.end + start)
            figures.append(Figure.from_detected(article, shifted))
        Figure.objects.bulk_create(figures)
        claim.figures.set(
            Figure.objects.filter(article=article, start__gte=start, end__lte=start + len(sentence))
        )
        start += len(sentence)
    return article


def claim_with(article: Any, surface: str) -> Claim:
    return Claim.objects.get(article=article, figures__surface=surface)


@pytest.fixture
def decided(collection: Any, claimed_article: Any, bob: Any) -> tuple[Any, Claim, Claim]:
    """The statement ("Annual statement") attached to the 52 claim; bob's decisions: 1.4 million
    supported by 1,396,000, 52 not found; both claims' verdict accurate. Returns the document
    and the two claims."""
    from claims.evidence.store import document_attach
    from claims.models import Evidence

    fines = claim_with(claimed_article, "52")
    statement, _ = document_attach(
        collection=collection,
        data=DOCUMENT_TEXT.encode(),
        name="statement.txt",
        title="Annual statement",
        claim=fines,
        source_url="https://regulator.example/statement",
    )
    posts = claim_with(claimed_article, "1.4 million")
    Evidence.objects.create(
        claim=posts,
        figure=posts.figures.get(),
        document_figure=statement.figures.get(surface="1,396,000"),
        outcome="supported",
        reason="1,396,000 rounds to 1.4 million",
        decided_by=bob,
    )
    Evidence.objects.create(
        claim=fines, figure=fines.figures.get(), outcome="not_found", decided_by=bob
    )
    Claim.objects.filter(pk__in=[posts.pk, fines.pk]).update(verdict="accurate")
    return statement, posts, fines
