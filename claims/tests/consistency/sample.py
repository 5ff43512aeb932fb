"""The sample article with its figures, for the consistency tests.

`HAND_FIGURES` is the figure set by hand, with spans found in the text (so the checks are
tested whatever the detector does); `load_sample(..., detect=True)` uses the detector instead.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

from articles.models import Article, Collection
from claims.models import Figure

SAMPLE = Path(settings.BASE_DIR) / "articles" / "demo" / "cac-self-media-2023-05-28.txt"

# (surface, value, lower, upper, qualifier, unit, counted), in text order.
HAND_FIGURES: list[tuple[str, Any, Any, Any, str, str, str]] = [
    ("two-year", 2, None, None, "exact", "year", ""),
    ("1.4 million", 1400000, None, None, "exact", "", "social media posts"),
    ("67,000", 67000, None, None, "exact", "", "social media accounts"),
    ("hundreds of thousands", None, 100000, 999999, "vague", "", "posts"),
    ("billions", None, 10**9, 10**12 - 1, "vague", "", "social media accounts"),
    ("67,000", 67000, None, None, "exact", "", "permanently closed accounts"),
    ("nearly 8,000", 8000, None, 8000, "approx_below", "", ""),
    ("some 930,000", 930000, None, None, "approx", "", "other accounts"),
    ("more than 100,000", 100000, 100000, None, "more_than", "", "news anchors and media outlets"),
    ("nearly 13,000", 13000, None, 13000, "approx_below", "", "fake military accounts"),
    ("about 25,000", 25000, None, None, "approx", "", "other accounts"),
    ("Nearly 187,000", 187000, None, 187000, "approx_below", "", "people"),
    ("more than 430,000", 430000, 430000, None, "more_than", "", ""),
    ("some 45,000", 45000, None, None, "approx", "", "accounts"),
    ("nearly one million", 1000000, None, 1000000, "approx_below", "", "public posts"),
]


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def load_sample(collection: Collection, *, detect: bool = False, created_by: Any = None) -> Article:
    article, _ = Article.objects.import_text(
        collection=collection,
        text=SAMPLE.read_text(encoding="utf-8"),
        title="China's regulator says 1.4 million 'self-media' posts removed",
        created_by=created_by,
    )
    figures: list[Figure] = []
    if detect:
        from claims.detection import detect_figures

        figures.extend(Figure.from_detected(article, d) for d in detect_figures(article.text))
    else:
        position = 0
        for surface, value, lower, upper, qualifier, unit, counted in HAND_FIGURES:
            start = article.text.index(surface, position)
            position = start + len(surface)
            figures.append(
                Figure(
                    article=article,
                    start=start,
                    end=position,
                    surface=surface,
                    value=_decimal(value),
                    lower=_decimal(lower),
                    upper=_decimal(upper),
                    qualifier=qualifier,
                    unit=unit,
                    counted=counted,
                )
            )
    Figure.objects.bulk_create(figures)
    return article


def by_surface(article: Article) -> dict[str, list[int]]:
    """Figure ids by surface, in text order ("67,000" has two)."""
    found: dict[str, list[int]] = {}
    for pk, surface in article.figures.order_by("start").values_list("pk", "surface"):
        found.setdefault(surface, []).append(pk)
    return found
