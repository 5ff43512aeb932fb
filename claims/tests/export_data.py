"""An annotated article for the export tests: two sources, tags, figures, claims, a link."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from articles.models import Article, Collection
from claims.models import Claim, ClaimLink, Figure, Source, Tag

TEXT = (
    "BEIJING, May 28 (Reuters) - China's State Internet Information Office (CAC) said on "
    "Saturday it had removed more than 1.4 million posts and closed 67,000 accounts.\n\n"
    "Of the 67,000 accounts, nearly 8,000 spread rumours, the regulator said. "
    "Critics said the campaign was vague. “数据 🚀 q\u0307” was the slogan."
)


def span(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def figure(article: Article, needle: str, occurrence: int = 0, **fields: Any) -> Figure:
    start, end = span(article.text, needle, occurrence)
    return Figure.objects.create(article=article, start=start, end=end, surface=needle, **fields)


def claim(article: Article, needle: str, figures: list[Figure], **fields: Any) -> Claim:
    start, end = span(article.text, needle)
    made = Claim.objects.create(article=article, start=start, end=end, quote=needle, **fields)
    made.figures.set(figures)
    return made


def annotated_article(collection: Collection, user: Any = None, text: str = TEXT) -> Article:
    article, _ = Article.objects.import_text(
        collection=collection,
        text=text,
        title="China's regulator removes 1.4 million posts",
        outlet="Reuters",
        url="https://www.reuters.com/world/china/1",
        published_on="2023-05-28",
        metadata={"section": "World", "wordcount": 61},
        created_by=user,
    )
    cac, _ = Source.objects.get_or_create(
        name="Cyberspace Administration of China", defaults={"kind": Source.Kind.REGULATOR}
    )
    reuters, _ = Source.objects.get_or_create(
        name="Reuters", defaults={"kind": Source.Kind.NEWS_AGENCY}
    )
    enforcement, _ = Tag.objects.get_or_create(
        collection=collection, slug="enforcement", defaults={"name": "Enforcement"}
    )
    scope, _ = Tag.objects.get_or_create(
        collection=collection, slug="scope", defaults={"name": "Scope"}
    )
    posts = figure(
        article,
        "more than 1.4 million",
        value=Decimal("1400000"),
        lower=Decimal("1400000"),
        qualifier=Figure.Qualifier.MORE_THAN,
        counted="posts",
        state=Figure.State.CONFIRMED,
    )
    accounts = figure(
        article, "67,000", value=Decimal("67000"), counted="accounts", state="confirmed"
    )
    again = figure(article, "67,000", 1, value=Decimal("67000"), counted="accounts")
    rumours = figure(
        article,
        "nearly 8,000",
        value=Decimal("8000"),
        upper=Decimal("8000"),
        qualifier=Figure.Qualifier.APPROX_BELOW,
        origin=Figure.Origin.DETECTED,
    )
    first = claim(
        article,
        "it had removed more than 1.4 million posts and closed 67,000 accounts",
        [posts, accounts],
        source=cac,
        via=reuters,
        attribution=Claim.Attribution.PARAPHRASE,
        status=Claim.Status.APPROVED,
        verdict=Claim.Verdict.ACCURATE,
        note="Matches the CAC statement.",
        created_by=user,
    )
    first.tags.set([enforcement, scope])
    second = claim(
        article,
        "Of the 67,000 accounts, nearly 8,000 spread rumours, the regulator said.",
        [again, rumours],
        source=cac,
        attribution=Claim.Attribution.DIRECT,
        status=Claim.Status.SUBMITTED,
        verdict=Claim.Verdict.UNVERIFIABLE,
    )
    second.tags.set([enforcement])
    ClaimLink.objects.create(
        from_claim=second, to_claim=first, relation=ClaimLink.Relation.PART_OF, note="subset"
    )
    claim(article, "“数据 🚀 q\u0307”", [], status=Claim.Status.DRAFT)
    return article
